"""Where a web or mail address may break over two lines: only after one of BREAK_AFTER, never
inside a word, and never with an added hyphen (issue #24). The PDF marks these places with a space
too small to see (render/pdf/markup.py, addresses.py) in the handouts and the speaker script."""

from __future__ import annotations

import re

BREAK_AFTER = "/.@-_?&"
_CLASS = re.escape(BREAK_AFTER)
_BREAKS = re.compile(rf"(?<=[{_CLASS}])(?=[^{_CLASS}])")
# An address as written in a sentence: it ends before a space, a bracket or a sentence's last mark.
ADDRESS = re.compile(r"(?:\b(?:https?://|www\.)[^\s<>()\[\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)(?<![.,;:!?'\"])")


def pieces(address: str) -> list[str]:
    """An address cut where it may break: 'www.' 'example.' 'org/' 'a-' 'b'."""
    return _BREAKS.split(address)


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every address written in `text`."""
    return [m.span() for m in ADDRESS.finditer(text)]

