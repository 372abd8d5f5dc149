"""Flowables of our own: a shaded box that splits across pages, the page-1 title band, and a
heading that carries its outline entry."""

from __future__ import annotations

from contextlib import nullcontext
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlab.lib.colors import Color
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.doctemplate import ActionFlowable

from handouts.render.pdf import reportlab_parts as rl
from handouts.render.pdf.addresses import fit_para, soft_break
from handouts.render.pdf.markup import SOFT_BREAK_SIZE

if TYPE_CHECKING:
    from handouts.render.pdf.tags import StructNode


def marked(canvas, node):
    """The canvas's marked-content wrapper for a structure node (none on a plain canvas)."""
    return canvas.marked(node) if hasattr(canvas, "marked") else nullcontext()


def item(canvas, label, body, bullet: bool):
    """The canvas's list-item wrapper: the bullet as the item's Lbl, its words as its LBody."""
    return canvas.item(label, body, bullet) if hasattr(canvas, "item") else nullcontext()


def artifact(canvas, kind: str = "Layout"):
    """Decoration, marked as such for the tagged PDF (nothing on a plain canvas)."""
    return canvas.artifact(kind) if hasattr(canvas, "artifact") else nullcontext()


class Para(Paragraph):
    """A paragraph that remembers its last line breaking. Keep-with-next groups, boxes and page
    splits ask the same paragraph for its height at the same width several times, and breaking
    its lines again gives the same answer each time (about 4 ms a handout).

    For the tagged PDF it carries its structure node (`tag`), or, as a list item, the nodes of its
    label and its body (`item`): the bullet and the words are drawn as two marked sequences."""

    _wrapped: tuple | None = None  # (width, style, frags) -> (width, height) of the last wrap
    tag: StructNode | None = None
    item: tuple | None = None

    def drawOn(self, canvas, x, y, _sW=0):
        if self.item is not None:
            label, body = self.item
            with item(canvas, label, body, bool(self.bulletText)):
                super().drawOn(canvas, x, y, _sW)
            return
        with marked(canvas, self.tag):
            super().drawOn(canvas, x, y, _sW)

    def split(self, avail_width, avail_height):
        parts = self._split_ours(avail_width, avail_height) if self._ours else super().split(avail_width, avail_height)
        for part in parts:  # one element over a page break stays one element
            part.tag, part.item = self.tag, self.item
        if len(parts) == 2 and not self._ours:  # where each part's words start in the paragraph's text
            source, start = self._source_text()
            parts[0]._source = parts[1]._source = source
            parts[0]._start = start
            parts[1]._start = _past(source, start, sum(_letters(_line_text(line)) for line in parts[0].blPara.lines))
        return parts

    # -- the space each line broke at, kept in the text -------------------------------------------

    _source: str | None = None  # the whole paragraph's text (a split part's too)
    _start = 0  # where in it this part's words start
    _breaks: list[bool] | None  # set only while ReportLab draws the lines (beginText reads it)

    def _source_text(self) -> tuple[str, int]:
        if self._source is None:
            frags = self.__dict__.get("_address_frags")  # as written (fit_para keeps them), not yet made words
            if frags and all(hasattr(f, "text") for f in frags):  # an address's break points are not spaces
                self._source = "".join(_SOFT if soft_break(f) else f.text for f in frags)
            else:
                self._source = self.getPlainText()
        return self._source, self._start

    def _broke_at_space(self) -> list[bool]:
        """For each line drawn: whether the text goes on after it with a space (a line broken
        inside a long word, and the paragraph's end, do not)."""
        source, at = self._source_text()
        out = []
        for line in self.blPara.lines:
            at = _past(source, at, _letters(_line_text(line)))
            out.append(source[at:at + 1].isspace() and source[at] != _SOFT)
        return out

    def beginText(self, x, y):
        breaks = getattr(self, "_breaks", None)
        if (breaks and any(breaks)) or any(soft_break(f) for f in self.__dict__.get("_address_frags", ())):
            return _SpacedText(self.canv, x, y, breaks or [])
        return super().beginText(x, y)

    def wrap(self, avail_width, avail_height):
        fit_para(self, avail_width)  # an address too wide for the line is set a little smaller
        if self._ours:
            return self._wrap_ours(avail_width)
        key = (avail_width, self.style, self.frags)
        # ReportLab drops blPara when a split fails, so the stored breaking counts only while it is there.
        if self._wrapped is None or self._wrapped[0] != key or "blPara" not in self.__dict__:
            self._wrapped = (key, super().wrap(avail_width, avail_height))
        self.width, self.height = self._wrapped[1]
        return self._wrapped[1]

    # -- right to left, or shaped: our own lines (render/pdf/bidi.py) ------------------------

    _span: tuple[int, int] | None = None  # the part of the text a piece of a split paragraph sets
    _continued = False  # a later piece: no bullet, no first-line indent
    _layout = None

    _base: int | None = None

    @property
    def _ours(self) -> bool:
        """Whether we set the lines: right to left, with right-to-left words, or in a shaped script."""
        if self._base is None:
            from handouts.scripts import has_complex

            text = "".join(getattr(f, "text", "") for f in self.frags)
            if getattr(self.style, "direction", "ltr") == "rtl":
                self._base = 1
            elif getattr(self.style, "shaping", 0) or has_complex(text):
                self._base = 0  # a document in a shaped script, or shaped (right-to-left) words: set here
            else:
                self._base = -1
        return self._base >= 0

    def _our_lines(self, avail_width: float) -> list[tuple[int, int]]:
        from handouts.render.pdf import bidi

        assert self._base is not None  # asked only once _ours has said the lines are ours
        if self._layout is None:
            self._layout = bidi.Layout(self.frags, self._base)
        key = (avail_width, self._span, self._continued)
        if self._wrapped is None or self._wrapped[0] != key:
            style = self.style
            rest = avail_width - style.leftIndent - style.rightIndent
            first = rest - (0.0 if self._continued else bidi.first_offset(self, self._base))
            start, end = self._span or (0, len(self._layout.text))
            self._wrapped = (key, self._layout.lines(start, end, first, rest))
        return self._wrapped[1]

    def _wrap_ours(self, avail_width):
        self.width = avail_width
        self.height = len(self._our_lines(avail_width)) * self.style.leading
        return self.width, self.height

    def _split_ours(self, avail_width, avail_height) -> list:
        import copy

        lines = self._our_lines(avail_width)
        fit = int((avail_height + 1e-6) // self.style.leading)
        if fit >= len(lines):
            return [self]
        if len(lines) - fit == 1 and not self.style.allowWidows:
            fit -= 1  # never one line alone at the top of the next column
        if fit == 1 and not self.style.allowOrphans:
            fit = 0  # nor one alone at the foot of this one
        if fit <= 0:
            return []
        parts = []
        cut = lines[fit][0]
        for span, later in (((lines[0][0], cut), self._continued), ((cut, lines[-1][1]), True)):
            part = copy.copy(self)
            for placed in ("_postponed", "_frame"):  # ReportLab's marks of where this one was tried
                part.__dict__.pop(placed, None)
            part._span, part._continued, part._wrapped = span, later, None
            if later:
                part.bulletText = None
            parts.append(part)
        return parts

    def drawPara(self, debug=0):
        if not self._ours:
            self._breaks = self._broke_at_space()
            try:
                return super().drawPara(debug)
            finally:
                self._breaks = None
        from handouts.render.pdf import bidi

        lines = self._our_lines(self.width)
        assert self._layout is not None  # made by _our_lines, at the latest
        bidi.draw_paragraph(self, self._layout, lines, not self._continued)


_SOFT = "\u2009"  # an address's break point in a paragraph's text (see _source_text)


def _line_text(line) -> str:
    """The words of one of ReportLab's lines: (extra space, words) or a FragLine of fragments."""
    words = line[1] if isinstance(line, tuple) else line.words
    return "".join(w if isinstance(w, str) else getattr(w, "text", "") for w in words)


def _letters(text: str) -> int:
    return sum(not c.isspace() for c in text)


def _past(source: str, at: int, count: int) -> int:
    """The index in `source` just after the next `count` characters that are not spaces from `at`."""
    while count and at < len(source):
        count -= not source[at].isspace()
        at += 1
    return at


class _SpacedText(PDFTextObject):
    """A paragraph's text object that keeps the space each line broke at: drawn after the line's last
    word (past the words, where it shows nothing), and inside the paragraph's marked content, so a
    reader of the page's text, or of the tagged structure, does not run the last word of one line
    into the first of the next. ReportLab ends each line with a text-showing call that moves to the
    next line (T*): that call takes the space."""

    def __init__(self, canvas, x, y, breaks: list[bool]):
        super().__init__(canvas, x, y)
        self._breaks = iter(breaks)

    def _textOut(self, text, TStar=0):
        if self._fontsize == SOFT_BREAK_SIZE and text.isspace():  # an address's break point draws nothing
            text = ""
            if not TStar:
                return
        if TStar and next(self._breaks, False) and not text[-1:].isspace():
            text += " "
        super()._textOut(text, TStar)


class Heading(Para):
    """A paragraph that becomes a bookmark; the document template reads `outline` after drawing it.
    ReportLab builds split parts through the same class, so the first part keeps the bookmark."""

    outline: tuple | None = None

    def split(self, avail_width, avail_height):
        parts = super().split(avail_width, avail_height)
        if parts:
            parts[0].outline = self.outline
        return parts


class LeadIn(Flowable):
    """A heading (or a question) and what follows it. A column never breaks between them, but what
    follows may still split after its first lines, so a column is not left half empty for a long
    paragraph. Nested lead-ins (a section heading, then a sub-heading) work the same way."""

    def __init__(self, head, body):
        super().__init__()
        self.head, self.body = head, body
        self.outline = getattr(head, "outline", None)

    @property
    def outlines(self) -> list:
        inner = self.body.outlines if isinstance(self.body, LeadIn) else [getattr(self.body, "outline", None)]
        return [o for o in (self.outline, *inner) if o]

    def _gap(self) -> float:
        return self.head.getSpaceAfter() + self.body.getSpaceBefore()

    def getSpaceBefore(self):
        return self.head.getSpaceBefore()

    def getSpaceAfter(self):
        return self.body.getSpaceAfter()

    def wrap(self, avail_width, avail_height):
        self._head_h = self.head.wrapOn(self.canv, avail_width, avail_height)[1]
        self._body_h = self.body.wrapOn(self.canv, avail_width, avail_height)[1]
        self.width, self.height = avail_width, self._head_h + self._gap() + self._body_h
        return self.width, self.height

    def split(self, avail_width, avail_height):
        at_top = rl.at_top(self)
        head_h = self.head.wrapOn(self.canv, avail_width, avail_height)[1] + self._gap()
        parts = self.body.splitOn(self.canv, avail_width, avail_height - head_h) if head_h < avail_height else []
        if parts and not isinstance(parts[0], ActionFlowable):
            return [LeadIn(self.head, parts[0]), *parts[1:]]
        if at_top:  # a whole column would not help: let the heading and the rest split on their own
            return [*(self.head.splitOn(self.canv, avail_width, avail_height) or [self.head]), self.body]
        return []  # not even the first lines fit (or they move on whole): the heading goes with them

    def draw(self):
        self.head.drawOn(self.canv, 0, self.height - self._head_h)
        self.body.drawOn(self.canv, 0, 0)


class Box(Flowable):
    """Content on a shaded panel with a border and a thick bar on the left. Splits between (and
    inside) its items, so a long callout flows on instead of being cut off; but a box no taller than
    `keep_within` (a whole column) is never split: it moves to the next column as one piece.

    An `icon` (a callout's kind, drawn as decoration) sits in a gutter of its own beside the first
    line, on the side where lines start; every line of the box starts at the gutter's edge, so the
    heading and the text under it share one edge, and readers that find blocks of text by their
    edges (pdftotext) read the heading first."""

    def __init__(self, content, background: Color, border: Color, bar: float = 6, padding: float = 10,
                 border_width: float = 1.2, keep_within: float = 0.0, split_at_top: bool = True, rtl: bool = False,
                 icon=None, gutter: float = 0.0):
        super().__init__()
        self.content = list(content)
        self.rtl = rtl  # right to left: the bar on the right
        self.background, self.border = background, border
        self.bar, self.padding, self.border_width = bar, padding, border_width
        self.keep_within = keep_within
        self.split_at_top = split_at_top  # in flowing pages, a box at a column's top must split to go on
        self.icon, self.gutter = icon, gutter
        self._heights: list[float] = []

    def _inner_width(self, avail_width: float) -> float:
        return avail_width - self.bar - 2 * self.padding - self.gutter

    def _gap(self, i: int) -> float:
        return self.content[i].getSpaceAfter() if i < len(self.content) - 1 else 0

    def wrap(self, avail_width, avail_height):
        inner = self._inner_width(avail_width)
        self._heights = [f.wrapOn(self.canv, inner, avail_height)[1] for f in self.content]
        self.width = avail_width
        self.height = sum(self._heights) + sum(self._gap(i) for i in range(len(self.content))) + 2 * self.padding
        return self.width, self.height

    def split(self, avail_width, avail_height):
        at_top = self.split_at_top and rl.at_top(self)
        if self.keep_within and not at_top and self.wrap(avail_width, avail_height)[1] <= self.keep_within:
            return []  # it fits a column of its own: move it whole rather than cut it
        inner = self._inner_width(avail_width)
        room = avail_height - 2 * self.padding
        used = 0.0
        for i, f in enumerate(self.content):
            h = f.wrapOn(self.canv, inner, room)[1]
            if used + h <= room:
                used += h + self._gap(i)
                continue
            parts = f.splitOn(self.canv, inner, room - used)
            if parts:
                head, tail = self.content[:i] + [parts[0]], list(parts[1:]) + self.content[i + 1:]
            else:
                head, tail = self.content[:i], self.content[i:]
            if not head:
                return []
            return [self._clone(head, self.icon), self._clone(tail)]
        return [self]

    def _clone(self, content, icon=None):
        box = Box(content, self.background, self.border, self.bar, self.padding, self.border_width,
                  split_at_top=self.split_at_top, rtl=self.rtl, icon=icon, gutter=self.gutter)
        box.spaceBefore, box.spaceAfter = getattr(self, "spaceBefore", 0), getattr(self, "spaceAfter", 0)
        return box

    def draw(self):
        c = self.canv
        with artifact(c):  # the panel and its bar: decoration, the box's word says what it is
            c.saveState()
            c.setFillColor(self.background)
            c.setStrokeColor(self.border)
            c.setLineWidth(self.border_width)
            c.rect(0, 0, self.width, self.height, fill=1, stroke=1)
            c.setFillColor(self.border)
            c.rect(self.width - self.bar if self.rtl else 0, 0, self.bar, self.height, fill=1, stroke=0)
            c.restoreState()
            if self.icon is not None and self.content:  # centred on the first line of the heading
                from reportlab.graphics import renderPDF

                first = getattr(getattr(self.content[0], "style", None), "leading", self.icon.height)
                top = self.height - self.padding
                y = top - max(first, self.icon.height) / 2 - self.icon.height / 2
                x = self.width - self.bar - self.padding - self.icon.width if self.rtl else self.bar + self.padding
                renderPDF.draw(self.icon, c, x, y)
        y = self.height - self.padding
        x = self.padding if self.rtl else self.bar + self.padding + self.gutter
        for i, (f, h) in enumerate(zip(self.content, self._heights)):
            y -= h
            f.drawOn(c, x, y)
            y -= self._gap(i)


class Band(Flowable):
    """The title band: colour from edge to edge, the logo beside the words (or above them, `stacked`).
    `bleed` is how far the colour runs past the frame: (left, right, top, bottom). With `fill`, the
    band takes the whole height it is given (a cover panel)."""

    def __init__(self, paragraphs, background: Color, logo=None, bleed=(0.0, 0.0, 0.0, 0.0), padding: float = 18,
                 stacked: bool = False, fill: bool = False, rtl: bool = False):
        super().__init__()
        self.paragraphs, self.background, self.logo = paragraphs, background, logo
        self.rtl = rtl  # right to left: the logo on the right
        self.bleed_left, self.bleed_right, self.bleed_top, self.bleed_bottom = bleed
        self.padding, self.stacked, self.fill = padding, stacked, fill

    def _text_height(self) -> float:
        return sum(self._heights) + sum(p.getSpaceAfter() for p in self.paragraphs[:-1])

    def wrap(self, avail_width, avail_height):
        logo_w = self.logo.drawWidth + self.padding if self.logo and not self.stacked else 0
        self._text_width = avail_width - logo_w
        self._heights = [p.wrapOn(self.canv, self._text_width, avail_height)[1] for p in self.paragraphs]
        logo_h = self.logo.drawHeight if self.logo else 0
        self.width = avail_width
        if self.stacked:
            self.height = self._text_height() + (logo_h + self.padding if self.logo else 0) + 2 * self.padding
        else:
            self.height = max(self._text_height(), logo_h) + 2 * self.padding
        self._content_height = self.height
        if self.fill:
            self.height = max(self.height, avail_height)
        self.height = max(self.height, self.min_height)
        return self.width, self.height

    min_height = 0.0  # a cover's band may be made taller than its words; they sit in its lower part

    def split(self, avail_width, avail_height):
        """Only for extreme titles: too tall for a page, the band gives way to its parts, each on
        its own coloured background, so they can flow on rather than stop the build."""
        if self.wrap(avail_width, avail_height)[1] <= avail_height:
            return [self]
        from reportlab.lib.styles import ParagraphStyle

        parts = [Tagged(self.logo, self.logo_tag)] if self.logo else []
        if self.logo:
            self.logo.hAlign = "LEFT"
        for p in self.paragraphs:
            style = ParagraphStyle(p.style.name + "-loose", parent=p.style, backColor=self.background,
                                   borderPadding=self.padding / 3)
            loose = Para(p.text, style)
            loose.tag = p.tag
            parts.append(loose)
        return parts

    logo_tag: StructNode | None = None  # the logo's Figure node, for the tagged PDF

    def draw(self):
        c = self.canv
        with artifact(c):
            c.saveState()
            c.setFillColor(self.background)
            c.rect(-self.bleed_left, -self.bleed_bottom, self.width + self.bleed_left + self.bleed_right,
                   self.height + self.bleed_top + self.bleed_bottom, fill=1, stroke=0)
            c.restoreState()
        x, top = 0, self.height - self.padding
        if self.stacked and self.min_height and not self.fill:
            top -= (self.height - self._content_height) * 0.6  # a tall cover band: the words low in it
        if self.logo:
            with marked(c, self.logo_tag):
                self.logo.drawOn(c, self.width - self.logo.drawWidth if self.rtl else 0, top - self.logo.drawHeight)
            if self.stacked:
                top -= self.logo.drawHeight + self.padding
            elif not self.rtl:
                x = self.logo.drawWidth + self.padding
        if self.stacked:
            y = top
        else:
            y = top - max(0, (self.height - 2 * self.padding - self._text_height()) / 2)
        for p, h in zip(self.paragraphs, self._heights):
            y -= h
            p.drawOn(c, x, y)
            y -= p.getSpaceAfter()


class QRCode(Flowable):
    """A QR code drawn as one path of dark runs, encoded once (ReportLab's widget encodes again at
    every draw, and a layout that tries several sizes draws many times)."""

    def __init__(self, data: str, side: float, border: int = 4):
        super().__init__()
        self.modules = _qr_modules(data)
        self.side, self.border = side, border
        self.width = self.height = side

    def wrap(self, avail_width, avail_height):
        return self.side, self.side

    tag = None  # its Figure node, for the tagged PDF

    def draw(self):
        with marked(self.canv, self.tag):
            self._draw()

    def _draw(self):
        import itertools

        count = len(self.modules)
        box = self.side / (count + 2 * self.border)
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            c = 0
            for dark, run in itertools.groupby(row):
                n = len(list(run))
                if dark:
                    path.rect((c + self.border) * box, self.side - (r + self.border + 1) * box, n * box, box)
                c += n
        self.canv.saveState()
        self.canv.setFillColorRGB(0, 0, 0)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()


class Tagged(Flowable):
    """Any flowable drawn inside one marked-content sequence (a picture as a Figure), or, with no
    node, as an artifact (an icon that the word beside it already says)."""

    def __init__(self, inner, tag=None):
        super().__init__()
        self.inner, self.tag = inner, tag
        self.hAlign = getattr(inner, "hAlign", "LEFT")

    def wrap(self, avail_width, avail_height):
        self.width, self.height = self.inner.wrapOn(self.canv, avail_width, avail_height)
        return self.width, self.height

    def draw(self):
        with (marked(self.canv, self.tag) if self.tag is not None else artifact(self.canv)):
            self.inner.drawOn(self.canv, 0, 0)


@lru_cache(maxsize=8)
def _qr_modules(data: str) -> tuple[tuple[bool, ...], ...]:
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(data, barLevel="M")
    widget.qr.make()
    return tuple(tuple(map(bool, row)) for row in widget.qr.modules)
