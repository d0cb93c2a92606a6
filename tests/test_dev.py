"""dev.py's set-up: a missing or failing tool is one line saying what failed and what to do, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import ROOT


def copy_of_dev(tmp_path, lock: str = "") -> os.PathLike:
    """dev.py in a folder of its own, with a package-lock.json and a requirements.lock."""
    shutil.copy2(ROOT / "dev.py", tmp_path / "dev.py")
    (tmp_path / "package-lock.json").write_text("{}", encoding="utf-8")
    (tmp_path / "requirements.lock").write_text(lock, encoding="utf-8")
    return tmp_path


def test_missing_npm_is_one_line(tmp_path):
    folder = copy_of_dev(tmp_path)
    (folder / ".venv" / "bin").mkdir(parents=True)
    (folder / ".venv" / "bin" / "python").symlink_to(sys.executable)
    env = {"PATH": os.path.dirname(sys.executable), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "dev.py", "build"], cwd=folder, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.endswith("dev.py: npm was not found. Install Node.js 20 or later, then run this again.\n")
    assert "Traceback" not in result.stderr


def test_a_failing_pip_install_is_one_line(tmp_path):
    folder = copy_of_dev(tmp_path, lock="this-package-does-not-exist-anywhere==0.0.0\n")
    (folder / ".venv" / "bin").mkdir(parents=True)
    (folder / ".venv" / "bin" / "python").symlink_to(sys.executable)
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(tmp_path)}
    result = subprocess.run([sys.executable, "dev.py", "build"], cwd=folder, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.rstrip().endswith(
        "dev.py: installing the Python packages (pip install -r requirements.lock) failed (exit status 1, its "
        "output is above): check the network connection to PyPI, or delete .venv/ and run this again")
    assert "Traceback" not in result.stderr
