"""Themes as data: colours, fonts, sizes and named styles with `parent:` inheritance.

A theme file may itself name a `parent:` theme file and override only what differs. Theme files
are read by the same strict loader as content, so their mistakes are reported the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problems
from .paths import DEFAULT_THEME
from .source import display_name, read_text
from .spec import MapOf, Record, Str, Text
from .yamlnodes import parse

COLOR = r"#[0-9A-Fa-f]{6}"


def _text(doc, pattern=None, hint="", what="value"):
    return Text(doc=doc, max_len=100, placeholders=False, pattern=pattern, pattern_hint=hint, what=what)


def _number(doc):
    return _text(doc, r"\d{1,3}(?:\.\d+)?", "write a number such as 12 or 1.4", "number")


def _flag(doc):
    return _text(doc, "true|false", "write true or false", "true/false value")


STYLE = Record(doc="A named text style.", fields={
    "parent": (_text("The style this one starts from."), False),
    "size": (_number("Font size in points."), False),
    "leading": (_number("Line spacing as a multiple of the size."), False),
    "bold": (_flag("Bold text."), False),
    "italic": (_flag("Italic text."), False),
    "color": (_text("A colour name from `colors`."), False),
    "background": (_text("The colour behind the text, from `colors`."), False),
    "space_before": (_number("Space above, in points."), False),
    "space_after": (_number("Space below, in points."), False),
})

PROFILE = Record(doc="Print profile.", fields={
    "body_size": (_number("Body text size in points."), True),
    "leading": (_number("Line spacing as a multiple of the size."), True),
    "margin_mm": (_number("Page margins in millimetres."), True),
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
        "title_size": (_number("Slide title size."), False),
        "body_size": (_number("Slide body size."), False),
        "min_body_size": (_number("Smallest body size allowed."), False),
        "notes_size": (_number("Speaker-notes size."), False),
    }), False),
})


@dataclass(frozen=True)
class Style:
    name: str
    size: float
    leading: float  # multiple of size
    bold: bool
    italic: bool
    color: str  # #RRGGBB
    background: str
    space_before: float
    space_after: float


@dataclass(frozen=True)
class Theme:
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


def _read(path: Path, problems: Problems, seen: tuple[Path, ...] = ()) -> dict:
    name = display_name(path)
    raw = THEME.check(parse(read_text(path), name, cut_comments=False), "", problems) or {}
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
        return _merge(_read(parent_path, problems, (*seen, path.resolve())), raw)
    return raw


def _resolve_style(name: str, raw: dict, colors: dict, problems: Problems, chain=()) -> dict:
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
            merged = _resolve_style(parent, raw, colors, problems, (*chain, name))
    merged.update({k: v for k, v in entry.items() if k not in ("_loc", "parent") and v is not None})
    return merged


def load_theme(path: Path | str | None = None) -> Theme:
    path = Path(path) if path else DEFAULT_THEME
    problems = Problems()
    raw = _read(path, problems)
    colors = {k: str(v).upper() for k, v in (raw.get("colors") or {}).items() if k != "_loc" and v}
    styles_raw = {k: v for k, v in (raw.get("styles") or {}).items() if k != "_loc" and v}
    styles = {}
    for name in styles_raw:
        merged = _resolve_style(name, styles_raw, colors, problems)
        for key in ("color", "background"):
            value = merged.get(key)
            if value and value not in colors:
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
    for needed in ("body", "h1", "h2"):
        if needed not in styles:
            problems.add(raw.get("_loc"), f"the theme has no '{needed}' style", "styles")
    problems.raise_if_any()
    fonts = {k: str(v) for k, v in (raw.get("fonts") or {}).items() if k != "_loc" and v}
    fonts.setdefault("handout", "Atkinson Hyperlegible")
    fonts.setdefault("slides", "Arial")
    fonts.setdefault("slides_metrics", "Arimo")
    slides = {k: float(v) for k, v in (raw.get("slides") or {}).items() if k != "_loc" and v}
    return Theme(name=str(raw.get("name") or path.stem), paper=str(raw.get("paper") or "a4"), colors=colors,
                 fonts=fonts, profiles=profiles, styles=styles, slides=slides, file=display_name(path))
