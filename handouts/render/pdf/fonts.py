"""Registering the theme's font family with ReportLab, from its PyPI font package."""

from __future__ import annotations

import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, makeToUnicodeCMap

from handouts.theme.fonts import FACES, font_file


@lru_cache(maxsize=8)
def register(family: str, shaping: bool = False) -> dict[str, str]:
    """Register the four faces; return face -> ReportLab font name. <b> and <i> map onto them.
    With `shaping`, ReportLab shapes the text with HarfBuzz (Devanagari and other joined scripts)."""
    base = family.replace(" ", "") + ("-shaped" if shaping else "")
    names = {}
    for face in FACES:
        name = f"{base}-{face}"
        pdfmetrics.registerFont(Font(name, _static(font_file(family, face), FACES[face][0], shaping),
                                     shapable=shaping))
        names[face] = name
    addMapping(base, 0, 0, names["regular"])
    addMapping(base, 1, 0, names["bold"])
    addMapping(base, 0, 1, names["italic"])
    addMapping(base, 1, 1, names["bolditalic"])
    return names


class Font(TTFont):
    """A TrueType font whose shaped glyphs say which letters they stand for. A joined Arabic letter
    or a ligature has no character of its own: render/pdf/bidi.py gives it a private code and
    records its letters in `letters`, and the font's ToUnicode map then gives those letters back,
    so copying, searching and reading aloud get the words as written."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.letters: dict[int, str] = {}  # private code -> the letters its glyph shows
        self.codes: dict[tuple[int, str], int] = {}  # (glyph, letters) -> private code

    def code_for(self, glyph: int, letters: str, width: float) -> int:
        """The code to draw `glyph` with, standing for `letters` (width in thousandths of an em)."""
        mapped = self.face.glyphToChar.get(glyph, ())
        if len(letters) == 1 and ord(letters) in mapped:
            return ord(letters)
        code = self.codes.get((glyph, letters))
        if code is None:
            code = 0xF0000 + len(self.codes)  # Supplementary Private Use Area-A: no font maps these
            self.codes[glyph, letters] = code
            self.face.charToGlyph[code] = glyph
            self.face.charWidths[code] = width
            if letters:
                self.letters[code] = letters
        return code

    def addObjects(self, doc):
        state = self.state.get(doc)
        super().addObjects(doc)  # (which forgets the document's subsets)
        if not self.letters or state is None:
            return
        for n, subset in enumerate(state.subsets):
            if not any(code in self.letters for code in subset):
                continue
            name = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            lines = makeToUnicodeCMap(name, subset).split("\n")
            start, end = lines.index(f"{len(subset)} beginbfchar"), lines.index("endbfchar")
            pairs = [f"<{i:02X}> <{self._utf16(code)}>" for i, code in enumerate(subset)]
            lines[start:end] = [f"{len(pairs)} beginbfchar", *pairs]
            doc.idToObject["toUnicodeCMap:" + name].content = "\n".join(lines)

    def _utf16(self, code: int) -> str:
        if code >= 0xF0000:  # a glyph that adds to a letter (its dots): it stands for nothing more
            return self.letters.get(code, "").encode("utf-16-be").hex().upper()
        return chr(code).encode("utf-16-be").hex().upper()


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
