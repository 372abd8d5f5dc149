"""Theme styles -> ReportLab ParagraphStyles, resolved once per profile."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from handouts.render.pdf.fonts import register
from handouts.theme.themes import Theme

HEADINGS = {"h1", "h2", "h3", "title", "subtitle", "band_clinic"}


class PdfStyles:
    def __init__(self, theme: Theme, profile: str, paragraph: dict[str, ParagraphStyle], scale: float,
                 floor: float, fonts: dict[str, str], shaping: bool = False, rtl: bool = False):
        self.theme, self.profile, self.paragraph = theme, profile, paragraph
        self.scale, self.floor, self.fonts, self.shaping, self.rtl = scale, floor, fonts, shaping, rtl

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.paragraph[name]

    def color(self, name: str) -> HexColor:
        return HexColor(self.theme.colors[name])

    @property
    def body_size(self) -> float:
        return self.paragraph["body"].fontSize


def sizes_to_try(theme: Theme, profile: str, layout: str) -> list[float]:
    """Body sizes from the layout's largest down to the profile's own, in half points: a layout of
    fixed panels takes the largest that fits, and is never set smaller than the profile."""
    smallest = theme.profiles[profile].body_size
    largest = max(smallest, theme.layout(layout, profile).body_size or smallest)
    sizes, size = [], largest
    while size >= smallest:
        sizes.append(size)
        size -= 0.5
    return sizes or [smallest]


def largest_fitting(sizes: list[float], fits) -> float:
    """The largest of `sizes` (largest first) for which `fits(size)`: the largest is tried first, as
    it usually fits; then the smallest; then the list is halved (fitting is monotonic in size).
    The smallest size when none fits, so its failure can be reported."""
    if fits(sizes[0]) or len(sizes) == 1 or not fits(sizes[-1]):
        return sizes[0] if len(sizes) == 1 or fits(sizes[0]) else sizes[-1]
    low, high = 1, len(sizes) - 1  # sizes[high] fits, sizes[low - 1] does not
    while low < high:
        middle = (low + high) // 2
        if fits(sizes[middle]):
            high = middle
        else:
            low = middle + 1
    return sizes[high]


def build_styles(theme: Theme, profile: str, layout: str | None = None, body_size: float = 0.0,
                 spacing: float = 1.0) -> PdfStyles:
    """The styles of a print profile. A layout may set a larger body size of its own (the card), and
    a caller may ask for one (trying sizes); neither goes below the profile's. `spacing` scales the
    space around paragraphs (never the type or the line spacing)."""
    shaping, rtl = theme.fonts.shaping, theme.fonts.rtl
    fonts = register(theme.fonts.handout, shaping)
    scale, floor = theme.profile(profile)
    body = body_size or ((theme.layout(layout, profile).body_size or 0) if layout else 0)
    if body > scale * theme.styles["body"].size:
        scale = body / theme.styles["body"].size
    line_spacing = theme.profiles[profile].leading
    smallest = max(floor, theme.profiles[profile].body_size)  # an address is never set below this (addresses.py)
    out = {}
    for name in theme.styles:
        s = theme.style(name, scale, floor)
        face = ("bold" if s.bold else "regular") if not s.italic else ("bolditalic" if s.bold else "italic")
        leading = s.leading if name in HEADINGS else max(s.leading, line_spacing)
        out[name] = ParagraphStyle(
            name,
            fontName=fonts[face],
            fontSize=s.size,
            leading=round(s.size * leading, 2),
            textColor=HexColor(s.color),
            spaceBefore=s.space_before * spacing,
            spaceAfter=s.space_after * spacing,
            alignment=TA_LEFT,  # never justified: even word spacing reads best, above all in large print
            keepWithNext=0,  # headings and questions join what follows them in story.lead_ins
            allowWidows=0,
            allowOrphans=0,
            splitLongWords=1,
            uriWasteReduce=0,  # web addresses carry break points of their own (markup.address)
            addressMin=min(s.size, smallest),
            shaping=1 if shaping else 0,
            direction="rtl" if rtl else "ltr",  # right to left, Para sets its own lines (render/pdf/bidi.py)
        )
    return PdfStyles(theme, profile, out, scale, floor, fonts, shaping, rtl)
