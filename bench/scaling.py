"""Measure how time and memory grow with the length of a leaflet: 50, 250 and 500 sections.

Usage: .venv/bin/python bench/scaling.py [--runs N] [--sizes 50,250,500]
Each size is a generated leaflet (every section: a paragraph, a list and a callout), built in a new
process with `pdf` and with `pptx`. Prints a Markdown table: wall time, time per page or slide,
and peak memory (max RSS). Copy it into bench/README.md with the date and machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

HEAD = """\
meta:
  title: A long leaflet for measuring
  slug: scaling
  language: en-GB
  version: "1.0"
  last_reviewed: 2026-01-10
  next_review: 2099-01-10
  reviewer: Bench Reviewer
  sources:
    - title: A source
clinic:
  name: Bench Clinic
  phone: "555 0100"
  emergency: "999"
key_messages:
  - Rest when it hurts.
  - Call us on {{ clinic.phone }} if it gets worse.
sections:
"""

SECTION = """\
  - title: Part {n} of the leaflet
    summary: What to do about part {n}.
    slide_points: [Rest for part {n}, Stretch for part {n}, Call if part {n} gets worse]
    blocks:
      - paragraph: This part is number {n}. It says what to do at home, in short words, so it is easy to read.
      - bullets:
          - Rest the leg for a day.
          - Put a cold pack on it for ten minutes.
          - Stretch gently when the pain eases.
      - callout:
          kind: get_help
          title: Get help
          items: [Call us if the pain in part {n} does not ease in two days.]
"""


def leaflet(sections: int) -> str:
    return HEAD + "".join(SECTION.format(n=n) for n in range(1, sections + 1))


def run_once(argv: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def units(path: Path) -> int:
    """Pages of a PDF or slides of a deck."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return len(PdfReader(path).pages)
    from pptx import Presentation

    return len(Presentation(str(path)).slides)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--sizes", default="50,250,500")
    args = parser.parse_args()
    print("| sections | command | pages or slides | wall s (median) | ms per page or slide | peak MiB |")
    print("|---:|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            content = Path(tmp) / f"scaling-{size}.yaml"
            content.write_text(leaflet(size), encoding="utf-8")
            for command, suffix in (("pdf", ".pdf"), ("pptx", ".pptx")):
                out = Path(tmp) / f"out-{size}-{command}"
                samples = [run_once([PY, "generate.py", command, str(content), "-o", str(out)])
                           for _ in range(args.runs)]
                count = units(out / f"scaling{suffix}")
                wall = statistics.median(w for w, _ in samples)
                peak = statistics.median(p for _, p in samples)
                print(f"| {size} | {command} | {count} | {wall:.1f} | {1000 * wall / count:.0f} | {peak:.0f} |",
                      flush=True)


if __name__ == "__main__":
    main()
