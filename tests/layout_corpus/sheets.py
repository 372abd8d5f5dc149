"""`make sheets`: a PNG contact sheet of every layout of every corpus leaflet, for a person to look
at (stranded headings, split lists, thin pages, overflow, mirroring). Writes output/sheets/:
one <leaflet>-<layout>-<paper>.png per build, the pages side by side, and a note for each build
that stopped (tri-fold and card may, with a message at a line of the content).
Usage: .venv/bin/python tests/layout_corpus/sheets.py [COUNT]"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from layout_corpus import COUNT, make  # noqa: E402  (found through the tests folder)

LAYOUTS = {"leaflet": ("--layout", "leaflet"), "large-print": ("--profile", "large-print"),
           "booklet": ("--layout", "booklet"), "trifold": ("--layout", "trifold"), "card": ("--layout", "card")}
FILES = {"leaflet": "{slug}.pdf", "large-print": "{slug}-large-print.pdf", "booklet": "{slug}-a5.pdf",
         "trifold": "{slug}-trifold.pdf", "card": "{slug}-card.pdf"}
DPI = 40


def sheet(pdf: Path, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), f"{tmp}/p"], check=True)
        pages = [Image.open(p) for p in sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1]))]
        gap = 6
        width = sum(p.width for p in pages) + gap * (len(pages) + 1)
        out = Image.new("RGB", (width, max(p.height for p in pages) + 2 * gap), (128, 128, 128))
        x = gap
        for page in pages:
            out.paste(page, (x, gap))
            x += page.width + gap
        out.save(target)


def main(count: int) -> int:
    out = ROOT / "output" / "sheets"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="handouts-sheets-") as tmp:
        corpus = Path(tmp) / "corpus"
        files = make(corpus, count=count)
        for paper in ("a4", "letter"):
            for layout, args in LAYOUTS.items():
                built = Path(tmp) / f"{layout}-{paper}"
                result = subprocess.run([sys.executable, str(ROOT / "generate.py"), "pdf", str(corpus), "-o",
                                         str(built), "--paper", paper, "--jobs", "2", *args],
                                        capture_output=True, text=True, cwd=ROOT)
                for yaml in files:
                    pdf = built / FILES[layout].format(slug=yaml.stem)
                    name = f"{yaml.stem}-{layout}-{paper}"
                    if pdf.exists():
                        sheet(pdf, out / f"{name}.png")
                    else:
                        said = [line for line in result.stderr.splitlines() if yaml.name in line]
                        (out / f"{name}.txt").write_text("\n".join(said) + "\n", encoding="utf-8")
                print(f"sheets: {layout} on {paper} done", flush=True)
    print(f"sheets: written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else COUNT))
