"""The deck target: the content as a slide deck for a health talk, with the full text in the notes."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from typing import NamedTuple

from handouts import model as m
from handouts.errors import ContentError, Loc, Problem
from handouts.model.walk import tables
from handouts.render.deck.geometry import TITLE_AND_CONTENT, Geometry, builtin_geometry
from handouts.render.deck.plan import needed_layouts, plan_deck
from handouts.render.deck.slide import SlidePlan
from handouts.render.deck.table import too_wide
from handouts.render.registry import Fit


class DeckPlan(NamedTuple):
    slides: list[SlidePlan]
    geometry: Geometry
    # built past its review date (--allow-expired): the sentence for the title slide, and the short
    # mark for every slide's foot; both empty otherwise
    overdue: tuple[str, str] = ("", "")


def overdue(job, labels) -> tuple[str, str]:
    if not job.options.overdue:
        return "", ""
    due = job.article.meta.next_review
    return labels.word("overdue", date=labels.date(due)), labels.slide("overdue", date=labels.short_date(due))


def plan(job, theme, labels) -> DeckPlan:
    """The slides, measured in the built-in layouts or in those of the job's template."""
    options = job.options
    if options.template is None:
        geometry = builtin_geometry(options.aspect)
    else:
        from handouts.render.deck.template import open_deck

        _, geometry = open_deck(options.template, options.aspect, theme, needed_layouts(job.article))
    return DeckPlan(plan_deck(job.article, theme, labels, options.aspect, geometry, options.minutes), geometry,
                    overdue(job, labels))


def describe(plan: DeckPlan, job, theme, labels) -> Fit:
    from handouts.render.deck.timing import total_minutes

    talk = round(total_minutes(plan.slides, theme))
    shown = [s for s in plan.slides if not s.hidden]
    detail = f"{len(shown)} slides at {job.options.aspect} (a talk of about {talk} minutes)"
    later = [i.plain for s in plan.slides if s.kind == "appendix" for i in s.items]  # the sections it lists
    if job.options.minutes:  # what the talk leaves for questions afterwards, on hidden slides
        detail += f"; for questions afterwards: {'; '.join(later) or 'nothing'}"
    body = plan.geometry.layouts[TITLE_AND_CONTENT].body
    assert body is not None  # the layout with a body, always
    narrow = too_wide(theme.fonts.slides_metrics, theme.slides.min_body_size, tables(job.article), body.w,
                      job.options.aspect)
    return Fit(detail, len(plan.slides), tuple(narrow))

def write(job, plan: DeckPlan, theme, labels) -> list[bytes]:
    from handouts.render.deck.render import render
    from handouts.render.deck.template import open_deck

    article = job.article
    prs, _ = open_deck(job.options.template, job.options.aspect, theme, needed_layouts(article))
    render(prs, plan.slides, theme, plan.geometry, labels, article.meta.language, plan.overdue)
    _core_properties(prs, article, labels)
    return [_stable_zip(prs, article.meta.last_reviewed)]


def verify(data: bytes, plan: DeckPlan, name: str) -> None:
    from pptx import Presentation
    from pptx.exc import PythonPptxError

    try:
        count = len(Presentation(io.BytesIO(data)).slides)
    # a broken file: not a zip, a part missing, XML that does not parse (lxml's errors are SyntaxErrors)
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError, EOFError, PythonPptxError):
        raise ContentError([Problem(Loc(name), "the deck did not reopen cleanly after writing",
                                    hint="check the disk has room, then run the command again")]) from None
    if count != len(plan.slides):
        raise ContentError([Problem(Loc(name), f"the deck reopened with {count} slides, "
                                               f"expected {len(plan.slides)}")])


def _core_properties(prs, article: m.Article, labels) -> None:
    """Fixed document properties, so the same content gives the same file."""
    meta = article.meta
    stamp = dt.datetime.combine(meta.last_reviewed, dt.time(0, 0))
    props = prs.core_properties
    props.title = meta.title.plain
    props.subject = meta.subtitle.plain if meta.subtitle else ""
    props.author = article.clinic.name.plain
    props.last_modified_by = "handouts"
    props.language = meta.language
    props.version = meta.version
    props.revision = 1
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.keywords = labels.word("keywords")
    props.comments = labels.word("footer_dates", version=meta.version, reviewed=labels.short_date(meta.last_reviewed),
                                 next=labels.short_date(meta.next_review))


def _stable_zip(prs, day: dt.date) -> bytes:
    """Save, then set every member's time in the archive to `day`: same input, same bytes. The
    times are patched in place (local headers and central directory), so nothing is recompressed."""
    raw = io.BytesIO()
    prs.save(raw)
    data = bytearray(raw.getvalue())
    dos_date = (max(day.year, 1980) - 1980) << 9 | day.month << 5 | day.day
    stamp = struct.pack("<HH", 0, dos_date)  # time 00:00:00, then the date
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        entries = archive.infolist()
        start = archive.start_dir
    for info in entries:  # local file header: the time and date sit at bytes 10-13
        if data[info.header_offset:info.header_offset + 4] != b"PK\x03\x04":
            raise ValueError("unexpected zip layout")
        data[info.header_offset + 10:info.header_offset + 14] = stamp
    at = start
    for _ in entries:  # central directory record: 46 fixed bytes, time and date at 12-15
        if data[at:at + 4] != b"PK\x01\x02":
            raise ValueError("unexpected zip layout")
        data[at + 12:at + 16] = stamp
        name, extra, comment = struct.unpack("<HHH", data[at + 28:at + 34])
        at += 46 + name + extra + comment
    return bytes(data)
