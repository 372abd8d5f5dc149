"""Review dates: whether a leaflet is ok, due for review soon, or expired, and what to say.

Kept apart from the rest of the review, with no heavy imports, so a run over an unchanged library
can report due and expired leaflets from the manifest alone."""

from __future__ import annotations

import datetime as dt

from handouts.errors import Loc, Problem

REVIEW_WARN_DAYS = 60


def state(next_review: dt.date, today: dt.date) -> str:
    """'expired', 'due' (within REVIEW_WARN_DAYS) or 'ok'."""
    if next_review < today:
        return "expired"
    return "due" if (next_review - today).days <= REVIEW_WARN_DAYS else "ok"


def expiry(next_review: dt.date, loc: Loc, today: dt.date, allow_expired: bool) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) about the next review date."""
    now = state(next_review, today)
    if now == "expired":
        msg = f"this leaflet was due for review on {next_review.isoformat()} and has expired"
        if allow_expired:
            return [], [Problem(loc, msg + " (building anyway: --allow-expired)", "meta.next_review")]
        return [Problem(loc, msg, "meta.next_review", "have a clinician review it, then update last_reviewed and "
                        "next_review; or build anyway with --allow-expired")], []
    if now == "due":
        days = (next_review - today).days
        return [], [Problem(loc, f"review is due in {days} days ({next_review.isoformat()})", "meta.next_review",
                            "book the clinical review now")]
    return [], []
