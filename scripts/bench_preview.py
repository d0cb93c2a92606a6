#!/usr/bin/env python3
"""Benchmark the preview: time from a saved content edit to the rebuilt page being ready to serve.

    .venv/bin/python scripts/bench_preview.py [--sizes 0,1000,4000] [--edits 7]

Size 0 is the real site (content/); other sizes are generated sites with that many extra case
studies. Each is built in a temporary copy of the project: gen_corpus.py (../shared/bench/) writes
the Markdown pages and each page becomes a case study: its title, its description as the summary,
its date, one to three objectives and one to four principles picked by a seeded rule from the real
ones, and one source. The real case studies stay so the home page's featured list still resolves.

The corpus is adapted so that it builds, because our build refuses what it would otherwise reject:
a '<' is written as '&lt;' (raw HTML is not allowed in Markdown), and a top-level '# ' heading in a
body becomes '## ' (the page title is the only top-level heading).

For each size, in a fresh Python process of its own, it starts the preview server in that process
(its watcher, rebuild and publish, exactly as `python build.py serve` runs them), then makes N edits to
one case study's summary, each timed from the save to the rebuilt page being published to the server
("save to page ready": includes noticing the save and waiting out a burst of saves). "Of which
rebuild" is the pipeline's own time for that rebuild (load, model, validate, render with the build
memory). dist/ is written after publishing, off the critical path. It also times clean full builds
(no memory, dist/ written), and the share of one core the preview uses while nobody is saving ("idle
CPU": watching costs the same at any size). Medians are reported, with the rebuild as a ratio of the
full build in the same run, because absolute times vary between runs on shared machines.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from microsite.pipeline import Project, build_site  # noqa: E402
from microsite.preview import Preview  # noqa: E402

GEN_CORPUS = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
OBJECTIVES = sorted(p.stem for p in (ROOT / "content" / "objectives").glob("*.yaml"))
PRINCIPLES = sorted(p.stem for p in (ROOT / "content" / "principles").glob("*.md"))


def make_project(folder: Path) -> Project:
    """A copy of the real project (content, templates, assets) with node_modules linked."""
    for part in ("content", "templates", "assets"):
        shutil.copytree(ROOT / part, folder / part)
    (folder / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return Project(folder, folder / "dist", ROOT / ".cache" / "css")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """The corpus page's simple 'key: value' front matter, and its body."""
    _, head, body = text.split("---\n", 2)
    fields = {}
    for line in head.splitlines():
        key, _, value = line.partition(": ")
        fields[key] = value.strip().strip('"')
    return fields, body


def adapt_body(body: str) -> str:
    """Make a corpus body acceptable to our build: no raw HTML, no top-level headings."""
    body = body.replace("<", "&lt;")
    return re.sub(r"^ {0,3}# ", "## ", body, flags=re.M)


def case_study(page: Path, seed: str) -> str:
    """One corpus page as a case study file."""
    fields, body = front_matter(page.read_text(encoding="utf-8"))
    rng = random.Random(f"{seed}:{page.stem}")
    objectives = sorted(rng.sample(OBJECTIVES, rng.randint(1, 3)))
    principles = sorted(rng.sample(PRINCIPLES, rng.randint(1, 4)))
    lines = [
        "---",
        f"id: {page.stem}",
        f"title: {json.dumps(fields['title'])}",
        f"summary: {json.dumps(fields['description'])}",
        f"date: {fields['date']}",
        "objectives:",
        *(f"  - {o}" for o in objectives),
        "principles:",
        *(f"  - {p}" for p in principles),
        "sources:",
        f"  - title: {json.dumps('Source for ' + fields['title'])}",
        f"    url: https://example.test/{page.stem}",
        "---",
    ]
    return "\n".join(lines) + "\n" + adapt_body(body)


def add_case_studies(project: Project, count: int, seed: str = "govuk-bench-1") -> None:
    """Generate count corpus pages and write each into content/case-studies/ as a case study."""
    corpus = project.root / "corpus"
    subprocess.run(
        [sys.executable, str(GEN_CORPUS), str(count), str(corpus), "--seed", seed],
        check=True,
        capture_output=True,
    )
    for page in sorted(corpus.glob("*.md")):
        (project.root / "content" / "case-studies" / page.name).write_text(
            case_study(page, seed), encoding="utf-8"
        )
    shutil.rmtree(corpus)


def edit(file: Path, number: int) -> None:
    """Change one case study's summary, as an editor saving a file would."""
    text = file.read_text(encoding="utf-8")
    text = re.sub(r"^summary: .*$", f"summary: Edited summary number {number}.", text, count=1, flags=re.M)
    file.write_text(text, encoding="utf-8")


def time_edits(project: Project, target: Path, page: str, edits: int) -> tuple[list[float], list[float]]:
    """Run the preview server's watcher and rebuild in-process; for each edit, seconds from the save to the
    rebuilt page being published to the server (what the editor waits for), and the rebuild's own time."""
    lines: list[str] = []
    preview = Preview(project, None, port=0, say=lines.append).start()
    saves, rebuilds = [], []
    try:
        for number in range(edits):
            time.sleep(0.3)  # let the watcher settle, as between an editor's saves
            generation = preview.rebuilds
            started = time.perf_counter()
            edit(target, number)
            wanted = f"Edited summary number {number}.".encode()
            while wanted not in preview.published.files.get(page, b""):
                if not preview.wait_for_rebuild(generation, 120):
                    raise SystemExit("the preview did not show the edit within 2 minutes")
                generation = preview.rebuilds
            saves.append(time.perf_counter() - started)
            built = [line for line in lines if line.startswith("Built in ")][-1]
            rebuilds.append(float(built.split()[2]) / 1000)
        idle = idle_cpu(project, page, wanted)
    finally:
        preview.stop()
    return saves, rebuilds, idle


def idle_cpu(project: Project, page: str, wanted: bytes, seconds: float = 3.0) -> float:
    """The share of one core the preview uses while nobody saves: measured once dist/ has the last edit
    (the background write is done), over a few seconds of waiting."""
    deadline = time.monotonic() + 120
    written = project.dist / page
    while time.monotonic() < deadline and not (written.is_file() and wanted in written.read_bytes()):
        time.sleep(0.1)
    time.sleep(2)  # the old dist/ is removed after the swap
    before = os.times()
    time.sleep(seconds)
    after = os.times()
    return (after.user + after.system - before.user - before.system) / seconds


def time_full_builds(project: Project, runs: int) -> list[float]:
    """Seconds for clean full builds (no memory: load, model, validate, render and write everything)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        build_site(project)
        times.append(time.perf_counter() - started)
    return times


def bench(size: int, edits: int, full_runs: int) -> dict:
    """Median save-to-ready time, rebuild time and clean full build time for one site size."""
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as folder:
        project = make_project(Path(folder) / "site")
        if size:
            add_case_studies(project, size)
        target = (
            project.root / "content" / "case-studies" / ("page-00001.md" if size else "funding-service.md")
        )
        page = f"case-studies/{target.stem}/index.html"
        saves, rebuilds, idle = time_edits(project, target, page, edits)
        full = time_full_builds(project, full_runs)
    return {
        "size": size,
        "save": statistics.median(saves),
        "rebuild": statistics.median(rebuilds),
        "full": statistics.median(full),
        "idle": idle,
    }


def bench_in_own_process(size: int, edits: int, full_runs: int) -> dict:
    """bench() in a fresh Python process, as an editor runs one preview per process (so one size's
    caches, memory and collector state cannot slow or speed up the next)."""
    command = [
        sys.executable,
        __file__,
        "--one-size",
        str(size),
        "--edits",
        str(edits),
        "--full-runs",
        str(full_runs),
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="0,1000,4000",
        help="comma-separated numbers of generated case studies; 0 is the real site",
    )
    parser.add_argument("--edits", type=int, default=7, help="edits timed per size (median reported)")
    parser.add_argument("--full-runs", type=int, default=3, help="clean full builds timed per size")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)  # used by bench_in_own_process
    args = parser.parse_args(argv)
    if args.one_size is not None:
        print(json.dumps(bench(args.one_size, args.edits, args.full_runs)))
        return 0
    print(
        f"{'site':>22}  {'save to page ready':>18}  {'of which rebuild':>16}  "
        f"{'clean full build':>16}  {'rebuild/full':>12}  {'idle CPU':>8}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        result = bench_in_own_process(size, args.edits, args.full_runs)
        label = "default site" if size == 0 else f"+{size:,} case studies"
        print(
            f"{label:>22}  {result['save'] * 1000:15.0f} ms  {result['rebuild'] * 1000:13.0f} ms  "
            f"{result['full'] * 1000:13.0f} ms  {result['rebuild'] / result['full']:12.3f}  "
            f"{result['idle']:7.1%}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
