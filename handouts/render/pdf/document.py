"""The document template: page frames, the footer on every page, bookmarks and metadata."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

from handouts import model as m
from handouts.render.pdf.styles import PdfStyles

PAPER = {"a4": A4, "letter": LETTER}


def _footer_lines(article: m.Article) -> tuple[str, str]:
    meta = article.meta
    left = f"Questions? Call {article.clinic.name.plain} on {article.clinic.phone}"
    second = (f"Version {meta.version} \u00b7 Reviewed {meta.last_reviewed:%b %Y} \u00b7 "
              f"Next review {meta.next_review:%b %Y}")
    return left, second


def footer_canvas(article: m.Article, st: PdfStyles, margin: float):
    """A canvas class that draws the footer once the page count is known ("Page N of M")."""
    style = st["footer"]
    left, second = _footer_lines(article)

    class FooterCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_footer(number, total)
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int):
            width, _ = self._pagesize
            size, lead = style.fontSize, style.leading
            right_text = f"Page {number} of {total}"
            self.saveState()
            self.setStrokeColor(st.color("rule"))
            self.setLineWidth(0.8)
            top = margin * 0.45 + 2 * lead
            self.line(margin, top + lead * 0.35, width - margin, top + lead * 0.35)
            self.setFillColor(st.color("muted"))
            self.setFont(st.fonts["bold"], size)
            self.drawRightString(width - margin, top - size, right_text)
            self.setFont(style.fontName, size)
            room = width - 2 * margin - self.stringWidth(right_text, st.fonts["bold"], size) - size
            first = left if self.stringWidth(left, style.fontName, size) <= room else \
                f"Questions? Call {article.clinic.phone}"
            self.drawString(margin, top - size, first)
            self.drawString(margin, top - size - lead, second)
            self.restoreState()

    return FooterCanvas


class HandoutDoc(BaseDocTemplate):
    def afterFlowable(self, flowable):
        outline = getattr(flowable, "outline", None)
        if outline:
            title, level, key = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)


def make_document(target, article: m.Article, st: PdfStyles, paper: str) -> tuple[HandoutDoc, float, tuple]:
    page_w, page_h = PAPER[paper]
    margin = st.theme.profiles[st.profile]["margin_mm"] * mm
    footer_h = margin * 0.45 + 3 * st["footer"].leading
    top = max(16 * mm, margin * 0.7)
    meta = article.meta
    doc = HandoutDoc(
        str(target),
        pagesize=(page_w, page_h),
        leftMargin=margin, rightMargin=margin, topMargin=top, bottomMargin=footer_h,
        title=meta.title.plain,
        author=article.clinic.name.plain,
        subject=(meta.subtitle.plain if meta.subtitle else meta.title.plain),
        keywords=[meta.title.plain, "patient information", meta.slug, *(a.plain for a in meta.authors)],
        creator="handouts",
        producer="handouts (ReportLab)",
        lang=meta.language,
        invariant=1,
        initialFontName=st.fonts["regular"],
    )
    width = page_w - 2 * margin
    first = Frame(margin, footer_h, width, page_h - footer_h, id="first", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    later = Frame(margin, footer_h, width, page_h - footer_h - top, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)

    def open_outline(canvas, _doc):
        canvas.showOutline()  # the viewer opens with the bookmarks shown

    doc.addPageTemplates([
        PageTemplate("first", [first], onPage=open_outline, autoNextPageTemplate="later"),
        PageTemplate("later", [later]),
    ])
    return doc, width, (margin, margin, 0.0)


__all__ = ["make_document", "footer_canvas", "NextPageTemplate", "PAPER"]
