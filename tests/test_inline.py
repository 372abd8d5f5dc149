"""Inline emphasis: parsed once into runs; anything that is not a closed pair stays literal."""

import pytest

from handouts.model.inline import parse_inline


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
