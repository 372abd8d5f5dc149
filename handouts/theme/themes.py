"""Themes as data: colours, fonts, sizes and named styles with `parent:` inheritance.

A theme file may itself name a `parent:` theme file and override only what differs. Theme files
are read by the same strict loader as content, so their mistakes are reported the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from handouts.errors import Loc, Problems
from handouts.model import CALLOUT_KINDS
from handouts.paths import DEFAULT_THEME
from handouts.read.source import display_name, read_text
from handouts.read.spec import Group, ListOf, MapOf, Record, Str, Text
from handouts.read.yamlnodes import parse
from handouts.theme.fonts import NOT_INSTALLED, font_file
from handouts.theme.profiles import PROFILES, STANDARD

COLOR = r"#[0-9A-Fa-f]{6}"


def _text(doc, pattern=None, hint="", what="value"):
    return Text(doc=doc, max_len=100, placeholders=False, pattern=pattern, pattern_hint=hint, what=what)


class Number(Text):
    """A number within a sensible range, so a typo cannot make a page or slide impossible to lay out."""

    def __init__(self, doc: str, low: float, high: float):
        super().__init__(doc=doc, max_len=20, placeholders=False, pattern=r"\d{1,4}(?:\.\d+)?",
                         pattern_hint="write a number such as 12 or 1.4", what="number")
        self.low, self.high = low, high

    def check(self, node, path, problems):
        text = super().check(node, path, problems)
        if text is not None and not self.low <= float(text) <= self.high:
            problems.add(text.loc, f"{text} is outside the range {self.low:g} to {self.high:g}", path)
            return None
        return text

    def json(self):
        return self._described({"type": "string", "pattern": r"^\d{1,4}(\.\d+)?$"})


def _number(doc, low=0.0, high=72.0):
    return Number(doc, low, high)


def _flag(doc):
    return _text(doc, "true|false", "write true or false", "true/false value")


STYLE = Record(doc="A named text style.", fields={
    "parent": (_text("The style this one starts from."), False),
    "size": (_number("Font size in points.", 6, 72), False),
    "leading": (_number("Line spacing as a multiple of the size.", 1.0, 3.0), False),
    "bold": (_flag("Bold text."), False),
    "italic": (_flag("Italic text."), False),
    "color": (_text("A colour name from `colors`."), False),
    "background": (_text("The colour behind the text, from `colors`."), False),
    "space_before": (_number("Space above, in points."), False),
    "space_after": (_number("Space below, in points."), False),
})

PROFILE = Record(doc="Print profile.", fields={
    "body_size": (_number("Body text size in points.", 6, 36), True),
    "leading": (_number("Line spacing as a multiple of the size.", 1.0, 3.0), True),
    "margin_mm": (_number("Page margins in millimetres.", 5, 50), True),
    "lift_small": (_flag("Set every smaller style (footer, captions) at the body size too."), False),
})

PAPER = Record(doc="A paper size, in millimetres.", fields={
    "width": (_number("Width in millimetres.", 50, 1000), True),
    "height": (_number("Height in millimetres.", 50, 1000), True),
    "regions": (ListOf(_text("A region code, as in a language tag (US in en-US).", r"[A-Z]{2}|[0-9]{3}",
                             "write the region as two capital letters, e.g. US", "region"), max_items=300),
                False),
})

_LAYOUT_FIELDS = {
    "body_size": (_number("A larger body size for this layout, in points (never smaller than the profile's).",
                          12, 36), False),
    "columns": (_number("Columns of text on a page.", 1, 3), False),
    "gap_mm": (_number("Space between columns, in millimetres.", 0, 30), False),
    "margin_mm": (_number("Page margins, in millimetres.", 4, 50), False),
    "page": (MapOf(_text("A paper name from `papers`."), doc="The page size for each paper it is printed on, "
                   "e.g. a4: a5 for A5 pages on A4 sheets.", key_pattern=r"[a-z][a-z0-9\-]*"), False),
    "panels_mm": (MapOf(ListOf(_number("Panel width.", 40, 400), min_items=3, max_items=3),
                        doc="Panel widths on each paper, left to right on the outside.",
                        key_pattern=r"[a-z][a-z0-9\-]*"), False),
}
LAYOUT = Record(doc="The page geometry of one printed layout.", fields={
    **_LAYOUT_FIELDS,  # a print profile other than the standard one may have settings of its own
    **{name: (Record(doc=f"Settings of its own for the {name} profile.", fields=_LAYOUT_FIELDS), False)
       for name in PROFILES if name != STANDARD},
})
LAYOUT_NAMES = ("leaflet", "booklet", "trifold", "card")

THEME = Record(doc="A theme.", fields={
    "layouts": (Record(doc="The printed layouts.", fields={name: (LAYOUT, False) for name in LAYOUT_NAMES}), False),
    "parent": (_text("A theme file this one extends, relative to this file, or 'default' for the built-in theme."),
               False),
    "name": (_text("Name of the theme."), False),
    "paper": (_text("The paper every leaflet is printed on (a name from `papers`); without it, the paper of "
                    "each leaflet's region."), False),
    "papers": (MapOf(PAPER, doc="Paper sizes by name."), False),
    "colors": (MapOf(_text("Colour", COLOR, "write colours as #RRGGBB", "colour")), False),
    "fonts": (Record(fields={
        "handout": (_text("Font family for the handout (an installed fontpkg family)."), False),
        "slides": (_text("Font name written into the slides."), False),
        "slides_metrics": (_text("Installed fontpkg family with the same metrics, for measuring."), False),
    }), False),
    "profiles": (MapOf(PROFILE), False),
    "styles": (MapOf(STYLE), False),
    "slides": (Record(fields={
        "title_size": (_number("Slide title size.", 20, 60), False),
        "body_size": (_number("Slide body size.", 12, 48), False),
        "min_body_size": (_number("Smallest body size allowed.", 12, 48), False),
        "large_body_size": (_number("Largest body size: a slide of few points is set up to this size.", 12, 60),
                            False),
        "notes_size": (_number("Speaker-notes size.", 8, 24), False),
        "words_per_minute": (_number("Speaking rate, for the talk's length (about 130 for a calm talk).", 60, 250),
                             False),
        "pause_seconds": (_number("Time per slide beyond its words: changing it, a look at the room.", 0, 60), False),
    }), False),
})


# What the renderers draw with. A theme that starts from `parent: theme.yaml` has them all.
KINDS = CALLOUT_KINDS
REQUIRED_STYLES = ("body", "bullet", "term", "step", "question", "caption", "footer", "small", "h1", "h2", "h3",
                   "title", "subtitle", "band_clinic", "box_title", "key_title", "key_item", "table_head",
                   "table_cell",
                   *(f"{k}_{part}" for k in KINDS for part in ("title", "text")))
REQUIRED_COLORS = ("ink", "muted", "paper", "primary", "on_primary", "primary_light", "rule",
                   *(c for k in KINDS for c in (k, f"{k}_light")))
MM = 72 / 25.4  # points per millimetre


class Style(NamedTuple):
    name: str
    size: float
    leading: float  # multiple of size
    bold: bool
    italic: bool
    color: str  # #RRGGBB
    background: str
    space_before: float
    space_after: float
    color_name: str = ""  # the names in `colors`, so a contrast problem can point at its colour
    background_name: str = ""


class Fonts(NamedTuple):
    """The font families: the handout's (embedded in the PDF), the name written into the slides and
    a family with its metrics for measuring them. `shaping` and `rtl` are set for a leaflet's text
    (theme.fonts.fonts_for): letters that join or reorder, and pages mirrored right to left."""

    handout: str
    slides: str
    slides_metrics: str
    shaping: bool = False
    rtl: bool = False

    def of(self, role: str) -> str:
        """The family of a target's font role ("handout" or "slides_metrics")."""
        return {"handout": self.handout, "slides": self.slides, "slides_metrics": self.slides_metrics}[role]


class Profile(NamedTuple):
    """A print profile's sizes: body text, line spacing, and the margin of a layout that has none."""

    body_size: float
    leading: float
    margin_mm: float
    lift_small: bool = False  # every smaller style (footer, captions) set at the body size too


class Slides(NamedTuple):
    """The deck's sizes (points, for 16:9) and the talk's pace."""

    title_size: float
    body_size: float
    min_body_size: float
    large_body_size: float  # a slide of few points is set larger, up to this, and centred
    notes_size: float
    words_per_minute: float
    pause_seconds: float


class LayoutSettings(NamedTuple):
    """One printed layout's geometry, for one print profile."""

    body_size: float | None = None  # a larger body size of its own (never smaller than the profile's)
    columns: int = 1
    gap_mm: float = 8.0
    margin_mm: float | None = None  # None: the profile's
    page: Mapping[str, str] = MappingProxyType({})  # paper -> the page size it is printed at (a4 -> a5)
    panels_mm: Mapping[str, tuple[float, ...]] = MappingProxyType({})  # paper -> panel widths


class Theme(NamedTuple):
    name: str
    paper: str  # the paper the theme names, or "": each leaflet's own (paper_for)
    papers: Mapping[str, tuple[float, float]]  # name -> (width, height) in points
    colors: Mapping[str, str]  # name -> #RRGGBB
    fonts: Fonts
    profiles: Mapping[str, Profile]
    styles: Mapping[str, Style]  # resolved at standard size
    slides: Slides
    file: str
    color_locs: Mapping[str, Loc] = MappingProxyType({})  # colour name -> where the theme sets it
    layouts: Mapping[str, Mapping[str, LayoutSettings]] = MappingProxyType({})  # layout -> profile -> settings
    sources: tuple = ()  # (real path, SHA-256) of each theme file in the chain
    paper_regions: Mapping[str, tuple[str, ...]] = MappingProxyType({})  # paper -> regions where it is usual

    def paper_for(self, language: str) -> str:
        """The paper a leaflet in `language` is printed on when no --paper is given: the theme's own,
        else the usual paper of the tag's region (en-US: letter), else the first paper listed."""
        if self.paper:
            return self.paper
        parts = language.replace("_", "-").split("-")[1:]
        region = next((p.upper() for p in parts if len(p) == 2 and p.isalpha() or len(p) == 3 and p.isdigit()), "")
        for name, regions in self.paper_regions.items():
            if region and region in regions:
                return name
        return next(iter(self.papers))

    def style(self, name: str, scale: float = 1.0, floor: float = 0.0) -> Style:
        """A style scaled for a profile; `floor` lifts small styles (large print: nothing under 18 pt)."""
        s = self.styles[name]
        if scale == 1.0 and s.size >= floor:
            return s
        return s._replace(size=round(max(s.size * scale, floor), 2), space_before=s.space_before * scale,
                          space_after=s.space_after * scale)

    def profile(self, name: str) -> tuple[float, float]:
        """(scale, floor) for a print profile: scale brings body text to the profile's body size,
        and a profile that lifts small text sets nothing below it."""
        profile = self.profiles[name]
        scale = profile.body_size / self.styles["body"].size
        return scale, (profile.body_size if profile.lift_small else 0.0)

    def page_size(self, paper: str) -> tuple[float, float]:
        return self.papers[paper]

    def layout(self, name: str, profile: str) -> LayoutSettings:
        """A layout's settings for a print profile (large print may override some)."""
        settings = self.layouts.get(name, {})
        return settings.get(profile) or settings.get("standard") or LayoutSettings()

    def color_loc(self, name: str):
        return self.color_locs.get(name) or Loc(self.file)


def _merge(base: Group, over: Group) -> Group:
    """A theme's checked values on top of its parent's: a group is merged field by field, and any
    other value of the child wins. Where the child's group is refers to the child's file."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Group) and isinstance(out.get(key), Group):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return Group(over.loc, out, over.unknown, over.invalid)


class _ParentMissing(Exception):
    """The chain of themes is broken; what the missing parent would give cannot be judged."""


class Limits(NamedTuple):
    """How far a theme may reach; both chains are walked in a loop, never by recursion."""

    parents: int = 10  # theme files, each the parent of the one before
    style_parents: int = 10  # styles, each the parent of the one before


LIMITS = Limits()


def _parent_path(path: Path, parent: Str, problems: Problems) -> Path:
    """The parent a theme names: 'default', a built-in theme, or a file under the theme's own folder."""
    if str(parent) == "default":  # the built-in theme, wherever handouts is installed
        return DEFAULT_THEME.resolve()
    target = (path.parent / str(parent)).resolve()
    if not (target.is_relative_to(path.parent.resolve()) or target.is_relative_to(DEFAULT_THEME.resolve().parent)):
        problems.add(parent.loc, f"parent theme '{parent}' is outside this theme's folder", "parent",
                     "keep the parent theme in this theme's folder (or a folder inside it), or write 'default'")
        raise _ParentMissing
    return target


def _read(path: Path, problems: Problems, sources: dict | None = None, limits: Limits = LIMITS) -> Group:
    """Read one theme file and its parents, merged (a child's values win)."""
    chain: list[Group] = []  # the theme first, then each parent
    seen: set[Path] = set()
    while True:
        name = display_name(path)
        if path.suffix.lower() in (".pptx", ".potx"):
            problems.add(Loc(name), "this is a slide template, not a theme", "",
                         "give a slide template with --template, and a theme (.yaml) with --theme")
            raise _ParentMissing
        text = read_text(path, follow=False, sources=sources)  # opened once, and never through a link
        raw = THEME.check(parse(text, name), "", problems) or Group(Loc(name))
        chain.append(raw)
        seen.add(path.resolve())
        parent = raw.get("parent")
        if not isinstance(parent, Str):
            break
        parent_path = _parent_path(path, parent, problems)
        if parent_path in seen:
            problems.add(parent.loc, "themes inherit from each other in a loop", "parent")
            raise _ParentMissing
        if not parent_path.is_file():
            problems.add(parent.loc, f"parent theme '{parent}' not found", "parent",
                         "give the path relative to this theme file, e.g. theme.yaml")
            raise _ParentMissing
        if len(chain) > limits.parents:
            problems.add(parent.loc, f"the chain of parent themes is longer than {limits.parents}; the limit is "
                                     f"{limits.parents}", "parent", "start from 'default' or from theme.yaml directly")
            raise _ParentMissing
        path = parent_path
    merged = chain.pop()
    while chain:
        merged = _merge(merged, chain.pop())
    return merged


def _resolve_styles(raw: dict, problems: Problems, limits: Limits = LIMITS) -> dict[str, dict]:
    """Each style's values, merged with its parents' (its own win). Each style is merged once, on
    top of its parent's merged values, so a long chain costs no more than its length."""
    merged: dict[str, dict] = {}
    depth: dict[str, int] = {}
    for start in raw:
        chain: list[str] = []  # from `start` up to the first style already merged, or the top
        on_chain: set[str] = set()
        name = start
        while name not in merged:
            chain.append(name)
            on_chain.add(name)
            parent = raw[name].get("parent")
            if not parent:
                break
            if str(parent) in on_chain:
                problems.add(raw[name].loc, f"style '{name}' inherits from itself through '{parent}'",
                             f"styles.{name}")
                break
            if parent not in raw:
                problems.add(parent.loc, f"style '{name}' names unknown parent '{parent}'", f"styles.{name}.parent")
                break
            name = str(parent)
        if not chain:
            continue  # merged already, as another style's parent
        # a walk that stopped at a merged style starts from it; one that stopped at the top, an unknown
        # parent or a loop starts from nothing
        base, level = ({}, 0) if name in on_chain else (merged[name], depth[name] + 1)
        for name in reversed(chain):
            if level == limits.style_parents + 1:
                problems.add(raw[name].loc, f"style '{name}' has more than {limits.style_parents} parent styles "
                                            f"above it; the limit is {limits.style_parents}", f"styles.{name}",
                             "let styles start from a few common ones, such as body")
            values = dict(base)
            values.update({k: v for k, v in raw[name].items() if k != "parent" and v is not None})
            merged[name], depth[name] = values, level
            base, level = values, level + 1
    return merged


def _entries(group) -> dict:
    """The fields of a checked group that have a value."""
    return {k: v for k, v in (group or {}).items() if v is not None}


def load_theme(path: Path | str | None = None) -> Theme:
    """Read a theme and its parents. Raises ContentError with every problem, each at its line."""
    path = Path(path) if path else DEFAULT_THEME
    problems = Problems()
    sources: dict[str, str] = {}
    try:
        raw = _read(path, problems, sources=sources)
    except _ParentMissing:
        problems.raise_if_any()
        raise
    top = raw.loc
    raw_colors = _entries(raw.get("colors"))
    colors = {k: str(v).upper() for k, v in raw_colors.items()}
    color_locs = {k: v.loc for k, v in raw_colors.items() if isinstance(v, Str)}
    styles_raw = _entries(raw.get("styles"))
    styles = {}
    resolved = _resolve_styles(styles_raw, problems)
    for name in styles_raw:
        merged = resolved[name]
        for key in ("color", "background"):
            value = merged.get(key)
            if value and value not in raw_colors:
                problems.add(value.loc, f"colour '{value}' is not defined under colors", f"styles.{name}.{key}")
        color_name = str(merged.get("color", "")) or "ink"
        background_name = str(merged.get("background", "")) or "paper"
        styles[name] = Style(
            name=name,
            size=float(merged.get("size", 12)),
            leading=float(merged.get("leading", 1.3)),
            bold=merged.get("bold") == "true",
            italic=merged.get("italic") == "true",
            color=colors.get(color_name, "#000000"),
            background=colors.get(background_name, "#FFFFFF"),
            space_before=float(merged.get("space_before", 0)),
            space_after=float(merged.get("space_after", 0)),
            color_name=color_name, background_name=background_name,
        )
    profiles = {k: Profile(float(v["body_size"]), float(v["leading"]), float(v["margin_mm"]),
                           v.get("lift_small") == "true") for k, v in _entries(raw.get("profiles")).items()
                if all(v.get(f) for f in ("body_size", "leading", "margin_mm"))}
    start = "start the theme with 'parent: theme.yaml' so it only overrides what differs"
    missing_profiles = [n for n in PROFILES if n not in profiles]
    if missing_profiles:
        problems.add(top, "the theme has no profile(s) " + ", ".join(missing_profiles), "profiles", start)
    missing_styles = [n for n in REQUIRED_STYLES if n not in styles]
    if missing_styles:
        problems.add(top, "the theme has no style(s) " + ", ".join(missing_styles), "styles", start)
    missing_colors = [n for n in REQUIRED_COLORS if n not in raw_colors]
    if missing_colors:
        problems.add(top, "the theme has no colour(s) " + ", ".join(missing_colors), "colors", start)
    papers = {k: (round(float(v["width"]) * MM, 3), round(float(v["height"]) * MM, 3))
              for k, v in _entries(raw.get("papers")).items() if v.get("width") and v.get("height")}
    paper_regions = {k: tuple(str(r) for r in v.get("regions") or ()) for k, v in _entries(raw.get("papers")).items()}
    paper = raw.get("paper") or ""
    if not papers:
        problems.add(top, "the theme has no papers", "papers", start)
    elif paper and paper not in papers:
        problems.add(getattr(paper, "loc", top), f"paper '{paper}' is not one of the theme's papers "
                     f"({', '.join(papers) or 'none'})", "paper", "name a paper listed under papers:")
    fonts = {k: str(v) for k, v in _entries(raw.get("fonts")).items()}
    missing_fonts = [n for n in Fonts._fields[:3] if n not in fonts]
    if missing_fonts:
        problems.add(top, "the theme names no font for " + ", ".join(missing_fonts), "fonts", start)
    for role in ("handout", "slides_metrics"):
        try:
            if role in fonts:
                font_file(fonts[role])
        except NOT_INSTALLED:
            loc = (raw.get("fonts") or {}).get(role)
            problems.add(loc.loc if isinstance(loc, Str) else top,
                         f"font family '{fonts[role]}' is not installed", f"fonts.{role}",
                         "install its fontpkg package from PyPI (e.g. fontpkg-arimo), or name an installed family")
    layouts = {name: _layout(raw_layout, papers, problems) for name, raw_layout in _entries(raw.get("layouts")).items()}
    slides = {k: float(v) for k, v in _entries(raw.get("slides")).items()}
    missing_slides = [n for n in Slides._fields if n not in slides]
    if missing_slides:
        problems.add(top, "the theme has no slide size(s) " + ", ".join(missing_slides), "slides", start)
    problems.raise_if_any()
    return Theme(name=str(raw.get("name") or path.stem), paper=str(paper), papers=papers, colors=colors,
                 fonts=Fonts(fonts["handout"], fonts["slides"], fonts["slides_metrics"]), profiles=profiles,
                 styles=styles, slides=Slides(**slides), file=display_name(path), color_locs=color_locs,
                 layouts=layouts, sources=tuple(sources.items()), paper_regions=paper_regions)


def _settings(raw, papers: dict, problems: Problems, base: LayoutSettings | None = None) -> LayoutSettings:
    """A layout's settings as written (on top of `base`: large print's on the standard ones)."""
    out = base or LayoutSettings()
    if raw.get("body_size"):
        out = out._replace(body_size=float(raw["body_size"]))
    if raw.get("gap_mm"):
        out = out._replace(gap_mm=float(raw["gap_mm"]))
    if raw.get("margin_mm"):
        out = out._replace(margin_mm=float(raw["margin_mm"]))
    if raw.get("columns"):
        out = out._replace(columns=int(float(raw["columns"])))
    for _paper, page in _entries(raw.get("page")).items():
        if page not in papers:
            problems.add(page.loc, f"paper '{page}' is not one of the theme's papers", "page",
                         "name a paper listed under papers:")
    if raw.get("page"):
        out = out._replace(page=MappingProxyType({k: str(v) for k, v in _entries(raw["page"]).items()}))
    if raw.get("panels_mm"):
        out = out._replace(panels_mm=MappingProxyType({k: tuple(float(x) for x in v)
                                                       for k, v in _entries(raw["panels_mm"]).items()}))
    return out


def _layout(raw, papers: dict, problems: Problems) -> dict[str, LayoutSettings]:
    """Each print profile's settings: the standard ones, and another profile's own on top of them."""
    standard = _settings(raw, papers, problems)
    return {name: standard if name == STANDARD else _settings(raw.get(name) or {}, papers, problems, base=standard)
            for name in PROFILES}
