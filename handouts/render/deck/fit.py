"""Measured fitting: spread body items over as many slides as they need, and size titles.

Items come in groups that stay together (a question with its answer). A slide takes whole
groups while they fit its box at the body size. A group too big for a slide of its own is first
set smaller (down to the minimum size), and only then split: into its items, then between
sentences, and, for a single sentence longer than a whole slide, between words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import NamedTuple

from handouts.model.inline import Run
from handouts.render.deck import measure, typeset
from handouts.render.deck.geometry import Box
from handouts.render.deck.slide import PLAIN, Item

MAX_POINTS = 6  # one idea per slide: about six points at most
SIZE_STEP = 1.0
TITLE_MAX_LINES = 2

Group = tuple[Item, ...]

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]\u201d\u2019]*\s+")


class Page(NamedTuple):
    items: tuple[Item, ...]
    size: float


class Fitter(NamedTuple):
    family: str
    box: Box
    size: float
    min_size: float
    max_points: int = MAX_POINTS

    def height(self, items: Sequence[Item], size: float) -> float:
        paras = [typeset.para(item, size, self.min_size) for item in items]
        return measure.height(self.family, paras, self.box.inner_width_pt)

    def fits(self, items: Sequence[Item], size: float) -> bool:
        # a plain line (a sub-section's title, a callout's heading) leads points; it is not one
        points = sum(1 for item in items if item.level == 0 and item.show_marker and item.marker != PLAIN)
        if points > self.max_points and len(items) > 1:
            return False
        return self.height(items, size) <= self.box.inner_height_pt

    def paginate(self, groups: Sequence[Group]) -> list[Page]:
        whole = self.one_page(groups)
        if whole is not None:
            return [whole]
        pages = self._greedy(groups)
        return self._balance(groups, pages) or self._no_orphan(groups, pages)

    def one_page(self, groups: Sequence[Group]) -> Page | None:
        """A short list stays together: set a little smaller (never below the minimum) rather than
        split six points over two slides."""
        items = [item for group in groups for item in group]
        for size in _sizes(self.size, self.min_size):
            if self.fits(items, size):
                return Page(tuple(items), size)
        return None

    def _greedy(self, groups: Sequence[Group]) -> list[Page]:
        pages: list[Page] = []
        current: list[Item] = []
        for group in groups:
            if self.fits([*current, *group], self.size):
                current += group
                continue
            if current:
                pages.append(Page(tuple(current), self.size))
                current = []
            if self.fits(group, self.size):
                current = list(group)
                continue
            pages += self._too_big(group)
        if current or not pages:
            pages.append(Page(tuple(current), self.size))
        return pages

    def _too_big(self, group: Group) -> list[Page]:
        """A group that does not fit a slide of its own at the body size."""
        size = self.size - SIZE_STEP
        while size >= self.min_size:
            if self.fits(group, size):
                return [Page(group, size)]
            size -= SIZE_STEP
        return self._greedy(self._split(group))

    def _split(self, group: Group) -> list[Group]:
        if len(group) > 1:
            return [(item,) for item in group]
        item = group[0]
        parts = split_sentences(item)
        if len(parts) > 1:
            return [(p,) for p in parts]
        return [(p,) for p in self._split_words(item)]

    def _split_words(self, item: Item) -> list[Item]:
        """Last resort for one sentence taller than a slide: cut between lines as measured."""
        p = typeset.para(item, self.min_size, self.min_size)
        starts = measure.line_starts(self.family, p.runs, p.size, self.box.inner_width_pt - p.indent)
        per_slide = max(1, int(self.box.inner_height_pt // p.line_spacing))
        cuts = [(starts[i], starts[i]) for i in range(per_slide, len(starts), per_slide)]
        if not cuts:
            raise ValueError("an item that fits at the minimum size was asked to be split")
        return _split_at(item, cuts)

    def _no_orphan(self, groups: Sequence[Group], pages: list[Page]) -> list[Page]:
        """A point left alone on a slide takes the point before it along, when both fit there (a
        question keeps its answer: only main points move)."""
        pages = list(pages)
        for k in range(1, len(pages)):
            before, alone = pages[k - 1], pages[k]
            if len(alone.items) != 1 or len(before.items) < 3:
                continue
            last = before.items[-1]
            if alone.items[0].level or last.level or not (alone.items[0].show_marker and last.show_marker):
                continue
            moved = (last, *alone.items)
            if self.fits(moved, alone.size):
                pages[k - 1], pages[k] = before._replace(items=before.items[:-1]), alone._replace(items=moved)
        return pages

    def _balance(self, groups: Sequence[Group], pages: list[Page]) -> list[Page] | None:
        """Even out slides that hold whole groups at the body size (7 points: 4 + 3, not 6 + 1)."""
        if len(pages) < 2 or any(p.size != self.size for p in pages):
            return None
        if sum(len(p.items) for p in pages) != sum(len(g) for g in groups):
            return None  # something was split; keep the measured cut
        n = len(pages)
        per = math.ceil(len(groups) / n)
        while per <= len(groups):
            chunks = [groups[i:i + per] for i in range(0, len(groups), per)]
            flat = [tuple(item for g in chunk for item in g) for chunk in chunks]
            if len(chunks) == n and all(self.fits(items, self.size) for items in flat):
                return [Page(items, self.size) for items in flat]
            if len(chunks) < n:
                return None
            per += 1
        return None


def _slice_runs(runs: Sequence[Run], start: int, end: int) -> tuple[Run, ...]:
    out, pos = [], 0
    for run in runs:
        a, b = max(start, pos), min(end, pos + len(run.text))
        if a < b:
            out.append(Run(run.text[a - pos:b - pos], run.bold, run.italic))
        pos += len(run.text)
    return tuple(out)


def _strip(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Drop the spaces a cut leaves at either end of a part."""
    kept = list(runs)
    while kept and not kept[0].text.lstrip():
        kept.pop(0)
    while kept and not kept[-1].text.rstrip():
        kept.pop()
    if kept:
        kept[0] = kept[0]._replace(text=kept[0].text.lstrip())
        kept[-1] = kept[-1]._replace(text=kept[-1].text.rstrip())
    return tuple(kept)


def _split_at(item: Item, cuts: list[tuple[int, int]]) -> list[Item]:
    """Cut an item at (end of part, start of next part) offsets; later parts show no marker."""
    bounds, start = [], 0
    for end, next_start in cuts:
        bounds.append((start, end))
        start = next_start
    bounds.append((start, len(item.plain)))
    parts = []
    for i, (a, b) in enumerate(bounds):
        runs = _strip(_slice_runs(item.runs, a, b))
        parts.append(item._replace(runs=runs) if i == 0 else item._replace(runs=runs, show_marker=False))
    return parts


def _sizes(start: float, low: float) -> list[float]:
    sizes, size = [], start
    while size >= low:
        sizes.append(size)
        size -= SIZE_STEP
    return sizes


def split_sentences(item: Item) -> list[Item]:
    cuts = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(item.plain) if m.end() < len(item.plain)]
    return _split_at(item, cuts)


def title_size(family: str, text: str, box: Box, size: float, min_size: float) -> float | None:
    """The largest size (from `size` down) at which the title fits in two lines; None if none."""
    while size >= min_size:
        p = typeset.title_para(text, size)
        lines = measure.para_lines(family, p, box.inner_width_pt)
        if len(lines) <= TITLE_MAX_LINES and len(lines) * p.line_spacing <= box.inner_height_pt:
            return size
        size -= 2
    return None
