"""Plan text -> ReportLab paragraph markup. Content is data: every character is escaped, and only
the plan's own emphasis and links become tags. Links were limited to safe schemes by the plan."""

from __future__ import annotations

import re

from handouts.render import address_breaks
from handouts.render.handout.elements import Link, Pieces

# Our own table rather than xml.sax.saxutils: importing that pulls in urllib, http and ssl (~14 ms).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;",
                               "\r": "&#13;", "\t": "&#9;"})


def esc(text: str) -> str:
    return text.translate(_ESCAPES)


def quoteattr(value: str) -> str:
    """A value for a double-quoted markup attribute."""
    return '"' + value.translate(_ATTR_ESCAPES) + '"'


# A break opportunity that takes no room: ReportLab breaks lines only at spaces, and would otherwise
# cut a long web address mid-word. A space set at 0.1 pt cannot be seen.
SOFT_BREAK_SIZE = 0.1
_SOFT_BREAK = f'<font size="{SOFT_BREAK_SIZE}"> </font>'


def address(text: str) -> str:
    """A web or mail address as markup that may break only where address_breaks lets it."""
    if " " in text or not re.search(r"[/.@]", text):
        return esc(text)
    return _SOFT_BREAK.join(esc(part) for part in address_breaks.pieces(text))


def text(words: str) -> str:
    """Plain text as markup, with every address in it free to break only where address() lets it."""
    out, at = [], 0
    for start, end in address_breaks.spans(words):
        out += [esc(words[at:start]), address(words[start:end])]
        at = end
    return "".join(out) + esc(words[at:])


def markup(pieces: Pieces) -> str:
    out = []
    for piece in pieces:
        made = text(piece.text)
        if isinstance(piece, Link):
            made = f"<a href={quoteattr(piece.url)}>{address(piece.text)}</a>"
        if piece.italic:
            made = f"<i>{made}</i>"
        if piece.bold:
            made = f"<b>{made}</b>"
        out.append(made)
    return "".join(out)
