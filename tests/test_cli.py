"""The command line: options before or after the command, --site, --version, and init's refusal."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, run_cli

from microsite import __version__


def test_options_may_follow_the_command(tiny, tmp_path):
    out = tmp_path / "out"
    result = run_cli(tiny.root, "build", "--base-url", "https://strategy.example.test/", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert '<link rel="canonical" href="https://strategy.example.test/">' in (out / "index.html").read_text()


def test_options_before_the_command_still_count_when_the_command_has_its_own(tiny, tmp_path):
    out = tmp_path / "out"
    result = run_cli(tiny.root, "--out", str(out), "build")
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file() and not tiny.dist.exists()


def test_site_names_the_folder_to_build(tiny, tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--site", str(tiny.root)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tiny.root / "dist" / "index.html").is_file()


def test_version():
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--version"], capture_output=True, text=True)
    assert result.stdout == f"build.py {__version__}\n"


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "my-strategy").mkdir()
    (tmp_path / "my-strategy" / "notes.txt").write_text("mine", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "init", "my-strategy"], capture_output=True,
                            text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("build.py init: my-strategy is not empty: init writes a new site into an empty or "
                             "new folder\n")
    assert sorted(p.name for p in (tmp_path / "my-strategy").iterdir()) == ["notes.txt"]


def test_init_then_build_from_inside_the_new_folder(tmp_path):
    made = subprocess.run([sys.executable, str(ROOT / "build.py"), "init", "my-strategy"], capture_output=True,
                          text=True, cwd=tmp_path)
    assert made.stdout == ("Created a new site in my-strategy. Next:\n  cd my-strategy\n  strategy-microsite serve\n"
                           "Then replace every TODO: strategy-microsite check lists them.\n")
    built = subprocess.run([sys.executable, str(ROOT / "build.py"), "--site", "."], capture_output=True, text=True,
                           cwd=tmp_path / "my-strategy")
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Built 15 pages into dist/ in ")
