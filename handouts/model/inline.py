"""Inline emphasis: `**bold**` and `*italic*`, parsed once into runs so no renderer parses markup.

Anything that is not a closed pair stays literal text, so `2 * 3` or a lone `*` print as typed.
A backslash before an asterisk keeps it literal too.

The rules, at each position from the left: `\\*` is a literal star; else `***x***`, then `**x**`,
then `*x*`, each closed by the nearest closer that fits. Emphasis must hug its text (`* x *` is
literal) and may not touch a letter or digit outside (`5*3*2` is literal). The parser finds each
nearest closer from tables made once per text, so its time grows linearly with the text (a
search by regular expression went back over the rest of the line at every unclosed star).
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from handouts.errors import Loc

MAX_NESTING = 3  # emphasis inside emphasis: bold in italic in bold is already hard to read


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


_STAR, _BREAK = re.compile(r"\*"), re.compile("\n")


def _word(ch: str) -> bool:  # what `\w` matches
    return ch.isalnum() or ch == "_"


class _Closers:
    """Where closers of 1, 2 and 3 stars may end emphasis, found once per text, so each opener finds
    its nearest closer by a binary search rather than by reading on to the end of the line."""

    def __init__(self, s: str):
        self.s = s
        stars = [m.start() for m in _STAR.finditer(s)]
        n = len(s)
        self.at = {k: [p for p in stars if self._fits(p, k, n)] for k in (1, 2, 3)}
        self.breaks = [m.start() for m in _BREAK.finditer(s)]

    def _fits(self, p: int, k: int, end: int) -> bool:
        """A closer of k stars at p, in a text (or a part of it) that ends at `end`."""
        s = self.s
        if p < 1 or p + k > end or s[p:p + k] != "*" * k:
            return False
        before = s[p - 1]
        if before.isspace() or before == "\\" or (k == 1 and before == "*"):
            return False
        return p + k == end or not (_word(s[p + k]) or s[p + k] == "*")

    def find(self, k: int, start: int, end: int) -> int:
        """The first closer of k stars at or after `start` that ends by `end` with no line break
        before it; -1 if none. In a part of the text, one ending at the part's end is judged there."""
        i = bisect.bisect_left(self.breaks, start - 1)
        stop = self.breaks[i] if i < len(self.breaks) else len(self.s)
        at = self.at[k]
        j = bisect.bisect_left(at, start)
        if j < len(at) and at[j] + k < end:  # wholly inside the part: the whole text's judgement holds
            return at[j] if at[j] < stop else -1
        last = end - k
        return last if start <= last < stop and self._fits(last, k, end) else -1


def parse_inline(source: str) -> tuple[Run, ...]:
    return _Parser(source).runs()


def nesting(source: str) -> int:
    """How deep emphasis is nested (0: none; `**a *b* c**`: 2), counted up to MAX_NESTING + 1."""
    parser = _Parser(source)
    parser.runs()
    return parser.deepest


class _Parser:
    def __init__(self, source: str):
        self.s = source
        self.out: list[Run] = []
        self.deepest = 0
        self._closers: _Closers | None = None

    @property
    def closers(self) -> _Closers:
        if self._closers is None:  # only a text with a possible opener pays for the tables
            self._closers = _Closers(self.s)
        return self._closers

    def add(self, text: str, bold: bool, italic: bool) -> None:
        runs = self.out
        if not text:
            return
        if runs and runs[-1].bold == bold and runs[-1].italic == italic:
            runs[-1] = Run(runs[-1].text + text, bold, italic)
        else:
            runs.append(Run(text, bold, italic))

    def runs(self) -> tuple[Run, ...]:
        self.out = []
        self._parse(0, len(self.s), False, False, 0)
        return tuple(self.out)

    def _parse(self, lo: int, hi: int, bold: bool, italic: bool, depth: int) -> None:
        s, add = self.s, self.add
        if depth > MAX_NESTING:  # deeper marks stay as typed (the loader has said so already)
            add(s[lo:hi].replace("\\*", "*"), bold, italic)
            return
        i = plain = lo
        while True:
            star = s.find("*", i, hi)
            if star < 0:
                break
            if star > lo and s[star - 1] == "\\":  # an escaped star
                add(s[plain:star - 1] + "*", bold, italic)
                i = plain = star + 1
                continue
            i = star
            if i > lo and (_word(s[i - 1]) or s[i - 1] == "*"):  # touches a word or a star: no opener
                i += 1
                continue
            for k in (3, 2, 1):
                c = i + k
                if s[i:c] != "*" * k or c >= hi or s[c].isspace() or (k == 1 and s[c] == "*"):
                    continue
                p = self.closers.find(k, c + 1, hi)
                if p < 0:
                    continue
                add(s[plain:i], bold, italic)
                self.deepest = max(self.deepest, depth + 1)
                if k == 3:
                    add(s[c:p].replace("\\*", "*"), True, True)
                else:
                    self._parse(c, p, bold or k == 2, italic or k == 1, depth + 1)
                i = plain = p + k
                break
            else:
                i += 1
        add(s[plain:hi], bold, italic)


def text(source: str, loc: Loc) -> Text:
    return Text(parse_inline(source), loc)
