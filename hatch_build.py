"""Wheel build hook: bundle the engine's files into the wheel so an installed engine needs no Node.

It copies templates/ and assets/ into microsite/_engine/, compiles both brands' Sass with Dart
Sass, and copies GOV.UK Frontend's compiled JavaScript, CSS, fonts and images, all from the
repository's node_modules/ (installed from package-lock.json first when it is missing). Nothing it
makes is committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

BRANDS = ("generic", "govuk")
FRONTEND_FILES = ("govuk/govuk-frontend.min.js", "govuk/govuk-frontend.min.css", "govuk/assets")


def _fail(message: str) -> None:
    """One line that says what failed and what to do, instead of a traceback."""
    print(f"strategy-microsite wheel: {message}", file=sys.stderr)
    raise SystemExit(1)


def _node_modules(root: Path) -> Path:
    modules = root / "node_modules"
    if ((modules / "sass" / "sass.js").is_file()
            and (modules / "govuk-frontend" / "package.json").is_file()):
        return modules
    npm = shutil.which("npm")
    if npm is None:
        _fail("building the engine needs Node.js 20 or later and npm "
              "(to compile GOV.UK Frontend's Sass); install Node.js, then build again")
    result = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=root)
    if result.returncode != 0:
        _fail("'npm ci' failed (see above); fix it, then build again")
    return modules


def _compile(root: Path, modules: Path, brand: str) -> bytes:
    command = ["node", str(modules / "sass" / "sass.js"), "--load-path=assets/scss",
               f"--load-path={modules / 'govuk-frontend' / 'dist'}", "--style=compressed",
               "--no-source-map", "--quiet-deps", f"assets/scss/brand-{brand}.scss"]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        _fail(f"Dart Sass could not compile assets/scss/brand-{brand}.scss: "
              f"{result.stderr.strip()}")
    return result.stdout.encode("utf-8")


def bundle(root: Path, target: Path) -> None:
    """Write the engine's files into target (which becomes microsite/_engine/ in the wheel)."""
    modules = _node_modules(root)
    shutil.copytree(root / "templates", target / "templates")
    shutil.copytree(root / "assets", target / "assets")
    (target / "css").mkdir()
    for brand in BRANDS:
        (target / "css" / f"brand-{brand}.css").write_bytes(_compile(root, modules, brand))
    dist = modules / "govuk-frontend" / "dist"
    for name in FRONTEND_FILES:
        source, copy = dist / name, target / "frontend" / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, copy) if source.is_dir() else shutil.copy2(source, copy)
    shutil.copy2(modules / "govuk-frontend" / "package.json",
                 target / "frontend" / "package.json")


class EngineFilesHook(BuildHookInterface):
    """Hatchling's hook: bundle the engine's files when a wheel is built."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        """Before a wheel is built: bundle the engine's files and have hatchling include them."""
        if self.target_name != "wheel":
            return
        self._folder = tempfile.TemporaryDirectory(prefix="engine-")
        target = Path(self._folder.name) / "_engine"
        bundle(Path(self.root), target)
        build_data["force_include"][str(target)] = "microsite/_engine"

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        """After the build: remove the bundled files' temporary folder."""
        if getattr(self, "_folder", None) is not None:
            self._folder.cleanup()
