"""The document model every renderer consumes. Immutable; every node knows its YAML location.

Nodes are named tuples rather than frozen dataclasses: as immutable, and each class costs about a sixth
as much to create at start-up (a frozen dataclass compiles six methods), which every command pays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from handouts.errors import Loc
from handouts.model.inline import Run, Text

__all__ = ["Run", "Text", "Loc", "Picture", "Paragraph", "Bullets", "Term", "Terms", "Steps", "Callout", "QA",
           "FAQ", "Image", "Table", "Block", "BLOCK_KINDS", "Section", "Source", "TranslationOf", "Meta", "Clinic",
           "Article", "CALLOUT_KINDS", "BlockTable"]


class Picture(NamedTuple):
    """A picture file, read once while loading: every renderer gets these same bytes, upright."""

    path: Path  # where it was read from, inside the content file's folder
    data: bytes  # the file's bytes, or, when it had to be turned, framed or made smaller, new ones
    width: int  # pixels, of `data`
    height: int
    format: str  # "PNG" or "JPEG"
    digest: str = ""  # of the file as read: what a later run compares
    source_pixels: int = 0  # as decoded from the file: what the leaflet's pixel budget counts


class Paragraph(NamedTuple):
    loc: Loc
    text: Text


class Bullets(NamedTuple):
    loc: Loc
    items: tuple[Text, ...]


class Term(NamedTuple):
    loc: Loc
    term: Text
    text: Text


class Terms(NamedTuple):
    loc: Loc
    items: tuple[Term, ...]


class Steps(NamedTuple):
    loc: Loc
    items: tuple[Text, ...]
    title: Text | None = None


# The kinds of callout. The word printed with each (so colour is never the only signal) comes
# from the labels catalogue.
CALLOUT_KINDS = ("get_help", "tip", "note")


class Callout(NamedTuple):
    loc: Loc
    kind: str
    title: Text
    text: Text | None = None
    items: tuple[Text, ...] = ()
    standard: str = ""  # the standard text it was made from ("emergency", "contact"), if any


class QA(NamedTuple):
    loc: Loc
    q: Text
    a: Text


class FAQ(NamedTuple):
    loc: Loc
    items: tuple[QA, ...]


class Image(NamedTuple):
    loc: Loc
    picture: Picture
    alt: Text
    caption: Text | None = None


class Table(NamedTuple):
    """A header row and rows of short texts, each row as long as the header (the loader checks)."""

    loc: Loc
    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]
    caption: Text | None = None


Block = Paragraph | Bullets | Terms | Steps | Callout | FAQ | Image | Table
BLOCK_KINDS = (Paragraph, Bullets, Terms, Steps, Callout, FAQ, Image, Table)  # every renderer handles each one


class BlockTable(dict):
    """A table that dispatches on the kind of a block: one entry per kind, or it is not made (and
    tests/test_architecture.py finds every such table, so a new kind cannot be forgotten in one)."""

    def __init__(self, entries: dict) -> None:
        super().__init__(entries)
        missing = [kind.__name__ for kind in BLOCK_KINDS if kind not in self]
        extra = [kind for kind in self if kind not in BLOCK_KINDS]
        if missing or extra:
            raise TypeError(f"a block table without {missing} or with {extra}")


class Section(NamedTuple):
    loc: Loc
    title: Text
    blocks: tuple[Block, ...] = ()
    slide_points: tuple[Text, ...] = ()
    sections: tuple[Section, ...] = ()
    summary: Text | None = None  # one to three sentences, for the tri-fold


class Source(NamedTuple):
    loc: Loc
    title: Text
    url: str | None = None


class TranslationOf(NamedTuple):
    """The source a translation was made from: its file (relative to the translation) and version."""

    loc: Loc
    file: str
    version: str


class Meta(NamedTuple):
    loc: Loc
    title: Text
    slug: str
    language: str
    version: str
    last_reviewed: dt.date
    next_review: dt.date
    subtitle: Text | None = None
    audience: Text | None = None
    authors: tuple[Text, ...] = ()
    reviewer: Text | None = None
    sources: tuple[Source, ...] = ()
    disclaimer: Text | None = None
    online_url: str | None = None
    disclaimer_is_standard: bool = False  # none was written, so the labels catalogue's standard one is printed
    translation_of: TranslationOf | None = None
    translator: Text | None = None
    translation_reviewer: Text | None = None

    @property
    def file_stem(self) -> str:
        """The start of every output's name: the slug, and a translation's language tag
        (knee-muscle-spasms.es), so a translation never overwrites its source's files."""
        return f"{self.slug}.{self.language.lower()}" if self.translation_of else str(self.slug)


class Clinic(NamedTuple):
    loc: Loc
    name: Text
    phone: str
    emergency: str
    email: str | None = None
    website: str | None = None
    address: Text | None = None
    logo: Picture | None = None


class Article(NamedTuple):
    loc: Loc
    meta: Meta
    clinic: Clinic
    key_messages: tuple[Text, ...]
    sections: tuple[Section, ...]
    emergency_signs: tuple[Text, ...] = ()
    folder: Path = Path(".")
    sources: tuple[tuple[str, str], ...] = ()  # (real path, SHA-256) of every file read: content, pictures

    def all_sections(self):
        """Sections and sub-sections in reading order, with their level (1 or 2)."""
        for section in self.sections:
            yield 1, section
            for sub in section.sections:
                yield 2, sub

