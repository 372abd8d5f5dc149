"""The printed handout as plain data: what goes on the page, in reading order, with no drawing code.

A plan (see plan.py) is a tuple of these elements. The PDF writer turns each kind into flowables,
the tagging step reads the structure role of each, and a web page could be written from the same
plan. Text is a tuple of pieces: the model's emphasis runs, plus links.
"""

from __future__ import annotations

from typing import NamedTuple

from handouts.errors import Loc
from handouts.model import Picture, Run


class Link(NamedTuple):
    """A piece of text that is also a link (web, mail or phone)."""

    text: str
    url: str
    bold: bool = False
    italic: bool = False


Piece = Run | Link
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
    loc: Loc | None = None  # where it comes from in the content, for messages


class Heading(NamedTuple):
    """A heading; `level` 1 is the leaflet's title, 2 a section, 3 a sub-section, 4 a step list's title.
    `outline` is its bookmark depth (0 for sections), or None for a heading with no bookmark."""

    level: int
    style: str
    text: Pieces
    outline: int | None = None
    loc: Loc | None = None  # where it comes from in the content, for messages


class ListItems(NamedTuple):
    """A bulleted or numbered list, one paragraph per item so it splits cleanly between items."""

    style: str
    items: tuple[Pieces, ...]
    numbered: bool = False
    tone: str = "primary"  # the theme colour of the bullets or numbers
    loc: Loc | None = None  # where it comes from in the content, for messages
    keep: bool = True  # numbered items are kept together unless taller than a column; False lets them split


class Term(NamedTuple):
    """A term and what it means, kept together: a labelled list entry."""

    term: Pieces
    text: Pieces
    loc: Loc | None = None  # where it comes from in the content, for messages


class Question(NamedTuple):
    """One question and its answer."""

    question: Pieces
    answer: Pieces
    loc: Loc | None = None  # where it comes from in the content, for messages


class Box(NamedTuple):
    """A shaded panel: a callout (tone get_help, tip or note, with an icon) or the main points (primary).
    `heading` is the visible heading inside the box, which carries the word for its kind."""

    tone: str
    heading: Pieces
    heading_style: str
    children: tuple[Element, ...]
    icon: bool = True
    loc: Loc | None = None  # where it comes from in the content, for messages


class Band(NamedTuple):
    """The title band that opens the handout: the clinic, the title, the subtitle and the logo."""

    clinic: Pieces
    title: Pieces
    subtitle: Pieces | None
    logo: Picture | None
    logo_alt: str
    stacked: bool = False  # the logo above the words, the colour filling the whole panel (a cover)


class Figure(NamedTuple):
    picture: Picture
    alt: str
    caption: Pieces | None = None
    loc: Loc | None = None  # where it comes from in the content, for messages


class Rows(NamedTuple):
    """Label-and-value lines, as in "Version: 1.2"."""

    style: str
    rows: tuple[tuple[str, Pieces], ...]
    loc: Loc | None = None  # where it comes from in the content, for messages


class Online(NamedTuple):
    """The QR code to the online version, with its heading and a line that also gives the address."""

    url: str
    alt: str
    heading: Pieces
    text: Pieces
    loc: Loc | None = None  # where it comes from in the content, for messages
    link_text: Pieces = ()  # the line without the code, for an edition that has none (the web page)


class Grid(NamedTuple):
    """A table: its header row and its rows of cells (each as long as the header), and its caption."""

    header: tuple[Pieces, ...]
    rows: tuple[tuple[Pieces, ...], ...]
    caption: Pieces | None = None
    loc: Loc | None = None  # where it comes from in the content, for messages


class Keep(NamedTuple):
    """Elements kept together (a section in brief), unless together they are taller than a column."""

    children: tuple[Element, ...]


class PageBreakIfLess(NamedTuple):
    """Start a new page unless this many body lines are left: a closing part starts together."""

    lines: float


Element = (Para | Heading | ListItems | Term | Question | Box | Band | Figure | Rows | Online | Grid | Keep
           | PageBreakIfLess)
ELEMENT_KINDS = (Para, Heading, ListItems, Term, Question, Box, Band, Figure, Rows, Online, Grid, Keep,
                 PageBreakIfLess)


class ElementTable(dict):
    """A table that dispatches on the kind of a plan element: one entry per kind, or it is not made
    (tests/test_architecture.py finds every such table)."""

    def __init__(self, entries: dict) -> None:
        super().__init__(entries)
        missing = [kind.__name__ for kind in ELEMENT_KINDS if kind not in self]
        extra = [kind for kind in self if kind not in ELEMENT_KINDS]
        if missing or extra:
            raise TypeError(f"an element table without {missing} or with {extra}")


class Footer(NamedTuple):
    """The page furniture: a line to call the clinic (and a shorter one if it does not fit), the
    version and review dates, and the page number pattern, all from the labels catalogue."""

    call: str
    call_short: str
    dates: str
    page: str  # with {n} and {total}
    overdue: str = ""  # built with --allow-expired after its review date: said at the top of every page
    tel: str = ""  # the clinic's number as a tel: link: the call line is one to tap
    tel_label: str = ""  # what that link says to a screen reader


class DocInfo(NamedTuple):
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str


class HandoutPlan(NamedTuple):
    """Everything one handout shows, in reading order. The first `masthead` elements (the title band
    and the main points) span the page above the columns."""

    elements: tuple[Element, ...]
    footer: Footer
    info: DocInfo
    masthead: int = 0


class BookletPlan(NamedTuple):
    """A booklet: a front cover, the inner pages that flow, and a back cover."""

    front: tuple[Element, ...]
    inner: tuple[Element, ...]
    back: tuple[Element, ...]
    footer: Footer
    info: DocInfo


class Panel(NamedTuple):
    """Elements for fixed panels. `name` is what messages call it; the elements flow through the
    panels `slots` names, in order (the inside of a tri-fold is three panels)."""

    name: str
    slots: tuple[str, ...]
    elements: tuple[Element, ...]
    spill: bool = False  # what does not fit goes on at the top of the next panel


class PanelPlan(NamedTuple):
    """A sheet of fixed panels (the tri-fold, the card), in reading order. `left_out` says what of the
    full leaflet it does not print, each at its place in the content (for `check`)."""

    panels: tuple[Panel, ...]
    footer: Footer
    info: DocInfo
    left_out: tuple[tuple[Loc, str], ...] = ()
