#!/usr/bin/env python3
"""The baseline for bench/run.py: the same slides from content.yaml with python-pptx alone.

No validation, no measuring, no styling, no atomic write: titles, points and notes on the default
template's layouts, with the same pictures (logo, QR code) and slide numbers. It shows what the
generator's extra care costs. Usage: bare_pptx.py CONTENT OUT.pptx
"""

import io
import sys

import qrcode

from pptx import Presentation
from pptx.util import Inches
from ruamel.yaml import YAML


def add(prs, layout, title, points=(), notes=()):
    slide = prs.slides.add_slide(prs.slide_layouts[layout])
    slide.shapes.title.text = title
    if points:
        body = slide.placeholders[1].text_frame
        body.text = points[0]
        for point in points[1:]:
            body.add_paragraph().text = point
    slide.notes_slide.notes_text_frame.text = "\n".join(notes)


def texts(block: dict) -> list[str]:
    kind, value = next(iter(block.items()))
    if kind == "paragraph":
        return [value]
    if kind in ("bullets",):
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
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    meta, clinic = data["meta"], data["clinic"]
    add(prs, 0, meta["title"], [meta.get("subtitle", ""), clinic["name"]])
    add(prs, 1, "What we will cover", [s["title"] for s in data["sections"]])
    for section in data["sections"]:
        for part in [section, *section.get("sections", [])]:
            blocks = part.get("blocks", [])
            add(prs, 1, part["title"], part.get("slide_points", []), [t for b in blocks for t in texts(b)])
            for block in blocks:
                if "faq" in block:
                    add(prs, 1, "Questions and answers", [qa["q"] for qa in block["faq"]], texts(block))
                if "callout" in block and block["callout"]["kind"] == "get_help":
                    add(prs, 1, "Get help: " + block["callout"]["title"], block["callout"].get("items", []))
    add(prs, 1, "Key takeaways", data["key_messages"])
    add(prs, 1, "Questions? Contact us", [clinic["name"], clinic["phone"]])
    prs.slides[0].shapes.add_picture(clinic["logo"], Inches(11), Inches(5), Inches(1.4))
    qr = io.BytesIO()
    qrcode.make(meta["online_url"]).save(qr)
    prs.slides[-1].shapes.add_picture(qr, Inches(10), Inches(2), Inches(2))
    for n, slide in enumerate(prs.slides, 1):
        slide.shapes.add_textbox(Inches(12), Inches(7), Inches(1), Inches(0.4)).text_frame.text = f"{n} / {len(prs.slides)}"
    prs.save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
