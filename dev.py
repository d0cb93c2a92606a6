#!/usr/bin/env python3
"""Set up and run the project with one command; needs only Python 3.11+ and Node 20+.

    python3 dev.py preview     set up, build the site and preview it with live reload
    python3 dev.py test        set up and run every test
    python3 dev.py build       set up and build the site into dist/

Set-up makes .venv/ from requirements.lock and node_modules/ from package-lock.json, and
does nothing when neither lock file has changed since the last run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _digest(*files: Path) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


class SetupFailed(Exception):
    """A set-up step failed: the message says what failed and what to do."""


def _run(*command: str, what: str, fix: str) -> None:
    print("+", " ".join(command), flush=True)
    try:
        result = subprocess.run(command, cwd=ROOT)
    except OSError as exc:
        raise SetupFailed(f"{what} could not start ({exc.strerror or exc}): {fix}") from None
    if result.returncode != 0:
        raise SetupFailed(
            f"{what} failed (exit status {result.returncode}, its output is above): {fix}")


def setup_python() -> None:
    """Create .venv and install the locked packages, unless already done for this lock file."""
    stamp = VENV / f".installed-{_digest(ROOT / 'requirements.lock')}"
    if stamp.exists():
        return
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as exc:
            raise SetupFailed(f"could not create .venv/ ({exc}): on Debian or Ubuntu "
                              "install python3-venv, then run this again") from None
    _run(str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", "requirements.lock",
         what="installing the Python packages (pip install -r requirements.lock)",
         fix="check the network connection to PyPI, or delete .venv/ and run this again")
    for old in VENV.glob(".installed-*"):
        old.unlink()
    stamp.touch()


def setup_node() -> None:
    """Install GOV.UK Frontend, Dart Sass and the test tools from package-lock.json, unless done."""
    stamp = ROOT / "node_modules" / f".installed-{_digest(ROOT / 'package-lock.json')}"
    if stamp.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SetupFailed("npm was not found. Install Node.js 20 or later, then run this again.")
    _run(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error",
         what="installing GOV.UK Frontend and Dart Sass (npm ci)",
         fix="check the network connection to the npm registry, "
             "or delete node_modules/ and run this again")
    stamp.touch()


def main(argv: list[str]) -> int:
    """Set up what is out of date, then run the task (preview, test or build) with the rest."""
    task = argv[0] if argv else "preview"
    if task not in ("preview", "test", "build"):
        print(__doc__)
        return 2
    if sys.version_info < (3, 11):
        sys.exit("dev.py: Python 3.11 or later is needed.")
    try:
        setup_python()
        setup_node()
    except SetupFailed as failed:
        print(f"dev.py: {failed}", file=sys.stderr)
        return 1
    rest = argv[1:]
    if task == "test":
        command = [str(PYTHON), "-m", "pytest", *rest]
    elif task == "build":
        command = [str(PYTHON), "build.py", *rest]
    else:
        command = [str(PYTHON), "build.py", "serve", *rest]
    print("+", " ".join(command), flush=True)
    return subprocess.call(command, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
