"""The engine as a team installs it: the wheel in a fresh virtual environment, with no Node anywhere, runs
init, build, check and serve on a site folder of its own; a newer wheel then builds the same site untouched."""

from __future__ import annotations

import hashlib
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow
SKIP = {".git", ".venv", "node_modules", "dist", ".cache", "__pycache__", ".pytest_cache", ".hypothesis", "_engine"}


def build_wheel(source: Path, out: Path) -> Path:
    """pip wheel of the engine's source folder (Node is used here, to build the engine, as a maintainer would)."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
                   check=True, capture_output=True)
    return next(out.glob("strategy_microsite-*.whl"))


def newer_source(tmp: Path, version: str) -> Path:
    """A copy of the engine's source with its version bumped, as the next release would be."""
    copy = tmp / f"engine-{version}"
    shutil.copytree(ROOT, copy, ignore=lambda folder, names: [n for n in names if n in SKIP])
    (copy / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    init = copy / "microsite" / "__init__.py"
    init.write_text(re.sub(r'__version__ = "[^"]+"', f'__version__ = "{version}"', init.read_text()), encoding="utf-8")
    return copy


def no_node_env(venv: Path) -> dict[str, str]:
    """The environment of a machine with Python alone: the venv's bin/ is the whole PATH."""
    env = {"PATH": str(venv / "bin"), "HOME": str(venv.parent), "LANG": "C.UTF-8"}
    return env


def run(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "strategy-microsite"), *args], cwd=cwd, env=no_node_env(venv),
                          capture_output=True, text=True, timeout=120)


def folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file() and "dist" not in p.relative_to(folder).parts):
        digest.update(file.relative_to(folder).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def serve_one_page(venv: Path, site: Path) -> str:
    """Start the preview on a free port, fetch its home page, stop it with Ctrl+C (by its own pid)."""
    process = subprocess.Popen([str(venv / "bin" / "strategy-microsite"), "serve", "--port", "0"], cwd=site,
                               env=no_node_env(venv), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, address = time.monotonic() + 60, None
        while address is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            match = re.search(r"Previewing at (http://\S+)", line)
            address = match.group(1) if match else None
        assert address, "the preview did not say where it was serving"
        with urllib.request.urlopen(address, timeout=10) as response:
            return response.read().decode("utf-8")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_wheel_runs_a_site_with_python_alone_and_upgrades_without_touching_it(tmp_path):
    assert shutil.which("node", path=str(tmp_path / "venv" / "bin")) is None
    wheel = build_wheel(ROOT, tmp_path / "wheels")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True,
                   capture_output=True)
    from microsite import __version__

    assert run(venv, "--version", cwd=tmp_path).stdout == f"strategy-microsite {__version__}\n"
    created = run(venv, "init", "my-strategy", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    site = tmp_path / "my-strategy"
    assert sorted(p.name for p in site.iterdir()) == [".github", ".gitignore", "README.md", "content", "requirements.txt"]
    # A brand colour: the installed engine draws the icons (with Pillow from its wheel) and appends to its CSS.
    settings = site / "content" / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('# brand_colour: "#00703c"', 'brand_colour: "#00703c"'),
                        encoding="utf-8")
    built = run(venv, "build", cwd=site)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Built 15 pages into dist/ in ")
    assert (site / "dist" / "index.html").is_file() and list((site / "dist" / "assets" / "css").glob("app-*.css"))
    assert b'fill="#00703c"' in (site / "dist" / "assets" / "images" / "favicon.svg").read_bytes()
    checked = run(venv, "check", cwd=site)
    assert checked.returncode == 1 and "this line still has a 'TODO' placeholder" in checked.stdout + checked.stderr
    assert "<h1" in serve_one_page(venv, site)

    before = folder_digest(site)
    newer = build_wheel(newer_source(tmp_path, "0.2.99"), tmp_path / "newer")
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--upgrade", str(newer)],
                   check=True, capture_output=True)
    assert run(venv, "--version", cwd=site).stdout == "strategy-microsite 0.2.99\n"
    rebuilt = run(venv, "build", cwd=site)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert folder_digest(site) == before  # the upgrade changed nothing of the site's own files


def test_a_site_that_needs_another_engine_is_told_which(tmp_path):
    """The version check as a user meets it, through the command line."""
    site = tmp_path / "site"
    subprocess.run([sys.executable, str(ROOT / "build.py"), "init", str(site)], check=True, capture_output=True)
    settings = site / "content" / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r'^engine: .*$', 'engine: ">=0.9,<1.0"', text, flags=re.M), encoding="utf-8")
    line = next(n for n, text in enumerate(settings.read_text().split("\n"), start=1) if text.startswith("engine:"))
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--site", str(site)], capture_output=True,
                            text=True)
    from microsite import __version__

    assert result.returncode == 1
    assert result.stderr == (
        f"content/site.yaml:{line}: this site needs engine version '>=0.9,<1.0', but the installed engine is "
        f"{__version__}: install a matching version (pip install 'strategy-microsite>=0.9,<1.0') or change "
        "'engine'\nBuild failed: 1 problem. dist/ was not changed.\n")
    assert not (site / "dist").exists()
