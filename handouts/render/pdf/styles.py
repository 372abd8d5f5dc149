"""Theme styles -> ReportLab ParagraphStyles, resolved once per profile."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from handouts.theme.themes import Theme
from handouts.render.pdf.fonts import register

HEADINGS = {"h1", "h2", "h3", "title", "subtitle", "band_clinic"}


class PdfStyles:
    def __init__(self, theme: Theme, profile: str, paragraph: dict[str, ParagraphStyle], scale: float,
                 floor: float, fonts: dict[str, str]):
        self.theme, self.profile, self.paragraph = theme, profile, paragraph
        self.scale, self.floor, self.fonts = scale, floor, fonts

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.paragraph[name]

    def color(self, name: str) -> HexColor:
        return HexColor(self.theme.colors[name])

    @property
    def body_size(self) -> float:
        return self.paragraph["body"].fontSize


def build_styles(theme: Theme, profile: str) -> PdfStyles:
    fonts = register(theme.fonts["handout"])
    scale, floor = theme.profile(profile)
    line_spacing = theme.profiles[profile]["leading"]
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
            spaceBefore=s.space_before,
            spaceAfter=s.space_after,
            alignment=TA_LEFT,  # never justified: even word spacing reads best, above all in large print
            keepWithNext=1 if name in ("h1", "h2", "h3", "question", "term", "box_title") else 0,
            allowWidows=0,
            allowOrphans=0,
            splitLongWords=1,
            uriWasteReduce=0,
        )
    return PdfStyles(theme, profile, out, scale, floor, fonts)
