"""Writing the slide plan with python-pptx: one slide per SlidePlan, on the layout it names.

Titles always go in the layout's title placeholder and body text in its body placeholder, so
screen readers and PowerPoint's outline see the structure. Everything else (band, panel, icon,
pictures, slide number) is drawn on top of the layout.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

from handouts.model.inline import Run
from handouts.render import pictures
from handouts.render.deck import grid, ooxml, textframe, typeset
from handouts.render.deck.geometry import EMU_PER_PT, Box, Geometry, inches
from handouts.render.deck.partnames import name_parts_directly
from handouts.render.deck.qr import qr_png
from handouts.render.deck.slide import SlidePlan
from handouts.render.deck.template import body_placeholder, find_layout
from handouts.render.deck.textframe import ParaSpec
from handouts.scripts import right_to_left
from handouts.theme.labels import Labels
from handouts.theme.themes import Theme

SLIDE_NUMBER_SIZE = 14
ICON_MARK_SIZE = 28


class Renderer:
    def __init__(self, prs, theme: Theme, geometry: Geometry, labels: Labels, language: str,
                 overdue: tuple[str, str] = ("", "")):
        self.prs, self.theme, self.geometry, self.language = prs, theme, geometry, language
        self.overdue = overdue  # (the sentence for the title slide, the mark at every slide's foot)
        self.rtl = right_to_left(language)
        self.labels = labels
        self.font = theme.fonts.slides
        self.colors = theme.colors
        self.min_size = theme.slides.min_body_size
        self.notes_size = theme.slides.notes_size
        self._body_idx: dict[int, int | None] = {}
        self.slides = name_parts_directly(prs)  # adds slides in constant time, however long the deck

    def render(self, plans: list[SlidePlan]) -> None:
        # the talk's slides count up to the talk's own total; the hidden appendix after it, to the deck's
        talk = sum(1 for plan in plans if not plan.hidden)
        for number, plan in enumerate(plans, 1):
            self.slide(plan, number, len(plans) if plan.hidden else talk)

    def slide(self, plan: SlidePlan, number: int, total: int) -> None:
        layout = find_layout(self.prs, plan.layout)
        slide = self.slides.add_slide(layout)
        # the slide's placeholders by idx, read once: each python-pptx lookup walks every shape
        placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        self.title(placeholders.get(0), plan)
        self.body(slide, placeholders.get(self.body_idx(layout)), plan)
        if plan.panel_box:
            self.panel(slide, plan)
        if plan.kind == "get_help":
            self.get_help_look(slide, plan)
        for aside in plan.asides:
            self.aside(slide, aside)
        for picture in plan.pictures:
            self.picture(slide, picture)
        if plan.table:
            grid.draw(self, slide, plan.table)
        for label in plan.labels:
            color = self.colors[label.tone or "ink"] if self.geometry.builtin else None
            spec = ParaSpec(runs=(Run(label.text, bold=label.bold),), size=label.size,
                            pitch=typeset.pitch(label.size), align=label.align, color=color)
            self.text_box(slide, label.box, [spec], label.name)
        self.slide_number(slide, number, total)
        if self.overdue[1]:
            self.overdue_marks(slide, number == 1)
        self.notes(slide, plan)
        self.drop_empty_placeholders(placeholders.values())
        if plan.hidden:  # the appendix of a timed talk: skipped in the slide show, there for questions
            ooxml.hide(slide)

    def body_idx(self, layout) -> int | None:
        key = id(ooxml.element(layout))
        if key not in self._body_idx:
            body = body_placeholder(layout)
            self._body_idx[key] = body.placeholder_format.idx if body is not None else None
        return self._body_idx[key]

    @staticmethod
    def drop_empty_placeholders(placeholders) -> None:
        """A template's extra placeholders (a picture, a second text box) would say "Click to add"."""
        for ph in placeholders:
            parent = ooxml.element(ph).getparent()
            if parent is None or (ph.has_text_frame and ph.text_frame.text.strip()):
                continue  # already removed, or holding text
            parent.remove(ooxml.element(ph))

    def builtin_colors(self) -> Mapping[str, str] | None:
        return self.colors if self.geometry.builtin else None

    # -- text ------------------------------------------------------------------------------

    def title(self, shape, plan: SlidePlan) -> None:
        self.place(shape, plan.title_box)
        textframe.setup_frame(shape.text_frame, anchor=None)
        spec = ParaSpec(runs=(Run(plan.title, bold=True),), size=plan.title_size,
                        pitch=typeset.title_pitch(plan.title_size))
        textframe.write(shape.text_frame, [spec], self.font, self.language)

    def body(self, slide, shape, plan: SlidePlan) -> None:
        if shape is None:
            return
        if not plan.items:  # an empty placeholder would show "Click to add text"
            ooxml.element(shape).getparent().remove(ooxml.element(shape))
            return
        self.place(shape, plan.body_box)
        # centred in its box; two columns are placed lower instead, so their first lines align
        textframe.setup_frame(shape.text_frame, anchor="ctr" if plan.centred and not plan.second else "t")
        ink = self.colors["ink"] if plan.panel_box else None  # on our own tinted panel
        specs = textframe.specs_for_items(plan.items, plan.body_size, self.min_size, self.builtin_colors(), ink,
                                          marker_tone=plan.panel_tone or "primary")
        textframe.write(shape.text_frame, specs, self.font, self.language)
        if plan.second and plan.second_box:  # the second column: the same list, beside the first
            specs = textframe.specs_for_items(plan.second, plan.body_size, self.min_size, self.builtin_colors(), ink,
                                              marker_tone=plan.panel_tone or "primary")
            self.text_box(slide, plan.second_box, specs, "Second column")

    def text_box(self, slide, box: Box, specs: list[ParaSpec], name: str, anchor: str = "t"):
        shape = slide.shapes.add_textbox(Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
        shape.name = name
        textframe.setup_frame(shape.text_frame, anchor=anchor)
        textframe.write(shape.text_frame, specs, self.font, self.language)
        return shape

    def slide_number(self, slide, number: int, total: int) -> None:
        color = self.colors["muted"] if self.geometry.builtin else None
        spec = ParaSpec(runs=(Run(self.labels.slide("slide_number", n=number, total=total)),), size=SLIDE_NUMBER_SIZE,
                        pitch=typeset.pitch(SLIDE_NUMBER_SIZE), align="r", color=color)
        self.text_box(slide, self.geometry.slide_number_box(), [spec], "Slide number", anchor="b")

    def overdue_marks(self, slide, title_slide: bool) -> None:
        """A deck built past its review date says so at the foot of every slide and, in full, across
        the top of the title slide: no single slide shown or printed can pass for a current one."""
        c = self.colors
        spec = ParaSpec(runs=(Run(self.overdue[1], bold=True),), size=SLIDE_NUMBER_SIZE,
                        pitch=typeset.pitch(SLIDE_NUMBER_SIZE), align="r" if self.rtl else "l", color=c["get_help"])
        self.text_box(slide, self.geometry.overdue_box(), [spec], "Review overdue", anchor="b")
        if title_slide:
            strip = self.geometry.overdue_strip()
            self.filled(slide, MSO_SHAPE.RECTANGLE, strip, c["get_help"], "Review overdue strip")
            inner = Box(strip.x + self.geometry.margin, strip.y, strip.w - 2 * self.geometry.margin, strip.h)
            spec = ParaSpec(runs=(Run(self.overdue[0], bold=True),), size=SLIDE_NUMBER_SIZE,
                            pitch=typeset.pitch(SLIDE_NUMBER_SIZE), align="ctr", color=c["paper"])
            self.text_box(slide, inner, [spec], "Review overdue notice", anchor="ctr")

    def notes(self, slide, plan: SlidePlan) -> None:
        body = ooxml.txbody(self.slides.notes_slide(slide).notes_text_frame)
        for p in body.findall(textframe.P):
            body.remove(p)
        texts = plan.notes
        for text in texts:
            p = etree.SubElement(body, textframe.P)
            if self.rtl:
                etree.SubElement(p, textframe.PPR, rtl="1", algn="r")
            textframe.add_run(p, textframe.hold_numbers(text, self.language), self.notes_size, self.language)
        if not texts:
            etree.SubElement(body, textframe.P)

    # -- shapes ----------------------------------------------------------------------------

    @staticmethod
    def place(shape, box: Box | None) -> None:
        """Give a placeholder its planned box. Written out even when the layout's is the same:
        reading a placeholder's inherited position costs far more than writing one."""
        if box is not None:
            shape.left, shape.top, shape.width, shape.height = Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h)

    def filled(self, slide, kind, box: Box, fill: str, name: str, line: str | None = None):
        shape = slide.shapes.add_shape(kind, Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
        shape.name = name
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(fill)
        if line:
            shape.line.color.rgb = _rgb(line)
            shape.line.width = Pt(2.5)
        else:
            shape.line.fill.background()
        ooxml.drop_style(shape)
        return shape

    def get_help_look(self, slide, plan: SlidePlan) -> None:
        """Colour, an icon and the word for the kind in the title: never colour alone."""
        c = self.colors
        if self.geometry.builtin:
            band = self.filled(slide, MSO_SHAPE.RECTANGLE, self.geometry.band(), c["get_help"], "Alert band")
            ooxml.mark_decorative(band)
            ooxml.send_to_back(band)
        if plan.icon_box:
            self.warning_icon(slide, plan.icon_box)

    def panel(self, slide, plan: SlidePlan) -> None:
        """A tinted panel behind the body; get-help panels also get a border in their colour."""
        assert plan.panel_box is not None  # drawn only for a plan with a panel
        tone = plan.panel_tone
        name = "Alert panel" if tone == "get_help" else "Panel"
        line = self.colors[tone] if tone == "get_help" else None
        shape = self.filled(slide, MSO_SHAPE.RECTANGLE, plan.panel_box, self.colors[f"{tone}_light"], name, line)
        ooxml.mark_decorative(shape)
        ooxml.send_to_back(shape)

    def aside(self, slide, aside) -> None:
        c = self.colors
        panel = self.filled(slide, MSO_SHAPE.RECTANGLE, aside.panel, c[f"{aside.kind}_light"], f"{aside.kind} panel")
        ooxml.mark_decorative(panel)
        width = inches(0.1)
        bar = Box(aside.panel.right - width if self.rtl else aside.panel.x, aside.panel.y, width, aside.panel.h)
        ooxml.mark_decorative(self.filled(slide, MSO_SHAPE.RECTANGLE, bar, c[aside.kind], f"{aside.kind} bar"))
        specs = textframe.specs_for_items(aside.items, aside.size, self.min_size, self.builtin_colors(), c["ink"],
                                          marker_tone=aside.kind)
        self.text_box(slide, aside.text_box, specs, f"{aside.kind.capitalize()} text")

    def warning_icon(self, slide, box: Box) -> None:
        group = slide.shapes.add_group_shape()
        group.name = "Warning icon"
        triangle = group.shapes.add_shape(MSO_SHAPE.ISOSCELES_TRIANGLE, Emu(box.x), Emu(box.y), Emu(box.w),
                                          Emu(box.h))
        triangle.name = "Warning triangle"
        triangle.fill.solid()
        triangle.fill.fore_color.rgb = _rgb(self.colors["get_help"])
        triangle.line.fill.background()
        ooxml.drop_style(triangle)
        mark_h = min(box.h, inches(0.6))
        mark = group.shapes.add_textbox(Emu(box.x), Emu(box.bottom - mark_h - inches(0.02)), Emu(box.w), Emu(mark_h))
        mark.name = "Exclamation mark"
        textframe.setup_frame(mark.text_frame, anchor="b")
        spec = ParaSpec(runs=(Run("!", bold=True),), size=ICON_MARK_SIZE, pitch=typeset.pitch(ICON_MARK_SIZE),
                        align="ctr", color=self.colors["paper"])
        textframe.write(mark.text_frame, [spec], self.font, self.language)
        ooxml.set_alt_text(group, self.labels.slide("warning_sign"))
        ooxml.set_alt_text(triangle, self.labels.slide("warning_sign"))

    def picture(self, slide, picture) -> None:
        box = picture.box
        source = io.BytesIO(qr_png(picture.qr_data) if picture.qr_data else
                            pictures.for_print(picture.picture, box.w / EMU_PER_PT, box.h / EMU_PER_PT))
        shape = slide.shapes.add_picture(source, Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
        shape.name = picture.name
        ooxml.set_alt_text(shape, picture.alt)


def _rgb(color: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(color.lstrip("#"))


def render(prs, plans: list[SlidePlan], theme: Theme, geometry: Geometry, labels: Labels, language: str,
           overdue: tuple[str, str] = ("", "")) -> None:
    Renderer(prs, theme, geometry, labels, language, overdue).render(plans)
