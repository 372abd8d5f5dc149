"""Leaflets in other languages, checked through the files a patient gets: every sentence printed,
no English label left, the right fonts embedded; scripts the PDF cannot set yet are refused by name;
the deck tells PowerPoint each run's language and which paragraphs run right to left.

The test leaflets (tests/leaflets/languages/) were written for these tests."""

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from conftest import KNEE, ROOT, require_tool
from oracle import Leaflet, read_yaml
from pptx import Presentation

from handouts.cli import main

LEAFLETS = ROOT / "tests" / "leaflets" / "languages"
ENGLISH = read_yaml(ROOT / "templates" / "labels" / "en.yaml")
# Labels a reader sees on every leaflet; none may be left in English.
PRINTED = ("main_points", "about", "last_reviewed", "next_review", "sources", "contact_us", "emergency",
           "please_note")


def sentences(path):
    """Every text of a leaflet after its title, in reading order, as the one oracle reads them
    (tests/oracle.py: every block kind, placeholders filled, emphasis markers gone)."""
    return Leaflet(path).reading_order()[1:]


def squash(text: str) -> str:
    """Spaces folded, and the invisible left-to-right mark dropped (it shows nothing)."""
    return re.sub(r"\s+", " ", text.replace("\u200e", "")).strip()


def build(tmp_path, command, name, *extra):
    source = tmp_path / f"{name}.yaml"
    shutil.copy(LEAFLETS / f"{name}.yaml", source)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [command, str(source), "-o", str(out), *extra])
    return result, out, read_yaml(source)["meta"]["slug"]


@pytest.mark.parametrize("name,font", [("es", "AtkinsonHyperlegible"), ("vi", "NotoSans"),
                                       ("hi", "NotoSansDevanagari")])
def test_a_leaflet_prints_every_sentence_in_its_own_words_and_fonts(tmp_path, name, font):
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


# -- right to left in the PDF ---------------------------------------------------------------------

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SILENT = "\u200b"  # what a glyph that stands for no letter of its own gives back (render/pdf/fonts.py)


def letters(text: str) -> str:
    """Letters, digits and marks in order, without spaces or punctuation. pdftotext puts a
    right-to-left line back in reading order by script, and places the spaces and punctuation
    between an Arabic run and a number or a Latin name by a rule of its own; the letters and digits
    of every word must still come back in the order they were written."""
    import unicodedata

    text = BIDI_CONTROLS.sub("", text)
    return "".join(c for c in text if not c.isspace() and not unicodedata.category(c).startswith("P"))


def pdftotext(pdf) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_an_arabic_pdf_gives_back_every_sentence_in_reading_order(tmp_path):
    require_tool("pdftotext")
    result, out, slug = build(tmp_path, "pdf", "ar")
    assert result.exit_code == 0, result.output
    text = pdftotext(out / f"{slug}.pdf")
    written = sentences(LEAFLETS / "ar.yaml")
    for sentence in written:
        assert letters(sentence) in letters(text), sentence
    # sentences of Arabic words alone come back exactly, spaces and marks included
    plain = [s for s in written if re.fullmatch(r"[\u0621-\u064A\u064B-\u0652 ]+[.؟]?", s)]
    assert len(plain) >= 5, plain
    lines = squash(BIDI_CONTROLS.sub("", text))
    for sentence in plain:
        assert sentence in lines, sentence
    for key in PRINTED:
        assert ENGLISH["words"][key] not in text, key
    translated = read_yaml(ROOT / "templates" / "labels" / "ar.yaml")
    assert translated["words"]["main_points"] in text
    fonts = subprocess.run(["pdffonts", str(out / f"{slug}.pdf")], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)
    assert all("+NotoSansArabic" in line.split()[0] for line in fonts), fonts


def test_the_tagged_arabic_pdf_holds_each_element_s_words_as_written(tmp_path):
    """A screen reader reads the tagged structure: each paragraph and list item carries its words
    in reading order, numbers and Latin names included."""
    import pikepdf

    result, out, slug = build(tmp_path, "pdf", "ar")
    assert result.exit_code == 0, result.output
    with pikepdf.open(out / f"{slug}.pdf") as pdf:
        actual, todo = set(), [pdf.Root.StructTreeRoot]
        while todo:
            node = todo.pop()
            if isinstance(node, pikepdf.Dictionary):
                if "/ActualText" in node:
                    actual.add(str(node.ActualText))
                kids = node.get("/K")
                todo += list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for sentence in sentences(LEAFLETS / "ar.yaml"):  # (a callout's title follows its kind's label)
        assert any(squash(sentence) == a or a.endswith(" " + squash(sentence)) for a in actual), sentence


def _lines(page):
    """Words grouped into lines, (bottom, [words]), from the page's own text positions; in the two
    columns, a line is the words of one column (a line across the middle is left whole)."""
    rows: dict[int, list] = {}
    # a letter's dots and marks are glyphs that stand for no text (a zero width space, in an artifact
    # whose actual text is empty, which pdfplumber does not read): it would split words there
    lettered = page.filter(lambda obj: obj.get("object_type") != "char" or obj["text"] not in ("", SILENT))
    for word in lettered.extract_words():
        rows.setdefault(round(word["bottom"]), []).append(word)
    middle, out = page.width / 2, []
    for bottom, words in sorted(rows.items()):
        if any(w["x0"] < middle < w["x1"] for w in words):
            out.append((bottom, words))
        else:
            out += [(bottom, side) for side in ([w for w in words if w["x1"] <= middle],
                                                [w for w in words if w["x0"] >= middle]) if side]
    return out


def test_an_arabic_page_is_mirrored_lines_from_the_right_bullets_and_bars_at_the_right(tmp_path):
    import pdfplumber

    result, out, slug = build(tmp_path, "pdf", "ar")
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out / f"{slug}.pdf") as pdf:
        page = pdf.pages[0]
        body = [words for bottom, words in _lines(page) if page.height * 0.15 < bottom < page.height * 0.85]
        rights = {round(max(w["x1"] for w in words)) for words in body}
        lefts = {round(min(w["x0"] for w in words)) for words in body}
        # right aligned: lines end at a few column edges on the right, and wherever they end on the left
        assert len(rights) * 2 <= len(lefts), (sorted(rights), sorted(lefts))
        # each bullet hangs at the right of its item's words
        bulleted = [words for words in body if any(w["text"] == "•" for w in words)]
        assert len(bulleted) >= 8
        for words in bulleted:
            bullet = next(w for w in words if w["text"] == "•")
            rest = [w for w in words if w is not bullet and w["x0"] < bullet["x0"]]
            assert rest and max(w["x1"] for w in rest) < bullet["x0"], [w["text"] for w in words]
        # callout bars on the right edge of their boxes
        bars = [r for r in page.rects if r["width"] < 8 and r["height"] > 20]
        boxes = [r for r in page.rects if r["width"] > 100]
        assert bars
        for bar in bars:
            assert any(abs(box["x1"] - bar["x1"]) < 1 and box["x0"] < bar["x0"] for box in boxes), bar
        # a phone number reads left to right, its groups in order, wherever it sits in Arabic text:
        # put in by a placeholder, or typed into a sentence
        for number, least in ((read_yaml(LEAFLETS / "ar.yaml")["clinic"]["phone"], 2), ("800 555 0199", 1)):
            groups = number.split()
            found = [words for words in body if all(any(w["text"].strip(".") == g for w in words) for g in groups)]
            assert len(found) >= least, number
            for words in found:
                places = [next(w["x0"] for w in words if w["text"].strip(".") == g) for g in groups]
                assert places == sorted(places), [w["text"] for w in words]
        # the columns run from the right: the first section starts in the right-hand column
        first = read_yaml(LEAFLETS / "ar.yaml")["sections"][0]["title"].split()[0]
        starts = [w for words in body for w in words if first in (w["text"], w["text"][::-1])]
        assert starts and starts[0]["x0"] > page.width / 2
        # the page number at the left, the footer's words at the right
        number = read_yaml(ROOT / "templates" / "labels" / "ar.yaml")["words"]["page"].split()[0]
        footer = [w for bottom, words in _lines(page) if bottom > page.height * 0.9 for w in words]
        marks = [w for w in footer if number in (w["text"], w["text"][::-1])]  # (pdfplumber reads glyph order)
        assert marks and all(w["x1"] < page.width / 2 for w in marks)


@pytest.mark.parametrize("layout", ["booklet", "trifold", "card"])
def test_every_layout_sets_arabic(tmp_path, layout):
    require_tool("pdftotext")
    result, out, slug = build(tmp_path, "pdf", "ar", "--layout", layout)
    assert result.exit_code == 0, result.output
    text = letters(pdftotext(out / f"{slug}-{layout}.pdf"))
    data = read_yaml(LEAFLETS / "ar.yaml")
    expected = {"booklet": sentences(LEAFLETS / "ar.yaml"),  # the whole text
                "trifold": [p for section in data["sections"] for p in section["slide_points"]],  # a summary
                "card": [data["meta"]["title"], *sentences(LEAFLETS / "ar.yaml")[:len(data["key_messages"])]]}[layout]
    for sentence in expected:
        assert letters(sentence) in text, sentence


def test_arabic_words_inside_an_english_leaflet_keep_their_order(tmp_path):
    require_tool("pdftotext")
    result, out, slug = build(tmp_path, "pdf", "mixed")
    assert result.exit_code == 0, result.output
    text = pdftotext(out / f"{slug}.pdf")
    for sentence in sentences(LEAFLETS / "mixed.yaml"):
        assert letters(sentence) in letters(text), sentence


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
    # a phone number of two groups keeps its order inside Arabic: a left-to-right mark holds it together
    phone = read_yaml(LEAFLETS / "ar.yaml")["clinic"]["phone"]
    first, rest = phone.split(" ", 1)
    with_phone = [p.text for p in paragraphs if first in p.text]
    assert with_phone and all(f"\u200e{first}" in text for text in with_phone)
    notes = [p for slide in deck.slides for p in slide.notes_slide.notes_text_frame.paragraphs if arabic.search(p.text)]
    assert notes and all(p._p.pPr.get("rtl") == "1" for p in notes)


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
    assert f"[skip] Reading level: not measured for {language}" in result.stdout
    assert "Flesch-Kincaid" not in result.stdout and "you/your" not in result.stdout
    assert f"[pass] Printed words in {language}" in result.stdout


def test_a_language_without_labels_is_printed_in_english_with_a_warning(write):
    from conftest import VALID

    source = write(VALID.replace("language: en-US", "language: de"))
    result = CliRunner().invoke(main, ["check", str(source)])
    line = next(i for i, text in enumerate(source.read_text().splitlines(), 1) if "language:" in text)
    assert f"{source}:{line}:" in result.stdout
    assert "there are no labels for 'de' (German)" in result.stdout
    assert "[skip] Reading level: not measured for German" in result.stdout


TRANSLATION = ROOT / "tests" / "leaflets" / "translation" / "content.es.yaml"


@pytest.fixture
def translated(tmp_path):
    """content.yaml cut to its first section (what the Spanish file translates), its pictures, and
    the Spanish translation beside it."""
    lines = KNEE.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("  - title:")]
    (tmp_path / "content.yaml").write_text("".join(lines[:starts[1]]), encoding="utf-8")
    shutil.copytree(KNEE.parent / "images", tmp_path / "images")
    shutil.copy(TRANSLATION, tmp_path / "content.es.yaml")
    return tmp_path


def line_of(path, needle, nth=1):
    hits = [i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text]
    return hits[nth - 1]


def check_output(path):
    return CliRunner().invoke(main, ["check", str(path)]).stdout


def test_a_translation_in_step_with_its_source_passes(translated):
    out = check_output(translated / "content.es.yaml")
    assert "[pass] Translation in step with its source: in step with" in out, out


def test_an_out_of_date_translation_names_both_versions_and_places(translated):
    source = translated / "content.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"', 1),
                      encoding="utf-8")
    out = check_output(translated / "content.es.yaml")
    tr_line = line_of(translated / "content.es.yaml", 'version: "1.0"', 2)  # the one under translation_of
    src_line = line_of(source, 'version: "1.1"')
    assert re.search(rf"content\.es\.yaml:{tr_line}:\d+: meta\.translation_of\.version: out of date: translated from "
                     rf"version 1\.0, but the source is now version 1\.1 \(.*content\.yaml:{src_line}:\d+\)", out), out


def test_a_structural_mismatch_is_located_in_both_files(translated):
    es = translated / "content.es.yaml"
    text = es.read_text(encoding="utf-8")
    first = line_of(es, "- bullets:")
    lines = text.splitlines(keepends=True)
    item = next(i for i in range(first, len(lines)) if lines[i].lstrip().startswith("- "))
    del lines[item]  # one list item fewer than the source
    es.write_text("".join(lines), encoding="utf-8")
    out = check_output(es)
    source_line = line_of(translated / "content.yaml", "- bullets:") + 1  # a list is located at its first item
    first += 1
    assert re.search(rf"content\.es\.yaml:{first}:\d+: sections\[1\]\.sections\[\d\]\.blocks\[\d\]: \d item\(s\) where "
                     rf"the source has \d \(.*content\.yaml:{source_line}:\d+\)", out), out


def test_a_missing_placeholder_is_reported(translated):
    es = translated / "content.es.yaml"
    es.write_text(es.read_text(encoding="utf-8").replace("{{ clinic.name }}", "nuestra clínica"), encoding="utf-8")
    out = check_output(es)
    assert "{{ clinic.name }} appears 0 time(s) here and 1 time(s) in the source" in out


def test_a_translation_builds_beside_its_source_with_the_language_in_its_names(translated):
    out = translated / "out"
    result = CliRunner().invoke(main, ["all", str(translated / "content.yaml"), str(translated / "content.es.yaml"),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert "knee-muscle-spasms.pdf" in names and "knee-muscle-spasms.es.pdf" in names
    assert "knee-muscle-spasms.es.pptx" in names and "knee-muscle-spasms.es-large-print.pdf" in names
    title = read_yaml(TRANSLATION)["meta"]["title"]
    from pypdf import PdfReader

    assert title in PdfReader(out / "knee-muscle-spasms.es.pdf").pages[0].extract_text()
    meta = read_yaml(TRANSLATION)["meta"]
    text = squash(" ".join(page.extract_text() for page in PdfReader(out / "knee-muscle-spasms.es.pdf").pages))
    spanish = read_yaml(ROOT / "templates" / "labels" / "es.yaml")["words"]
    assert f"{spanish['translated_by']} {meta['translator']}" in text
    assert f"{spanish['translation_reviewed_by']} {meta['translation_reviewer']}" in text


def test_hindi_is_shaped_and_its_words_come_back_as_written_in_reading_order(tmp_path):
    """Conjuncts and vowel signs placed by HarfBuzz: each syllable's first glyph names all its
    letters, so pdftotext gives every word whole, and the page in the order it is read (title,
    main points, then the sections), not the order spans of replacement text happen to land."""
    require_tool("pdftotext")
    result, out, slug = build(tmp_path, "pdf", "hi")
    assert result.exit_code == 0, result.output
    text = squash(pdftotext(out / f"{slug}.pdf"))
    assert "डॉक्टर" in text  # a conjunct comes back as its letters
    data = read_yaml(LEAFLETS / "hi.yaml")
    labels = read_yaml(ROOT / "templates" / "labels" / "hi.yaml")
    order = [data["meta"]["title"], labels["words"]["main_points"], data["key_messages"][0],
             data["sections"][0]["title"]]
    places = [text.find(squash(t)) for t in order]
    assert -1 not in places and places == sorted(places), list(zip(order, places))


def test_a_right_to_left_get_help_slide_puts_its_warning_sign_at_the_right(tmp_path):
    result, out, slug = build(tmp_path, "pptx", "ar")
    assert result.exit_code == 0, result.output
    deck = Presentation(str(out / f"{slug}.pptx"))
    slide = next(s for s in deck.slides if any(sh.name == "Warning icon" for sh in s.shapes))
    icon = next(sh for sh in slide.shapes if sh.name == "Warning icon")
    words = next(sh for sh in slide.shapes if sh.is_placeholder and sh.placeholder_format.idx != 0)
    assert icon.left >= words.left + words.width  # the sign beside the start of the words, at the right
    slide = next(s for s in deck.slides if any(sh.name == "tip bar" for sh in s.shapes))
    bar = next(sh for sh in slide.shapes if sh.name == "tip bar")
    panel = next(sh for sh in slide.shapes if sh.name == "tip panel")
    text = next(sh for sh in slide.shapes if sh.name == "Tip text")
    assert bar.left + bar.width == panel.left + panel.width and text.left + text.width <= bar.left
    # and in a left-to-right deck it stays at the left
    result, out, slug = build(tmp_path, "pptx", "es")
    deck = Presentation(str(out / f"{slug}.pptx"))
    slide = next(s for s in deck.slides if any(sh.name == "Warning icon" for sh in s.shapes))
    icon = next(sh for sh in slide.shapes if sh.name == "Warning icon")
    words = next(sh for sh in slide.shapes if sh.is_placeholder and sh.placeholder_format.idx != 0)
    assert icon.left + icon.width <= words.left


def _block_texts(block) -> list[str]:
    """Every printed string of a block, whatever its kind (a picture's file and alt text excepted)."""
    if isinstance(block, str):
        return [block]
    if isinstance(block, list):
        return [t for item in block for t in _block_texts(item)]
    if isinstance(block, dict):
        return [t for key, value in block.items() if key not in ("path", "alt", "kind", "standard")
                for t in _block_texts(value)]
    return []


@pytest.mark.parametrize("layout", ["leaflet", "booklet", "large-print"])
def test_every_block_kind_prints_right_to_left_in_full(tmp_path, layout):
    """The wound-care leaflet in Arabic (steps, a picture, terms, a note, questions, the standard
    texts, links): every text comes back from the PDF in reading order, in each full-text layout."""
    require_tool("pdftotext")
    for name in ("wound-care.ar.yaml", "wound-care.yaml", "dressing.png"):
        shutil.copy(ROOT / "tests" / "leaflets" / name, tmp_path / name)
    options = ["--profile", "large-print"] if layout == "large-print" else ["--layout", layout]
    result = CliRunner().invoke(main, ["pdf", str(tmp_path / "wound-care.ar.yaml"), "-o", str(tmp_path / "out"),
                                       *options])
    assert result.exit_code == 0, result.output
    suffix = {"leaflet": "", "booklet": "-booklet", "large-print": "-large-print"}[layout]
    text = letters(pdftotext(tmp_path / "out" / f"wound-care.ar{suffix}.pdf"))
    data = read_yaml(tmp_path / "wound-care.ar.yaml")
    clinic = data["clinic"]
    fill = lambda s: re.sub(r"\{\{\s*clinic\.(\w+)\s*\}\}", lambda m: clinic[m.group(1)], s)  # noqa: E731

    def sections(items):
        for section in items:
            yield section["title"]
            yield from (t for block in section["blocks"] for t in _block_texts(block))
            yield from sections(section.get("sections", []))

    written = [data["meta"]["title"], *data["key_messages"], *data["emergency_signs"], *sections(data["sections"])]
    assert len(written) > 40
    for sentence in written:
        assert letters(fill(sentence)) in text, sentence


def test_a_script_without_a_font_is_named_once_per_place_not_once_per_letter(tmp_path):
    """Hebrew (for which handouts ships no font) in two key messages of the Arabic leaflet: the
    Arabic font is chosen, and each Hebrew sentence is one message that names the script."""
    text = (LEAFLETS / "ar.yaml").read_text(encoding="utf-8")
    data = read_yaml(LEAFLETS / "ar.yaml")
    hebrew = "שטיפת ידיים חשובה מאוד."
    for message in data["key_messages"][:2]:
        text = text.replace(message, hebrew)
    source = tmp_path / "mixed-scripts.yaml"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["pdf", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "no glyph" in line]
    assert len(lines) == 2, result.stderr
    for line in lines:
        assert line.startswith(f"{source}:") and "'Noto Sans Arabic'" in line
        assert "handouts has no font for Hebrew letters" in line
        assert "U+05E9 ('ש')" in line and "more" in line
    assert not (tmp_path / "out").exists()


def test_an_arabic_word_longer_than_a_line_is_cut_between_letters_and_nothing_is_lost(tmp_path):
    import pdfplumber

    require_tool("pdftotext")
    data = read_yaml(LEAFLETS / "ar.yaml")
    paragraph = next(b["paragraph"] for b in data["sections"][0]["blocks"] if "paragraph" in b)
    word = "مستشفى" * 40  # no space to break at
    source = tmp_path / "long.yaml"
    source.write_text((LEAFLETS / "ar.yaml").read_text(encoding="utf-8").replace(paragraph, f"{word} {paragraph}"),
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["pdf", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "out" / f"{data['meta']['slug']}.pdf"
    assert letters(word + paragraph) in letters(pdftotext(pdf))
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            margin = 20  # every letter stays inside the page's margins
            assert all(margin < c["x0"] and c["x1"] < page.width - margin for c in page.chars if c["text"].strip())


def test_a_right_to_left_paragraph_split_over_columns_starts_each_piece_afresh():
    """ReportLab marks a paragraph it had to move on (`_postponed`); a piece of it split off later
    is new, or a piece that must move again would stop the build as "too large"."""
    from reportlab.lib.styles import ParagraphStyle

    from handouts.render.pdf.flowables import Para
    from handouts.render.pdf.fonts import register

    names = register("Noto Sans Arabic", True)
    style = ParagraphStyle("rtl", fontName=names["regular"], fontSize=12, leading=16, direction="rtl",
                           allowWidows=0, allowOrphans=0)
    para = Para(" ".join(["غسل اليدين من أسهل الطرق لمنع انتقال الجراثيم."] * 12), style)
    para._postponed = 1
    height = para.wrap(200, 1000)[1]
    parts = para.split(200, height / 2)
    assert len(parts) == 2
    assert all(not hasattr(p, "_postponed") for p in parts)
    assert sum(p.wrap(200, 1000)[1] for p in parts) == height  # no line lost or repeated


def test_a_tamil_leaflet_is_shaped_in_its_own_font_and_reads_back_whole(tmp_path):
    """A script handouts has a font for but no labels: Noto Sans Tamil from PyPI, every sentence
    back from pdftotext as written, and the English labels in their place (check says so)."""
    require_tool("pdftotext")
    result, out, slug = build(tmp_path, "pdf", "ta")
    assert result.exit_code == 0, result.output
    pdf = out / f"{slug}.pdf"
    text = squash(pdftotext(pdf))
    for sentence in sentences(LEAFLETS / "ta.yaml"):
        assert squash(sentence) in text, sentence
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)
    assert all("+NotoSansTamil" in line.split()[0] for line in fonts), fonts


@pytest.mark.parametrize("name,mirrored", [("wound-care.ar", True), ("wound-care", False)])
def test_a_picture_beside_the_points_is_at_the_far_side_of_the_reading(tmp_path, name, mirrored):
    source = tmp_path / f"{name}.yaml"
    shutil.copy(ROOT / "tests" / "leaflets" / f"{name}.yaml", source)
    shutil.copy(ROOT / "tests" / "leaflets" / "dressing.png", tmp_path / "dressing.png")
    shutil.copytree(KNEE.parent / "images", tmp_path / "images", dirs_exist_ok=True)
    result = CliRunner().invoke(main, ["pptx", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    (deck,) = (tmp_path / "out").glob("*.pptx")
    beside = [(pic, body) for slide in Presentation(str(deck)).slides
              for pic in slide.shapes if pic.name == "Picture"
              for body in slide.shapes if body.is_placeholder and body.placeholder_format.idx == 1]
    assert beside
    for pic, body in beside:
        if mirrored:  # right to left, the points start at the right: the picture is at the left
            assert pic.left + pic.width <= body.left
        else:
            assert pic.left >= body.left + body.width
