"""What goes on the slides: the model's texts turned into slide items (pure, no measuring)."""

from __future__ import annotations

from collections.abc import Callable

from handouts import model as m
from handouts.model.inline import Run
from handouts.render.deck.fit import split_sentences
from handouts.render.deck.slide import BULLET, NUMBER, PLAIN, Item
from handouts.theme.labels import Labels


def point(text: m.Text, marker: str = BULLET, **kw) -> Item:
    return Item(runs=text.runs, marker=marker, **kw)


def plain(text: str, marker: str = PLAIN, **kw) -> Item:
    return Item(runs=(Run(text),), marker=marker, **kw)


# What each block kind offers a section's main slide: (list points, prose points). Callouts,
# questions and pictures have slides or panels of their own (see plan.py), so they offer none.
def _paragraph(b: m.Paragraph) -> tuple[list[Item], list[Item]]:
    return [], split_sentences(point(b.text))


def _bullets(b: m.Bullets) -> tuple[list[Item], list[Item]]:
    return [point(t) for t in b.items], []


def _steps(b: m.Steps) -> tuple[list[Item], list[Item]]:
    return [point(t, NUMBER, number=n) for n, t in enumerate(b.items, 1)], []


def _terms(b: m.Terms) -> tuple[list[Item], list[Item]]:
    return [Item(runs=(Run(t.term.plain + ": ", bold=True), *t.text.runs)) for t in b.items], []


def _none(b) -> tuple[list[Item], list[Item]]:
    return [], []


POINTS: dict[type, Callable[..., tuple[list[Item], list[Item]]]] = m.BlockTable({
    m.Paragraph: _paragraph, m.Bullets: _bullets, m.Steps: _steps, m.Terms: _terms, m.Callout: _none, m.FAQ: _none,
    m.Image: _none, m.Table: _none})  # a table has slides of its own


def section_points(section: m.Section) -> list[Item]:
    """The slide points; without them the section's lists; without lists its sentences."""
    if section.slide_points:
        return [point(t) for t in section.slide_points]
    offered = [POINTS[type(b)](b) for b in section.blocks]
    return [i for lists, _ in offered for i in lists] or [i for _, prose in offered for i in prose]


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
    """The callout's word and title in bold (as in 'Advice: Stretch safely'), then its text and its points."""
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
