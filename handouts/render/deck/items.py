"""What goes on the slides: the model's texts turned into slide items (pure, no measuring)."""

from __future__ import annotations

from handouts import model as m
from handouts.model.inline import Run
from handouts.render.deck.fit import split_sentences
from handouts.render.deck.slide import BULLET, NUMBER, PLAIN, Item
from handouts.theme.labels import Labels


def point(text: m.Text, marker: str = BULLET, **kw) -> Item:
    return Item(runs=text.runs, marker=marker, **kw)


def plain(text: str, marker: str = PLAIN, **kw) -> Item:
    return Item(runs=(Run(text),), marker=marker, **kw)


def section_points(section: m.Section) -> list[Item]:
    """The slide points; without them the section's lists; without lists its sentences."""
    if section.slide_points:
        return [point(t) for t in section.slide_points]
    items = list_items(section.blocks)
    if items:
        return items
    paragraphs = [point(b.text) for b in section.blocks if isinstance(b, m.Paragraph)]
    return [part for p in paragraphs for part in split_sentences(p)]


def list_items(blocks) -> list[Item]:
    items: list[Item] = []
    for block in blocks:
        if isinstance(block, m.Bullets):
            items += [point(t) for t in block.items]
        elif isinstance(block, m.Steps):
            items += [point(t, NUMBER, number=n) for n, t in enumerate(block.items, 1)]
        elif isinstance(block, m.Terms):
            items += [Item(runs=(Run(term.term.plain + ": ", bold=True), *term.text.runs)) for term in block.items]
    return items


def numbered(texts: list[str]) -> list[Item]:
    return [plain(t, NUMBER, number=n) for n, t in enumerate(texts, 1)]


def without_scheme(url: str) -> str:
    """Web addresses read aloud and typed without 'https://'."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            return url[len(prefix):].rstrip("/")
    return url


def contact_lines(clinic: m.Clinic, labels: Labels) -> list[str]:
    lines = [f"{labels.word('phone')} {clinic.phone}"]
    if clinic.email:
        lines.append(f"{labels.word('email')} {clinic.email}")
    if clinic.website:
        lines.append(f"{labels.word('website')} {without_scheme(clinic.website)}")
    if clinic.address:
        lines.append(f"{labels.word('address')} {clinic.address.plain}")
    lines.append(labels.slide("emergency", number=clinic.emergency))
    return lines


def contact_items(clinic: m.Clinic, labels: Labels) -> list[Item]:
    return ([plain(clinic.name.plain, bold=True, tone="primary")]
            + [plain(line) for line in contact_lines(clinic, labels)])


def get_help_title(callout: m.Callout, labels: Labels) -> str:
    """The title with the word for its kind, unless the title already says it."""
    title, word = callout.title.plain, labels.callout(callout.kind)
    return title if word.lower() in title.lower() else labels.callout_heading(callout.kind, title)


def get_help_items(callout: m.Callout) -> list[Item]:
    lead = [point(callout.text, PLAIN, bold=True)] if callout.text else []
    return lead + [point(t) for t in callout.items]


def aside_items(callout: m.Callout, labels: Labels) -> list[Item]:
    """'Tip: Stretch safely' in bold, then its text and its points."""
    before, after = labels.around("callout_heading", "title", label=labels.callout(callout.kind))
    runs = tuple(r for r in (Run(before, bold=True) if before else None, *callout.title.runs,
                             Run(after, bold=True) if after else None) if r)
    head = Item(runs=runs, marker=PLAIN, bold=True)
    prose = [point(callout.text, PLAIN)] if callout.text else []
    return [head, *prose, *(point(t) for t in callout.items)]


def faq_groups(faq: m.FAQ, answer_fits) -> list[tuple[Item, ...]]:
    """Each question as a point; the answers as sub-lines only if every one is short enough
    (`answer_fits`), so the slides of one FAQ look alike. The notes always hold the answers."""
    answers = [point(qa.a, PLAIN, level=1) for qa in faq.items]
    show = all(answer_fits(a) for a in answers)
    return [(point(qa.q, bold=True), a) if show else (point(qa.q, bold=True),)
            for qa, a in zip(faq.items, answers)]
