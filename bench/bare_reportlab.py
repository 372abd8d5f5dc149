"""Baseline: the same text rendered by a bare ReportLab script, with no validation or theming.

It reads content.yaml with a plain YAML loader, embeds the same four font faces, and sets every
text as an escaped paragraph, with the same pictures (logo, QR code) and a page-number footer, so
the comparison isolates what validation, theming and checks cost. bench/run.py runs it."""

import sys
from xml.sax.saxutils import escape

import fontpkg
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate
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
    for face, weight, style in (("R", 400, "normal"), ("B", 700, "normal"), ("I", 400, "italic"),
                                ("BI", 700, "italic")):
        path = fontpkg.path("Atkinson Hyperlegible", weight, style)
        pdfmetrics.registerFont(TTFont(f"AH-{face}", str(path)))
    styles = getSampleStyleSheet()
    body = styles["BodyText"].clone("b", fontName="AH-R", fontSize=14, leading=19.6)
    head = styles["Heading1"].clone("h", fontName="AH-B")
    story = [Image(data["clinic"]["logo"], width=72, height=72)]
    story += [Paragraph(escape(t), body) for t in data["key_messages"]]
    for section in data["sections"]:
        story.append(Paragraph(escape(section["title"]), head))
        story += [Paragraph(escape(t), body) for t in texts(section.get("blocks", []))]
        for sub in section.get("sections", []):
            story.append(Paragraph(escape(sub["title"]), head))
            story += [Paragraph(escape(t), body) for t in texts(sub.get("blocks", []))]
    qr = Drawing(80, 80)
    qr.add(QrCodeWidget(data["meta"]["online_url"], barWidth=80, barHeight=80))
    story.append(qr)

    def footer(canvas, doc):
        canvas.setFont("AH-R", 10)
        canvas.drawString(72, 40, f"Page {doc.page}")

    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(story, onFirstPage=footer, onLaterPages=footer)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
