"""A clinic's library: a folder of leaflets, built each on its own, only when something changed,
with a review-date register. Everything is checked through the command line and the files it writes;
the expected words come from the content files written here."""

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, VALID
from oracle import read_yaml
from pypdf import PdfReader

from handouts.cli import main

TODAY = dt.date.today()
PICTURE = ROOT / "tests" / "leaflets" / "dressing.png"


def leaflet(slug: str, title: str, next_review: dt.date | None = None, picture: str | None = None,
            last_reviewed: dt.date | None = None) -> str:
    text = VALID.replace("slug: test-leaflet", f"slug: {slug}").replace("title: Test leaflet", f"title: {title}")
    if next_review is not None:
        last = last_reviewed or min(next_review - dt.timedelta(days=365), TODAY - dt.timedelta(days=1))
        text = text.replace("next_review: 2099-01-10", f"next_review: {next_review.isoformat()}")
        text = text.replace("last_reviewed: 2026-01-10", f"last_reviewed: {last.isoformat()}")
    if picture is not None:
        line = next(x for x in text.splitlines() if x.strip() == "- paragraph: You can read this.")
        pad = line[:line.index("-")]
        text = text.replace(line + "\n", f"{line}\n{pad}- image:\n{pad}    path: {picture}\n"
                                         f"{pad}    alt: A clean dressing on a knee.\n")
        assert picture in text
    return text


@pytest.fixture
def library(tmp_path):
    """good/ (two leaflets, one in a subfolder, one due in 30 days), a broken one, an expired one,
    and files that must be passed over: hidden, output/, templates/ and a YAML file that is not content."""
    lib = tmp_path / "leaflets"
    (lib / "feet").mkdir(parents=True)
    (lib / "knee.yaml").write_text(leaflet("knee-care", "Caring for your knee"))
    (lib / "feet" / "feet.yaml").write_text(leaflet("foot-care", "Caring for your feet", TODAY + dt.timedelta(days=30)))
    (lib / "broken.yaml").write_text(leaflet("broken", "Broken leaflet").replace("sections:", "sections: [", 1))
    (lib / "old.yaml").write_text(leaflet("old-news", "An old leaflet", TODAY - dt.timedelta(days=3)))
    for skipped in (".hidden", "output", "templates"):
        (lib / skipped).mkdir()
        (lib / skipped / "copy.yaml").write_text(leaflet("skipped-" + skipped.strip("."), "Skipped"))
    (lib / ".draft.yaml").write_text(leaflet("draft", "Draft"))
    (lib / "theme.yaml").write_text("colors:\n  primary: '#0B5563'\n")
    return lib


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if not p.name.startswith(".")}


def test_a_folder_builds_the_good_leaflets_and_reports_the_others(library, tmp_path):
    out = tmp_path / "out"
    code, stdout, stderr = run("pdf", library, "-o", out, "--jobs", 2)
    assert code == 1
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["foot-care.pdf", "knee-care.pdf"]
    for name, source in (("knee-care.pdf", library / "knee.yaml"), ("foot-care.pdf", library / "feet" / "feet.yaml")):
        title = read_yaml(source)["meta"]["title"]
        assert title in pdf_text(out / name)
    lines = stderr.splitlines()
    broken = str(library / "broken.yaml")
    assert any(line.startswith(broken + ":") and "YAML syntax error" in line for line in lines), stderr
    assert f"{broken}: 1 problem found; nothing was written for it." in lines
    old = library / "old.yaml"
    row = next(i for i, text in enumerate(old.read_text().splitlines(), 1) if "next_review:" in text)
    assert any(line.startswith(f"{old}:{row}:") and "has expired" in line for line in lines), stderr
    assert f"{old}: 1 problem found; nothing was written for it." in lines
    assert lines[-1] == "2 built, 0 unchanged, 1 failed, 1 expired."
    assert not any("skipped" in line or "draft" in line or "theme.yaml" in line for line in lines)
    # messages come in the order of the files, whatever order the workers finished in
    order = [line.split(":")[0] for line in lines if line.endswith("nothing was written for it.")]
    assert order == [broken, str(old)]
    assert stdout.splitlines() == [str(out / "foot-care.pdf"), str(out / "knee-care.pdf")]


def test_a_leaflet_due_within_60_days_gets_a_warning_and_is_built(library, tmp_path):
    out = tmp_path / "out"
    _, _, stderr = run("pdf", library / "feet", "-o", out)
    due = (TODAY + dt.timedelta(days=30)).isoformat()
    feet = library / "feet" / "feet.yaml"
    row = next(i for i, text in enumerate(feet.read_text().splitlines(), 1) if "next_review:" in text)
    assert any(line.startswith(f"{feet}:{row}:") and f"review is due in 30 days ({due})" in line
               for line in stderr.splitlines()), stderr
    assert (out / "foot-care.pdf").exists()


def test_the_second_run_writes_nothing_and_says_unchanged(library, tmp_path):
    out = tmp_path / "out"
    (library / "broken.yaml").unlink()
    (library / "old.yaml").unlink()
    run("all", library, "-o", out)
    before = stamps(out)
    code, stdout, stderr = run("all", library, "-o", out)
    assert code == 0, stderr
    assert stdout == ""
    assert stderr.splitlines()[-1] == "0 built, 2 unchanged, 0 failed, 0 expired."
    assert stamps(out) == before
    code, stdout, stderr = run("all", library, "-o", out, "--force")
    assert stderr.splitlines()[-1] == "2 built, 0 unchanged, 0 failed, 0 expired."
    assert len(stdout.splitlines()) == len(before)


def test_editing_a_leaflet_or_an_output_rebuilds_only_that_leaflet(library, tmp_path):
    out = tmp_path / "out"
    (library / "broken.yaml").unlink()
    (library / "old.yaml").unlink()
    run("pdf", library, "-o", out)
    knee = library / "knee.yaml"
    knee.write_text(knee.read_text().replace("You can read this.", "You can read this now."))
    _, stdout, stderr = run("pdf", library, "-o", out)
    assert stdout.splitlines() == [str(out / "knee-care.pdf")]
    assert "You can read this now." in pdf_text(out / "knee-care.pdf")
    (out / "foot-care.pdf").write_bytes(b"edited by hand")
    _, stdout, _ = run("pdf", library, "-o", out)
    assert stdout.splitlines() == [str(out / "foot-care.pdf")]
    assert PdfReader(out / "foot-care.pdf").pages


def test_touching_the_theme_rebuilds_every_leaflet(library, tmp_path):
    out = tmp_path / "out"
    for name in ("broken.yaml", "old.yaml", "theme.yaml"):
        (library / name).unlink()
    theme = tmp_path / "clinic-theme.yaml"
    theme.write_text(f"parent: {ROOT / 'templates' / 'theme.yaml'}\ncolors:\n  primary: '#0B5563'\n")
    run("pdf", library, "-o", out, "--theme", theme)
    code, _, stderr = run("pdf", library, "-o", out, "--theme", theme)
    assert stderr.splitlines()[-1] == "0 built, 2 unchanged, 0 failed, 0 expired."
    theme.write_text(f"parent: {ROOT / 'templates' / 'theme.yaml'}\ncolors:\n  primary: '#0A4F5C'\n")
    _, stdout, stderr = run("pdf", library, "-o", out, "--theme", theme)
    assert stderr.splitlines()[-1] == "2 built, 0 unchanged, 0 failed, 0 expired.", stderr
    assert sorted(stdout.splitlines()) == [str(out / "foot-care.pdf"), str(out / "knee-care.pdf")]


def test_touching_one_picture_rebuilds_only_its_leaflet(tmp_path):
    lib, out = tmp_path / "lib", tmp_path / "out"
    for name in ("a", "b"):
        (lib / name).mkdir(parents=True)
        shutil.copy(PICTURE, lib / name / "picture.png")
        (lib / name / "content.yaml").write_text(leaflet(f"leaflet-{name}", f"Leaflet {name}", picture="picture.png"))
    code, _, stderr = run("pdf", lib, "-o", out)
    assert code == 0, stderr
    _, _, stderr = run("pdf", lib, "-o", out)
    assert stderr.splitlines()[-1] == "0 built, 2 unchanged, 0 failed, 0 expired."
    from PIL import Image

    with Image.open(lib / "b" / "picture.png") as img:
        img.convert("RGB").transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(lib / "b" / "picture.png")
    _, stdout, stderr = run("pdf", lib, "-o", out)
    assert stderr.splitlines()[-1] == "1 built, 1 unchanged, 0 failed, 0 expired."
    assert stdout.splitlines() == [str(out / "leaflet-b.pdf")]


def test_allow_expired_marks_every_page_review_overdue(library, tmp_path):
    out = tmp_path / "out"
    old = library / "old.yaml"
    code, _, stderr = run("all", old, "-o", out, "--allow-expired", "--layout", "booklet", "--layout", "trifold")
    assert code == 0, stderr
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 6
    for path in pdfs:
        pages = PdfReader(path).pages
        assert all("Review overdue" in page.extract_text() for page in pages), path
    assert len(PdfReader(out / "old-news-a5.pdf").pages) > 1
    (library / "knee.yaml").rename(tmp_path / "knee.yaml")
    run("pdf", tmp_path / "knee.yaml", "-o", out)
    assert not any("Review overdue" in page.extract_text() for page in PdfReader(out / "knee-care.pdf").pages)


def test_allow_expired_marks_the_web_page_banner_the_title_slide_every_slide_foot_and_the_script(library, tmp_path):
    """The web page is where the QR code sends patients: an overdue one says so in its banner, first,
    where a screen reader starts. The deck says so on every slide, and in full on the title slide."""
    from html.parser import HTMLParser

    from pptx import Presentation

    out = tmp_path / "out"
    old = library / "old.yaml"
    for command in ("html", "pptx", "script"):
        code, _, stderr = run(command, old, "-o", out, "--allow-expired")
        assert code == 0, stderr
    due = dt.date.fromisoformat(read_yaml(old)["meta"]["next_review"])

    class Banner(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth, self.header, self.texts = 0, "", []

        def handle_starttag(self, tag, attrs):
            self.depth += tag == "header"

        def handle_endtag(self, tag):
            self.depth -= tag == "header"

        def handle_data(self, data):
            if self.depth and data.strip():
                self.texts.append(data.strip())

    banner = Banner()
    banner.feed((out / "old-news.html").read_text(encoding="utf-8"))
    assert banner.texts[0].startswith("Review overdue") and str(due.year) in banner.texts[0], banner.texts
    deck = Presentation(str(out / "old-news.pptx"))
    for number, slide in enumerate(deck.slides, 1):
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert any(t.startswith("Review overdue") for t in texts), number
    title_texts = [shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame]
    assert any(t.startswith("Review overdue:") and "care team" in t for t in title_texts), title_texts
    assert all("Review overdue" in page.extract_text() for page in PdfReader(out / "old-news-script.pdf").pages)
    # and a current leaflet carries none of it
    fresh = tmp_path / "fresh"
    for command in ("html", "pptx"):
        run(command, library / "knee.yaml", "-o", fresh)
    assert "Review overdue" not in (fresh / "knee-care.html").read_text(encoding="utf-8")
    assert not any("Review overdue" in shape.text_frame.text for slide in Presentation(str(fresh / "knee-care.pptx")).slides
                   for shape in slide.shapes if shape.has_text_frame)


def test_a_leaflet_that_expires_between_runs_is_reported_though_unchanged(library, tmp_path, monkeypatch):
    out = tmp_path / "out"
    feet = library / "feet"
    run("pdf", feet, "-o", out)
    import handouts.library.run as library_run

    later = TODAY + dt.timedelta(days=31)

    class Later(dt.date):
        @classmethod
        def today(cls):
            return later

    monkeypatch.setattr(library_run.dt, "date", Later)
    code, stdout, stderr = run("pdf", feet, "-o", out)
    assert code == 1
    assert "has expired" in stderr and stdout == ""


def test_check_prints_a_report_for_every_leaflet(library):
    code, stdout, stderr = run("check", library)
    assert code == 1
    for path in (library / "knee.yaml", library / "feet" / "feet.yaml", library / "old.yaml"):
        title = read_yaml(path)["meta"]["title"]
        assert f"{path}: {title}" in stdout.splitlines()
    assert any(line.startswith(f"{library / 'broken.yaml'}: not checked further") for line in stdout.splitlines())
    assert "FAIL: 4 file(s) checked" in stdout


def test_a_folder_without_leaflets_and_a_named_non_content_file_are_errors(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.yaml").write_text("shopping: [milk]\n")
    code, _, stderr = run("pdf", empty, "-o", tmp_path / "out")
    assert code == 1 and f"{empty}: this folder holds no content files" in stderr
    code, _, stderr = run("pdf", empty / "notes.yaml", "-o", tmp_path / "out")
    assert code == 1 and str(empty / "notes.yaml") + ":" in stderr
    assert not (tmp_path / "out").exists()


def _expected_rows(library: Path, out_state: dict[str, str]) -> list[dict]:
    rows = []
    for path in sorted(p for p in library.rglob("*.yaml") if p.name != "broken.yaml"):
        rel = path.relative_to(library).parts
        if rel[0].startswith(".") or rel[0] in ("output", "templates") or rel[-1].startswith("."):
            continue
        data = read_yaml(path)
        if "meta" not in data:
            continue
        meta = data["meta"]
        nxt = dt.date.fromisoformat(meta["next_review"])
        state = "expired" if nxt < TODAY else "due" if (nxt - TODAY).days <= 60 else "ok"
        rows.append({"file": str(path), "slug": meta["slug"], "title": meta["title"], "language": meta["language"],
                     "version": str(meta["version"]), "last_reviewed": meta["last_reviewed"],
                     "next_review": nxt.isoformat(), "reviewer": meta["reviewer"], "state": state,
                     "outputs": out_state[meta["slug"]]})
    return sorted(rows, key=lambda r: (r["next_review"], r["file"]))


def test_the_register_matches_the_content_files(library, tmp_path):
    out = tmp_path / "out"
    run("pdf", library, "-o", out)
    (library / "knee.yaml").write_text((library / "knee.yaml").read_text() + "\n# edited\n")
    expected = _expected_rows(library, {"knee-care": "out of date", "foot-care": "up to date",
                                        "old-news": "not built"})
    code, stdout, stderr = run("register", library, "-o", out, "--format", "json")
    assert code == 1 and str(library / "broken.yaml") + ":" in stderr  # listed as a problem, not as a row
    assert json.loads(stdout) == expected
    _, stdout, _ = run("register", library, "-o", out, "--format", "csv")
    assert list(csv.DictReader(io.StringIO(stdout))) == expected
    _, stdout, _ = run("register", library, "-o", out)
    lines = stdout.splitlines()
    assert [next(r["slug"] for r in expected if r["slug"] in line) for line in lines[1:4]] == \
        [r["slug"] for r in expected]  # the table is sorted by next review, soonest first
    assert lines[-1] == f"3 leaflet(s) on {TODAY.isoformat()}: 1 ok, 1 due for review within 60 days, 1 expired."


def test_progress_lines_go_to_stderr_in_plain_form_off_a_terminal(library, tmp_path):
    (library / "broken.yaml").unlink()
    result = subprocess.run([sys.executable, str(ROOT / "generate.py"), "pdf", str(library), "-o", str(tmp_path / "o"),
                             "--jobs", "2"], capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})
    progress = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert progress == [f"[{i}/3] {p}" for i, p in enumerate(
        [library / "feet" / "feet.yaml", library / "knee.yaml", library / "old.yaml"], start=1)]
    assert "Traceback" not in result.stderr


def test_a_folder_build_writes_the_same_bytes_as_each_leaflet_built_alone(tmp_path):
    """Nothing a process built before changes a file: per-font state (the private codes of shaped
    glyphs) must not depend on the order leaflets come in. Arabic, Hindi and English, two of them
    sharing the Arabic font."""
    lib = tmp_path / "lib"
    lib.mkdir()
    leaflets = ROOT / "tests" / "leaflets"
    for source in (leaflets / "wound-care.yaml", leaflets / "wound-care.ar.yaml", leaflets / "languages" / "ar.yaml",
                   leaflets / "languages" / "hi.yaml", leaflets / "languages" / "mixed.yaml"):
        shutil.copy(source, lib / source.name)
    shutil.copy(leaflets / "dressing.png", lib / "dressing.png")
    layouts = ["--layout", "booklet", "--layout", "trifold"]
    together, alone = tmp_path / "together", tmp_path / "alone"
    code, _, stderr = run("all", lib, "-o", together, "--jobs", 1, *layouts)
    assert code == 0, stderr
    for path in sorted(lib.glob("*.yaml")):
        proc = subprocess.run([sys.executable, str(ROOT / "generate.py"), "all", str(path), "-o", str(alone), *layouts],
                              capture_output=True, text=True)  # each in a process of its own
        assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in together.iterdir() if not p.name.startswith("."))
    assert len(names) == 5 * 7 and names == sorted(p.name for p in alone.iterdir() if not p.name.startswith("."))
    assert [n for n in names if (together / n).read_bytes() != (alone / n).read_bytes()] == []


def test_four_shards_build_exactly_what_one_machine_builds(tmp_path):
    """--shard K/N splits a library by path: the parts never overlap and together are the library;
    each part's files are the same bytes as the one-machine build's; their registers merge into one."""
    lib = tmp_path / "leaflets"
    for i in range(40):
        folder = lib / f"group-{i % 5}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"leaflet-{i}.yaml").write_text(leaflet(f"leaflet-{i}", f"Leaflet number {i}"))
    whole = tmp_path / "one-machine"
    code, _, stderr = run("pdf", lib, "-o", whole, "--jobs", 2)
    assert code == 0, stderr
    parts, registers = [], []
    for k in range(1, 5):
        out = tmp_path / f"shard-{k}"
        code, stdout, stderr = run("pdf", lib, "-o", out, "--shard", f"{k}/4", "--jobs", 2)
        assert code == 0, stderr
        names = {p.name for p in out.iterdir() if not p.name.startswith(".")} if out.exists() else set()
        assert all((out / n).read_bytes() == (whole / n).read_bytes() for n in names)
        parts.append(names)
        code, stdout, _ = run("register", lib, "-o", out, "--shard", f"{k}/4", "--format", "json")
        assert code == 0
        registers.append(tmp_path / f"register-{k}.json")
        registers[-1].write_text(stdout)
        assert {r["slug"] + ".pdf" for r in json.loads(stdout)} == names
    assert sum(len(p) for p in parts) == 40 and set().union(*parts) == {p.name for p in whole.iterdir()
                                                                      if not p.name.startswith(".")}
    assert all(len(p) < 40 for p in parts)  # each machine really does only a part
    code, stdout, _ = run("register", "--merge", *registers, "--format", "csv")
    assert code == 0
    assert sorted(r["slug"] for r in csv.DictReader(io.StringIO(stdout))) == sorted(f"leaflet-{i}" for i in range(40))


def test_a_csv_register_never_holds_a_formula(tmp_path):
    """OWASP: a cell that starts with =, +, - or @ is opened by a spreadsheet as a formula."""
    lib = tmp_path / "lib"
    lib.mkdir()
    title = '"=HYPERLINK(\\"http://evil.example\\")"'
    (lib / "a.yaml").write_text(leaflet("formula", title).replace("reviewer: Dr Test", 'reviewer: "@SUM(1+1)"'))
    code, stdout, stderr = run("register", lib, "--format", "csv")
    assert code == 0, stderr
    (row,) = list(csv.DictReader(io.StringIO(stdout)))
    assert row["title"].startswith("'=") and row["reviewer"].startswith("'@")


def test_the_tool_fingerprint_counts_every_library_it_runs_on():
    """Derived from the installed metadata, not a hand list: the libraries that shape the output,
    those a library needs in turn, and each font package (Tamil and Thai too)."""
    from handouts.library.fingerprint import libraries

    found = libraries()
    for name in ("reportlab", "python_pptx", "python_bidi", "uharfbuzz", "fonttools", "lxml", "markupsafe", "pillow",
                 "fontpkg_noto_sans_tamil", "fontpkg_noto_sans_telugu", "fontpkg_noto_sans_thai",
                 "fontpkg_noto_sans_khmer", "ruamel_yaml", "pikepdf", "jinja2", "babel"):
        assert found.get(name, "-") != "-", name
    assert "pytest" not in found and "hypothesis" not in found  # test tools do not shape the output
