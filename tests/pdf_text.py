"""Reading a generated PDF back the way a patient would see it (shared by the PDF tests)."""

import collections
import re

import pdfplumber

FOOTER = re.compile(r"^(Questions\? Call .*|Version \S+ · Reviewed .*)$")


def page_lines(path):
    """Per page, the text lines with their dominant font size and font name."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines = []
            for line in page.extract_text_lines():
                sizes = collections.Counter(round(c["size"], 1) for c in line["chars"])
                fonts = collections.Counter(c["fontname"] for c in line["chars"])
                lines.append((line["text"], sizes.most_common(1)[0][0], fonts.most_common(1)[0][0], line["top"]))
            out.append(lines)
    return out


def body_text(path) -> str:
    """All text without the footers, whitespace folded, so sentences that cross pages read whole."""
    lines = [text for page in page_lines(path) for text, *_ in page if not FOOTER.match(text)]
    return " ".join(" ".join(lines).split())


def norm(text: str) -> str:
    return " ".join(text.split())
