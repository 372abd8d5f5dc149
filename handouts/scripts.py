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


# A word of any script: letters with the combining marks that belong to them (accents, Arabic
# vowel marks, Indic vowel signs; Python's \w leaves marks out, so "लंबी" would count as three
# words), joined by an apostrophe or a hyphen; or a number such as 3.5 or 9:30.
_L = (r"(?:[^\W\d_]|[\u0300-\u036F\u0610-\u061A\u064B-\u065F\u0670\u0900-\u0903\u093A-\u094F"
      r"\u0962\u0963\u0981-\u0983\u09BC-\u09D7\u0A01-\u0A03\u0A3C-\u0A51\u0A81-\u0A83\u0ABC-\u0ACD"
      r"\u0B01-\u0B03\u0B3C-\u0B57\u0B82\u0BBE-\u0BCD\u0C00-\u0C04\u0C3C-\u0C56\u0C81-\u0C83"
      r"\u0CBC-\u0CD6\u0D00-\u0D03\u0D3B-\u0D57\u0E31\u0E34-\u0E3A\u0E47-\u0E4E\u17B4-\u17D3])")
WORD = re.compile(rf"{_L}+(?:['\u2019-]{_L}+)*|\d+(?:[.,:]\d+)*")


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
