"""The command line: exit codes, where messages go, help examples and lazy imports."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import KNEE, ROOT, VALID

from handouts.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_check_passes_and_prints_the_grade():
    result = run("check", str(KNEE))
    assert result.exit_code == 0, result.output
    assert "Reading grade (Flesch-Kincaid):" in result.stdout
    grade = float(result.stdout.split("Reading grade (Flesch-Kincaid): ")[1].split()[0])
    assert 0 < grade <= 6


def test_content_error_exits_1_on_stderr_without_traceback(write, tmp_path):
    path = write(VALID.replace("slug: test-leaflet", "slug: Bad Slug"))
    out = tmp_path / "out"
    result = run("all", str(path), "-o", str(out))
    assert result.exit_code == 1
    assert "content.yaml:3:9: meta.slug: 'Bad Slug' is not a valid slug" in result.stderr
    assert "1 problem found; nothing was written." in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert not out.exists() or not any(out.iterdir())


def test_problems_from_several_files_are_reported_together(write, tmp_path):
    a = write(VALID.replace("slug: test-leaflet", "slug: Bad A"), "a.yaml")
    b = write(VALID.replace("version: \"1.0\"", "version: \"\""), "b.yaml")
    result = run("check", str(a), str(b))
    assert result.exit_code == 1
    assert "a.yaml:3:9: meta.slug: 'Bad A' is not a valid slug" in result.stderr
    assert "b.yaml:5:12: meta.version: must not be empty" in result.stderr


def test_usage_error_exits_2():
    result = run("pdf", "--paper", "a3")
    assert result.exit_code == 2
    assert "Invalid value for '--paper'" in result.stderr


@pytest.mark.parametrize("command", ["check", "pdf", "pptx", "all", "schema"])
def test_every_command_help_shows_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert "generate.py " in result.stdout.split("Example:")[1]


def test_schema_matches_the_committed_file_and_validates_content():
    import jsonschema
    from ruamel.yaml import YAML

    result = run("schema")
    schema = json.loads(result.stdout)
    committed = json.loads((ROOT / "templates" / "content.schema.json").read_text())
    assert schema == committed, "run: generate.py schema > templates/content.schema.json"
    first_line = KNEE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=templates/content.schema.json"
    data = YAML(typ="base").load(KNEE.read_text(encoding="utf-8"))  # every value a string, as we read it
    jsonschema.validate(data, schema)
    bad = dict(data, meta=dict(data["meta"], colour="red"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


LAZY = """
import sys
sys.argv = ["generate.py", *sys.argv[1:]]
from handouts.cli import main
try:
    main(prog_name="generate.py")
except SystemExit:
    pass
print("LOADED", "reportlab" in sys.modules, "pptx" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize("command,reportlab,pptx", [
    ("check", True, False),  # check lays out each printed layout to say whether it fits
    ("pdf", True, False),
    ("pptx", False, True),
])
def test_commands_import_only_what_they_need(tmp_path, command, reportlab, pptx):
    args = [command, str(KNEE)] + ([] if command == "check" else ["-o", str(tmp_path)])
    proc = subprocess.run([sys.executable, "-c", LAZY, *args], capture_output=True, text=True, cwd=ROOT)
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("LOADED")][-1]
    assert line == f"LOADED {reportlab} {pptx}", proc.stderr


def test_the_readme_example_is_valid_content(tmp_path):
    from handouts.load import load

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("## The content format")[1].split("```yaml\n")[1].split("```")[0]
    path = tmp_path / "content.yaml"
    path.write_text(example, encoding="utf-8")
    article = load(path)
    assert article.sections[0].blocks[2].items[0].plain == "Call (555)\u00a0014-2290 if the spasm does not go away."


def test_a_fault_of_ours_is_a_short_report_not_a_traceback(tmp_path, monkeypatch):
    import handouts.render.pdf.leaflet as leaflet

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(leaflet, "write", broken)
    monkeypatch.delenv("HANDOUTS_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["pdf", str(KNEE), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "internal error (RuntimeError: a bug)" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("distribution,command,source", [
    ("python-pptx", "pptx", None), ("reportlab", "pdf", None), ("ruamel.yaml", "pdf", None),
    ("python-bidi", "pdf", ROOT / "tests" / "leaflets" / "languages" / "ar.yaml")])  # (bidi sets right to left)
def test_an_untested_version_of_a_library_we_reach_into_stops_with_what_to_install(write, distribution, command,
                                                                                 source):
    """The libraries whose private parts we use are checked when first imported: a version outside
    the tested range says so, and how to install a tested one, never an AttributeError."""
    path = write(source.read_text(encoding="utf-8") if source else VALID)
    code = (f"import sys; import handouts.libraries as lib; lib.TESTED[{distribution!r}] = ((99, 0), (100, 0)); "
            f"from handouts.cli import main; sys.argv = ['generate.py', {command!r}, {str(path)!r}, '-o', "
            f"{str(path.parent / 'out')!r}]; main()")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1, result.stderr
    assert f"handouts: handouts works with {distribution} 99.0 up to (not including) 100.0" in result.stderr
    assert f"pip install '{distribution}>=99.0,<100.0'" in result.stderr
    assert "Traceback" not in result.stderr and not (path.parent / "out").exists()


def test_on_windows_the_tool_says_it_is_not_supported_before_doing_anything(tmp_path, monkeypatch):
    """The lock and the file moves are POSIX only: on Windows a plain message and exit 1, no half run."""
    monkeypatch.setattr("handouts.cli.os.name", "nt")
    result = CliRunner().invoke(main, ["pdf", str(KNEE), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "on Windows, run it inside WSL" in result.output
    assert not (tmp_path / "out").exists()
