"""Fixed panels (the tri-fold, the summary card): each panel's elements are laid into its slots in
reading order, then drawn page by page. Text is never shrunk and never cut: what does not fit is a
located error that says by how many lines it is over and what to shorten."""

from __future__ import annotations

import io
import math
from typing import NamedTuple

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepTogether
from reportlab.platypus.doctemplate import ActionFlowable

from handouts.errors import ContentError, Problem
from handouts.render.handout.elements import Keep, PanelPlan
from handouts.render.pdf import reportlab_parts as rl
from handouts.render.pdf.flow import split_tags
from handouts.render.pdf.marks import overdue_strip
from handouts.render.pdf.story import StoryBuilder
from handouts.render.pdf.styles import PdfStyles
from handouts.render.pdf.tags import TaggedCanvas, Tagger, Tags
from handouts.render.pdf.tags import write as write_tags


class Slot(NamedTuple):
    """A rectangle of a page that text is laid into (x, y: its lower left corner, in points)."""

    page: int
    x: float
    y: float
    width: float
    height: float
    bleed: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # how far a cover's colour runs out


def mirrored(slots: dict[str, Slot], page_width: float) -> dict[str, Slot]:
    """The panels of a right-to-left sheet: each one's place mirrored, so it opens the other way."""
    return {name: s._replace(x=page_width - s.x - s.width, bleed=(s.bleed[1], s.bleed[0], *s.bleed[2:]))
            for name, s in slots.items()}


class _Recording(Frame):
    """A frame that remembers what it placed, so the same flowables can be drawn again for real."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.placed: list = []

    def add(self, flowable, canv, trySplit=0):
        done = super().add(flowable, canv, trySplit)
        if done:
            self.placed.append(flowable)
        return done


def _frame(slot: Slot, cls=Frame) -> Frame:
    return cls(slot.x, slot.y, slot.width, slot.height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


def fill(frame: Frame, todo: list, canvas, full: float = 0.0) -> None:
    """Place flowables from the front of `todo` until the frame is full. One that reaches the bottom
    moves to the next panel whole; only one taller than a whole panel is split (a panel is a page
    of its own once folded, so a paragraph should not run over the fold)."""
    while todo:
        if isinstance(todo[0], KeepTogether):  # what it holds goes in one piece, here or in the next panel
            kept = todo[0]
            if height(kept, canvas, rl.frame_width(frame), rl.frame_height(frame)) <= rl.frame_room(frame):
                todo[0:1] = rl.kept(kept)
                continue
        elif frame.add(todo[0], canvas, trySplit=1):
            todo.pop(0)
            continue
        whole = full or rl.frame_height(frame)  # a panel's whole height, even while balancing makes it shorter
        if height(todo[0], canvas, rl.frame_width(frame), whole) <= whole:
            return
        if isinstance(todo[0], KeepTogether):  # too tall to keep together: its parts go on one by one
            todo[0:1] = rl.kept(todo[0])
            continue
        parts = frame.split(todo[0], canvas)
        if parts and isinstance(parts[0], ActionFlowable):  # "start it in the next frame"
            todo[0:1] = [p for p in parts if not isinstance(p, ActionFlowable)]
            return
        if not parts or (len(parts) == 1 and parts[0] is todo[0]):
            return
        todo[0:1] = parts
        if not frame.add(todo[0], canvas, trySplit=1):
            return
        todo.pop(0)


PanelTags = dict[str, tuple[Tags, ...]]  # a panel's name -> its elements' structure nodes, in order


def panel_tags(plan: PanelPlan, tagger: Tagger | None) -> PanelTags | None:
    """Each panel's share of the tags of the plan's elements, given to tagger_for panel after panel."""
    if tagger is None:
        return None
    return {p.name: t for p, t in zip(plan.panels, split_tags(tagger, [p.elements for p in plan.panels]))}


class Overflow(NamedTuple):
    panel: str
    lines: int
    sources: list  # (loc, lines the element takes)


def _pour(panel, st: PdfStyles, slots: dict[str, Slot], number: int, scratch, tags: PanelTags | None = None,
          carried=(), full: float = 0.0):
    """Lay one panel's elements (after what the panel before it `carried` over) into its slots:
    (slot name -> flowables placed, what is left). `full` is the slots' whole height: a box that fits
    it moves whole, however short the slots are made to balance them."""
    first = slots[panel.slots[0]]
    builder = StoryBuilder(st, first.width, first.bleed, column_height=full or first.height,
                           fill_band=panel.slots == ("cover",), keys=f"{panel.slots[0]}-", panels=True)
    todo = list(carried) + builder.story(panel.elements, tags[panel.name] if tags else ())
    placed = {}
    for name in panel.slots:
        frame = _frame(slots[name], _Recording)
        fill(frame, todo, scratch, full)
        placed[name] = frame.placed
    return placed, todo


def _sizes(panel, st: PdfStyles, slot: Slot, scratch) -> list:
    """(loc, height) of each part of a panel, to say what takes the room."""
    sizes = []
    for element in panel.elements:
        for part in element.children if isinstance(element, Keep) else (element,):  # a kept group: each part
            if part.__class__.__name__ not in ("Band", "Heading") and (loc := getattr(part, "loc", None)):
                made = StoryBuilder(st, slot.width, slot.bleed).flowables(part)
                sizes.append((loc, sum(height(f, scratch, slot.width, slot.height) for f in made)))
    return sizes


def height(flowable, canvas, width: float, room: float) -> float:
    """The height a flowable takes at a width. A KeepTogether says 'very tall' to force its own
    split, so its content is measured instead."""
    content = getattr(flowable, "_content", None)
    if content is not None:  # the space after each part but the last also takes room in a frame
        return sum(height(f, canvas, width, room) + f.getSpaceBefore() for f in content) + \
            sum(f.getSpaceAfter() for f in content[:-1])
    return flowable.wrapOn(canvas, width, room)[1]


def _shorter(slots: dict[str, Slot], names, height: float) -> dict[str, Slot]:
    """The slots cut to `height`, keeping their tops where they were."""
    out = dict(slots)
    for name in names:
        s = slots[name]
        out[name] = s._replace(y=s.y + s.height - height, height=height)
    return out


class Layout(NamedTuple):
    placed: dict  # slot name -> flowables
    overflows: list  # Overflow, panel by panel
    spilled: bool  # a panel's text ran on into the next one


def lay_out(plan: PanelPlan, st: PdfStyles, slots: dict[str, Slot], balance: bool = True,
            tags: PanelTags | None = None) -> Layout:
    """Which flowables go in which slot, in reading order; and what did not fit, panel by panel.
    With `balance`, text flowing over several slots ends at the same height in each. Tagged, `tags`
    holds each panel's elements' structure nodes."""
    scratch = Canvas(io.BytesIO())
    placed: dict[str, list] = {}
    overflows: list[Overflow] = []
    carried: list = []
    spilled = None  # the panel whose leftovers were carried into this one
    any_spill = False
    for number, panel in enumerate(plan.panels, start=1):
        first = slots[panel.slots[0]]
        done, todo = _pour(panel, st, slots, number, scratch, tags, carried)
        carried_in, carried = carried, []
        if todo and panel.spill:
            carried, todo, spilled, any_spill = todo, [], panel, True
            placed.update(done)
            continue
        if todo:
            left = sum(height(f, scratch, first.width, first.height) + f.getSpaceBefore() for f in todo)
            line = st["body"].leading
            parts = _sizes(panel, st, first, scratch) + (_sizes(spilled, st, first, scratch) if carried_in else [])
            overflows.append(Overflow(panel.name, max(1, math.ceil(left / line)),
                                      [(loc, max(1, round(h / line))) for loc, h in parts]))
        elif balance and len(panel.slots) > 1:
            low, high = first.height * 0.2, first.height
            while high - low > 4:
                middle = (low + high) / 2
                trial = _pour(panel, st, _shorter(slots, panel.slots, middle), number, scratch, tags, carried_in,
                              first.height)
                if trial[1]:
                    low = middle
                else:
                    high, done = middle, trial[0]
            slots.update(_shorter(slots, panel.slots, high))
        placed.update(done)
    return Layout(placed, overflows, any_spill)


def overflow_error(layout: str, overflows: list[Overflow], size: float,
                   hint: str = "shorten it, or hand out the full leaflet instead") -> ContentError:
    """One message per overflow, at its biggest part; the next biggest follow as places to shorten."""
    problems = []
    for over in overflows:
        biggest = sorted(over.sources, key=lambda s: -s[1])[:5]
        for i, (loc, lines) in enumerate(biggest):
            message = (f"the text does not fit the {layout}'s {over.panel} at {size:g} pt: {over.lines} line(s) too "
                       f"many; this part takes {lines} line(s)" if i == 0 else
                       f"also long, to make room on the {layout}'s {over.panel}: {lines} line(s)")
            problems.append(Problem(loc, message, "", hint))
    return ContentError(problems)


def draw(plan: PanelPlan, st: PdfStyles, page_size: tuple[float, float], slots: dict[str, Slot],
         placed: dict[str, list], decorate=None, tagger: Tagger | None = None) -> bytes:
    """Draw every slot on its page, then add the bookmarks in reading order (and, tagged, the tree)."""
    out = io.BytesIO()
    info = plan.info
    canvas = TaggedCanvas(out, pagesize=page_size, invariant=1, lang=info.language,
                          initialFontName=st.fonts["regular"])
    canvas.tagger = tagger
    canvas.shaping, canvas.rtl = st.shaping, st.rtl
    canvas.setTitle(info.title)
    canvas.setAuthor(info.author)
    canvas.setSubject(info.subject)
    canvas.setKeywords(list(info.keywords))
    canvas.setCreator("handouts")
    canvas.setProducer("handouts (ReportLab)")
    outline = []  # (title, level, key), in reading order
    order = [name for panel in plan.panels for name in panel.slots]
    pages = sorted({slot.page for slot in slots.values()})
    for page in pages:
        if decorate:
            with canvas.artifact():
                decorate(canvas, page)
        for name in order:
            slot = slots[name]
            if slot.page != page:
                continue
            frame = _frame(slot)
            for flowable in placed.get(name, []):
                frame.add(flowable, canvas)
                outlines = getattr(flowable, "outlines", None) or [getattr(flowable, "outline", None)]
                for entry in outlines:
                    if entry:
                        canvas.bookmarkPage(entry[2])
                        outline.append((order.index(name), entry))
        if plan.footer is not None and plan.footer.overdue:
            with canvas.artifact("Pagination"):
                overdue_strip(canvas, *page_size, plan.footer.overdue, st)
        canvas.showPage()
    for _, (title, level, key) in sorted(outline, key=lambda item: item[0]):
        canvas.addOutlineEntry(title, key, level=level, closed=False)
    canvas.showOutline()
    if tagger is not None:
        write_tags(canvas, tagger, len(pages))
    canvas.save()
    return out.getvalue()
