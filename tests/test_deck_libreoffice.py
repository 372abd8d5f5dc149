"""The deck as a real slide program draws it: LibreOffice converts it to PDF, once per aspect."""

import subprocess
import uuid

import pdfplumber
import pytest
from builders import build_deck
from conftest import KNEE, require_tool
from pptx import Presentation

from handouts.load import load
from handouts.theme.themes import load_theme

WOUND = KNEE.parent / "wound-care.yaml"  # a leaflet with a picture beside its points


@pytest.fixture(scope="module", params=[("knee", "16:9"), ("knee", "4:3"), ("picture", "16:9"), ("picture", "4:3")])
def converted(request, tmp_path_factory):
    require_tool("soffice")
    out = tmp_path_factory.mktemp("lo")
    source, aspect = request.param
    deck = build_deck(load(KNEE if source == "knee" else WOUND), load_theme(), out, aspect=aspect)
    profile = tmp_path_factory.mktemp("lo-profile") / uuid.uuid4().hex
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(deck)], check=True, capture_output=True, timeout=180)
    pdf = deck.with_suffix(".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return deck, pdf


def test_one_page_per_slide_and_no_character_outside_the_page(converted):
    deck, pdf = converted
    slides = len(Presentation(str(deck)).slides)
    outside = []
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == slides
        for number, page in enumerate(doc.pages, 1):
            for ch in page.chars:
                if ch["x0"] < 0 or ch["x1"] > page.width or ch["top"] < 0 or ch["bottom"] > page.height:
                    outside.append((number, ch["text"]))
    assert outside == []
    with pdfplumber.open(pdf) as doc:  # and no picture reaches past the page
        for page in doc.pages:
            for image in page.images:
                assert image["x0"] >= -0.5 and image["x1"] <= page.width + 0.5
                assert image["top"] >= -0.5 and image["bottom"] <= page.height + 0.5


def test_the_pdf_shows_every_slide_title(converted):
    deck, pdf = converted
    titles = [" ".join(s.shapes.title.text_frame.text.split()) for s in Presentation(str(deck)).slides]
    with pdfplumber.open(pdf) as doc:
        pages = [" ".join((page.extract_text() or "").split()) for page in doc.pages]
    for number, (title, text) in enumerate(zip(titles, pages), 1):
        assert title in text, (number, title)


def test_only_the_slide_number_sits_below_the_body_area(converted):
    """Text that spilled out of its box would show up in the bottom margin, under the body."""
    from handouts.render.deck.geometry import BODY_BOTTOM, EMU_PER_PT

    deck, pdf = converted
    limit = BODY_BOTTOM / EMU_PER_PT + 2  # points from the top of the page
    with pdfplumber.open(pdf) as doc:
        total = len(doc.pages)
        for number, page in enumerate(doc.pages, 1):
            low = "".join(ch["text"] for ch in sorted(page.chars, key=lambda c: c["x0"]) if ch["bottom"] > limit)
            assert low.replace(" ", "") == f"{number}/{total}", number
