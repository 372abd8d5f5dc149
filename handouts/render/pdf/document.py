"""The document template: page frames, the footer on every page, bookmarks and metadata."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

from handouts.render.handout.elements import DocInfo, Footer
from handouts.render.pdf.styles import PdfStyles

def footer_canvas(footer: Footer, st: PdfStyles, margin: float):
    """A canvas class that draws the footer once the page count is known (the page number label)."""
    style = st["footer"]

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
            right_text = footer.page.replace("{n}", str(number)).replace("{total}", str(total))
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
            first = footer.call if self.stringWidth(footer.call, style.fontName, size) <= room else footer.call_short
            self.drawString(margin, top - size, first)
            self.drawString(margin, top - size - lead, footer.dates)
            self.restoreState()

    return FooterCanvas


class HandoutDoc(BaseDocTemplate):
    def afterFlowable(self, flowable):
        outline = getattr(flowable, "outline", None)
        if outline:
            title, level, key = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)


def make_document(target, info: DocInfo, st: PdfStyles, paper: str) -> tuple[HandoutDoc, float, tuple]:
    page_w, page_h = st.theme.page_size(paper)
    margin = st.theme.profiles[st.profile]["margin_mm"] * mm
    footer_h = margin * 0.45 + 3 * st["footer"].leading
    top = max(16 * mm, margin * 0.7)
    doc = HandoutDoc(
        str(target),
        pagesize=(page_w, page_h),
        leftMargin=margin, rightMargin=margin, topMargin=top, bottomMargin=footer_h,
        title=info.title,
        author=info.author,
        subject=info.subject,
        keywords=list(info.keywords),
        creator="handouts",
        producer="handouts (ReportLab)",
        lang=info.language,
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


__all__ = ["make_document", "footer_canvas", "NextPageTemplate"]
