"""How body paragraphs are set: sizes, line pitch, indents and spacing, from an item and a size.

Both the planner (to measure) and the renderer (to write the XML) read these numbers, so the
text is drawn exactly as it was measured. Line pitch is written as an exact value in points.
"""

from __future__ import annotations

from handouts.render.deck.geometry import EMU_PER_INCH, EMU_PER_PT
from handouts.render.deck.measure import Para
from handouts.render.deck.slide import NUMBER, PLAIN, Item

BODY_PITCH = 1.2  # line pitch as a multiple of the size
TITLE_PITCH = 1.15
SUB_STEP = 4  # a sub-line is this many points smaller than its point, never below the minimum

# Where the text of a paragraph starts (the marker hangs to its left), in points.
_BULLET_INDENT = 0.42 * EMU_PER_INCH / EMU_PER_PT
_NUMBER_INDENT = 0.55 * EMU_PER_INCH / EMU_PER_PT


def item_size(item: Item, size: float, min_size: float) -> float:
    return size if item.level == 0 else max(min_size, size - SUB_STEP)


def indent(item: Item) -> float:
    """Left margin of the item's text in points; a marker hangs in the space before it."""
    own = 0.0 if item.marker == PLAIN else (_NUMBER_INDENT if item.marker == NUMBER else _BULLET_INDENT)
    if item.level == 0:
        return own
    return _BULLET_INDENT + own  # a sub-line lines up with its point's text


def hang(item: Item) -> float:
    """How far the marker sits left of the text (0 when there is no marker)."""
    if item.marker == PLAIN:
        return 0.0
    return _NUMBER_INDENT if item.marker == NUMBER else _BULLET_INDENT


def space_before(item: Item, size: float) -> float:
    return round(size * (0.6 if item.level == 0 else 0.15), 1)


def pitch(size: float) -> float:
    return round(size * BODY_PITCH, 1)


def title_pitch(size: float) -> float:
    return round(size * TITLE_PITCH, 1)


def para(item: Item, size: float, min_size: float) -> Para:
    s = item_size(item, size, min_size)
    return Para(runs=item.styled_runs(), size=s, line_spacing=pitch(s), indent=indent(item),
                space_before=space_before(item, s))


def title_para(text: str, size: float) -> Para:
    return Para(runs=((text, True, False),), size=size, line_spacing=title_pitch(size))


def label_para(text: str, size: float, bold: bool = False) -> Para:
    return Para(runs=((text, bold, False),), size=size, line_spacing=pitch(size))
