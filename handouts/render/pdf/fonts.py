"""Registering the theme's font family with ReportLab, from its PyPI font package."""

from __future__ import annotations

import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from handouts.errors import Problem
from handouts.theme.fonts import FACES, font_file
from handouts.theme.scripts import right_to_left, right_to_left_character, script_name


@lru_cache(maxsize=8)
def register(family: str, shaping: bool = False) -> dict[str, str]:
    """Register the four faces; return face -> ReportLab font name. <b> and <i> map onto them.
    With `shaping`, ReportLab shapes the text with HarfBuzz (Devanagari and other joined scripts)."""
    base = family.replace(" ", "") + ("-shaped" if shaping else "")
    names = {}
    for face in FACES:
        name = f"{base}-{face}"
        pdfmetrics.registerFont(TTFont(name, _static(font_file(family, face), FACES[face][0], shaping),
                                       shapable=shaping))
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


def _static(path: Path, weight: int, shaping: bool = False):
    """A static font for ReportLab, which draws only a variable font's default outlines: the
    instance at `weight` (width 100), made once with fontTools and kept in the user's cache folder
    (in memory when that cannot be written)."""
    import uharfbuzz as hb

    axes = {axis.tag for axis in hb.Face(hb.Blob.from_file_path(str(path))).axis_infos}
    if not axes:
        return str(path)
    data = path.read_bytes()
    key = hashlib.sha256(data).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "handouts" / "fonts"
    cached = cache / f"{path.stem.split('[')[0]}-{weight}{'-shaped' if shaping else ''}-{key}-4.ttf"
    if cached.is_file():
        return str(cached)
    from fontTools.ttLib import TTFont as FontFile
    from fontTools.varLib import instancer

    location = {"wght": weight, "wdth": 100}
    font = FontFile(io.BytesIO(data))
    # without shaping ReportLab reads none of the layout tables, and they are most of the instancing time
    for tag in ("STAT", "MVAR", "DSIG") + (() if shaping else ("GSUB", "GPOS", "GDEF")):
        if tag in font:
            del font[tag]
    font = instancer.instantiateVariableFont(font, {tag: value for tag, value in location.items() if tag in axes})
    # each instance needs its own PostScript name: ReportLab keys faces by it, so four instances
    # that all say "NotoSans-Regular" would all draw as one
    postscript = f"{path.stem.split('[')[0]}-W{weight}{'-Shaped' if shaping else ''}"  # unique per file
    for record in font["name"].names:
        if record.nameID in (4, 6):
            record.string = postscript
    out = io.BytesIO()
    font.save(out)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}")
        tmp.write_bytes(out.getvalue())
        os.replace(tmp, cached)
        return str(cached)
    except OSError:
        return io.BytesIO(out.getvalue())


def unsupported(article) -> list[Problem]:
    """Text the PDF cannot yet set right: a right-to-left language, or a script whose letters must
    be joined or reordered (shaped). Refused, naming the language, rather than printed garbled."""
    from handouts.model.walk import article_texts

    language = article.meta.language
    loc = getattr(article.meta.language, "loc", article.meta.loc)
    if right_to_left(language):
        return [Problem(loc, f"the PDF cannot yet set right-to-left text ('{language}'): its words would print "
                             "in the wrong order", "meta.language",
                        "build the deck (pptx), which PowerPoint sets right to left; a PDF for this language needs "
                        "a later version of handouts")]
    for text in article_texts(article):
        for ch in text.plain:
            if right_to_left_character(ord(ch)):
                return [Problem(text.loc, f"the PDF cannot yet set right-to-left text ({script_name(ord(ch))}, in a "
                                          f"'{language}' leaflet): its words would print in the wrong order",
                                "meta.language", "build the deck (pptx), which PowerPoint sets right to left")]
    return []
