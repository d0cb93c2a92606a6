"""Benchmark: the installed engine, as a team meets it.

    .venv/bin/python scripts/bench_install.py [--runs 5]

Measures, in one run: the wheel's size; the time from `pip install` of the wheel (its dependencies
already downloaded into a folder, so the network is not timed) to the starter site built, in a fresh
virtual environment each time; and a cold build of the default site by the installed engine (its
precompiled CSS, no Node) against a cold build from this checkout (Dart Sass compiles GOV.UK
Frontend), each a whole process with an empty cache. Medians are printed; compare the ratio,
measured side by side, more than either time.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], **kwargs) -> float:
    """Run a command to the end; the seconds it took."""
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - started


def make_wheel(tmp: Path) -> Path:
    """Build the engine's wheel from this checkout into tmp/wheel/; its path."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(tmp / "wheel"), str(ROOT)],
                   check=True, capture_output=True)
    return next((tmp / "wheel").glob("*.whl"))


def install_to_built(tmp: Path, wheel: Path, packages: Path, index: int) -> float:
    """A fresh venv (not timed), then pip install of the wheel, init and build (timed), no Node."""
    venv = tmp / f"venv-{index}"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {"PATH": str(venv / "bin"), "HOME": str(tmp)}
    started = time.perf_counter()
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--no-index",
                    "--find-links", str(packages), str(wheel)],
                   check=True, capture_output=True, env=env)
    subprocess.run([str(venv / "bin" / "strategy-microsite"), "init", str(tmp / f"site-{index}")],
                   check=True, capture_output=True, env=env)
    subprocess.run([str(venv / "bin" / "strategy-microsite"), "build"],
                   check=True, capture_output=True, env=env, cwd=tmp / f"site-{index}")
    return time.perf_counter() - started


def main() -> int:
    """Measure and print the wheel's size, install-to-built times and the two cold builds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        wheel = make_wheel(tmp)
        size = wheel.stat().st_size
        packages = tmp / "packages"
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "-d", str(packages), str(wheel)],
                       check=True, capture_output=True)
        installs = [install_to_built(tmp, wheel, packages, n) for n in range(runs)]
        site = tmp / "default-site"
        shutil.copytree(ROOT / "content", site / "content")
        installed = tmp / "venv-0" / "bin" / "strategy-microsite"
        env = {"PATH": str(tmp / "venv-0" / "bin"), "HOME": str(tmp)}
        wheel_cold, sass_cold = [], []
        for n in range(runs):
            wheel_cold.append(timed([str(installed), "--site", str(site), "--out", str(tmp / "out-w"),
                                     "--cache-dir", str(tmp / f"cw-{n}")], env=env))
            sass_cold.append(timed([sys.executable, str(ROOT / "build.py"), "--out", str(tmp / "out-s"),
                                    "--cache-dir", str(tmp / f"cs-{n}")]))
    w, s = statistics.median(wheel_cold), statistics.median(sass_cold)
    print(f"wheel: {wheel.name}, {size / 1024:.0f} KB")
    print(f"pip install of the wheel to the starter site built (median of {runs}): "
          f"{statistics.median(installs):.2f} s"
          f"  (min {min(installs):.2f}, max {max(installs):.2f})")
    print(f"cold build of the default site, installed engine, precompiled CSS: {w:.2f} s")
    print(f"cold build of the default site, checkout, Dart Sass:              {s:.2f} s")
    print(f"  installed / checkout: {w / s:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
