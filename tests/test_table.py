"""The table block in every target, read back from the real output: the PDF (every cell drawn and
tagged, the header row repeated where the table runs on, PDF/UA rules), the deck (a native table,
its header on each of its slides, rows in the notes), the web page, the text edition, and `check`.
Expected text comes from the YAML (tests/oracle.py). The dose chart of cataract-drops.yaml is long
enough to run on over a column and a page."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, VALID, require_tool
from oracle import Leaflet
from test_tagged import struct_text

from handouts.cli import main

LEAFLETS = ROOT / "tests" / "leaflets"
DROPS = LEAFLETS / "topics" / "cataract-drops.yaml"
WOUND = LEAFLETS / "wound-care.yaml"
ARABIC = LEAFLETS / "wound-care.ar.yaml"
FILES = {"leaflet": "{slug}.pdf", "large-print": "{slug}-large-print.pdf", "a5": "{slug}-a5.pdf"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def drops(tmp_path_factory):
    """The dose chart's leaflet in each layout that prints tables, and its deck, web page and text."""
    out = tmp_path_factory.mktemp("drops")
    for args in (["pdf"], ["pdf", "--profile", "large-print"], ["pdf", "--layout", "booklet"], ["pptx"], ["html"],
                 ["txt"]):
        result = CliRunner().invoke(main, [*args, str(DROPS), "-o", str(out), "--allow-expired"])
        assert result.exit_code == 0, result.output
    return out


def chart() -> dict:
    (table,) = Leaflet(DROPS).tables()
    return table


# -- the PDF ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", FILES)
def test_every_cell_is_drawn_and_tagged_as_a_header_or_data_cell_in_order(drops, layout):
    table = chart()
    tree = [(role, squash(text)) for _, role, text in struct_text(drops / FILES[layout].format(slug="cataract-drops"))
            if role in ("Table", "TR", "TH", "TD", "Caption")]
    cells = [(role, text) for role, text in tree if role in ("TH", "TD")]
    assert cells == [("TH", squash(h)) for h in table["header"]] + [
        ("TD", squash(c)) for row in table["rows"] for c in row]  # the header read once: repeats are artifacts
    assert ("Caption", squash(table["caption"])) in tree
    assert sum(role == "TR" for role, _ in tree) == 1 + len(table["rows"])


def test_header_cells_have_column_scope(drops):
    require_tool("pdfinfo")
    raw = subprocess.run(["pdfinfo", "-struct-text", str(drops / "cataract-drops.pdf")], capture_output=True,
                         check=True).stdout.decode("utf-8", "replace")
    heads = re.findall(r"TH:\s*\n\s*/Scope /Column", raw)
    assert len(heads) == len(chart()["header"])


def parts(path, columns: int) -> list[list[list[str]]]:
    """The tables pdfplumber finds by their rules, each a list of rows of cell texts (spaces
    squashed), in reading order: page by page, and on a page column by column."""
    import pdfplumber

    found = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            tables = sorted(page.find_tables(), key=lambda t: (round(t.bbox[0] / (page.width / 2)), t.bbox[1]))
            for table in tables:
                rows = [[squash(c or "") for c in row] for row in table.extract()]
                if len(rows) > 1 and len(rows[0]) == columns:  # (a box is a table of one row)
                    found.append(rows)
    return found


@pytest.mark.parametrize("layout", FILES)
def test_every_cell_is_on_the_page_and_each_part_of_the_table_starts_with_its_header(drops, layout):
    table = chart()
    header = [squash(h) for h in table["header"]]
    found = parts(drops / FILES[layout].format(slug="cataract-drops"), len(header))
    assert len(found) >= 2, "the chart should run on over a column or a page in this layout"
    assert [part[0] for part in found] == [header] * len(found)  # the header row again wherever it runs on
    assert [row for part in found for row in part[1:]] == [[squash(c) for c in row] for row in table["rows"]]


@pytest.mark.parametrize("layout", FILES)
def test_a_split_table_breaks_no_pdf_ua_rule(drops, layout):
    import page

    report = page.validate_pdf(str(drops / FILES[layout].format(slug="cataract-drops")), profile="ua1")
    assert [(f.rule_id, f.message) for f in report.failures] == []
    assert report.is_compliant


def test_the_table_is_mirrored_right_to_left(tmp_path):
    result = CliRunner().invoke(main, ["pdf", str(ARABIC), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (table,) = Leaflet(ARABIC).tables()
    (found,) = parts(tmp_path / "wound-care.ar.pdf", len(table["header"]))
    assert len(found) == 1 + len(table["rows"])
    # the second column (how long, in digits) is drawn at the left: the first column starts at the right
    assert all(re.search(r"\d", row[0]) and not re.search(r"\d", row[1]) for row in found[1:]), found


# -- the other targets -----------------------------------------------------------------------------

def test_the_deck_shows_a_native_table_with_its_header_on_each_slide_and_rows_in_the_notes(drops):
    from pptx import Presentation

    table = chart()
    deck = Presentation(str(drops / "cataract-drops.pptx"))
    shown, notes = [], []
    for slide in deck.slides:
        frames = [s for s in slide.shapes if s.has_table]
        if not frames:
            continue
        rows = [[cell.text for cell in row.cells] for row in frames[0].table.rows]
        assert rows[0] == table["header"]
        assert frames[0].table.first_row
        shown += rows[1:]
        notes.append(slide.notes_slide.notes_text_frame.text)
        sizes = {r.font.size.pt for row in frames[0].table.rows for c in row.cells for p in c.text_frame.paragraphs
                 for r in p.runs}
        assert min(sizes) >= 20
    assert shown == table["rows"]
    assert len(notes) >= 2  # 28 rows run on over slides
    read = "\n".join(notes)
    assert table["caption"] in read
    leaflet = Leaflet(DROPS)
    for row in table["rows"]:
        assert leaflet.table_row(table["header"], row) in read


def test_the_web_page_has_a_table_with_a_caption_and_column_headers(drops):
    from lxml import html as lxml_html

    table = chart()
    page = lxml_html.parse(str(drops / "cataract-drops.html")).getroot()
    (found,) = page.findall(".//table")
    assert found.find("caption").text_content() == table["caption"]
    heads = found.findall(".//thead/tr/th")
    assert [h.text_content() for h in heads] == table["header"]
    assert all(h.get("scope") == "col" for h in heads)
    assert [[td.text_content() for td in tr.findall("td")] for tr in found.findall(".//tbody/tr")] == table["rows"]


def test_the_text_edition_reads_each_row_cell_by_cell_after_its_caption(drops):
    lines = (drops / "cataract-drops.txt").read_text(encoding="utf-8").splitlines()
    table, leaflet = chart(), Leaflet(DROPS)
    start = lines.index(table["caption"])
    assert lines[start + 1:start + 1 + len(table["rows"])] == [leaflet.table_row(table["header"], row)
                                                               for row in table["rows"]]


def test_the_trifold_and_card_leave_the_table_out_and_check_says_so(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "generate.py"), "check", str(WOUND)], capture_output=True,
                            text=True)
    assert "Tables fit their columns and slides: 1 table(s) fit; the trifold and the card leave it out" in result.stdout
    for layout in ("trifold", "card"):
        done = CliRunner().invoke(main, ["pdf", "--layout", layout, str(WOUND), "-o", str(tmp_path)])
        assert done.exit_code == 0, done.output
        text = subprocess.run(["pdftotext", str(tmp_path / f"wound-care-{layout}.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "Stitches out after" not in text


def test_check_warns_of_a_table_too_wide_for_a_column_or_a_slide(tmp_path):
    text = WOUND.read_text(encoding="utf-8").replace(
        'header: ["Where the wound is", "Stitches out after"]',
        'header: ["Where", "When", "Antiinflammatories", "Physiotherapeutical", "Contraindications", '
        '"Hospitalisation"]')
    text = re.sub(r'- \["Face", "5 to 7 days"\]\n.*\n.*\n', '- ["Face", "5 days", "Ibuprofen", '
                  '"Electrotherapeutical", "Anticoagulation", "Outpatient"]\n', text)
    (tmp_path / "wide.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "dressing.png").write_bytes((LEAFLETS / "dressing.png").read_bytes())
    result = subprocess.run([sys.executable, str(ROOT / "generate.py"), "check", str(tmp_path / "wide.yaml")],
                            capture_output=True, text=True)
    out = result.stdout
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.strip() == "- table:") + 1  # at its fields
    for where in ("a column of the leaflet", "a column of the large-print leaflet", "a column of the booklet",
                  "a 16:9 slide", "a 4:3 slide"):
        assert f"wide.yaml:{line}:" in out and f"the table is too wide for {where}" in out, where


# -- the loader ------------------------------------------------------------------------------------

def test_a_row_without_a_cell_for_each_heading_is_pointed_at(write):
    path = write(VALID.replace("      - paragraph:", """      - table:
          header: ["Drops", "How often"]
          rows:
            - ["Antibiotic", "4 times a day"]
            - ["Steroid"]
      - paragraph:""", 1))
    result = subprocess.run([sys.executable, str(ROOT / "generate.py"), "check", str(path)], capture_output=True,
                            text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if '["Steroid"]' in t)
    assert (f"{path.name}:{line}:15: sections[1].blocks[1].table.rows[2]: this row has 1 cell(s) but the header "
            "has 2") in result.stdout + result.stderr


def test_a_table_of_more_columns_than_the_limit_is_refused(write):
    from handouts.load.content_spec import TABLE_COLUMNS

    header = ", ".join(f'"H{n}"' for n in range(TABLE_COLUMNS + 1))
    path = write(VALID.replace("      - paragraph:", f"""      - table:
          header: [{header}]
          rows:
            - [{header}]
      - paragraph:""", 1))
    result = subprocess.run([sys.executable, str(ROOT / "generate.py"), "check", str(path)], capture_output=True,
                            text=True)
    assert result.returncode == 1
    assert f"has {TABLE_COLUMNS + 1} items; the limit is {TABLE_COLUMNS}" in result.stdout + result.stderr
