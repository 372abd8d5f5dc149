"""Inline emphasis: `**bold**` and `*italic*`, parsed once into runs so no renderer parses markup.

Anything that is not a closed pair stays literal text, so `2 * 3` or a lone `*` print as typed.
A backslash before an asterisk keeps it literal too.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from handouts.errors import Loc


class Run(NamedTuple):
    text: str
    bold: bool = False
    italic: bool = False


class Text(NamedTuple):
    runs: tuple[Run, ...]
    loc: Loc

    @property
    def plain(self) -> str:
        return "".join(r.text for r in self.runs)

    def __str__(self) -> str:
        return self.plain


# Bold-italic, then bold, then italic, so `**x**` is never read as two italics. Emphasis must hug
# its text (`* x *` is literal) and may not touch a letter or digit outside (`5*3*2` is literal).
_OPEN, _CLOSE = r"(?<![\w*\\])", r"(?![\w*])"
_TOKEN = re.compile(r"\\\*"
                    rf"|{_OPEN}\*\*\*(?=\S)(.+?)(?<=[^\s\\])\*\*\*{_CLOSE}"
                    rf"|{_OPEN}\*\*(?=\S)(.+?)(?<=[^\s\\])\*\*{_CLOSE}"
                    rf"|{_OPEN}\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*{_CLOSE}")


def parse_inline(source: str) -> tuple[Run, ...]:
    runs: list[Run] = []

    def add(text: str, bold=False, italic=False):
        if not text:
            return
        if runs and runs[-1].bold == bold and runs[-1].italic == italic:
            runs[-1] = Run(runs[-1].text + text, bold, italic)
        else:
            runs.append(Run(text, bold, italic))

    pos = 0
    for m in _TOKEN.finditer(source):
        add(source[pos:m.start()])
        if m.group(0) == "\\*":
            add("*")
        elif m.group(1) is not None:
            add(m.group(1).replace("\\*", "*"), True, True)
        elif m.group(2) is not None:
            for inner in parse_inline(m.group(2)):
                add(inner.text, True, inner.italic)
        else:
            for inner in parse_inline(m.group(3)):
                add(inner.text, inner.bold, True)
        pos = m.end()
    add(source[pos:])
    return tuple(runs)


def text(source: str, loc: Loc) -> Text:
    return Text(parse_inline(source), loc)
