"""Nothing read or written outside what the user named (issue 31): a theme's parent, a translation's
source, init's folder, the manifest; and the small promised messages: -o "", a deleted working
folder, a page too small, no ReportLab object named in a message."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, VALID

from handouts.cli import main

SECRET = "root:SECRET-FIRST-LINE:0:0"


def _secret(tmp_path):
    path = tmp_path / "elsewhere" / "shadow"
    path.parent.mkdir()
    path.write_text(SECRET + "\nsecond line\n")
    return path


def _check(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)])


def test_a_theme_parent_outside_its_folder_is_refused_and_never_quoted(tmp_path):
    secret = _secret(tmp_path)
    themes = tmp_path / "themes"
    themes.mkdir()
    leaflet = tmp_path / "content.yaml"
    leaflet.write_text(VALID)
    relative = os.path.relpath(secret, themes)
    (themes / "theme.yaml").write_text(f"parent: {relative}\n")
    (themes / "linked.yaml").write_text("parent: inside.yaml\n")
    (themes / "inside.yaml").symlink_to(secret)  # a link inside the folder that leads out of it
    (themes / "absolute.yaml").write_text(f"parent: {secret}\n")
    for name in ("theme.yaml", "linked.yaml", "absolute.yaml"):
        result = _check(leaflet, "--theme", themes / name)
        assert result.exit_code == 1, result.output
        assert "is outside this theme's folder" in result.stderr, result.stderr
        assert "SECRET" not in result.output and "Traceback" not in result.output


def test_a_theme_parent_in_its_folder_or_built_in_is_still_fine(tmp_path):
    (tmp_path / "content.yaml").write_text(VALID)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "base.yaml").write_text("parent: default\ncolors:\n  primary: '#5B2C83'\n")
    (tmp_path / "theme.yaml").write_text("parent: sub/base.yaml\n")
    (tmp_path / "builtin.yaml").write_text(f"parent: {ROOT / 'templates' / 'theme.yaml'}\n")
    for name in ("theme.yaml", "builtin.yaml"):
        result = _check(tmp_path / "content.yaml", "--theme", tmp_path / name)
        assert result.exit_code == 0, result.output


def _translation(file: str) -> str:
    return VALID.replace('  version: "1.0"\n', f'  version: "1.0"\n  translation_of:\n    file: {file}\n'
                                               '    version: "1.0"\n', 1)


def test_a_translation_source_outside_its_folders_is_refused_and_never_quoted(tmp_path):
    secret = _secret(tmp_path)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    leaflet = deep / "content.es.yaml"
    leaflet.write_text(_translation(os.path.relpath(secret, deep)))
    result = _check(leaflet)
    assert "is outside this leaflet's folder and the folder above it" in result.output, result.output
    assert "SECRET" not in result.output
    (deep / "broken.yaml").write_text(SECRET + "\n")  # inside, but not a leaflet: named, not quoted
    leaflet.write_text(_translation("broken.yaml"))
    result = _check(leaflet)
    assert "broken.yaml cannot be read as a leaflet (1 problem)" in result.output, result.output
    assert "SECRET" not in result.output


def test_a_leaflet_cannot_be_its_own_translation_source(tmp_path):
    leaflet = tmp_path / "content.yaml"
    leaflet.write_text(_translation("content.yaml"))
    result = _check(leaflet)
    assert "a leaflet cannot be its own translation source" in result.output, result.output
    assert "in step with content.yaml" not in result.output


def test_a_translation_beside_or_below_its_source_still_checks(tmp_path):
    (tmp_path / "content.yaml").write_text(VALID)
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "content.es.yaml").write_text(_translation("../content.yaml"))
    result = _check(tmp_path / "es" / "content.es.yaml")
    assert "in step with content.yaml version 1.0" in result.output or "in step with" in result.output, result.output
    assert "outside" not in result.output


def test_init_refuses_to_write_through_a_link(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "images").symlink_to(elsewhere)
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 1
    assert f"{folder / 'images'}: this is a link to another folder" in result.stderr
    assert list(elsewhere.iterdir()) == [] and sorted(p.name for p in folder.iterdir()) == ["images"]


def test_init_on_a_full_disk_removes_what_it_wrote(tmp_path, monkeypatch):
    folder = tmp_path / "parent" / "new"
    real_open, real_write, opened = os.open, os.write, []

    def open_(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    def write(fd, data):  # the picture, the last file, finds the disk full
        if opened and opened[-1].endswith("picture.png"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "write", write)
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 1
    assert "cannot write the new leaflet: No space left on device" in result.stderr
    assert "nothing was written" in result.stderr
    assert list(tmp_path.iterdir()) == []  # not the files, not the folders it made


def test_the_manifest_stores_no_absolute_path(tmp_path):
    (tmp_path / "work").mkdir()
    leaflet = tmp_path / "work" / "content.yaml"
    leaflet.write_text(VALID)
    out = tmp_path / "work" / "out"
    theme = tmp_path / "work" / "theme.yaml"
    theme.write_text("parent: default\n")
    assert CliRunner().invoke(main, ["pdf", str(leaflet), "-o", str(out), "--theme", str(theme)]).exit_code == 0
    text = (out / ".handouts-manifest.json").read_text()
    assert str(tmp_path) not in text and str(ROOT) not in text
    builds = json.loads(text)["builds"]
    (entry,) = builds.values()
    assert not any(os.path.isabs(p) for p in entry["inputs"]) and entry["content"] == "../content.yaml"
    # the folder moved as a whole is still current: nothing is built again
    os.rename(tmp_path / "work", tmp_path / "moved")
    again = CliRunner().invoke(main, ["pdf", str(tmp_path / "moved" / "content.yaml"), "-o",
                                      str(tmp_path / "moved" / "out"), "--theme", str(tmp_path / "moved" / "theme.yaml")])
    assert again.exit_code == 0 and "unchanged since it was last built" in again.stderr, again.output


def test_an_empty_output_name_is_refused(tmp_path, monkeypatch):
    (tmp_path / "content.yaml").write_text(VALID)
    monkeypatch.chdir(tmp_path)
    for command in ("all", "pdf", "register"):
        result = CliRunner().invoke(main, [command, "content.yaml", "-o", ""])
        assert result.exit_code != 0
        assert "give the name of a folder; an empty name would write into the current folder" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content.yaml"]


def test_an_output_folder_name_of_300_characters_is_a_message(tmp_path):
    (tmp_path / "content.yaml").write_text(VALID)
    out = tmp_path / ("x" * 300)
    result = CliRunner().invoke(main, ["pdf", str(tmp_path / "content.yaml"), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{out}: cannot create the output folder (File name too long)" in result.stderr
    assert "internal error" not in result.output and sorted(p.name for p in tmp_path.iterdir()) == ["content.yaml"]


def test_a_run_from_a_deleted_working_folder_says_so(tmp_path):
    (tmp_path / "content.yaml").write_text(VALID)
    gone = tmp_path / "gone"
    gone.mkdir()
    code = ("import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
            f"sys.path.insert(0, {str(ROOT)!r}); from handouts.cli import main; sys.argv[1:2] = []; main()")
    proc = subprocess.run([sys.executable, "-c", code, str(gone), "pdf", str(tmp_path / "content.yaml"), "-o",
                           str(tmp_path / "out")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "the folder this command was run in no longer exists" in proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("paper", ["{width: 50, height: 50}", "{width: 210, height: 60}"])
def test_a_paper_too_small_gives_a_plain_message(tmp_path, paper):
    (tmp_path / "content.yaml").write_text(VALID)
    (tmp_path / "theme.yaml").write_text(f"parent: default\npaper: tiny\npapers:\n  tiny: {paper}\n")
    result = CliRunner().invoke(main, ["pdf", str(tmp_path / "content.yaml"), "-o", str(tmp_path / "out"),
                                       "--theme", str(tmp_path / "theme.yaml"), "--layout", "leaflet"])
    assert result.exit_code == 1
    assert "content.yaml:1:1: a part of the handout is too large to fit on one page (page " in result.stderr
    assert " at 0x" not in result.output and "Flowable" not in result.output and "LeadIn" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_paper_of_1000_mm_is_in_range(tmp_path):
    (tmp_path / "content.yaml").write_text(VALID)
    (tmp_path / "theme.yaml").write_text("parent: default\npapers:\n  poster: {width: 700, height: 1000}\n"
                                         "  big: {width: 700, height: 1001}\n")
    result = _check(tmp_path / "content.yaml", "--theme", tmp_path / "theme.yaml")
    assert "not a valid number" not in result.output
    assert "theme.yaml:4:29: papers.big.height: 1001 is outside the range 50 to 1000" in result.output, result.output
    assert "1000 is outside" not in result.output
