"""The tri-fold is worth folding (issue #24): each question carries its answer, the inside panels
are filled from the full leaflet when they have room, a list is never cut, and `check` says what the
tri-fold leaves out. Re-read from the PDFs; expected text from the YAML (tests/oracle.py)."""

from __future__ import annotations

import subprocess

import pdfplumber
import pytest
from click.testing import CliRunner
from conftest import ROOT
from oracle import Leaflet, sentences
from pdf_text import norm
from pypdf import PdfReader

from handouts.cli import main

TOPICS = ROOT / "tests" / "leaflets" / "topics"


PANELS: dict[str, list[str]] = {}  # each leaflet's inside panels, each as one line of text


def inside_panels(pdf) -> list[str]:
    """The three inside panels of a tri-fold (its second page), each cut out by poppler."""
    with pdfplumber.open(pdf) as doc:
        width, height = doc.pages[1].width, doc.pages[1].height
    third = width / 3
    return [norm(subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-x", str(int(i * third)), "-y", "0", "-W",
                                 str(int(third)), "-H", str(int(height)), "-enc", "UTF-8", str(pdf), "-"],
                                capture_output=True, text=True, check=True).stdout) for i in range(3)]


@pytest.fixture(scope="module")
def folded(tmp_path_factory):
    """The inside of the tri-fold of each test leaflet, as one line of text."""
    out = {}
    for name in ("cataract-surgery", "asthma-inhaler", "knee-sprain", "wound-dressing-child"):
        folder = tmp_path_factory.mktemp(name)
        result = CliRunner().invoke(main, ["pdf", str(TOPICS / f"{name}.yaml"), "--layout", "trifold",
                                           "-o", str(folder)])
        assert result.exit_code == 0, result.output
        PANELS[name] = inside_panels(result.stdout.split()[0])
        reader = PdfReader(result.stdout.split()[0])
        out[name] = norm(" ".join(page.extract_text() for page in reader.pages))
    return out


def questions(leaflet: Leaflet):
    for _, section in leaflet.sections():
        for kind, value in leaflet.blocks(section):
            if kind == "faq":
                yield from ((leaflet.text(qa["q"]), leaflet.text(qa["a"])) for qa in value)


@pytest.mark.parametrize("name", ["cataract-surgery", "asthma-inhaler", "knee-sprain", "wound-dressing-child"])
def test_each_question_on_the_trifold_carries_its_answer(folded, name):
    text = folded[name]
    asked = list(questions(Leaflet(TOPICS / f"{name}.yaml")))
    on_sheet = [(q, a) for q, a in asked if q in text]
    assert on_sheet or not asked
    for question, answer in on_sheet:
        first = sentences(answer)[0]
        after = text[text.index(question) + len(question):].replace(" ", "")  # (addresses read with spaces)
        assert after.startswith(first.replace(" ", "")), (question, after[:80])


def lists(leaflet: Leaflet):
    for _, section in leaflet.sections():
        for kind, value in leaflet.blocks(section):
            if kind == "bullets":
                yield [leaflet.text(t) for t in value]
            elif kind == "steps":
                yield [leaflet.text(t) for t in value["items"]]


@pytest.mark.parametrize("name", ["cataract-surgery", "asthma-inhaler", "knee-sprain", "wound-dressing-child"])
def test_a_list_is_on_the_trifold_whole_or_not_at_all_and_in_one_panel(folded, name):
    for items in lists(Leaflet(TOPICS / f"{name}.yaml")):
        shown = [item in folded[name] for item in items]
        assert all(shown) or not any(shown), items
        if all(shown) and any(items[0] in panel for panel in PANELS[name]):  # (the flap is on the other side)
            assert any(all(item in panel for item in items) for panel in PANELS[name]), f"cut between panels: {items}"


def test_the_cataract_inside_panels_take_more_of_the_leaflet_than_the_briefs(folded):
    """Its sections' briefs (their summaries and slide points) leave the inside half empty: blocks of
    the full leaflet fill it. A section with a summary or slide points never briefs with its blocks."""
    leaflet = Leaflet(TOPICS / "cataract-surgery.yaml")
    briefed = [s for _, s in leaflet.sections() if "summary" in s or "slide_points" in s]
    added = [t for s in briefed for kind, v in leaflet.blocks(s) for t in leaflet.block_texts(kind, v)
             if len(t.split()) > 5 and t in folded["cataract-surgery"]]
    assert added


def test_check_says_what_the_trifold_leaves_out_of_the_full_leaflet():
    result = CliRunner().invoke(main, ["check", str(TOPICS / "cataract-surgery.yaml")])
    line = next(x for x in result.output.splitlines() if "Trifold fits" in x)
    assert "leaves out of the full leaflet" in line
    said = dict(part.rsplit(": ", 1) for part in line.split("leaves out of the full leaflet: ", 1)[1].split("; "))
    assert "a picture" in said["Protecting your eye"].split(", "), line
    assert "a list of steps" in said["Using your eye drops"].split(", "), line
