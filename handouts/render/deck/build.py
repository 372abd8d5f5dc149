"""build_deck: the content model in, output/<slug>.pptx out (written atomically, then reopened)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from handouts import model as m
from handouts.errors import ContentError, Loc, Problem
from handouts.theme.fonts import coverage_problems
from handouts.render.names import deck_name
from handouts.render.output import prepare_folder, write_atomic
from handouts.load.source import display_name
from handouts.theme.themes import Theme
from handouts.render.deck.plan import needed_layouts, plan_deck


def build_deck(article: m.Article, theme: Theme, out_dir: Path, aspect: str = "16:9",
               template: Path | None = None) -> Path:
    """Plan, render and write the deck; returns the path written."""
    from handouts.render.deck.render import render
    from handouts.render.deck.template import open_deck

    glyphs = coverage_problems(article, theme.fonts["slides_metrics"])
    if glyphs:
        raise ContentError(glyphs)
    prs, geometry = open_deck(template, aspect, theme, needed_layouts(article))
    plans = plan_deck(article, theme, aspect, geometry)
    render(prs, plans, theme, geometry, article.meta.language)
    _core_properties(prs, article)
    data = _stable_zip(prs, article.meta.last_reviewed)
    target = prepare_folder(Path(out_dir)) / deck_name(article, aspect)

    def verify(path: Path) -> None:
        from pptx import Presentation

        try:
            count = len(Presentation(str(path)).slides)
        except Exception:  # python-pptx raises zip, XML and package errors alike for a broken file
            raise ContentError([Problem(Loc(display_name(path)), "the deck did not reopen cleanly after writing",
                                        hint="check the disk has room, then run the command again")])
        if count != len(plans):
            raise ContentError([Problem(Loc(display_name(path)), f"the deck reopened with {count} slides, "
                                                                  f"expected {len(plans)}")])

    return write_atomic(target, lambda tmp: tmp.write_bytes(data), verify)


def _core_properties(prs, article: m.Article) -> None:
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
    props.keywords = "patient education"
    props.comments = f"Reviewed {meta.last_reviewed.isoformat()}; next review {meta.next_review.isoformat()}."


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
