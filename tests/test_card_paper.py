"""`check` tries the card on every paper it is made for, A4, Letter and A5, and says which it fits
(issue #24): a clinic finds out before printing day that its card does not fit A5."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import ROOT

from handouts.cli import main

TOPICS = ROOT / "tests" / "leaflets" / "topics"


def test_check_reports_the_card_on_a4_letter_and_a5(tmp_path):
    for name in ("asthma-inhaler", "cataract-surgery"):
        result = CliRunner().invoke(main, ["check", str(TOPICS / f"{name}.yaml")])
        line = next(x for x in result.output.splitlines() if "Card on each paper" in x)
        assert "it fits one A4 page" in line and "it fits one Letter page" in line, line
        assert "it does not fit one A5 page" in line, line  # too many get-help items for A5 at 12 pt
        built = CliRunner().invoke(main, ["pdf", str(TOPICS / f"{name}.yaml"), "--layout", "card", "--paper", "a5",
                                          "-o", str(tmp_path / name)])
        assert built.exit_code == 1 and "the text does not fit the card's page at 12 pt" in built.stderr
