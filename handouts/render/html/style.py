"""The theme as CSS for the web page: its colours and sizes, and its font embedded as WOFF2 (made
with fontTools and brotli, subset to the characters the page uses). Nothing is loaded from the
network."""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

from handouts.theme.fonts import FACES, font_file

PT_TO_REM = 1.125 / 12  # the theme's 12 pt body is 18 px on screen; in rem, so a reader's zoom works


def _is_variable(path: Path) -> bool:
    import uharfbuzz as hb

    return bool(hb.Face(hb.Blob.from_file_path(str(path))).axis_infos)


@lru_cache(maxsize=16)
def woff2(path: Path, characters: frozenset[int]) -> bytes:
    """The font subset to `characters`, as WOFF2."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(str(path))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(characters))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def font_faces(family: str, characters: frozenset[int]) -> str:
    """@font-face rules for the four faces, each font file embedded once."""
    rules, seen = [], {}
    for face, (weight, style) in FACES.items():
        path = font_file(family, face)
        variable = _is_variable(path)
        key = (path, style)
        if key in seen:
            continue
        seen[key] = True
        data = base64.b64encode(woff2(path, characters)).decode("ascii")
        weights = "100 900" if variable else str(weight)
        rules.append(f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: {weights}; '
                     f'font-display: swap; src: url(data:font/woff2;base64,{data}) format("woff2"); }}')
    return "\n".join(rules)


def variables(theme) -> str:
    """The theme's colours and sizes as CSS custom properties."""
    lines = [f"  --{name.replace('_', '-')}: {value};" for name, value in sorted(theme.colors.items())]
    for name in ("body", "title", "h1", "h2", "h3", "small", "footer", "caption"):
        if name in theme.styles:
            lines.append(f"  --size-{name}: {theme.styles[name].size * PT_TO_REM:.3f}rem;")
    return ":root {\n" + "\n".join(lines) + "\n}"
