"""Measure cold runs: wall time and peak memory (max RSS) of each command, each in a new process.

Usage: .venv/bin/python bench/run.py [--runs N] [pdf|pptx|all ...]
Prints a Markdown table; copy it into bench/README.md with the date and machine.
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


def measure(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds and median peak RSS in MiB over `runs` cold processes."""
    walls, peaks = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            argv = [a.replace("{out}", out) for a in cmd]
            start = time.perf_counter()
            proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            walls.append(time.perf_counter() - start)
            if status != 0:
                raise SystemExit(f"failed: {' '.join(argv)}\n{proc.stderr.read().decode()}")
            peaks.append(usage.ru_maxrss / 1024)  # KiB on Linux
    return statistics.median(walls), statistics.median(peaks)


CASES = {
    "pdf": ([PY, "generate.py", "pdf", "content.yaml", "-o", "{out}"],
            [PY, "bench/bare_reportlab.py", "content.yaml", "{out}/bare.pdf"]),
    "pptx": ([PY, "generate.py", "pptx", "content.yaml", "-o", "{out}"],
             [PY, "bench/bare_pptx.py", "content.yaml", "{out}/bare.pptx"]),
    # all = standard PDF + large-print PDF + deck; the bare side runs the bare scripts in turn.
    "all": ([PY, "generate.py", "all", "content.yaml", "-o", "{out}"],
            ["sh", "-c", f"{PY} bench/bare_reportlab.py content.yaml {{out}}/a.pdf && "
                         f"{PY} bench/bare_reportlab.py content.yaml {{out}}/b.pdf && "
                         f"{PY} bench/bare_pptx.py content.yaml {{out}}/c.pptx"]),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("cases", nargs="*", default=list(CASES))
    args = parser.parse_args()
    print("| command | wall time (median) | peak memory (median) | bare script | ratio (time) |")
    print("|---|---|---|---|---|")
    for name in args.cases:
        ours, bare = CASES[name]
        wall, peak = measure(ours, args.runs)
        if bare:
            b_wall, b_peak = measure(bare, args.runs)
            print(f"| `generate.py {name}` | {wall:.2f} s | {peak:.0f} MiB | {b_wall:.2f} s, {b_peak:.0f} MiB "
                  f"| {wall / b_wall:.2f}x |", flush=True)
        else:
            print(f"| `generate.py {name}` | {wall:.2f} s | {peak:.0f} MiB | n/a | n/a |")


if __name__ == "__main__":
    main()
