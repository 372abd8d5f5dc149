"""An independent overflow check for .pptx files, shared by the deck tests.

It does not use handouts.deck.measure: it reads what the slide XML says (box, insets, sizes, line
pitch, spacing, indents) and wraps the text with Pillow's own FreeType-based measuring of the
Arimo font file, then compares the wrapped height with the box.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import ImageFont
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from handouts.theme.fonts import font_file

EMU_PER_PT = 12700
SCALE = 20  # measure at 20x the point size, in pixels, for precision
TOLERANCE_PT = 0.5


@lru_cache(maxsize=64)
def _font(size: float, bold: bool, italic: bool):
    font = ImageFont.truetype(str(font_file("Arimo", "italic" if italic else "regular")), round(size * SCALE))
    font.set_variation_by_axes([700 if bold else 400])
    return font


def _width(pieces) -> float:
    """Width in points of [(text, size, bold, italic)] set one after another."""
    return sum(_font(size, bold, italic).getlength(text) / SCALE for text, size, bold, italic in pieces if text)


def _words(pieces):
    """Split styled pieces into words (lists of styled pieces), dropping the spaces between."""
    words, current = [], []
    for text, size, bold, italic in pieces:
        for i, part in enumerate(text.split(" ")):
            if i:
                if current:
                    words.append(current)
                current = []
            if part:
                current.append((part, size, bold, italic))
    if current:
        words.append(current)
    return words


def count_lines(pieces, width: float) -> int:
    """Greedy word wrap; a word wider than the line is cut into as many lines as it needs."""
    lines, line = 0, []
    for word in _words(pieces):
        trial = line + ([(" ", word[0][1], word[0][2], word[0][3])] if line else []) + word
        if _width(trial) <= width:
            line = trial
            continue
        if line:
            lines += 1
        if _width(word) > width:
            chars = [(ch, s, b, i) for text, s, b, i in word for ch in text]
            line = []
            for ch in chars:
                if line and _width(line + [ch]) > width:
                    lines += 1
                    line = []
                line.append(ch)
        else:
            line = word
    return max(lines + (1 if line else 0), 1)


def _pts(ppr, tag: str, default: float) -> float:
    el = ppr.find(qn(tag)) if ppr is not None else None
    if el is None:
        return default
    pts = el.find(qn("a:spcPts"))
    assert pts is not None, f"{tag} must be in points, not a percentage"
    return int(pts.get("val")) / 100


def frame_overflow(shape) -> float:
    """Points by which the text of a shape is taller than its box (<= 0 when it fits)."""
    body_pr = shape.text_frame._txBody.find(qn("a:bodyPr"))
    insets = {k: body_pr.get(k) for k in ("lIns", "tIns", "rIns", "bIns")}
    assert None not in insets.values(), f"{shape.name}: text insets must be explicit"
    inner_w = (shape.width - int(insets["lIns"]) - int(insets["rIns"])) / EMU_PER_PT
    inner_h = (shape.height - int(insets["tIns"]) - int(insets["bIns"])) / EMU_PER_PT
    total = 0.0
    for n, p in enumerate(shape.text_frame.paragraphs):
        ppr = p._p.pPr
        pieces = []
        for r in p.runs:
            size = r.font.size.pt
            rpr = r._r.rPr
            assert rpr.get("cap") in (None, "none"), "capitals change widths"
            pieces.append((r.text, size, bool(r.font.bold), bool(r.font.italic)))
        if not pieces:
            continue
        size = max(s for _, s, _, _ in pieces)
        pitch = _pts(ppr, "a:lnSpc", 1.2 * size)
        indent = int(ppr.get("marL", "0")) / EMU_PER_PT if ppr is not None else 0.0
        lines = count_lines(pieces, inner_w - indent)
        total += lines * pitch + (_pts(ppr, "a:spcBef", 0.0) if n else 0.0)
    return total - inner_h


def text_shapes(shapes):
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:  # look inside
            yield from text_shapes(shape.shapes)
        elif shape.has_text_frame and shape.text_frame.text.strip():
            yield shape


def overflows(prs):
    """[(slide number, shape name, points over)] for every text box too small for its text."""
    found = []
    for number, slide in enumerate(prs.slides, 1):
        for shape in text_shapes(slide.shapes):
            over = frame_overflow(shape)
            if over > TOLERANCE_PT:
                found.append((number, shape.name, round(over, 1)))
    return found


def fill(shape) -> float:
    """The share of a shape's text area its text takes, measured as above (1.0: full)."""
    body_pr = shape.text_frame._txBody.find(qn("a:bodyPr"))
    inner_h = (shape.height - int(body_pr.get("tIns")) - int(body_pr.get("bIns"))) / EMU_PER_PT
    return (frame_overflow(shape) + inner_h) / inner_h
