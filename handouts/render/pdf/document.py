"""Pages for flowing text: the geometry of a layout, its page templates, the footer, bookmarks.

The geometry comes from the theme (`layouts:` and `papers:`), so a layout is changed as data.
"""

from __future__ import annotations

from typing import NamedTuple

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from handouts.render.handout.elements import DocInfo, Footer
from handouts.render.pdf import reportlab_parts as rl
from handouts.render.pdf.marks import overdue_strip
from handouts.render.pdf.styles import PdfStyles
from handouts.render.pdf.tags import TaggedCanvas, Tagger
from handouts.render.pdf.tags import write as write_tags

MIN_COLUMN_MM = 70  # a column narrower than this holds too few words a line to read well


class Geometry(NamedTuple):
    width: float  # the page, in points
    height: float
    margin: float  # left and right
    top: float
    bottom: float  # room for the footer
    columns: int
    gap: float

    @property
    def text_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def column_width(self) -> float:
        return (self.text_width - (self.columns - 1) * self.gap) / self.columns

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom


def geometry(st: PdfStyles, layout: str, paper: str, footer: bool = True) -> Geometry:
    """The page and columns of a layout on a paper, for the styles' print profile."""
    settings = st.theme.layout(layout, st.profile)
    page = settings.page.get(paper, paper)
    width, height = st.theme.page_size(page)
    margin = (settings.margin_mm or st.theme.profiles[st.profile].margin_mm) * mm
    gap = settings.gap_mm * mm
    columns = max(1, settings.columns)
    while columns > 1 and ((width - 2 * margin - (columns - 1) * gap) / columns) < MIN_COLUMN_MM * mm:
        columns -= 1
    bottom = margin * 0.45 + 3 * st["footer"].leading if footer else margin
    return Geometry(width, height, margin, max(10 * mm, margin * 0.8), bottom, columns, gap)


def footer_canvas(footer: Footer | None, st: PdfStyles, margin: float, numbers: str = "of",
                  skip=lambda number, total: False, tagger: Tagger | None = None):
    """A canvas class that draws the footer once the page count is known.

    numbers "of": the call line, the version line and "Page N of M" on every page;
    numbers "only": just the page number, on the outer edge (a booklet); numbers "page": just
    "Page N of M", at the right (the left, right to left; the speaker script). `skip(number, total)` says
    which pages have no footer (a booklet's covers).
    """
    style = st["footer"]

    class FooterCanvas(TaggedCanvas):
        _pagesize: tuple[float, float]  # ReportLab's Canvas sets it; ReportLab has no type hints

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self.tagger = tagger
            self.shaping, self.rtl = st.shaping, st.rtl

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                made = rl.annotation_count(self)
                self.__dict__.update(state)
                rl.keep_annotation_count(self, made)  # the footer's links are named after every page's own
                if footer is not None and not skip(number, total):
                    with self.artifact("Pagination"):
                        self._draw_footer(number, total)
                if footer is not None and footer.overdue:
                    with self.artifact("Pagination"):
                        overdue_strip(self, *self._pagesize, footer.overdue, st)
                super().showPage()
            if tagger is not None:
                write_tags(self, tagger, total)
            super().save()

        def _draw_footer(self, number: int, total: int):
            assert footer is not None  # save() draws it only when there is one
            width, _ = self._pagesize
            size, lead = style.fontSize, style.leading
            self.saveState()
            self.setFillColor(st.color("muted"))
            if numbers == "only":
                self.setFont(st.fonts["bold"], size)
                text = str(number)
                y = margin * 0.6
                if (number % 2 == 0) != st.rtl:  # outer edge: a right-to-left booklet opens the other way
                    self.drawString(margin, y, text)  # left-hand pages: number on the left
                else:
                    self.drawRightString(width - margin, y, text)
                self.restoreState()
                return
            right_text = footer.page.replace("{n}", str(number)).replace("{total}", str(total))
            if numbers == "page":
                self.setFont(style.fontName, size)
                if st.rtl:
                    self.drawString(margin, margin * 0.5, right_text)
                else:
                    self.drawRightString(width - margin, margin * 0.5, right_text)
                self.restoreState()
                return
            self.setStrokeColor(st.color("rule"))
            self.setLineWidth(0.8)
            top = margin * 0.45 + 2 * lead
            self.line(margin, top + lead * 0.35, width - margin, top + lead * 0.35)
            self.setFont(st.fonts["bold"], size)
            # mirrored right to left: the page number at the left, the lines from the right
            number_at, lines_at = (self.drawString, self.drawRightString) if st.rtl else \
                (self.drawRightString, self.drawString)
            number_at(margin if st.rtl else width - margin, top - size, right_text)
            room = width - 2 * margin - self.stringWidth(right_text, st.fonts["bold"], size) - size
            first = footer.call if self.stringWidth(footer.call, style.fontName, size) <= room else footer.call_short
            edge = width - margin if st.rtl else margin
            lines = ((first, top - size, room), (footer.dates, top - size - lead, width - 2 * margin))
            for text, y, line_room in lines:
                # a long clinic name or a long language's words: a little smaller, never past the margin
                wide = self.stringWidth(text, style.fontName, size)
                line_size = size if wide <= line_room else max(size * line_room / wide, size * 0.75)
                self.setFont(style.fontName, line_size)
                lines_at(edge, y, text)
                if text is first and footer.tel:  # the call line: a tap calls the clinic
                    drawn = wide * line_size / size
                    left = edge - drawn if st.rtl else edge
                    self.furniture_link(footer.tel, (left, y - line_size * 0.25, left + drawn, y + line_size),
                                        footer.tel_label)
            self.restoreState()

    return FooterCanvas


class HandoutDoc(BaseDocTemplate):
    def afterFlowable(self, flowable):
        outlines = getattr(flowable, "outlines", None) or [getattr(flowable, "outline", None)]
        for outline in outlines:
            if outline:
                title, level, key = outline
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(title, key, level=level, closed=False)


def _frames(g: Geometry, top: float, height: float, prefix: str, rtl: bool = False) -> list[Frame]:
    """The columns in reading order: from the right, right to left."""
    places = range(g.columns - 1, -1, -1) if rtl else range(g.columns)
    return [Frame(g.margin + i * (g.column_width + g.gap), top - height, g.column_width, height, id=f"{prefix}{n}",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0) for n, i in enumerate(places)]


def make_document(target, info: DocInfo, st: PdfStyles, g: Geometry, masthead: float = 0.0,
                  templates: dict | None = None, first_frames: list[Frame] | None = None,
                  after_first: str = "later") -> HandoutDoc:
    """A document whose pages are columns. The first page starts with a full-width masthead of the
    given height (the title band and the main points), with the columns below it."""
    doc = HandoutDoc(
        target, pagesize=(g.width, g.height),
        leftMargin=g.margin, rightMargin=g.margin, topMargin=g.top, bottomMargin=g.bottom,
        title=info.title, author=info.author, subject=info.subject, keywords=list(info.keywords),
        creator="handouts", producer="handouts (ReportLab)", lang=info.language, invariant=1,
        initialFontName=st.fonts["regular"],
    )
    page_top = g.height - g.top
    first: list[Frame] = list(first_frames or [])
    if first:
        pass
    elif masthead:
        # the band starts at the page's top edge and runs into the margins; the columns sit below it
        band_top = g.height
        first.append(Frame(g.margin, band_top - masthead, g.text_width, masthead, id="masthead", leftPadding=0,
                           rightPadding=0, topPadding=0, bottomPadding=0))
        column_top = band_top - masthead
        first += _frames(g, column_top, column_top - g.bottom, "first", st.rtl)
    else:
        first += _frames(g, page_top, g.text_height, "first", st.rtl)

    def open_outline(canvas, _doc):
        canvas.showOutline()  # the viewer opens with the bookmarks shown

    pages = [PageTemplate("first", first, onPage=open_outline, autoNextPageTemplate=after_first),
             PageTemplate("later", _frames(g, page_top, g.text_height, "body", st.rtl))]
    for name, frames in (templates or {}).items():
        pages.append(PageTemplate(name, frames))
    doc.addPageTemplates(pages)
    return doc


def full_page_frame(g: Geometry, name: str, top: float | None = None) -> list[Frame]:
    """One frame over the page inside its margins (from `top` down, when given), for a cover."""
    top = g.height - g.margin if top is None else top
    return [Frame(g.margin, g.margin, g.text_width, top - g.margin, id=name, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)]


def column_frames(g: Geometry, name: str, rtl: bool = False) -> list[Frame]:
    return _frames(g, g.height - g.top, g.text_height, name, rtl)
