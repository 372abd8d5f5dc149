#!/usr/bin/env python3
"""The baseline for bench/run.py: the same slides from content.yaml with python-pptx alone, with
the same fitting, notes and look.

What it does like the generator:
- the slides: the title slide (subtitle, clinic, month of review, logo), the main points, the
  agenda, the sub-sections two to a slide under their part's title (their slide points, else their
  blocks' first lines), a list set smaller (down to 20 pt) rather than split, the get-help, tip and
  note callouts, questions and answers, key points and the contact slide (with the QR code and its
  caption), slide numbers, and every block's text in the notes;
- the fitting: lists measured with the real font's advance widths (Arimo, through HarfBuzz),
  wrapped word by word and split over more slides when they do not fit; titles shrink until they
  fit two lines;
- the look: a coloured title band, white bold titles, coloured bold sub-headings, tinted panels
  (a red-bordered one with a warning triangle for getting help), tip and note panels with a bar,
  Arial on every run, and placeholders such as {{ clinic.phone }} filled.
What it skips: validation, theming, the template, verification and the safe write. Colours are
written in. Usage: bare_pptx.py CONTENT OUT.pptx
"""

import io
import re
import sys
from pathlib import Path

import fontpkg_arimo
import qrcode
import uharfbuzz as hb
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt
from ruamel.yaml import YAML

FONT = str(Path(fontpkg_arimo.__file__).parent / "files" / "Arimo[wght].ttf")
BODY_W, BODY_H = Inches(11.5), Inches(5.0)
SIZE, TITLE_SIZES = 24, (40, 36, 32, 28)


class Widths:
    def __init__(self, weight: int):
        face = hb.Face(hb.Blob.from_file_path(FONT))
        self.font, self.upem, self.cache = hb.Font(face), face.upem, {}
        self.font.set_variations({"wght": weight})

    def width(self, text: str, size: float) -> float:
        total = 0.0
        for ch in text:
            w = self.cache.get(ch)
            if w is None:
                w = self.cache[ch] = self.font.get_glyph_h_advance(self.font.get_nominal_glyph(ord(ch)) or 0) / self.upem
            total += w
        return total * size


def lines(widths: Widths, text: str, size: float, room: float) -> int:
    count, line = 1, ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and widths.width(trial, size) > room:
            count, line = count + 1, word
        else:
            line = trial
    return count


def pages(widths: Widths, points: list[str], size: float = SIZE) -> list[list[str]]:
    """Points in slides: each slide takes as many as fit its body, wrapped at the body width."""
    room, pitch = Emu(BODY_W).pt - size, size * 1.2 * 1.1
    out, page, used = [], [], 0.0
    for point in points:
        height = lines(widths, point, size, room) * pitch + size * 0.4
        if page and used + height > Emu(BODY_H).pt:
            out.append(page)
            page, used = [], 0.0
        page.append(point)
        used += height
    return out + [page] if page or not out else out


def title_size(widths: Widths, title: str) -> int:
    return next((s for s in TITLE_SIZES if lines(widths, title, s, Emu(BODY_W).pt) <= 2), TITLE_SIZES[-1])


def texts(block: dict) -> list[str]:
    kind, value = next(iter(block.items()))
    if kind == "paragraph":
        return [value]
    if kind in ("bullets", "numbered"):
        return list(value)
    if kind == "terms":
        return [f"{t['term']}: {t['text']}" for t in value]
    if kind == "faq":
        return [line for qa in value for line in (qa["q"], qa["a"])]
    if kind in ("steps", "callout"):
        return [value.get("title", ""), value.get("text", ""), *value.get("items", [])]
    return []


PRIMARY, PRIMARY_LIGHT, INK, MUTED = RGBColor(0x0B, 0x55, 0x63), RGBColor(0xE4, 0xF0, 0xF2), RGBColor(0x1A, 0x1A, 0x1A), RGBColor(0x4D, 0x4D, 0x4D)
HELP, HELP_LIGHT, WHITE = RGBColor(0xA4, 0x16, 0x1A), RGBColor(0xFC, 0xEB, 0xEA), RGBColor(0xFF, 0xFF, 0xFF)
ASIDE = {"tip": (RGBColor(0x1D, 0x6B, 0x35), RGBColor(0xE8, 0xF4, 0xEC)),
         "note": (RGBColor(0x3B, 0x4A, 0x5E), RGBColor(0xEE, 0xF1, 0xF6))}
FONT_NAME = "Arial"


def fill(value, data: dict):
    """Every text with {{ clinic.phone }} and the like replaced by the field's value."""
    if isinstance(value, str):
        return re.sub(r"\{\{\s*(clinic|meta)\.(\w+)\s*\}\}", lambda m: str(data[m.group(1)].get(m.group(2), "")), value)
    if isinstance(value, list):
        return [fill(v, data) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, data) for k, v in value.items()}
    return value


def style(run, size, bold=False, color=None):
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT_NAME
    if color is not None:
        run.font.color.rgb = color


def write_lines(frame, lines, size):
    """lines: (text, bold, color, size or None) as paragraphs of the frame."""
    frame.word_wrap = True
    for i, (text, bold, color, own) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_before = Pt(0 if i == 0 else 6)
        paragraph.line_spacing = 1.1
        run = paragraph.add_run()
        run.text = text
        style(run, own or size, bold, color)


def rectangle(slide, left, top, width, height, color, line=None, kind=MSO_SHAPE.RECTANGLE):
    shape = slide.shapes.add_shape(kind, left, top, width, height)
    shape.fill.solid()
    shape.fill.fore_color.rgb = color
    if line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb, shape.line.width = line, Pt(2.5)
    return shape


def to_back(shape):
    tree = shape._element.getparent()
    tree.remove(shape._element)
    tree.insert(2, shape._element)


def main(content: str, out: str) -> None:
    raw = YAML(typ="safe").load(open(content, encoding="utf-8"))
    data = fill(raw, raw)
    regular, bold = Widths(400), Widths(700)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    meta, clinic = data["meta"], data["clinic"]
    logo = str(Path(content).parent / clinic["logo"])

    def add(layout, title, lines=(), notes=(), band=PRIMARY, panel=None):
        """lines: (text, bold, color) paragraphs for the body; split over slides when they do not fit."""
        lines = [(t, b, c, None) for t, b, c in lines]
        points = [t for t, _, _, _ in lines]
        size = next((s for s in range(SIZE, 19, -1) if len(pages(regular, points, s)) == 1), SIZE)
        slides, at = [], 0
        for i, page in enumerate(pages(regular, points, size) if points else [[]]):
            slide = prs.slides.add_slide(prs.slide_layouts[layout])
            to_back(rectangle(slide, 0, 0, prs.slide_width, Inches(1.5), band))
            title_frame = slide.shapes.title.text_frame
            title_frame.text = title + (" (continued)" if i else "")
            style(title_frame.paragraphs[0].runs[0], title_size(bold, title), True, WHITE)
            title_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
            slide.shapes.title.left, slide.shapes.title.top = Inches(0.6), Inches(0.15)
            slide.shapes.title.width, slide.shapes.title.height = Inches(12.1), Inches(1.2)
            if page and len(slide.placeholders) > 1:
                body = slide.placeholders[1]
                body.left, body.top, body.width, body.height = Inches(0.6), Inches(1.8), Inches(12.1), Inches(4.95)
                if panel is not None:
                    to_back(rectangle(slide, body.left, body.top, body.width, body.height, panel[0], panel[1]))
                write_lines(body.text_frame, lines[at:at + len(page)], size)
                at += len(page)
            elif len(slide.placeholders) > 1:
                slide.placeholders[1]._element.getparent().remove(slide.placeholders[1]._element)
            slide.notes_slide.notes_text_frame.text = "\n".join(notes if i == 0 else [f"More of {title}."])
            slides.append(slide)
        return slides

    # the title slide
    title_slide = prs.slides.add_slide(prs.slide_layouts[0])
    to_back(rectangle(title_slide, 0, 0, prs.slide_width, Inches(4.1), PRIMARY))
    frame = title_slide.shapes.title.text_frame
    frame.text = meta["title"]
    style(frame.paragraphs[0].runs[0], title_size(bold, meta["title"]), True, WHITE)
    sub = title_slide.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = Inches(0.6), Inches(4.45), Inches(12.1), Inches(2.3)
    reviewed = meta["last_reviewed"]
    write_lines(sub.text_frame, [(meta.get("subtitle", ""), False, INK, 24), (clinic["name"], True, PRIMARY, 24),
                                 (reviewed.strftime("%B %Y"), False, MUTED, 20)], 24)
    title_slide.shapes.add_picture(logo, Inches(11.5), Inches(5.6), Inches(1.2))
    title_slide.notes_slide.notes_text_frame.text = meta.get("subtitle", "")

    keys = [(k, False, INK) for k in data["key_messages"]]
    add(1, "The main points", keys, data["key_messages"], panel=(PRIMARY_LIGHT, None))
    add(1, "What we will cover", [(f"{i}. {s['title']}", False, INK) for i, s in enumerate(data["sections"], 1)],
        [s["title"] for s in data["sections"]])
    for section in data["sections"]:
        parts = section.get("sections", [])
        blocks = section.get("blocks", [])
        if not parts:
            add(1, section["title"], [(t, False, INK) for t in section.get("slide_points")
                                      or [t for b in blocks for t in texts(b)[:1]]],
                [t for b in blocks for t in texts(b)])
        for first in range(0, len(parts), 2):  # as the generator does: two sub-sections share a slide
            pair = parts[first:first + 2]
            lines = [line for part in pair for line in
                     ((part["title"], True, PRIMARY), *((t, False, INK) for t in part.get("slide_points") or
                                                        [t for b in part.get("blocks", []) for t in texts(b)[:1]]))]
            slides = add(1, section["title"], lines, [t for part in pair for b in part.get("blocks", []) for t in texts(b)])
            for part in pair:
                for block in part.get("blocks", []):
                    callout = block.get("callout")
                    if callout and callout["kind"] in ASIDE:  # a tip or note under the points
                        bar_color, tint = ASIDE[callout["kind"]]
                        slide = slides[-1]
                        rectangle(slide, Inches(0.6), Inches(5.3), Inches(12.1), Inches(1.4), tint)
                        rectangle(slide, Inches(0.6), Inches(5.3), Inches(0.1), Inches(1.4), bar_color)
                        box = slide.shapes.add_textbox(Inches(0.85), Inches(5.35), Inches(11.7), Inches(1.3))
                        write_lines(box.text_frame, [(f"{callout['kind'].capitalize()}: {callout['title']}", True, INK, None),
                                                     *((t, False, INK, None) for t in callout.get("items", []))], 20)
        for part in [section, *parts]:
            for block in part.get("blocks", []):
                if "faq" in block:
                    slide = prs.slides.add_slide(prs.slide_layouts[5])
                    to_back(rectangle(slide, 0, 0, prs.slide_width, Inches(1.5), PRIMARY))
                    slide.shapes.title.text = "Questions and answers"
                    style(slide.shapes.title.text_frame.paragraphs[0].runs[0], 32, True, WHITE)
                    box = slide.shapes.add_textbox(Inches(0.6), Inches(1.8), Inches(12.1), Inches(4.95))
                    write_lines(box.text_frame, [line for qa in block["faq"] for line in
                                                 ((qa["q"], True, INK, 20), (qa["a"], False, INK, 16))], 20)
                    slide.notes_slide.notes_text_frame.text = "\n".join(texts(block))
                callout = block.get("callout")
                if callout and callout["kind"] == "get_help":
                    lines = [(callout.get("text", ""), True, INK)] + [(t, False, INK) for t in callout.get("items", [])]
                    for slide in add(1, "Get help: " + callout["title"], lines, texts(block), band=HELP,
                                     panel=(HELP_LIGHT, HELP)):
                        icon = slide.shapes.add_group_shape()
                        rectangle(icon, Inches(0.7), Inches(1.9), Inches(0.6), Inches(0.55), HELP,
                                  kind=MSO_SHAPE.ISOSCELES_TRIANGLE)
                        mark = icon.shapes.add_textbox(Inches(0.7), Inches(1.9), Inches(0.6), Inches(0.55))
                        mark.text_frame.text = "!"
                        style(mark.text_frame.paragraphs[0].runs[0], 28, True, WHITE)
                        mark.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
    add(1, "Key takeaways", keys, data["key_messages"], panel=(PRIMARY_LIGHT, None))
    contact = [(clinic["name"], True, PRIMARY)] + [(f"{label}: {clinic[key]}", False, INK) for label, key in
               (("Phone", "phone"), ("Email", "email"), ("Website", "website"), ("Address", "address"))
               if key in clinic] + [(f"In an emergency, call {clinic['emergency']}.", False, INK)]
    closing = add(1, "Questions? Contact us", contact, [t for t, _, _ in contact])[-1]
    closing.shapes.add_picture(logo, Inches(11.8), Inches(6.0), Inches(0.9))
    qr = io.BytesIO()
    qrcode.make(meta["online_url"]).save(qr)
    closing.shapes.add_picture(qr, Inches(10.9), Inches(1.8), Inches(1.8))
    caption = closing.shapes.add_textbox(Inches(10.6), Inches(3.7), Inches(2.4), Inches(0.8))
    write_lines(caption.text_frame, [("Scan to read this leaflet online", False, MUTED, 14)], 14)
    caption.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
    for n, slide in enumerate(prs.slides, 1):
        number = slide.shapes.add_textbox(Inches(11.1), Inches(6.94), Inches(1.6), Inches(0.42))
        write_lines(number.text_frame, [(f"{n} / {len(prs.slides)}", False, MUTED, 14)], 14)
        number.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
    prs.save(out)
    print(len(prs.slides), "slides", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
