"""Measure whether `pdf` time grows linearly: the knee article (content.yaml) with its sections
repeated 1, 10 and 30 times, each built in a new process.

Usage: .venv/bin/python bench/knee_scaling.py [--runs N] [--copies 1,10,30] [--profile]
Prints a Markdown table: the fastest wall time of each size, and the time each copy adds from 1x
to 10x and from 10x to 30x; the goal is that the second is within 1.3 times the first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def repeated(copies: int) -> str:
    text = (ROOT / "content.yaml").read_text(encoding="utf-8")
    head, marker, sections = text.partition("\nsections:\n")
    tail = ""
    # whatever follows the sections at the top level (a line that starts with a letter) stays once
    lines = sections.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line[:1].isalpha():
            sections, tail = "".join(lines[:i]), "".join(lines[i:])
            break
    return head + marker + sections * copies + tail


def best(argv: list[str], runs: int) -> tuple[float, float]:
    """The fastest wall time and the least CPU time (user + system) of `runs` cold processes. On a
    machine shared with others, CPU time is the steadier measure of the work done."""
    walls, cpus = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        if status:
            raise SystemExit(f"failed: {' '.join(argv)}")
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copies", default="1,10,30")
    parser.add_argument("--command", default="pdf")
    args = parser.parse_args()
    sizes = [int(c) for c in args.copies.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        walls = {}
        for n in sizes:
            path = Path(tmp) / f"knee-{n}x.yaml"
            path.write_text(repeated(n), encoding="utf-8")
            (Path(tmp) / "images").mkdir(exist_ok=True)
            for picture in (ROOT / "images").iterdir():
                target = Path(tmp) / "images" / picture.name
                if not target.exists():
                    target.write_bytes(picture.read_bytes())
            walls[n] = best([PY, "generate.py", args.command, str(path), "-o", f"{tmp}/out-{n}", "--force"],
                            args.runs)
    print("| copies | wall time (fastest) | CPU time (least) |\n|---:|---:|---:|")
    for n in sizes:
        print(f"| {n}x | {walls[n][0]:.2f} s | {walls[n][1]:.2f} s |")
    if len(sizes) == 3:
        a, b, c = sizes
        for i, what in ((0, "wall"), (1, "CPU")):
            first = (walls[b][i] - walls[a][i]) / (b - a)
            second = (walls[c][i] - walls[b][i]) / (c - b)
            print(f"\n{what} time per copy: {first * 1000:.0f} ms from {a}x to {b}x, {second * 1000:.0f} ms from "
                  f"{b}x to {c}x: ratio {second / first:.2f}")


if __name__ == "__main__":
    main()
