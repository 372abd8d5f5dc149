"""Drawing a planned table (render/deck/table.py) as a native PowerPoint table, which a screen
reader reads by rows and cells: its header row shaded and marked as the header, ink on light colours."""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn
from pptx.util import Emu

from handouts.render.deck import textframe, typeset
from handouts.render.deck.table import MARGIN_X, MARGIN_Y, GridShape
from handouts.render.deck.textframe import ParaSpec

RULE = 9525  # EMU: a rule of 0.75 pt between cells, as in the printed table


def draw(renderer, slide, shape: GridShape) -> None:
    box = shape.box
    frame = slide.shapes.add_table(len(shape.rows) + 1, len(shape.widths), Emu(box.x), Emu(box.y), Emu(box.w),
                                   Emu(box.h))
    frame.name = "Table"
    table = frame.table
    table.first_row = True  # the header row, for a screen reader and the table's style
    table.horz_banding = False
    for c, width in enumerate(shape.widths):
        table.columns[c].width = Emu(width)
    colors = renderer.colors
    for r, (cells, height) in enumerate(zip((shape.header, *shape.rows), shape.heights)):
        table.rows[r].height = Emu(height)
        for c, runs in enumerate(cells):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = Emu(MARGIN_X)
            cell.margin_top = cell.margin_bottom = Emu(MARGIN_Y)
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(colors["primary_light" if r == 0 else "paper"])
            _rules(cell, colors["rule"])
            runs = tuple(run._replace(bold=True) for run in runs) if r == 0 else runs
            spec = ParaSpec(runs=runs, size=shape.size, pitch=typeset.pitch(shape.size), color=colors["ink"])
            textframe.write(cell.text_frame, [spec], renderer.font, renderer.language)


def _rules(cell, color: str) -> None:
    """A thin rule on each side of a cell (before its fill, as the schema orders them)."""
    properties = cell._tc.get_or_add_tcPr()
    for i, side in enumerate(("a:lnL", "a:lnR", "a:lnT", "a:lnB")):
        line = etree.Element(qn(side), w=str(RULE))
        etree.SubElement(etree.SubElement(line, qn("a:solidFill")), qn("a:srgbClr"), val=color.lstrip("#").upper())
        properties.insert(i, line)


def _rgb(color: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(color.lstrip("#"))
