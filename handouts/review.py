"""The pre-print review behind `generate.py check`: reading level, review dates and more.

Each check returns findings; errors stop a build, warnings only inform (unless --strict).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import model as m
from . import readability as r
from .errors import Problem

GRADE_AIM = 6.0
GRADE_LIMIT = 8.0
REVIEW_WARN_DAYS = 60


@dataclass
class SectionScore:
    title: str
    loc: m.Loc
    scores: r.Scores


@dataclass
class Report:
    file: str
    title: str
    overall: r.Scores
    sections: list[SectionScore]
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)  # names of checks that passed


def _governance(article: m.Article, report: Report, today: dt.date, allow_expired: bool) -> None:
    meta = article.meta
    loc = meta.loc
    if meta.next_review < today:
        msg = f"this leaflet was due for review on {meta.next_review.isoformat()} and has expired"
        hint = "have a clinician review it, then update last_reviewed and next_review"
        if allow_expired:
            report.warnings.append(Problem(loc, msg + " (building anyway: --allow-expired)", "meta.next_review"))
        else:
            report.errors.append(Problem(loc, msg, "meta.next_review",
                                         hint + "; or build anyway with --allow-expired"))
    elif (meta.next_review - today).days <= REVIEW_WARN_DAYS:
        days = (meta.next_review - today).days
        report.warnings.append(Problem(loc, f"review is due in {days} days ({meta.next_review.isoformat()})",
                                       "meta.next_review", "book the clinical review now"))
    else:
        report.passed.append("review date")
    if meta.last_reviewed > today:
        report.errors.append(Problem(loc, f"last_reviewed {meta.last_reviewed.isoformat()} is in the future",
                                     "meta.last_reviewed", "use the date the review actually happened"))
    if meta.next_review <= meta.last_reviewed:
        report.errors.append(Problem(loc, "next_review must come after last_reviewed", "meta.next_review"))
    for name, value in (("reviewer", meta.reviewer), ("sources", meta.sources)):
        if not value:
            report.warnings.append(Problem(loc, f"no {name} given; patients and auditors look for it",
                                           f"meta.{name}", f"add '{name}:' under meta"))


def _readability(article: m.Article, report: Report) -> None:
    for s in report.sections:
        grade = s.scores.fk_grade
        if grade > GRADE_LIMIT:
            report.warnings.append(Problem(s.loc, f"reads at grade {grade:.1f}; aim for {GRADE_AIM:.0f}, "
                                           f"at most {GRADE_LIMIT:.0f}", f"section '{s.title}'",
                                           "use shorter sentences and everyday words"))


def review(article: m.Article, theme=None, profile: str = "standard", allow_expired: bool = False,
           today: dt.date | None = None, errors_only: bool = False) -> Report:
    """Run the checks. errors_only skips the advisory ones (readability), for the build commands."""
    today = today or dt.date.today()
    report = Report(
        file=article.loc.file,
        title=article.meta.title.plain,
        overall=r.ZERO if errors_only else r.article_scores(article),
        sections=[] if errors_only else [SectionScore(s.title.plain, s.loc, r.section_scores(s))
                                         for s in article.sections],
    )
    _governance(article, report, today, allow_expired)
    if not errors_only:
        _readability(article, report)
    if theme is not None:
        from .fonts import coverage_problems

        report.errors.extend(coverage_problems(article, theme.fonts["handout"]))
    return report
