"""The handout plan: a pure function from the model and the labels to the elements of the page.

One small function per block kind, found in an explicit table, so a kind without one fails loudly.
Every word the tool adds comes from the labels catalogue.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from handouts import model as m
from handouts.errors import Loc
from handouts.render.handout import elements as e
from handouts.theme.labels import Labels

URL_SCHEMES = ("http", "https", "mailto", "tel")


NBSP = "\u00a0"


def pieces(text: m.Text | None) -> e.Pieces:
    return tuple(text.runs) if text is not None else ()


def whole(number: str) -> str:
    """A phone number that never breaks over two lines."""
    return number.replace(" ", NBSP)


def link(url: str, label: str | None = None) -> e.Pieces:
    """A link, or plain text when the scheme is not one a reader's device should open."""
    shown = label if label is not None else url
    if url.split(":", 1)[0].lower() not in URL_SCHEMES:
        return e.plain(shown)
    return (e.Link(shown, url),)


def tel_url(number: str) -> str:
    """A phone number as a tel: link: its digits only (any script's digits read as 0-9), with its +."""
    digits = "".join(str(unicodedata.digit(c)) for c in number if c.isdecimal())
    return "tel:" + ("+" if number.lstrip().startswith("+") else "") + digits


MIN_LINKED_DIGITS = 3  # a shorter number ("15") would also match times and doses in the text
SEPARATORS = r"[\s\u00a0\-.()/]*"  # what may stand between the digits of a number as written


def contact_links(plan, clinic: m.Clinic):
    """Every phone number and the email of the clinic written in the text (a get-help item, a
    sentence) becomes a tel: or mailto: link, so a reader can tap to call or write. Links already
    made stay as they are."""
    found = []
    for number in (clinic.phone, clinic.emergency):
        digits = [c for c in number if c.isdecimal()]
        if len(digits) >= MIN_LINKED_DIGITS:
            found.append((re.compile(r"(?<!\d)\+?\(?" + SEPARATORS.join(map(re.escape, digits)) + r"(?!\d)"),
                          tel_url(number)))
    if clinic.email:
        found.append((re.compile(r"(?<![\w.@-])" + re.escape(clinic.email) + r"(?![\w@-])", re.IGNORECASE),
                      f"mailto:{clinic.email}"))
    if not found:
        return plan

    def split(run: m.Run) -> e.Pieces:
        out: list[e.Piece] = []
        text = run.text
        while text:
            hits = [(match, url) for pattern, url in found if (match := pattern.search(text))]
            if not hits:
                break
            match, url = min(hits, key=lambda hit: hit[0].start())
            if match.start():
                out.append(run._replace(text=text[:match.start()]))
            out.append(e.Link(match.group(), url, run.bold, run.italic))
            text = text[match.end():]
        if text:
            out.append(run._replace(text=text))
        return tuple(out)

    def visit(value):
        if isinstance(value, tuple) and value and all(isinstance(p, (m.Run, e.Link)) for p in value):
            return tuple(q for p in value for q in (split(p) if isinstance(p, m.Run) else (p,)))  # a text
        if isinstance(value, (m.Run, e.Link, m.Picture)):
            return value
        if isinstance(value, tuple) and hasattr(value, "_fields"):  # an element: each of its fields
            return type(value)(*(visit(field) for field in value))
        if isinstance(value, tuple):  # elements, rows, items
            return tuple(visit(v) for v in value)
        return value

    return visit(plan)  # every text of every element, in any kind of plan


# -- blocks ------------------------------------------------------------------------------------

def _paragraph(b: m.Paragraph, labels: Labels) -> list[e.Element]:
    return [e.Para("body", pieces(b.text), loc=b.loc)]


def _bullets(b: m.Bullets, labels: Labels) -> list[e.Element]:
    return [e.ListItems("bullet", tuple(pieces(t) for t in b.items), loc=b.loc)]


def _terms(b: m.Terms, labels: Labels) -> list[e.Element]:
    return [e.Term(pieces(t.term), pieces(t.text), loc=t.loc) for t in b.items]


def _steps(b: m.Steps, labels: Labels) -> list[e.Element]:
    title: list[e.Element] = [e.Heading(4, "h3", pieces(b.title), loc=b.loc)] if b.title else []
    return title + [e.ListItems("step", tuple(pieces(t) for t in b.items), numbered=True, loc=b.loc)]


def callout_box(b: m.Callout, labels: Labels) -> e.Box:
    before, after = labels.around("callout_heading", "title", label=labels.callout(b.kind))
    heading = tuple(p for p in (m.Run(before, bold=True) if before else None, *b.title.runs,
                                m.Run(after, bold=True) if after else None) if p)
    children: list[e.Element] = []
    if b.text:
        children.append(e.Para(f"{b.kind}_text", pieces(b.text)))
    if b.items:
        children.append(e.ListItems(f"{b.kind}_text", tuple(pieces(t) for t in b.items), tone=b.kind))
    return e.Box(b.kind, heading, f"{b.kind}_title", tuple(children), loc=b.loc)


def _callout(b: m.Callout, labels: Labels) -> list[e.Element]:
    return [callout_box(b, labels)]


def _faq(b: m.FAQ, labels: Labels) -> list[e.Element]:
    return [e.Question(pieces(qa.q), pieces(qa.a), loc=qa.loc) for qa in b.items]


def _image(b: m.Image, labels: Labels) -> list[e.Element]:
    return [e.Figure(b.picture, b.alt.plain, pieces(b.caption) if b.caption else None, loc=b.loc)]


def _table(b: m.Table, labels: Labels) -> list[e.Element]:
    return [e.Grid(tuple(pieces(t) for t in b.header), tuple(tuple(pieces(t) for t in row) for row in b.rows),
                   pieces(b.caption) if b.caption else None, loc=b.loc)]


BLOCKS: dict[type, Callable[..., list[e.Element]]] = m.BlockTable({
    m.Paragraph: _paragraph, m.Bullets: _bullets, m.Terms: _terms, m.Steps: _steps, m.Callout: _callout,
    m.FAQ: _faq, m.Image: _image, m.Table: _table,
})


def block(b: m.Block, labels: Labels) -> list[e.Element]:
    return BLOCKS[type(b)](b, labels)


# -- the parts of a handout ----------------------------------------------------------------------

def band(article: m.Article, labels: Labels) -> e.Band:
    meta, clinic = article.meta, article.clinic
    return e.Band(pieces(clinic.name), pieces(meta.title), pieces(meta.subtitle) if meta.subtitle else None,
                  clinic.logo, labels.word("logo_alt", clinic=clinic.name.plain))


def main_points(article: m.Article, labels: Labels) -> e.Box:
    items = e.ListItems("key_item", tuple(pieces(t) for t in article.key_messages), loc=article.key_messages[0].loc)
    return e.Box("primary", e.plain(labels.word("main_points")), "key_title", (items,), icon=False,
                 loc=article.key_messages[0].loc)


def sections(article: m.Article, labels: Labels) -> list[e.Element]:
    out: list[e.Element] = []
    for section in article.sections:
        out.append(e.Heading(2, "h1", pieces(section.title), outline=0, loc=section.title.loc))
        for b in section.blocks:
            out += block(b, labels)
        for sub in section.sections:
            out.append(e.Heading(3, "h2", pieces(sub.title), outline=1, loc=sub.title.loc))
            for b in sub.blocks:
                out += block(b, labels)
    return out


def has_contact_block(article: m.Article) -> bool:
    """The contact details are printed once: by a `standard: contact` block when there is one."""
    return any(isinstance(b, m.Callout) and b.standard == "contact"
               for _, s in article.all_sections() for b in s.blocks)


def contact_rows(article: m.Article, labels: Labels, with_clinic: bool = True) -> list[tuple[str, e.Pieces]]:
    """How to reach the clinic; only the emergency number when a contact block has said the rest."""
    clinic = article.clinic
    rows = []
    if with_clinic:
        tel = tel_url(clinic.phone)
        before, after = labels.around("words.phone_value", "phone")
        rows.append((labels.word("clinic_label", clinic=clinic.name.plain),
                     tuple(p for p in (m.Run(before) if before else None, *link(tel, whole(clinic.phone)),
                                       m.Run(after) if after else None) if p)))
        if clinic.email:
            rows.append((labels.word("email"), link(f"mailto:{clinic.email}", clinic.email)))
        if clinic.website:
            rows.append((labels.word("website"), link(clinic.website)))
        if clinic.address:
            rows.append((labels.word("address"), pieces(clinic.address)))
    rows.append((labels.word("emergency"), e.plain(whole(clinic.emergency))))
    return rows


def review_rows(article: m.Article, labels: Labels, who: bool = True, dates: bool = True) -> e.Rows:
    """Who wrote and reviewed it, when it was reviewed and is next due, and its version."""
    meta = article.meta
    rows: list[tuple[str, e.Pieces]] = []
    if who and meta.authors:
        sep = labels.word("list_separator")
        joined: list[e.Piece] = []
        for i, author in enumerate(meta.authors):
            joined += ([m.Run(sep)] if i else []) + list(author.runs)
        rows.append((labels.word("written_by"), tuple(joined)))
    if who and meta.reviewer:
        rows.append((labels.word("reviewed_by"), pieces(meta.reviewer)))
    if who and meta.translator:
        rows.append((labels.word("translated_by"), pieces(meta.translator)))
    if who and meta.translation_reviewer:
        rows.append((labels.word("translation_reviewed_by"), pieces(meta.translation_reviewer)))
    if dates:
        rows += [(labels.word("last_reviewed"), e.plain(labels.date(meta.last_reviewed))),
                 (labels.word("next_review"), e.plain(labels.date(meta.next_review))),
                 (labels.word("version"), e.plain(meta.version))]
    return e.Rows("small", tuple(rows), loc=meta.loc)


def sources(article: m.Article, labels: Labels) -> list[e.Element]:
    meta = article.meta
    if not meta.sources:
        return []
    items = tuple(pieces(s.title) + ((m.Run(" "),) + link(s.url) if s.url else ()) for s in meta.sources)
    return [e.Heading(3, "h3", e.plain(labels.word("sources"))), e.ListItems("small", items, loc=meta.sources[0].loc)]


def contact(article: m.Article, labels: Labels, with_clinic: bool = True) -> list[e.Element]:
    return [e.Heading(3, "h3", e.plain(labels.word("contact_us"))),
            e.Rows("small", tuple(contact_rows(article, labels, with_clinic)), loc=article.clinic.loc)]


def disclaimer(article: m.Article, labels: Labels) -> list[e.Element]:
    meta = article.meta
    if not meta.disclaimer:
        return []
    return [e.Heading(3, "h3", e.plain(labels.word("please_note"))),
            e.Para("small", pieces(meta.disclaimer), loc=meta.disclaimer.loc)]


def about(article: m.Article, labels: Labels) -> list[e.Element]:
    """The closing part: who wrote and reviewed it, when, the sources, the contact details, the
    disclaimer and the link to the latest version."""
    out: list[e.Element] = [e.PageBreakIfLess(12), e.Heading(2, "h1", e.plain(labels.word("about")), outline=0),
                            review_rows(article, labels), *sources(article, labels),
                            *contact(article, labels, not has_contact_block(article)), *disclaimer(article, labels)]
    if article.meta.online_url:
        out.append(online(article, labels))
    return out


def online(article: m.Article, labels: Labels) -> e.Online:
    url = article.meta.online_url
    if url is None:  # callers ask only when there is one
        raise ValueError("the article has no meta.online_url")
    before, after = labels.around("words.online_text", "url")
    text = tuple(p for p in (m.Run(before) if before else None, *link(url), m.Run(after) if after else None) if p)
    before, after = labels.around("notes.online", "url")
    bare = tuple(p for p in (m.Run(before) if before else None, *link(url), m.Run(after) if after else None) if p)
    return e.Online(url, labels.word("qr_alt"), e.plain(labels.word("online_title")), text, loc=article.meta.loc,
                    link_text=bare)


def footer(article: m.Article, labels: Labels) -> e.Footer:
    meta, clinic = article.meta, article.clinic
    return e.Footer(
        call=labels.word("footer_call", clinic=clinic.name.plain, phone=whole(clinic.phone)),
        call_short=labels.word("footer_call_short", phone=whole(clinic.phone)),
        dates=labels.word("footer_dates", version=meta.version, reviewed=labels.short_date(meta.last_reviewed),
                          next=labels.short_date(meta.next_review)),
        page=labels.pattern("words.page"), tel=tel_url(clinic.phone),
        tel_label=labels.word("footer_call_short", phone=whole(clinic.phone)))


def with_overdue(plan, job, labels: Labels):
    """A plan built past its review date (--allow-expired) says so on every page."""
    if not job.options.overdue:
        return plan
    text = labels.word("overdue", date=labels.date(job.article.meta.next_review))
    return plan._replace(footer=plan.footer._replace(overdue=text))


def info(article: m.Article, labels: Labels) -> e.DocInfo:
    meta = article.meta
    return e.DocInfo(title=meta.title.plain, author=article.clinic.name.plain,
                     subject=meta.subtitle.plain if meta.subtitle else meta.title.plain,
                     keywords=(meta.title.plain, labels.word("keywords"), meta.slug,
                               *(a.plain for a in meta.authors)),
                     language=meta.language)


def leaflet(article: m.Article, labels: Labels) -> e.HandoutPlan:
    """The full handout: the band and the main points across the page, every section, then the
    closing part."""
    elements = [band(article, labels), main_points(article, labels), *sections(article, labels),
                *about(article, labels)]
    plan = e.HandoutPlan(tuple(elements), footer(article, labels), info(article, labels), masthead=2)
    return contact_links(plan, article.clinic)


def booklet(article: m.Article, labels: Labels) -> e.BookletPlan:
    """The full text as a booklet: the title and the main points on the front cover, the sections
    inside, and on the back cover the contact details, the QR code, the review dates, who wrote it,
    the sources and the disclaimer."""
    back = back_cover(article, labels, who=True) + sources(article, labels) + disclaimer(article, labels)
    front = (cover(article, labels), main_points(article, labels))
    plan = e.BookletPlan(front, tuple(sections(article, labels)), tuple(back), footer(article, labels),
                         info(article, labels))
    return contact_links(plan, article.clinic)


def back_cover(article: m.Article, labels: Labels, who: bool = True) -> list[e.Element]:
    """How to reach the clinic, the way to the latest version, and when it was reviewed."""
    out: list[e.Element] = [e.Heading(2, "h1", e.plain(labels.word("contact_us")), outline=0),
                            e.Rows("body", tuple(contact_rows(article, labels)), loc=article.clinic.loc)]
    if article.meta.online_url:
        out.append(online(article, labels))
    out.append(review_rows(article, labels, who=who))
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
SHORT_ANSWER_WORDS = 20  # an answer this short goes on the tri-fold whole; a longer one, its first sentence
ANSWER_WORDS = 6  # ... and the next while it has fewer words than this ("No." alone says too little)


def opening(text: m.Text, sentences: int) -> e.Pieces:
    """The first `sentences` sentences of a text, with their emphasis and links as written."""
    ends = list(_SENTENCE_END.finditer(text.plain))
    cut = ends[sentences - 1].start() if len(ends) >= sentences else len(text.plain)
    out, at = [], 0
    for run in text.runs:
        if at < cut:
            out.append(run._replace(text=run.text[:cut - at]))
        at += len(run.text)
    return tuple(out)


def short_answer(answer: m.Text) -> e.Pieces:
    """A question's answer on the tri-fold: whole when short, else its first sentence (two, when the
    first is only a word or two)."""
    if len(answer.plain.split()) <= SHORT_ANSWER_WORDS:
        return pieces(answer)
    first = opening(answer, 1)
    return first if len(e.text_of(first).split()) >= ANSWER_WORDS else opening(answer, 2)


def _brief_source(section: m.Section, labels: Labels) -> m.Block | None:
    """The block a section's brief is made from (see summary), or None when it has a summary or
    slide points of its own."""
    if section.summary or section.slide_points:
        return None
    blocks = [b for s in (section, *section.sections) for b in s.blocks]
    first = next((b for b in blocks if isinstance(b, m.Paragraph)), None)
    return first if first is not None else next((b for b in blocks if _brief(b, labels)), None)


def summary(section: m.Section, labels: Labels) -> list[e.Element]:
    """A section in brief: its heading, then its summary; without one, its slide points; without
    those, the first two sentences of its first paragraph; or else its first block that can stand
    for it (see _brief). A section with none of these is left out: its get-help callouts, if any,
    are already printed word for word elsewhere."""
    heading = e.Heading(2, "h2", pieces(section.title), outline=0, loc=section.title.loc)
    if section.summary:
        return [heading, e.Para("body", pieces(section.summary), loc=section.summary.loc)]
    if section.slide_points:
        return [heading, e.ListItems("bullet", tuple(pieces(t) for t in section.slide_points),
                                     loc=section.slide_points[0].loc)]
    source = _brief_source(section, labels)
    if isinstance(source, m.Paragraph):
        return [heading, e.Para("body", opening(source.text, 2), loc=source.loc)]
    return [heading, *_brief(source, labels)] if source is not None else []


def _brief_steps(b: m.Steps, labels: Labels) -> list[e.Element]:
    # the title as a bold line, not a heading that a long list could leave behind
    title: list[e.Element] = [e.Para("body", tuple(r._replace(bold=True) for r in b.title.runs), loc=b.loc)] \
        if b.title else []
    # in a panel, a list that moved on whole would leave its section's heading behind, alone
    return title + [e.ListItems("step", tuple(pieces(t) for t in b.items), numbered=True, loc=b.loc, keep=False)]


def _brief_callout(b: m.Callout, labels: Labels) -> list[e.Element]:
    return [callout_box(b, labels)] if b.kind != "get_help" else []  # get help is printed whole elsewhere


def _brief_image(b: m.Image, labels: Labels) -> list[e.Element]:
    return [e.Para("body", pieces(b.caption), loc=b.loc)] if b.caption else []


def _questions(b: m.FAQ, labels: Labels) -> list[e.Element]:
    """Each question with its answer (in brief, see short_answer)."""
    return [e.Question(pieces(qa.q), short_answer(qa.a), loc=qa.loc) for qa in b.items]


# A block standing for its section in brief: a list as it is (steps numbered, in order, under their
# title), the questions of a list of questions with their answers, the words a list of terms
# explains, a tip or a note whole, a picture's caption. A paragraph is briefed by summary() itself
# (its first sentences). A table is left out: a panel is too narrow for one (check says so).
BRIEF: dict[type, Callable[..., list[e.Element]]] = m.BlockTable({
    m.Paragraph: lambda b, labels: [],
    m.Bullets: block,
    m.Steps: _brief_steps,
    m.FAQ: _questions,
    m.Terms: lambda b, labels: [e.ListItems("bullet", tuple(pieces(t.term) for t in b.items), loc=b.loc)],
    m.Callout: _brief_callout,
    m.Image: _brief_image,
    m.Table: lambda b, labels: [],
})


def _brief(b: m.Block, labels: Labels) -> list[e.Element]:
    return BRIEF[type(b)](b, labels)


# -- filling the tri-fold's inside panels ---------------------------------------------------------

STEPS, LISTS, PARAGRAPHS = 0, 1, 2  # what goes in first when the inside panels have room (get-help
# items come before all: the flap prints them word for word)


class Extra(NamedTuple):
    """A block of a section that the tri-fold may add after the section's brief, when there is room."""

    section: int  # the article's section it belongs to
    sub: m.Text | None  # the sub-section it is in, whose title goes before it
    rank: int  # STEPS, LISTS or PARAGRAPHS
    elements: tuple[e.Element, ...]
    what: str  # what it is, for `check`: "list of steps", "list", "paragraph", "tip"...
    loc: Loc


def _extra(b: m.Block, labels: Labels) -> tuple[int, str, list[e.Element]] | None:
    if isinstance(b, m.Steps):
        return STEPS, "list of steps", _brief_steps(b, labels)
    if isinstance(b, m.Bullets):
        return LISTS, "list", block(b, labels)
    if isinstance(b, m.Terms):
        return LISTS, "list of terms", block(b, labels)
    if isinstance(b, m.FAQ):
        return LISTS, "list of questions", _questions(b, labels)
    if isinstance(b, m.Callout) and b.kind != "get_help" and not b.standard:  # the contact details: on the back
        return (LISTS if b.items else PARAGRAPHS), b.kind, [callout_box(b, labels)]
    if isinstance(b, m.Paragraph):
        return PARAGRAPHS, "paragraph", block(b, labels)
    return None  # a picture; get help is on the flap whole


def trifold_extras(article: m.Article, labels: Labels) -> tuple[tuple[Extra, ...], tuple[tuple[Loc, str], ...]]:
    """(every block the inside panels may add to the sections' briefs, in the order they are tried:
    steps, then lists, then paragraphs, a section's first before any section's second, so the room is
    shared; what the tri-fold always leaves out of the full leaflet: pictures, and the rest of a
    paragraph whose first sentences make a brief)."""
    offered, never = [], []
    for n, section in enumerate(article.sections):
        source = _brief_source(section, labels)
        if isinstance(source, m.Paragraph) and len(_SENTENCE_END.split(source.text.plain)) > 2:
            never.append((source.loc, f"{section.title.plain}: paragraph after its first sentences"))
        for sub in (section, *section.sections):
            for b in sub.blocks:
                if b is source:
                    continue
                made = _extra(b, labels)
                if made is None:
                    if isinstance(b, m.Image):
                        never.append((b.loc, f"{section.title.plain}: picture"))
                    continue
                rank, what, elements = made
                offered.append(Extra(n, sub.title if sub is not section else None, rank, tuple(elements), what,
                                     b.loc))
    turn: dict[tuple[int, int], int] = {}
    order = []
    for extra in offered:
        key = (extra.section, extra.rank)
        order.append(((extra.rank, turn.get(key, 0), extra.section), extra))
        turn[key] = turn.get(key, 0) + 1
    return tuple(x for _, x in sorted(order, key=lambda item: item[0])), tuple(never)


def get_help_boxes(section: m.Section, labels: Labels) -> list[e.Element]:
    """Every get-help callout of a section and its sub-sections, word for word."""
    return [callout_box(b, labels) for s in (section, *section.sections) for b in s.blocks
            if isinstance(b, m.Callout) and b.kind == "get_help"]


def trifold(article: m.Article, labels: Labels, chosen: tuple[Extra, ...] = ()) -> e.PanelPlan:
    """One sheet folded in three, in reading order: the cover; the flap, which the reader meets on
    opening the cover, with the main points and every get-help callout word for word; the inside,
    with each section in brief, and after it the `chosen` extras of that section (trifold_extras),
    each kept whole; and the back."""
    flap: list[e.Element] = [main_points(article, labels)]
    for section in article.sections:
        flap += get_help_boxes(section, labels)
    inside: list[e.Element] = []
    for n, section in enumerate(article.sections):
        brief = summary(section, labels)
        if brief:
            inside.append(e.Keep(tuple(brief)))
        sub = None
        for extra in (x for x in chosen if x.section == n):
            head: list[e.Element] = []
            if extra.sub is not None and extra.sub is not sub:  # its sub-section's title, once, as a bold line
                head = [e.Para("body", tuple(r._replace(bold=True) for r in extra.sub.runs), loc=extra.sub.loc)]
            sub = extra.sub
            inside.append(e.Keep((*head, *extra.elements)))
    panels = (e.Panel("cover", ("cover",), (cover(article, labels),)),
              e.Panel("flap", ("flap",), tuple(flap), spill=True),
              e.Panel("inside panels", ("inside-left", "inside-middle", "inside-right"), tuple(inside)),
              e.Panel("back", ("back",), tuple(back_cover(article, labels) + disclaimer(article, labels))))
    return contact_links(e.PanelPlan(panels, footer(article, labels), info(article, labels)), article.clinic)


def cover(article: m.Article, labels: Labels) -> e.Band:
    """The title band, stacked (the logo above the words) and filling its panel."""
    return band(article, labels)._replace(stacked=True)


def card(article: m.Article, labels: Labels) -> e.PanelPlan:
    """One page: the title, the main points, when to get help, how to reach the clinic, the QR code."""
    elements: list[e.Element] = [band(article, labels), main_points(article, labels)]
    for section in article.sections:
        elements += get_help_boxes(section, labels)
    elements += [e.Heading(2, "h2", e.plain(labels.word("contact_us")), outline=0),
                 e.Rows("body", tuple(contact_rows(article, labels)), loc=article.clinic.loc)]
    if article.meta.online_url:
        elements.append(online(article, labels))
    elements.append(review_rows(article, labels, who=False))
    plan = e.PanelPlan((e.Panel("page", ("page",), tuple(elements)),), footer(article, labels), info(article, labels))
    return contact_links(plan, article.clinic)
