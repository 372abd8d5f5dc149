"""Choosing what a talk of N minutes shows: pure arithmetic on planned slides, no measuring.

The talk keeps, in this order of need: the opening (title and main points), every get-help
slide, every part that teaches steps (the how-to), the closing; then the other parts in the
leaflet's order while they fit. What is not shown goes, whole, to the hidden appendix, so
nothing is lost and nothing is timed that will not be said.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from handouts import model as m
from handouts.render.deck.slide import SlidePlan

SHORT_TALK = 10  # minutes: a talk shorter than this does not repeat the main points at its end


class Part(NamedTuple):
    """A top-level section's slides, and whether it must be kept (it teaches steps)."""

    number: int  # 1-based, in the leaflet's order
    section: m.Section
    slides: list[SlidePlan]


class Choice(NamedTuple):
    shown: list[Part]  # the parts (or what of them is kept) shown in the talk, in the leaflet's order
    appendix: list[Part]  # the parts left for questions afterwards, in the leaflet's order
    shortest: float  # seconds: the length of the talk with only what must be kept


def holds_steps(section: m.Section) -> bool:
    """A how-to part: it, or one of its sub-sections, has a list of steps."""
    return any(isinstance(b, m.Steps) for s in (section, *section.sections) for b in s.blocks)


def choose(parts: Sequence[Part], fixed: float, seconds: Callable[[list[Part]], float], budget: float) -> Choice:
    """Keep the get-help slides and the how-to parts, then add the other parts in the leaflet's
    order while the talk stays within `budget` seconds. `fixed` is the opening and closing;
    `seconds(parts)` the length of the talk showing those parts (with the agenda they need)."""
    must = [p if holds_steps(p.section) else p._replace(slides=[s for s in p.slides if s.kind == "get_help"])
            for p in parts]
    kept = {p.number: p for p in must if p.slides}
    shortest = fixed + seconds(list(kept.values()))
    for part in parts:
        if part.number in kept and kept[part.number] is part:
            continue
        trial = {**kept, part.number: part}
        if fixed + seconds(sorted(trial.values(), key=lambda p: p.number)) <= budget:
            kept = trial
    shown = sorted(kept.values(), key=lambda p: p.number)
    appendix = []
    for part in parts:
        shown_here = {id(s) for s in kept[part.number].slides} if part.number in kept else set()
        left = [s for s in part.slides if id(s) not in shown_here]
        if left:
            appendix.append(part._replace(slides=left))
    return Choice(shown, appendix, shortest)


def shortest_minutes(seconds: float) -> int:
    return max(1, math.ceil(seconds / 60))
