"""A table in the printed handout: a ReportLab table as wide as the column, its header row shaded
and repeated at the top of each column or page it runs on to, its cells wrapping, and mirrored
right to left. Each cell is a paragraph that carries its TH or TD node; the rules and shading are
decoration, and a repeated header row is a pagination artifact (its cells are read once, where the
table starts)."""

from __future__ import annotations

import copy

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle
from reportlab.platypus.tables import _ExpandedCellTuple

from handouts.errors import Problem
from handouts.render.columns import TOO_WIDE_HINT, share
from handouts.render.handout import elements as e
from handouts.render.pdf.flowables import Para, artifact
from handouts.render.pdf.markup import markup
from handouts.render.pdf.tags import Tags, tagged

PAD = 0.35  # the space inside a cell, in multiples of the body size
RULE = 0.75  # the width of the rules between cells, in points
HEADER_ROWS = 1  # rows repeated after a split: the header


class _Repeated(Para):
    """A header cell drawn again after a split: a pagination artifact, not a second heading."""

    def drawOn(self, canvas, x, y, _sW=0):
        with artifact(canvas, "Pagination"):
            super().drawOn(canvas, x, y, _sW)


def _again(cell):
    """A header cell (ReportLab keeps a cell's flowables in a tuple) as drawn again after a split."""
    if isinstance(cell, tuple):
        return _ExpandedCellTuple(_again(c) for c in cell)
    again = copy.copy(cell)
    again.__class__, again.tag = _Repeated, None
    return again


class GridTable(Table):
    """ReportLab's Table, with its shading and rules drawn as decoration and its header row, where
    a split repeats it, as a pagination artifact."""

    repeated = False  # whether its first row is the header again, after a split

    def split(self, avail_width, avail_height):
        parts = super().split(avail_width, avail_height)
        for n, part in enumerate(parts):
            part.repeated = self.repeated or n > 0
            if part.repeated and n > 0 and part.repeatRows:
                part._cellvalues = [[_again(cell) for cell in part._cellvalues[0]], *part._cellvalues[1:]]
        return parts

    def _drawBkgrnd(self):
        with artifact(self.canv):
            super()._drawBkgrnd()

    def _drawLines(self):
        with artifact(self.canv):
            super()._drawLines()


def _words_width(texts: list[str], font: str, size: float) -> float:
    return max((stringWidth(w, font, size) for t in texts for w in t.split()), default=0.0)


def _natural_width(texts: list[str], font: str, size: float) -> float:
    return max((stringWidth(t, font, size) for t in texts), default=0.0)


def columns(st, g: e.Grid, width: float) -> tuple[list[float], list[int]]:
    """Each column's width, sharing `width`: every column gets its longest word, and the rest goes
    where the text is longest. Also the columns whose longest word does not fit (a table too wide)."""
    pad = 2 * PAD * st.body_size + 1.0  # a point to spare: a word exactly as wide as its cell would break
    head, cell = st["table_head"], st["table_cell"]
    texts = [[e.text_of(g.header[c])] for c in range(len(g.header))]
    body = [[e.text_of(row[c]) for row in g.rows] for c in range(len(g.header))]
    words = [max(_words_width(texts[c], head.fontName, head.fontSize), _words_width(body[c], cell.fontName,
                                                                                     cell.fontSize)) + pad
             for c in range(len(texts))]
    natural = [max(_natural_width(texts[c], head.fontName, head.fontSize),
                   _natural_width(body[c], cell.fontName, cell.fontSize)) + pad for c in range(len(texts))]
    return share(words, natural, width)


def too_wide(st, elements, width: float, where: str) -> tuple[Problem, ...]:
    """A warning for each table whose columns' longest words do not fit side by side in a column `width` wide."""
    return tuple(Problem(g.loc, f"the table is too wide for a column of the {where}: the longest words of its "
                         f"columns do not fit side by side", "", TOO_WIDE_HINT)
                 for g in elements if isinstance(g, e.Grid) and g.loc is not None and columns(st, g, width)[1])


def story(builder, g: e.Grid, tags: Tags) -> list:
    """The caption (kept with the table's first rows) and the table; tagged, each cell holds its TH or TD."""
    st = builder.st

    def node(r: int, c: int):
        return tags.cells[r][c] if tags.cells else None

    widths, _ = columns(st, g, builder.width)
    head = [tagged(Para(markup(t), st["table_head"]), node(0, c)) for c, t in enumerate(g.header)]
    rows = [[tagged(Para(markup(t), st["table_cell"]), node(r, c)) for c, t in enumerate(row)]
            for r, row in enumerate(g.rows, start=1)]
    data = [head, *rows]
    if st.rtl:  # mirrored: the first column at the right
        data, widths = [row[::-1] for row in data], widths[::-1]
    pad = PAD * st.body_size
    table = GridTable(data, colWidths=widths, repeatRows=HEADER_ROWS, hAlign="RIGHT" if st.rtl else "LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), st.fonts["regular"]),  # not ReportLab's unembedded Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *((side, (0, 0), (-1, -1), pad) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(st.theme.styles["table_head"].background)),
        ("INNERGRID", (0, 0), (-1, -1), RULE, st.color("rule")),
        ("BOX", (0, 0), (-1, -1), RULE, st.color("rule")),
    ]))
    table.spaceBefore, table.spaceAfter = st.body_size * 0.3, st.body_size * 0.8
    if not g.caption:
        return [table]
    caption = tagged(Para(markup(g.caption), st["caption"]), tags.caption)
    caption.lead_in = True  # never alone at the foot of a column
    return [caption, table]
