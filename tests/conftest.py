"""Shared fixtures: a copy of the project in a temporary folder, the real site built once, a tiny site."""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from microsite.pipeline import Project, build_site  # noqa: E402

BASE_URL = "https://example.test/strategy/"


def pytest_addoption(parser):
    parser.addoption("--regen-golden", action="store_true", help="rewrite tests/golden/ from the tiny site's current output")


def make_project(folder: Path, content: Path | None = ROOT / "content") -> Project:
    """A project in folder: a copy of content/ (or an empty one), templates/ and assets/, and links to node_modules."""
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
    """Add count copies of the real Digital Planning case study (extra-000, extra-001, ...) to a copy of the site."""
    studies = project.root / "content" / "case-studies"
    text = (studies / "digital-planning.md").read_text(encoding="utf-8")
    for n in range(count):
        (studies / f"extra-{n:03d}.md").write_text(
            text.replace("id: digital-planning", f"id: extra-{n:03d}").replace("title: ", f"title: Extra {n:03d} ", 1),
            encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Project:
    """A copy of the real project in a temporary folder, not yet built."""
    return make_project(tmp_path / "site")


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The real content, built once under a sub-path: (project, {output path: bytes})."""
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
