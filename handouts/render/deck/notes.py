"""Speaker notes: the full handout text behind each slide, as plain paragraphs.

Texts come from model.block_texts, the same list the reading-level check scores, so every
sentence a reader sees in the handout reaches the presenter too.
"""

from __future__ import annotations

from handouts import model as m
from handouts.model import block_texts


def _plain(texts) -> list[str]:
    return [t.plain for t in texts]


def block_notes(block: m.Block) -> list[str]:
    """One block as note paragraphs, marked the way a presenter reads them aloud."""
    texts = _plain(block_texts(block))
    if isinstance(block, m.Bullets):
        return [f"\u2022 {t}" for t in texts]
    if isinstance(block, m.Steps):
        steps = texts[1:] if block.title else texts
        head = [texts[0]] if block.title else []
        return head + [f"{n}. {t}" for n, t in enumerate(steps, 1)]
    if isinstance(block, m.Terms):
        return [f"{term}: {text}" for term, text in zip(texts[::2], texts[1::2])]
    if isinstance(block, m.FAQ):
        return [f"{tag}: {t}" for tag, t in zip(("Q", "A") * len(block.items), texts)]
    if isinstance(block, m.Callout):
        title, rest = texts[0], texts[1:]
        n_prose = 1 if block.text else 0
        return ([f"{block.label}: {title}"] + rest[:n_prose] + [f"\u2022 {t}" for t in rest[n_prose:]])
    if isinstance(block, m.Image):
        return [f"Picture: {block.alt.plain}"] + texts
    return texts


def section_notes(section: m.Section) -> tuple[str, ...]:
    """The section's own blocks (its sub-sections have slides, and notes, of their own)."""
    return tuple(line for block in section.blocks for line in block_notes(block))
