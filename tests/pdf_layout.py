"""Reading the layout of a generated PDF back from the page, independently of the code that made it:
where the text area is, which column each line is in, and how full each page is."""

from __future__ import annotations

import collections

import pdfplumber


def footer_top(page) -> float:
    """The footer's rule: the lowest horizontal line that spans most of the page."""
    rules = [ln["top"] for ln in page.lines if ln["x1"] - ln["x0"] > page.width * 0.6]
    return max(rules) if rules else page.height


def column_lines(path, columns: int):
    """Per page: per column, the text lines above the footer as (text, top, bottom, size)."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            limit = footer_top(page)
            cols = [[] for _ in range(columns)]
            for line in page.extract_text_lines(layout=False, strip=True):
                if line["top"] >= limit:
                    continue
                # a line belongs to the column its first character starts in
                x = line["chars"][0]["x0"]
                index = min(columns - 1, int(x / (page.width / columns)))
                sizes = collections.Counter(round(c["size"], 1) for c in line["chars"])
                cols[index].append((line["text"], line["top"], line["bottom"], sizes.most_common(1)[0][0]))
            out.append(cols)
    return out


def page_fill(path, columns: int) -> list[float]:
    """How full each page's text area is: for each column, the share of its height down to its
    lowest content (text, box or picture), averaged over the columns."""
    fills = []
    with pdfplumber.open(path) as pdf:
        pages = list(pdf.pages)
        tops = [min((c["top"] for c in p.chars if c["top"] < footer_top(p)), default=0) for p in pages[1:]]
        text_top = min(tops) if tops else 0
        for number, page in enumerate(pages):
            limit = footer_top(page)
            top = 0 if number == 0 else text_top  # page 1's masthead counts as full
            width = page.width / columns
            bottoms = [top] * columns
            items = [(c["x0"], c["bottom"]) for c in page.chars if c["bottom"] <= limit]
            items += [(r["x0"], r["bottom"]) for r in page.rects + page.images if r["bottom"] <= limit
                      and r["x1"] - r["x0"] < page.width * 0.9]
            for x, bottom in items:
                index = min(columns - 1, max(0, int(x / width)))
                bottoms[index] = max(bottoms[index], bottom)
            fills.append(sum((b - top) / (limit - top) for b in bottoms) / columns)
    return fills
