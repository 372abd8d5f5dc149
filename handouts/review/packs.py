"""Reading checks per language: which formula measures the text, what it aims for, and the words
that show the text speaks to the reader. Each pack is data in templates/reading/<tag>.yaml."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from handouts.paths import TEMPLATES
from handouts.read.spec import ListOf, Record, Text, read_checked

FORMULAS = ("flesch-kincaid", "inflesz")
_NUMBER = r"[0-9]+(\.[0-9]+)?"
PACK = Record(doc="Plain-language checks for one language.", fields={
    "name": (Text(max_len=60, placeholders=False), True),
    "formula": (Text(placeholders=False, pattern="|".join(FORMULAS), what="formula"), True),
    "aim": (Text(placeholders=False, pattern=_NUMBER, what="number"), True),
    "limit": (Text(placeholders=False, pattern=_NUMBER, what="number"), True),
    "hyphenation": (Text(max_len=20, placeholders=False), True),
    "jargon": (Text(placeholders=False, pattern="yes|no", what="yes or no"), True),
    "imperatives": (Text(placeholders=False, pattern="yes|no", what="yes or no"), True),
    "reader_words": (ListOf(Text(max_len=40, placeholders=False), max_items=200), True),
    "action_verbs": (ListOf(Text(max_len=40, placeholders=False), max_items=500), True),
})


class Pack(NamedTuple):
    language: str
    name: str
    formula: str
    aim: float
    limit: float
    hyphenation: str
    jargon: bool
    reader_words: tuple[str, ...]  # in the file's order: the first is the one named in messages
    action_verbs: frozenset[str]
    imperatives: bool = False  # a sentence that starts with a command also speaks to the reader

    @property
    def higher_is_easier(self) -> bool:
        return self.formula == "inflesz"

    def value(self, scores) -> float:
        return scores.inflesz if self.formula == "inflesz" else scores.fk_grade

    def too_hard(self, value: float) -> bool:
        return value < self.limit if self.higher_is_easier else value > self.limit

    @property
    def label(self) -> str:
        return "INFLESZ (Szigriszt-Pazos)" if self.formula == "inflesz" else "Flesch-Kincaid grade"


@lru_cache(maxsize=16)
def pack_for(language: str) -> Pack | None:
    """The pack for a language tag (es-MX falls back to es), or None when there is none."""
    from handouts.theme.labels import candidates

    for tag in candidates(language):
        path = TEMPLATES / "reading" / f"{tag}.yaml"
        if path.is_file():
            data = read_checked(PACK, path)
            return Pack(tag, str(data["name"]), str(data["formula"]), float(data["aim"]), float(data["limit"]),
                        str(data["hyphenation"]), data["jargon"] == "yes",
                        tuple(dict.fromkeys(str(w).lower() for w in data["reader_words"])),
                        frozenset(str(w).lower() for w in data["action_verbs"]), data["imperatives"] == "yes")
    return None


def language_name(language: str) -> str:
    """'Vietnamese' for vi, from Babel's CLDR names; the tag itself when Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language, sep="-").english_name or language
    except (ValueError, UnknownLocaleError):  # an odd tag, or one CLDR does not know
        return language
