"""A table on slides of its own (pure: measured, not drawn; render/deck/grid.py draws it).

The largest size from the theme's body size down to its minimum at which the whole table fits
one slide; a longer one runs on over slides at the minimum size, its header row on each. Each
slide's notes read its rows out, each cell after its heading.
"""

from __future__ import annotations

from typing import NamedTuple

from handouts import model as m
from handouts.errors import Problem
from handouts.model.inline import Run
from handouts.render.columns import TOO_WIDE_HINT, share
from handouts.render.deck import measure, typeset
from handouts.render.deck.geometry import EMU_PER_PT, TITLE_AND_CONTENT, Box, inches
from handouts.render.deck.slide import SlidePlan

MARGIN_X, MARGIN_Y = inches(0.1), inches(0.05)  # PowerPoint's own cell margins, which the drawing keeps
Cell = tuple[Run, ...]


class GridShape(NamedTuple):
    """A table to draw: where, its columns' widths (left to right), its header and rows (mirrored
    right to left already), each row's height, and its type size."""

    box: Box
    widths: tuple[int, ...]
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    heights: tuple[int, ...]  # the header's, then each row's
    size: float


def _words(family: str, cells: list[Cell], size: float, bold: bool) -> float:
    return max((measure.text_width(family, w, size, bold) for c in cells for w in "".join(r.text for r in c).split()),
               default=0.0)


def _natural(family: str, cells: list[Cell], size: float, bold: bool) -> float:
    return max((measure.text_width(family, "".join(r.text for r in c), size, bold) for c in cells), default=0.0)


def columns(family: str, table: m.Table, size: float, width: int) -> tuple[list[int], list[int]]:
    """Column widths in EMU sharing `width` (each at least its longest word, the rest where the text
    is longest), and the columns whose longest word does not fit even so."""
    pad = 2 * MARGIN_X
    head = [[tuple(t.runs)] for t in table.header]
    body = [[tuple(row[c].runs) for row in table.rows] for c in range(len(head))]
    words = [round(max(_words(family, head[c], size, True), _words(family, body[c], size, False)) * EMU_PER_PT)
             + pad for c in range(len(head))]
    natural = [round(max(_natural(family, head[c], size, True), _natural(family, body[c], size, False))
                     * EMU_PER_PT) + pad for c in range(len(head))]
    widths, narrow = share(words, natural, width)
    return [int(w) for w in widths], narrow


def _height(family: str, cells, widths: list[int], size: float, bold: bool) -> int:
    pitch = typeset.pitch(size)
    lines = max(len(measure.wrap(family, tuple((r.text, bold or r.bold, r.italic) for r in cell), size,
                                 max((w - 2 * MARGIN_X) / EMU_PER_PT, 1.0))) for cell, w in zip(cells, widths))
    return round(lines * pitch * EMU_PER_PT) + 2 * MARGIN_Y + EMU_PER_PT * 2


def _layout(family, table: m.Table, size: float, box: Box):
    widths, narrow = columns(family, table, size, box.w)
    header = [tuple(t.runs) for t in table.header]
    heights = [_height(family, header, widths, size, True)] + [
        _height(family, [tuple(t.runs) for t in row], widths, size, False) for row in table.rows]
    return widths, narrow, heights


def _pages(heights: list[int], room: int) -> list[list[int]]:
    """The rows of each slide (the header's height first in `heights`): as many slides as filling
    each in turn takes, the rows then shared out evenly, so the last is not left with one row."""
    pages: list[list[int]] = [[]]
    used = heights[0]
    for r, h in enumerate(heights[1:]):
        if pages[-1] and used + h > room:
            pages.append([])
            used = heights[0]
        pages[-1].append(r)
        used += h
    rows, count = len(heights) - 1, len(pages)
    even = [list(range(rows * i // count, rows * (i + 1) // count)) for i in range(count)]
    fits = all(heights[0] + sum(heights[r + 1] for r in page) <= room for page in even)
    return even if fits else pages


def slides(planner, table: m.Table, section: m.Section) -> list[SlidePlan]:
    """The table's slides: as large as fits one slide, or over several at the minimum size."""
    box = planner.box(TITLE_AND_CONTENT)
    family = planner.family
    sizes = [planner.body_size - n for n in range(int(planner.body_size - planner.min_size) + 1)]  # a point apart
    for size in sizes:
        widths, narrow, heights = _layout(family, table, size, box)
        if not narrow and sum(heights) <= box.h:
            break
    else:
        size = planner.min_size
        widths, narrow, heights = _layout(family, table, size, box)
    pages = _pages(heights, box.h)
    title = table.caption.plain if table.caption else section.title.plain
    header_text = [t.plain for t in table.header]
    out = []
    for i, page in enumerate(pages):
        heading = title if i == 0 else planner.labels.slide("continued", title=title)
        notes = ([table.caption.plain] if table.caption and i == 0 else []) + [
            planner.labels.table_row(header_text, [t.plain for t in table.rows[r]]) for r in page]
        order = (lambda cells: cells[::-1]) if planner.rtl else (lambda cells: cells)
        shape = GridShape(Box(box.x, box.y, box.w, heights[0] + sum(heights[r + 1] for r in page)),
                          tuple(order(widths)), tuple(order([tuple(t.runs) for t in table.header])),
                          tuple(tuple(order([tuple(t.runs) for t in table.rows[r]])) for r in page),
                          (heights[0], *(heights[r + 1] for r in page)), size)
        out.append(SlidePlan(kind="grid", layout=TITLE_AND_CONTENT, title=heading,
                             title_size=planner.fit_title(heading, TITLE_AND_CONTENT, table.loc),
                             title_box=planner.geometry.layouts[TITLE_AND_CONTENT].title,
                             notes=tuple(notes), sources=(table.loc,), continued=i > 0, table=shape))
    return out


def too_wide(family: str, min_size: float, tables: list[m.Table], width: int, aspect: str) -> list[Problem]:
    """A warning for each table whose columns' longest words do not fit side by side on a slide."""
    return [Problem(t.loc, f"the table is too wide for a {aspect} slide: the longest words of its columns do "
                    f"not fit side by side, even at {min_size:g} pt", "", TOO_WIDE_HINT)
            for t in tables if columns(family, t, min_size, width)[1]]
