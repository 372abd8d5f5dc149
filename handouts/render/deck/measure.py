"""Text measurement with real font metrics (fontTools), for deciding what fits on a slide.

The slides name Arial; we measure with a metric-compatible family (Arimo) installed from PyPI, so
the numbers are the same on every machine. Kerning is ignored: it only ever narrows text, so the
estimate errs on the safe side. Lines break at spaces only, as a renderer may also break at
hyphens, which can only give it fewer lines than we count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from handouts.theme.fonts import FACES, font_file


def face_name(bold: bool, italic: bool) -> str:
    return {(False, False): "regular", (True, False): "bold",
            (False, True): "italic", (True, True): "bolditalic"}[(bool(bold), bool(italic))]


class FaceMetrics:
    """Advance widths of one face of a family, or of a stack of families ("Arimo, Noto Sans
    Arabic"), looked up per character on first use; a stack measures each character with the
    first family that has it.

    HarfBuzz reads them straight from the font file: hmtx, and HVAR for a variable font's weight
    (Arimo[wght] gives bold at wght=700), without parsing any other table."""

    def __init__(self, family: str, face: str):
        import uharfbuzz as hb

        weight, _style = FACES[face]
        self._fonts = []
        for name in (f.strip() for f in family.split(",")):
            hb_face = hb.Face(hb.Blob.from_file_path(str(font_file(name, face))))
            font = hb.Font(hb_face)  # its scale is the font's units per em
            if hb_face.axis_infos:
                font.set_variations({"wght": weight})
            self._fonts.append((font, hb_face.upem))
        self._widths: dict[str, float] = {}

    def em(self, ch: str) -> float:
        """Advance of one character in ems."""
        width = self._widths.get(ch)
        if width is None:
            for font, upem in self._fonts:
                glyph = font.get_nominal_glyph(ord(ch))
                if glyph is not None:
                    width = font.get_glyph_h_advance(glyph) / upem
                    break
            else:  # in no font: measured as the first one's .notdef box
                font, upem = self._fonts[0]
                width = font.get_glyph_h_advance(0) / upem
            self._widths[ch] = width
        return width


@lru_cache(maxsize=16)
def metrics(family: str, face: str) -> FaceMetrics:
    return FaceMetrics(family, face)


# A piece of text in one face: (text, bold, italic). model.Run fits this shape too.
Piece = tuple[str, bool, bool]


def _pieces(runs: Iterable) -> list[Piece]:
    out = []
    for run in runs:
        if isinstance(run, tuple):
            out.append(run)
        else:
            out.append((run.text, run.bold, run.italic))
    return out


def text_width(family: str, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Width in points of `text` set at `size` points."""
    face = metrics(family, face_name(bold, italic))
    return sum(face.em(ch) for ch in text) * size


class _Word:
    __slots__ = ("start", "advances", "gap")

    def __init__(self, start: int, advances: list[float], gap: float = 0.0):
        self.start = start  # offset of its first character in the plain text
        self.advances = advances
        self.gap = gap  # width of the spaces after it


def _words(family: str, runs, size: float) -> list[_Word]:
    """Words with their character advances; any whitespace counts as a space.

    Spaces before the first word print, so they stay with it as part of that word.
    """
    words: list[_Word] = []
    pos = 0
    for text, bold, italic in _pieces(runs):
        face = metrics(family, face_name(bold, italic))
        for ch in text:
            if ch.isspace() and ch != "\u00a0":
                if words:
                    words[-1].gap += face.em(" ") * size
                else:
                    words.append(_Word(pos, [face.em(" ") * size]))
            else:
                if not words or words[-1].gap:
                    words.append(_Word(pos, []))
                words[-1].advances.append(face.em(ch) * size)
            pos += 1
    return words


_STARTS: dict[tuple, tuple[int, ...]] = {}


def line_starts(family: str, runs, size: float, width: float) -> list[int]:
    """Offsets in the plain text where each line starts (see _line_starts), remembered: fitting a
    slide measures the same text at the same sizes again and again."""
    key = (family, tuple(runs), size, width)
    starts = _STARTS.get(key)
    if starts is None:
        if len(_STARTS) > 100_000:  # a very long library run: start again rather than grow
            _STARTS.clear()
        starts = _STARTS[key] = tuple(_line_starts(family, runs, size, width))
    return list(starts)


def _line_starts(family: str, runs, size: float, width: float) -> list[int]:
    """Offsets in the plain text where each line starts, breaking at spaces only.

    A word wider than the whole line is broken between characters, as a slide renderer does.
    Spaces at a line end take no room (renderers hang them in the margin).
    """
    starts = [0]
    line_width, gap_before = 0.0, 0.0
    for word in _words(family, runs, size):
        word_width = sum(word.advances)
        if line_width and line_width + gap_before + word_width <= width:
            line_width += gap_before + word_width
        else:
            if line_width:
                starts.append(word.start)
            line_width = 0.0
            if word_width > width:  # only a word too long for any line is cut
                for i, advance in enumerate(word.advances):
                    if line_width and line_width + advance > width:
                        starts.append(word.start + i)
                        line_width = 0.0
                    line_width += advance
            else:
                line_width = word_width
        gap_before = word.gap
    return starts


def wrap(family: str, runs, size: float, width: float) -> list[str]:
    """The lines of `runs` set at `size` points in `width` points (whitespace collapsed)."""
    plain = "".join(text for text, _, _ in _pieces(runs))
    starts = line_starts(family, runs, size, width)
    ends = starts[1:] + [len(plain)]
    return [" ".join(plain[a:b].split()) for a, b in zip(starts, ends)]


class Para(NamedTuple):
    """One paragraph as laid out in a text box: its runs, size and geometry in points."""

    runs: tuple
    size: float
    line_spacing: float  # exact line pitch in points
    indent: float = 0.0  # left margin of every line (a hanging bullet sits inside it)
    space_before: float = 0.0


def para_lines(family: str, para: Para, width: float) -> list[str]:
    return wrap(family, para.runs, para.size, max(width - para.indent, 1.0))


def height(family: str, paras: Sequence[Para], width: float) -> float:
    """Height in points of paragraphs stacked in a box `width` points wide.

    Lines times their pitch, plus the space before each paragraph but the first (render writes
    zero space before the first paragraph, so the box starts with text).
    """
    total = 0.0
    for i, para in enumerate(paras):
        total += len(para_lines(family, para, width)) * para.line_spacing
        if i:
            total += para.space_before
    return total
