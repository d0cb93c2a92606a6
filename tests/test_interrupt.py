"""Interrupted builds: a build killed at any moment leaves dist/ as the complete old site or the complete new one.

The build is run as a process and killed with SIGKILL (no chance to clean up) after seeded random delays spread
over a measured build's duration, alternating between two versions of the content so that every build changes
dist/. A watcher checks throughout that dist/ never disappears, even for an instant, and the next complete
build removes the temporary folders the killed ones left beside it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import ROOT, make_project

RUNS = 30
SEED = 20260127


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes."""
    return {f.relative_to(folder).as_posix(): f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file()}


def start_build(root: Path, *args: str) -> subprocess.Popen:
    # A session of its own, so the kill reaches the build and any process it started, and nothing else.
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(root), *args], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def timed_build(root: Path, *args: str) -> float:
    started = time.perf_counter()
    process = start_build(root, *args)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    return time.perf_counter() - started


class Watcher(threading.Thread):
    """Checks, as often as it can, that dist/ and its home page are there."""

    def __init__(self, dist: Path):
        super().__init__(daemon=True)
        self.dist, self.checks, self.misses = dist, 0, 0
        self.running = True

    def run(self):
        while self.running:
            self.checks += 1
            self.misses += not (self.dist / "index.html").is_file()
            time.sleep(0.002)

    def stop(self):
        self.running = False
        self.join()


def wait_for(folder: Path, process: subprocess.Popen) -> None:
    """Wait until the build starts writing its new folder (or ends)."""
    while not folder.exists() and process.poll() is None:
        time.sleep(0.0005)


def test_a_killed_build_leaves_the_old_site_or_the_new_one(tmp_path):
    project = make_project(tmp_path / "site")
    (project.root / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)  # share the Sass cache
    page = project.root / "content/pages/cookies.md"
    versions = {"old": page.read_text(encoding="utf-8")}
    versions["new"] = versions["old"].replace("title: Cookies\n", "title: Cookies and local storage\n", 1)
    assert versions["new"] != versions["old"]

    timed_build(project.root)  # once to warm the Sass cache and the file cache, so the builds timed are typical
    durations = [timed_build(project.root)]
    sites = {"old": snapshot(project.dist)}
    page.write_text(versions["new"], encoding="utf-8")
    durations.append(timed_build(project.root, "--out", str(tmp_path / "new")))
    sites["new"] = snapshot(tmp_path / "new")
    assert sites["old"] != sites["new"]
    assert b"Cookies and local storage" in sites["new"]["cookies/index.html"]
    duration = min(durations)

    rng = random.Random(SEED)
    # Half the kills come anywhere in a build; half while it writes the new folder and swaps it in, the moment
    # that matters, found by waiting for the build's '.dist.new-<pid>' folder to appear.
    kills = [("anywhere", rng.uniform(0, 1.15) * duration) for _ in range(RUNS // 2)]
    kills += [("writing", rng.uniform(0, 0.04)) for _ in range(RUNS - RUNS // 2)]
    rng.shuffle(kills)
    current, outcomes, leftovers_seen = "old", {"kept": 0, "replaced": 0}, 0
    watcher = Watcher(project.dist)
    watcher.start()
    try:
        for when, delay in kills:
            target = "new" if current == "old" else "old"
            page.write_text(versions[target], encoding="utf-8")
            process = start_build(project.root)
            if when == "writing":
                wait_for(project.root / f".dist.new-{process.pid}", process)
            try:
                process.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate(timeout=60)
            found = snapshot(project.dist)
            assert found in (sites[current], sites[target]), f"dist/ is neither site after a kill {when}, {delay:.3f} s in"
            outcomes["replaced" if found == sites[target] else "kept"] += 1
            current = target if found == sites[target] else current
            leftovers_seen += (project.root / f".dist.new-{process.pid}").exists()  # killed while writing
    finally:
        watcher.stop()
    assert watcher.misses == 0, f"dist/index.html was missing {watcher.misses} times in {watcher.checks} checks"
    assert outcomes["kept"] and outcomes["replaced"], outcomes
    assert leftovers_seen, "no kill landed while a build was writing"

    # A build that runs to the end removes what killed builds left beside dist/ (and a stale one of any age).
    stale = project.root / ".dist.new-999999"
    (stale / "objectives").mkdir(parents=True, exist_ok=True)
    (stale / "objectives/index.html").write_text("half a site", encoding="utf-8")
    target = "new" if current == "old" else "old"
    page.write_text(versions[target], encoding="utf-8")
    timed_build(project.root)
    assert snapshot(project.dist) == sites[target]
    assert sorted(p.name for p in project.root.glob(".dist.*")) == []
    print(f"{RUNS} kills over a {duration:.2f} s build: {outcomes}; {leftovers_seen} while writing; {watcher.checks} checks of dist/")
