"""Marks drawn over a finished page: the "Review overdue" strip of a leaflet built past its review
date. It runs across the top edge, above the text area, so it hides no content; it is drawn on every
page, covers included, so no single sheet can pass for a current leaflet."""

from __future__ import annotations

from reportlab.lib.units import mm

from handouts.render.pdf.styles import PdfStyles


def overdue_strip(canvas, width: float, height: float, text: str, st: PdfStyles) -> None:
    """White bold text on the get-help colour, shrunk (never below 7 pt) to one line of the page."""
    font = st.fonts["bold"]
    room = width - 12 * mm
    # a small page: first a smaller size, then the first sentence alone (it says what matters)
    first = text.split(". ", 1)[0].rstrip(".") + "."
    for candidate in dict.fromkeys((text, first)):
        size = min(st["footer"].fontSize, 10.0)
        while size > 7 and canvas.stringWidth(candidate, font, size) > room:
            size -= 0.25
        text = candidate
        if canvas.stringWidth(candidate, font, size) <= room:
            break
    while canvas.stringWidth(text, font, size) > room and " " in text:
        text = text.rsplit(" ", 1)[0]
    strip = size * 1.9
    canvas.saveState()
    canvas.setFillColor(st.color("get_help"))
    canvas.rect(0, height - strip, width, strip, stroke=0, fill=1)
    canvas.setFillColor(st.color("paper"))
    canvas.setFont(font, size)
    canvas.drawCentredString(width / 2, height - strip + size * 0.6, text)
    canvas.restoreState()
