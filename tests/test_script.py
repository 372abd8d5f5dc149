"""The speaker script: every slide of the deck, in order, with its points and full notes and the
time each takes, in a PDF a presenter can print. Read back with pdfplumber."""

import re

import pdfplumber
from click.testing import CliRunner
from conftest import KNEE
from oracle import Leaflet, sentences
from pptx import Presentation

from handouts.cli import main

LEAFLET = Leaflet(KNEE)


def norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_the_script_holds_every_slide_and_every_word_of_the_notes(tmp_path):
    for command in ("script", "pptx"):
        result = CliRunner().invoke(main, [command, str(KNEE), "-o", str(tmp_path)])
        assert result.exit_code == 0, result.output
    deck = Presentation(str(tmp_path / "knee-muscle-spasms.pptx"))
    with pdfplumber.open(tmp_path / "knee-muscle-spasms-script.pdf") as pdf:
        text = norm(" ".join(page.extract_text() or "" for page in pdf.pages))
        assert pdf.pages[0].width < pdf.pages[0].height  # upright, to hold
    total = len(deck.slides)
    pattern = LEAFLET.labels["slides"]["script_slide"].replace("{n}", r"(\d+)").replace("{total}", str(total))
    assert [int(n) for n in re.findall(pattern, text)] == list(range(1, total + 1))
    # each slide's title, in the deck's order
    at = 0
    for slide in deck.slides:
        title = norm(slide.shapes.title.text_frame.text)
        at = text.index(title, at)
    # every sentence of the content, from the notes and the slides
    wanted = [norm(s) for t in [*LEAFLET.key_messages, *LEAFLET.all_block_texts()] for s in sentences(t)]
    assert [s for s in wanted if s not in text] == []
    # the time of each slide and of the talk
    times = re.findall(r"\d+:\d\d", text)
    assert len(times) >= total
    minutes = re.search(LEAFLET.labels["slides"]["script_total"].split("{minutes}")[0].replace("{slides}", str(total))
                        + r"(\d+)", text)
    assert minutes and 15 <= int(minutes.group(1)) <= 30  # a 20 to 30 minute community talk


def test_every_page_is_numbered_and_no_page_ends_on_a_heading_or_stands_empty(tmp_path):
    result = CliRunner().invoke(main, ["script", str(KNEE), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    say = LEAFLET.labels["slides"]["script_say"]
    with pdfplumber.open(tmp_path / "knee-muscle-spasms-script.pdf") as pdf:
        total = len(pdf.pages)
        for n, page in enumerate(pdf.pages, 1):
            lines = [norm(line) for line in (page.extract_text() or "").split("\n") if line.strip()]
            number = LEAFLET.labels["words"]["page"].replace("{n}", str(n)).replace("{total}", str(total))
            assert lines[-1] == number, (n, lines[-3:])
            assert len(lines) > 1, f"page {n} holds nothing but its number"
            assert lines[-2] != say, f"page {n} ends on '{say}'"


def test_a_right_to_left_script_numbers_its_pages_in_reading_order(tmp_path):
    import subprocess

    from conftest import ROOT, require_tool
    from oracle import read_yaml

    require_tool("pdftotext")
    source = ROOT / "tests" / "leaflets" / "languages" / "ar.yaml"
    result = CliRunner().invoke(main, ["script", str(source), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (pdf,) = tmp_path.glob("*-script.pdf")
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    label = read_yaml(ROOT / "templates" / "labels" / "ar.yaml")["words"]["page"]
    for n, page in enumerate(pages, 1):
        wanted = label.replace("{n}", str(n)).replace("{total}", str(len(pages)))
        # poppler places the spaces around a number in right-to-left text by a rule of its own
        squash = re.sub(r"[\s\u200e\u200f\u202a-\u202e]", "", page)
        assert wanted.replace(" ", "") in squash, (n, page[-80:])
