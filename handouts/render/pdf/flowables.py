"""Flowables of our own: a shaded box that splits across pages, the page-1 title band, and a
heading that carries its outline entry."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Paragraph


class Para(Paragraph):
    """A paragraph that remembers its last line breaking. Keep-with-next groups, boxes and page
    splits ask the same paragraph for its height at the same width several times, and breaking
    its lines again gives the same answer each time (about 4 ms a handout)."""

    _wrapped: tuple | None = None  # (width, style, frags) -> (width, height) of the last wrap

    def wrap(self, avail_width, avail_height):
        key = (avail_width, self.style, self.frags)
        # ReportLab drops blPara when a split fails, so the stored breaking counts only while it is there.
        if self._wrapped is None or self._wrapped[0] != key or "blPara" not in self.__dict__:
            self._wrapped = (key, super().wrap(avail_width, avail_height))
        self.width, self.height = self._wrapped[1]
        return self._wrapped[1]


class Heading(Para):
    """A paragraph that becomes a bookmark; the document template reads `outline` after drawing it.
    ReportLab builds split parts through the same class, so the first part keeps the bookmark."""

    outline: tuple | None = None

    def split(self, avail_width, avail_height):
        parts = super().split(avail_width, avail_height)
        if parts:
            parts[0].outline = self.outline
        return parts


class Box(Flowable):
    """Content on a shaded panel with a border and a thick bar on the left. Splits between (and
    inside) its items, so a long callout flows onto the next page instead of being cut off."""

    def __init__(self, content, background: Color, border: Color, bar: float = 6, padding: float = 10,
                 border_width: float = 1.2):
        super().__init__()
        self.content = list(content)
        self.background, self.border = background, border
        self.bar, self.padding, self.border_width = bar, padding, border_width
        self._heights: list[float] = []

    def _inner_width(self, avail_width: float) -> float:
        return avail_width - self.bar - 2 * self.padding

    def _gap(self, i: int) -> float:
        return self.content[i].getSpaceAfter() if i < len(self.content) - 1 else 0

    def wrap(self, avail_width, avail_height):
        inner = self._inner_width(avail_width)
        self._heights = [f.wrapOn(self.canv, inner, avail_height)[1] for f in self.content]
        self.width = avail_width
        self.height = sum(self._heights) + sum(self._gap(i) for i in range(len(self.content))) + 2 * self.padding
        return self.width, self.height

    def split(self, avail_width, avail_height):
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
            return [self._clone(head), self._clone(tail)]
        return [self]

    def _clone(self, content):
        return Box(content, self.background, self.border, self.bar, self.padding, self.border_width)

    def draw(self):
        c = self.canv
        c.saveState()
        c.setFillColor(self.background)
        c.setStrokeColor(self.border)
        c.setLineWidth(self.border_width)
        c.rect(0, 0, self.width, self.height, fill=1, stroke=1)
        c.setFillColor(self.border)
        c.rect(0, 0, self.bar, self.height, fill=1, stroke=0)
        c.restoreState()
        y = self.height - self.padding
        for i, (f, h) in enumerate(zip(self.content, self._heights)):
            y -= h
            f.drawOn(c, self.bar + self.padding, y)
            y -= self._gap(i)


class Band(Flowable):
    """The page-1 band: colour from edge to edge, the logo on the left, text beside it."""

    def __init__(self, paragraphs, background: Color, logo=None, bleed=(0.0, 0.0, 0.0), padding: float = 18):
        super().__init__()
        self.paragraphs, self.background, self.logo = paragraphs, background, logo
        self.bleed_left, self.bleed_right, self.bleed_top = bleed
        self.padding = padding

    def wrap(self, avail_width, avail_height):
        logo_w = self.logo.drawWidth + self.padding if self.logo else 0
        self._text_width = avail_width - logo_w
        self._heights = [p.wrapOn(self.canv, self._text_width, avail_height)[1] for p in self.paragraphs]
        text_h = sum(self._heights) + sum(p.getSpaceAfter() for p in self.paragraphs[:-1])
        logo_h = self.logo.drawHeight if self.logo else 0
        self.width = avail_width
        self.height = max(text_h, logo_h) + 2 * self.padding
        return self.width, self.height

    def split(self, avail_width, avail_height):
        """Only for extreme titles: too tall for a page, the band gives way to its parts, each on
        its own coloured background, so they can flow on rather than stop the build."""
        if self.wrap(avail_width, avail_height)[1] <= avail_height:
            return [self]
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        parts = [self.logo] if self.logo else []
        if self.logo:
            self.logo.hAlign = "LEFT"
        for p in self.paragraphs:
            style = ParagraphStyle(p.style.name + "-loose", parent=p.style, backColor=self.background,
                                   borderPadding=self.padding / 3)
            parts.append(Paragraph(p.text, style))
        return parts

    def draw(self):
        c = self.canv
        c.saveState()
        c.setFillColor(self.background)
        c.rect(-self.bleed_left, 0, self.width + self.bleed_left + self.bleed_right, self.height + self.bleed_top,
               fill=1, stroke=0)
        c.restoreState()
        x = 0
        if self.logo:
            self.logo.drawOn(c, 0, self.height - self.padding - self.logo.drawHeight)
            x = self.logo.drawWidth + self.padding
        text_h = sum(self._heights) + sum(p.getSpaceAfter() for p in self.paragraphs[:-1])
        y = self.height - self.padding - max(0, (self.height - 2 * self.padding - text_h) / 2)
        for p, h in zip(self.paragraphs, self._heights):
            y -= h
            p.drawOn(c, x, y)
            y -= p.getSpaceAfter()
