"""The bad-input battery: every case in tests/bad_inputs/ fails cleanly or, for legal extremes,
writes correct output. See tests/bad_inputs/README.md for the file format.

Each case runs `generate.py all` in its own process, as a user would, with its address space
capped at 500 MB and its CPU time at 10 seconds, so a case that eats memory or spins fails here.
CPU time, not wall time: a busy machine slows every case down without making any of them wrong.
A wall-clock limit far above that is kept only as a backstop for a case that waits forever.
How fast the cases run is measured in bench/, not here.
The cases run two or more at a time; each still reports on its own."""

from __future__ import annotations

import concurrent.futures
import os
import random
import signal
import subprocess
import sys
import zlib
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import ROOT, VALID
from pdf_text import body_text

CASES = Path(__file__).parent / "bad_inputs"
NAMES = sorted(p.stem for p in CASES.glob("*.case"))
MEMORY_MB = 500
CPU_SECONDS = 10
BACKSTOP_SECONDS = 600  # only for a case that blocks (waits on a pipe, a lock) without using the CPU
OUTPUTS = ["test-leaflet-card.pdf", "test-leaflet-large-print.pdf", "test-leaflet.pdf", "test-leaflet.pptx"]

# The child caps its own address space and CPU time before importing anything, then runs the CLI.
CHILD = (f"import resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_MB} << 20, {MEMORY_MB} << 20)); "
         f"resource.setrlimit(resource.RLIMIT_CPU, ({CPU_SECONDS}, {CPU_SECONDS + 5})); "
         f"sys.path.insert(0, {str(ROOT)!r}); from handouts.cli import main; sys.argv[0] = 'generate.py'; main()")


class Case(NamedTuple):
    what: str
    setup: str
    args: tuple[str, ...]
    outcome: str  # "fails" or "writes"
    expect: tuple[str, ...]  # for "fails": the lines on stderr before the summary
    shows: tuple[str, ...]  # for "writes": texts the leaflet must show
    content: str


def read_case(path: Path) -> Case:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    fields: dict[str, str] = {}
    lists: dict[str, list[str]] = {"expect": [], "shows": []}
    current = None
    for line in head.splitlines():
        if line.startswith("#   ") and current:
            lists[current].append(line[4:])
            continue
        key, _, value = line[2:].partition(":")
        current = key if key in lists else None
        if current is None:
            fields[key] = value.strip()
    outcome = fields.get("outcome")
    assert outcome in ("fails", "writes"), f"{path.name}: '# outcome:' must be 'fails' or 'writes'"
    assert (outcome == "fails") == bool(lists["expect"]), f"{path.name}: a failing case lists what it expects"
    assert (outcome == "writes") == bool(lists["shows"]), f"{path.name}: a case that writes lists what it shows"
    return Case(fields.get("what", ""), fields.get("setup", ""), tuple(fields.get("args", "").split()),
                outcome, tuple(lists["expect"]), tuple(lists["shows"]), body)


# -- setups: files a case needs beyond its content, made fresh for each run --------------------

def _png(path: Path, size=(40, 40), mode="RGB") -> None:
    from PIL import Image

    Image.new(mode, size, "white" if mode == "RGB" else 1).save(path)


def _png_with_bad_data(path: Path) -> None:
    """A PNG whose chunks all have correct checksums, but whose compressed pixels are not zlib data."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 40, 40, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"\x78\x9c" + b"\xff" * 200)
                     + chunk(b"IEND", b""))


def _items(n: int) -> str:
    lines = "".join(f"          - Item number {i} is here.\n" for i in range(1, n + 1))
    return VALID.replace("      - paragraph: You can read this.\n", "      - bullets:\n" + lines)


def _sections(n: int) -> str:
    extra = "".join(f"  - title: Section {i}\n    slide_points: [Point {i}]\n    blocks:\n"
                    f"      - paragraph: You are reading section {i}.\n" for i in range(2, n + 1))
    return VALID + extra


def _stars(n: int) -> str:
    """n paragraphs of " ***a" 3,990 times: stars that open emphasis but never close it."""
    paragraphs = "".join(f"      - paragraph: '{' ***a' * 3990}'\n" for _ in range(n))
    return VALID.replace("      - paragraph: You can read this.\n", "      - paragraph: You can read this.\n" + paragraphs)


def _pictures(names: list[str]) -> str:
    """The valid leaflet with an image block for each name, in its first section."""
    blocks = "".join(f"      - image:\n          path: {name}\n          alt: Picture {i} of the leaflet.\n"
                     for i, name in enumerate(names, 1))
    return VALID.replace("      - paragraph: You can read this.\n", "      - paragraph: You can read this.\n" + blocks)


def _noise_png(path: Path, side: int) -> None:
    """A PNG of random pixels, which do not compress: 1,300 pixels square is about 5 MB."""
    from PIL import Image

    Image.frombytes("RGB", (side, side), random.Random(side).randbytes(side * side * 3)).save(path, compress_level=1)


def _png_missing_rows(path: Path, rows: int = 10, height: int = 40) -> None:
    """A 40 by 40 PNG whose compressed data is whole and checks out, but holds only `rows` rows."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    data = zlib.compress(b"".join(b"\x00" + b"\x80" * 120 for _ in range(rows)))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def _jpeg_lying_header(path: Path) -> None:
    """A 16 by 16 JPEG whose header says 4000 by 4000."""
    import io
    import struct

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(out, "JPEG")
    data = bytearray(out.getvalue())
    frame = data.index(b"\xff\xc0")  # the start-of-frame header: height and width at bytes 5 to 8
    data[frame + 5:frame + 9] = struct.pack(">HH", 4000, 4000)
    path.write_bytes(bytes(data))


def _long_faq() -> str:
    answer = " ".join(f"This is sentence {i} of a very long answer to the question." for i in range(1, 121))
    return VALID.replace("      - paragraph: You can read this.\n",
                         f"      - faq:\n          - q: Why is this answer so long?\n            a: {answer}\n")


def _deck_bytes() -> bytes:
    import io

    from pptx import Presentation

    buf = io.BytesIO()
    Presentation().save(buf)
    return buf.getvalue()


def _rewritten_deck(path: Path, change) -> None:
    """The default python-pptx deck with `change(name, data)` applied to each part."""
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(_deck_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, change(info.filename, src.read(info.filename)))


def _zip_bomb(path: Path, gib: int = 3) -> None:
    """A small .pptx holding one part of `gib` GiB of zeros: a real bomb, made in about a second.
    After a full flush, each 16 MiB of zeros packs to the same bytes, so they are packed once."""
    import io
    import struct
    import zipfile

    block = b"\0" * (1 << 24)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    count = (gib << 30) // len(block)
    stream = (packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)) * count + b"\x03\x00"  # + a last, empty block
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    size, name = count * len(block), b"ppt/media/zeros.bin"
    deck = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_deck_bytes())) as src, zipfile.ZipFile(deck, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
    data = deck.getvalue()
    end = data.rindex(b"PK\x05\x06")  # the end record: entry count, directory size and offset
    (entries,), (dir_size, dir_offset) = struct.unpack("<H", data[end + 10:end + 12]), struct.unpack(
        "<II", data[end + 12:end + 20])
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(stream), size, len(name), 0)
    central = struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(stream), size, len(name),
                          0, 0, 0, 0, 0, dir_offset)
    members = data[:dir_offset] + local + name + stream
    directory = data[dir_offset:dir_offset + dir_size] + central + name
    trailer = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, entries + 1, entries + 1, len(directory), len(members), 0)
    path.write_bytes(members + directory + trailer)


def _template_edit(path: Path, part: str, edit, drop: bool = False, copies: int = 0) -> None:
    """The default deck with one part edited (a regex pair), dropped, or copied many times over."""
    import io
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(_deck_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == part:
                if drop:
                    continue
                data = re.sub(edit[0], edit[1], data, count=1) if edit else data
                for i in range(copies):  # extra layouts, each a copy, none of them used
                    dst.writestr(f"ppt/slideLayouts/slideLayout{100 + i}.xml", data)
            dst.writestr(info, data)


LAYOUT2, PRESENTATION = "ppt/slideLayouts/slideLayout2.xml", "ppt/presentation.xml"
PADDING = b"<!--" + b"pad " * 240_000 + b"-->"  # just under 1 MB of XML, packed well under 100 to 1
TEMPLATE_EDITS = {  # the adversarial templates of issue 31, each a small edit of the default deck
    "template_20_big_layouts": ("ppt/slideLayouts/slideLayout1.xml", (rb"\?>", b"?>" + PADDING), False, 20),
    "template_140_layouts": ("ppt/slideLayouts/slideLayout1.xml", None, False, 140),
    "template_size_1": (PRESENTATION, (rb'<p:sldSz[^>]*/>', b'<p:sldSz cx="1" cy="1"/>')),
    "template_size_wide": (PRESENTATION, (rb'<p:sldSz cx="\d+"', b'<p:sldSz cx="wide"')),
    "template_huge_offset": (LAYOUT2, (rb'<a:off x="\d+"', b'<a:off x="999999999999999999999"')),
    "template_negative_size": (LAYOUT2, (rb'<a:ext cx="\d+"', b'<a:ext cx="-5000000"')),
    "template_missing_layout": (LAYOUT2, None, True),
}


def _style_chains(chains: int, length: int) -> dict[str, str]:
    lines = ["parent: default", "styles:"]
    for c in range(chains):
        lines += [f"  c{c}s0: {{parent: body}}"] + [f"  c{c}s{i}: {{parent: c{c}s{i - 1}}}" for i in range(1, length)]
    return {"theme.yaml": "\n".join(lines) + "\n"}


THEMES = {  # the adversarial themes of issue 31: files to write beside content.yaml
    "theme_1500_parents": lambda: {"theme.yaml": "parent: t1.yaml\n",
                                   **{f"t{i}.yaml": f"parent: t{i + 1}.yaml\n" for i in range(1, 1500)},
                                   "t1500.yaml": "parent: default\n"},
    "theme_1500_styles": lambda: _style_chains(1, 1500),
    "theme_10_chains_of_900": lambda: _style_chains(10, 900),
    "theme_parent_outside": lambda: {"theme.yaml": "parent: ../../../../../../../../etc/passwd\n"},
}


def prepare(case: Case, tmp: Path) -> tuple[str, Path, list[str]]:
    """Lay out the case's folder; return (content argument, output folder, names the setup put in it)."""
    work, out = tmp / "work", tmp / "out"
    work.mkdir()
    out.mkdir()
    (out / "keep.txt").write_text("an earlier file that must survive\n")
    content = work / "content.yaml"
    text, setup = case.content, case.setup
    data = {"latin1": lambda: text.encode("latin-1"), "bom": lambda: b"\xef\xbb\xbf" + text.encode(),
            "big": lambda: text.encode() + b"#" + b"x" * 5_000_000 + b"\n",
            "items2000": lambda: _items(2000).encode(), "sections300": lambda: _sections(300).encode(),
            "longfaq": lambda: _long_faq().encode(),
            "stars10": lambda: _stars(10).encode(),
            "png_used_40_times": lambda: _pictures(["photo.png"] * 40).encode(),
            "png_used_200_times": lambda: _pictures(["photo.png"] * 200).encode(),
            "jpegs_25_large": lambda: _pictures([f"photo-{i}.jpg" for i in range(1, 26)]).encode(),
            "jpegs_12_large": lambda: _pictures([f"photo-{i}.jpg" for i in range(1, 13)]).encode(),
            "photo_turned": lambda: _pictures(["turned.jpg"]).encode(),
            "photo_mpo": lambda: _pictures(["phone.jpg"]).encode(),
            "deep_brackets": lambda: (VALID + "extra: " + "[" * 200_000 + "\n").encode(),
            "cr_line_ends": lambda: text.replace("\n", "\r").encode(),
            }.get(setup, lambda: text.encode())()
    argument, extra = "content.yaml", []
    if setup == "fifo":
        os.mkfifo(content)
    elif setup == "dev_zero":
        argument = "/dev/zero"
    else:
        content.write_bytes(data)
    if setup == "logo_corrupt":
        (work / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50)
    elif setup == "logo_bad_zlib":
        _png_with_bad_data(work / "logo.png")
    elif setup in ("png_used_40_times", "png_used_200_times"):
        _noise_png(work / "photo.png", 1300)
    elif setup in ("jpegs_25_large", "jpegs_12_large"):
        from PIL import Image

        for i in range(1, 26 if setup == "jpegs_25_large" else 13):  # 7.2 megapixels each
            Image.new("RGB", (3000, 2400), (10 * i, 100, 200)).save(work / f"photo-{i}.jpg", quality=80)
    elif setup == "photo_turned":  # a camera held upright: stored on its side, with EXIF orientation 6
        from PIL import Image

        exif = Image.Exif()
        exif[0x0112] = 6
        Image.new("RGB", (80, 40), "blue").save(work / "turned.jpg", exif=exif)
    elif setup == "photo_mpo":  # a phone's photo with a second frame
        from PIL import Image

        Image.new("RGB", (60, 40), "red").save(work / "phone.jpg", "MPO", save_all=True,
                                                append_images=[Image.new("RGB", (60, 40), "green")])
    elif setup == "logo_missing_rows":
        _png_missing_rows(work / "logo.png")
    elif setup == "logo_lying_jpeg":
        _jpeg_lying_header(work / "logo.jpg")
    elif setup == "logo_text":
        (work / "logo.png").write_text("this is not a picture\n")
    elif setup == "logo_svg":
        (work / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    elif setup == "logo_gif":
        from PIL import Image

        Image.new("P", (20, 20)).save(work / "logo.gif")
    elif setup == "logo_bomb":
        _png(work / "logo.png", (6000, 5000), "1")
    elif setup == "logo_loop":
        (work / "logo.png").symlink_to(work / "loop.png")
        (work / "loop.png").symlink_to(work / "logo.png")
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
    elif setup == "out_folders_named_like_temporaries":
        extra = [".handouts-new-0a1b2c3d-test-leaflet.pdf", ".test-leaflet.pdf.x1y2z3.tmp"]
        for name in extra:
            (out / name).mkdir()
    elif setup == "template_fifo":
        os.mkfifo(work / "template.pptx")
    elif setup == "template_folder":
        (work / "template.pptx").mkdir()
    elif setup == "template_no_slide_size":
        import re

        _rewritten_deck(work / "template.pptx", lambda name, part: re.sub(rb"<p:sldSz[^>]*/>", b"", part)
                        if name == "ppt/presentation.xml" else part)
    elif setup == "template_no_placeholder_box":
        import re

        _rewritten_deck(work / "template.pptx", lambda name, part: re.sub(rb"<a:xfrm>.*?</a:xfrm>", b"", part,
                                                                          flags=re.S)
                        if name.startswith(("ppt/slideLayouts/", "ppt/slideMasters/")) else part)
    elif setup == "template_zip_bomb":
        _zip_bomb(work / "template.pptx")
    elif setup in THEMES:
        for name, text in THEMES[setup]().items():
            (work / name).write_text(text)
    elif setup in TEMPLATE_EDITS:
        _template_edit(work / "template.pptx", *TEMPLATE_EDITS[setup])
    elif setup == "theme_white_on_white":
        (work / "theme.yaml").write_text(f"parent: {ROOT / 'templates' / 'theme.yaml'}\n"
                                         "colors:\n  ink: '#FFFFFF'\n  paper: '#FFFFFF'\n")
    return argument, out, extra


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
        elif path.is_dir():
            seen[str(path)] = "folder"
    return seen


class Run(NamedTuple):
    case: Case
    tmp: Path
    out: Path
    extra: list[str]
    before: dict
    after: dict
    returncode: int | None  # None: stopped by the backstop; -24 (SIGXCPU): past its CPU time
    stdout: str
    stderr: str


def run_case(name: str, tmp: Path) -> Run:
    case = read_case(CASES / f"{name}.case")
    argument, out, extra = prepare(case, tmp)
    before = snapshot(tmp)
    argv = [sys.executable, "-c", CHILD, "all", argument, "-o", str(out), *case.args]
    try:
        proc = subprocess.run(argv, cwd=tmp / "work", capture_output=True, text=True, timeout=BACKSTOP_SECONDS,
                              env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        code, stdout, stderr = proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, stdout, stderr = None, exc.stdout or "", exc.stderr or ""
    return Run(case, tmp, out, extra, before, snapshot(tmp), code, str(stdout), str(stderr))


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, concurrent.futures.Future[Run]]:
    """Every case started at once on a small pool; each test waits for its own."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2)))
    futures = {name: pool.submit(run_case, name, tmp_path_factory.mktemp(name)) for name in NAMES}
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.parametrize("name", NAMES)
def test_case(name, runs):
    run = runs[name].result()
    case = run.case
    assert run.returncode is not None, f"{name} was still running after {BACKSTOP_SECONDS} s"
    assert run.returncode != -signal.SIGXCPU, f"{name} used more than {CPU_SECONDS} s of CPU time"
    assert "Traceback" not in run.stderr + run.stdout
    assert "MemoryError" not in run.stderr, f"{name} needed more than {MEMORY_MB} MB"
    if case.outcome == "writes":
        assert run.returncode == 0, run.stderr
        check_written(run)
        return
    assert run.returncode == 1, run.stderr
    lines = run.stderr.replace(str(run.tmp) + "/", "").splitlines()
    assert lines[-1].endswith("nothing was written.")
    assert lines[:-1] == list(case.expect)
    assert run.after == run.before, "the output folder changed"
    assert not [p for p in run.tmp.rglob(".handouts-*") if p.is_file()], "a temporary file was left behind"


def check_written(run: Run) -> None:
    names = sorted(p.name for p in run.out.iterdir())
    assert names == sorted([".handouts-manifest.json", "keep.txt", *OUTPUTS, *run.extra])
    assert sorted(run.stdout.split()) == [str(run.out / n) for n in OUTPUTS]
    text = "".join(body_text(run.out / "test-leaflet.pdf").split())
    for shown in run.case.shows:
        assert "".join(shown.split()) in text, shown
    for name in run.extra:  # folders the tool did not make are left alone
        assert (run.out / name).is_dir()
