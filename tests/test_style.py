"""The house style that a machine keeps: ruff (configured in pyproject.toml) finds nothing anywhere."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


def ruff() -> str | None:
    beside = Path(sys.executable).parent / "ruff"
    return str(beside) if beside.exists() else shutil.which("ruff")


def test_ruff_finds_nothing():
    command = ruff()
    if command is None:
        pytest.fail("ruff is not installed: run python3 dev.py test, which installs requirements.lock")
    result = subprocess.run([command, "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
