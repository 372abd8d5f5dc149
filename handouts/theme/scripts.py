"""Writing systems: which languages run right to left, and which characters need shaping (joined
or reordered glyphs) before they can be drawn."""

from __future__ import annotations

import re
import unicodedata

RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"})

# Blocks whose letters join or reorder: Arabic and Hebrew (with their presentation forms), Syriac,
# Thaana, and the Indic, Southeast Asian and Tibetan blocks.
_COMPLEX = ((0x0590, 0x08FF), (0x0900, 0x0DFF), (0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF),
            (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def primary(language: str) -> str:
    return language.split("-")[0].lower()


def right_to_left(language: str) -> bool:
    return primary(language) in RTL_LANGUAGES


def complex_script(code: int) -> bool:
    return any(low <= code <= high for low, high in _COMPLEX)


_COMPLEX_RE = re.compile("[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in _COMPLEX) + "]")


def has_complex(text: str) -> bool:
    """Whether any character of `text` must be shaped (as complex_script, in one search). Every
    right-to-left letter is among them."""
    return _COMPLEX_RE.search(text) is not None


# A number of several groups ("555 0100", "1-800-555"): inside right-to-left text the bidi algorithm
# would show its groups in reverse order, so each output holds it together as left to right.
_NUMBER = re.compile(r"(?<![\d\u200e])\+?\(?\d[\d().\-\u2011 \u00a0]*\d")
_SEPARATORS = " \u00a0-\u2011."


def grouped_numbers(text: str):
    """The spans (start, end) of the numbers of several groups in `text`."""
    for match in _NUMBER.finditer(text):
        if any(sep in match.group(0) for sep in _SEPARATORS):
            yield match.span()


def script_name(code: int) -> str:
    """The script of a character, from its Unicode name ("HEBREW LETTER ALEF" -> "Hebrew")."""
    name = unicodedata.name(chr(code), "")
    return name.split(" ")[0].capitalize() if name else f"U+{code:04X}"
