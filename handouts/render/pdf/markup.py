"""Plan text -> ReportLab paragraph markup. Content is data: every character is escaped, and only
the plan's own emphasis and links become tags. Links were limited to safe schemes by the plan."""

from __future__ import annotations

import re

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
_SOFT_BREAK = '<font size="0.1"> </font>'
_ADDRESS_BREAKS = re.compile(r"(?<=[/.@?&=])(?=[^/.@?&=])")


def address(text: str) -> str:
    """A web or mail address as markup that may break after a / . @ ? & or =, never mid-word."""
    if " " in text or not re.search(r"[/.@]", text):
        return esc(text)
    return _SOFT_BREAK.join(esc(part) for part in _ADDRESS_BREAKS.split(text))


def markup(pieces: Pieces) -> str:
    out = []
    for piece in pieces:
        text = esc(piece.text)
        if isinstance(piece, Link):
            # an email is one word to copy: no break inside it, so no stray space in the page's text
            shown = esc(piece.text) if piece.url.startswith("mailto:") else address(piece.text)
            text = f"<a href={quoteattr(piece.url)}>{shown}</a>"
        if piece.italic:
            text = f"<i>{text}</i>"
        if piece.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)
