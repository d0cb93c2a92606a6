"""Benchmark: a full build of the default site as a whole process, with the Sass cache cold and warm.

    .venv/bin/python scripts/bench_build.py [--runs 7]

Each run is `python build.py` in a fresh process (interpreter start, imports, load, model,
validate, render, write). Cold runs point the CSS cache at an empty folder, so Dart Sass compiles
GOV.UK Frontend; warm runs reuse the cache, as a content-only build does. Medians are printed; the
machines are shared and noisy, so the ratio between the two, measured in one run, matters more than
either number.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_build(out: Path, cache: Path) -> float:
    """One whole-process build into out, with the CSS cache in cache; the seconds it took."""
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", str(out),
                    "--cache-dir", str(cache)],
                   check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def main() -> int:
    """Time cold and warm builds in turn, and print their medians and ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        warm_cache = tmp / "warm-cache"
        one_build(tmp / "out", warm_cache)  # fill the warm cache
        for index in range(runs):
            cold.append(one_build(tmp / "out", tmp / f"cold-cache-{index}"))
            warm.append(one_build(tmp / "out", warm_cache))
    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    print(f"full build of the default site, whole process, median of {runs} runs")
    print(f"  cold Sass cache: {cold_median:.3f} s  (min {min(cold):.3f}, max {max(cold):.3f})")
    print(f"  warm Sass cache: {warm_median:.3f} s  (min {min(warm):.3f}, max {max(warm):.3f})")
    print(f"  warm / cold: {warm_median / cold_median:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
