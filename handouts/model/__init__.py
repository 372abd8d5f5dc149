"""The document model both renderers consume. Immutable; every node knows its YAML location.

Nodes are named tuples rather than frozen dataclasses: as immutable, and each class costs about a sixth
as much to create at start-up (a frozen dataclass compiles six methods), which every command pays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple, Union

from handouts.errors import Loc
from handouts.model.inline import Run, Text

__all__ = ["Run", "Text", "Loc", "Paragraph", "Bullets", "Term", "Terms", "Steps", "Callout", "QA", "FAQ",
           "Image", "Block", "Section", "Source", "Meta", "Clinic", "Article", "CALLOUT_KINDS"]


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


# kind -> the word printed with it, so colour is never the only signal
CALLOUT_KINDS = {"get_help": "Get help", "tip": "Tip", "note": "Note"}


class Callout(NamedTuple):
    loc: Loc
    kind: str
    title: Text
    text: Text | None = None
    items: tuple[Text, ...] = ()

    @property
    def label(self) -> str:
        return CALLOUT_KINDS[self.kind]


class QA(NamedTuple):
    loc: Loc
    q: Text
    a: Text


class FAQ(NamedTuple):
    loc: Loc
    items: tuple[QA, ...]


class Image(NamedTuple):
    loc: Loc
    path: Path  # resolved, inside the content file's folder
    alt: Text
    caption: Text | None = None


Block = Union[Paragraph, Bullets, Terms, Steps, Callout, FAQ, Image]


class Section(NamedTuple):
    loc: Loc
    title: Text
    blocks: tuple[Block, ...] = ()
    slide_points: tuple[Text, ...] = ()
    sections: tuple["Section", ...] = ()


class Source(NamedTuple):
    loc: Loc
    title: Text
    url: str | None = None


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
    disclaimer_from_template: bool = False  # no disclaimer was written; templates/text/disclaimer.j2 is used


class Clinic(NamedTuple):
    loc: Loc
    name: Text
    phone: str
    emergency: str
    email: str | None = None
    website: str | None = None
    address: Text | None = None
    logo: Path | None = None


class Article(NamedTuple):
    loc: Loc
    meta: Meta
    clinic: Clinic
    key_messages: tuple[Text, ...]
    sections: tuple[Section, ...]
    folder: Path = Path(".")

    def all_sections(self):
        """Sections and sub-sections in reading order, with their level (1 or 2)."""
        for section in self.sections:
            yield 1, section
            for sub in section.sections:
                yield 2, sub


def block_texts(block: Block) -> list[Text]:
    """The reader-facing texts of one block, in reading order."""
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Bullets):
        return list(block.items)
    if isinstance(block, Terms):
        return [t for item in block.items for t in (item.term, item.text)]
    if isinstance(block, Steps):
        return ([block.title] if block.title else []) + list(block.items)
    if isinstance(block, Callout):
        return [block.title] + ([block.text] if block.text else []) + list(block.items)
    if isinstance(block, FAQ):
        return [t for item in block.items for t in (item.q, item.a)]
    if isinstance(block, Image):
        return [block.caption] if block.caption else []
    return []
