"""Defects found when the tool was tried as a new user would, each pinned by a test."""

import json

import pytest
from click.testing import CliRunner
from conftest import KNEE, ROOT, VALID
from oracle import Leaflet
from pdf_text import body_text
from pptx import Presentation

from handouts.cli import main

WOUND = ROOT / "tests" / "leaflets" / "wound-care.yaml"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_a_list_written_on_one_line_gives_one_message(write):
    path = write(VALID.replace("      - paragraph: You can read this.\n      - callout:\n          kind: get_help\n"
                               "          title: Get help\n          items: [Call us.]\n",
                               "      - bullets: Rest, ice, stretch\n"))
    result = run("check", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:21:18: sections[1].blocks[1].bullets: expected a list, got text "
        "(hint: start each item on its own line with '- ')", "1 problem found."]


def test_check_strict_passes_a_leaflet_that_uses_the_standard_disclaimer(write):
    result = run("check", "--strict", write(VALID))  # VALID has no disclaimer: the documented default
    assert result.exit_code == 0, result.output
    assert "PASS: 1 file(s) checked, 0 error(s), 0 warning(s)" in result.stdout


def test_warnings_are_labelled_as_warnings(write):
    result = run("check", write(VALID.replace("  reviewer: Dr Test\n", "")))
    assert result.exit_code == 0
    assert "[warn] Review dates and leaflet essentials: 1 item(s) to fix" in result.stdout
    assert "[FAIL]" not in result.stdout
    assert "PASS: 1 file(s) checked, 0 error(s), 1 warning(s)" in result.stdout


def test_a_missing_parent_theme_is_the_only_message(tmp_path, write):
    theme = tmp_path / "mine.yaml"
    theme.write_text("parent: them.yaml\ncolors:\n  primary: \"#5B2C83\"\n")
    result = run("check", write(VALID), "--theme", theme)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{theme}:1:9: parent: parent theme 'them.yaml' not found (hint: give the path relative to this theme "
        "file, e.g. theme.yaml)", "1 problem found."]


def test_a_pale_primary_colour_is_one_message_at_its_line(tmp_path, write):
    theme = tmp_path / "pale.yaml"
    theme.write_text(f"parent: {ROOT / 'templates' / 'theme.yaml'}\ncolors:\n  primary: \"#9AC8D0\"\n")
    result = run("pdf", write(VALID), "--theme", theme, "-o", tmp_path / "out")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[1] == "1 problem found; nothing was written."
    assert lines[0].startswith(f"{theme}:3:12: colors.primary: colour 'primary' (#9AC8D0) has too little contrast")


def test_a_slide_template_given_as_the_theme_is_named_as_such(tmp_path, write):
    deck = tmp_path / "clinic.pptx"
    deck.write_bytes(b"PK\x03\x04not really")
    result = run("all", write(VALID), "--theme", deck, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (f"{deck}: this is a slide template, not a theme (hint: give a slide "
                                             "template with --template, and a theme (.yaml) with --theme)")


def test_all_takes_every_build_option(tmp_path, write):
    template = tmp_path / "clinic.pptx"
    Presentation().save(str(template))
    out = tmp_path / "out"
    result = run("all", write(VALID), "-o", out, "--paper", "letter", "--aspect", "4:3", "--template", template)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [".handouts-manifest.json", "test-leaflet-4x3.pptx", "test-leaflet-card.pdf",
                                                     "test-leaflet-large-print.pdf", "test-leaflet.pdf"]
    from pypdf import PdfReader

    assert round(float(PdfReader(out / "test-leaflet.pdf").pages[0].mediabox.width)) == 612
    assert run("all", write(VALID), "-o", out, "--paper", "a3").exit_code == 2


def test_an_apostrophe_inside_single_quotes_is_named_with_both_fixes(write):
    path = write(VALID.replace("paragraph: You can read this.", "paragraph: 'Don't stop.'"))
    result = run("check", path)
    assert result.stderr.splitlines()[0] == (
        f"{path}:21:24: YAML syntax error: the apostrophe in \"Don't\" ends the text in single quotes too early "
        "(hint: write the apostrophe twice ('Don''t...') or put the text in double quotes (\"Don't...\"))")


def test_json_output_carries_the_problems_of_a_broken_file_and_the_review_dates(write):
    good = write(VALID, "good.yaml")
    broken = write(VALID.replace("slug: test-leaflet", "slug: Bad Slug"), "broken.yaml")
    result = run("check", "--format", "json", good, broken)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["loaded"] for d in data] == [True, False]
    assert data[0]["review"] == {"version": "1.0", "last_reviewed": "2026-01-10", "next_review": "2099-01-10",
                                 "reviewer": "Dr Test", "state": "ok"}
    assert [(e["line"], e["column"], e["field"]) for e in data[1]["errors"]] == [(3, 9, "meta.slug")]


def test_the_missing_picture_hint_names_the_content_file_as_it_is_called(write):
    path = write(VALID.replace('  emergency: "911"\n', '  emergency: "911"\n  logo: logo.png\n'), "wound.yaml")
    result = run("check", path)
    assert result.stderr.splitlines()[0].endswith(
        "clinic.logo: picture 'logo.png' not found (hint: check the file name; paths are relative to wound.yaml)")


def test_check_never_says_nothing_was_written(write):
    result = run("check", write(VALID.replace("slug: test-leaflet", "slug: Bad Slug")))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "1 problem found."
    assert "written" not in result.output


def test_a_contact_block_prints_the_contact_details_once(tmp_path):
    out = tmp_path / "out"
    assert run("all", WOUND, "-o", out).exit_code == 0
    leaflet = Leaflet(WOUND)
    email = leaflet.clinic["email"]
    assert body_text(out / "wound-care.pdf").count(email) == 1
    prs = Presentation(str(out / "wound-care.pptx"))
    on_slides = " ".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes
                         if shape.has_text_frame)
    assert on_slides.count(email) == 1


@pytest.mark.parametrize("name", ["wound-care.pdf", "wound-care-large-print.pdf"])
def test_standard_texts_say_nothing_about_another_topic(tmp_path, name):
    out = tmp_path / "out"
    assert run("all", WOUND, "-o", out).exit_code == 0
    text = body_text(out / name).lower()
    for word in ("knee", "calf", "leg", "spasm"):
        assert word not in text
    leaflet = Leaflet(WOUND)
    for sign in leaflet.data["emergency_signs"]:
        assert leaflet.text(sign) in body_text(out / name)


def test_content_yaml_uses_no_standard_text_and_keeps_its_own_help_box():
    leaflet = Leaflet(KNEE)
    assert not any(kind == "standard" for _, s in leaflet.sections() for block in s.get("blocks", [])
                   for kind in block)
