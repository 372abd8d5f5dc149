"""generate.py check: each finding pinned to its message and location."""

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import KNEE, ROOT, VALID

from handouts.cli import main
from handouts.load import load
from handouts.review.review import review
from handouts.theme.themes import load_theme

THEME = load_theme()
TODAY = dt.date(2026, 11, 23)


def short(p) -> str:
    """A problem as printed, with the temporary folder taken off its file name."""
    return Path(p.loc.file).name + str(p)[len(p.loc.file):]


def findings(report, name):
    check = next(c for _, c, _ in report.checks if c.name == name)
    return check.passed, [short(p) for p in check.problems]


def with_paragraph(write, text):
    return load(write(VALID.replace("paragraph: You can read this.", f"paragraph: \"{text}\"")))


def test_content_yaml_passes_strict():
    result = CliRunner().invoke(main, ["check", "--strict", str(KNEE)])
    assert result.exit_code == 0, result.output
    assert "PASS: 1 file(s) checked, 0 error(s), 0 warning(s)" in result.stdout
    assert "[FAIL]" not in result.stdout


def test_long_sentence_is_quoted_with_its_place(write):
    long = ("You should always remember that the muscles around the knee can become tired after a very long "
            "day of walking up and down the stairs at work.")
    passed, found = findings(review(with_paragraph(write, long), today=TODAY), "Sentences of 20 words or fewer")
    assert not passed
    assert found == [f'content.yaml:21:20: sentence of 27 words: "{long}" (hint: split it; aim for 20 words or fewer)']


def test_jargon_is_flagged_unless_explained(write):
    bad = with_paragraph(write, "Spasms are involuntary.")
    passed, found = findings(review(bad, today=TODAY), "Medical words explained")
    assert not passed
    assert found == ["content.yaml:21:20: 'involuntary' is not explained where it is first used "
                     "(hint: say \"that you can't control\", or explain it in the same sentence)"]
    good = with_paragraph(write, "Spasms are involuntary, which means you can't stop them.")
    assert findings(review(good, today=TODAY), "Medical words explained") == (True, [])
    called = with_paragraph(write, "Doctors call this an MRI. An MRI is a scan.")
    assert findings(review(called, today=TODAY), "Medical words explained") == (True, [])


def test_steep_section_is_a_warning_with_its_grade(write):
    hard = ("Physiological musculoskeletal complications necessitate comprehensive multidisciplinary "
            "rehabilitation interventions.")
    report = review(with_paragraph(write, hard), today=TODAY)
    passed, found = findings(report, "Reading grade")
    assert not passed
    assert len(found) == 1 and found[0].startswith("content.yaml:18:5: section 'First section': reads at grade ")
    assert report.sections[0].scores.fk_grade > 8


def test_expired_leaflet_is_an_error_and_builds_refuse(write, tmp_path):
    path = write(VALID.replace("next_review: 2099-01-10", "next_review: 2026-02-01"))
    report = review(load(path), today=TODAY)
    assert [short(p) for p in report.errors] == [
        "content.yaml:7:16: meta.next_review: this leaflet was due for review on 2026-02-01 and has expired "
        "(hint: have a clinician review it, then update last_reviewed and next_review; or build anyway with "
        "--allow-expired)"]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["pdf", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert "has expired" in result.stderr
    assert not out.exists() or not list(out.glob("*.pdf"))
    result = CliRunner().invoke(main, ["pdf", str(path), "-o", str(out), "--allow-expired"])
    assert result.exit_code == 0, result.output
    assert (out / "test-leaflet.pdf").exists()


def test_review_due_soon_is_a_warning(write):
    path = write(VALID.replace("next_review: 2099-01-10", "next_review: 2027-01-05"))
    report = review(load(path), today=TODAY)
    assert not report.errors
    assert [short(p) for p in report.warnings] == [
        "content.yaml:7:16: meta.next_review: review is due in 43 days (2027-01-05) (hint: book the clinical review now)"]


def test_missing_reviewer_sources_and_disclaimer_are_warnings(write):
    text = VALID.replace("  reviewer: Dr Test\n", "").replace("  sources:\n    - title: A source\n", "")
    passed, found = findings(review(load(write(text)), today=TODAY), "Review dates and leaflet essentials")
    assert not passed
    assert found == [
        "content.yaml:2:3: meta.reviewer: no reviewer given (hint: add 'reviewer:' under meta)",
        "content.yaml:2:3: meta.sources: no sources given (hint: add 'sources:' under meta)"]


def test_missing_help_callout(write):
    text = VALID.replace("      - callout:\n          kind: get_help\n          title: Get help\n          items: [Call us.]\n",
                         "")
    passed, found = findings(review(load(write(text)), today=TODAY), "Says when to get help")
    assert not passed
    assert found == ["content.yaml:18:5: sections: there is no 'get help' callout (hint: add a callout with "
                     "kind: get_help listing the warning signs, or '- standard: emergency')"]


def test_actions_buried_in_a_paragraph(write):
    article = with_paragraph(write, "Rest your leg. Drink some water. Call us if it hurts.")
    passed, found = findings(review(article, today=TODAY), "Actions are lists or steps")
    assert not passed
    assert found == ["content.yaml:21:20: 3 instructions in one paragraph (hint: turn them into bullets or numbered steps)"]


def test_all_caps_body_text(write):
    article = with_paragraph(write, "DO NOT STOP TAKING your tablets.")
    passed, found = findings(review(article, today=TODAY), "No all-caps body text")
    assert not passed
    assert found == ["content.yaml:21:20: text in capital letters is hard to read "
                     "(hint: use normal capitals; use **bold** for emphasis)"]


def test_not_addressing_the_reader(write):
    article = with_paragraph(write, "Patients with spasms should rest. " * 20)
    passed, found = findings(review(article, today=TODAY), 'Speaks to the reader as "you"')
    assert not passed
    assert found[0].startswith("content.yaml:1:1: only 0.9 uses of 'you' per 100 words")


def test_long_section_without_headings(write):
    article = with_paragraph(write, "You can rest your knee when it hurts a lot. " * 35)
    passed, found = findings(review(article, today=TODAY), "A heading at least every 250 words")
    assert not passed
    assert found == ["content.yaml:18:5: section 'First section': 354 words under one heading "
                     "(hint: add a sub-heading about every 250 words)"]


def test_low_contrast_theme_is_an_error(tmp_path, write):
    theme_file = tmp_path / "pale.yaml"
    theme_file.write_text(f'parent: {ROOT / "templates" / "theme.yaml"}\ncolors:\n  ink: "#AAAAAA"\n')
    theme = load_theme(theme_file)
    report = review(load(write(VALID)), theme, today=TODAY)
    passed, found = findings(report, "Text contrast (WCAG AA), standard and large-print")
    assert not passed
    assert len(found) == 1  # one message for the one colour, at the line that set it
    assert found[0].startswith("pale.yaml:3:8: colors.ink: colour 'ink' (#AAAAAA) has too little contrast for the "
                               "text set with it: 2.32:1 on 'paper' (base, body, ")
    assert found[0].endswith("text needs 4.5:1 (hint: choose a darker or lighter shade so text stands out)")
    assert [short(p) for p in report.errors if "contrast" in p.message] == found
    result = CliRunner().invoke(main, ["pdf", str(write(VALID)), "--theme", str(theme_file), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "2.32:1 on 'paper'" in result.stderr


def test_large_print_body_size_is_checked(tmp_path, write):
    theme_file = tmp_path / "small.yaml"
    theme_file.write_text(f'parent: {ROOT / "templates" / "theme.yaml"}\nprofiles:\n  large-print:\n'
                          '    body_size: 16\n    leading: 1.5\n    margin_mm: 20\n')
    report = review(load(write(VALID)), load_theme(theme_file), profile="large-print", today=TODAY)
    assert findings(report, "Body text size (large-print)") == (
        False, ["small.yaml: profiles.large-print.body_size: body text is 16 pt; large-print needs at least 18 pt"])


def test_strict_and_json(write):
    path = write(VALID.replace("  reviewer: Dr Test\n", ""))
    plain = CliRunner().invoke(main, ["check", str(path)])
    assert plain.exit_code == 0
    strict = CliRunner().invoke(main, ["check", "--strict", str(path)])
    assert strict.exit_code == 1
    assert "FAIL: 1 file(s) checked, 0 error(s), 1 warning(s) (--strict: warnings count as errors)" in strict.stdout
    data = json.loads(CliRunner().invoke(main, ["check", "--format", "json", str(path)]).stdout)
    assert [w["field"] for w in data[0]["warnings"]] == ["meta.reviewer"]
    assert data[0]["warnings"][0]["line"] == 2
    assert {c["name"] for c in data[0]["checks"]} >= {"Reading grade",
                                                      "Text contrast (WCAG AA), standard and large-print"}


def test_a_title_too_long_for_a_slide_is_found_by_check(write):
    title = " ".join(["Extraordinarilylongwordthatgoesonandon"] * 5)
    report = review(load(write(VALID.replace("title: First section", f"title: {title}"))), THEME, today=TODAY)
    passed, found = findings(report, "Deck fits")
    assert not passed
    assert found == [f"content.yaml:18:5: the slide title '{title}' does not fit in two lines even at 20 pt "
                     "(hint: shorten the title to about 50 characters)"]
    assert any("does not fit" in str(p) for p in report.errors)


def test_check_covers_both_print_profiles_by_default(tmp_path, write):
    theme_file = tmp_path / "lp.yaml"
    theme_file.write_text(f'parent: {ROOT / "templates" / "theme.yaml"}\nprofiles:\n  large-print:\n'
                          '    body_size: 14\n    leading: 1.5\n    margin_mm: 20\n')
    result = CliRunner().invoke(main, ["check", str(write(VALID)), "--theme", str(theme_file)])
    assert result.exit_code == 1
    assert "[FAIL] Body text size (large-print): 14 pt (at least 18 pt)" in result.stdout
    assert "[pass] Body text size (standard): 12 pt (at least 12 pt)" in result.stdout


def test_styles_scaled_into_tiny_text_are_an_error(tmp_path, write):
    theme_file = tmp_path / "big-body.yaml"
    theme_file.write_text(f'parent: {ROOT / "templates" / "theme.yaml"}\nstyles:\n  body: {{size: 72}}\n')
    report = review(load(write(VALID)), load_theme(theme_file), profile="standard", today=TODAY)
    passed, found = findings(report, "No tiny text (standard)")
    assert not passed
    assert ("big-body.yaml: styles.footer: style 'footer' comes out at 1.67 pt in standard print; the smallest "
            "readable size is 9 pt (hint: sizes are scaled so the body reaches the profile's body_size; keep the "
            "styles in proportion to body)") in found


def line_of(path, text) -> int:
    """The line of the file that holds `text`, read straight from the file."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


FAQ = """      - faq:
          - q: Can I swim?
            a: "{answer}"
"""


def test_faq_answers_are_checked_for_characters_and_long_sentences(write, tmp_path):
    long = ("You should remember that the muscles around the knee can become tired after a very long day of "
            "walking up and down the stairs at work and at home.")
    path = write(VALID.replace("      - paragraph: You can read this.\n", FAQ.format(answer=f"Yes \U0001F600. {long}")))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    line = line_of(path, long)
    assert f"content.yaml:{line}:" in result.stdout.split("U+1F600")[0].splitlines()[-1]
    assert "no glyph for U+1F600" in result.stdout
    passed, found = findings(review(load(path), today=TODAY), "Sentences of 20 words or fewer")
    assert not passed and len(found) == 1 and found[0].startswith(f"content.yaml:{line}:")
    build = CliRunner().invoke(main, ["pdf", str(path), "-o", str(tmp_path / "o")])
    assert build.exit_code == 1 and "U+1F600" in build.stderr


def test_a_picture_without_a_real_description_is_flagged(write, tmp_path):
    from PIL import Image

    Image.new("RGB", (40, 30), "white").save(tmp_path / "photo.png")
    image = "      - image:\n          path: photo.png\n          alt: photo.png\n"
    path = write(VALID.replace("      - paragraph: You can read this.\n", image))
    passed, found = findings(review(load(path), today=TODAY), "Alt text on every image")
    assert not passed
    assert found == [f"content.yaml:{line_of(path, 'alt: photo.png')}:16: alt text 'photo.png' does not say what "
                     "the picture shows (hint: describe the picture in a short sentence)"]


@pytest.mark.parametrize("alt", ["knee photo 2.JPEG", "IMG_0042", "Image"])
def test_alt_text_that_is_a_file_name_or_one_word_is_flagged(write, tmp_path, alt):
    from PIL import Image

    Image.new("RGB", (40, 30), "white").save(tmp_path / "IMG_0042.png")
    image = f"      - image:\n          path: IMG_0042.png\n          alt: {alt}\n"
    path = write(VALID.replace("      - paragraph: You can read this.\n", image))
    passed, found = findings(review(load(path), today=TODAY), "Alt text on every image")
    assert not passed and len(found) == 1 and f"alt text '{alt}' does not say what the picture shows" in found[0]


def test_a_source_titled_with_a_bare_web_address_is_flagged(write):
    text = VALID.replace("    - title: A source\n", "    - title: https://www.example.org/knee/page-2\n")
    assert text != VALID
    path = write(text)
    passed, found = findings(review(load(path), today=TODAY), "Links named in words")
    line = line_of(path, "title: https://www.example.org/knee/page-2")
    assert not passed
    assert found == [f"content.yaml:{line}:14: meta.sources.title: the source's title is a web address: a screen "
                     "reader reads it out letter by letter (hint: give the page's name in words as the title, and "
                     "its address as url)"]
    passed, found = findings(review(load(write(VALID)), today=TODAY), "Links named in words")
    assert passed and found == []
