"""The real clients: qpdf, poppler (pdffonts, pdftotext) and LibreOffice read what we write.
Locally they skip with a reason when the tool is missing; CI sets HANDOUTS_REQUIRE_TOOLS."""

import re
import subprocess

import pytest
from builders import build_pdf
from conftest import KNEE, require_tool
from oracle import Leaflet, sentences
from pdf_text import FOOTER, norm, pdftotext_by_region

from handouts.load import load
from handouts.theme.themes import load_theme

PAGE = re.compile(r"^Page \d+ of \d+$")

ARTICLE = load(KNEE)


@pytest.fixture(scope="module")
def pdf_files(tmp_path_factory):
    out = tmp_path_factory.mktemp("clients")
    theme = load_theme()
    return [build_pdf(ARTICLE, theme, out), build_pdf(ARTICLE, theme, out, profile="large-print")]


def test_qpdf_accepts_the_pdfs(pdf_files):
    require_tool("qpdf")
    for path in pdf_files:
        proc = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "No syntax or stream encoding errors found" in proc.stdout


def test_pdffonts_shows_every_font_embedded(pdf_files):
    require_tool("pdffonts")
    for path in pdf_files:
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        fonts = rows.splitlines()[2:]
        assert fonts, rows
        for row in fonts:
            cols = row.split()
            assert cols[-5] == "yes", f"not embedded: {row}"  # the 'emb' column


def test_pdftotext_has_the_text(pdf_files):
    require_tool("pdftotext")
    for path in pdf_files:
        raw = pdftotext_by_region(path)
        lines = [ln for ln in raw.splitlines() if not FOOTER.match(ln.strip()) and not PAGE.match(ln.strip())]
        text = norm(" ".join(lines))
        missing = [s for t in Leaflet(KNEE).all_block_texts() for s in sentences(t) if norm(s) not in text]
        assert missing == [], path.name
