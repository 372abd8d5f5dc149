"""Registering the theme's font family with ReportLab, from its PyPI font package."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from handouts.theme.fonts import FACES, font_file


@lru_cache(maxsize=4)
def register(family: str) -> dict[str, str]:
    """Register the four faces; return face -> ReportLab font name. <b> and <i> map onto them."""
    base = family.replace(" ", "")
    names = {}
    for face in FACES:
        name = f"{base}-{face}"
        pdfmetrics.registerFont(TTFont(name, str(font_file(family, face))))
        names[face] = name
    addMapping(base, 0, 0, names["regular"])
    addMapping(base, 1, 0, names["bold"])
    addMapping(base, 0, 1, names["italic"])
    addMapping(base, 1, 1, names["bolditalic"])
    return names


def charset(family: str) -> frozenset[int]:
    """Code points the regular face can draw, from ReportLab's own parse of the font."""
    face = pdfmetrics.getFont(register(family)["regular"]).face
    return frozenset(face.charToGlyph)
