"""The leaflet target: the full handout as a PDF (standard or large print)."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from handouts.render.pdf import safety  # noqa: F401  (sets ReportLab's security switches before anything draws)
from handouts.errors import ContentError, Loc, Problem
from handouts.render.handout import plan as handout_plan
from handouts.render.handout.elements import HandoutPlan
from handouts.render.pdf.document import footer_canvas, make_document
from handouts.render.pdf.fonts import charset  # noqa: F401  (the registry's glyph check reads it)
from handouts.render.pdf.story import StoryBuilder
from handouts.render.pdf.styles import build_styles


def plan(job, theme, labels) -> HandoutPlan:
    return handout_plan.leaflet(job.article, labels)


def write(job, plan: HandoutPlan, theme, labels, target: Path) -> None:
    st = build_styles(theme, job.options.profile)
    doc, width, bleed = make_document(target, plan.info, st, job.options.paper or theme.paper)
    story = StoryBuilder(st, width, bleed).story(plan.elements)
    try:
        doc.build(story, canvasmaker=footer_canvas(plan.footer, st, doc.leftMargin))
    except LayoutError as exc:  # our flowables split; this is a last guard for what cannot
        raise ContentError([Problem(job.article.loc, "a part of the handout is too large to fit on one page",
                                    hint=f"shorten it or make the theme's sizes smaller ({str(exc)[:80]})")])


def verify(path: Path, plan=None) -> None:
    """The new file must parse before it replaces the old one: a header, a trailer pointing at the
    cross-reference table, and every object where that table says it is."""
    data = path.read_bytes()
    try:
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        start = int(data[data.rindex(b"startxref") + 9:].split()[0])
        assert data[start:start + 4] == b"xref"
        lines = data[start:].split(b"\n", 3)
        first, count = (int(x) for x in lines[1].split())
        table = data[start:].split(b"\n", 2)[2]
        for number in range(first, first + count):
            entry = table[20 * (number - first): 20 * (number - first) + 20]
            offset, _gen, kind = entry.split()[:3]
            if kind == b"n":
                assert data[int(offset):].startswith(b"%d 0 obj" % number)
        assert b"/Root" in data[data.rindex(b"trailer"):]
    except (AssertionError, ValueError, IndexError):
        raise ContentError([Problem(Loc(str(path)), "the PDF did not reopen cleanly after writing",
                                    hint="check the disk has room, then run the command again")])
