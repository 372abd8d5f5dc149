"""Web and mail addresses break only after / . @ - _ ? or &, never inside a word and never with an
added hyphen; one too long for its panel is set a little smaller first (issue #24). Re-read from the
PDFs; the addresses come from the YAML (tests/oracle.py)."""

from __future__ import annotations

import pdfplumber
import pytest
from address_lines import addresses, breaks
from click.testing import CliRunner
from conftest import ROOT, VALID
from oracle import Leaflet

from handouts.cli import main

TOPICS = ROOT / "tests" / "leaflets" / "topics"
WOUND_AR = ROOT / "tests" / "leaflets" / "wound-care.ar.yaml"


def build(content, out, *args) -> list[str]:
    result = CliRunner().invoke(main, [*args[:1], str(content), "-o", str(out), *map(str, args[1:])])
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def contact_addresses(leaflet: Leaflet) -> list[str]:
    """What the tri-fold's back and the card always print: the email, the website and the online copy."""
    return [a for a in addresses(leaflet)
            if any(a in (v or "") for v in (leaflet.clinic.get("email"), leaflet.clinic.get("website"),
                                           leaflet.meta.get("online_url")))]


CASES = [(name, layout, paper) for name in ("asthma-inhaler", "cataract-surgery", "wound-dressing-child")
         for layout in ("trifold", "card") for paper in ("a4", "letter")
         if (name, layout, paper) != ("wound-dressing-child", "card", "letter")]  # too long for a Letter card


@pytest.mark.parametrize("name,layout,paper", CASES)
def test_addresses_break_only_after_their_marks_on_the_trifold_and_the_card(tmp_path, name, layout, paper):
    content = TOPICS / f"{name}.yaml"
    leaflet = Leaflet(content)
    (pdf,) = build(content, tmp_path, "pdf", "--layout", layout, "--paper", paper)
    found, bad = breaks(pdf, addresses(leaflet))
    assert not bad, f"addresses broken inside a word: {bad}"
    for address in contact_addresses(leaflet):
        assert found[address], f"{address} is not printed whole (cut between letters?)"


@pytest.mark.parametrize("content,layout", [(TOPICS / "asthma-inhaler.es.yaml", "card"),
                                            (TOPICS / "cataract-surgery.yaml", "leaflet"),
                                            (WOUND_AR, "trifold"), (WOUND_AR, "leaflet")])
def test_addresses_break_cleanly_in_the_leaflet_in_spanish_and_right_to_left(tmp_path, content, layout):
    leaflet = Leaflet(content)
    (pdf,) = build(content, tmp_path, "pdf", "--layout", layout)
    found, bad = breaks(pdf, addresses(leaflet))
    assert not bad, f"addresses broken inside a word: {bad}"
    wanted = addresses(leaflet) if layout == "leaflet" else contact_addresses(leaflet)
    assert all(found[a] for a in wanted), found


def test_the_speaker_script_breaks_addresses_cleanly(tmp_path):
    content = TOPICS / "cataract-surgery.yaml"
    (pdf,) = build(content, tmp_path, "script")
    found, bad = breaks(pdf, addresses(Leaflet(content)))
    assert not bad, f"addresses broken inside a word: {bad}"
    assert any(found.values())


LONG_PIECE = "northlakesregionalchildrenshospital"  # no mark to break at: wider than a card's column at 16 pt


def test_an_address_too_wide_for_its_column_is_set_smaller_not_cut(write, tmp_path):
    email = f"help@{LONG_PIECE}.example"
    content = write(VALID.replace('  emergency: "911"\n', f'  emergency: "911"\n  email: "{email}"\n'))
    (pdf,) = build(content, tmp_path, "pdf", "--layout", "card", "--paper", "a4")
    found, bad = breaks(pdf, [email])
    assert found[email] and not bad
    with pdfplumber.open(pdf) as doc:
        chars = doc.pages[0].chars
    words = "".join(c["text"] for c in chars)
    body = chars[words.index("Email")]["size"]  # its row's label, at the card's body size
    start = words.index(LONG_PIECE[:12])
    sizes = {round(c["size"], 1) for c in chars[start:start + len(LONG_PIECE)]}
    assert body > 12 and all(12 <= s < body for s in sizes), (body, sizes)

