"""The speaker script target: `<slug>-script.pdf`, something a presenter prints and holds. For each
slide of the deck: its number and title, the estimated time, its points and the full notes, in the
handout's theme and fonts; the talk's total time at the top. The slides come from the deck's own
planner (pure: no python-pptx), so the script always matches the deck."""

from __future__ import annotations

import io
from typing import NamedTuple

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFName
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer

from handouts.render.handout.elements import Footer
from handouts.render.pdf import safety  # noqa: F401  (sets ReportLab's security switches before anything draws)
from handouts.render.pdf.addresses import soft_break
from handouts.render.pdf.document import footer_canvas
from handouts.render.pdf.flowables import Para
from handouts.render.pdf.fonts import charset  # noqa: F401  (read by the preflight)
from handouts.render.pdf.leaflet import verify  # noqa: F401  (the same check that a PDF reopens)
from handouts.render.pdf.markup import esc, markup, text
from handouts.render.pdf.styles import build_styles
from handouts.render.pdf.tags import StructNode, Structure, Tagger
from handouts.render.registry import Fit


class ScriptPlan(NamedTuple):
    slides: list  # the deck's SlidePlans shown in the talk
    seconds: list  # the estimated time of each, from its own notes
    minutes: float  # the talk's length: the shown slides only
    rate: float
    appendix: list = []  # the hidden slides of a timed talk, printed after it with no times


def plan(job, theme, labels) -> ScriptPlan:
    from handouts.render.deck import timing
    from handouts.render.deck.plan import plan_deck

    deck = plan_deck(job.article, theme, labels, job.options.aspect, minutes=job.options.minutes)
    slides = [s for s in deck if not s.hidden]
    seconds = [timing.seconds(s, theme) for s in slides]
    return ScriptPlan(slides, seconds, sum(seconds) / 60, timing.rate(theme)[0], [s for s in deck if s.hidden])


def _clock(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class _Tree:
    """The script's structure, in reading order, as its paragraphs are made (PDF/UA, as the handouts)."""

    def __init__(self) -> None:
        self.tree = Structure()
        self.list: StructNode | None = None  # the open list of a slide's points

    def para(self, role: str, para: Para) -> Para:
        self.list = None
        para.tag = self.tree.root.add(StructNode(role))
        para.tag.actual = _words(para)
        return para

    def point(self, para: Para) -> Para:
        if self.list is None:
            self.list = self.tree.root.add(StructNode("L", attributes={"O": PDFName("List"),
                                                                        "ListNumbering": PDFName("Disc")}))
        item = self.list.add(StructNode("LI"))
        label, body = item.add(StructNode("Lbl")), item.add(StructNode("LBody"))
        body.actual = _words(para)
        para.item = (label, body)
        return para


def _words(para: Para) -> str:
    """What the paragraph says, without the break points set in its addresses."""
    return " ".join("".join(f.text for f in para.frags if hasattr(f, "text") and not soft_break(f)).split())


def write(job, plan: ScriptPlan, theme, labels) -> list[bytes]:
    st = build_styles(theme, "standard")
    tags = _Tree()
    title = labels.slide("script_title", title=job.article.meta.title.plain)
    out = io.BytesIO()
    margin = 18 * mm
    size = theme.page_size(job.paper(theme))
    doc = SimpleDocTemplate(out, pagesize=(min(size), max(size)), leftMargin=margin,  # upright, to hold
                            rightMargin=margin, topMargin=margin, bottomMargin=margin,
                            title=labels.slide("script_title", title=job.article.meta.title.plain),
                            author=job.article.clinic.name.plain, lang=job.article.meta.language,
                            invariant=1, initialFontName=st.fonts["regular"])  # not ReportLab's unembedded Helvetica
    point = ParagraphStyle("script-point", parent=st["bullet"], bulletFontName=st.fonts["regular"])
    summary = labels.slide("script_total", slides=len(plan.slides), minutes=round(plan.minutes), rate=round(plan.rate))
    story = [tags.para("H1", Para(esc(title), st["h1"])), tags.para("P", Para(esc(summary), st["body"])),
             Spacer(1, st.body_size)]
    total = len(plan.slides)
    last = total + len(plan.appendix)

    def slide_story(slide, head: str | None, n: int) -> None:
        block = [tags.para("P", Para(head, st["small"]))] if head else []
        block.append(tags.para("H2", Para(esc(slide.title), st["h2"])))
        if slide.items:
            block.append(tags.para("H3", Para(esc(labels.slide("script_on_slide")), st["h3"])))
            block += [tags.point(Para(markup(item.styled_runs()), point, bulletText="\u2022"))
                      for item in slide.items]
        story.append(KeepTogether(block))
        said = [tags.para("P", Para(text(line), st["body"])) for line in slide.notes]
        if said:  # the heading never ends a page alone: it keeps with the first thing to say
            story.append(KeepTogether([tags.para("H3", Para(esc(labels.slide("script_say")), st["h3"])), said[0]]))
            story.extend(said[1:])
        if n < last:  # after the last slide, a space could only start an empty page
            story.append(Spacer(1, st.body_size))

    for n, (slide, seconds) in enumerate(zip(plan.slides, plan.seconds), 1):
        slide_story(slide, f"{esc(labels.slide('script_slide', n=n, total=total))} · "
                           f"{esc(labels.slide('script_time', time=_clock(seconds)))}", n)
    if plan.appendix:  # after the talk, under its own heading and with no times: it is not said
        story.append(tags.para("H1", Para(esc(labels.slide("appendix")), st["h1"])))
        for n, slide in enumerate(plan.appendix, total + 1):
            slide_story(slide, None, n)
    # numbered "Page n of N" at the foot, so loose sheets go back in order
    overdue = labels.word("overdue", date=labels.date(job.article.meta.next_review)) if job.options.overdue else ""
    tagger = Tagger(tags.tree, job.article.meta.language, title, job.article.clinic.name.plain)
    numbered = footer_canvas(Footer("", "", "", labels.pattern("words.page"), overdue), st, margin, numbers="page",
                             tagger=tagger)
    doc.build(story, canvasmaker=numbered)
    return [out.getvalue()]


def describe(plan: ScriptPlan, job, theme, labels) -> Fit:
    return Fit(f"{len(plan.slides)} slides, about {round(plan.minutes)} minutes", len(plan.slides))
