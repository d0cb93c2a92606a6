"""Benchmark: a full build of the default site as a whole process, with the Sass cache cold and warm.

    .venv/bin/python scripts/bench_build.py [--runs 7] [--compare OTHER_CHECKOUT]

Each run is `python build.py` in a fresh process (interpreter start, imports, load, model, validate,
render, write). Cold runs point the CSS cache at an empty folder, so Dart Sass compiles GOV.UK Frontend;
warm runs reuse the cache, as a content-only build does. Medians are printed; the machines are shared
and noisy, so the ratio between the two, measured in one run, matters more than either number.
With --compare, another checkout of the engine (an older commit, say) is timed in the same run, each of its
builds right after the same build of this one, and the ratios new / old are printed.
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


def one_build(root: Path, out: Path, cache: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(root / "build.py"), "--out", str(out), "--cache-dir", str(cache)],
                   check=True, capture_output=True, cwd=root)
    return time.perf_counter() - started


def measure(roots: list[Path], runs: int, tmp: Path) -> dict[Path, tuple[list[float], list[float]]]:
    """Cold and warm build times of each checkout, interleaved so the machine's noise falls on all alike."""
    times = {root: ([], []) for root in roots}
    for n, root in enumerate(roots):
        one_build(root, tmp / "out", tmp / f"warm-cache-{n}")  # fill the warm cache
    for index in range(runs):
        for n, root in enumerate(roots):
            times[root][0].append(one_build(root, tmp / "out", tmp / f"cold-cache-{n}-{index}"))
            times[root][1].append(one_build(root, tmp / "out", tmp / f"warm-cache-{n}"))
    return times


def report(name: str, cold: list[float], warm: list[float]) -> tuple[float, float]:
    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    print(f"{name}: full build of the default site, whole process, median of {len(cold)} runs")
    print(f"  cold Sass cache: {cold_median:.3f} s  (min {min(cold):.3f}, max {max(cold):.3f})")
    print(f"  warm Sass cache: {warm_median:.3f} s  (min {min(warm):.3f}, max {max(warm):.3f})")
    print(f"  warm / cold: {warm_median / cold_median:.2f}")
    return cold_median, warm_median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--compare", type=Path, default=None, help="another checkout to time in the same run")
    options = parser.parse_args()
    roots = [ROOT] + ([options.compare.resolve()] if options.compare else [])
    with tempfile.TemporaryDirectory() as tmp:
        times = measure(roots, options.runs, Path(tmp))
    new = report(f"this checkout ({ROOT.name})", *times[ROOT])
    if options.compare:
        old = report(f"the other ({options.compare})", *times[roots[1]])
        print(f"new / old: cold {new[0] / old[0]:.2f}, warm {new[1] / old[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
