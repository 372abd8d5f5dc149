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


def run_once(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS in MiB of one cold process."""
    with tempfile.TemporaryDirectory() as out:
        argv = [a.replace("{out}", out) for a in cmd]
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if status != 0:
            raise SystemExit(f"failed: {' '.join(argv)}\n{proc.stderr.read().decode()}")
        return wall, usage.ru_maxrss / 1024  # KiB on Linux


def measure_pair(ours: list[str], bare: list[str] | None, runs: int):
    """Interleaved runs (ours, bare, ours, ...), so drift in the machine's speed hits both alike."""
    results = {"ours": [], "bare": []}
    for _ in range(runs):
        results["ours"].append(run_once(ours))
        if bare:
            results["bare"].append(run_once(bare))
    return results


def summary(samples):
    walls = [w for w, _ in samples]
    return statistics.median(walls), min(walls), statistics.median(p for _, p in samples)


BARE_PDF = [PY, "bench/bare_reportlab.py", "content.yaml", "{out}/bare.pdf"]
CASES = {
    "pdf": ([PY, "generate.py", "pdf", "content.yaml", "-o", "{out}"], BARE_PDF),
    "booklet": ([PY, "generate.py", "pdf", "--layout", "booklet", "content.yaml", "-o", "{out}"], BARE_PDF),
    "trifold": ([PY, "generate.py", "pdf", "--layout", "trifold", "content.yaml", "-o", "{out}"], BARE_PDF),
    "card": ([PY, "generate.py", "pdf", "--layout", "card", "content.yaml", "-o", "{out}"], BARE_PDF),
    "pptx": ([PY, "generate.py", "pptx", "content.yaml", "-o", "{out}"],
             [PY, "bench/bare_pptx.py", "content.yaml", "{out}/bare.pptx"]),
    # all = leaflet + large-print leaflet + card + deck; the bare side runs the bare scripts in turn.
    "all": ([PY, "generate.py", "all", "content.yaml", "-o", "{out}"],
            ["sh", "-c", f"{PY} bench/bare_reportlab.py content.yaml {{out}}/a.pdf && "
                         f"{PY} bench/bare_reportlab.py content.yaml {{out}}/b.pdf && "
                         f"{PY} bench/bare_reportlab.py content.yaml {{out}}/c.pdf && "
                         f"{PY} bench/bare_pptx.py content.yaml {{out}}/d.pptx"]),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("cases", nargs="*", default=list(CASES))
    args = parser.parse_args()
    # Our package's bytecode is compiled first, as `make handouts` does, so no run pays for it.
    # -f: a .pyc written in the same second as an edit would look current and be ignored on import.
    subprocess.run([PY, "-m", "compileall", "-q", "-f", str(ROOT / "handouts")], check=True)
    run_once(CASES["pdf"][0])  # warms the OS file cache
    print("| command | wall time, median (min) | peak memory | bare script, median (min) | ratio of medians |")
    print("|---|---|---|---|---|")
    for name in args.cases:
        ours, bare = CASES[name]
        res = measure_pair(ours, bare, args.runs)
        med, low, peak = summary(res["ours"])
        b_med, b_low, b_peak = summary(res["bare"])
        label = " ".join(a for a in ours[2:] if a not in ("content.yaml", "-o", "{out}"))
        print(f"| `generate.py {label}` | {med * 1000:.0f} ms ({low * 1000:.0f} ms) | {peak:.0f} MiB | "
              f"{b_med * 1000:.0f} ms ({b_low * 1000:.0f} ms), {b_peak:.0f} MiB | {med / b_med:.2f}x |", flush=True)


if __name__ == "__main__":
    main()
