#!/usr/bin/env python3
"""A clinic's library, timed as a user runs it: one new process per command, wall time.

1. No-change rebuild: `all` over N leaflets (default 20) once, then again; the second run's time,
   median of --runs.
2. Throughput: M generated leaflets (default 100) of the knee article's size, each a PDF leaflet and
   a deck (`pdf DIR` then `pptx DIR`), with --jobs 1 and with the default (one worker per CPU);
   and with Pandoc (`pandoc -o x.pptx` plus `pandoc -o x.pdf`, one leaflet at a time, the way a
   Makefile would run it) where pandoc and a PDF engine are installed.

Each generated leaflet is content.yaml with its own slug and title (and the logo beside it), so
the work per leaflet is the knee article's. Usage: library.py [--leaflets 20] [--many 100] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
GENERATE = str(ROOT / "generate.py")


def make_library(folder: Path, count: int) -> Path:
    source = (ROOT / "content.yaml").read_text(encoding="utf-8")
    shutil.copytree(ROOT / "images", folder / "images")
    for i in range(count):
        text = source.replace('slug: "knee-muscle-spasms"', f'slug: "leaflet-{i:03d}"', 1)
        text = text.replace('title: "Muscle spasms in the knee"', f'title: "Muscle spasms in the knee ({i})"', 1)
        assert f"leaflet-{i:03d}" in text
        (folder / f"leaflet-{i:03d}.yaml").write_text(text, encoding="utf-8")
    return folder


def timed(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{result.stderr[-2000:]}")
    return wall


def no_change(count: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        lib = make_library(Path(tmp) / "leaflets", count)
        out = Path(tmp) / "out"
        first = timed([PY, GENERATE, "all", str(lib), "-o", str(out)], Path(tmp))
        again = [timed([PY, GENERATE, "all", str(lib), "-o", str(out)], Path(tmp)) for _ in range(runs)]
        print(f"| `all` over {count} leaflets, first build | {first:.2f} s |")
        print(f"| `all` again, nothing changed (median of {runs}, fastest) | {statistics.median(again):.2f} s "
              f"({min(again):.2f} s) |")


def pandoc_engine() -> str | None:
    if not shutil.which("pandoc"):
        return None
    return next((e for e in ("weasyprint", "wkhtmltopdf", "xelatex", "pdflatex") if shutil.which(e)), None)


def markdown_of(content: Path) -> str:
    """The article as Markdown for Pandoc: the same headings, paragraphs and lists."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(content.read_text(encoding="utf-8"))
    lines = [f"% {data['meta']['title']}", ""]

    def blocks(items, depth):
        for block in items:
            kind, value = next(iter(block.items()))
            if kind == "paragraph":
                lines.extend([value, ""])
            elif kind in ("bullets", "numbered"):
                lines.extend([f"- {v}" for v in value] + [""])
            elif kind == "callout":
                lines.extend([f"**{value.get('title', '')}**", "", value.get("text", ""), ""]
                             + [f"- {v}" for v in value.get("items", [])] + [""])
            elif kind == "faq":
                for qa in value:
                    lines.extend([f"**{qa['q']}**", "", qa["a"], ""])
            elif kind == "terms":
                lines.extend([f"- **{t['term']}**: {t['text']}" for t in value] + [""])

    for section in data["sections"]:
        lines.extend([f"# {section['title']}", ""])
        blocks(section.get("blocks", []), 1)
        for part in section.get("sections", []):
            lines.extend([f"## {part['title']}", ""])
            blocks(part.get("blocks", []), 2)
    return "\n".join(lines)


def throughput(count: int) -> None:
    jobs = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        lib = make_library(Path(tmp) / "leaflets", count)
        for label, extra in (("handouts, `--jobs 1`", ["--jobs", "1"]), (f"handouts, default ({jobs} workers)", [])):
            out = Path(tmp) / f"out{len(extra)}"
            wall = sum(timed([PY, GENERATE, command, str(lib), "-o", str(out), "--force", *extra], Path(tmp))
                       for command in ("pdf", "pptx"))
            print(f"| {label} | {count} | {wall:.1f} s | {count / wall:.2f} |")
        engine = pandoc_engine()
        if engine is None:
            print("| Pandoc | not installed here (needs `pandoc` and a PDF engine) | | |")
            return
        md = Path(tmp) / "md"
        md.mkdir()
        for _i, content in enumerate(sorted(lib.glob("*.yaml"))):
            (md / f"{content.stem}.md").write_text(markdown_of(content), encoding="utf-8")
        start = time.perf_counter()
        for source in sorted(md.glob("*.md")):
            timed(["pandoc", str(source), "-o", str(source.with_suffix(".pptx"))], md)
            timed(["pandoc", str(source), f"--pdf-engine={engine}", "-o", str(source.with_suffix(".pdf"))], md)
        wall = time.perf_counter() - start
        print(f"| Pandoc ({engine} for the PDF), one leaflet at a time | {count} | {wall:.1f} s | {count / wall:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaflets", type=int, default=20)
    parser.add_argument("--many", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    # no `choices` here: Python 3.11's argparse checks the empty default against them and fails
    parser.add_argument("part", nargs="*", help="no-change, throughput, or both (the default)")
    args = parser.parse_args()
    parts = args.part or ["no-change", "throughput"]
    if set(parts) - {"no-change", "throughput"}:
        parser.error(f"unknown part {sorted(set(parts) - {'no-change', 'throughput'})}; use no-change or throughput")
    if "no-change" in parts:
        print("| run | wall time |\n|---|---|")
        no_change(args.leaflets, args.runs)
    if "throughput" in parts:
        print("\n| builder | leaflets | wall time | leaflets per second |\n|---|---|---|---|")
        throughput(args.many)


if __name__ == "__main__":
    main()
