"""The booklet target: the full text on A5 pages (half-letter on Letter), with a front and a back
cover. It writes two files: <slug>-booklet.pdf, the pages imposed two to a landscape sheet for
saddle-stitch printing, and <slug>-a5.pdf, the same pages in reading order for screens."""

from __future__ import annotations

import io
from typing import NamedTuple

from reportlab.platypus import NextPageTemplate, PageBreak

from handouts.render.handout import plan as handout_plan
from handouts.render.handout.elements import BookletPlan
from handouts.render.pdf import safety  # noqa: F401  (sets ReportLab's security switches before anything draws)
from handouts.render.pdf.document import column_frames, footer_canvas, full_page_frame, geometry, make_document
from handouts.render.pdf.flow import build, split_tags, tagger_for
from handouts.render.pdf.fonts import charset  # noqa: F401  (read by the preflight)
from handouts.render.pdf.impose import impose
from handouts.render.pdf.leaflet import verify  # noqa: F401  (the same check that a PDF reopens)
from handouts.render.pdf.story import StoryBuilder
from handouts.render.pdf.styles import build_styles
from handouts.render.pdf.table import too_wide
from handouts.render.pdf.tags import TaggedCanvas
from handouts.render.registry import Fit


class Pages(NamedTuple):
    a5: bytes  # the pages in reading order
    page_count: int  # not `count`, which would hide tuple.count


def plan(job, theme, labels) -> BookletPlan:
    return handout_plan.with_overdue(handout_plan.booklet(job.article, labels), job, labels)


def pages(job, plan: BookletPlan, theme, labels=None) -> Pages:
    st = build_styles(theme, job.options.profile, "booklet")
    g = geometry(st, "booklet", job.paper(theme))
    g = g._replace(bottom=g.margin * 0.6 + 2 * st["footer"].leading)  # room for the page number only
    cover_g = g._replace(top=g.margin, bottom=g.margin)
    tagger = tagger_for(plan.front + plan.inner + plan.back, labels, plan.info) if labels else None
    builder = StoryBuilder(st, g.column_width, (g.margin, g.margin, 0.0, 0.0), column_height=g.text_height)
    front_tags, inner_tags, back_tags = split_tags(tagger, (plan.front, plan.inner, plan.back))
    front = builder.story(plan.front, front_tags)
    front[0].min_height = cover_g.height * 0.45  # the title band fills the top half of the cover
    inner = builder.story(plan.inner, inner_tags)
    back = builder.story(plan.back, back_tags)
    out = io.BytesIO()
    # the front cover starts at the page's top edge, so its band's colour reaches the edge too
    doc = make_document(out, plan.info, st, g, first_frames=full_page_frame(cover_g, "front", top=g.height),
                        after_first="inner", templates={"inner": column_frames(g, "inner", st.rtl),
                                                        "back": full_page_frame(cover_g, "back")})
    story = [*front, NextPageTemplate("inner"), PageBreak(), *inner, NextPageTemplate("back"), PageBreak(), *back]
    canvas = footer_canvas(plan.footer, st, g.margin, numbers="only",
                           skip=lambda number, total: number in (1, total), tagger=tagger)  # no number on covers
    build(doc, story, canvas, job.article.loc)
    return Pages(out.getvalue(), doc.page)


def write(job, plan: BookletPlan, theme, labels) -> list[bytes]:
    a5 = pages(job, plan, theme, labels)
    sheet = "letter" if (job.paper(theme)) == "letter" else "a4"
    note = labels.word("printing_note", file=job.file_names[1])
    padding = (-a5.page_count) % 4
    notes = notes_pages(job, theme, labels, padding) if padding else None
    right_to_left = theme.fonts.rtl
    return [impose(a5.a5, theme.page_size(sheet), plan.info, note, notes, right_to_left), a5.a5]


def notes_pages(job, theme, labels, count: int) -> bytes:
    """Pages for the patient's own notes, ruled, to fill the sheets (not in the reading copy)."""
    st = build_styles(theme, job.options.profile, "booklet")
    g = geometry(st, "booklet", job.paper(theme))
    out = io.BytesIO()
    canvas = TaggedCanvas(out, pagesize=(g.width, g.height), invariant=1, initialFontName=st.fonts["regular"])
    canvas.shaping, canvas.rtl = st.shaping, st.rtl  # joined letters, set from the right where the language says
    write = (lambda y, text: canvas.drawRightString(g.width - g.margin, y, text)) if st.rtl else \
        (lambda y, text: canvas.drawString(g.margin, y, text))
    heading, body = st["h1"], st["body"]
    for _ in range(count):
        y = g.height - g.top - heading.fontSize
        canvas.setFont(heading.fontName, heading.fontSize)
        canvas.setFillColor(heading.textColor)
        write(y, labels.word("notes_title"))
        y -= body.leading * 1.6
        canvas.setFont(body.fontName, body.fontSize)
        canvas.setFillColor(body.textColor)
        write(y, labels.word("notes_text"))
        canvas.setStrokeColor(st.color("rule"))
        canvas.setLineWidth(0.6)
        line = y - body.leading * 2
        while line > g.margin:
            canvas.line(g.margin, line, g.width - g.margin, line)
            line -= body.leading * 1.6
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def describe(plan: BookletPlan, job, theme, labels) -> Fit:
    count = pages(job, plan, theme).page_count
    sheets = -(-count // 4)
    st = build_styles(theme, job.options.profile, "booklet")
    narrow = too_wide(st, plan.inner, geometry(st, "booklet", job.paper(theme)).column_width, "booklet")
    return Fit(f"{count} pages, {sheets} sheet{'s' if sheets != 1 else ''}", count, narrow)
