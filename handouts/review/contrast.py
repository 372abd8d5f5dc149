"""Theme accessibility: WCAG 2.2 contrast for every text style, body sizes per profile, and
callout kinds marked by more than colour."""

from __future__ import annotations

from handouts.errors import Loc, Problem
from handouts.review.checks import Check
from handouts.model import CALLOUT_KINDS

AA_TEXT, AA_LARGE, AA_GRAPHICS = 4.5, 3.0, 3.0
MIN_BODY = {"standard": 12.0, "large-print": 18.0}
MIN_ANY = 9.0  # footers and captions may be smaller than body text, never smaller than this


def luminance(hex_color: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(fg: str, bg: str) -> float:
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def is_large(size: float, bold: bool) -> bool:
    return size >= 18 or (bold and size >= 14)


def theme_checks(theme, profile: str = "standard", common: bool = True) -> list[Check]:
    """The checks for one print profile; `common` adds those that do not depend on the profile."""
    loc = Loc(theme.file)
    scale, floor = theme.profile(profile)
    low = []
    for name in theme.styles:
        s = theme.style(name, scale, floor)
        need = AA_LARGE if is_large(s.size, s.bold) else AA_TEXT
        got = ratio(s.color, s.background)
        if got < need:
            low.append(Problem(loc, f"style '{name}': text {s.color} on {s.background} has contrast {got:.2f}:1; "
                               f"needs {need}:1", f"styles.{name}", "darken the text colour or lighten the background"))
    slide_pairs = [("on_primary", "primary"), ("ink", "paper"), ("primary", "paper")]
    for fg, bg in slide_pairs:
        if fg in theme.colors and bg in theme.colors and ratio(theme.colors[fg], theme.colors[bg]) < AA_TEXT:
            low.append(Problem(loc, f"colours '{fg}' on '{bg}' (used on slides) have contrast "
                               f"{ratio(theme.colors[fg], theme.colors[bg]):.2f}:1; needs {AA_TEXT}:1", "colors"))
    checks = [Check(f"Text contrast, {profile} (WCAG AA)", not low,
                    f"every text style reaches 4.5:1 (3:1 for large text), {profile} sizes" if not low
                    else f"{len(low)} style(s) too pale", low)]

    small = [(name, theme.style(name, scale, floor).size) for name in theme.styles]
    small = [Problem(loc, f"style '{name}' comes out at {size:g} pt in {profile} print; the smallest readable "
                     f"size is {MIN_ANY:g} pt", f"styles.{name}", "sizes are scaled so the body reaches the "
                     "profile's body_size; keep the styles in proportion to body")
             for name, size in small if size < MIN_ANY]
    checks.append(Check(f"No tiny text ({profile})", not small,
                        f"every style at least {MIN_ANY:g} pt" if not small else f"{len(small)} style(s) too small",
                        small))

    body = theme.style("body", scale, floor).size
    need = MIN_BODY[profile]
    checks.append(Check(f"Body text size ({profile})", body >= need, f"{body:g} pt (at least {need:g} pt)",
                        [] if body >= need else [Problem(loc, f"body text is {body:g} pt; {profile} needs at least "
                                                              f"{need:g} pt", f"profiles.{profile}.body_size")]))

    if not common:
        return checks
    weak = []
    for kind in CALLOUT_KINDS:  # the word and the icon are fixed in the renderers; the colours are the theme's
        colour, light = theme.colors.get(kind), theme.colors.get(f"{kind}_light")
        if colour and light and ratio(colour, light) < AA_GRAPHICS:
            weak.append(Problem(loc, f"the '{kind}' icon and border ({colour}) on {light} have contrast "
                                f"{ratio(colour, light):.2f}:1; needs {AA_GRAPHICS}:1", f"colors.{kind}"))
    checks.append(Check("Callouts marked by more than colour", not weak,
                        "each kind has its own word (" + ", ".join(CALLOUT_KINDS.values()) + ") and icon", weak))
    return checks
