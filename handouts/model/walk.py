"""The one walk over the model's reader-facing texts. Readability, the glyph check and the speaker
notes all read it, so a text it yields is checked, drawn and spoken alike.

Dispatch is explicit: every block kind has its own entry, and a kind without one fails loudly."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from handouts import model as m


def _paragraph(b: m.Paragraph) -> list[m.Text]:
    return [b.text]


def _bullets(b: m.Bullets) -> list[m.Text]:
    return list(b.items)


def _terms(b: m.Terms) -> list[m.Text]:
    return [t for item in b.items for t in (item.term, item.text)]


def _steps(b: m.Steps) -> list[m.Text]:
    return ([b.title] if b.title else []) + list(b.items)


def _callout(b: m.Callout) -> list[m.Text]:
    return [b.title] + ([b.text] if b.text else []) + list(b.items)


def _faq(b: m.FAQ) -> list[m.Text]:
    return [t for item in b.items for t in (item.q, item.a)]


def _image(b: m.Image) -> list[m.Text]:
    return [b.caption] if b.caption else []  # the alt text is spoken, not shown: see article_texts


def _table(b: m.Table) -> list[m.Text]:
    return ([b.caption] if b.caption else []) + list(b.header) + [t for row in b.rows for t in row]


HANDLERS: dict[type, Callable[..., list[m.Text]]] = m.BlockTable({
    m.Paragraph: _paragraph, m.Bullets: _bullets, m.Terms: _terms, m.Steps: _steps, m.Callout: _callout,
    m.FAQ: _faq, m.Image: _image, m.Table: _table,
})


def block_texts(block: m.Block) -> list[m.Text]:
    """The texts of one block that a reader sees, in reading order."""
    return HANDLERS[type(block)](block)


def section_texts(section: m.Section, with_subsections: bool = True) -> list[m.Text]:
    """A section's summary (printed on the tri-fold) and its blocks' texts, then its sub-sections'."""
    texts = ([section.summary] if section.summary else []) + [t for block in section.blocks for t in block_texts(block)]
    if with_subsections:
        for sub in section.sections:
            texts += section_texts(sub)
    return texts


def tables(article: m.Article) -> list[m.Table]:
    """Every table of the article, in reading order."""
    return [b for _, section in article.all_sections() for b in section.blocks if isinstance(b, m.Table)]


def article_texts(article: m.Article) -> Iterator[m.Text]:
    """Every text a reader may see or hear, each once: the glyph check reads this."""
    meta, clinic = article.meta, article.clinic
    for t in (meta.title, meta.subtitle, meta.audience, meta.reviewer, meta.disclaimer, clinic.name,
              clinic.address, *meta.authors, *(s.title for s in meta.sources), *article.key_messages,
              *article.emergency_signs):
        if t is not None:
            yield t
    for _, section in article.all_sections():
        yield section.title
        if section.summary:
            yield section.summary
        yield from section.slide_points
        for block in section.blocks:
            yield from block_texts(block)
            if isinstance(block, m.Image):
                yield block.alt
