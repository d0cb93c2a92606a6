"""The bad-input corpus, run through the command line: a clear ``path:line: message``, status 1, dist/
untouched.

One copy of the sample site's project is built once for the module; each case restores its content/, applies
one change and runs ``build.py`` in a subprocess, as an editor would. A case that must build writes to a
separate output folder, so the first build's dist/ stays the reference for every case.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bad_inputs import CASES, Case
from conftest import ROOT, make_project, run_cli, snapshot


def leftovers(dist: Path) -> list[str]:
    """Temporary folders a build left beside dist/."""
    return sorted(p.name for p in dist.parent.glob(f".{dist.name}.*"))


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    """A copy of the sample site's project, built once: (project, pristine content copy, dist/ snapshot)."""
    base = tmp_path_factory.mktemp("corpus")
    project = make_project(base / "site")
    (project.root / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)  # share the Sass cache
    pristine = base / "pristine"
    shutil.copytree(project.root / "content", pristine, symlinks=True)
    result = run_cli(project.root, timeout=60)
    assert result.returncode == 0, result.stderr
    return project, pristine, snapshot(project.dist)


@pytest.fixture
def site(corpus_site):
    """The corpus project with its content/ as it was, and nothing left from the previous case."""
    project, pristine, before = corpus_site
    shutil.rmtree(project.root / "content")
    shutil.copytree(pristine, project.root / "content", symlinks=True)
    for extra in ("out", "secret.md", "site-copy.yaml"):
        target = project.root / extra
        shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    return project, before


def expected_output(case: Case) -> list[str]:
    count = len(case.errors)
    return [*case.errors, f"Build failed: {count} problem{'s' if count != 1 else ''}. dist/ was not changed."]


def test_the_corpus_is_large_and_names_are_unique():
    assert len(CASES) >= 50
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(site, case: Case):
    project, before = site
    case.change(project.root)
    out = project.root / "out"
    result = run_cli(project.root, *(("--out", str(out)) if not case.errors else ()), timeout=60)
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    if case.errors:
        assert result.stderr.splitlines() == expected_output(case)
        assert result.returncode == 1
        assert result.stdout == ""
    else:
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        for page, text in case.shows:
            assert text in (out / page).read_text(encoding="utf-8"), f"{page} does not show {text!r}"
    assert snapshot(project.dist) == before
    assert leftovers(project.dist) == []
