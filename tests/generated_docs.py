"""Hypothesis strategies for whole documents, built straight into the model, with text drawn only
from characters the handout font can draw.

Every document they make is one the loader accepts: `to_yaml` writes it as a content file, and
test_properties loads that file back. `broken_yaml` makes the opposite: a good file with one
mistake a person makes, which the loader must refuse at its line."""

from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import strategies as st

from handouts import model as m
from handouts.model.inline import Run, Text
from handouts.theme.fonts import charset

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


def _acceptable(word: str) -> bool:
    """A word the loader takes as plain text: no placeholder or template syntax, and no backslash
    before an asterisk (which a content file cannot write)."""
    return not any(seq in word for seq in ("{{", "}}", "{%", "{#", "\\*"))


def documents(word, long_word, language: str):
    """A strategy for whole documents whose words are drawn from `word` (and, now and then, a long
    word that must be cut over lines)."""
    word, long_word = word.filter(_acceptable), long_word.filter(_acceptable)
    sentence = st.lists(st.one_of(word, word, word, long_word), min_size=1, max_size=8).map(" ".join)

    @st.composite
    def text(draw, max_sentences=3, max_len=300):
        """Up to `max_sentences` sentences, cut at a space to the field's limit in the schema."""
        parts = draw(st.lists(sentence, min_size=1, max_size=max_sentences))
        runs, size = [], 0
        for p in parts:
            room = max_len - size - 1
            p = p[:max(0, room)]
            while p and len(p) + p.count("*") > room:  # as written in a file, "*" is "\\*"
                p = p[:-1]
            p = p.strip()
            if not p:
                break
            runs.append(Run(p + " ", bold=draw(st.booleans()), italic=draw(st.booleans())))
            size += len(p) + p.count("*") + 1
        last = runs[-1]
        return Text(tuple(runs[:-1]) + (Run(last.text.rstrip(), last.bold, last.italic),), LOC)

    # Titles are kept to what fits a slide title in two lines; an overlong title is refused with its
    # location instead (tested in test_deck_plan), which is not what these properties are about.
    title = st.lists(word, min_size=1, max_size=6).map(lambda ws: Text((Run(" ".join(ws)[:200].strip()),), LOC))

    def items(max_size=8):
        return st.lists(text(), min_size=1, max_size=max_size).map(tuple)

    block = st.one_of(
        text(5, 5000).map(lambda t: m.Paragraph(LOC, t)),
        items(25).map(lambda xs: m.Bullets(LOC, xs)),
        st.lists(st.tuples(title, text()), min_size=1, max_size=5).map(
            lambda xs: m.Terms(LOC, tuple(m.Term(LOC, a, b) for a, b in xs))),
        st.tuples(items(), st.none() | title).map(lambda x: m.Steps(LOC, x[0], x[1])),
        st.tuples(st.sampled_from(list(m.CALLOUT_KINDS)), title, st.none() | text(), items(6)).map(
            lambda x: m.Callout(LOC, x[0], x[1], x[2], x[3])),
        st.lists(st.tuples(text(1), text(6, 5000)), min_size=1, max_size=4).map(
            lambda xs: m.FAQ(LOC, tuple(m.QA(LOC, q, a) for q, a in xs))),
    )

    @st.composite
    def section(draw, depth=0):
        # a section holds at least one block, or sub-sections that do (the loader refuses a bare heading)
        subs = () if depth else tuple(draw(st.lists(section(depth=1), max_size=2)))
        blocks = tuple(draw(st.lists(block, min_size=0 if subs else 1, max_size=4)))
        return m.Section(LOC, draw(title), blocks, tuple(draw(st.lists(text(1), max_size=7))), subs)

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


# -- as a content file ------------------------------------------------------------------------

def _plain(text: Text) -> str:
    """The text as a content file writes it: emphasis left out, every asterisk escaped, so the
    loader gives back exactly these characters."""
    return text.plain.replace("*", "\\*")


def _block_data(b) -> dict:
    if isinstance(b, m.Paragraph):
        return {"paragraph": _plain(b.text)}
    if isinstance(b, m.Bullets):
        return {"bullets": [_plain(t) for t in b.items]}
    if isinstance(b, m.Terms):
        return {"terms": [{"term": _plain(t.term), "text": _plain(t.text)} for t in b.items]}
    if isinstance(b, m.Steps):
        return {"steps": {**({"title": _plain(b.title)} if b.title else {}), "items": [_plain(t) for t in b.items]}}
    if isinstance(b, m.Callout):
        return {"callout": {"kind": b.kind, "title": _plain(b.title), **({"text": _plain(b.text)} if b.text else {}),
                            **({"items": [_plain(t) for t in b.items]} if b.items else {})}}
    if isinstance(b, m.FAQ):
        return {"faq": [{"q": _plain(qa.q), "a": _plain(qa.a)} for qa in b.items]}
    raise TypeError(type(b).__name__)


def _section_data(s: m.Section) -> dict:
    data: dict = {"title": _plain(s.title)}
    if s.slide_points:
        data["slide_points"] = [_plain(t) for t in s.slide_points]
    if s.blocks:
        data["blocks"] = [_block_data(b) for b in s.blocks]
    if s.sections:
        data["sections"] = [_section_data(sub) for sub in s.sections]
    return data


def to_data(doc: m.Article) -> dict:
    meta = doc.meta
    data = {
        "meta": {"title": _plain(meta.title), "slug": meta.slug, "language": meta.language, "version": meta.version,
                 "last_reviewed": meta.last_reviewed.isoformat(), "next_review": meta.next_review.isoformat(),
                 **({"disclaimer": _plain(meta.disclaimer)} if meta.disclaimer else {})},
        "clinic": {"name": _plain(doc.clinic.name), "phone": doc.clinic.phone, "emergency": doc.clinic.emergency},
        "key_messages": [_plain(t) for t in doc.key_messages],
        "sections": [_section_data(s) for s in doc.sections],
    }
    return data


def dump(data: dict) -> str:
    """YAML with every text in double quotes, as a careful person would write it."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_style = '"'
    yaml.allow_unicode = True
    yaml.width = 100_000
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def to_yaml(doc: m.Article) -> str:
    return dump(to_data(doc))


# One mistake each, as people make them: (what it does to the data, words the message must hold).
def _drop_slug(d):
    del d["meta"]["slug"]


def _typo_key(d):
    d["meta"]["reveiwer"] = "Dr Test"


def _empty_section(d):
    d["sections"][0] = {"title": d["sections"][0]["title"], "blocks": []}


def _list_as_text(d):
    d["key_messages"] = "Just one message"


def _bad_date(d):
    d["meta"]["next_review"] = "2027-02-30"


def _bad_phone(d):
    d["clinic"]["phone"] = "call us"


def _unknown_block(d):
    d["sections"][-1].setdefault("blocks", []).append({"paragrahp": "Text."})


def _unknown_placeholder(d):
    d["key_messages"][0] += " {{ clinic.phnoe }}"


MISTAKES = {
    "a required field left out": (_drop_slug, "missing required field 'slug'"),
    "a misspelt field name": (_typo_key, "unknown key 'reveiwer'"),
    "a section with an empty list of blocks": (_empty_section, "needs at least 1 item"),
    "a list written as one text": (_list_as_text, "expected a list, got text"),
    "a date that does not exist": (_bad_date, "is not a real date"),
    "a phone number in words": (_bad_phone, "is not a valid phone number"),
    "a misspelt block kind": (_unknown_block, "unknown block kind 'paragrahp'"),
    "a misspelt placeholder": (_unknown_placeholder, "unknown placeholder {{ clinic.phnoe }}"),
}


def broken_yaml():
    """(a content file with one mistake, the words its message must hold)."""
    @st.composite
    def build(draw):
        data = to_data(draw(article()))
        change, said = MISTAKES[draw(st.sampled_from(sorted(MISTAKES)))]
        change(data)
        return dump(data), said

    return build()
