"""The one place the deck reaches below python-pptx's public API: the XML element behind each of
its objects, the slide list, a part's bytes, and small DrawingML helpers for what python-pptx has no
API for (alt text, z-order, list styles). partnames.py, which replaces two of its package methods,
is the other. Both check the python-pptx version first (handouts/libraries.py)."""

from __future__ import annotations

import pptx
from lxml import etree
from pptx.oxml.ns import qn

from handouts.libraries import require

require("python-pptx", pptx.__version__)


def element(proxy):
    """The XML element behind a python-pptx object (a shape, a layout, a master, a placeholder)."""
    return proxy._element


def txbody(text_frame):
    """A text frame's <p:txBody> (or <a:txBody>) element."""
    return text_frame._txBody


def slide_id_list(prs):
    """The presentation's <p:sldIdLst>: the slides in order."""
    return prs.slides._sldIdLst


def hide(slide) -> None:
    """Mark a slide hidden (show="0"): kept in the file, skipped in the slide show."""
    slide._element.set("show", "0")


def set_blob(part, blob: bytes) -> None:
    """Replace the bytes of a part python-pptx keeps as bytes (a theme)."""
    part._blob = blob

DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def srgb(parent, color: str):
    """Append <a:solidFill><a:srgbClr val="RRGGBB"/></a:solidFill> to `parent`."""
    fill = etree.SubElement(parent, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=color.lstrip("#").upper())
    return fill


def c_nv_pr(shape):
    """The shape's cNvPr element, which holds its name and alt text (`descr`)."""
    return element(shape).find(".//" + qn("p:cNvPr"))


def set_alt_text(shape, text: str) -> None:
    c_nv_pr(shape).set("descr", text)


def mark_decorative(shape) -> None:
    """Tell screen readers to skip a purely visual shape (PowerPoint's 'Mark as decorative')."""
    cnv = c_nv_pr(shape)
    ext_lst = etree.SubElement(cnv, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=DECORATIVE_URI)
    etree.SubElement(ext, f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS}, val="1")


def drop_style(shape) -> None:
    """Remove an autoshape's theme style reference, whose shadow some programs draw regardless."""
    style = element(shape).find(qn("p:style"))
    if style is not None:
        element(shape).remove(style)


def send_to_back(shape) -> None:
    """Move a shape behind the others (first after the tree's own properties)."""
    node = element(shape)
    tree = node.getparent()
    tree.remove(node)
    tree.insert(2, node)


def ph_list_style(placeholder_element, level1: dict, color: str | None = None, bold: bool | None = None):
    """Replace a layout placeholder's list style with one level-1 style (alignment, colour, weight)."""
    tx_body = placeholder_element.find(qn("p:txBody"))
    old = tx_body.find(qn("a:lstStyle"))
    new = etree.Element(qn("a:lstStyle"))
    lvl = etree.SubElement(new, qn("a:lvl1pPr"), **level1)
    if level1.get("marL") == "0":
        etree.SubElement(lvl, qn("a:buNone"))
    rpr = etree.SubElement(lvl, qn("a:defRPr"), cap="none")
    if bold is not None:
        rpr.set("b", "1" if bold else "0")
    if color:
        srgb(rpr, color)
    old.addprevious(new)
    tx_body.remove(old)


def body_pr(placeholder_element):
    return placeholder_element.find(qn("p:txBody")).find(qn("a:bodyPr"))


def no_autofit(body_pr_element) -> None:
    for child in list(body_pr_element):
        if child.tag in (qn("a:normAutofit"), qn("a:spAutoFit"), qn("a:noAutofit")):
            body_pr_element.remove(child)
    # the autofit choice follows an optional prstTxWarp and precedes everything else
    first = body_pr_element[0] if len(body_pr_element) else None
    at = 1 if first is not None and first.tag == qn("a:prstTxWarp") else 0
    body_pr_element.insert(at, etree.Element(qn("a:noAutofit")))
