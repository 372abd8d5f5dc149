#!/usr/bin/env python3
"""Wall time and peak memory of a cold `generate.py pptx` against a bare python-pptx script.

Each run is a fresh interpreter (cold imports; the OS file cache stays warm). Peak memory is the
child's maximum resident set size from os.wait4. Usage: bench/bench_pptx.py [--runs N] [CONTENT]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("content", nargs="?", default="content.yaml")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            "generate.py pptx": [sys.executable, "generate.py", "pptx", args.content, "-o", tmp],
            "generate.py pptx --aspect 4:3": [sys.executable, "generate.py", "pptx", args.content, "-o", tmp,
                                              "--aspect", "4:3"],
            "bare python-pptx": [sys.executable, "bench/bare_pptx.py", args.content, str(Path(tmp) / "bare.pptx")],
        }
        print(f"{'case':32} {'median s':>9} {'min s':>7} {'peak MiB':>9}   ({args.runs} cold runs each)")
        for name, cmd in cases.items():
            runs = [measure(cmd) for _ in range(args.runs)]
            times = [t for t, _ in runs]
            print(f"{name:32} {statistics.median(times):9.3f} {min(times):7.3f} {max(m for _, m in runs):9.1f}")


if __name__ == "__main__":
    main()
