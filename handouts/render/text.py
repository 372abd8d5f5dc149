"""The text target: `<slug>.txt`, the leaflet as plain text in reading order, for a screen reader,
an email or a text message. Made from the same plan as the printed leaflet, so it says the same
words in the same order: the title, the main points, every section, and the closing part.

A paragraph is one line (a screen reader or a phone wraps it, a hard break would not), with a blank
line between blocks; a list item starts with a bullet or its number; a picture is its description.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from handouts.errors import ContentError, Loc, Problem
from handouts.render.handout import elements as e
from handouts.render.handout import plan as handout_plan
from handouts.render.registry import Fit

BULLET = "\u2022"


class TextPlan(NamedTuple):
    lines: tuple[str, ...]


def _words(pieces: e.Pieces) -> str:
    """The text of pieces; a web link's address follows its words when they differ (a reader of a
    text message cannot follow the link otherwise)."""
    out = []
    for piece in pieces:
        out.append(piece.text)
        if isinstance(piece, e.Link) and piece.url.startswith("http") and piece.url != piece.text:
            out.append(f" ({piece.url})")
    return " ".join("".join(out).split())


class _Writer:
    def __init__(self, labels):
        self.labels = labels
        self.lines: list[str] = []

    def block(self, *lines: str) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")
        self.lines += [line for line in lines if line]

    def element(self, el) -> None:
        HANDLERS[type(el)](self, el)

    def band(self, b: e.Band) -> None:
        self.block(_words(b.clinic), _words(b.title), _words(b.subtitle) if b.subtitle else "")

    def heading(self, h: e.Heading) -> None:
        self.block(_words(h.text))

    def para(self, p: e.Para) -> None:
        self.block(_words(p.text))

    def list_items(self, li: e.ListItems) -> None:
        self.block(*(f"{n}. {_words(item)}" if li.numbered else f"{BULLET} {_words(item)}"
                     for n, item in enumerate(li.items, 1)))

    def term(self, t: e.Term) -> None:
        self.block(f"{_words(t.term)}: {_words(t.text)}")

    def question(self, q: e.Question) -> None:
        self.block(_words(q.question), _words(q.answer))

    def box(self, b: e.Box) -> None:
        self.block(_words(b.heading))
        for child in b.children:
            self.element(child)

    def figure(self, f: e.Figure) -> None:
        self.block(self.labels.note("picture", alt=f.alt), _words(f.caption) if f.caption else "")

    def rows(self, r: e.Rows) -> None:
        self.block(*(f"{label} {_words(value)}" for label, value in r.rows))

    def online(self, o: e.Online) -> None:
        self.block(_words(o.heading), _words(o.link_text or o.text))

    def grid(self, g: e.Grid) -> None:
        header = [_words(h) for h in g.header]
        self.block(_words(g.caption) if g.caption else "",
                   *(self.labels.table_row(header, [_words(c) for c in row]) for row in g.rows))

    def keep(self, k: e.Keep) -> None:
        for child in k.children:
            self.element(child)

    def page_break(self, p: e.PageBreakIfLess) -> None:
        pass  # a page, not a text


HANDLERS: dict[type, Callable[..., None]] = e.ElementTable({
    e.Para: _Writer.para, e.Heading: _Writer.heading, e.ListItems: _Writer.list_items, e.Term: _Writer.term,
    e.Question: _Writer.question, e.Box: _Writer.box, e.Band: _Writer.band, e.Figure: _Writer.figure,
    e.Rows: _Writer.rows, e.Online: _Writer.online, e.Keep: _Writer.keep, e.PageBreakIfLess: _Writer.page_break,
    e.Grid: _Writer.grid,
})


def plan(job, theme, labels) -> TextPlan:
    whole = handout_plan.with_overdue(handout_plan.leaflet(job.article, labels), job, labels)
    writer = _Writer(labels)
    if whole.footer.overdue:
        writer.block(whole.footer.overdue)
    for element in whole.elements:
        writer.element(element)
    writer.block(whole.footer.call, whole.footer.dates)
    return TextPlan(tuple(writer.lines))


def write(job, plan: TextPlan, theme, labels) -> list[bytes]:
    return ["\n".join(plan.lines).encode("utf-8") + b"\n"]


def verify(data: bytes, plan: TextPlan, name: str) -> None:
    try:
        ok = data.decode("utf-8").splitlines() == list(plan.lines)
    except UnicodeDecodeError:
        ok = False
    if not ok:
        raise ContentError([Problem(Loc(name), "the text file came out damaged, so it was not written",
                                    hint="please report this; the old file is unchanged")])


def describe(plan: TextPlan, job, theme, labels) -> Fit:
    return Fit(f"{len(plan.lines)} lines", 0)
