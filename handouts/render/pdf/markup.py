"""Plan text -> ReportLab paragraph markup. Content is data: every character is escaped, and only
the plan's own emphasis and links become tags. Links were limited to safe schemes by the plan."""

from __future__ import annotations

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


def markup(pieces: Pieces) -> str:
    out = []
    for piece in pieces:
        text = esc(piece.text)
        if isinstance(piece, Link):
            text = f"<a href={quoteattr(piece.url)}>{text}</a>"
        if piece.italic:
            text = f"<i>{text}</i>"
        if piece.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)
