"""Paragraphs ReportLab cannot set right: right to left (Arabic, Urdu, Persian), or with letters
that join and reorder (Devanagari). Their words are measured as HarfBuzz shapes them and broken
into lines in reading order; then each line is put in display order by the Unicode bidirectional
algorithm (python-bidi's levels, resolved once for the paragraph), shaped run by run with the run's
own direction, and drawn glyph by glyph where HarfBuzz placed them. Numbers and Latin names inside
Arabic keep their order.

Each cluster's first glyph that takes room names all of its letters in the font's Unicode map
(fonts.Font), so text extraction gives the words back; right to left, it names them in display
order, as readers that reverse right-to-left runs expect.

A right-to-left paragraph is mirrored by reading the style's indents as start and end: `leftIndent`
is kept at the right, where a line starts, and a bullet hangs at the right of its item."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import bidi
import uharfbuzz as hb
from bidi import algorithm as uba
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.geomutils import normalizeTRBL
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject

from handouts.libraries import require
from handouts.render.pdf import reportlab_parts as rl
from handouts.scripts import grouped_numbers

require("python-bidi", bidi.VERSION)  # resolve() runs the steps of its algorithm one by one

RTL = 1  # the paragraph level of right-to-left text
FEATURES = {"kern": True, "liga": True}


@dataclass(frozen=True)
class Glyph:
    """One glyph of a shaped run: the character ReportLab draws it with, and where it sits from the
    run's left end (points)."""

    char: str
    x: float
    y: float
    body: bool  # the glyph that stands for its cluster's letters (not a dot or a mark)


@dataclass(frozen=True)
class Run:
    """Text of one style and one direction, shaped; its glyphs in display order."""

    frag: Any  # ReportLab's ParaFrag, untyped (or any object with fontName, fontSize, textColor, link)
    glyphs: tuple[Glyph, ...]
    width: float
    start: int = 0  # the index of its first character in the line's text


def resolve(text: str, base: int = RTL) -> list[dict]:
    """python-bidi's resolved level for each character of a paragraph (rules up to I2), with the
    character's index; explicit embedding marks are dropped, as the algorithm says."""
    storage = uba.get_empty_storage()
    storage["base_level"], storage["base_dir"] = base, "LR"[base % 2]
    uba.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uba.explicit_embed_and_overrides(storage, False)
    uba.resolve_weak_types(storage, False)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    return storage["chars"]


def _resolve_with_numbers(text: str, numbers: list[tuple[int, int]], base: int) -> dict[int, dict]:
    """Resolved characters by index. A number of several groups ("555 0100") is embedded left to
    right (LRE ... PDF), so its groups read in order; the deck and the web page hold it the same way."""
    marked: list[str] = []
    origin: list[int | None] = []  # None: a mark of our own
    bounds = {start: "\u202a" for start, _ in numbers} | {end: "\u202c" for _, end in numbers}
    for i in range(len(text) + 1):
        if i in bounds and (i < len(text) or bounds[i] == "\u202c"):
            marked.append(bounds[i])
            origin.append(None)
        if i < len(text):
            marked.append(text[i])
            origin.append(i)
    out = {}
    for char in resolve("".join(marked), base):
        if origin[char["index"]] is not None:
            out[origin[char["index"]]] = {**char, "index": origin[char["index"]]}
    return out


def display_order(chars: list[dict], base: int = RTL) -> list[tuple[int, list[int]]]:
    """One line's characters (resolved, in reading order) as runs in display order, left to right:
    (level, the runs' character indices in reading order)."""
    storage: dict[str, Any] = {"base_level": base, "chars": [dict(c) for c in chars]}  # python-bidi's storage
    uba.reorder_resolved_levels(storage, False)  # rules L1 and L2, for this line only
    runs: list[tuple[int, list[int]]] = []
    for char in storage["chars"]:
        level, index = char["level"], char["index"]
        if runs and runs[-1][0] == level and abs(runs[-1][1][-1] - index) == 1:
            runs[-1][1].append(index)
        else:
            runs.append((level, [index]))
    return [(level, sorted(indices)) for level, indices in runs]


@lru_cache(maxsize=4096)
def shape(text: str, font_name: str, size: float, rtl: bool) -> tuple[tuple[Glyph, ...], float]:
    """A run's glyphs, placed left to right, and its width. HarfBuzz is told the direction: a
    right-to-left run comes back in display order, with its brackets mirrored."""
    font = pdfmetrics.getFont(font_name)
    if not hasattr(font, "code_for"):  # a font we did not register: drawn as it is, unshaped
        width = pdfmetrics.stringWidth(text, font_name, size)
        return (Glyph(text, 0.0, 0.0, True),), width
    hb_font = font.hbFont(size)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(hb_font, buf, FEATURES)  # a letter and its marks make one cluster
    infos, positions = buf.glyph_infos, buf.glyph_positions
    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, starts[1:] + [len(text)]))
    # A cluster's first glyph that takes room stands for all its letters (not a dot or a mark that
    # takes none), as wide as the whole cluster, and the others as wide as HarfBuzz made them (a
    # mark: none), in the font embedded too (fonts.Font): readers that go by position find its
    # letters side by side, a Devanagari vowel sign drawn before its consonant included.
    body: dict[int, int] = {}
    advance: dict[int, int] = {}
    for n, (info, pos) in enumerate(zip(infos, positions)):
        advance[info.cluster] = advance.get(info.cluster, 0) + pos.x_advance
        if info.cluster not in body or (positions[body[info.cluster]].x_advance == 0 < pos.x_advance):
            body[info.cluster] = n
    scale = size / 1000
    glyphs, pen = [], 0.0
    for n, (info, pos) in enumerate(zip(infos, positions)):
        speaks = body[info.cluster] == n
        letters = text[info.cluster:ends[info.cluster]] if speaks else ""
        if rtl:  # a glyph's letters in display order too (a letter, then its marks, read from the right)
            letters = letters[::-1]
        code = font.code_for(info.codepoint, letters, advance[info.cluster] if speaks else pos.x_advance)
        glyphs.append(Glyph(chr(code), pen + font.pdfScale(pos.x_offset) * scale,
                            font.pdfScale(pos.y_offset) * scale, speaks))
        pen += font.pdfScale(pos.x_advance) * scale
    return tuple(glyphs), pen


def _strong_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def runs_of(text: str, frags: list, chars: list[dict], base: int = RTL) -> list[Run]:
    """A line's runs in display order. `frags[i]` styles `text[i]`; `chars` is the line's slice of
    the paragraph's resolved characters."""
    out = []
    for level, indices in display_order(chars, base):
        pieces, start = [], 0
        while start < len(indices):  # one piece per style, in reading order
            end = start + 1
            while end < len(indices) and frags[indices[end]] is frags[indices[start]]:
                end += 1
            pieces.append(indices[start:end])
            start = end
        rtl = level % 2 == 1
        for piece in reversed(pieces) if rtl else pieces:  # right to left, the first piece is at the right
            frag = frags[piece[0]]
            glyphs, width = shape("".join(text[i] for i in piece), frag.fontName, frag.fontSize, rtl)
            out.append(Run(frag, glyphs, width, piece[0]))
    return out


@dataclass(frozen=True)
class Face:
    """The style of text drawn outside a paragraph: a bullet, a footer line."""

    fontName: str
    fontSize: float
    textColor: object
    link: tuple = ()


_SPACES = frozenset(" \t\n\r\u2028\u2029")  # break opportunities; a no-break space is not one


class Layout:
    """A paragraph's characters, resolved once, and its lines at one width. `base` is its own
    direction: 1, right to left; 0, left to right with right-to-left words in it."""

    def __init__(self, frags: list, base: int = RTL):
        self.base = base
        text, owners = [], []
        for frag in frags:
            if hasattr(frag, "cbDefn"):  # anchors and images take no room here
                continue
            text += [" " if c in _SPACES else c for c in frag.text]
            owners += [frag] * len(frag.text)
        numbers = list(grouped_numbers("".join(text)))
        for start, end in numbers:  # a phone number never breaks between its groups
            text[start:end] = ["\u00a0" if c == " " else c for c in text[start:end]]
        self.text, self.frags = "".join(text), owners
        self.resolved = _resolve_with_numbers(self.text, numbers, base)

    def width(self, start: int, end: int) -> float:
        """The width of text[start:end] as shaped, one piece per style."""
        total, i = 0.0, start
        while i < end:
            j = i + 1
            while j < end and self.frags[j] is self.frags[i]:
                j += 1
            piece, frag = self.text[i:j], self.frags[i]
            total += shape(piece, frag.fontName, frag.fontSize, _strong_rtl(piece))[1]
            i = j
        return total

    def words(self, start: int, end: int) -> list[tuple[int, int]]:
        out, i = [], start
        while i < end:
            if self.text[i] == " ":
                i += 1
                continue
            j = i
            while j < end and self.text[j] != " ":
                j += 1
            out.append((i, j))
            i = j
        return out

    def lines(self, start: int, end: int, first: float, rest: float) -> list[tuple[int, int]]:
        """Greedy breaking in reading order; a word longer than a line is cut between letters (never
        between a letter and its marks), so nothing is lost off the edge."""
        lines: list[tuple[int, int]] = []
        line: tuple[int, int, float] | None = None  # start, end, width
        for a, b in self.words(start, end):
            room = first if not lines else rest
            width = self.width(a, b)
            if line is not None:
                gap = self.width(line[1], a)
                if line[2] + gap + width <= room + 1e-6:
                    line = (line[0], b, line[2] + gap + width)
                    continue
                lines.append(line[:2])
                room = rest
            *whole, last = self._pieces(a, b, room)
            lines += whole
            line = (*last, self.width(*last))
        if line is not None:
            lines.append(line[:2])
        return lines

    def _pieces(self, a: int, b: int, room: float) -> list[tuple[int, int]]:
        """A word cut into pieces that each fit `room` (at least one letter each), found by halving,
        so a long word costs a few shapings per piece rather than one per letter."""
        if self.width(a, b) <= room:
            return [(a, b)]
        out, start = [], a
        while start < b:
            low, high = start + 1, b  # the longest piece that fits ends somewhere in [low, high]
            while low < high:
                middle = (low + high + 1) // 2
                if self.width(start, middle) <= room:
                    low = middle
                else:
                    high = middle - 1
            end = low
            while end - 1 > start and _leads(self.text[end - 1]):  # a leading vowel stays with its letter
                end -= 1
            while end < b and _mark(self.text[end]):  # a letter keeps its marks
                end += 1
            out.append((start, end))
            start = end
        return out

    def runs(self, start: int, end: int) -> list[Run]:
        chars = [self.resolved[i] for i in range(start, end) if i in self.resolved]
        return runs_of(self.text, self.frags, chars, self.base) if chars else []


def _leads(c: str) -> bool:
    """Thai and Lao vowels written before the consonant they follow in speech."""
    return "\u0e40" <= c <= "\u0e44" or "\u0ec0" <= c <= "\u0ec4"


def _mark(c: str) -> bool:
    return unicodedata.category(c).startswith("M") or c in "\u200c\u200d"


def string_runs(text: str, face: Face, base: int = RTL) -> list[Run]:
    """One line of text in one style, in display order."""
    layout = Layout([_Frag(text, face)], base)
    return layout.runs(0, len(layout.text))


@dataclass(frozen=True)
class _Frag:
    text: str
    face: Face

    def __getattr__(self, name):
        return getattr(self.face, name)


def draw_runs(canvas, x: float, y: float, runs: list[Run], wrap_at: float | None = None) -> list[tuple]:
    """Draw runs from x, left to right, as one text object; returns each linked run's
    (url, x, width, frag), for the caller to add the link where the run is. `wrap_at`, for a line
    that wraps, is where its last word ends: the space it broke at is put there.

    Glyphs are written in display order, as readers of a PDF's text expect (they put right-to-left
    words back in reading order by their script). A letter's dots and marks, and the vowel signs of
    a Devanagari syllable, stand for nothing of their own (the cluster's first glyph names its
    letters): they come last, in a text object of their own that says nothing (an artifact whose
    actual text is empty, outside the element's marked content), so that a reader finds each word
    whole, and once. The tagged structure carries each element's words as written, for reading aloud."""
    def text(placed):
        tx, face = PDFTextObject(canvas, x, y), None
        for glyph, left, frag in placed:
            if face is not frag:
                tx.setFont(frag.fontName, frag.fontSize)
                tx.setFillColor(frag.textColor)
                face = frag
            tx.setTextOrigin(left + glyph.x, y + glyph.y)
            tx.textOut(glyph.char)
        return tx

    links: list[tuple] = []
    spoken: list[tuple[Glyph, float, Any]] = []  # (glyph, left, frag)
    silent: list[tuple[Glyph, float, Any]] = []
    left = x
    for run in runs:
        for glyph in run.glyphs:
            (spoken if glyph.body else silent).append((glyph, left, run.frag))
        for link in run.frag.link or ():
            links.append((link[1] if isinstance(link, tuple) else link, left, run.width, run.frag))
        left += run.width
    if wrap_at is not None and runs:  # the space the line broke at (it shows nothing): words stay apart
        spoken.append((Glyph(" ", 0.0, 0.0, True), wrap_at, max(runs, key=lambda r: r.start).frag))
    canvas.drawText(text(spoken))
    if silent:  # text that says nothing (TaggedCanvas.drawUnspoken): their letters are their cluster's
        (canvas.drawUnspoken if hasattr(canvas, "drawUnspoken") else canvas.drawText)(text(silent))
    return links


def draw_string(canvas, x: float, y: float, text: str, anchor: float = 0.0, base: int = RTL) -> float:
    """A line of text in the canvas's font, ordered for display; `anchor` 0 puts its left end at x,
    1 its right end, 0.5 its middle. Returns its width."""
    face = Face(*rl.current_font(canvas))
    runs = string_runs(text, face, base)
    width = sum(r.width for r in runs)
    if runs:
        draw_runs(canvas, x - width * anchor, y, runs)
    return width


def string_width(text: str, font_name: str, size: float) -> float:
    return sum(r.width for r in string_runs(text, Face(font_name, size, None)))


def draw_paragraph(para, layout: Layout, lines: list[tuple[int, int]], first_line: bool) -> None:
    """Draw a paragraph (or a piece of one) on its canvas. Right to left, it is mirrored: lines are
    flush with the right edge, which `leftIndent` keeps, and a bullet hangs at the right."""
    canvas, style = para.canv, para.style
    width, leading, mirrored = para.width, style.leading, layout.base == RTL
    start, end = style.leftIndent, style.rightIndent  # from the edge a line starts at, and the other
    if style.backColor:
        top, right, bottom, left = normalizeTRBL(getattr(style, "borderPadding", 0))
        canvas.saveState()
        canvas.setFillColor(style.backColor)
        canvas.rect((end if mirrored else start) - left, -bottom, width - start - end + left + right,
                    para.height + top + bottom, fill=1, stroke=0)
        canvas.restoreState()
    y = para.height - style.fontSize
    offset = first_offset(para, layout.base) if first_line else 0.0
    if first_line and para.bulletText:
        face = Face(style.bulletFontName, style.bulletFontSize, getattr(style, "bulletColor", style.textColor))
        runs = string_runs(para.bulletText, face, layout.base)
        x = width - style.bulletIndent - sum(r.width for r in runs) if mirrored else style.bulletIndent
        draw_runs(canvas, x, y + getattr(style, "bulletOffsetY", 0), runs)
    links = []
    for n, (a, b) in enumerate(lines):
        runs = layout.runs(a, b)
        total = sum(r.width for r in runs)
        indent = start + (offset if n == 0 else 0.0)
        left, right = (end, width - indent) if mirrored else (indent, width - end)
        if style.alignment == TA_CENTER:
            x = (left + right - total) / 2
        elif (style.alignment == TA_RIGHT) != mirrored:  # flush right: right aligned, or a right-to-left start
            x = right - total
        else:
            x = left
        # the space the line broke at, when it broke at one: not inside a word cut to fit, not at the
        # paragraph's end; at the end of a piece split over columns, when the text goes on after a space
        wrap_at = (x - style.fontSize * 0.25 if mirrored else x + total) if layout.text[b:b + 1] == " " else None
        links += [(url, x0, w, frag, y) for url, x0, w, frag in draw_runs(canvas, x, y, runs, wrap_at)]
        y -= leading
    for url, x, w, frag, base in links:
        canvas.linkURL(url, (x, base - frag.fontSize * 0.25, x + w, base + frag.fontSize * 0.9), relative=1)


def first_offset(para, base: int = RTL) -> float:
    """How much further in the first line starts: its own indent, or room for a wide bullet."""
    style = para.style
    offset = style.firstLineIndent
    if para.bulletText:
        face = Face(style.bulletFontName, style.bulletFontSize, None)
        end = style.bulletIndent + sum(r.width for r in string_runs(para.bulletText, face, base)) \
            + 0.6 * style.bulletFontSize
        offset = max(offset, end - style.leftIndent)
    return offset
