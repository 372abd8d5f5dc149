"""`init`: a new leaflet folder that passes `check` and builds, using every kind of block once;
and it never overwrites a file."""

import re

from click.testing import CliRunner

from conftest import ROOT
from handouts.cli import main
from oracle import read_yaml


def test_init_makes_a_leaflet_that_passes_check_and_builds(tmp_path):
    folder = tmp_path / "new leaflet"
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(result.stdout.split("\n")[:-1]) == sorted(
        str(folder / name) for name in ("content.yaml", "theme.yaml", "images/picture.png"))
    check = CliRunner().invoke(main, ["check", str(folder), "--theme", str(folder / "theme.yaml")])
    assert check.exit_code == 0, check.output
    assert "PASS: 1 file(s) checked, 0 error(s)" in check.stdout
    built = CliRunner().invoke(main, ["all", str(folder), "-o", str(tmp_path / "out"), "--theme",
                                      str(folder / "theme.yaml")])
    assert built.exit_code == 0, built.output
    data = read_yaml(folder / "content.yaml")
    kinds = {next(iter(block)) for section in data["sections"]
             for part in [section, *section.get("sections", [])] for block in part.get("blocks", [])}
    schema = read_yaml(ROOT / "templates" / "content.schema.json")  # JSON is YAML
    blocks = schema["properties"]["sections"]["items"]["properties"]["blocks"]["items"]
    block_kinds = {key for option in blocks["oneOf"] for key in option["properties"]}
    assert kinds == block_kinds
    callout_kinds = {block["callout"]["kind"] for section in data["sections"]
                     for part in [section, *section.get("sections", [])] for block in part.get("blocks", [])
                     if "callout" in block}
    assert callout_kinds == {"get_help", "tip", "note"}
    # every field of content.yaml has its note
    text = (folder / "content.yaml").read_text(encoding="utf-8")
    for field in ("title", "slug", "language", "version", "last_reviewed", "next_review", "reviewer", "phone",
                  "emergency", "key_messages", "sections", "slide_points", "summary"):
        line = next(line for line in text.splitlines() if re.match(rf"\s*{field}:", line))
        assert "#" in line, line


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path):
    folder = tmp_path / "leaflet"
    folder.mkdir()
    (folder / "theme.yaml").write_text("mine\n")
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 1
    assert f"{folder / 'theme.yaml'}: this file is already there; init never overwrites a file" in result.stderr
    assert result.stderr.splitlines()[-1] == "1 problem found; nothing was written."
    assert sorted(p.name for p in folder.iterdir()) == ["theme.yaml"]
    assert (folder / "theme.yaml").read_text() == "mine\n"
