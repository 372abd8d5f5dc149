"""Text that flows: the story of a plan laid into the columns of a layout, in memory."""

from __future__ import annotations

import io
import re

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import FrameBreak
from reportlab.platypus.doctemplate import LayoutError

from handouts.errors import ContentError, Problem
from handouts.render.handout.elements import DocInfo, HandoutPlan
from handouts.render.pdf import reportlab_parts as rl
from handouts.render.pdf.document import Geometry, footer_canvas, make_document
from handouts.render.pdf.story import StoryBuilder
from handouts.render.pdf.styles import PdfStyles
from handouts.render.pdf.tags import Tagger, Tags, structure


def stack_height(flowables, width: float) -> float:
    """The height flowables take one under another at a width, as a frame would stack them."""
    canvas = Canvas(io.BytesIO())
    total = 0.0
    for i, f in enumerate(flowables):
        total += f.wrapOn(canvas, width, 10_000)[1] + (f.getSpaceBefore() if i else 0) + f.getSpaceAfter()
    return total


def build(doc, story, canvasmaker, where) -> None:
    try:
        doc.build(story, canvasmaker=canvasmaker)
    except LayoutError as exc:  # our flowables split; this is a last guard for what cannot
        page = re.search(r"on page (\d+)", str(exc))  # ReportLab's own words name its objects: never shown
        on_page = f" (page {page.group(1)})" if page else ""
        raise ContentError([Problem(where, f"a part of the handout is too large to fit on one page{on_page}",
                                    hint="use a larger paper, shorten that part, or make the theme's sizes "
                                         "smaller")]) from None


def tagger_for(elements, labels, info: DocInfo) -> Tagger:
    """The structure of the plan's elements, to be filled with marked content as they are drawn."""
    return Tagger(structure(elements, labels), info.language, info.title, info.author)


def split_tags(tagger: Tagger | None, groups) -> list[tuple[Tags, ...]]:
    """The tags of elements given to tagger_for as consecutive groups, group by group (untagged: none)."""
    out, at = [], 0
    for group in groups:
        out.append(tagger.structure.tags[at:at + len(group)] if tagger else ())
        at += len(group)
    return out


def flowing_pdf(plan: HandoutPlan, st: PdfStyles, g: Geometry, where, labels=None) -> tuple[bytes, int, float]:
    """The plan in columns, with its masthead across the top of page 1. Returns the PDF, its page
    count and how full its last page is (0 to 1). With labels, the PDF is tagged (its structure
    needs the words for callout kinds)."""
    tagger = tagger_for(plan.elements, labels, plan.info) if labels is not None else None
    builder = StoryBuilder(st, g.column_width, (g.margin, g.margin, 0.0, 0.0), column_height=g.text_height)
    tags = tagger.structure.tags if tagger else ()
    masthead = builder.story(plan.elements[:plan.masthead], tags[:plan.masthead])
    body = builder.story(plan.elements[plan.masthead:], tags[plan.masthead:])
    height = stack_height(masthead, g.text_width) + st.body_size * 0.5 if masthead else 0.0
    out = io.BytesIO()
    doc = make_document(out, plan.info, st, g, masthead=height)
    story = masthead + ([FrameBreak()] if masthead else []) + body
    build(doc, story, footer_canvas(plan.footer, st, g.margin, tagger=tagger), where)
    return out.getvalue(), doc.page, last_page_fill(doc)


def last_page_fill(doc) -> float:
    """How much of the last page's columns the text takes: the columns before the one it ended in,
    and that one down to where it ended."""
    frames = list(doc.pageTemplate.frames)
    current = next((i for i, f in enumerate(frames) if f is doc.frame), len(frames) - 1)
    whole = sum(rl.frame_height(f) for f in frames) or 1.0
    used = sum(rl.frame_height(f) for f in frames[:current]) + rl.frame_used(doc.frame)
    return max(0.0, min(1.0, used / whole))
