"""The leaflet target: the full text, dense but legible, in columns (standard) or one column (large print)."""

from __future__ import annotations

from handouts.errors import ContentError, Loc, Problem
from handouts.render.handout import plan as handout_plan
from handouts.render.handout.elements import HandoutPlan
from handouts.render.pdf import safety  # noqa: F401  (sets ReportLab's security switches before anything draws)
from handouts.render.pdf.document import geometry
from handouts.render.pdf.flow import flowing_pdf
from handouts.render.pdf.fonts import charset  # noqa: F401  (read by the preflight)
from handouts.render.pdf.styles import build_styles
from handouts.render.registry import Fit, paper_name


def plan(job, theme, labels) -> HandoutPlan:
    return handout_plan.marked(handout_plan.leaflet(job.article, labels), job, labels)


ALMOST_EMPTY = 0.2  # a last page this full or less holds a few closing lines, or the QR code alone
TIGHTER = 0.7  # the space around paragraphs when trying to take them back onto the page before
PULL_BACK_PAGES = 12  # a longer text is not set twice to save its last sheet: that costs time, saves little


def render(job, plan: HandoutPlan, theme, labels=None) -> tuple[bytes, int]:
    """The PDF and its page count; tagged when given the labels (check needs only the count).
    A last page with little on it is tried again with less space between paragraphs (type and
    line spacing unchanged), and kept so when that saves the page."""
    paper = job.paper(theme)
    st = build_styles(theme, job.options.profile, "leaflet")
    data, pages, fill = flowing_pdf(plan, st, geometry(st, "leaflet", paper), job.article.loc, labels)
    if 1 < pages <= PULL_BACK_PAGES and fill <= ALMOST_EMPTY:
        tight = build_styles(theme, job.options.profile, "leaflet", spacing=TIGHTER)
        again, fewer, _ = flowing_pdf(plan, tight, geometry(tight, "leaflet", paper), job.article.loc, labels)
        if fewer < pages:
            return again, fewer
    return data, pages


def write(job, plan: HandoutPlan, theme, labels) -> list[bytes]:
    return [render(job, plan, theme, labels)[0]]


def describe(plan: HandoutPlan, job, theme, labels) -> Fit:
    pages = render(job, plan, theme)[1]
    profile = "" if job.options.profile == "standard" else f", {job.options.profile}"
    return Fit(f"{pages} page{'s' if pages != 1 else ''} on {paper_name(job.paper(theme))}{profile}", pages)

def verify(data: bytes, plan, name: str) -> None:
    """The new file must parse before it replaces the old one: a header, a trailer pointing at the
    cross-reference table, and every object where that table says it is."""
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
                assert data.startswith(b"%d 0 obj" % number, int(offset))  # no copy of the rest
        assert b"/Root" in data[data.rindex(b"trailer"):]
    except (AssertionError, ValueError, IndexError):
        raise ContentError([Problem(Loc(name), "the PDF did not reopen cleanly after writing",
                                    hint="check the disk has room, then run the command again")]) from None
