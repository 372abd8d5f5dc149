"""Speaker notes: the full handout text behind each slide, as plain paragraphs.

Each block kind has its own entry, marked the way a presenter reads it aloud. Texts come from the
model's one text walker, the same one the reading-level check scores, so every sentence a reader
sees in the handout reaches the presenter too.
"""

from __future__ import annotations

from collections.abc import Callable

from handouts import model as m
from handouts.model.walk import block_texts
from handouts.theme.labels import Labels

BULLET = "\u2022"


def _plain(block: m.Block) -> list[str]:
    return [t.plain for t in block_texts(block)]


def _paragraph(block: m.Paragraph, labels: Labels) -> list[str]:
    return _plain(block)


def _bullets(block: m.Bullets, labels: Labels) -> list[str]:
    return [f"{BULLET} {t}" for t in _plain(block)]


def _steps(block: m.Steps, labels: Labels) -> list[str]:
    texts = _plain(block)
    head, steps = (texts[:1], texts[1:]) if block.title else ([], texts)
    return head + [f"{n}. {t}" for n, t in enumerate(steps, 1)]


def _terms(block: m.Terms, labels: Labels) -> list[str]:
    texts = _plain(block)
    return [f"{term}: {text}" for term, text in zip(texts[::2], texts[1::2])]


def _faq(block: m.FAQ, labels: Labels) -> list[str]:
    texts = _plain(block)
    return [labels.note("question" if i % 2 == 0 else "answer", text=t) for i, t in enumerate(texts)]


def _callout(block: m.Callout, labels: Labels) -> list[str]:
    texts = _plain(block)
    title, rest = texts[0], texts[1:]
    n_prose = 1 if block.text else 0
    return ([labels.callout_heading(block.kind, title)] + rest[:n_prose]
            + [f"{BULLET} {t}" for t in rest[n_prose:]])


def _image(block: m.Image, labels: Labels) -> list[str]:
    return [labels.note("picture", alt=block.alt.plain)] + _plain(block)


def _table(block: m.Table, labels: Labels) -> list[str]:
    header = [t.plain for t in block.header]
    return ([block.caption.plain] if block.caption else []) + [labels.table_row(header, [t.plain for t in row])
                                                               for row in block.rows]


HANDLERS: dict[type, Callable[..., list[str]]] = m.BlockTable({
    m.Paragraph: _paragraph, m.Bullets: _bullets, m.Terms: _terms, m.Steps: _steps, m.Callout: _callout,
    m.FAQ: _faq, m.Image: _image, m.Table: _table,
})


def block_notes(block: m.Block, labels: Labels) -> list[str]:
    """One block as note paragraphs."""
    return HANDLERS[type(block)](block, labels)


def section_notes(section: m.Section, labels: Labels, skip: Callable[[m.Block], bool] = lambda b: False) \
        -> tuple[str, ...]:
    """The section's own blocks (its sub-sections have slides, and notes, of their own), but those
    `skip` names: blocks with a slide of their own, whose notes read them there."""
    return tuple(line for block in section.blocks if not skip(block) for line in block_notes(block, labels))
