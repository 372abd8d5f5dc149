"""Fonts from PyPI font packages (fontpkg), and the check that they can draw every character.

No system font paths: a clinic's machine may lack them. Only fontTools is used here, so the
check runs without ReportLab or python-pptx.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from handouts import model as m
from handouts.errors import Problem
from handouts.model.walk import article_texts

FACES = {"regular": (400, "normal"), "bold": (700, "normal"), "italic": (400, "italic"),
         "bolditalic": (700, "italic")}


# fontpkg's errors are LookupErrors; a package without its files, or without fontpkg, is not installed either
NOT_INSTALLED = (LookupError, OSError, ImportError, ValueError)


def font_file(family: str, face: str = "regular") -> Path:
    """The TTF of one face, read from the family's fontpkg package (fontpkg_<slug>/metadata.json).
    Reading the package's own metadata avoids fontpkg's entry-point scan on every start."""
    weight, style = FACES[face]
    try:
        return _from_metadata(family, weight, style)
    except (ImportError, OSError, KeyError, ValueError, StopIteration):
        import fontpkg

        try:
            return Path(fontpkg.path(family, weight, style, nearest=True))
        except LookupError:  # (fontpkg's StyleNotAvailable) no italics, as Noto Sans Arabic: its upright face
            if style == "normal":
                raise
            return Path(fontpkg.path(family, weight, "normal", nearest=True))


@lru_cache(maxsize=32)
def _from_metadata(family: str, weight: int, style: str) -> Path:
    import importlib
    import json

    module = importlib.import_module("fontpkg_" + "_".join(family.lower().split()))
    if module.__file__ is None:  # a namespace package, not a font package: let fontpkg look
        raise ImportError(f"{module.__name__} has no files of its own")
    root = Path(module.__file__).parent
    files = json.loads((root / "metadata.json").read_text(encoding="utf-8"))["files"]
    static = [f for f in files if f["style"] == style and not f.get("variable")]
    if static:
        best = min(static, key=lambda f: abs(int(f["weight"]) - weight))
    else:  # a variable font covers every weight of its style
        best = next(f for f in files if f["style"] == style)
    return root / best["path"]


# Families tried, in order, for text the theme's font cannot draw (Vietnamese, Arabic, Devanagari...).
FALLBACKS = ("Noto Sans", "Noto Sans Arabic", "Noto Sans Devanagari", "Noto Sans Tamil", "Noto Sans Telugu",
             "Noto Sans Thai", "Noto Sans Khmer")


def used_characters(article: m.Article) -> frozenset[int]:
    return frozenset(ord(ch) for t in article_texts(article) for ch in t.plain) - {ord(" "), ord("\n")}


def _installed(family: str) -> bool:
    try:
        font_file(family)
        return True
    except NOT_INSTALLED:
        return False


def pick_family(used: frozenset[int], preferred: str) -> str:
    """One family for the whole text: the theme's when it has every character, else the first
    fallback that has them all (Noto Sans for Vietnamese), else the one that lacks fewest (the
    glyph check names what is missing, and no more than that)."""
    if used <= charset(preferred):
        return preferred
    from handouts.scripts import complex_script

    order: tuple[str, ...] = FALLBACKS
    if any(complex_script(c) for c in used):  # a script's own font before the broad one
        order = tuple(f for f in FALLBACKS if f != FALLBACKS[0]) + (FALLBACKS[0],)
    candidates = [preferred] + [f for f in order if _installed(f)]
    return min(candidates, key=lambda f: len(used - charset(f)))  # the first of the best, the theme's on a tie


def pick_stack(used: frozenset[int], preferred: str) -> str:
    """For text shown by another program (a deck): the theme's family, then each fallback that
    draws some character it lacks, as "Arimo, Noto Sans Arabic". Text is measured per character
    with the first family of the stack that has it."""
    stack, missing = [preferred], used - charset(preferred)
    for family in FALLBACKS:
        if not missing:
            break
        if _installed(family) and missing & charset(family):
            stack.append(family)
            missing -= charset(family)
    return ", ".join(stack)


def fonts_for(theme, article: m.Article, roles=("handout", "slides_metrics")):
    """The theme with its handout family and slide-measuring stack chosen for this article's text;
    only those of `roles` (a deck alone need not read the handout's font)."""
    from handouts.scripts import complex_script, right_to_left

    used = used_characters(article)
    fonts = theme.fonts
    if "handout" in roles:
        fonts = fonts._replace(handout=pick_family(used, fonts.handout))
    if "slides_metrics" in roles:
        fonts = fonts._replace(slides_metrics=pick_stack(used, fonts.slides_metrics))
    # letters that join or reorder: the PDF shapes them with HarfBuzz; right to left, the page is
    # mirrored: text, bullets and bars start at the right
    fonts = fonts._replace(shaping=any(complex_script(c) for c in used), rtl=right_to_left(article.meta.language))
    return theme if fonts == theme.fonts else theme._replace(fonts=fonts)


def families_of(stack: str) -> list[str]:
    return [f.strip() for f in stack.split(",") if f.strip()]


@lru_cache(maxsize=8)
def charset(family: str) -> frozenset[int]:
    """The code points a family (or a stack, "A, B") can draw."""
    if "," in family:
        return frozenset().union(*(charset(f) for f in families_of(family)))
    import uharfbuzz as hb  # reads the cmap in C: no table parsing in Python

    return frozenset(hb.Face(hb.Blob.from_file_path(str(font_file(family)))).unicodes)


def coverage_problems(article: m.Article, family: str | list[str] | set[str],
                      known: dict[str, frozenset[int]] | None = None) -> list[Problem]:
    """One problem per character a font cannot draw (never a silent black box), naming every
    font that lacks it. A renderer that has parsed its font already passes its set in `known`."""
    families = [family] if isinstance(family, str) else sorted(family)
    sets = {}
    for fam in families:
        try:
            sets[fam] = (known or {}).get(fam) or charset(fam)
        except NOT_INSTALLED as exc:
            return [Problem(m.Loc("theme"), f"font family '{fam}' is not installed ({exc})",
                            hint="install its fontpkg package from PyPI, or name another font in the theme")]
    texts = list(article_texts(article))
    used = {ord(ch) for ch in "".join(t.plain for t in texts)} - {ord(" "), ord("\n")}
    if all(used <= chars_of for chars_of in sets.values()):
        return []  # the usual case, found with one set operation; the slow walk below only places misses
    problems = []
    for text in texts:
        missing: dict[str, list[str]] = {}  # font names lacking them -> characters, in order
        for ch in dict.fromkeys(text.plain):
            lacking = [fam for fam in families if ord(ch) not in sets[fam] and ch not in " \n"]
            if lacking:
                missing.setdefault(" and ".join(f"'{f}'" for f in lacking), []).append(ch)
        for names, chars in missing.items():
            problems.append(_missing(text.loc, names, chars))
    if len(problems) > MAX_GLYPH_PROBLEMS:  # the same letters all through a leaflet: the first places say it
        rest = len(problems) - MAX_GLYPH_PROBLEMS
        problems = problems[:MAX_GLYPH_PROBLEMS] + [Problem(
            problems[MAX_GLYPH_PROBLEMS].loc, f"and {rest} more place{'s' if rest > 1 else ''} with characters "
                                              "the font cannot draw", hint="the same fix applies to each")]
    return problems


MAX_GLYPH_PROBLEMS = 12
SHOWN_CHARACTERS = 4


def _missing(loc, names: str, chars: list[str]) -> Problem:
    """One text's characters that a font lacks: each named by its code point (the first few), and
    what to do: a script with no font here needs one named in the theme; a symbol, to go."""
    import unicodedata

    from handouts.scripts import script_name

    subject = f"the fonts {names} have" if " and " in names else f"the font {names} has"
    shown = ", ".join(f"U+{ord(c):04X} ('{c}')" for c in chars[:SHOWN_CHARACTERS])
    more = f" and {len(chars) - SHOWN_CHARACTERS} more" if len(chars) > SHOWN_CHARACTERS else ""
    scripts = sorted({script_name(ord(c)) for c in chars if unicodedata.category(c)[0] in "LM"})
    if scripts:
        written = " and ".join(scripts)
        hint = (f"handouts has no font for {written} letters: name a font that has them in the theme "
                "(fonts: handout), installed from its fontpkg package on PyPI")
    else:
        hint = "replace or remove the character (emoji and rare symbols are not supported)"
    return Problem(loc, f"{subject} no glyph for {shown}{more}", hint=hint)
