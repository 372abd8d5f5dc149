"""The deck target: the content as a slide deck for a health talk, with the full text in the notes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import NamedTuple

from handouts import model as m
from handouts.render.registry import Fit
from handouts.errors import ContentError, Loc, Problem
from handouts.render.deck.geometry import Geometry, builtin_geometry
from handouts.render.deck.plan import needed_layouts, plan_deck
from handouts.render.deck.slide import SlidePlan


class DeckPlan(NamedTuple):
    slides: list[SlidePlan]
    geometry: Geometry


def plan(job, theme, labels) -> DeckPlan:
    """The slides, measured in the built-in layouts or in those of the job's template."""
    options = job.options
    if options.template is None:
        geometry = builtin_geometry(options.aspect)
    else:
        from handouts.render.deck.template import open_deck

        _, geometry = open_deck(options.template, options.aspect, theme, needed_layouts(job.article))
    return DeckPlan(plan_deck(job.article, theme, labels, options.aspect, geometry), geometry)


def describe(plan: DeckPlan, job, theme, labels) -> Fit:
    return Fit(f"{len(plan.slides)} slides at {job.options.aspect}", len(plan.slides))

def write(job, plan: DeckPlan, theme, labels) -> list[bytes]:
    from handouts.render.deck.render import render
    from handouts.render.deck.template import open_deck

    article = job.article
    prs, _ = open_deck(job.options.template, job.options.aspect, theme, needed_layouts(article))
    render(prs, plan.slides, theme, plan.geometry, labels, article.meta.language)
    _core_properties(prs, article, labels)
    return [_stable_zip(prs, article.meta.last_reviewed)]


def verify(data: bytes, plan: DeckPlan, name: str) -> None:
    from pptx import Presentation

    try:
        count = len(Presentation(io.BytesIO(data)).slides)
    except Exception:  # python-pptx raises zip, XML and package errors alike for a broken file
        raise ContentError([Problem(Loc(name), "the deck did not reopen cleanly after writing",
                                    hint="check the disk has room, then run the command again")])
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
    """Save, then rewrite the archive with fixed timestamps: same input, same bytes."""
    raw = io.BytesIO()
    prs.save(raw)
    out = io.BytesIO()
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
