"""The cost of tagging: the leaflet rendered with its structure tree and without, in one process.

Usage: .venv/bin/python bench/tagging.py [--runs N]
Both sides load, plan and lay out the same content; only the tagging differs, so the difference is
what the tagged PDF costs (marked content while drawing, the tree and the XMP written at save).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handouts.load import load  # noqa: E402
from handouts.render.pdf import leaflet  # noqa: E402
from handouts.render.registry import TARGETS, Job, Options  # noqa: E402
from handouts.theme.labels import labels_for  # noqa: E402
from handouts.theme.themes import load_theme  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    article, theme = load(ROOT / "content.yaml"), load_theme()
    labels = labels_for(article.meta.language)
    job = Job(article, TARGETS["leaflet"], Options())
    plan = leaflet.plan(job, theme, labels)
    leaflet.render(job, plan, theme, labels)  # warm: fonts registered, modules imported
    tagged, plain = [], []
    for _ in range(args.runs):  # interleaved, so drift hits both alike
        start = time.perf_counter()
        size_tagged = len(leaflet.render(job, plan, theme, labels)[0])
        tagged.append(time.perf_counter() - start)
        start = time.perf_counter()
        size_plain = len(leaflet.render(job, plan, theme)[0])
        plain.append(time.perf_counter() - start)
    t, p = statistics.median(tagged) * 1000, statistics.median(plain) * 1000
    print(f"render, tagged: {t:.0f} ms, {size_tagged / 1024:.0f} KiB; untagged: {p:.0f} ms, "
          f"{size_plain / 1024:.0f} KiB; tagging adds {t - p:.0f} ms")


if __name__ == "__main__":
    main()
