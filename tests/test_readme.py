"""Every command README.md shows, run as a user runs it: each in a new process, in a fresh copy of
the repository, in the order the README gives them, checking the exit status and that every file a
command says it wrote is there. The Commands table's commands must each be among them.

Runnable commands are the lines of the README's ```sh blocks, and the `run:` lines of its CI example
(once per shard). Two lines are not run here: `make test` (this suite itself) and the pipx install
(tests/test_install.py installs a wheel instead)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

README = ROOT / "README.md"
NOT_RUN = {"make test": "this suite itself", "pipx install": "tests/test_install.py installs a wheel"}
LEAFLETS = ROOT / "tests" / "leaflets"


def blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.M | re.S)


def commands() -> list[str]:
    out = []
    for block in blocks("sh"):
        for line in block.splitlines():
            line = re.sub(r"\s+#\s.*$", "", line).strip()  # a comment after the command
            if line and not line.startswith("#"):
                out.append(line)
    return out


def ci_runs() -> list[str]:
    """The `run:` lines of the CI example (a YAML block that uses --shard)."""
    example = next(b for b in blocks("yaml") if "--shard" in b)
    return [m.strip() for m in re.findall(r"^\s*- run: (.*)$", example, flags=re.M)]


def table_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Commands", 1)[1].split("\n## ", 1)[0]
    table = next(part for part in section.split("\n\n") if part.startswith("| command"))
    return re.findall(r"^\| `(\w+)", table, flags=re.M)


def fresh_copy(into: Path) -> Path:
    """The repository as git knows it (tracked and new files, not ignored ones), plus the fixtures the
    README's examples name: a leaflets/ folder, a slide template, the branding example's theme."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    (into / "leaflets" / "wounds").mkdir(parents=True)
    for name in ("wound-care.yaml", "wound-care.ar.yaml", "dressing.png"):
        shutil.copy2(LEAFLETS / name, into / "leaflets" / "wounds" / name)
    shutil.copy2(LEAFLETS / "languages" / "es.yaml", into / "leaflets" / "es.yaml")
    from pptx import Presentation

    Presentation().save(into / "clinic.pptx")  # python-pptx's own deck: the layouts the README names
    theme = next(b for b in blocks("yaml") if b.startswith("# my-clinic.yaml"))
    (into / "templates" / "my-clinic.yaml").write_text(theme, encoding="utf-8")
    return into


def shell(line: str, copy: Path) -> str:
    """The line as a shell runs it, with `generate.py` and `handouts` meaning this copy's tool run by
    this Python, and make using this Python's environment (already installed: not made again)."""
    tool = f"{shlex.quote(sys.executable)} {shlex.quote(str(copy / 'generate.py'))}"
    line = re.sub(r"(^|(?<=[;&|]\s))(generate\.py|handouts)(?=\s|$)", tool, line)
    if line.startswith("make "):
        venv = Path(sys.executable).parent.parent
        line += f" VENV={shlex.quote(str(venv))} -o {shlex.quote(str(venv / '.installed'))}"
    return line


def run(line: str, copy: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    return subprocess.run(["bash", "-c", shell(line, copy)], cwd=copy, capture_output=True, text=True, env=env,
                          timeout=900)  # a backstop only: no command is timed here


def written(result: subprocess.CompletedProcess, copy: Path) -> list[Path]:
    return [copy / line for line in result.stdout.splitlines() if re.search(r"\.(pdf|pptx|html)$", line)]


def test_the_readme_shows_every_command_of_its_table():
    used = " ".join(commands() + ci_runs())
    missing = [c for c in table_commands() if not re.search(rf"(generate\.py|handouts) {c}\b", used)]
    assert len(table_commands()) >= 9 and missing == []


def test_every_command_the_readme_shows_runs_in_a_fresh_copy(tmp_path):
    copy = fresh_copy(tmp_path / "repository")
    ran = 0
    for line in commands():
        if any(line.startswith(skipped) for skipped in NOT_RUN):
            continue
        result = run(line, copy)
        assert result.returncode == 0, f"{line}\n{result.stderr[-3000:]}"
        for path in written(result, copy):
            assert path.is_file() and path.stat().st_size > 0, f"{line}: {path} was said to be written"
        ran += 1
    assert ran >= 15
    assert (copy / "output" / "knee-muscle-spasms.pdf").is_file()  # make handouts
    assert (copy / "my-leaflet" / "content.yaml").is_file()  # handouts init my-leaflet
    # the CI example, one job per shard, then the job that joins their registers
    *jobs, merge = [line for line in ci_runs() if not line.startswith("pip install")]
    built = []
    for k in range(1, 5):  # each job's files land in the artifact folder the last job downloads
        (copy / f"leaflets-{k}").mkdir()
        for line in jobs:
            line = line.replace("${{ matrix.shard }}", str(k)).replace(" output", f" leaflets-{k}/output")
            result = run(line.replace("> register.json", f"> leaflets-{k}/register.json"), copy)
            assert result.returncode == 0, f"{line} (shard {k})\n{result.stderr[-3000:]}"
            built += written(result, copy)
    assert len({p.name for p in built}) == len(built) == 3 * 4  # 3 leaflets, 4 files each, each built once
    result = run(merge, copy)
    assert result.returncode == 0, result.stderr
    assert len((copy / "register.csv").read_text().splitlines()) == 1 + 3  # a heading and a row a leaflet
