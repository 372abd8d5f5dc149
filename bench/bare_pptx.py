#!/usr/bin/env python3
"""The baseline for bench/run.py: the same slides from content.yaml with python-pptx alone, with
the same fitting and notes.

What it does like the generator: the title slide with the logo, the main points, the agenda, the
sub-sections two to a slide under their part's title (their slide points, else their blocks' first
lines), a list set smaller (down to 20 pt) rather than split, the get-help, questions, key-points and contact slides (with the QR code), slide numbers, and every
block's text in the notes. Lists are measured with the real font's advance widths (Arimo, through
HarfBuzz), wrapped word by word and split over more slides when they do not fit; titles shrink
until they fit two lines. What it skips: validation, placeholders, theming, styling of runs,
verification and the safe write. Usage: bare_pptx.py CONTENT OUT.pptx
"""

import io
import sys
from pathlib import Path

import qrcode
import uharfbuzz as hb
import fontpkg_arimo
from pptx import Presentation
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


def main(content: str, out: str) -> None:
    data = YAML(typ="safe").load(open(content, encoding="utf-8"))
    regular, bold = Widths(400), Widths(700)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)

    def add(layout, title, points=(), notes=()):
        # as the generator does: a list set a little smaller (down to 20 pt) rather than split
        size = next((s for s in range(SIZE, 19, -1) if len(pages(regular, list(points), s)) == 1), SIZE)
        for i, page in enumerate(pages(regular, list(points), size) if points else [[]]):
            slide = prs.slides.add_slide(prs.slide_layouts[layout])
            slide.shapes.title.text = title + (" (continued)" if i else "")
            slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(title_size(bold, title))
            if page and len(slide.placeholders) > 1:
                body = slide.placeholders[1].text_frame
                body.text = page[0]
                for point in page[1:]:
                    body.add_paragraph().text = point
                for paragraph in body.paragraphs:
                    paragraph.runs[0].font.size = Pt(size)
            slide.notes_slide.notes_text_frame.text = "\n".join(notes if i == 0 else [f"More of {title}."])

    meta, clinic = data["meta"], data["clinic"]
    add(0, meta["title"], [meta.get("subtitle", ""), clinic["name"]], [meta.get("subtitle", "")])
    add(1, "The main points", data["key_messages"], data["key_messages"])
    add(1, "What we will cover", [s["title"] for s in data["sections"]], [s["title"] for s in data["sections"]])
    for section in data["sections"]:
        parts = section.get("sections", [])
        if not parts:
            blocks = section.get("blocks", [])
            add(1, section["title"], section.get("slide_points") or [t for b in blocks for t in texts(b)[:1]],
                [t for b in blocks for t in texts(b)])
        for first in range(0, len(parts), 2):  # as the generator does: two sub-sections share a slide
            pair = parts[first:first + 2]
            points = [line for part in pair for line in
                      (part["title"], *(part.get("slide_points") or [t for b in part.get("blocks", [])
                                                                      for t in texts(b)[:1]]))]
            add(1, section["title"], points, [t for part in pair for b in part.get("blocks", []) for t in texts(b)])
        for part in [section, *parts]:
            blocks = part.get("blocks", [])
            for block in blocks:
                if "faq" in block:
                    add(1, "Questions and answers", [qa["q"] for qa in block["faq"]], texts(block))
                if "callout" in block and block["callout"]["kind"] == "get_help":
                    add(1, "Get help: " + block["callout"]["title"], block["callout"].get("items", []),
                        texts(block))
    add(1, "Key takeaways", data["key_messages"], data["key_messages"])
    add(1, "Questions? Contact us", [clinic["name"], clinic["phone"]], [clinic["name"], clinic["phone"]])
    prs.slides[0].shapes.add_picture(clinic["logo"], Inches(11), Inches(5), Inches(1.4))
    qr = io.BytesIO()
    qrcode.make(meta["online_url"]).save(qr)
    prs.slides[-1].shapes.add_picture(qr, Inches(10), Inches(2), Inches(2))
    for n, slide in enumerate(prs.slides, 1):
        slide.shapes.add_textbox(Inches(12), Inches(7), Inches(1), Inches(0.4)).text_frame.text = f"{n} / {len(prs.slides)}"
    prs.save(out)
    print(len(prs.slides), "slides", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
