"""Hypothesis strategies for whole documents, built straight into the model (no YAML), with text
drawn only from characters the handout font can draw."""

from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import strategies as st

from handouts import model as m
from handouts.theme.fonts import charset
from handouts.model.inline import Run, Text

LOC = m.Loc("generated.yaml", 1, 1)
ALPHABET = sorted(chr(c) for c in charset("Atkinson Hyperlegible")
                  if 0x21 <= c < 0x250 and unicodedata.category(chr(c))[0] not in "CMZ")
MARKUP = list("<>&\"'#{}[]\\/*")

# Arabic words, each maybe followed by one number or Latin word (as "(WHO)" or "20" sit in a
# sentence), now and then with a shadda or a tanween on a letter.
ARABIC = [chr(c) for c in range(0x0621, 0x064B) if unicodedata.category(chr(c)) == "Lo"]
MARKS = ("", "", "", "\u0651", "\u064B")


def _arabic_word():
    letters = st.lists(st.tuples(st.sampled_from(ARABIC), st.sampled_from(MARKS)), min_size=1, max_size=10)
    ending = st.sampled_from(["", "", ".", "،", ":", "؟"])
    arabic = st.tuples(letters.map(lambda ps: "".join(c + mark for c, mark in ps)), ending)
    latin = st.one_of(st.text(alphabet=st.sampled_from("abcdefXYZ"), min_size=1, max_size=6).map(lambda w: f"({w})"),
                      st.integers(0, 9999).map(str))
    return st.tuples(arabic, st.none() | st.none() | latin).map(
        lambda x: x[0][0] + x[0][1] + (" " + x[1] if x[1] else ""))


def documents(word, long_word, language: str):
    """A strategy for whole documents whose words are drawn from `word` (and, now and then, a long
    word that must be cut over lines)."""
    sentence = st.lists(st.one_of(word, word, word, long_word), min_size=1, max_size=8).map(" ".join)

    @st.composite
    def text(draw, max_sentences=3):
        parts = draw(st.lists(sentence, min_size=1, max_size=max_sentences))
        runs = tuple(Run(p + " ", bold=draw(st.booleans()), italic=draw(st.booleans())) for p in parts)
        last = runs[-1]
        return Text(runs[:-1] + (Run(last.text.rstrip(), last.bold, last.italic),), LOC)

    # Titles are kept to what fits a slide title in two lines; an overlong title is refused with its
    # location instead (tested in test_deck_plan), which is not what these properties are about.
    title = st.lists(word, min_size=1, max_size=6).map(lambda ws: Text((Run(" ".join(ws)),), LOC))

    def items(max_size=8):
        return st.lists(text(), min_size=1, max_size=max_size).map(tuple)

    block = st.one_of(
        text(5).map(lambda t: m.Paragraph(LOC, t)),
        items(25).map(lambda xs: m.Bullets(LOC, xs)),
        st.lists(st.tuples(title, text()), min_size=1, max_size=5).map(
            lambda xs: m.Terms(LOC, tuple(m.Term(LOC, a, b) for a, b in xs))),
        st.tuples(items(), st.none() | title).map(lambda x: m.Steps(LOC, x[0], x[1])),
        st.tuples(st.sampled_from(list(m.CALLOUT_KINDS)), title, st.none() | text(), items(6)).map(
            lambda x: m.Callout(LOC, x[0], x[1], x[2], x[3])),
        st.lists(st.tuples(text(1), text(6)), min_size=1, max_size=4).map(
            lambda xs: m.FAQ(LOC, tuple(m.QA(LOC, q, a) for q, a in xs))),
    )

    @st.composite
    def section(draw, depth=0):
        subs = () if depth else tuple(draw(st.lists(section(depth=1), max_size=2)))
        return m.Section(LOC, draw(title), tuple(draw(st.lists(block, max_size=4))),
                         tuple(draw(st.lists(text(1), max_size=7))), subs)

    @st.composite
    def article(draw):
        meta = m.Meta(LOC, title=draw(title), slug="generated", language=language, version="1",
                      last_reviewed=dt.date(2026, 1, 1), next_review=dt.date(2099, 1, 1),
                      disclaimer=draw(text(2)))
        clinic = m.Clinic(LOC, name=draw(title), phone="555 0100", emergency="911")
        return m.Article(LOC, meta, clinic, tuple(draw(items(4))),
                         tuple(draw(st.lists(section(), min_size=1, max_size=4))))

    return article()


def article():
    """Documents in the handout font's own letters, with markup characters mixed in."""
    return documents(st.text(alphabet=st.sampled_from(ALPHABET + MARKUP), min_size=1, max_size=12),
                     st.text(alphabet=st.sampled_from(ALPHABET), min_size=40, max_size=90), "en")


def arabic_article():
    """Documents in Arabic with numbers and Latin names mixed in: right to left."""
    return documents(_arabic_word(), st.text(alphabet=st.sampled_from(ARABIC), min_size=40, max_size=90), "ar")


# The order a reader meets the fields of each block, written here rather than taken from handouts.
READING = {"Paragraph": ("text",), "Bullets": ("items",), "Terms": ("items",), "Term": ("term", "text"),
           "Steps": ("title", "items"), "Callout": ("title", "text", "items"), "FAQ": ("items",), "QA": ("q", "a")}


def _texts(node):
    if node is None:
        return
    if isinstance(node, Text):
        yield node
    elif type(node).__name__ in READING:
        for field in READING[type(node).__name__]:
            yield from _texts(getattr(node, field))
    elif isinstance(node, tuple):
        for child in node:
            yield from _texts(child)


def all_texts(doc: m.Article):
    """Every text a reader should find in the handout, in reading order."""
    yield doc.meta.title
    yield from doc.key_messages
    for section in doc.sections:
        for s in (section, *section.sections):
            yield s.title
            for block in s.blocks:
                yield from _texts(block)
