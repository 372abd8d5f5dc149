"""Theme accessibility: WCAG 2.2 contrast for every text style, body sizes per profile, and
callout kinds marked by more than colour. A problem is reported once, at the theme line that set
the colour or size, not once for every style that inherits it."""

from __future__ import annotations

from handouts.errors import Loc, Problem
from handouts.model import CALLOUT_KINDS as KINDS
from handouts.review.checks import Check
from handouts.theme.profiles import PROFILES

AA_TEXT, AA_LARGE, AA_GRAPHICS = 4.5, 3.0, 3.0
MIN_ANY = 9.0  # footers and captions may be smaller than body text, never smaller than this


def luminance(hex_color: str) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(fg: str, bg: str) -> float:
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def is_large(size: float, bold: bool) -> bool:
    return size >= 18 or (bold and size >= 14)


def contrast_problems(theme, profiles) -> list[Problem]:
    """One problem per pair of colours too close for the text set in them, in any of `profiles`."""
    pairs: dict[tuple[str, str], tuple[float, list[str]]] = {}  # (fg, bg) -> (ratio needed, style names)
    for profile in profiles:
        scale, floor = theme.profile(profile)
        for name in theme.styles:
            s = theme.style(name, scale, floor)
            need = AA_LARGE if is_large(s.size, s.bold) else AA_TEXT
            if ratio(s.color, s.background) < need:
                key = (s.color_name, s.background_name)
                old_need, names = pairs.get(key, (0.0, []))
                pairs[key] = (max(old_need, need), names if name in names else [*names, name])
    for fg, bg in (("on_primary", "primary"), ("ink", "paper"), ("primary", "paper")):  # the slides' pairs
        if fg in theme.colors and bg in theme.colors and ratio(theme.colors[fg], theme.colors[bg]) < AA_TEXT:
            old_need, names = pairs.get((fg, bg), (0.0, []))
            pairs[(fg, bg)] = (AA_TEXT, [*names, "slides"])
    # One message per colour at fault, at the line that set it: the one the user's own theme file
    # changed, when it changed just one of the pair; otherwise the text colour.
    def own(name: str) -> bool:
        return theme.color_loc(name).file == theme.file

    faults: dict[str, list[str]] = {}
    needs: dict[str, float] = {}
    for (fg, bg), (need, names) in pairs.items():
        got = ratio(theme.colors[fg], theme.colors[bg])
        culprit = bg if own(bg) and not own(fg) else fg
        other = f"on '{bg}'" if culprit == fg else f"under '{fg}' text"
        faults.setdefault(culprit, []).append(f"{got:.2f}:1 {other} ({', '.join(names)})")
        needs[culprit] = max(needs.get(culprit, 0.0), need)
    return [Problem(theme.color_loc(name), f"colour '{name}' ({theme.colors[name]}) has too little contrast for "
                    f"the text set with it: " + "; ".join(found) + f"; text needs {needs[name]}:1",
                    f"colors.{name}", "choose a darker or lighter shade so text stands out")
            for name, found in faults.items()]


def theme_checks(theme, labels, profiles=tuple(PROFILES)) -> list[Check]:
    loc = Loc(theme.file)
    low = contrast_problems(theme, profiles)
    which = " and ".join(profiles)
    checks = [Check(f"Text contrast (WCAG AA), {which}", not low,
                    "every text style reaches 4.5:1 (3:1 for large text)" if not low
                    else f"{len(low)} pair(s) of colours too close", low)]
    for profile in profiles:
        scale, floor = theme.profile(profile)
        small = [Problem(loc, f"style '{name}' comes out at {size:g} pt in {profile} print; the smallest readable "
                              f"size is {MIN_ANY:g} pt", f"styles.{name}", "sizes are scaled so the body reaches the "
                              "profile's body_size; keep the styles in proportion to body")
                 for name in theme.styles if (size := theme.style(name, scale, floor).size) < MIN_ANY]
        checks.append(Check(f"No tiny text ({profile})", not small,
                            f"every style at least {MIN_ANY:g} pt" if not small else f"{len(small)} style(s) too small",
                            small))
        body, need = theme.style("body", scale, floor).size, PROFILES[profile]
        checks.append(Check(f"Body text size ({profile})", body >= need, f"{body:g} pt (at least {need:g} pt)",
                            [] if body >= need else [Problem(loc, f"body text is {body:g} pt; {profile} needs at "
                                                                  f"least {need:g} pt",
                                                             f"profiles.{profile}.body_size")]))
    weak = []
    for kind in KINDS:  # the word and the icon come from the labels and the renderers; the colours are the theme's
        colour, light = theme.colors.get(kind), theme.colors.get(f"{kind}_light")
        if colour and light and ratio(colour, light) < AA_GRAPHICS:
            weak.append(Problem(theme.color_loc(kind), f"the '{kind}' icon and border ({colour}) on {light} have "
                                f"contrast {ratio(colour, light):.2f}:1; needs {AA_GRAPHICS}:1", f"colors.{kind}"))
    words = ", ".join(labels.callout(k) for k in KINDS)
    checks.append(Check("Callouts marked by more than colour", not weak,
                        f"each kind has its own word ({words}) and icon", weak))
    return checks
