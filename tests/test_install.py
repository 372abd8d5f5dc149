"""The tool installed like a real tool: a wheel built from this checkout, installed into a new
virtual environment in a temporary folder, runs every command from another folder, each in a new
process, with its own templates. (An import cycle that in-process tests cannot see shows here.)"""

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT
from oracle import read_yaml
from pypdf import PdfReader


def test_every_package_of_handouts_is_installed():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.relative_to(ROOT).parts) for p in (ROOT / "handouts").rglob("*")
             if p.is_dir() and p.name != "__pycache__" and any(p.glob("*.py"))} | {"handouts"}
    assert found | {"handouts._templates"} == listed


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A wheel of this checkout in a fresh virtual environment. Its dependencies come from the
    test environment through a .pth file (so no download is needed); handouts itself only from
    the wheel."""
    tmp = tmp_path_factory.mktemp("install")
    wheels = tmp / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
                           capture_output=True, text=True)
    if built.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{built.stderr[-2000:]}")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    wheel = next(wheels.glob("handouts-*.whl"))
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    (Path(site) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def run_in(venv: Path, folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(venv / "bin" / "handouts"), *args], cwd=folder, capture_output=True, text=True,
                          env=env, timeout=300)


LEAFLET = ROOT / "tests" / "leaflets" / "wound-care.yaml"


def leaflet_folder(work: Path) -> Path:
    work.mkdir()
    shutil.copy(LEAFLET, work / "content.yaml")
    shutil.copy(LEAFLET.parent / "dressing.png", work / "dressing.png")
    return work


def test_an_installed_handouts_builds_a_leaflet_from_any_folder(installed, tmp_path):
    work = leaflet_folder(tmp_path / "a clinic's leaflets")  # a name with a space and an apostrophe
    result = run_in(installed, work, "all", "content.yaml", "-o", "out")
    assert result.returncode == 0, result.stderr
    slug = read_yaml(LEAFLET)["meta"]["slug"]
    names = sorted(p.name for p in (work / "out").iterdir() if not p.name.startswith("."))
    assert names == sorted([f"{slug}.pdf", f"{slug}-large-print.pdf", f"{slug}-card.pdf", f"{slug}.pptx"])
    title = read_yaml(LEAFLET)["meta"]["title"]
    assert title in PdfReader(work / "out" / f"{slug}.pdf").pages[0].extract_text()
    where = subprocess.run([str(installed / "bin" / "python"), "-c",
                            "import handouts.paths as p; print(p.TEMPLATES); import handouts; print(handouts.__file__)"],
                           cwd=work, capture_output=True, text=True, check=True).stdout.split()
    assert all(Path(w).is_relative_to(installed) for w in where), where  # its own code and templates
    assert run_in(installed, work, "--version").returncode == 0


def test_crlf_content_file_builds_in_an_installed_handouts(installed, tmp_path):
    work = leaflet_folder(tmp_path / "crlf")
    (work / "content.yaml").write_bytes(LEAFLET.read_bytes().replace(b"\n", b"\r\n"))
    result = run_in(installed, work, "check", "content.yaml")
    assert result.returncode == 0, result.stderr + result.stdout


def test_every_command_of_an_installed_handouts_runs_in_a_new_process(installed, tmp_path):
    import csv
    import io
    import json

    work = leaflet_folder(tmp_path / "work")
    slug = read_yaml(LEAFLET)["meta"]["slug"]
    title = read_yaml(LEAFLET)["meta"]["title"]
    check = run_in(installed, work, "check", "content.yaml")
    assert check.returncode == 0 and "PASS: 1 file(s) checked, 0 error(s)" in check.stdout, check.stderr
    text = run_in(installed, work, "register", ".", "-o", "out")
    assert text.returncode == 0 and title in text.stdout, text.stderr
    rows = json.loads(run_in(installed, work, "register", ".", "-o", "out", "--format", "json").stdout)
    assert [r["title"] for r in rows] == [title]
    table = list(csv.DictReader(io.StringIO(run_in(installed, work, "register", ".", "--format", "csv").stdout)))
    assert [r["title"] for r in table] == [title]
    schema = run_in(installed, work, "schema")
    assert schema.returncode == 0 and json.loads(schema.stdout)["title"] == "handouts content.yaml"
    for command, made in (("html", f"{slug}.html"), ("script", f"{slug}-script.pdf")):
        result = run_in(installed, work, command, "content.yaml", "-o", "out")
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == [str(Path("out") / made)]
    started = run_in(installed, tmp_path, "init", "new-leaflet")
    assert started.returncode == 0, started.stderr
    assert started.stderr.strip().endswith("then run: handouts check new-leaflet")  # the name this user types
    built = run_in(installed, tmp_path, "all", "new-leaflet", "-o", "new-out")
    assert built.returncode == 0, built.stderr
    assert len(list((tmp_path / "new-out").glob("*.pdf"))) == 3
