"""How long a talk takes: each slide's speaker notes read at the theme's speaking rate, plus a
pause per slide. Pure arithmetic on the slide plans; `check`, `--minutes` and the speaker script
share it."""

from __future__ import annotations

from handouts.render.deck.slide import SlidePlan
from handouts.scripts import WORD


def rate(theme) -> tuple[float, float]:
    """The speaking rate (words a minute) and the pause per slide (seconds), from the theme."""
    return theme.slides.words_per_minute, theme.slides.pause_seconds


def words(slide: SlidePlan) -> int:
    """The words a presenter says: the notes, or the slide's own text when it has no notes."""
    text = " ".join(slide.notes) if slide.notes else " ".join([slide.title, *(i.plain for i in slide.items)])
    return len(WORD.findall(text))  # a Hindi or Arabic word with its marks is one word


def seconds(slide: SlidePlan, theme) -> float:
    wpm, pause = rate(theme)
    return words(slide) / wpm * 60 + pause


def total_minutes(slides: list[SlidePlan], theme) -> float:
    """The talk's length: the slides shown (the hidden appendix is not said)."""
    return sum(seconds(s, theme) for s in slides if not s.hidden) / 60
