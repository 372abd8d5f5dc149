"""Imposition: the pages of a booklet, two to a side of a landscape sheet, in saddle-stitch order.

With N pages (padded with blanks to a multiple of 4, the blanks just before the back cover), sheet
k carries pages N-2k+2 and 2k-1 on its front and 2k and N-2k+1 on its back: for 8 pages the sides
are 8|1, 2|7, 6|3, 4|5. Printed both sides, flipped on the short edge, folded and stapled, the
pages come out in order. pikepdf (qpdf) places each page as a form on its sheet; nothing is drawn
by hand.
"""

from __future__ import annotations

import io

import pikepdf

from handouts.render.handout.elements import DocInfo


def order(count: int, right_to_left: bool = False) -> tuple[int, list[tuple[int, int]]]:
    """The padded page count and, side by side, the page numbers (from 1) on each sheet side. A
    right-to-left booklet is bound on the right: each pair the other way round."""
    total = count + (-count) % 4
    sides = []
    for k in range(1, total // 4 + 1):
        sides += [(total - 2 * k + 2, 2 * k - 1), (2 * k, total - 2 * k + 1)]
    return total, [pair[::-1] for pair in sides] if right_to_left else sides


def _bookmarks(pdf: pikepdf.Pdf):
    """(title, depth, page index) of each bookmark, in order."""
    pages = {page.objgen: i for i, page in enumerate(pdf.pages)}

    def walk(items, depth):
        for item in items:
            target = item.destination[0] if item.destination is not None else None
            yield item.title, depth, pages.get(target.objgen, 0) if target is not None else 0
            yield from walk(item.children, depth + 1)

    with pdf.open_outline() as outline:
        return list(walk(outline.root, 0))


def impose(pdf: bytes, sheet: tuple[float, float], info: DocInfo, note: str, fillers: bytes | None = None,
           right_to_left: bool = False) -> bytes:
    """The pages on printing sheets. `fillers`, when given, are the pages that pad the booklet
    (notes pages), in place of blank ones."""
    source = pikepdf.open(io.BytesIO(pdf))
    count = len(source.pages)
    total, sides = order(count, right_to_left)
    pages = {n: source.pages[n - 1] for n in range(1, count)}  # the padding goes just before the back cover
    pages[total] = source.pages[count - 1]
    if fillers:
        extra = pikepdf.open(io.BytesIO(fillers))
        for i, page in enumerate(extra.pages):
            pages[count + i] = page
    width, height = max(sheet), min(sheet)
    out = pikepdf.new()
    where = {}  # page number -> sheet side (from 0)
    for index, pair in enumerate(sides):
        out.add_blank_page(page_size=(width, height))
        side = out.pages[-1]
        for slot, number in enumerate(pair):
            where[number] = index
            if number not in pages:
                continue
            page = pages[number]
            w, h = float(page.mediabox[2]), float(page.mediabox[3])
            x, y = slot * width / 2 + (width / 2 - w) / 2, (height - h) / 2
            # each page as a form, under a name of our own (pikepdf's overlay names are random)
            name = side.add_resource(out.copy_foreign(page.as_form_xobject()), pikepdf.Name.XObject,
                                     pikepdf.Name(f"/Page{number}"))
            side.contents_add(f"q 1 0 0 1 {x:.3f} {y:.3f} cm {name} Do Q\n".encode())
    with out.open_outline() as outline:
        parents: list = []
        for title, depth, index in _bookmarks(source):
            number = index + 1 if index < count - 1 else total
            item = pikepdf.OutlineItem(title, where[number])
            (parents[depth - 1].children if depth else outline.root).append(item)
            parents[depth:] = [item]
    out.docinfo["/Title"] = info.title
    out.docinfo["/Author"] = info.author
    out.docinfo["/Subject"] = note
    out.docinfo["/Keywords"] = ", ".join(info.keywords)
    out.docinfo["/Creator"] = "handouts"
    out.docinfo["/Producer"] = "handouts (ReportLab, pikepdf)"
    out.Root.Lang = pikepdf.String(info.language)
    out.Root.PageMode = pikepdf.Name.UseOutlines
    data = io.BytesIO()
    out.save(data, deterministic_id=True)
    return data.getvalue()
