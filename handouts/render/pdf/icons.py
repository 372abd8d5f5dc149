"""Small icons drawn with ReportLab graphics, so a callout's kind never rests on colour alone.
The marks inside are shapes, not letters, so they never leak into the text a reader copies."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect
from reportlab.lib.colors import HexColor, white


def _exclamation(d: Drawing, cx: float, base: float, height: float) -> None:
    w = height * 0.16
    d.add(Rect(cx - w / 2, base + height * 0.32, w, height * 0.68, rx=w / 2, ry=w / 2, fillColor=white,
               strokeColor=None))
    d.add(Circle(cx, base + w * 0.6, w * 0.62, fillColor=white, strokeColor=None))


def icon(kind: str, color: str, size: float, font: str) -> Drawing:
    d = Drawing(size, size)
    d.initialFontName = font  # the renderer's default would be an unembedded Helvetica
    c = HexColor(color)
    if kind == "get_help":  # warning triangle with "!"
        d.add(Polygon([size / 2, size * 0.98, size * 0.02, size * 0.08, size * 0.98, size * 0.08],
                      fillColor=c, strokeColor=c, strokeWidth=size * 0.06, strokeLineJoin=1))
        _exclamation(d, size / 2, size * 0.17, size * 0.52)
    elif kind == "tip":  # circle with a tick
        d.add(Circle(size / 2, size / 2, size * 0.48, fillColor=c, strokeColor=None))
        d.add(Line(size * 0.27, size * 0.52, size * 0.44, size * 0.34, strokeColor=white, strokeWidth=size * 0.11,
                   strokeLineCap=1))
        d.add(Line(size * 0.44, size * 0.34, size * 0.74, size * 0.68, strokeColor=white, strokeWidth=size * 0.11,
                   strokeLineCap=1))
    else:  # note: circle with "i" (an upside-down "!")
        d.add(Circle(size / 2, size / 2, size * 0.48, fillColor=c, strokeColor=None))
        w = size * 0.11
        d.add(Rect(size / 2 - w / 2, size * 0.2, w, size * 0.38, rx=w / 2, ry=w / 2, fillColor=white,
                   strokeColor=None))
        d.add(Circle(size / 2, size * 0.72, w * 0.65, fillColor=white, strokeColor=None))
    return d
