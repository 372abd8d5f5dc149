"""The leaflet target: the full text, dense but legible, in columns (standard) or one column (large print)."""

from __future__ import annotations

import io

from handouts.errors import ContentError, Loc, Problem
from handouts.render.handout import plan as handout_plan
from handouts.render.handout.elements import HandoutPlan
from handouts.render.pdf import safety  # noqa: F401  (sets ReportLab's security switches before anything draws)
from handouts.render.pdf.document import geometry
from handouts.render.pdf.flow import flowing_pdf
from handouts.render.pdf.fonts import charset  # noqa: F401  (read by the preflight)
from handouts.render.pdf.styles import build_styles
from handouts.render.pdf.table import too_wide
from handouts.render.registry import Fit, paper_name


def plan(job, theme, labels) -> HandoutPlan:
    return handout_plan.with_overdue(handout_plan.leaflet(job.article, labels), job, labels)


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
    st = build_styles(theme, job.options.profile, "leaflet")
    narrow = too_wide(st, plan.elements, geometry(st, "leaflet", job.paper(theme)).column_width,
                      f"{job.options.profile} leaflet".replace("standard ", ""))
    return Fit(f"{pages} page{'s' if pages != 1 else ''} on {paper_name(job.paper(theme))}{profile}", pages, narrow)

def verify(data: bytes, plan, name: str) -> None:
    """The new file must reopen before it replaces the old one: qpdf (through pikepdf) reads it with
    no repair, resolves every object, and finds its pages. A warning is a damaged file too."""
    import pikepdf  # here, not at the top: only a written PDF needs it

    try:
        with pikepdf.open(io.BytesIO(data), attempt_recovery=False) as pdf:
            for _ in pdf.objects:  # each object read where the cross-reference table says it is
                pass
            damaged = not len(pdf.pages) or pdf.get_warnings()
    except pikepdf.PdfError:
        damaged = True
    if damaged:
        raise ContentError([Problem(Loc(name), "the PDF did not reopen cleanly after writing",
                                    hint="check the disk has room, then run the command again")])
