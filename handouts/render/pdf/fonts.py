"""Registering the theme's font family with ReportLab, from its PyPI font package."""

from __future__ import annotations

import hashlib
import io
import os
from copy import deepcopy
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, makeToUnicodeCMap

from handouts.render.pdf import reportlab_parts as rl  # noqa: F401  (checks the version first)
from handouts.theme.fonts import FACES, font_file

# What a glyph that stands for no letter of its own gives back (a dot, a mark, the second glyph of a
# cluster whose first names all its letters): a ToUnicode entry must not be empty, nor U+0000.
SILENT = "\u200b"


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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.letters: dict[int, str] = {}  # private code -> the letters its glyph shows
        # (glyph, letters, advance) -> private code. The advance is part of the key: the same glyph
        # and letters set in another context (a cluster kerned otherwise) is another code, so a code's
        # width never depends on where it was met first, and a document's bytes never depend on what
        # the process built before it
        self.codes: dict[tuple[int, str, int | None], int] = {}
        self.rooms: dict[int, int] = {}  # private code -> its advance, when not its glyph's own
        self._plain_subset, self.face.makeSubset = self.face.makeSubset, self._subset

    def code_for(self, glyph: int, letters: str, room: int | None = None) -> int:
        """The code to draw `glyph` with, standing for `letters`; `room` (font units) is the advance
        it is given where it is set: its whole cluster's, or a mark's none. A private code's width
        says so, in /Widths and in the font embedded alike (PDF/UA asks that they agree): where it
        is not the glyph's own, the code draws a copy of the glyph with that advance (`_subset`).
        Every glyph is drawn at its own place, so no advance moves one."""
        mapped = self.face.glyphToChar.get(glyph, ())
        if len(letters) == 1 and ord(letters) in mapped:
            return ord(letters)
        code = self.codes.get((glyph, letters, room))
        if code is None:
            code = 0xF0000 + len(self.codes)  # Supplementary Private Use Area-A: no font maps these
            self.codes[glyph, letters, room] = code
            self.face.charToGlyph[code] = glyph
            own = self.face.hmetrics[glyph][0]
            if room is not None and room != own:
                self.rooms[code] = room
            self.face.charWidths[code] = self.pdfScale(self.rooms.get(code, own))
            if letters:
                self.letters[code] = letters
        return code

    def _subset(self, subset: list[int]) -> bytes:
        """ReportLab's subset of the font, with a copy of each glyph that a code draws with another
        advance (a cluster's, a mark's none), given that advance, for that code."""
        data = self._plain_subset(subset)
        wide = {i: self.rooms[code] for i, code in enumerate(subset) if code in self.rooms}
        if not wide:
            return data
        from fontTools.ttLib import TTFont as FontFile

        font = FontFile(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)  # (its tables as they were)
        cmap = font["cmap"].getcmap(1, 0).cmap  # ReportLab's: code (0-255) -> glyph
        glyf, hmtx = font["glyf"], font["hmtx"]
        order = list(font.getGlyphOrder())
        for i, room in wide.items():
            name, copy = cmap[i], f"wide{i}"
            glyf[copy] = deepcopy(glyf[name])
            hmtx[copy] = (room, hmtx[name][1])
            order.append(copy)
            cmap[i] = copy
        font.setGlyphOrder(order)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()

    def addObjects(self, doc):
        state = self.state.get(doc)
        super().addObjects(doc)  # (which forgets the document's subsets)
        if state is None:
            return
        for n, subset in enumerate(state.subsets):
            name = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            doc.idToObject["toUnicodeCMap:" + name].content = self._cmap(name, subset)

    def _cmap(self, name: str, subset: list[int]) -> str:
        """ReportLab's ToUnicode map of a subset, with its bfchar entries rewritten: a private code
        gives back its letters; a code that stands for no character (.notdef at 0, ReportLab's
        unused codes 1-31, both U+0000 there, which PDF/UA forbids) is left out; and the entries
        come in blocks of at most 100, as the CMap format allows."""
        lines = makeToUnicodeCMap(name, subset).split("\n")
        start, end = lines.index(f"{len(subset)} beginbfchar"), lines.index("endbfchar")
        pairs = [f"<{i:02X}> <{self._utf16(code)}>" for i, code in enumerate(subset) if code]
        blocks = []
        for at in range(0, len(pairs), 100):
            block = pairs[at:at + 100]
            blocks += [f"{len(block)} beginbfchar", *block, "endbfchar"]
        lines[start:end + 1] = blocks
        return "\n".join(lines)

    def _utf16(self, code: int) -> str:
        if code >= 0xF0000:  # a glyph that adds to a letter (its dots, a mark): SILENT, no letter of its own
            return self.letters.get(code, SILENT).encode("utf-16-be").hex().upper()
        return chr(code).encode("utf-16-be").hex().upper()


def charset(family: str) -> frozenset[int]:
    """Code points the regular face can draw, from ReportLab's own parse of the font."""
    face = pdfmetrics.getFont(register(family)["regular"]).face
    return frozenset(face.charToGlyph)


def _whole(path: Path) -> bool:
    """Whether a cached font is the one written: its SHA-256 is the one written beside it (a file
    cut short by a full disk, or changed since, is not)."""
    try:
        expected = path.with_name(path.name + ".sha256").read_text(encoding="ascii").strip()
        return hashlib.sha256(path.read_bytes()).hexdigest() == expected
    except (OSError, UnicodeDecodeError):
        return False


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
    if cached.is_file() and _whole(cached):
        return str(cached)  # else damaged (a disk full while writing it, an edit): made again below
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
        for target, data in ((cached, out.getvalue()),  # the font, then its digest: a font is used only once both
                             (cached.with_name(cached.name + ".sha256"),
                              hashlib.sha256(out.getvalue()).hexdigest().encode())):
            tmp = target.with_name(f".{target.name}.{os.getpid()}")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        return str(cached)
    except OSError:
        return io.BytesIO(out.getvalue())
