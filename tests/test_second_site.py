"""A second organisation's strategy, from its content/ and site.yaml alone, with no file of the engine changed:
the fictional Fenmoor District Council (tests/fixtures/second): five missions at /missions/, six design
principles, four case studies, a roadmap page, no news, its own colour and logo, at the root of its own domain.
It builds, passes the check and passes the quality gate; the screenshots are made with --screenshots DIR."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pages_server
import pytest
from gate_tools import CHROMIUM, CHROMIUM_ARGS, format_findings, run_gate, site_pages
from test_gate import missing_tools

from microsite.check import check_project
from microsite.pipeline import Project, build_site

SECOND = Path(__file__).resolve().parent / "fixtures" / "second"


@pytest.fixture
def second(tmp_path) -> Project:
    """A copy of the fixture's folder: content/ and its own assets/images/logo.svg, nothing else."""
    shutil.copytree(SECOND, tmp_path / "fenmoor")
    return Project.at(tmp_path / "fenmoor")


def test_it_builds_in_its_own_words_and_passes_the_check(second):
    files = build_site(second)
    assert sorted(p.name for p in second.root.iterdir()) == [".cache", "assets", "content", "dist"]
    pages = sorted(name for name in files if name.endswith("index.html"))
    assert [p for p in pages if p.startswith("missions/")] == [
        "missions/clear-information/index.html", "missions/confident-staff/index.html",
        "missions/data-we-can-trust/index.html", "missions/index.html",
        "missions/services-people-can-finish/index.html", "missions/technology-that-lasts/index.html"]
    assert not any(p.startswith(("objectives/", "news/")) for p in pages)
    mission = files["missions/clear-information/index.html"].decode()
    assert '<span class="govuk-caption-xl">Mission 1</span>' in mission
    assert "<title>Making information clear" in mission or "Mission 1" in mission
    home = files["index.html"].decode()
    assert "Our 5 missions" in home and "Our 6 design principles" in home
    assert 'href="/missions/"' in home and 'href="/roadmap/"' in home
    assert '<img class="app-header-logo" src="/assets/images/logo.svg" alt="Fenmoor District Council">' in home
    css = next(data for name, data in files.items() if name.startswith("assets/css/app-")).decode()
    assert ":root{--govuk-brand-colour:#1d5e3a}" in css
    result = check_project(second)
    assert result.errors == () and result.warnings == (), [str(e) for e in result.errors + result.warnings]


@pytest.mark.browser
@pytest.mark.slow
def test_it_passes_the_gate_at_the_root_of_its_domain(second, request):
    if missing := missing_tools():
        message = "the quality gate needs " + "; ".join(missing) + " (.ci/run installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = pages_server.start(second.dist, "")
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        build_site(second, f"{origin}/")
        assert len(site_pages(second.dist, "")) == 24
        findings = run_gate(second.dist, origin, "")
        if folder := request.config.getoption("--screenshots", default=None):
            screenshots(origin, Path(folder))
    finally:
        server.shutdown()
        server.server_close()
    assert not findings, format_findings(findings)


def screenshots(origin: str, folder: Path) -> None:
    """The home page and a mission's page at 1280 and 320 pixels wide, for a person to look at."""
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for width in (1280, 320):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in (("home", "/"), ("mission", "/missions/clear-information/")):
                page.goto(origin + path)
                page.screenshot(path=str(folder / f"second-{name}-{width}.png"), full_page=True)
            page.close()
        browser.close()
