"""Shared fixtures and helpers: a project in a temporary folder (the sample site unless told otherwise),
the sample site built once, a tiny site, and the helpers several test modules use (the command line,
snapshots, edits).

The engine's tests never read the repository's own content/: they build tests/fixtures/sample/ (a
fictional strategy of the same shape), the tiny site below, or sites they write themselves. Tests of the
default strategy itself are in tests/site/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from microsite.pipeline import Project, build_site  # noqa: E402

BASE_URL = "https://example.test/strategy/"
# A fictional strategy shaped as a real one: 3 objectives, 6 principles, 3 case studies, 4 pages, news.
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample" / "content"
# The sample case study that add_case_studies copies.
CASE_TO_COPY = "shared-booking-platform"


def pytest_addoption(parser):
    parser.addoption("--regen-golden", action="store_true",
                     help="rewrite tests/golden/ from the tiny site's current output")
    parser.addoption("--screenshots", default=None,
                     help="a folder for the screenshots that tests/test_second_site.py takes of the site it judges")


def make_project(folder: Path, content: Path | None = SAMPLE) -> Project:
    """A project in folder: a copy of content (the sample site's by default; None: an empty content/),
    templates/ and assets/, and a link to node_modules."""
    folder.mkdir(parents=True, exist_ok=True)
    if content is not None:
        shutil.copytree(content, folder / "content")
    else:
        (folder / "content").mkdir()
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copytree(ROOT / "assets", folder / "assets")
    (folder / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    # The CSS cache is keyed by the hash of its inputs, so sharing the real one is safe and keeps tests fast.
    return Project(folder, folder / "dist", ROOT / ".cache" / "css")


def add_case_studies(project: Project, count: int) -> None:
    """Add count copies of the sample's CASE_TO_COPY case study (extra-000, extra-001, ...) to the project."""
    studies = project.root / "content" / "case-studies"
    text = (studies / f"{CASE_TO_COPY}.md").read_text(encoding="utf-8")
    for n in range(count):
        ident = f"extra-{n:03d}"
        copy = text.replace(f"id: {CASE_TO_COPY}", f"id: {ident}")
        copy = copy.replace("title: ", f"title: Extra {n:03d} ", 1)
        (studies / f"{ident}.md").write_text(copy, encoding="utf-8")


# --- helpers ---

def run_cli(root: Path, *args: str, env: Mapping[str, str | None] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `build.py --root root *args` in a subprocess started in root, as an editor would; output as text.

    env changes the inherited environment: a variable given None is removed from it."""
    environ = {name: value for name, value in {**os.environ, **(env or {})}.items() if value is not None}
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), *args],
                          capture_output=True, text=True, cwd=root, env=environ, timeout=timeout)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes."""
    return {f.relative_to(folder).as_posix(): f.read_bytes()
            for f in sorted(folder.rglob("*")) if f.is_file()}


def edit(file: Path, pattern: str, replacement: str) -> None:
    """Replace the first match of a regular expression (multi-line mode) in a text file; it must match."""
    text = file.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert changed != text, f"{pattern!r} changed nothing in {file.name}"
    file.write_text(changed, encoding="utf-8")


# --- fixtures ---

@pytest.fixture
def project(tmp_path) -> Project:
    """A copy of the sample site's project in a temporary folder, not yet built."""
    return make_project(tmp_path / "site")


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The sample site, built once under a sub-path: (project, {output path: bytes})."""
    proj = make_project(tmp_path_factory.mktemp("built") / "site")
    files = build_site(proj, BASE_URL)
    return proj, files


TINY = {
    "site.yaml": """\
        name: Tiny strategy
        organisation: Tiny Department
        description: A tiny strategy for tests.
        base_url: https://example.test/tiny/
        phase: alpha
        phase_banner: This is a test site.
        brand: generic
        navigation:
          - text: Objectives
            url: /objectives/
          - text: Principles
            url: /principles/
        footer_links:
          - text: About
            url: /about/
        licence:
          text: Open Government Licence v3.0
          url: https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/
        copyright:
          text: © Crown copyright
          url: https://www.nationalarchives.gov.uk/information-management/re-using-public-sector-information/uk-government-licensing-framework/crown-copyright/
        repository: https://github.com/example/tiny
        """,
    "home.md": """\
        ---
        title: Tiny strategy
        summary: A tiny strategy.
        lead: We do small things well.
        quotes:
          - text: Small is good.
            person: A Person
            role: Chief Tester
        featured:
          - first-case
        ---
        ## Our vision

        Keep it small. Read [the principle](/principles/be-small/).
        """,
    "objectives/small.yaml": """\
        id: small
        order: 1
        title: Staying small
        summary: We stay small.
        commitments:
          - We will stay small
          - We will stay simple
        """,
    "principles/be-small.md": """\
        ---
        id: be-small
        order: 1
        name: Be small
        statement: We are small and proud
        summary: Small things are easier to change.
        ---
        ## What this means

        We keep things small.

        ## In practice

        See [the case study](/case-studies/first-case/#what-happened).
        """,
    "case-studies/first-case.md": """\
        ---
        id: first-case
        title: The first case
        summary: How we stayed small.
        date: 2026-01-15
        objectives:
          - small
        principles:
          - be-small
        sources:
          - title: A source
            url: https://example.test/source
        ---
        ## What happened

        Something small.

        ## What changed

        Less.
        """,
    "pages/about.md": """\
        ---
        id: about
        title: About this site
        summary: What this site is.
        ---
        This site is tiny.
        """,
}


def write_tiny(folder: Path, overrides: dict[str, str | None] | None = None) -> None:
    """Write the tiny site's content into folder/content, with files replaced (text) or removed (None)."""
    files = {**TINY, **(overrides or {})}
    for name, text in files.items():
        target = folder / "content" / name
        if text is None:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def tiny(tmp_path) -> Project:
    """A project holding the tiny site, not yet built."""
    proj = make_project(tmp_path / "tiny", content=None)
    write_tiny(proj.root)
    return proj


@pytest.fixture
def start_preview():
    """Start previews (stopped at the end of the test, whatever happens)."""
    started = []

    def start(project, base_url=BASE_URL, **kwargs):
        lines: list[str] = []
        from microsite.preview import Preview

        preview = Preview(project, base_url, port=0, say=lines.append, **kwargs)
        preview.lines = lines
        started.append(preview)
        return preview.start()

    yield start
    for preview in started:
        preview.stop()
