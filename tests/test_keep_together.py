"""Keep-together rules, on the two shapes issue 24 found: the cataract leaflet's "For two weeks, do
not" list (a sub-heading and a list), and the knee leaflet's "What everyday habits help?" (a
sub-heading, a short paragraph and a list). A paragraph of filler placed before each moves the
heading down the column, one line at a time, across the column's foot; at every step the PDF is
re-read: no heading with fewer than two lines under it at a column's foot, no column that opens
with a list item, and a list that splits repeats its heading, "(continued)", above its rest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from layout_checks import columns, headings, headless_lists, key, stranded
from oracle import Leaflet
from pdf_text import body_text, norm

from handouts.cli import main

TOPICS = ROOT / "tests" / "leaflets" / "topics"
FILLER = "Ask your nurse if you are not sure what to do next."


def variant(source: Path, anchor: str, indent: str, sentences: int, folder: Path) -> Path:
    """The leaflet with a paragraph of `sentences` filler sentences just before `anchor`."""
    text = source.read_text(encoding="utf-8")
    assert anchor in text
    para = f'{indent}- paragraph: "{" ".join([FILLER] * sentences)}"\n'
    for picture in source.parent.glob("*.png"):
        shutil.copy(picture, folder)
    if (source.parent / "images").is_dir():
        shutil.copytree(source.parent / "images", folder / "images", dirs_exist_ok=True)
    path = folder / f"{source.stem}-{sentences}.yaml"
    path.write_text(text.replace(anchor, para + anchor, 1) if sentences else text, encoding="utf-8")
    return path


def build(content: Path, out: Path, *args: str) -> Path:
    result = CliRunner().invoke(main, ["pdf", str(content), "-o", str(out), "--paper", "a4", *args])
    assert result.exit_code == 0, result.output
    return Path(result.stdout.split()[-1])


def where(pdf: Path, title: str) -> list[tuple[int, int, int]]:
    """(column, line, lines in that column) of each line that starts with `title`."""
    return [(c, i, len(col)) for c, col in enumerate(columns(pdf, 2)) for i, line in enumerate(col)
            if key(line[0]).startswith(key(title))]


SHAPES = {
    "cataract": (TOPICS / "cataract-surgery.yaml", '    sections:\n      - title: "For two weeks', "      ",
                 "For two weeks, do not", (16, 19, 21, 22)),
    "knee": (ROOT / "tests" / "leaflets" / "knee-muscle-spasms.yaml", '      - title: "What everyday habits help?"',
             "          ", "What everyday habits help?", (0, 1, 10)),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_list_keeps_its_heading_at_every_place_of_the_column_foot(shape, tmp_path):
    source, anchor, indent, title, steps = SHAPES[shape]
    continued = moved = 0
    for n in steps:
        folder = tmp_path / str(n)
        folder.mkdir()
        content = variant(source, anchor, indent, n, folder)
        pdf = build(content, folder)
        assert stranded(pdf, 2, headings(Leaflet(content))) == [], n
        assert headless_lists(pdf, 2) == [], n
        found = where(pdf, title)
        cols = columns(pdf, 2)
        for c, i, _count in found[1:]:  # the heading again: at the top of a column, worded "(continued)"
            lines = [line[0] for line in cols[c]]
            size = next(k for k in (1, 2) if "".join(lines[:k]).endswith("(continued)"))  # it may take two lines
            assert i == 0 and lines[size].startswith("•"), (n, lines[:size + 1])
            continued += 1
        first_col, first_line, _ = found[0]
        moved += first_line == 0 and first_col > 0
    assert continued and moved, "the filler no longer moves the heading across a column's foot"


# -- nothing that cannot split --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["asthma-inhaler.yaml", "asthma-inhaler.es.yaml"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_five_main_points_asthma_leaflet_builds_in_large_print(name, paper, tmp_path):
    import pdfplumber

    source = TOPICS / name
    result = CliRunner().invoke(main, ["pdf", str(source), "-o", str(tmp_path), "--paper", paper,
                                       "--profile", "large-print"])
    assert result.exit_code == 0 and " at 0x" not in result.output, result.output
    leaflet = Leaflet(source)
    assert len(leaflet.key_messages) == 5
    pdf = Path(result.stdout.split()[-1])
    with pdfplumber.open(pdf) as doc:
        assert min(round(c["size"], 1) for p in doc.pages for c in p.chars if c["text"].strip()) >= 18
    text = body_text(pdf)
    for point in leaflet.key_messages:
        assert norm(point) in text


def test_main_points_too_long_for_the_top_of_page_one_flow_in_the_columns(tmp_path):
    from conftest import VALID

    long = "Take your medicine with food and water every morning. " * 9
    content = tmp_path / "points.yaml"
    content.write_text(VALID.replace("key_messages:\n  - Call us on {{ clinic.phone }} if you are worried.\n",
                                     "key_messages:\n" + f"  - {long}\n" * 8), encoding="utf-8")
    for profile in ("standard", "large-print"):
        result = CliRunner().invoke(main, ["pdf", str(content), "-o", str(tmp_path), "--profile", profile])
        assert result.exit_code == 0 and " at 0x" not in result.output, result.output
        text = body_text(Path(result.stdout.split()[-1])).replace("The main points (continued) ", "")
        assert text.count(norm(long)) == 8


def test_a_block_too_tall_for_a_page_is_named_at_its_own_line():
    from reportlab.platypus import Frame

    from handouts.errors import Loc
    from handouts.render.pdf.flow import too_tall
    from handouts.render.pdf.flowables import Para

    class Doc:  # what too_tall reads of a document: its canvas, its frame, the flowable it was laying
        from reportlab.pdfgen.canvas import Canvas
        canv = Canvas(None)
        frame = Frame(0, 0, 200, 100)
        trying = Para("word " * 400)

    Doc.trying.source = ("a box", Loc("leaflet.yaml", 41, 7))
    problem = too_tall(Doc, Loc("leaflet.yaml", 1, 1))
    assert str(problem).startswith("leaflet.yaml:41:7: a box is too tall to fit on one page by ")
    assert " mm" in str(problem) and " at 0x" not in str(problem)


# -- no thin pages --------------------------------------------------------------------------------

TOPIC_FILES = ("asthma-inhaler", "asthma-inhaler.es", "knee-sprain", "cataract-surgery", "wound-dressing-child")


@pytest.mark.parametrize("profile,columns,least", [("standard", 2, 0.70), ("large-print", 1, 0.60)])
def test_no_page_but_the_last_is_thin_in_the_topic_leaflets(profile, columns, least, tmp_path):
    """The cataract large print once had a page 47% full: its picture moved on alone. Now the text
    after a picture fills the column first, and a box or steps move on whole only from a full page."""
    from layout_checks import thin_pages

    problems = []
    for name in TOPIC_FILES:
        pdf = build(TOPICS / f"{name}.yaml", tmp_path / name, "--profile", profile)
        problems += [f"{pdf.name}: {p}" for p in thin_pages(pdf, columns, least, last=0.0)]
    assert not problems, "\n".join(problems)


def test_a_thin_last_page_gets_the_closing_part_whole(tmp_path):
    """The Spanish asthma leaflet's last page held 20% (the sources and the QR code): the closing
    part now starts that page, which is at least a quarter full, and the page before stays full."""
    from layout_checks import thin_pages

    pdf = build(TOPICS / "asthma-inhaler.es.yaml", tmp_path)
    assert thin_pages(pdf, 2, 0.70, last=0.25) == []
