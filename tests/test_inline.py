"""Inline emphasis: parsed once into runs; anything that is not a closed pair stays literal."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.model.inline import nesting, parse_inline


def runs(text):
    return [(r.text, r.bold, r.italic) for r in parse_inline(text)]


@pytest.mark.parametrize("source,expected", [
    ("a **b** c *d* e", [("a ", False, False), ("b", True, False), (" c ", False, False), ("d", False, True),
                         (" e", False, False)]),
    ("Rest ***now***.", [("Rest ", False, False), ("now", True, True), (".", False, False)]),
    ("**bold *it* x**", [("bold ", True, False), ("it", True, True), (" x", True, False)]),
    ("5*3*2 = 30", [("5*3*2 = 30", False, False)]),
    ("2 * 3 = 6", [("2 * 3 = 6", False, False)]),
    ("lone * and **", [("lone * and **", False, False)]),
    ("\\*not italic\\*", [("*not italic*", False, False)]),
    ("(*note*)", [("(", False, False), ("note", False, True), (")", False, False)]),
    ("<b>&amp;</b>", [("<b>&amp;</b>", False, False)]),
])
def test_emphasis(source, expected):
    assert runs(source) == expected


@pytest.mark.parametrize("source,expected", [
    ("*x\\*", [("*x*", False, False)]),
    ("*a\\* b*", [("a* b", False, True)]),
    ("*a **b** c*", [("a ", False, True), ("b", True, True), (" c", False, True)]),
])
def test_escapes_and_nesting(source, expected):
    assert runs(source) == expected


# The regular expressions the parser once used, kept as an oracle: the linear parser must give
# the same runs for every text (they took time that grew with the square of the line's length).
_OPEN, _CLOSE = r"(?<![\w*\\])", r"(?![\w*])"
_ORACLE = re.compile(r"\\\*"
                     rf"|{_OPEN}\*\*\*(?=\S)(.+?)(?<=[^\s\\])\*\*\*{_CLOSE}"
                     rf"|{_OPEN}\*\*(?=\S)(.+?)(?<=[^\s\\])\*\*{_CLOSE}"
                     rf"|{_OPEN}\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*{_CLOSE}")


def oracle(source: str, bold=False, italic=False) -> list[tuple[str, bool, bool]]:
    out: list[tuple[str, bool, bool]] = []
    pos = 0
    for m in _ORACLE.finditer(source):
        out.append((source[pos:m.start()], bold, italic))
        if m.group(0) == "\\*":
            out.append(("*", bold, italic))
        elif m.group(1) is not None:
            out.append((m.group(1).replace("\\*", "*"), True, True))
        elif m.group(2) is not None:
            out += oracle(m.group(2), True, italic)
        else:
            out += oracle(m.group(3), bold, True)
        pos = m.end()
    out.append((source[pos:], bold, italic))
    merged: list[tuple[str, bool, bool]] = []
    for t, b, i in out:
        if not t:
            continue
        if merged and merged[-1][1:] == (b, i):
            merged[-1] = (merged[-1][0] + t, b, i)
        else:
            merged.append((t, b, i))
    return merged


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="*** ab\\_.\n", max_size=40))
def test_same_runs_as_the_regular_expressions(source):
    assert runs(source) == oracle(source)


def test_many_unclosed_stars_read_as_typed():
    source = " ***a" * 3990
    assert runs(source) == [(source, False, False)]


@pytest.mark.parametrize("source,depth", [
    ("plain", 0), ("*a*", 1), ("**a *b* c**", 2), ("*a **b *c*** d*", 3),
    ("a**a*b a *ba **b a***b **b *b***b (***c******  c*** c*****c* * c**d", 4),
])
def test_nesting_is_counted(source, depth):
    assert nesting(source) == depth
