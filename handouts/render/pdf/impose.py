"""Imposition: the pages of a booklet, two to a side of a landscape sheet, in saddle-stitch order.

With N pages (padded with blanks to a multiple of 4, the blanks just before the back cover), sheet
k carries pages N-2k+2 and 2k-1 on its front and 2k and N-2k+1 on its back: for 8 pages the sides
are 8|1, 2|7, 6|3, 4|5. Printed both sides, flipped on the short edge, folded and stapled, the
pages come out in order. pypdf places the pages; nothing is drawn by hand.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject, TextStringObject

from handouts.render.handout.elements import DocInfo


def order(count: int) -> tuple[int, list[tuple[int, int]]]:
    """The padded page count and, side by side, the page numbers (from 1) on each sheet side."""
    total = count + (-count) % 4
    sides = []
    for k in range(1, total // 4 + 1):
        sides += [(total - 2 * k + 2, 2 * k - 1), (2 * k, total - 2 * k + 1)]
    return total, sides


def _outline(reader: PdfReader):
    """(title, depth, page index) of each bookmark, in order."""
    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield item.title, depth, reader.get_destination_page_number(item)
    return list(walk(reader.outline, 0))


def impose(pdf: bytes, sheet: tuple[float, float], info: DocInfo, note: str) -> bytes:
    reader = PdfReader(io.BytesIO(pdf))
    pages = list(reader.pages)
    total, sides = order(len(pages))
    # the blanks go just before the back cover
    by_number = {n: page for n, page in enumerate(pages[:-1], start=1)}
    by_number[total] = pages[-1]
    width, height = max(sheet), min(sheet)
    writer = PdfWriter()
    where = {}  # page number -> sheet side (from 0)
    for index, pair in enumerate(sides):
        side = writer.add_blank_page(width, height)
        for slot, number in enumerate(pair):
            where[number] = index
            page = by_number.get(number)
            if page is None:
                continue
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            move = Transformation().translate(slot * width / 2 + (width / 2 - w) / 2, (height - h) / 2)
            side.merge_transformed_page(page, move)
    parents: list = []
    for title, depth, index in _outline(reader):
        number = index + 1 if index < len(pages) - 1 else total
        parents[depth:] = [writer.add_outline_item(title, where[number], parent=parents[depth - 1] if depth else None)]
    writer.add_metadata({"/Title": info.title, "/Author": info.author, "/Subject": note,
                         "/Keywords": ", ".join(info.keywords), "/Creator": "handouts",
                         "/Producer": "handouts (ReportLab, pypdf)"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(info.language)
    writer._root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
