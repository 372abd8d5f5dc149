"""The slide plan: plain data describing each slide, made by plan.py and written by render.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from handouts import model as m
from handouts.errors import Loc
from handouts.model.inline import Run
from handouts.render.deck.geometry import Box

if TYPE_CHECKING:
    from handouts.render.deck.table import GridShape

KINDS = ("title", "agenda", "section", "content", "get_help", "faq", "image", "grid", "summary", "closing",
         "appendix")

BULLET, NUMBER, PLAIN = "bullet", "number", "none"


class Item(NamedTuple):
    """One paragraph of a slide body.

    level 0 is a main point, level 1 a sub-line under it (an FAQ answer). `number` is the list
    number shown for marker NUMBER, so a list continued on the next slide keeps counting.
    """

    runs: tuple[Run, ...]
    level: int = 0
    marker: str = BULLET
    number: int = 0
    bold: bool = False  # the whole paragraph bold (FAQ questions, the clinic name)
    show_marker: bool = True  # False for the rest of a point cut between slides: same indent, no bullet
    tone: str = ""  # a theme colour name for the built-in design ("" keeps the template's colour)

    @property
    def plain(self) -> str:
        return "".join(r.text for r in self.runs)

    def styled_runs(self) -> tuple[Run, ...]:
        if not self.bold:
            return self.runs
        return tuple(Run(r.text, True, r.italic) for r in self.runs)


class Picture(NamedTuple):
    """A picture to place: one read while loading (logo, image block) or a QR code of `qr_data`."""

    box: Box
    alt: str
    picture: m.Picture | None = None  # the model's picture, not this class
    qr_data: str | None = None
    name: str = "Picture"


class Label(NamedTuple):
    """A short text in its own box (the QR caption, "Part 2 of 10"), measured like the body."""

    box: Box
    text: str
    size: float
    tone: str = ""  # a theme colour name, used by the built-in look
    align: str = "l"
    bold: bool = False
    name: str = "Caption"


class Aside(NamedTuple):
    """A tip or note shown under the points when there is room: a tinted panel with its text inside."""

    kind: str  # "tip" or "note", also the theme colour names
    panel: Box
    text_box: Box
    items: tuple[Item, ...]
    size: float


class SlidePlan(NamedTuple):
    kind: str
    layout: str
    title: str
    title_size: float
    title_box: Box
    body_box: Box | None = None
    items: tuple[Item, ...] = ()
    body_size: float = 0.0
    notes: tuple[str, ...] = ()
    sources: tuple[Loc, ...] = ()
    pictures: tuple[Picture, ...] = ()
    labels: tuple[Label, ...] = ()
    icon_box: Box | None = None  # the warning triangle of a get_help slide
    panel_box: Box | None = None  # a tinted panel behind the body
    panel_tone: str = ""  # its theme colour: "get_help" or "primary"
    asides: tuple[Aside, ...] = ()
    continued: bool = False
    # a second column beside the body (two short sub-sections side by side), at the body's size
    second: tuple[Item, ...] = ()
    second_box: Box | None = None
    hidden: bool = False  # in the appendix of a timed talk: not shown, not timed, there for questions
    centred: bool = False  # a few points set large, in the middle of the body

    @property
    def shown_items(self) -> tuple[Item, ...]:
        """Every body item, both columns, in reading order."""
        return self.items + self.second
    table: GridShape | None = None  # a table's slide: the table to draw (render/deck/table.py)
