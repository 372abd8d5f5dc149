"""Keep-together rules for flowing layouts (leaflet, large print, booklet pages):

- a heading (or a question, or a paragraph that ends with ":" before a list) is never the last thing
  in a column: at least two lines of what it heads follow it there (LeadIn);
- a list keeps at least its first two items with what leads into it, and splits only between items
  (or inside a long item);
- a list that splits repeats its heading above the rest, worded as continued (ItemList).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer
from reportlab.platypus.doctemplate import ActionFlowable

from handouts.render.pdf import reportlab_parts as rl
from handouts.render.pdf.flowables import Heading, Para, artifact

MIN_LINES = 2  # lines of what a heading heads that stay with it
MIN_ITEMS = 2  # items of a list that stay with what leads into it
LEAST_SCALE = 0.6  # a picture may be set this much smaller to stay below the text, rather than leave a gap
LEAST_FILL = 0.7  # a column this full before a box or steps that fit a column move on whole (no thin pages)


def _gap(upper, lower) -> float:
    """The space between two flowables stacked in a frame (ReportLab keeps the larger of the two)."""
    return max(upper.getSpaceAfter(), lower.getSpaceBefore())


def _line(flowable) -> float:
    """One line of a flowable's text: its style's leading (a list's first item's)."""
    if isinstance(flowable, ItemList):
        flowable = flowable.items[0] if flowable.items else flowable
    if isinstance(flowable, LeadIn):
        return _line(flowable.head)
    return getattr(getattr(flowable, "style", None), "leading", 0.0)


class ItemList(Flowable):
    """A list, one paragraph per item. It splits between items or inside a long one, never leaving
    fewer than MIN_ITEMS at the foot of a column (unless at a column's top, where nothing better
    can be done); what goes on to the next column starts with `continued`, the list's heading
    worded as continued, drawn as page furniture (an artifact) so the structure tree holds each
    heading once. A list no taller than `keep_within` (steps, kept whole) moves on in one piece."""

    def __init__(self, items: list, continued=None, keep_within: float = 0.0, head=None, least_fill: float = 0.0):
        super().__init__()
        self.items, self.continued, self.keep_within = list(items), continued, keep_within
        self.least_fill = least_fill  # moving on whole must leave the column at least this full
        self.head = head  # the continued heading this part starts with, if it is a later part
        self._heights: list[float] = []

    def _parts(self) -> list:
        return ([self.head] if self.head is not None else []) + self.items

    def getSpaceBefore(self):
        content = self._parts()
        return content[0].getSpaceBefore() if content else 0

    def getSpaceAfter(self):
        return self.items[-1].getSpaceAfter() if self.items else 0

    def wrap(self, avail_width, avail_height):
        content = self._parts()
        self._heights = [f.wrapOn(self.canv, avail_width, avail_height)[1] for f in content]
        gaps = sum(_gap(a, b) for a, b in zip(content, content[1:]))
        self.width, self.height = avail_width, sum(self._heights) + gaps
        return self.width, self.height

    def split(self, avail_width, avail_height):
        at_top = rl.at_top(self)
        if self.keep_within and not at_top and self.wrap(avail_width, avail_height)[1] <= self.keep_within \
                and rl.column_fill(self, avail_height) >= self.least_fill:
            return self._moved()  # fits a column of its own, and moving leaves no thin page: moves on whole
        used = 0.0
        if self.head is not None:
            used = self.head.wrapOn(self.canv, avail_width, avail_height)[1] + _gap(self.head, self.items[0])
        whole: list = []
        first, rest = None, self.items
        for i, item in enumerate(self.items):
            h = item.wrapOn(self.canv, avail_width, avail_height)[1]
            if used + h <= avail_height + 1e-6:
                whole.append(item)
                used += h + (_gap(item, self.items[i + 1]) if i + 1 < len(self.items) else 0)
                continue
            parts = item.splitOn(self.canv, avail_width, avail_height - used) if avail_height > used else []
            if parts and not isinstance(parts[0], ActionFlowable) and len(parts) > 1:
                first, rest = parts[0], [*parts[1:], *self.items[i + 1:]]
            else:
                rest = self.items[i:]
            break
        else:
            return [self]
        kept = whole + ([first] if first is not None else [])
        if not kept or (len(whole) < min(MIN_ITEMS, len(self.items)) and not at_top):
            return self._moved()  # too few items would stay: the list moves on whole
        return [ItemList(kept, None, head=self.head),
                ItemList(rest, self.continued, head=self.continued, least_fill=self.least_fill)]

    def _moved(self) -> list:
        """The list moving on whole to the next column: under its continued heading, since its
        own heading stays behind (a list right under its heading moves with it: see LeadIn)."""
        if self.continued is None or self.head is not None:
            return []
        return [ItemList([]), ItemList(self.items, self.continued, self.keep_within, self.continued, self.least_fill)]

    @property
    def empty(self) -> bool:
        return not self.items

    def draw(self):
        _stack(self.canv, self._parts(), self._heights, self.height, furniture=self.head)


class LeadIn(Flowable):
    """A heading (or a question, or a paragraph that leads into a list) and what follows it. A column
    never breaks between them: the heading keeps at least MIN_LINES lines of what it heads (a list:
    MIN_ITEMS items) in its column, taking a second body when the first is a one-line paragraph; the
    rest may still split on, so a column is not left half empty for a long paragraph. Nested lead-ins
    (a section heading, then a sub-heading) work the same way."""

    def __init__(self, head, bodies: list):
        super().__init__()
        self.head, self.bodies = head, list(bodies)
        self.outline = getattr(head, "outline", None)

    @property
    def body(self):
        return self.bodies[0]

    @property
    def outlines(self) -> list:
        inner: list = []
        for b in self.bodies:
            inner += b.outlines if isinstance(b, LeadIn) else [getattr(b, "outline", None)]
        return [o for o in (self.outline, *inner) if o]

    def getSpaceBefore(self):
        return self.head.getSpaceBefore()

    def getSpaceAfter(self):
        return self.bodies[-1].getSpaceAfter()

    def wrap(self, avail_width, avail_height):
        content = [self.head, *self.bodies]
        self._heights = [f.wrapOn(self.canv, avail_width, avail_height)[1] for f in content]
        gaps = sum(_gap(a, b) for a, b in zip(content, content[1:]))
        self.width, self.height = avail_width, sum(self._heights) + gaps
        return self.width, self.height

    def split(self, avail_width, avail_height):
        at_top = rl.at_top(self)
        used = self.head.wrapOn(self.canv, avail_width, avail_height)[1] + _gap(self.head, self.bodies[0])
        need = MIN_LINES * _line(self.bodies[0]) - 1e-6  # what of the body must stay with the heading
        kept: list = []
        rest = list(self.bodies)
        body_h = 0.0
        while rest and used < avail_height:
            b = rest[0]
            h = b.wrapOn(self.canv, avail_width, avail_height - used)[1]
            if used + h <= avail_height + 1e-6:
                kept.append(rest.pop(0))
                body_h += h
                if body_h >= need:
                    break
                if rest:
                    used += h + _gap(b, rest[0])
                continue
            parts = _split_inside(self, b, avail_width, avail_height - used)
            if parts and not isinstance(parts[0], ActionFlowable) and (len(parts) > 1 or parts[0] is not b) \
                    and not getattr(parts[0], "empty", False):
                kept.append(parts[0])
                rest[0:1] = parts[1:]
                body_h += parts[0].wrapOn(self.canv, avail_width, avail_height - used)[1]
            break
        if kept and (body_h >= need or not isinstance(kept[-1], Para) or not rest):
            return [LeadIn(self.head, kept), *rest]
        if at_top:  # a whole column would not help: let the heading and the rest split on their own
            return [*(self.head.splitOn(self.canv, avail_width, avail_height) or [self.head]), *self.bodies]
        return []  # not enough of what it heads fits: the heading goes on with it

    def draw(self):
        _stack(self.canv, [self.head, *self.bodies], self._heights, self.height)


def _split_inside(outer, inner, avail_width: float, avail_height: float) -> list:
    """A flowable inside one of ours split, knowing the frame (and so how full the column is)."""
    frame = getattr(outer, "_frame", None)
    if frame is not None:
        inner._frame = frame
    try:
        return inner.splitOn(outer.canv, avail_width, avail_height)
    finally:
        if frame is not None:
            inner.__dict__.pop("_frame", None)


def _stack(canvas, content: list, heights: list[float], height: float, furniture=None) -> None:
    """Flowables drawn one under another from the top, as a frame would stack them; `furniture`
    (a repeated heading) as an artifact."""
    top = height
    for i, (f, h) in enumerate(zip(content, heights)):
        top -= h
        if f is furniture and f is not None:
            with artifact(canvas, "Layout"):
                f.drawOn(canvas, 0, top)
        else:
            f.drawOn(canvas, 0, top)
        if i + 1 < len(content):
            top -= _gap(f, content[i + 1])


class Float(Flowable):
    """A picture and the text after it, up to the next heading. When the picture does not fit below
    the text and moving it would leave a thin page, it is set smaller (down to LEAST_SCALE) to fit,
    or else the text after it fills the column first and the picture goes on to the top of the next
    one (as printed books do); otherwise they are laid one after another."""

    def __init__(self, picture, following: list, column_height: float):
        super().__init__()
        self.picture, self.following, self.column_height = picture, list(following), column_height

    def getSpaceBefore(self):
        return self.picture.getSpaceBefore()

    def getSpaceAfter(self):
        return (self.following or [self.picture])[-1].getSpaceAfter()

    def wrap(self, avail_width, avail_height):
        content = [self.picture, *self.following]
        self._heights = [f.wrapOn(self.canv, avail_width, avail_height)[1] for f in content]
        gaps = sum(_gap(a, b) for a, b in zip(content, content[1:]))
        self.width, self.height = avail_width, sum(self._heights) + gaps
        return self.width, self.height

    def split(self, avail_width, avail_height):
        picture_h = self.picture.wrapOn(self.canv, avail_width, avail_height)[1]
        if picture_h <= avail_height or rl.at_top(self) or rl.column_fill(self, avail_height) >= LEAST_FILL:
            return self._in_order(avail_width, avail_height)  # laid in order (the picture moves on if it must)
        image = getattr(self.picture, "image", None)
        if image is not None:  # a little smaller, it fits below the text
            scale = (avail_height - (picture_h - image.drawHeight)) / image.drawHeight * 0.98
            if scale >= LEAST_SCALE:
                image.drawWidth, image.drawHeight = image.drawWidth * scale, image.drawHeight * scale
                return [self.picture, *self.following]
        used, fitted, rest = 0.0, [], list(self.following)
        while rest:
            f = rest[0]
            h = f.wrapOn(self.canv, avail_width, avail_height - used)[1]
            if used + h <= avail_height:
                fitted.append(rest.pop(0))
                used += h + (_gap(f, rest[0]) if rest else 0)
                continue
            parts = _split_inside(self, f, avail_width, avail_height - used)
            if parts and not isinstance(parts[0], ActionFlowable) and len(parts) > 1 \
                    and not getattr(parts[0], "empty", False):
                fitted.append(parts[0])
                rest[0:1] = parts[1:]
            break
        return [*fitted, self.picture, *rest] if fitted else self._in_order(avail_width, avail_height)

    def _in_order(self, avail_width, avail_height) -> list:
        return [*(self.picture.splitOn(self.canv, avail_width, avail_height) or [self.picture]), *self.following]

    def draw(self):
        _stack(self.canv, [self.picture, *self.following], self._heights, self.height)


def floats(flowables: list, column_height: float) -> list:
    """Each picture (flowable marked `floats`) joined to the text after it, up to the next heading."""
    out: list = []
    i = 0
    while i < len(flowables):
        f = flowables[i]
        if getattr(f, "floats", False) and column_height:
            j = i + 1
            while j < len(flowables) and not isinstance(flowables[j], (LeadIn, Heading, Spacer)) \
                    and not getattr(flowables[j], "floats", False) and not getattr(flowables[j], "lead_in", False):
                j += 1
            out.append(Float(f, flowables[i + 1:j], column_height))
            i = j
            continue
        out.append(f)
        i += 1
    return out


def _leads_into_list(f, following) -> bool:
    """A paragraph that ends with ":" just before a list: it introduces the list."""
    if not isinstance(following, ItemList) or type(f) is not Para:
        return False
    return f.getPlainText().rstrip().endswith((":", "\uff1a"))


def _may_be_short(f) -> bool:
    """A paragraph, which may be one line: a heading over it alone could keep fewer than MIN_LINES
    lines, so the lead-in also holds what comes next (it keeps only what it needs: see split)."""
    return type(f) is Para


def lead_ins(flowables: list) -> list:
    """Each heading, question or list lead-in joined to what follows it, from the end, so a section
    heading joins its sub-heading's group. A heading over a short paragraph also takes the next
    flowable, so two lines of what it heads can stay with it."""
    out: list = []
    for f in reversed(flowables):
        heads = isinstance(f, Heading) or getattr(f, "lead_in", False)
        if out and not isinstance(out[-1], Spacer) and (heads or _leads_into_list(f, out[-1])):
            bodies = [out.pop()]
            if heads and _may_be_short(bodies[0]) and out and not isinstance(out[-1], Spacer) \
                    and not getattr(out[-1], "floats", False):  # a picture may move on past the text after it
                bodies.append(out.pop())
            out.append(LeadIn(f, bodies))
        else:
            out.append(f)
    return out[::-1]
