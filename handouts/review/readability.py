"""Readability formulas, computed offline: Flesch-Kincaid grade and SMOG.

Syllables are counted with pyphen's hyphenation dictionary, as textstat 0.7.3 does, so the
numbers match the figures in shared/reference/standards.md closely. List items, steps and
FAQ parts count as sentences of their own even when they have no full stop.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from handouts import model as m
from handouts.model.walk import section_texts
from handouts.scripts import WORD

_SENTENCE_END = re.compile(r"(?<=[.!?\u0964\u061F])[\"')\]\u201d\u2019]*\s+")


@lru_cache(maxsize=8)
def _dictionary(lang: str):
    import pyphen

    return pyphen.Pyphen(lang=lang)


@lru_cache(maxsize=20_000)
def syllables(word: str, lang: str = "en_US") -> int:
    word = word.lower().strip("'\u2019-")
    if not word or word[0].isdigit():
        return 1
    return max(1, len(_dictionary(lang).positions(word)) + 1)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if words(s)]


@dataclass(frozen=True)
class Scores:
    words: int
    sentences: int
    syllables: int
    polysyllables: int

    @property
    def fk_grade(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return round(0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59, 1)

    @property
    def smog(self) -> float:
        if not self.sentences:
            return 0.0
        return round(1.043 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291, 1)

    @property
    def inflesz(self) -> float:
        """Szigriszt-Pazos perspicuity, read on the INFLESZ scale: higher is easier."""
        if not self.words or not self.sentences:
            return 100.0
        return round(206.835 - 62.3 * self.syllables / self.words - self.words / self.sentences, 1)

    def __add__(self, other: Scores) -> Scores:
        return Scores(self.words + other.words, self.sentences + other.sentences,
                      self.syllables + other.syllables, self.polysyllables + other.polysyllables)


ZERO = Scores(0, 0, 0, 0)


def score(pieces: list[str], lang: str = "en_US") -> Scores:
    total = ZERO
    for piece in pieces:
        for sentence in sentences(piece):
            ws = words(sentence)
            counts = [syllables(w, lang) for w in ws]
            total += Scores(len(ws), 1, sum(counts), sum(1 for c in counts if c >= 3))
    return total


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?:" else text + "."


def section_scores(section: m.Section, lang: str = "en_US") -> Scores:
    return score([_as_sentence(t.plain) for t in section_texts(section)], lang)


def article_scores(article: m.Article, lang: str = "en_US") -> Scores:
    texts = list(article.key_messages) + [t for s in article.sections for t in section_texts(s)]
    return score([_as_sentence(t.plain) for t in texts], lang)
