"""The built-in look, used when no --template is given: python-pptx's default deck, restyled.

It takes the handout theme's colours and the slide font, so the deck and the PDF look like one
brand: a primary-coloured title band, dark text on white, a tinted section divider. Placeholder
boxes come from geometry.builtin_geometry, the same boxes the planner measures against.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.xmlchemy import OxmlElement

from handouts.render.deck import ooxml
from handouts.render.deck.geometry import (
    SECTION_HEADER,
    TITLE_BAND_HEIGHT,
    TITLE_SLIDE,
    Box,
    Geometry,
    builtin_geometry,
    inches,
)
from handouts.theme.themes import Theme

THEME_NAME = "Handouts"


def apply_builtin(prs, theme: Theme, aspect: str) -> Geometry:
    geometry = builtin_geometry(aspect)
    master = prs.slide_masters[0]
    _theme_part(master, theme)
    _master(master, theme, geometry)
    for layout in master.slide_layouts:
        boxes = geometry.layouts.get(layout.name)
        if boxes is None:
            continue
        for ph in layout.placeholders:
            idx = ph.placeholder_format.idx
            box = boxes.title if idx == 0 else boxes.body if idx == 1 else None
            if box is not None:
                _place(ph, box)
                ooxml.no_autofit(ooxml.body_pr(ooxml.element(ph)))
        if layout.name == TITLE_SLIDE:
            _title_slide_layout(layout, theme, geometry)
        elif layout.name == SECTION_HEADER:
            _section_layout(layout, theme, geometry)
    return geometry


def _place(shape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = box.x, box.y, box.w, box.h


def _theme_part(master, theme: Theme) -> None:
    """Colour and font scheme of the deck's theme: the handout's colours, the slide font."""
    part = master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    root.set("name", THEME_NAME)
    c = theme.colors
    scheme = {"dk1": c["ink"], "lt1": c["paper"], "dk2": c["primary"], "lt2": c["primary_light"],
              "accent1": c["primary"], "accent2": c["get_help"], "accent3": c["tip"], "accent4": c["note"],
              "accent5": c["rule"], "accent6": c["muted"], "hlink": c["primary"], "folHlink": c["note"]}
    clr = root.find(f".//{qn('a:clrScheme')}")
    clr.set("name", THEME_NAME)
    for name, color in scheme.items():
        slot = clr.find(qn(f"a:{name}"))
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr"), val=color.lstrip("#"))
    fonts = root.find(f".//{qn('a:fontScheme')}")
    fonts.set("name", THEME_NAME)
    for latin in fonts.iter(qn("a:latin")):
        latin.set("typeface", theme.fonts.slides)
    ooxml.set_blob(part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _solid_bg(c_sld, color: str) -> None:
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    bg = OxmlElement("p:bg")
    bg_pr = etree.SubElement(bg, qn("p:bgPr"))
    ooxml.srgb(bg_pr, color)
    etree.SubElement(bg_pr, qn("a:effectLst"))
    c_sld.insert(0, bg)


def _rect(sp_tree, shape_id: int, name: str, box: Box, color: str) -> None:
    """A filled, borderless rectangle at the back of a master or layout."""
    sp = CT_Shape.new_autoshape_sp(shape_id, name, "rect", box.x, box.y, box.w, box.h)
    sp_pr = sp.find(qn("p:spPr"))
    ooxml.srgb(sp_pr, color)  # after prstGeom, before the line, as the schema orders them
    ln = etree.SubElement(sp_pr, qn("a:ln"))
    etree.SubElement(ln, qn("a:noFill"))
    style = sp.find(qn("p:style"))
    if style is not None:
        sp.remove(style)
    sp_tree.insert(2, sp)


def _master(master, theme: Theme, geometry: Geometry) -> None:
    c = theme.colors
    _solid_bg(ooxml.element(master).cSld, c["paper"])
    _rect(ooxml.element(master).cSld.spTree, 90, "Title band", geometry.band(), c["primary"])
    boxes = geometry.layouts["Title and Content"]
    assert boxes.body is not None  # builtin_geometry gives this layout a body
    for ph in master.placeholders:
        kind = ph.placeholder_format.idx
        if kind in (0, 1):
            _place(ph, boxes.title if kind == 0 else boxes.body)
            ooxml.no_autofit(ooxml.body_pr(ooxml.element(ph)))
    styles = ooxml.element(master).find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    _recolor(title.find(qn("a:defRPr")), c["on_primary"], bold=True)
    for level in styles.find(qn("p:bodyStyle")):
        rpr = level.find(qn("a:defRPr"))
        if rpr is not None:
            _recolor(rpr, c["ink"])


def _recolor(rpr, color: str, bold: bool | None = None) -> None:
    for fill in rpr.findall(qn("a:solidFill")):
        rpr.remove(fill)
    fill = ooxml.srgb(rpr, color)
    rpr.remove(fill)
    rpr.insert(0, fill)  # colour is the first child of a run's properties
    if bold is not None:
        rpr.set("b", "1" if bold else "0")


def _title_slide_layout(layout, theme: Theme, geometry: Geometry) -> None:
    c = theme.colors
    ooxml.element(layout).set("showMasterSp", "0")
    _rect(ooxml.element(layout).cSld.spTree, 90, "Title band", Box(0, 0, geometry.width, TITLE_BAND_HEIGHT),
          c["primary"])
    _style_placeholders(layout, c["on_primary"], c["ink"], {"marL": "0", "indent": "0", "algn": "l"})


def _section_layout(layout, theme: Theme, geometry: Geometry) -> None:
    c = theme.colors
    ooxml.element(layout).set("showMasterSp", "0")
    _solid_bg(ooxml.element(layout).cSld, c["primary_light"])
    _rect(ooxml.element(layout).cSld.spTree, 90, "Accent bar", Box(0, 0, inches(0.3), geometry.height), c["primary"])
    title = geometry.layouts[SECTION_HEADER].title
    _rect(ooxml.element(layout).cSld.spTree, 91, "Rule", Box(title.x, title.bottom + inches(0.05), inches(2.0),
                                                          inches(0.07)), c["primary"])
    _style_placeholders(layout, c["primary"], c["ink"], {"algn": "l"})


def _style_placeholders(layout, title_color: str, body_color: str, body_para: dict) -> None:
    """Title (idx 0) sits on the bottom of its box in bold; the body (idx 1) starts at the top."""
    for ph in layout.placeholders:
        idx = ph.placeholder_format.idx
        if idx == 0:
            ooxml.body_pr(ooxml.element(ph)).set("anchor", "b")
            ooxml.ph_list_style(ooxml.element(ph), {"algn": "l"}, title_color, bold=True)
        elif idx == 1:
            ooxml.body_pr(ooxml.element(ph)).set("anchor", "t")
            ooxml.ph_list_style(ooxml.element(ph), body_para, body_color)
