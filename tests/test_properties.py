"""Property-based tests: any document within the font's coverage renders with all its text present,
as a PDF that qpdf accepts; any Arabic document (with Latin words, numbers and marks mixed in) reads
back in order, right to left."""

import shutil
import subprocess

from builders import build_pdf
from conftest import require_tool
from generated_docs import all_texts, arabic_article, article, broken_yaml, to_yaml
from hypothesis import given
from pdf_text import body_text

from handouts.theme.themes import load_theme

THEME = load_theme()


def squash(s: str) -> str:
    return "".join(s.split())


@given(doc=article())
def test_any_document_gives_a_valid_pdf_with_all_its_text(doc, tmp_path_factory):
    out = tmp_path_factory.mktemp("prop")
    pdf = build_pdf(doc, THEME, out)
    text = squash(body_text(pdf))
    pos = 0
    for t in all_texts(doc):
        found = text.find(squash(t.plain), pos)
        assert found >= 0, f"missing or out of order: {t.plain!r}"
        pos = found
    if shutil.which("qpdf") or __import__("os").environ.get("HANDOUTS_REQUIRE_TOOLS"):
        require_tool("qpdf")
        proc = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout


@given(doc=article())
def test_any_document_gives_a_deck_with_all_its_text_and_no_overflow(doc, tmp_path_factory):
    from builders import build_deck
    from deck_fit_check import overflows
    from pptx import Presentation
    from test_deck_output import deck_text

    out = tmp_path_factory.mktemp("prop-deck")
    prs = Presentation(str(build_deck(doc, THEME, out)))
    text = squash(deck_text(prs))
    for t in all_texts(doc):
        assert squash(t.plain) in text, f"missing: {t.plain!r}"
    for _, s in doc.all_sections():
        for point in s.slide_points:
            assert squash(point.plain) in text
    assert overflows(prs) == []


@given(doc=arabic_article())
def test_any_arabic_document_reads_back_in_order_from_its_pdf(doc, tmp_path_factory):
    require_tool("pdftotext")
    import pdfplumber
    from pdf_text import _footer_top
    from test_languages import letters

    out = tmp_path_factory.mktemp("prop-ar")
    pdf = build_pdf(doc, THEME, out)
    text = ""
    with pdfplumber.open(pdf) as opened:
        for n, page in enumerate(opened.pages, 1):  # each page above its footer, read by poppler
            crop = ["-f", str(n), "-l", str(n), "-x", "0", "-y", "0", "-W", str(int(page.width)),
                    "-H", str(int(_footer_top(page)) - 1)]
            text += letters(subprocess.run(["pdftotext", *crop, str(pdf), "-"], capture_output=True, text=True,
                                           check=True).stdout)
    pos = 0
    for t in all_texts(doc):
        found = text.find(letters(t.plain), pos)
        assert found >= 0, f"missing or out of order: {t.plain!r}"
        pos = found


@given(doc=article())
def test_every_generated_document_is_one_the_loader_accepts_with_the_same_texts(doc, tmp_path_factory):
    from handouts.load import load

    path = tmp_path_factory.mktemp("prop-yaml") / "content.yaml"
    path.write_text(to_yaml(doc), encoding="utf-8")
    loaded = load(path)
    assert [t.plain for t in all_texts(loaded)] == [t.plain for t in all_texts(doc)]


@given(case=broken_yaml())
def test_every_broken_document_is_refused_at_a_line_with_its_reason(case, tmp_path_factory):
    import pytest

    from handouts.errors import ContentError
    from handouts.load import load

    text, said = case
    path = tmp_path_factory.mktemp("prop-bad") / "content.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load(path)
    assert any(said in p.message and p.loc.line >= 1 for p in info.value.problems), info.value.problems
