"""The review-date register: one row per leaflet with its review dates, its state and whether its
built files are up to date, as a table for people, JSON or CSV.

The rows are sorted by next review date (soonest first), then by file, in every format."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import NamedTuple

from handouts.errors import ContentError, Problem
from handouts.read.source import display_name
from handouts.review import dates

COLUMNS = ("file", "slug", "title", "language", "version", "last_reviewed", "next_review", "reviewer", "state",
           "outputs")


class Row(NamedTuple):
    file: str
    slug: str
    title: str
    language: str
    version: str
    last_reviewed: str
    next_review: str
    reviewer: str
    state: str  # ok, due (within dates.REVIEW_WARN_DAYS) or expired
    outputs: str  # "up to date", "out of date" or "not built"


def outputs_state(content: Path, out: Path, tool: str, manifest) -> str:
    """Whether the files last built from `content` into `out` still match everything they were built from."""
    real = manifest.relative(str(content))
    keys = [k for k, e in manifest.entries.items() if e.get("content") == real]
    if not keys:
        return "not built"
    current = all(manifest.current(k, tool, manifest.entries[k]["overdue_mark"]) for k in keys)
    return "up to date" if current else "out of date"


def rows(files: list[Path], out: Path, today: dt.date) -> tuple[list[Row], list[Problem]]:
    """A row for every leaflet that loads; the problems of those that do not."""
    from handouts.library.fingerprint import fingerprint
    from handouts.library.manifest import Manifest
    from handouts.load import load

    tool, manifest = fingerprint(), Manifest.read(out)
    found, problems = [], []
    for path in files:
        try:
            article = load(path)
        except ContentError as exc:
            problems += exc.problems
            continue
        meta = article.meta
        found.append(Row(display_name(path), str(meta.slug), meta.title.plain, meta.language, meta.version,
                         meta.last_reviewed.isoformat(), meta.next_review.isoformat(),
                         meta.reviewer.plain if meta.reviewer else "", dates.state(meta.next_review, today),
                         outputs_state(path, out, tool, manifest)))
    found.sort(key=lambda r: (r.next_review, r.file))
    return found, problems


def as_json(found: list[Row]) -> str:
    return json.dumps([r._asdict() for r in found], indent=2, ensure_ascii=False)


def _cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one that starts like a formula (=, +, -, @, or a tab or
    carriage return before one) gets a leading apostrophe, the OWASP rule for CSV injection."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def as_csv(found: list[Row]) -> str:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([_cell(str(v)) for v in row] for row in found)
    return text.getvalue()


MAX_REGISTER_BYTES = 50_000_000


def merged(paths: list[Path]) -> tuple[list[Row], list[Problem]]:
    """The rows of registers written by `register --format json` (one per shard of a library),
    joined and sorted as one; a file that is not such a register is a problem, named."""
    from handouts.errors import Loc
    from handouts.read.source import read_bytes

    found, problems, seen = [], [], set()
    for path in paths:
        try:
            data = json.loads(read_bytes(path, MAX_REGISTER_BYTES, kind="register", hint="give a file written by "
                                         "register --format json").decode("utf-8"))
        except ContentError as exc:
            problems += exc.problems
            continue
        except (UnicodeDecodeError, ValueError, RecursionError):
            data = None
        rows_in = data if isinstance(data, list) and all(
            isinstance(r, dict) and set(r) == set(COLUMNS) and all(isinstance(v, str) for v in r.values())
            for r in data) else None
        if rows_in is None:
            problems.append(Problem(Loc(display_name(path)), "this is not a register written by register --format json",
                                    hint="make each shard's register with: register FOLDER --shard K/N --format json"))
            continue
        for r in rows_in:
            row = Row(**{c: r[c] for c in COLUMNS})
            if row.file in seen:  # two shards that both hold a file: it is listed once
                continue
            seen.add(row.file)
            found.append(row)
    found.sort(key=lambda r: (r.next_review, r.file))
    return found, problems


def as_text(found: list[Row], today: dt.date) -> str:
    """A table, soonest review first, and a count of each state."""
    shown = ("next_review", "state", "slug", "version", "language", "last_reviewed", "reviewer", "outputs", "title")
    # the headings are the field names of the JSON and CSV forms
    table = [list(shown)] + [[getattr(r, c) for c in shown] for r in found]
    widths = [max(len(line[i]) for line in table) for i in range(len(shown))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in table]
    counts = {s: sum(r.state == s for r in found) for s in ("ok", "due", "expired")}
    lines += ["", f"{len(found)} leaflet(s) on {today.isoformat()}: {counts['ok']} ok, {counts['due']} due for review "
                  f"within {dates.REVIEW_WARN_DAYS} days, {counts['expired']} expired."]
    return "\n".join(lines)
