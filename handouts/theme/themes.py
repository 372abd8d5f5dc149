"""Themes as data: colours, fonts, sizes and named styles with `parent:` inheritance.

A theme file may itself name a `parent:` theme file and override only what differs. Theme files
are read by the same strict loader as content, so their mistakes are reported the same way.
"""

from __future__ import annotations

from typing import NamedTuple
from pathlib import Path

from handouts.errors import Problems
from handouts.theme.fonts import font_file
from handouts.paths import DEFAULT_THEME
from handouts.load.source import display_name, read_text
from handouts.load.spec import MapOf, Record, Str, Text
from handouts.load.yamlnodes import parse

COLOR = r"#[0-9A-Fa-f]{6}"


def _text(doc, pattern=None, hint="", what="value"):
    return Text(doc=doc, max_len=100, placeholders=False, pattern=pattern, pattern_hint=hint, what=what)


class Number(Text):
    """A number within a sensible range, so a typo cannot make a page or slide impossible to lay out."""

    def __init__(self, doc: str, low: float, high: float):
        super().__init__(doc=doc, max_len=20, placeholders=False, pattern=r"\d{1,3}(?:\.\d+)?",
                         pattern_hint="write a number such as 12 or 1.4", what="number")
        self.low, self.high = low, high

    def check(self, node, path, problems):
        text = super().check(node, path, problems)
        if text is not None and not self.low <= float(text) <= self.high:
            problems.add(text.loc, f"{text} is outside the range {self.low:g} to {self.high:g}", path)
            return None
        return text

    def json(self):
        return self._described({"type": "string", "pattern": r"^\d{1,3}(\.\d+)?$"})


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
})

THEME = Record(doc="A theme.", fields={
    "parent": (_text("A theme file this one extends, relative to this file."), False),
    "name": (_text("Name of the theme."), False),
    "paper": (_text("Default paper size.", "a4|letter", "choose a4 or letter", "paper size"), False),
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
        "notes_size": (_number("Speaker-notes size.", 8, 24), False),
    }), False),
})


# What the renderers draw with. A theme that starts from `parent: theme.yaml` has them all.
KINDS = ("get_help", "tip", "note")
REQUIRED_STYLES = ("body", "bullet", "term", "step", "question", "caption", "footer", "small", "h1", "h2", "h3",
                   "title", "subtitle", "band_clinic", "box_title", "key_title", "key_item",
                   *(f"{k}_{part}" for k in KINDS for part in ("title", "text")))
REQUIRED_COLORS = ("ink", "muted", "paper", "primary", "on_primary", "primary_light", "rule",
                   *(c for k in KINDS for c in (k, f"{k}_light")))


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


class Theme(NamedTuple):
    name: str
    paper: str
    colors: dict
    fonts: dict
    profiles: dict
    styles: dict  # name -> Style, resolved at standard size
    slides: dict
    file: str

    def style(self, name: str, scale: float = 1.0, floor: float = 0.0) -> Style:
        """A style scaled for a profile; `floor` lifts small styles (large print: nothing under 18 pt)."""
        s = self.styles[name]
        if scale == 1.0 and s.size >= floor:
            return s
        return Style(s.name, round(max(s.size * scale, floor), 2), s.leading, s.bold, s.italic, s.color,
                     s.background, s.space_before * scale, s.space_after * scale)

    def profile(self, name: str) -> tuple[float, float]:
        """(scale, floor) for a print profile: scale brings body text to the profile's body size."""
        body = self.profiles[name]["body_size"]
        scale = body / self.styles["body"].size
        return scale, (body if name == "large-print" else 0.0)


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read(path: Path, problems: Problems, seen: tuple[Path, ...] = (), files: list | None = None,
          named: Path | None = None) -> dict:
    """Read one theme file and its parents. `files` collects (path as named, text read) for the
    cache: the name as written, so a symlink pointed elsewhere later is seen as a change."""
    name = display_name(path)
    text = read_text(path)
    raw = THEME.check(parse(text, name), "", problems) or {}
    if files is not None:
        files.append((named or path, text))
    parent = raw.get("parent")
    if isinstance(parent, Str):
        parent_path = (path.parent / parent).resolve()
        if parent_path in seen or parent_path == path.resolve():
            problems.add(parent.loc, "themes inherit from each other in a loop", "parent")
            return raw
        if not parent_path.is_file():
            problems.add(parent.loc, f"parent theme '{parent}' not found", "parent",
                         "give the path relative to this theme file, e.g. theme.yaml")
            return raw
        return _merge(_read(parent_path, problems, (*seen, path.resolve()), files, path.parent / parent), raw)
    return raw


def _resolve_style(name: str, raw: dict, problems: Problems, chain=()) -> dict:
    entry = raw[name]
    loc = entry["_loc"]
    parent = entry.get("parent")
    merged: dict = {}
    if parent:
        if parent in chain or parent == name:
            problems.add(loc, f"style '{name}' inherits from itself through '{parent}'", f"styles.{name}")
        elif parent not in raw:
            problems.add(parent.loc, f"style '{name}' names unknown parent '{parent}'", f"styles.{name}.parent")
        else:
            merged = _resolve_style(parent, raw, problems, (*chain, name))
    merged.update({k: v for k, v in entry.items() if k not in ("_loc", "parent") and v is not None})
    return merged


def load_theme(path: Path | str | None = None) -> Theme:
    path = Path(path) if path else DEFAULT_THEME
    problems = Problems()
    files: list[tuple[Path, str]] = []
    raw = _read(path, problems, files=files)
    raw_colors = {k: v for k, v in (raw.get("colors") or {}).items() if k != "_loc"}
    colors = {k: str(v).upper() for k, v in raw_colors.items() if v}
    styles_raw = {k: v for k, v in (raw.get("styles") or {}).items() if k != "_loc" and v}
    styles = {}
    for name in styles_raw:
        merged = _resolve_style(name, styles_raw, problems)
        for key in ("color", "background"):
            value = merged.get(key)
            if value and value not in colors and value not in raw_colors:  # a bad colour is reported once
                problems.add(value.loc, f"colour '{value}' is not defined under colors", f"styles.{name}.{key}")
        styles[name] = Style(
            name=name,
            size=float(merged.get("size", 12)),
            leading=float(merged.get("leading", 1.3)),
            bold=merged.get("bold") == "true",
            italic=merged.get("italic") == "true",
            color=colors.get(merged.get("color", ""), "#000000"),
            background=colors.get(merged.get("background", ""), colors.get("paper", "#FFFFFF")),
            space_before=float(merged.get("space_before", 0)),
            space_after=float(merged.get("space_after", 0)),
        )
    profiles = {k: {f: float(v[f]) for f in ("body_size", "leading", "margin_mm") if v.get(f)}
                for k, v in (raw.get("profiles") or {}).items() if k != "_loc" and v}
    for needed in ("standard", "large-print"):
        if needed not in profiles:
            problems.add(raw.get("_loc") or path, f"the theme has no '{needed}' profile", "profiles")
    start = "start the theme with 'parent: theme.yaml' so it only overrides what differs"
    missing_styles = [n for n in REQUIRED_STYLES if n not in styles]
    if missing_styles:
        problems.add(raw.get("_loc"), "the theme has no style(s) " + ", ".join(missing_styles), "styles", start)
    missing_colors = [n for n in REQUIRED_COLORS if n not in raw_colors]
    if missing_colors:
        problems.add(raw.get("_loc"), "the theme has no colour(s) " + ", ".join(missing_colors), "colors", start)
    fonts = {k: str(v) for k, v in (raw.get("fonts") or {}).items() if k != "_loc" and v}
    fonts.setdefault("handout", "Atkinson Hyperlegible")
    fonts.setdefault("slides", "Arial")
    fonts.setdefault("slides_metrics", "Arimo")
    font_files = []
    for role in ("handout", "slides_metrics"):
        try:
            font_files.append(font_file(fonts[role]))
        except Exception:  # fontpkg's own error types; all mean "not installed"
            loc = (raw.get("fonts") or {}).get(role)
            problems.add(loc.loc if isinstance(loc, Str) else raw.get("_loc"),
                         f"font family '{fonts[role]}' is not installed", f"fonts.{role}",
                         "install its fontpkg package from PyPI (e.g. fontpkg-arimo), or name an installed family")
    problems.raise_if_any()
    slides = {k: float(v) for k, v in (raw.get("slides") or {}).items() if k != "_loc" and v}
    theme = Theme(name=str(raw.get("name") or path.stem), paper=str(raw.get("paper") or "a4"), colors=colors,
                  fonts=fonts, profiles=profiles, styles=styles, slides=slides, file=display_name(path))
    return theme
