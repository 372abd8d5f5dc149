"""Writing systems: which languages run right to left, and which characters need shaping (joined
or reordered glyphs) before they can be drawn."""

from __future__ import annotations

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


def script_name(code: int) -> str:
    """The script of a character, from its Unicode name ("ARABIC LETTER ALEF" -> "Arabic")."""
    name = unicodedata.name(chr(code), "")
    return name.split(" ")[0].capitalize() if name else f"U+{code:04X}"
