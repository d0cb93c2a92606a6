"""The quality gate over the sample site, in headless Chromium and the Nu HTML Checker, and proof that it can fail.

The sample site (tests/fixtures/sample) is built for http://127.0.0.1:PORT/strategy/ and served there as
GitHub Pages would serve it (tests/site/test_default_gate.py does the same for the default strategy). Every page must pass every check in tests/gate_tools.py. Then a copy of the site, with one known
defect injected into each of five pages, must be reported with exactly that page and rule.
"""

from __future__ import annotations

import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pages_server
import pytest
from conftest import add_case_studies, make_project
from gate_tools import AXE_JS, CHROMIUM, VNU_JAR, format_findings, run_gate, site_pages

from microsite.pipeline import Project, build_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BASE_PATH = "/strategy"


def missing_tools() -> list[str]:
    """What the gate needs that this machine lacks."""
    missing = []
    if not CHROMIUM.exists():
        missing.append("Debian's chromium package (/usr/bin/chromium)")
    if shutil.which("java") is None:
        missing.append("Java (Debian's default-jre-headless)")
    if not AXE_JS.is_file() or not VNU_JAR.is_file():
        missing.append("axe-core and vnu-jar (npm ci)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (pip install -r requirements.lock)")
    return missing


@dataclass(frozen=True)
class ServedSite:
    """The sample site, built for and served at origin + base_path on 127.0.0.1."""

    project: Project
    server: pages_server.ThreadingHTTPServer
    origin: str
    base_path: str


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> ServedSite:
    if missing := missing_tools():
        message = "the quality gate needs " + "; ".join(missing) + " (.ci/run installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    project = make_project(tmp_path_factory.mktemp("gate") / "site")
    # Start serving first, so the site can be built for the address it is served at.
    server = pages_server.start(project.dist, BASE_PATH)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        build_site(project, f"{origin}{BASE_PATH}/")
        yield ServedSite(project, server, origin, BASE_PATH)
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serving(site: ServedSite, folder: Path):
    """Serve another folder at the site's address for a while (absolute URLs in it still point at itself)."""
    original = site.server.RequestHandlerClass
    site.server.RequestHandlerClass = partial(pages_server.PagesHandler, root=folder, base_path=site.base_path)
    try:
        yield
    finally:
        site.server.RequestHandlerClass = original


def test_every_page_passes_the_gate(served):
    pages = site_pages(served.project.dist, served.base_path)
    html_files = sorted(served.project.dist.rglob("*.html"))
    assert len(pages) == len(html_files) >= 20, "the gate must look at every page of the site"
    started = time.perf_counter()
    findings = run_gate(served.project.dist, served.origin, served.base_path)
    print(f"\nThe gate judged {len(pages)} pages in {time.perf_counter() - started:.1f} s.")
    assert not findings, format_findings(findings)


# --- Proof the gate can fail ---------------------------------------------------------------------------

def after_h1(snippet: str):
    """Put snippet straight after the page's <h1>…</h1>."""
    return lambda html: html.replace("</h1>", "</h1>\n" + snippet, 1)


def before_body_end(snippet: str):
    return lambda html: html.replace("</body>", snippet + "\n</body>", 1)


WIDE_CELL = "<td>Acknowledgementsandreferencesforthisstrategy</td>"

# name: (page, how to break it, the rules the gate must report for that page and nothing else,
#        text that the element of every finding must contain)
DEFECTS = {
    "image without alt text": (
        "/strategy/principles/user-needs/",
        after_h1('<img class="app-image" src="/strategy/assets/images/app-icon-180.png">'),
        {"axe:image-alt", "html-validity"},   # both tools see it: axe's rule, and the HTML spec's required alt
        "app-icon-180.png",
    ),
    "broken link": (
        "/strategy/objectives/",
        after_h1('<p class="govuk-body"><a class="govuk-link" href="/strategy/objectives/no-such-objective/">A missing objective</a></p>'),
        {"broken-link"},
        "no-such-objective",
    ),
    "skipped heading level": (
        "/strategy/cookies/",
        after_h1('<h4 class="govuk-heading-s">A heading that skips two levels</h4>'),
        {"axe:heading-order", "html-validity"},   # axe's best practice, and the Nu checker's heading outline
        "<h4",
    ),
    "wide table": (
        "/strategy/privacy/",
        after_h1(f"<table><tr>{WIDE_CELL * 4}</tr></table>"),
        {"reflow"},
        "<table",
    ),
    "external script": (
        "/strategy/accessibility/",
        before_body_end('<script src="https://cdn.example.invalid/tracker.js"></script>'),
        {"external-resource", "csp-violation"},   # the page asks for it, and the site's policy refuses it
        "cdn.example.invalid/tracker.js",
    ),
}
UNTOUCHED = "/strategy/"


@pytest.fixture(scope="module")
def defect_findings(served, tmp_path_factory):
    """One copy of the site with each defect in its own page; the gate's findings over those pages and one untouched page."""
    copy = tmp_path_factory.mktemp("defects") / "dist"
    shutil.copytree(served.project.dist, copy)
    pages = {page.name: page for page in site_pages(copy, served.base_path)}
    for page_name, breaks, _, _ in DEFECTS.values():
        file = pages[page_name].file
        html = file.read_text(encoding="utf-8")
        broken = breaks(html)
        assert broken != html, f"could not inject the defect into {page_name}"
        file.write_text(broken, encoding="utf-8")
    with serving(served, copy):
        names = [page_name for page_name, *_ in DEFECTS.values()] + [UNTOUCHED]
        return run_gate(copy, served.origin, served.base_path, only=names)


@pytest.mark.parametrize("defect", DEFECTS)
def test_the_gate_reports_exactly_the_injected_defect(defect, defect_findings):
    page_name, _, rules, element = DEFECTS[defect]
    found = [finding for finding in defect_findings if finding.page == page_name]
    assert {finding.rule for finding in found} == rules, format_findings(found)
    for finding in found:
        assert element in finding.element, f"the finding should name the faulty element:\n{finding}"


def test_the_untouched_page_beside_the_defects_still_passes(defect_findings):
    assert not [finding for finding in defect_findings if finding.page == UNTOUCHED], format_findings(defect_findings)


# --- What content authors will write -------------------------------------------------------------------

WIDE_MARKDOWN_TABLE = """

## Services by organisation

| Organisation | Services | Digital maturity score | Staff | Budget for 2026 to 2027 |
| --- | --: | --: | --: | --: |
| Ministry of Housing, Communities and Local Government | 123 | 4.5 | 5,432 | £1,234,567,890 |
| Planning Inspectorate | 12 | 3.9 | 876 | £98,765,432 |
"""


def test_a_wide_markdown_table_scrolls_inside_itself_and_is_reachable_by_keyboard(served, tmp_path):
    project = make_project(tmp_path / "site")
    page = project.root / "content" / "pages" / "engagement.md"
    page.write_text(page.read_text(encoding="utf-8") + WIDE_MARKDOWN_TABLE, encoding="utf-8")
    build_site(project, f"{served.origin}{served.base_path}/")
    assert "<table" in (project.dist / "engagement" / "index.html").read_text(encoding="utf-8")
    with serving(served, project.dist):
        findings = run_gate(project.dist, served.origin, served.base_path, only=["/strategy/engagement/"])
    assert not findings, format_findings(findings)


def test_a_long_case_study_list_is_split_into_pages_that_pass_the_gate(served, tmp_path):
    project = make_project(tmp_path / "site")
    add_case_studies(project, 120)  # with the 3 real ones, 123: pages of 50, 50 and 23
    build_site(project, f"{served.origin}{served.base_path}/")
    names = ["/strategy/case-studies/", "/strategy/case-studies/page/2/", "/strategy/case-studies/page/3/"]
    with serving(served, project.dist):
        findings = run_gate(project.dist, served.origin, served.base_path, only=names)
    assert not findings, format_findings(findings)
