"""Model text -> ReportLab paragraph markup. Content is data: every character is escaped, and only
the model's own emphasis runs become tags. Links are made only for http(s), mailto and tel."""

from __future__ import annotations

from handouts.model.inline import Run, Text
from handouts.load.spec import URL_SCHEMES


# Our own table rather than xml.sax.saxutils: importing that pulls in urllib, http and ssl (~14 ms).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;",
                               "\r": "&#13;", "\t": "&#9;"})


def esc(text: str) -> str:
    return text.translate(_ESCAPES)


def quoteattr(value: str) -> str:
    """A value for a double-quoted markup attribute."""
    return '"' + value.translate(_ATTR_ESCAPES) + '"'


def runs(value: Text | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return esc(value)
    out = []
    for run in value.runs:
        piece = esc(run.text)
        if run.italic:
            piece = f"<i>{piece}</i>"
        if run.bold:
            piece = f"<b>{piece}</b>"
        out.append(piece)
    return "".join(out)


def link(url: str, label: str | None = None) -> str:
    """A clickable link, or plain text when the scheme is not allowed."""
    shown = esc(label if label is not None else url)
    scheme = url.split(":", 1)[0].lower()
    if scheme not in URL_SCHEMES:
        return shown
    return f"<a href={quoteattr(url)}>{shown}</a>"


def plain_run(text: str) -> Text:
    from handouts.errors import Loc

    return Text((Run(text),), Loc(""))
