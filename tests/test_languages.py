"""Leaflets in other languages, checked through the files a patient gets: every sentence printed,
no English label left, the right fonts embedded; scripts the PDF cannot set yet are refused by name;
the deck tells PowerPoint each run's language and which paragraphs run right to left.

The test leaflets (tests/leaflets/languages/) were written for these tests."""

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from pptx import Presentation

from conftest import ROOT, require_tool
from handouts.cli import main
from oracle import read_yaml

LEAFLETS = ROOT / "tests" / "leaflets" / "languages"
ENGLISH = read_yaml(ROOT / "templates" / "labels" / "en.yaml")
# Labels a reader sees on every leaflet; none may be left in English.
PRINTED = ("main_points", "about", "last_reviewed", "next_review", "sources", "contact_us", "emergency",
           "please_note")


def sentences(path):
    """Every paragraph, list item and callout line of a leaflet, as written (placeholders filled)."""
    data = read_yaml(path)
    clinic = data["clinic"]
    fill = lambda s: re.sub(r"\{\{\s*clinic\.(\w+)\s*\}\}", lambda m: clinic[m.group(1)], s)  # noqa: E731
    out = [fill(s) for s in data["key_messages"]]
    for section in data["sections"]:
        out.append(section["title"])
        for block in section["blocks"]:
            kind, value = next(iter(block.items()))
            if kind == "paragraph":
                out.append(fill(value))
            elif kind in ("bullets", "numbered"):
                out += [fill(v) for v in value]
            elif kind == "callout":
                out += [fill(value["title"])] + [fill(v) for v in value.get("items", [])]
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def build(tmp_path, command, name, *extra):
    source = tmp_path / f"{name}.yaml"
    shutil.copy(LEAFLETS / f"{name}.yaml", source)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [command, str(source), "-o", str(out), *extra])
    return result, out, read_yaml(source)["meta"]["slug"]


@pytest.mark.parametrize("name,font", [("es", "AtkinsonHyperlegible"), ("vi", "NotoSans")])
def test_a_latin_script_leaflet_prints_every_sentence_in_its_own_words_and_fonts(tmp_path, name, font):
    require_tool("pdftotext")
    result, out, slug = build(tmp_path, "pdf", name)
    assert result.exit_code == 0, result.output
    pdf = out / f"{slug}.pdf"
    text = squash(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    for sentence in sentences(LEAFLETS / f"{name}.yaml"):
        assert squash(sentence) in text, sentence
    for key in PRINTED:
        assert ENGLISH["words"][key] not in text, key
    translated = read_yaml(ROOT / "templates" / "labels" / f"{name}.yaml")
    assert translated["words"]["main_points"] in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # every font embedded
    assert all(f"+{font}" in line.split()[0] for line in fonts), fonts
    bold = [line for line in fonts if "W700" in line or "Bold" in line]
    assert bold, "headings need a bold face of their own"


def test_vietnamese_marks_come_back_from_the_pdf_as_written(tmp_path):
    require_tool("pdftotext")
    result, out, slug = build(tmp_path, "pdf", "vi")
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", str(out / f"{slug}.pdf"), "-"], capture_output=True, text=True).stdout
    title = read_yaml(LEAFLETS / "vi.yaml")["meta"]["title"]
    assert title in text
    assert any(ch in text for ch in "ếộữựằẵẩỡ")


@pytest.mark.parametrize("name,says", [("ar", "right-to-left text ('ar')"), ("hi", "Devanagari text ('hi')")])
def test_the_pdf_refuses_scripts_it_cannot_set_yet_by_name(tmp_path, name, says):
    result, out, _ = build(tmp_path, "pdf", name)
    assert result.exit_code == 1
    assert says in result.stderr
    assert "nothing was written" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("name", ["ar", "hi", "es", "vi"])
def test_every_run_of_the_deck_carries_the_language(tmp_path, name):
    result, out, slug = build(tmp_path, "pptx", name)
    assert result.exit_code == 0, result.output
    deck = Presentation(str(out / f"{slug}.pptx"))
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    runs = [r for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
            for r in shape.text_frame._txBody.iter(f"{ns}r")]
    assert runs and all(r.find(f"{ns}rPr").get("lang") == name for r in runs)
    texts = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    notes = " ".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides)
    for sentence in sentences(LEAFLETS / f"{name}.yaml"):
        assert squash(sentence) in squash(texts + " " + notes), sentence


def test_right_to_left_paragraphs_say_so_and_start_at_the_right(tmp_path):
    result, out, slug = build(tmp_path, "pptx", "ar")
    assert result.exit_code == 0, result.output
    deck = Presentation(str(out / f"{slug}.pptx"))
    arabic = re.compile("[\u0600-\u06FF]")
    paragraphs = [p for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
                  for p in shape.text_frame.paragraphs if arabic.search(p.text)]
    assert paragraphs
    for p in paragraphs:
        ppr = p._p.pPr
        assert ppr.get("rtl") == "1", p.text
        assert ppr.get("algn") in ("r", "ctr"), p.text
        for r in p.runs:
            if arabic.search(r.text):
                assert r._r.rPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}cs") is not None


def test_a_language_with_a_catalogue_prints_no_english_words_in_the_deck(tmp_path):
    result, out, slug = build(tmp_path, "pptx", "es")
    deck = Presentation(str(out / f"{slug}.pptx"))
    texts = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    for key in ("agenda", "summary", "closing"):
        assert ENGLISH["slides"][key] not in texts, key


def test_spanish_is_measured_on_its_own_scale_and_its_own_words(tmp_path):
    source = tmp_path / "es.yaml"
    shutil.copy(LEAFLETS / "es.yaml", source)
    result = CliRunner().invoke(main, ["check", str(source)])
    assert result.exit_code == 0, result.output
    assert "Reading ease (INFLESZ (Szigriszt-Pazos), Spanish):" in result.stdout
    assert "Flesch-Kincaid" not in result.stdout
    assert '[pass] Speaks to the reader as "you"' in result.stdout
    # the same leaflet with every command and "usted" taken out no longer speaks to the reader
    flat = re.sub(r"\b(Lávese|Llámenos|Mantenga|Cubra|Use|Cambie|Vigile|Enjuague|Seque|Presione|No|usted|su|le)\b",
                  "Se", source.read_text(encoding="utf-8"))
    source.write_text(flat, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(source)])
    assert '[warn] Speaks to the reader as "you"' in result.stdout


def test_spanish_text_that_reads_hard_is_flagged_by_section(tmp_path):
    source = tmp_path / "es.yaml"
    hard = ("La administración concomitante de antiinflamatorios no esteroideos incrementa considerablemente "
            "la probabilidad de complicaciones gastrointestinales hemorrágicas.")
    text = (LEAFLETS / "es.yaml").read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.strip().startswith("- paragraph:"))
    source.write_text(text.replace(first, first.split("- paragraph:")[0] + f"- paragraph: \"{hard} {hard}\"", 1),
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(source), "--format", "json"])
    import json

    data = json.loads(result.stdout)[0]
    assert data["reading"]["formula"] == "inflesz"
    first_section = data["sections"][0]
    assert first_section["inflesz"] < 55
    check = next(c for c in data["checks"] if c["name"] == "Reading ease")
    assert not check["passed"] and check["problems"][0]["message"].startswith("reads at INFLESZ ")


@pytest.mark.parametrize("name,language", [("vi", "Vietnamese"), ("hi", "Hindi"), ("ar", "Arabic")])
def test_a_language_without_reading_checks_is_not_measured_rather_than_judged_as_english(tmp_path, name, language):
    source = tmp_path / f"{name}.yaml"
    shutil.copy(LEAFLETS / f"{name}.yaml", source)
    result = CliRunner().invoke(main, ["check", str(source)])
    assert f"[pass] Reading level: not measured for {language}" in result.stdout
    assert "Flesch-Kincaid" not in result.stdout and "you/your" not in result.stdout
    assert f"[pass] Printed words in {language}" in result.stdout


def test_a_language_without_labels_is_printed_in_english_with_a_warning(write):
    from conftest import VALID

    source = write(VALID.replace("language: en-US", "language: de"))
    result = CliRunner().invoke(main, ["check", str(source)])
    line = next(i for i, text in enumerate(source.read_text().splitlines(), 1) if "language:" in text)
    assert f"{source}:{line}:" in result.stdout
    assert "there are no labels for 'de' (German)" in result.stdout
    assert "[pass] Reading level: not measured for German" in result.stdout
