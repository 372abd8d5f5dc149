"""Baseline: the same text rendered by a bare ReportLab script, with no validation or theming.

It reads content.yaml with a plain YAML loader, embeds the same font and sets every text as an
escaped paragraph. bench/run.py compares `generate.py pdf` against it."""

import sys
from xml.sax.saxutils import escape

import fontpkg
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
from ruamel.yaml import YAML


def texts(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from texts(value)


def main(src: str, out: str) -> None:
    data = YAML(typ="safe").load(open(src, encoding="utf-8"))
    for face, weight in (("R", 400), ("B", 700)):
        pdfmetrics.registerFont(TTFont(f"AH-{face}", str(fontpkg.path("Atkinson Hyperlegible", weight))))
    styles = getSampleStyleSheet()
    body = styles["BodyText"].clone("b", fontName="AH-R", fontSize=14, leading=19.6)
    head = styles["Heading1"].clone("h", fontName="AH-B")
    story = []
    for section in data["sections"]:
        story.append(Paragraph(escape(section["title"]), head))
        story += [Paragraph(escape(t), body) for t in texts(section.get("blocks", []))]
        for sub in section.get("sections", []):
            story.append(Paragraph(escape(sub["title"]), head))
            story += [Paragraph(escape(t), body) for t in texts(sub.get("blocks", []))]
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(story)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
