"""`init`: a new leaflet folder that passes `check` and builds, using every kind of block once;
and it never overwrites a file."""

import re

from click.testing import CliRunner
from conftest import ROOT
from oracle import read_yaml

from handouts.cli import main


def test_init_makes_a_leaflet_that_passes_check_and_builds(tmp_path):
    folder = tmp_path / "new leaflet"
    result = CliRunner().invoke(main, ["init", str(folder)], prog_name="generate.py")
    assert result.exit_code == 0, result.output
    assert sorted(result.stdout.split("\n")[:-1]) == sorted(
        str(folder / name) for name in ("content.yaml", "theme.yaml", "images/picture.png"))
    check = CliRunner().invoke(main, ["check", str(folder), "--theme", str(folder / "theme.yaml")])
    assert check.exit_code == 0, check.output
    assert "PASS: 1 file(s) checked, 0 error(s)" in check.stdout
    assert result.stderr.strip().endswith(f"then run: generate.py check {folder}")  # the command this user has
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


def test_the_untouched_starter_warns_at_each_example_value_and_fails_strict(tmp_path):
    """An example left in (the clinic, the reviewer, the sources, the title) must not reach a patient."""
    folder = tmp_path / "leaflet"
    assert CliRunner().invoke(main, ["init", str(folder)]).exit_code == 0
    content = folder / "content.yaml"
    lines = content.read_text(encoding="utf-8").splitlines()
    data = read_yaml(content)
    examples = {"meta.title": data["meta"]["title"], "meta.reviewer": data["meta"]["reviewer"],
                "meta.sources.title": data["meta"]["sources"][0]["title"],
                "meta.sources.url": data["meta"]["sources"][0]["url"], "clinic.name": data["clinic"]["name"],
                "clinic.phone": data["clinic"]["phone"], "clinic.website": data["clinic"]["website"]}
    check = CliRunner().invoke(main, ["check", str(content)])
    assert check.exit_code == 0, check.output
    for field, value in examples.items():
        line = next(n for n, text in enumerate(lines, 1) if f'"{value}"' in text)
        col = lines[line - 1].index(f'"{value}"') + 1
        assert f"{content}:{line}:{col}: {field}: this is the example from the starter: '{value}'" in check.stdout, field
    strict = CliRunner().invoke(main, ["check", "--strict", str(content)])
    assert strict.exit_code == 1
    # once written over, nothing is said of them
    text = content.read_text(encoding="utf-8")
    for value, mine in ((examples["meta.title"], "Looking after your feet"), (examples["meta.reviewer"], "Dr Ada Obi, GP"),
                        (examples["meta.sources.title"], "NHS: foot care"),
                        (examples["meta.sources.url"], "https://www.nhs.uk/live-well/"),
                        (examples["clinic.name"], "Hillside Surgery"), (examples["clinic.phone"], "020 7946 0000"),
                        (data["meta"]["subtitle"], "Simple daily care"), (data["meta"]["audience"], "Adults"),
                        (data["meta"]["authors"][0], "Jo Bell, nurse"),
                        (data["meta"]["online_url"], "https://www.hillside.nhs.uk/feet"),
                        (data["clinic"]["email"], "feet@hillside.nhs.uk"),
                        (data["clinic"]["website"], "https://www.hillside.nhs.uk"),
                        (data["clinic"]["address"], "2 Hill Road, Leeds")):
        text = text.replace(f'"{value}"', f'"{mine}"')
    content.write_text(text, encoding="utf-8")
    check = CliRunner().invoke(main, ["check", str(content)])
    assert "example from the starter" not in check.stdout, check.stdout


def test_a_to_do_left_by_an_import_is_a_warning_at_its_line(write):
    from conftest import VALID

    path = write(VALID.replace("reviewer: Dr Test", 'reviewer: "TO DO: who reviewed this leaflet"'))
    check = CliRunner().invoke(main, ["check", str(path)])
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "TO DO" in text)
    assert f"{path}:{line}:13: meta.reviewer: this still says 'TO DO: who reviewed this leaflet'" in check.stdout
    assert CliRunner().invoke(main, ["check", "--strict", str(path)]).exit_code == 1
