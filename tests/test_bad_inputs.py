"""The bad-input battery: every case in tests/bad_inputs/ fails cleanly or, for legal extremes,
writes correct output. See tests/bad_inputs/README.md for the file format."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main

from conftest import VALID
from pdf_text import body_text

CASES = Path(__file__).parent / "bad_inputs"


def read_case(path: Path) -> dict:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    case = {"what": "", "setup": "", "expect": [], "content": body}
    in_expect = False
    for line in head.splitlines():
        if line.startswith("# expect:"):
            in_expect = True
        elif in_expect and line.startswith("#   "):
            case["expect"].append(line[4:])
        elif line.startswith("# what:"):
            case["what"] = line[7:].strip()
        elif line.startswith("# setup:"):
            case["setup"] = line[8:].strip()
    return case


def _png(path: Path, size=(40, 40), mode="RGB") -> None:
    from PIL import Image

    Image.new(mode, size, "white" if mode == "RGB" else 1).save(path)


def _items(n: int) -> str:
    lines = "".join(f"          - Item number {i} is here.\n" for i in range(1, n + 1))
    return VALID.replace("      - paragraph: You can read this.\n", "      - bullets:\n" + lines)


def _sections(n: int) -> str:
    extra = "".join(f"  - title: Section {i}\n    slide_points: [Point {i}]\n    blocks:\n"
                    f"      - paragraph: You are reading section {i}.\n" for i in range(2, n + 1))
    return VALID + extra


LONG_ANSWER = " ".join(f"This is sentence {i} of a very long answer to the question." for i in range(1, 121))


def _long_faq() -> str:
    return VALID.replace("      - paragraph: You can read this.\n",
                         f"      - faq:\n          - q: Why is this answer so long?\n            a: {LONG_ANSWER}\n")


def prepare(case: dict, tmp: Path) -> tuple[Path, Path]:
    """Lay out the case's folder; return (content path, output folder)."""
    work, out = tmp / "work", tmp / "out"
    work.mkdir()
    out.mkdir()
    (out / "keep.txt").write_text("an earlier file that must survive\n")
    content = work / "content.yaml"
    text, setup = case["content"], case["setup"]
    data = text.encode("utf-8")
    if setup == "latin1":
        data = text.encode("latin-1")
    elif setup == "ok_bom":
        data = b"\xef\xbb\xbf" + data
    elif setup == "big":
        data = data + b"#" + b"x" * 5_000_000 + b"\n"
    elif setup == "ok_items2000":
        data = _items(2000).encode()
    elif setup == "ok_sections300":
        data = _sections(300).encode()
    elif setup == "ok_longfaq":
        data = _long_faq().encode()
    if setup == "fifo":
        os.mkfifo(content)
    elif setup == "dev_zero":
        content = Path("/dev/zero")
    else:
        content.write_bytes(data)
    if setup == "logo_corrupt":
        (work / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50)
    elif setup == "logo_text":
        (work / "logo.png").write_text("this is not a picture\n")
    elif setup == "logo_svg":
        (work / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    elif setup == "logo_gif":
        from PIL import Image

        Image.new("P", (20, 20)).save(work / "logo.gif")
    elif setup == "logo_bomb":
        _png(work / "logo.png", (6000, 5000), "1")
    elif setup in ("logo_outside", "logo_symlink"):
        (tmp / "outside").mkdir()
        _png(tmp / "outside" / "logo.png")
        if setup == "logo_symlink":
            (work / "logo.png").symlink_to(tmp / "outside" / "logo.png")
    elif setup == "out_is_file":
        out.joinpath("keep.txt").unlink()
        out.rmdir()
        out.write_text("I am a file, not a folder\n")
    elif setup == "out_symlink":
        (tmp / "elsewhere.pdf").write_text("not yours to overwrite\n")
        (out / "test-leaflet.pdf").symlink_to(tmp / "elsewhere.pdf")
    return content, out


def snapshot(tmp: Path) -> dict:
    """Every file under tmp except the case's own input folder, with its bytes (or link target)."""
    seen = {}
    for path in sorted(tmp.rglob("*")):
        if "work" in path.relative_to(tmp).parts[:1]:
            continue
        if path.is_symlink():
            seen[str(path)] = ("link", os.readlink(path))
        elif path.is_file():
            seen[str(path)] = path.read_bytes()
    return seen


@pytest.mark.parametrize("name", sorted(p.stem for p in CASES.glob("*.case")))
def test_case(name, tmp_path, monkeypatch):
    case = read_case(CASES / f"{name}.case")
    content, out = prepare(case, tmp_path)
    monkeypatch.chdir(content.parent if content.parent.name == "work" else tmp_path / "work")
    before = snapshot(tmp_path)
    result = CliRunner().invoke(main, ["all", str(content if content.is_absolute() and
                                                  content.parent.name != "work" else content.name),
                                       "-o", str(out)])
    assert "Traceback" not in result.output
    if case["setup"].startswith("ok"):
        assert result.exit_code == 0, result.output
        check_ok(case, out, result)
        return
    assert result.exit_code == 1, result.output
    lines = result.stderr.replace(str(tmp_path) + "/", "").splitlines()
    assert lines[-1].endswith("nothing was written.")
    assert lines[:-1] == case["expect"]
    assert snapshot(tmp_path) == before, "the output folder changed"
    assert not [p for p in tmp_path.rglob("*.tmp")], "a temporary file was left behind"


def check_ok(case, out: Path, result) -> None:
    names = sorted(p.name for p in out.iterdir())
    assert names == ["keep.txt", "test-leaflet-card.pdf", "test-leaflet-large-print.pdf", "test-leaflet.pdf",
                     "test-leaflet.pptx"]
    assert sorted(result.stdout.split()) == [str(out / n) for n in names[1:]]
    text = body_text(out / "test-leaflet.pdf").replace(" ", "")
    setup = case["setup"]
    if setup == "ok_items2000":
        for i in (1, 999, 2000):
            assert f"Itemnumber{i}ishere." in text
    elif setup == "ok_sections300":
        assert "Section300" in text and "youarereadingsection300." in text.lower()
    elif setup == "ok_longfaq":
        assert LONG_ANSWER.replace(" ", "") in text
    elif "300-character" in case["what"]:
        assert ("Pneumono" + "ultramicroscopic" * 18 + "xxxx") in text
    elif "../" in case["what"]:
        assert "../../etc/passwd" in text
    elif "stay text" in case["what"]:
        assert "Version:0123" in text and "Firstsectionno" in text
