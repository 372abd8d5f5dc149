"""Opening the deck to fill: the built-in look, or a clinic's own .pptx template.

Layouts are found by name, in every slide master of the template. The boxes the planner measures
against are read from the layouts' own placeholders, so a template's design decides where text goes.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from handouts.errors import ContentError, Loc, Problem
from handouts.render.deck import ooxml
from handouts.render.deck.builtin import apply_builtin
from handouts.render.deck.geometry import EMU_PER_INCH, SLIDE_SIZES, Box, Geometry, LayoutBoxes
from handouts.render.deck.package import HINT, TemplateFile
from handouts.theme.themes import Theme

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
MIN_BOX_PT = 50  # room for a line of the largest text, so every item can be placed somewhere


def open_deck(template: TemplateFile | None, aspect: str, theme: Theme, needed: list[str]):
    """The presentation to add slides to, and the geometry of its layouts."""
    width, height = SLIDE_SIZES[aspect]
    if template is None:
        prs = Presentation()
        resize(prs, width, height)
        return prs, apply_builtin(prs, theme, aspect)
    prs = _open(template)
    if prs.slide_width is None or prs.slide_height is None or not prs.slide_width or not prs.slide_height:
        raise ContentError([Problem(Loc(str(template)), "the template does not say its slide size (no <p:sldSz>)",
                                    hint="open it in PowerPoint, set Design > Slide Size, and save it again")])
    remove_slides(prs)
    resize(prs, width, height)
    return prs, read_geometry(prs, template, needed)


def _open(template: TemplateFile):
    try:
        return Presentation(io.BytesIO(template.data))
    except Exception as exc:  # python-pptx raises several types for a file that is not a deck
        raise ContentError([Problem(Loc(str(template)), f"cannot open the template ({exc})", hint=HINT)]) from None


def all_layouts(prs):
    for master in prs.slide_masters:
        yield from master.slide_layouts


def find_layout(prs, name: str):
    return next((layout for layout in all_layouts(prs) if layout.name == name), None)


def title_placeholder(layout):
    return next((ph for ph in layout.placeholders if ph.placeholder_format.type in TITLE_TYPES), None)


def body_placeholder(layout):
    return next((ph for ph in layout.placeholders
                 if ph.placeholder_format.type in BODY_TYPES and ph.placeholder_format.idx != 0), None)


def _box(shape) -> Box:
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def read_geometry(prs, template: TemplateFile, needed: list[str]) -> Geometry:
    where = Loc(str(template))
    names = [layout.name for layout in all_layouts(prs)]
    problems, layouts = [], {}
    for name in needed:
        layout = find_layout(prs, name)
        if layout is None:
            problems.append(Problem(where, f"the template has no layout named '{name}'",
                                    hint="its layouts are: " + ", ".join(names)))
            continue
        title, body = title_placeholder(layout), body_placeholder(layout)
        if title is None:
            problems.append(Problem(where, f"the template's layout '{name}' has no title placeholder",
                                    hint="add a title placeholder to it in the slide master view"))
            continue
        if body is None and name != "Title Only":
            problems.append(Problem(where, f"the template's layout '{name}' has no text placeholder",
                                    hint="add a content or text placeholder to it in the slide master view"))
            continue
        unplaced = [what for what, ph in (("title", title), ("text", body))
                    if ph is not None and None in (ph.left, ph.top, ph.width, ph.height)]
        if unplaced:
            problems.append(Problem(where, f"the {unplaced[0]} placeholder of layout '{name}' has no position "
                                           "or size, in the layout or its slide master",
                                    hint="move or resize it once in the slide master view, then save"))
            continue
        boxes = LayoutBoxes(_box(title), _box(body) if body is not None else None)
        for what, box in (("title", boxes.title), ("text", boxes.body)):
            if box is not None and (box.inner_height_pt < MIN_BOX_PT or box.inner_width_pt < MIN_BOX_PT):
                problems.append(Problem(where, f"the {what} placeholder of layout '{name}' is too small for text "
                                               f"({box.w / EMU_PER_INCH:.2f} x {box.h / EMU_PER_INCH:.2f} in)",
                                        hint="make it at least 1 inch wide and tall in the slide master view"))
        layouts[name] = boxes
    if problems:
        raise ContentError(problems)
    return Geometry(prs.slide_width, prs.slide_height, layouts, builtin=False)


def remove_slides(prs) -> None:
    """A template may hold example slides; the deck starts empty."""
    id_list = ooxml.slide_id_list(prs)
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def resize(prs, width: int, height: int) -> None:
    """Set the slide size and scale the masters and layouts to it, as PowerPoint's 'Slide Size' does.

    Pictures keep their proportions (scaled by the smaller factor, centred where they were).
    """
    old_w, old_h = prs.slide_width, prs.slide_height
    prs.slide_width, prs.slide_height = width, height
    if (old_w, old_h) == (width, height):
        return
    fx, fy = width / old_w, height / old_h
    for master in prs.slide_masters:
        for owner in (master, *master.slide_layouts):
            for shape in owner.shapes:
                _scale(shape, fx, fy)


def _scale(shape, fx: float, fy: float) -> None:
    own_box = ooxml.element(shape).xpath("./*[local-name()='spPr' or local-name()='grpSpPr']/*[local-name()='xfrm']"
                                   " | ./*[local-name()='xfrm']")  # the second form is a graphic frame's
    if not own_box:
        return  # a placeholder that inherits its box scales with its master's
    x, y, w, h = shape.left, shape.top, shape.width, shape.height
    if None in (x, y, w, h):
        return  # a box without a position or size: nothing to scale
    if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
        f = min(fx, fy)
        cx, cy = (x + w / 2) * fx, (y + h / 2) * fy
        w, h = w * f, h * f
        shape.left, shape.top, shape.width, shape.height = (round(cx - w / 2), round(cy - h / 2), round(w),
                                                            round(h))
        return
    shape.left, shape.top, shape.width, shape.height = round(x * fx), round(y * fy), round(w * fx), round(h * fy)

