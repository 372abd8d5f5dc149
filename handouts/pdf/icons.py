"""Small icons drawn with ReportLab graphics, so a callout's kind never rests on colour alone."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, String
from reportlab.lib.colors import HexColor, white


def icon(kind: str, color: str, size: float, font: str) -> Drawing:
    d = Drawing(size, size)
    d.initialFontName = font  # the renderer's default would be an unembedded Helvetica
    c = HexColor(color)
    if kind == "get_help":  # warning triangle with "!"
        d.add(Polygon([size / 2, size * 0.98, size * 0.02, size * 0.08, size * 0.98, size * 0.08],
                      fillColor=c, strokeColor=c, strokeWidth=size * 0.06, strokeLineJoin=1))
        d.add(String(size / 2, size * 0.2, "!", fontName=font, fontSize=size * 0.62, fillColor=white,
                     textAnchor="middle"))
    elif kind == "tip":  # circle with a tick
        d.add(Circle(size / 2, size / 2, size * 0.48, fillColor=c, strokeColor=None))
        d.add(Line(size * 0.27, size * 0.52, size * 0.44, size * 0.34, strokeColor=white, strokeWidth=size * 0.11,
                   strokeLineCap=1))
        d.add(Line(size * 0.44, size * 0.34, size * 0.74, size * 0.68, strokeColor=white, strokeWidth=size * 0.11,
                   strokeLineCap=1))
    else:  # note: circle with "i"
        d.add(Circle(size / 2, size / 2, size * 0.48, fillColor=c, strokeColor=None))
        d.add(String(size / 2, size * 0.24, "i", fontName=font, fontSize=size * 0.62, fillColor=white,
                     textAnchor="middle"))
    return d
