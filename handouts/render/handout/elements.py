"""The printed handout as plain data: what goes on the page, in reading order, with no drawing code.

A plan (see plan.py) is a tuple of these elements. The PDF writer turns each kind into flowables,
the tagging step reads the structure role of each, and a web page could be written from the same
plan. Text is a tuple of pieces: the model's emphasis runs, plus links.
"""

from __future__ import annotations

from typing import NamedTuple, Union

from handouts.model import Picture, Run


class Link(NamedTuple):
    """A piece of text that is also a link (web, mail or phone)."""

    text: str
    url: str
    bold: bool = False
    italic: bool = False


Piece = Union[Run, Link]
Pieces = tuple[Piece, ...]


def plain(text: str, bold: bool = False) -> Pieces:
    return (Run(text, bold),)


def text_of(pieces: Pieces) -> str:
    return "".join(p.text for p in pieces)


class Para(NamedTuple):
    """A paragraph in a theme style. `indent` is in multiples of the body size."""

    style: str
    text: Pieces
    indent: float = 0.0
    keep_with_next: bool = False


class Heading(NamedTuple):
    """A heading; `level` 1 is the leaflet's title, 2 a section, 3 a sub-section, 4 a step list's title.
    `outline` is its bookmark depth (0 for sections), or None for a heading with no bookmark."""

    level: int
    style: str
    text: Pieces
    outline: int | None = None


class ListItems(NamedTuple):
    """A bulleted or numbered list, one paragraph per item so it splits cleanly between items."""

    style: str
    items: tuple[Pieces, ...]
    numbered: bool = False
    tone: str = "primary"  # the theme colour of the bullets or numbers


class Term(NamedTuple):
    """A term and what it means, kept together: a labelled list entry."""

    term: Pieces
    text: Pieces


class Question(NamedTuple):
    """One question and its answer."""

    question: Pieces
    answer: Pieces


class Box(NamedTuple):
    """A shaded panel: a callout (tone get_help, tip or note, with an icon) or the main points (primary).
    `heading` is the visible heading inside the box, which carries the word for its kind."""

    tone: str
    heading: Pieces
    heading_style: str
    children: tuple["Element", ...]
    icon: bool = True


class Band(NamedTuple):
    """The title band that opens the handout: the clinic, the title, the subtitle and the logo."""

    clinic: Pieces
    title: Pieces
    subtitle: Pieces | None
    logo: Picture | None
    logo_alt: str


class Figure(NamedTuple):
    picture: Picture
    alt: str
    caption: Pieces | None = None


class Rows(NamedTuple):
    """Label-and-value lines, as in "Version: 1.2"."""

    style: str
    rows: tuple[tuple[str, Pieces], ...]


class Online(NamedTuple):
    """The QR code to the online version, with its heading and a line that also gives the address."""

    url: str
    alt: str
    heading: Pieces
    text: Pieces


class PageBreakIfLess(NamedTuple):
    """Start a new page unless this many body lines are left: a closing part starts together."""

    lines: float


Element = Union[Para, Heading, ListItems, Term, Question, Box, Band, Figure, Rows, Online, PageBreakIfLess]
ELEMENT_KINDS = (Para, Heading, ListItems, Term, Question, Box, Band, Figure, Rows, Online, PageBreakIfLess)


class Footer(NamedTuple):
    """The page furniture: a line to call the clinic (and a shorter one if it does not fit), the
    version and review dates, and the page number pattern, all from the labels catalogue."""

    call: str
    call_short: str
    dates: str
    page: str  # with {n} and {total}


class DocInfo(NamedTuple):
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str


class HandoutPlan(NamedTuple):
    """Everything one handout shows, in reading order."""

    elements: tuple[Element, ...]
    footer: Footer
    info: DocInfo
