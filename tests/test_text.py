"""The plain-text target (`generate.py txt`): every text of the leaflet in reading order, plain,
from the command line as a user runs it. Expected texts come from the YAML (tests/oracle.py)."""

import subprocess
import sys

import pytest
from conftest import ROOT
from oracle import Leaflet

LEAFLETS = ROOT / "tests" / "leaflets"


@pytest.mark.parametrize("source", [LEAFLETS / "wound-care.yaml", LEAFLETS / "wound-care.ar.yaml",
                                    LEAFLETS / "topics" / "cataract-surgery.yaml"])
def test_the_text_edition_holds_every_text_in_reading_order(tmp_path, source):
    result = subprocess.run([sys.executable, str(ROOT / "generate.py"), "txt", str(source), "-o", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (written,) = [tmp_path / line for line in result.stdout.split()]
    assert written.suffix == ".txt"
    text = written.read_text(encoding="utf-8")
    flowing = " ".join(text.split())
    leaflet = Leaflet(source)
    position = 0
    for expected in leaflet.reading_order(rows_read=True):  # a table's rows read out, each cell after its heading
        found = flowing.find(" ".join(expected.split()), position)
        assert found >= 0, f"missing or out of order: {expected!r}"
        position = found
    for alt in leaflet.alt_texts():  # a picture is its description
        assert alt in flowing
    assert leaflet.disclaimer() in flowing
    assert "**" not in text and "{{" not in text and "<" not in text  # no markup of any kind


def test_the_text_edition_is_one_paragraph_a_line_with_blank_lines_between_blocks(tmp_path):
    source = LEAFLETS / "wound-care.yaml"
    subprocess.run([sys.executable, str(ROOT / "generate.py"), "txt", str(source), "-o", str(tmp_path)], check=True,
                   capture_output=True)
    lines = (tmp_path / "wound-care.txt").read_text(encoding="utf-8").splitlines()
    first = Leaflet(source).text(Leaflet(source).data["sections"][0]["blocks"][0]["paragraph"])
    assert first in lines  # a whole paragraph on one line: a phone or a screen reader wraps it
    steps = [line for line in lines if line[:2] in ("1.", "2.")]
    assert len(steps) >= 2 and "" in lines
