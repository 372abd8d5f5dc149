"""Where things sit on a slide: boxes in EMU, slide sizes, and the built-in layout design.

Pure data, no python-pptx: the planner measures text against these boxes, and the renderer
applies the very same boxes, so what was measured is what gets drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from handouts.render.registry import ASPECTS

EMU_PER_INCH = 914_400
EMU_PER_PT = 12_700

SLIDE_SIZES = dict(zip(ASPECTS, ((12_192_000, 6_858_000), (9_144_000, 6_858_000))))  # 13.333 x 7.5, 10 x 7.5 in

# The text inset render writes on every text frame (python-pptx's defaults, made explicit).
INSET_X = EMU_PER_INCH // 10
INSET_Y = EMU_PER_INCH // 20

# Layout names, as PowerPoint and pandoc call them; templates must use the same names.
TITLE_SLIDE = "Title Slide"
TITLE_AND_CONTENT = "Title and Content"
SECTION_HEADER = "Section Header"
TITLE_ONLY = "Title Only"


def inches(value: float) -> int:
    return round(value * EMU_PER_INCH)


class Box(NamedTuple):
    x: int
    y: int
    w: int
    h: int

    @property
    def inner_width_pt(self) -> float:
        return (self.w - 2 * INSET_X) / EMU_PER_PT

    @property
    def inner_height_pt(self) -> float:
        return (self.h - 2 * INSET_Y) / EMU_PER_PT

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def shrink_left(self, amount: int) -> Box:
        return Box(self.x + amount, self.y, self.w - amount, self.h)

    def shrink_right(self, amount: int) -> Box:
        return Box(self.x, self.y, self.w - amount, self.h)


class LayoutBoxes(NamedTuple):
    """The title and body placeholders of one layout (body None when it has none)."""

    title: Box
    body: Box | None = None


class Geometry(NamedTuple):
    width: int
    height: int
    layouts: Mapping[str, LayoutBoxes] = MappingProxyType({})  # read-only, so the shared default stays empty
    builtin: bool = True  # False for a user's template: keep its look, add only what we must

    @property
    def margin(self) -> int:
        return inches(0.6) if self.width > inches(11) else inches(0.5)

    def slide_number_box(self) -> Box:
        w, h = inches(1.6), inches(0.42)
        return Box(self.width - self.margin - w, self.height - inches(0.56), w, h)

    def overdue_box(self) -> Box:
        """Bottom left, beside the slide number: where a leaflet past its review says so on every slide."""
        number = self.slide_number_box()
        return Box(self.margin, number.y, number.x - self.margin - inches(0.2), number.h)

    def overdue_strip(self) -> Box:
        """Across the top edge of the title slide: the whole sentence, above the title."""
        return Box(0, 0, self.width, inches(0.75))

    def band(self) -> Box:
        """The coloured band behind titles in the built-in design."""
        return Box(0, 0, self.width, BAND_HEIGHT)


BAND_HEIGHT = inches(1.5)
TITLE_BAND_HEIGHT = inches(4.1)  # the title slide's larger band
BODY_TOP = inches(1.8)
BODY_BOTTOM = inches(6.75)


def builtin_geometry(aspect: str) -> Geometry:
    """The built-in design: a title band across the top, the body below it, the number bottom right."""
    width, height = SLIDE_SIZES[aspect]
    probe = Geometry(width, height)
    m = probe.margin
    inner = width - 2 * m
    content = LayoutBoxes(title=Box(m, inches(0.15), inner, inches(1.2)),
                          body=Box(m, BODY_TOP, inner, BODY_BOTTOM - BODY_TOP))
    layouts = {
        TITLE_SLIDE: LayoutBoxes(title=Box(m, inches(0.9), inner, inches(2.3)),
                                 body=Box(m, TITLE_BAND_HEIGHT + inches(0.35), inner, inches(2.3))),
        TITLE_AND_CONTENT: content,
        TITLE_ONLY: LayoutBoxes(title=content.title),
        SECTION_HEADER: LayoutBoxes(title=Box(m, inches(1.0), inner, inches(1.9)),
                                    body=Box(m, inches(3.3), inner, BODY_BOTTOM - inches(3.3))),
    }
    return Geometry(width, height, layouts, builtin=True)
