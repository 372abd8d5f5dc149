"""Checks of a flowing layout re-read from its PDF, independently of the code that laid it out:
no heading stranded at the foot of a column, no list going on in a new column without its heading,
no thin page. Headings come from the YAML (tests/oracle.py), lines from the page (pdfplumber)."""

from __future__ import annotations

import collections
import re

import pdfplumber
from oracle import Leaflet
from pdf_layout import footer_top, page_fill
from pdf_text import _masthead_bottom

BULLET = re.compile(r"^(•|\d+\.)\s")
MIN_LINES = 2  # lines of what a heading heads that must follow it in its column


def key(text: str) -> str:
    """Text compared without spaces or hyphens, so a heading broken over lines (or hyphenated) matches."""
    return re.sub(r"[\s\u00ad\-‐]", "", text)


def headings(leaflet: Leaflet) -> set[str]:
    """Section and sub-section titles, steps titles, and list lead-ins of the YAML, as keys."""
    out = set()
    for _, s in leaflet.sections():
        out.add(key(leaflet.text(s["title"])))
        for kind, value in leaflet.blocks(s):
            if kind == "steps" and "title" in value:
                out.add(key(leaflet.text(value["title"])))
    return out


def columns(path, count: int, rtl: bool = False) -> list[list[tuple]]:
    """Every column of the document in reading order (below a page's masthead, above its footer),
    as its lines (text, top, bottom, size). Each column is cropped out of its page before its
    lines are found, so lines of two columns at one height are never read as one."""
    out = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            top = _masthead_bottom(page) if number == 0 else 0  # only page 1 has a masthead
            limit, width = footer_top(page), page.width / count
            cols = []
            for n in range(count):
                crop = page.crop((n * width, top, (n + 1) * width, limit))
                lines = []
                for line in crop.extract_text_lines(layout=False, strip=True):
                    sizes = collections.Counter(round(c["size"], 1) for c in line["chars"])
                    lines.append((line["text"], line["top"], line["bottom"], sizes.most_common(1)[0][0]))
                # a picture counts as what a heading heads (its lines are more than two)
                pictures = [i for i in crop.images if i["x0"] >= n * width - 1]
                lines += [("[picture]", i["top"], i["bottom"], 0.0) for i in pictures for _ in range(2)]
                cols.append(sorted(lines, key=lambda line: line[1]))
            out += list(reversed(cols)) if rtl else cols
    return out


def _heading_at(lines: list, i: int, known: set[str]) -> int:
    """The number of lines from `i` that together make a known heading (0: none)."""
    joined = ""
    for n in range(i, min(i + 4, len(lines))):
        joined += key(lines[n][0])
        if joined in known:
            return n - i + 1
    return 0


def stranded(path, count: int, known: set[str], rtl: bool = False) -> list[str]:
    """Headings followed by fewer than MIN_LINES lines in their column (the document's last column
    with text may end as it likes)."""
    cols = [c for c in columns(path, count, rtl) if c]
    problems = []
    for n, lines in enumerate(cols[:-1], start=1):
        i = 0
        while i < len(lines):
            size = _heading_at(lines, i, known)
            if size and len(lines) - (i + size) < MIN_LINES:
                problems.append(f"column {n}: {lines[i][0]!r} is followed by {len(lines) - i - size} line(s)")
            i += max(size, 1)
    return problems


def headless_lists(path, count: int, rtl: bool = False) -> list[str]:
    """Columns that open with a list item: a list went on without its "(continued)" heading."""
    cols = [c for c in columns(path, count, rtl) if c]
    return [f"column {n} opens with {lines[0][0]!r}" for n, lines in enumerate(cols[1:], start=2)
            if BULLET.match(lines[0][0]) or (rtl and lines[0][0].rstrip().endswith("•"))]


def thin_pages(path, count: int, least: float, last: float = 0.25, skip: tuple[int, ...] = ()) -> list[str]:
    """Pages less full than `least` (the last page: `last`); `skip` names pages (from 1) not checked."""
    fills = page_fill(path, count)
    out = []
    for n, fill in enumerate(fills, start=1):
        need = last if n == len(fills) else least
        if n not in skip and fill < need:
            out.append(f"page {n} of {len(fills)} is {fill:.0%} full (at least {need:.0%})")
    return out
