"""The slide planner: a pure function from the Article to a list of SlidePlans.

It decides every slide's kind, layout, title, body items, speaker notes and the boxes they are
measured in. Nothing here writes a file or imports python-pptx, so it is tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeGuard

from handouts import model as m
from handouts.errors import ContentError, Loc, Problem
from handouts.render.deck import fit, measure, table, talk, typeset
from handouts.render.deck import items as it
from handouts.render.deck.geometry import (
    EMU_PER_PT,
    INSET_Y,
    SECTION_HEADER,
    TITLE_AND_CONTENT,
    TITLE_ONLY,
    TITLE_SLIDE,
    Box,
    Geometry,
    builtin_geometry,
    inches,
)
from handouts.render.deck.notes import block_notes, section_notes
from handouts.render.deck.slide import Aside, Item, Label, Picture, SlidePlan
from handouts.scripts import right_to_left
from handouts.theme.labels import Labels
from handouts.theme.themes import Theme

__all__ = ["plan_deck", "needed_layouts", "SlidePlan"]

TITLE_SLIDE_SCALE = 1.25  # the deck's title is set larger than slide titles
FAQ_ANSWER_LINES = 2  # an answer shows under its question only when this short
AGENDA_POINTS = 12  # the agenda's short titles: one slide holds this many
PICTURE_SHARE = 0.42  # a picture beside the points takes this much of the body's width
SHARED_POINTS = 8  # two sub-sections sharing a slide: up to four points each, under their titles
FEW_POINTS_FILL = 0.5  # a slide whose points fill less than this of the body has few points: set larger
LARGE_FILL = 0.8  # ... while they fill at most this much of it
DIVIDERS_ABOVE = 25  # a deck longer than this gets a divider before every part; a shorter one, none


def needed_layouts(article: m.Article) -> list[str]:
    """The layout names a template must have for this article."""
    names = [TITLE_SLIDE, TITLE_AND_CONTENT]
    if any(s.sections for s in article.sections):
        names.append(SECTION_HEADER)
    if any(isinstance(b, m.Image) for _, s in article.all_sections() for b in s.blocks):
        names.append(TITLE_ONLY)
    return names


def plan_deck(article: m.Article, theme: Theme, labels: Labels, aspect: str = "16:9",
              geometry: Geometry | None = None, minutes: float | None = None) -> list[SlidePlan]:
    """Every slide of the deck, in order; with `minutes`, a deck for a talk of that length."""
    return _Planner(article, theme, labels, geometry or builtin_geometry(aspect)).plan(minutes)


class _Planner:
    def __init__(self, article: m.Article, theme: Theme, labels: Labels, geometry: Geometry):
        self.article, self.geometry, self.labels, self.theme = article, geometry, labels, theme
        self.family = theme.fonts.slides_metrics
        self.rtl = right_to_left(article.meta.language)  # callout bars and icons on the right
        self.title_size = theme.slides.title_size
        self.body_size = theme.slides.body_size
        self.min_size = theme.slides.min_body_size

    def plan(self, minutes: float | None = None) -> list[SlidePlan]:
        timed = minutes is not None  # a talk of N minutes: what is not said goes to the hidden appendix
        # The main message comes first (PEMAT), and again as the closing summary of a longer talk.
        start = [self.title_slide(timed), *self.summary(self.labels.word("main_points"), "main_points")]
        parts = [talk.Part(n, section, self.part(section)) for n, section in enumerate(self.article.sections, 1)]
        short = minutes is not None and minutes < talk.SHORT_TALK
        closing = ([] if short else self.summary()) + self.closing(timed)
        appendix: list[SlidePlan] = []
        if minutes is not None:
            parts, appendix = self.fit_talk(start, parts, closing, minutes)
        opening = start + self.agenda(self.listed(parts))
        body = self.side_by_side([(p.number, p.slides) for p in parts])
        if len(opening) + sum(len(s) for _, s in body) + len(closing) > DIVIDERS_ABOVE:
            # a long talk: every part opens with a divider, so listeners know where they are
            body = [(n, self.divider(self.article.sections[n - 1], n) + slides)
                    if self.article.sections[n - 1].sections else (n, slides) for n, slides in body]
        return [self.roomy(s) for s in opening + [s for _, slides in body for s in slides] + closing + appendix]

    def roomy(self, slide: SlidePlan) -> SlidePlan:
        """A content slide of few points sets them larger (up to the theme's large size) in the
        middle of the body, so it does not look like a list left at the top of an empty screen."""
        body = slide.body_box
        if slide.kind not in ("content", "agenda") or slide.asides or slide.pictures or not slide.items or not body:
            return slide
        fitter = fit.Fitter(self.family, body, slide.body_size, self.min_size)
        room = body.inner_height_pt

        def tallest(size: float) -> float:  # the taller column
            return max(fitter.height(slide.items, size), fitter.height(slide.second, size) if slide.second else 0)

        if tallest(slide.body_size) >= FEW_POINTS_FILL * room:
            return slide
        size = slide.body_size
        while size + fit.SIZE_STEP <= self.theme.slides.large_body_size and \
                tallest(size + fit.SIZE_STEP) <= LARGE_FILL * room:
            size += fit.SIZE_STEP
        if slide.second and slide.second_box:  # two columns move down together, so their first lines align
            drop = round((room - tallest(size)) / 2 * EMU_PER_PT)
            second = slide.second_box
            return slide._replace(body_size=size, centred=True,
                                  body_box=body._replace(y=body.y + drop, h=body.h - drop),
                                  second_box=second._replace(y=second.y + drop, h=second.h - drop))
        return slide._replace(body_size=size, centred=True)

    def side_by_side(self, body: list[tuple[int, list[SlidePlan]]]) -> list[tuple[int, list[SlidePlan]]]:
        """Two short sections next to each other share a slide, in two columns under their titles."""
        out: list[tuple[int, list[SlidePlan]]] = []
        paired = False
        for n, slides in body:
            if out and not paired and self.short(out[-1]) and self.short((n, slides)):
                both = self.pair(out[-1][1][0], slides[0])
                if both is not None:
                    out[-1], paired = (out[-1][0], [both]), True
                    continue
            out.append((n, slides))
            paired = False
        return out

    def short(self, part: tuple[int, list[SlidePlan]]) -> bool:
        """A section of one slide of few points, nothing beside or under them."""
        n, slides = part
        if len(slides) != 1 or self.article.sections[n - 1].sections:
            return False
        s = slides[0]
        if s.kind != "content" or s.pictures or s.asides or s.second or s.labels or not s.items or not s.body_box:
            return False
        fitter = fit.Fitter(self.family, s.body_box, s.body_size, self.min_size)
        return fitter.height(s.items, s.body_size) < FEW_POINTS_FILL * s.body_box.inner_height_pt

    def pair(self, a: SlidePlan, b: SlidePlan) -> SlidePlan | None:
        """Two sections' slides as one: each in a column under its own title, the titles joined above."""
        groups = [(it.plain(s.title, bold=True, tone="primary"), *s.items) for s in (a, b)]
        columns = self.two_columns(groups)
        title = self.labels.word("list_separator").join((a.title, b.title))
        if columns is None:
            return None
        try:
            size = self.fit_title(title, TITLE_AND_CONTENT, a.sources[0])
        except ContentError:  # the two titles are too long for one: each keeps its own slide
            return None
        page, cut = columns
        one, two = self.column_boxes(self.box(TITLE_AND_CONTENT))
        return a._replace(title=title, title_size=size, items=page.items[:cut], second=page.items[cut:],
                          body_box=one, second_box=two, body_size=page.size, sources=a.sources + b.sources,
                          notes=(a.title, *a.notes, b.title, *b.notes))

    @staticmethod
    def listed(parts: list[talk.Part]) -> list[m.Section]:
        """The parts the agenda names: those with more to show than get-help slides."""
        return [p.section for p in parts if any(s.kind != "get_help" for s in p.slides)]

    def fit_talk(self, start: list[SlidePlan], parts: list[talk.Part], closing: list[SlidePlan],
                 minutes: float) -> tuple[list[talk.Part], list[SlidePlan]]:
        """The parts a talk of `minutes` shows, and its hidden appendix; too short a talk is refused."""
        from handouts.render.deck import timing

        def seconds(slides) -> float:
            return sum(timing.seconds(s, self.theme) for s in slides)

        def length(shown: list[talk.Part]) -> float:
            return seconds(self.agenda(self.listed(shown))) + seconds([s for p in shown for s in p.slides])

        choice = talk.choose(parts, seconds(start + closing), length, minutes * 60)
        if choice.shortest > minutes * 60:
            least = talk.shortest_minutes(choice.shortest)
            raise ContentError([Problem(self.article.loc, f"a talk of {minutes:g} minutes is too short: the shortest "
                                                          f"talk for this leaflet is {least} minutes (its title, main "
                                                          "points, get-help slides, how-to sections and closing)",
                                        hint=f"ask for --minutes {least} or more, or shorten the notes of those "
                                             "sections")])
        return choice.shown, self.appendix(choice.appendix)

    def appendix(self, parts: list[talk.Part]) -> list[SlidePlan]:
        """Hidden slides after the closing: the parts the talk has no time for, each with its full
        text in the notes, and the leaflet's details that a presenter does not read out."""
        titles = [p.section.title.plain for p in parts]
        lead = (self.labels.note("appendix", titles=self.labels.word("list_separator").join(titles)),) if titles else ()
        groups = [(item,) for item in it.numbered(titles)]
        notes = lead + self.about_lines() + self.reference_lines()
        head = self.paged("appendix", TITLE_AND_CONTENT, self.labels.slide("appendix"), groups, self.article.loc,
                          notes, max_points=AGENDA_POINTS)
        return [s._replace(hidden=True) for s in head + [x for p in parts for x in p.slides]]

    def part(self, section: m.Section) -> list[SlidePlan]:
        """A section's slides. One with sub-sections shares its slides among them: each
        sub-section's title and points are a group, and short ones share a slide."""
        if not section.sections:
            return self.section(section)
        # the part's own slide points (else its own lists) lead its first slide, as a group of their
        # own; its words are read from that slide's notes
        groups, owners = [], []
        own = ([it.point(t) for t in section.slide_points] if section.slide_points
               else [item for block in section.blocks for item in it.POINTS[type(block)](block)[0]])
        if own:
            groups.append(tuple(own))
            owners.append(section)
        for sub in section.sections:
            heading = it.plain(sub.title.plain, bold=True, tone="primary")
            points = it.section_points(sub)
            asides = [item for block in sub.blocks if self.is_aside(block)
                      for item in it.aside_items(block, self.labels)]
            groups.append((heading, *points, *asides))
            owners.append(sub)
        by_item = {id(item): owner for group, owner in zip(groups, owners) for item in group}
        # the part's own points and words are read from the notes of its first slide
        # the part's own picture sits beside its own points, on its first slide (then read out there)
        images = [b for b in section.blocks if isinstance(b, m.Image)]
        beside = images[0] if images and own else None
        part_notes = tuple(p.plain for p in section.slide_points) + section_notes(
            section, self.labels, lambda b: b is not beside and self.has_own_slide(b))

        first: list = []
        read: set[int] = set()

        def notes(items) -> tuple[str, ...]:  # each slide reads out the parts it shows, each once
            shown = list(dict.fromkeys(by_item[id(i)] for i in items if id(i) in by_item))
            lead = part_notes if not first else ()
            first.append(True)
            out = list(lead)
            for owner in shown:
                if owner is section:
                    if not lead:  # the part's own points, cut from its first slide: its notes are there
                        out.append(self.labels.note("continued", title=section.title.plain))
                    continue
                if id(owner) in read:  # cut between slides: its words are under the first of them
                    out.append(self.labels.note("continued", title=owner.title.plain))
                    continue
                read.add(id(owner))
                out += [owner.title.plain, *section_notes(owner, self.labels, self.has_own_slide)]
            return tuple(out)

        box = self.box(TITLE_AND_CONTENT)
        shared = fit.Fitter(self.family, box, self.body_size, self.min_size, SHARED_POINTS)
        single = fit.Fitter(self.family, box, self.body_size, self.min_size)
        pages: list[fit.Page] = []
        split: dict[int, int] = {}  # a page in two columns: how many of its items the first holds
        i = 0
        share = round(box.w * PICTURE_SHARE)
        text_box = box.shrink_left(share) if self.rtl else box.shrink_right(share)
        if beside is not None:  # the part's own points alone, the picture beside them
            pages += fit.Fitter(self.family, text_box, self.body_size, self.min_size).paginate([groups[0]])
            i = 1
        lead = len(pages)
        while i < len(groups):  # short sub-sections share a slide, each a group under its title
            for n in (4, 3, 2):
                if i + n > len(groups) or (n > 2 and len(groups) - i - n == 1):
                    continue  # too few left, or the last group would be left alone on a slide
                columns = self.two_columns(groups[i:i + n]) if n > 1 else None
                if columns is not None:  # side by side, up to two groups a column
                    split[len(pages)] = columns[1]
                    pages.append(columns[0])
                    i += n
                    break
                together = shared.one_page(groups[i:i + n]) if n <= 3 else None
                if together is not None:
                    pages.append(together)
                    i += n
                    break
            else:
                pages += single.paginate([groups[i]])
                i += 1
        slides = self.on_slides("content", TITLE_AND_CONTENT, section.title.plain, pages, section.loc, notes, box)
        one, two = self.column_boxes(box)
        for k, cut in split.items():
            slide = slides[k]
            slides[k] = slide._replace(items=slide.items[:cut], second=slide.items[cut:], body_box=one, second_box=two)
        if beside is not None:
            slides[:lead] = [s._replace(body_box=text_box) for s in slides[:lead]]
            slides[0] = self.with_picture(slides[0], beside)
        # a block's own slide (a picture, questions, get help) follows the last slide showing its
        # owner's points, so the slides keep the leaflet's order
        after: dict[int, list[SlidePlan]] = {}
        for owner in (section, *section.sections):
            on = [k for k, page in enumerate(pages) if any(by_item.get(id(i)) is owner for i in page.items)]
            for block in owner.blocks:
                if block is not beside:
                    after.setdefault(on[-1] if on else -1, []).extend(self.slides_of[type(block)](block, owner, False))
        return after.get(-1, []) + [x for k, slide in enumerate(slides) for x in (slide, *after.get(k, []))]

    def column_boxes(self, box: Box) -> tuple[Box, Box]:
        """The body as two columns: the first at the left (at the right, right to left)."""
        gap = inches(0.4)
        half = (box.w - gap) // 2
        left, right = Box(box.x, box.y, half, box.h), Box(box.x + half + gap, box.y, box.w - half - gap, box.h)
        return (right, left) if self.rtl else (left, right)

    def two_columns(self, groups: Sequence[tuple[Item, ...]]) -> tuple[fit.Page, int] | None:
        """Groups side by side in two columns at one size, the largest that fits both, each column
        holding whole groups (at most two); the page's items and how many the first column takes."""
        column = self.column_boxes(self.box(TITLE_AND_CONTENT))[0]
        fitter = fit.Fitter(self.family, column, self.body_size, self.min_size, SHARED_POINTS)
        size = self.body_size
        while size >= self.min_size:
            for k in sorted(range(1, len(groups)), key=lambda k: abs(2 * k - len(groups))):  # even columns first
                if k > 2 or len(groups) - k > 2:
                    continue
                left = [i for g in groups[:k] for i in g]
                right = [i for g in groups[k:] for i in g]
                if fitter.fits(left, size) and fitter.fits(right, size):
                    return fit.Page(tuple(left + right), size), len(left)
            size -= fit.SIZE_STEP
        return None

    def divider(self, section: m.Section, part: int) -> list[SlidePlan]:
        titles = self.labels.word("list_separator").join(s.title.plain for s in section.sections)
        slide = SlidePlan(kind="section", layout=SECTION_HEADER, title=section.title.plain,
                          title_size=self.fit_title(section.title.plain, SECTION_HEADER, section.loc,
                                                    self.title_size * TITLE_SLIDE_SCALE),
                          title_box=self.geometry.layouts[SECTION_HEADER].title,
                          body_box=self.box(SECTION_HEADER), items=(), body_size=self.body_size,
                          notes=(self.labels.note("coming_up", titles=titles),), sources=(section.loc,))
        if self.geometry.builtin:
            slide = slide._replace(labels=(self.part_label(slide, part),))
        return [slide]

    # -- helpers -------------------------------------------------------------------------------

    def box(self, layout: str) -> Box:
        body = self.geometry.layouts[layout].body
        assert body is not None, layout  # only Title Only may lack one (read_geometry), and none is asked of it
        return body

    def fit_title(self, text: str, layout: str, loc: Loc, size: float | None = None) -> float:
        box = self.geometry.layouts[layout].title
        fitted = fit.title_size(self.family, text, box, size or self.title_size, self.min_size)
        if fitted is None:
            raise ContentError([Problem(loc, f"the slide title '{text}' does not fit in two lines "
                                              f"even at {self.min_size:g} pt",
                                        hint="shorten the title to about 50 characters")])
        return fitted

    def paged(self, kind: str, layout: str, title: str, groups: Sequence[tuple[Item, ...]], loc: Loc,
              notes: tuple[str, ...] | Callable[[tuple[Item, ...]], tuple[str, ...]],
              box: Box | None = None, title_scale: float = 1.0, max_points: int = fit.MAX_POINTS,
              **extra) -> list[SlidePlan]:
        """One slide, or more marked as continued, holding `groups` measured in `box`. Notes given as
        text go under the first slide only, so a long part does not repeat them on every slide."""
        box = box or self.box(layout)
        pages = fit.Fitter(self.family, box, self.body_size, self.min_size, max_points).paginate(groups)
        return self.on_slides(kind, layout, title, pages, loc, notes, box, title_scale, **extra)

    def on_slides(self, kind: str, layout: str, title: str, pages: list[fit.Page], loc: Loc, notes, box: Box,
                  title_scale: float = 1.0, **extra) -> list[SlidePlan]:
        """Measured pages as slides: the first with the title, the rest marked as continued."""
        slides = []
        for i, page in enumerate(pages):
            heading = title if i == 0 else self.labels.slide("continued", title=title)
            size = self.fit_title(heading, layout, loc, self.title_size * title_scale)
            slides.append(SlidePlan(
                kind=kind, layout=layout, title=heading, title_size=size,
                title_box=self.geometry.layouts[layout].title, body_box=box, items=page.items,
                body_size=page.size, notes=notes(page.items) if callable(notes) else
                notes if i == 0 else (self.labels.note("continued", title=title),),
                sources=(loc,), continued=i > 0, **extra))
        return slides

    # -- slides --------------------------------------------------------------------------------

    def about_lines(self) -> tuple[str, ...]:
        """Who wrote and reviewed the leaflet, when it is next reviewed, its disclaimer."""
        meta, labels = self.article.meta, self.labels
        lines = [labels.note("written_by", name=a.plain) for a in meta.authors]
        if meta.reviewer:
            lines.append(labels.note("reviewed", reviewer=meta.reviewer.plain,
                                     date=labels.month_year(meta.last_reviewed)))
        lines.append(labels.note("next_review", date=labels.month_year(meta.next_review)))
        if meta.disclaimer:
            lines.append(meta.disclaimer.plain)
        return tuple(lines)

    def reference_lines(self) -> tuple[str, ...]:
        """The leaflet's sources, for reference."""
        words = self.labels
        return tuple(words.note("source_url", title=s.title.plain, url=s.url) if s.url
                     else words.note("source", title=s.title.plain) for s in self.article.meta.sources)

    def title_slide(self, timed: bool = False) -> SlidePlan:
        meta, clinic = self.article.meta, self.article.clinic
        body = self.box(TITLE_SLIDE)
        pictures: tuple[Picture, ...] = ()
        if clinic.logo:
            logo = self.logo_box()
            pictures = (Picture(logo, self.labels.word("logo_alt", clinic=clinic.name.plain), picture=clinic.logo,
                                name="Clinic logo"),)
            if logo.y < body.bottom and body.right > logo.x - inches(0.3):
                body = body.shrink_right(body.right - (logo.x - inches(0.3)))
        labels = self.labels
        month_year = labels.month_year(meta.last_reviewed)
        lines = ([it.point(meta.subtitle, it.PLAIN)] if meta.subtitle else []) + [
            it.plain(clinic.name.plain, bold=True, tone="primary"), it.plain(month_year, tone="muted")]
        notes = [meta.title.plain] + ([meta.subtitle.plain] if meta.subtitle else [])
        if meta.audience:
            notes.append(labels.note("audience", audience=meta.audience.plain))
        if not timed:  # a timed talk keeps these in its appendix: they are not read out
            notes += self.about_lines()
        size = self.title_size * TITLE_SLIDE_SCALE
        page = self.single_page([tuple(lines)], body, meta.loc)
        return SlidePlan(kind="title", layout=TITLE_SLIDE, title=meta.title.plain,
                         title_size=self.fit_title(meta.title.plain, TITLE_SLIDE, meta.title.loc, size),
                         title_box=self.geometry.layouts[TITLE_SLIDE].title, body_box=body, items=page.items,
                         body_size=page.size, notes=tuple(notes), sources=(meta.loc,), pictures=pictures)

    def logo_box(self) -> Box:
        g = self.geometry
        side = inches(1.4)
        return Box(g.width - g.margin - side, g.height - inches(0.75) - side, side, side)

    def single_page(self, groups, box: Box, loc: Loc) -> fit.Page:
        pages = fit.Fitter(self.family, box, self.body_size, self.min_size).paginate(groups)
        if len(pages) != 1:
            raise ContentError([Problem(loc, "the title slide's text does not fit on one slide",
                                        hint="shorten the subtitle")])
        return pages[0]

    def agenda(self, sections=None) -> list[SlidePlan]:
        titles = [s.title.plain for s in (self.article.sections if sections is None else sections)]
        if not titles:  # nothing to list (every part is a get-help slide): no empty agenda
            return []
        groups = [(item,) for item in it.numbered(titles)]

        def notes(items) -> tuple[str, ...]:  # each slide's notes read out the titles it shows
            return (self.labels.note("agenda"),) + tuple(f"{i.number}. {titles[i.number - 1]}" for i in items)

        # short titles, read out in order: one slide holds up to twelve
        return self.paged("agenda", TITLE_AND_CONTENT, self.labels.slide("agenda"), groups, self.article.loc, notes,
                          max_points=AGENDA_POINTS)

    def section(self, section: m.Section) -> list[SlidePlan]:
        """The slides of a section with no sub-sections (part() shares a part's slides among its own)."""
        layout = TITLE_AND_CONTENT
        groups: list[tuple[Item, ...]] = [(item,) for item in it.section_points(section)]
        images = [b for b in section.blocks if isinstance(b, m.Image)]
        beside = images[0] if images and groups else None
        notes = section_notes(section, self.labels, lambda b: b is not beside and self.has_own_slide(b))
        if not notes and groups and any(isinstance(b, m.FAQ) for b in section.blocks):
            # an overview of the questions to come: the notes introduce them and read its points
            notes = (self.labels.note("questions"), *(g[0].plain for g in groups))
        text_box = self.box(layout)
        if beside is not None:  # the picture takes the far side of the first slide (the left, right to left)
            share = round(text_box.w * PICTURE_SHARE)
            text_box = text_box.shrink_left(share) if self.rtl else text_box.shrink_right(share)
        slides = self.paged("content", layout, section.title.plain, groups, section.loc, notes, box=text_box)
        if beside is not None:
            slides[0] = self.with_picture(slides[0], beside)
        asides = [b for b in section.blocks if self.is_aside(b)]
        if asides and len(slides) == 1 and not slides[0].items:
            # nothing of its own to show: its tips and notes are its points, on as many slides as they need
            groups = [tuple(it.aside_items(callout, self.labels)) for callout in asides]
            slides = self.paged("content", layout, section.title.plain, groups, section.loc, notes)
        elif asides:
            slides[-1] = self.with_asides(slides[-1], asides)
            rest = asides[len(slides[-1].asides):]
            if rest:  # no room under the points: on a slide of their own rather than only in the notes
                title = self.labels.slide("continued", title=section.title.plain)
                more = self.paged("content", layout, title, [tuple(it.aside_items(c, self.labels)) for c in rest],
                                  section.loc, (self.labels.note("continued", title=section.title.plain),))
                slides += [s._replace(continued=True) for s in more]
        # a section with nothing of its own to show gives its title to the slides of its blocks
        empty = len(slides) == 1 and not slides[0].items and not slides[0].asides
        extra: list[SlidePlan] = []
        for block in section.blocks:
            if block is not beside:
                extra += self.slides_of[type(block)](block, section, empty)
        if empty and extra:
            # its blocks' slides carry titles of their own (a get-help slide): the section's is read
            # out; and the words no slide shows (the standard contact text) lead the first one's notes
            lead = (section.title.plain,) if all(s.title != section.title.plain for s in extra) else ()
            extra[0] = extra[0]._replace(notes=lead + tuple(slides[0].notes) + tuple(extra[0].notes))
        return extra if empty and extra else slides + extra

    def with_picture(self, slide: SlidePlan, block: m.Image) -> SlidePlan:
        """An image block beside the points: scaled to the right-hand area without distortion, its
        caption under it, its alt text on the picture and in the notes."""
        whole, text = self.box(slide.layout), slide.body_box
        assert text is not None  # paged() gives every slide its text box
        gap = inches(0.3)
        if self.rtl:
            area = Box(whole.x, whole.y, text.x - gap - whole.x, whole.h)
        else:
            area = Box(text.right + gap, whole.y, whole.right - text.right - gap, whole.h)
        labels = slide.labels
        if block.caption:
            label = self.label(block.caption.plain, Box(area.x, area.y, area.w, 0))
            area = Box(area.x, area.y, area.w, area.h - label.box.h - inches(0.1))
        px_w, px_h = block.picture.width, block.picture.height
        scale = min(area.w / px_w, area.h / px_h)
        w, h = round(px_w * scale), round(px_h * scale)
        box = Box(area.x + (area.w - w) // 2, area.y, w, h)
        if block.caption:
            labels += (label._replace(box=label.box._replace(y=box.bottom + inches(0.1))),)
        picture = Picture(box, block.alt.plain, picture=block.picture, name="Picture")
        return slide._replace(pictures=slide.pictures + (picture,), labels=labels)  # its notes: the section's

    @staticmethod
    def has_own_slide(block: m.Block) -> bool:
        """A block shown on a slide of its own, whose notes read it out: the section's notes leave it."""
        return isinstance(block, (m.FAQ, m.Image, m.Table)) or (isinstance(block, m.Callout)
                                                               and block.kind == "get_help")

    @staticmethod
    def is_aside(block: m.Block) -> TypeGuard[m.Callout]:
        """Tips and notes show under the points. The standard contact text does not: the closing
        slide gives the contact details, and once is enough."""
        return isinstance(block, m.Callout) and block.kind != "get_help" and block.standard != "contact"

    # -- the slides a block has of its own, one entry per block kind ------------------------------

    @property
    def slides_of(self) -> dict[type, Callable[[m.Block, m.Section, bool], list[SlidePlan]]]:
        def none(block, section, empty):
            return []

        return m.BlockTable({m.Paragraph: none, m.Bullets: none, m.Terms: none, m.Steps: none,
                             m.Callout: lambda b, s, e: self.get_help(b) if b.kind == "get_help" else [],
                             m.FAQ: lambda b, s, e: self.faq(b, s.title.plain if e else self.labels.slide("faq")),
                             m.Image: lambda b, s, e: [self.image(s, b)],
                             m.Table: lambda b, s, e: table.slides(self, b, s)})

    def with_asides(self, slide: SlidePlan, callouts: list[m.Callout]) -> SlidePlan:
        """Show tips and notes under the points while they fit at the slide's size (all are in the notes)."""
        body = slide.body_box
        assert body is not None  # paged() gives every slide its text box
        fitter = fit.Fitter(self.family, body, slide.body_size, self.min_size)
        top = body.y + INSET_Y + round(fitter.height(slide.items, slide.body_size) * EMU_PER_PT) + inches(0.3)
        pad, bar = inches(0.12), inches(0.1)
        asides = []
        for callout in callouts:
            items = tuple(it.aside_items(callout, self.labels))
            width = body.w - bar - 2 * pad
            text_h = fit.Fitter(self.family, Box(0, 0, width, body.h), slide.body_size, self.min_size).height(
                items, slide.body_size)
            # right to left, the bar is on the right and the words start beside it
            text_box = Box(body.x + (pad if self.rtl else bar + pad), top + pad, width,
                           round(text_h * EMU_PER_PT) + 2 * INSET_Y + EMU_PER_PT)
            panel = Box(body.x, top, body.w, text_box.h + 2 * pad)
            if panel.bottom > body.bottom:
                break
            asides.append(Aside(callout.kind, panel, text_box, items, slide.body_size))
            top = panel.bottom + inches(0.2)
        return slide._replace(asides=tuple(asides))

    def get_help(self, callout: m.Callout) -> list[SlidePlan]:
        panel = self.box(TITLE_AND_CONTENT)
        pad, column = inches(0.15), min(inches(1.3), panel.w // 4)  # a narrow template keeps room for text
        text_box = Box(panel.x + (pad if self.rtl else column), panel.y + pad, panel.w - column - pad,
                       panel.h - 2 * pad)
        icon = Box(panel.x + inches(0.2), panel.y + inches(0.3), inches(0.95), inches(0.85))
        if self.rtl:  # mirrored: the warning sign at the right, where the words start
            icon = Box(panel.right - inches(0.2) - icon.w, icon.y, icon.w, icon.h)
        groups = [(item,) for item in it.get_help_items(callout)]
        return self.paged("get_help", TITLE_AND_CONTENT, it.get_help_title(callout, self.labels), groups,
                          callout.loc, tuple(block_notes(callout, self.labels)), box=text_box, icon_box=icon,
                          panel_box=panel,
                          panel_tone="get_help")

    def faq(self, faq: m.FAQ, title: str) -> list[SlidePlan]:
        box = self.box(TITLE_AND_CONTENT)

        def answer_fits(answer: Item) -> bool:
            p = typeset.para(answer, self.body_size, self.min_size)
            return len(measure.para_lines(self.family, p, box.inner_width_pt)) <= FAQ_ANSWER_LINES

        answers = {qa.q.plain: qa.a.plain for qa in faq.items}

        def notes(page: tuple[Item, ...]) -> tuple[str, ...]:
            asked = [i.plain for i in page if i.plain in answers]
            return tuple(line for q in asked for line in (self.labels.note("question", text=q),
                                                          self.labels.note("answer", text=answers[q])))

        return self.paged("faq", TITLE_AND_CONTENT, title, it.faq_groups(faq, answer_fits), faq.loc, notes)

    def image(self, section: m.Section, block: m.Image) -> SlidePlan:
        area = self.box(TITLE_AND_CONTENT)
        labels: tuple[Label, ...] = ()
        if block.caption:
            label = self.label(block.caption.plain, Box(area.x, area.y, area.w, 0))
            label = label._replace(box=label.box._replace(y=area.bottom - label.box.h))
            labels = (label,)
            area = Box(area.x, area.y, area.w, area.h - label.box.h - inches(0.1))
        px_w, px_h = block.picture.width, block.picture.height
        scale = min(area.w / px_w, area.h / px_h)
        w, h = round(px_w * scale), round(px_h * scale)
        box = Box(area.x + (area.w - w) // 2, area.y, w, h)
        title = section.title.plain
        return SlidePlan(kind="image", layout=TITLE_ONLY, title=title,
                         title_size=self.fit_title(title, TITLE_ONLY, section.title.loc),
                         title_box=self.geometry.layouts[TITLE_ONLY].title,
                         notes=tuple(block_notes(block, self.labels)),
                         sources=(block.loc,), labels=labels,
                         pictures=(Picture(box, block.alt.plain, picture=block.picture, name="Picture"),))

    def part_label(self, slide: SlidePlan, part: int) -> Label:
        """'Part 2 of 10' just above the divider's title, which sits at the bottom of its box."""
        title = typeset.title_para(slide.title, slide.title_size)
        lines = measure.para_lines(self.family, title, slide.title_box.inner_width_pt)
        text_top = slide.title_box.bottom - INSET_Y - round(len(lines) * title.line_spacing * EMU_PER_PT)
        label = self.label(self.labels.slide("part", n=part, total=len(self.article.sections)), slide.title_box,
                           tone="primary",
                           align="l", bold=True, name="Part number")
        return label._replace(box=label.box._replace(y=text_top - label.box.h))

    def label(self, text: str, box: Box, tone: str = "", align: str = "ctr", bold: bool = False,
              name: str = "Caption") -> Label:
        """A short text box as tall as its measured lines, at the minimum body size."""
        p = typeset.label_para(text, self.min_size, bold)
        lines = measure.para_lines(self.family, p, box.inner_width_pt)
        height = round(len(lines) * p.line_spacing * EMU_PER_PT) + 2 * INSET_Y + EMU_PER_PT
        return Label(Box(box.x, box.y, box.w, height), text, self.min_size, tone, align, bold, name)

    def summary(self, title: str = "", kind: str = "summary") -> list[SlidePlan]:
        title = title or self.labels.slide("summary")
        messages = self.article.key_messages
        groups = [(it.point(t),) for t in messages]
        panel = self.box(TITLE_AND_CONTENT)
        pad = inches(0.2)
        text_box = Box(panel.x + pad, panel.y + pad, panel.w - 2 * pad, panel.h - 2 * pad)
        slides = self.paged(kind, TITLE_AND_CONTENT, title, groups, self.article.loc,
                            tuple(t.plain for t in messages), box=text_box, panel_box=panel, panel_tone="primary")
        return [self.hug_panel(s, pad) for s in slides]

    def hug_panel(self, slide: SlidePlan, pad: int) -> SlidePlan:
        """Shorten the panel to its text; the text box keeps its full height, so nothing can spill."""
        body, panel = slide.body_box, slide.panel_box
        assert body is not None and panel is not None  # a summary slide: paged() with its text box and panel
        fitter = fit.Fitter(self.family, body, slide.body_size, self.min_size)
        text_h = round(fitter.height(slide.items, slide.body_size) * EMU_PER_PT) + 2 * INSET_Y
        return slide._replace(panel_box=panel._replace(h=min(panel.h, text_h + 2 * pad)))

    def closing(self, timed: bool = False) -> list[SlidePlan]:
        meta, clinic = self.article.meta, self.article.clinic
        body = self.box(TITLE_AND_CONTENT)
        pictures: tuple[Picture, ...] = ()
        labels: tuple[Label, ...] = ()
        if meta.online_url:
            column = inches(3.0)
            side = min(inches(2.4), body.h - inches(1.2))
            label = self.label(self.labels.slide("qr_caption"), Box(body.right - column, 0, column, 0))
            qr = Box(body.right - column + (column - side) // 2, body.y + inches(0.1), side, side)
            label = label._replace(box=label.box._replace(y=qr.bottom + inches(0.1)))
            pictures = (Picture(qr, self.labels.word("qr_alt_url", url=meta.online_url), qr_data=meta.online_url,
                                name="QR code"),)
            labels = (label,)
            body = body.shrink_right(column + inches(0.3))
        if clinic.logo:  # the clinic's logo closes the talk as it opened it, clear of the QR code and its caption
            logo = self.logo_box()
            if not labels or labels[0].box.bottom + inches(0.15) <= logo.y:
                pictures += (Picture(logo, self.labels.word("logo_alt", clinic=clinic.name.plain), picture=clinic.logo,
                                     name="Clinic logo"),)
                if logo.y < body.bottom and body.right > logo.x - inches(0.3):
                    body = body.shrink_right(body.right - (logo.x - inches(0.3)))
        words = self.labels
        notes = [clinic.name.plain, *it.contact_lines(clinic, words)]
        if meta.online_url:
            notes.append(words.note("online", url=meta.online_url))
        if not timed:  # a timed talk keeps these in its appendix: they are not read out
            notes += [meta.disclaimer.plain] if meta.disclaimer else []
            notes += self.reference_lines()
        groups = [(item,) for item in it.contact_items(clinic, words)]
        return self.paged("closing", TITLE_AND_CONTENT, words.slide("closing"), groups, clinic.loc, tuple(notes),
                          box=body, pictures=pictures, labels=labels)
