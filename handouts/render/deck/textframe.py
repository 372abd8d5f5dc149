"""Writing paragraphs into a text frame exactly as typeset.py measured them.

Every number that changes how many lines text takes (size, weight, line pitch, spacing, indents,
insets, capitals, letter spacing) is written on the slide itself, so a template's styles cannot
make the text taller than planned. Colours are left to the template unless given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from lxml import etree
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn

from handouts.model.inline import Run
from handouts.render.deck import ooxml, typeset
from handouts.render.deck.geometry import EMU_PER_PT, INSET_X, INSET_Y
from handouts.render.deck.slide import NUMBER, PLAIN, Item
from handouts.scripts import grouped_numbers, has_complex, right_to_left


class ParaSpec(NamedTuple):
    runs: tuple[Run, ...]
    size: float
    pitch: float
    indent: float = 0.0  # points
    hang: float = 0.0  # points the marker sits left of the text
    space_before: float = 0.0
    marker: str = PLAIN
    start_at: int = 1
    align: str = "l"
    color: str | None = None  # '#RRGGBB', or None to keep the template's
    marker_color: str | None = None


def specs_for_items(items: tuple[Item, ...], size: float, min_size: float, colors: Mapping[str, str] | None,
                    force_color: str | None = None, marker_tone: str = "primary") -> list[ParaSpec]:
    """ParaSpecs for body items; colours only when `colors` (the built-in look) or forced."""
    specs, start = [], 1
    for i, item in enumerate(items):
        p = typeset.para(item, size, min_size)
        if item.marker == NUMBER and (i == 0 or items[i - 1].marker != NUMBER):
            start = item.number  # a list continued from the last slide keeps counting
        color = force_color or (colors.get(item.tone) if colors and item.tone else None)
        specs.append(ParaSpec(
            runs=item.styled_runs(), size=p.size, pitch=p.line_spacing, indent=p.indent,
            hang=typeset.hang(item) if item.show_marker else 0.0,  # a continued point lines up with its text
            space_before=0.0 if i == 0 else p.space_before,
            marker=item.marker if item.show_marker else PLAIN, start_at=start, color=color,
            marker_color=colors[marker_tone] if colors else None))
    return specs


def setup_frame(text_frame, anchor: str | None = "t") -> None:
    text_frame.word_wrap = True
    text_frame.auto_size = MSO_AUTO_SIZE.NONE  # we measured; PowerPoint must not shrink or grow it
    body_pr = ooxml.txbody(text_frame).bodyPr
    # written even where they equal the defaults, so a template's own insets cannot apply
    for name, value in (("lIns", INSET_X), ("tIns", INSET_Y), ("rIns", INSET_X), ("bIns", INSET_Y)):
        body_pr.set(name, str(value))
    if anchor:
        text_frame.vertical_anchor = {"t": MSO_ANCHOR.TOP, "ctr": MSO_ANCHOR.MIDDLE, "b": MSO_ANCHOR.BOTTOM}[anchor]


P, PPR, _R, _RPR, _T = qn("a:p"), qn("a:pPr"), qn("a:r"), qn("a:rPr"), qn("a:t")
_ALIGN = {"l": "l", "ctr": "ctr", "r": "r"}


def write(text_frame, specs: list[ParaSpec], font: str, language: str) -> None:
    """Replace the frame's paragraphs with `specs`. Built with lxml directly: python-pptx's
    property setters search the tree for every attribute, which made this the deck's slowest step."""
    body = ooxml.txbody(text_frame)
    for p in body.findall(P):
        body.remove(p)
    rtl = right_to_left(language)
    for spec in specs:
        p = etree.SubElement(body, P)
        _paragraph_properties(etree.SubElement(p, PPR), spec, font, rtl)
        for run in spec.runs:
            add_run(p, hold_numbers(run.text, language, on_slide=True), spec.size, language, font=font,
                    bold=run.bold, italic=run.italic, color=spec.color, complex_text=run.text)
    if not specs:
        etree.SubElement(body, P)


def _paragraph_properties(ppr, spec: ParaSpec, font: str, rtl: bool = False) -> None:
    ppr.set("marL", str(round(spec.indent * EMU_PER_PT)))
    ppr.set("indent", str(-round(spec.hang * EMU_PER_PT)))
    ppr.set("lvl", "0")
    # right-to-left text starts at the right: PowerPoint orders and shapes it itself once told
    ppr.set("algn", {"l": "r", "r": "l"}.get(spec.align, spec.align) if rtl else _ALIGN[spec.align])
    if rtl:
        ppr.set("rtl", "1")
    line = etree.SubElement(etree.SubElement(ppr, qn("a:lnSpc")), qn("a:spcPts"))
    line.set("val", str(round(spec.pitch * 100)))
    before = etree.SubElement(etree.SubElement(ppr, qn("a:spcBef")), qn("a:spcPts"))
    before.set("val", str(round(spec.space_before * 100)))
    after = etree.SubElement(etree.SubElement(ppr, qn("a:spcAft")), qn("a:spcPts"))
    after.set("val", "0")
    if spec.marker == PLAIN:
        etree.SubElement(ppr, qn("a:buNone"))
        return
    if spec.marker_color:
        clr = etree.SubElement(ppr, qn("a:buClr"))
        etree.SubElement(clr, qn("a:srgbClr"), val=spec.marker_color.lstrip("#").upper())
    etree.SubElement(ppr, qn("a:buFont"), typeface=font)
    if spec.marker == NUMBER:
        num = etree.SubElement(ppr, qn("a:buAutoNum"), type="arabicPeriod")
        if spec.start_at != 1:
            num.set("startAt", str(spec.start_at))
    else:
        etree.SubElement(ppr, qn("a:buChar"), char="\u2022")


def add_run(p, text: str, size: float, language: str, font: str | None = None, bold: bool | None = None,
            italic: bool | None = None, color: str | None = None, complex_text: str = "") -> None:
    """One <a:r>: size, weight, slant, language, colour and typeface written on the run itself."""
    r = etree.SubElement(p, _R)
    rpr = etree.SubElement(r, _RPR)
    rpr.set("sz", str(int(size * EMU_PER_PT) // 127))  # centipoints, rounded as python-pptx rounds them
    if bold is not None:
        rpr.set("b", "1" if bold else "0")
    if italic is not None:
        rpr.set("i", "1" if italic else "0")
    rpr.set("lang", language)
    if font is not None:
        rpr.set("cap", "none")  # a template's ALL CAPS title style would change widths and readability
        rpr.set("spc", "0")
        if color:
            clr = etree.SubElement(etree.SubElement(rpr, qn("a:solidFill")), qn("a:srgbClr"))
            clr.set("val", color.lstrip("#").upper())
        etree.SubElement(rpr, qn("a:latin"), typeface=font)
        if has_complex(complex_text):  # the typeface PowerPoint uses for these letters
            etree.SubElement(rpr, qn("a:cs"), typeface=font)
    etree.SubElement(r, _T).text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")  # written as _xHHHH_, as python-pptx does


LRM = "\u200e"


def hold_numbers(text: str, language: str, on_slide: bool = False) -> str:
    """Each number of several groups ("011-234-5678") held together. On a slide, its hyphens do not
    break (PowerPoint would break a line after a plain one; the planner, which breaks at spaces
    only, measured it whole). Right to left, a left-to-right mark goes before it and no-break spaces
    (which join digits, where a plain space separates them) inside it, so its groups keep their order."""
    rtl = right_to_left(language)
    if not (rtl or on_slide):
        return text
    out, last = [], 0
    for start, end in grouped_numbers(text):
        number = text[start:end].replace("-", "\u2011") if on_slide else text[start:end]
        out += [text[last:start], LRM + number.replace(" ", "\u00a0") if rtl else number]
        last = end
    return "".join(out) + text[last:]
