"""Reading a generated PDF back the way a patient would see it (shared by the PDF tests).

Pages in two columns are read column by column: a page is taken to have two columns when no word
below its masthead crosses the middle of the page. This is worked out from the page itself, not
from the code that laid it out.
"""

import collections
import re

import pdfplumber

FOOTER = re.compile(r"^(Questions\? Call .*|Version \S+ · Reviewed .*)$")


def _masthead_bottom(page) -> float:
    """The bottom of the full-width title band and main-points box at the top of a page, if any."""
    wide = [r["bottom"] for r in page.rects if r["x1"] - r["x0"] > page.width * 0.75 and r["top"] < page.height / 2]
    return max(wide, default=0.0)


def _lines(words):
    """Words grouped into lines by their baseline, left to right."""
    lines: list[list] = []
    for w in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        if lines and abs(lines[-1][-1]["bottom"] - w["bottom"]) < 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _footer_top(page) -> float:
    """The footer's rule: the lowest horizontal line that spans most of the page."""
    rules = [ln["top"] for ln in page.lines if ln["x1"] - ln["x0"] > page.width * 0.6]
    return max(rules, default=page.height)


def _in_reading_order(page):
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, return_chars=True)
    top, bottom = _masthead_bottom(page), _footer_top(page)
    mid = page.width / 2
    head = [w for w in words if w["bottom"] <= top]
    foot = [w for w in words if w["top"] >= bottom]
    rest = [w for w in words if top < w["bottom"] and w["top"] < bottom]
    two = rest and not any(w["x0"] < mid < w["x1"] for w in rest) and any(w["x0"] > mid for w in rest) \
        and any(w["x1"] < mid for w in rest)
    if not two:
        return _lines(head) + _lines(rest) + _lines(foot)
    left = [w for w in rest if w["x1"] <= mid]
    right = [w for w in rest if w["x0"] >= mid]
    return _lines(head) + _lines(left) + _lines(right) + _lines(foot)


def page_lines(path):
    """Per page, the text lines (in reading order) with their dominant font size, font name and top."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines = []
            for line in _in_reading_order(page):
                text = " ".join(w["text"] for w in line)
                sizes = collections.Counter(round(c["size"], 1) for w in line for c in w["chars"])
                fonts = collections.Counter(c["fontname"] for w in line for c in w["chars"])
                lines.append((text, sizes.most_common(1)[0][0], fonts.most_common(1)[0][0], line[0]["top"]))
            out.append(lines)
    return out


def body_text(path) -> str:
    """All text without the footers, whitespace folded, so sentences that cross pages read whole."""
    lines = [text for page in page_lines(path) for text, *_ in page if not FOOTER.match(text)]
    return " ".join(" ".join(lines).split())


def norm(text: str) -> str:
    return " ".join(text.split())


def regions(path) -> list[list[tuple[int, float, float, float, float]]]:
    """Per page, its parts in reading order as (page, x, y, width, height) in points from the top
    left: the masthead, then each column (or the whole body), worked out as _in_reading_order does."""
    out = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            words = page.extract_words()
            top, bottom, mid = _masthead_bottom(page), _footer_top(page), page.width / 2
            rest = [w for w in words if top < w["bottom"] and w["top"] < bottom]
            two = rest and not any(w["x0"] < mid < w["x1"] for w in rest) and any(w["x0"] > mid for w in rest) \
                and any(w["x1"] < mid for w in rest)
            parts = [(number, 0.0, 0.0, page.width, top)] if top else []
            if two:
                parts += [(number, 0.0, top, mid, bottom - top), (number, mid, top, page.width - mid, bottom - top)]
            else:
                parts.append((number, 0.0, top, page.width, bottom - top))
            out.append(parts)
    return out


def pdftotext_by_region(path) -> str:
    """poppler's pdftotext, run on each part of each page in reading order (its own guess at the
    order of two columns can put the top of the right column first)."""
    import subprocess

    texts = []
    for page in regions(path):
        for number, x, y, w, h in page:
            if h <= 1:
                continue
            crop = ["-f", str(number), "-l", str(number), "-x", str(int(x)), "-y", str(int(y)), "-W", str(int(w) + 1),
                    "-H", str(int(h))]
            texts.append(subprocess.run(["pdftotext", "-enc", "UTF-8", *crop, str(path), "-"], capture_output=True,
                                        text=True, check=True).stdout)
    return "\n".join(texts)

