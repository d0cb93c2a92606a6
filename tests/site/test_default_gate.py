"""The quality gate over the default strategy itself (content/), served under a sub-path as GitHub Pages
would; the engine's own gate tests (tests/test_gate.py) run it over the sample site and prove it can fail."""

from __future__ import annotations

import os

import pages_server
import pytest
from conftest import ROOT, make_project
from gate_tools import format_findings, run_gate, site_pages
from test_gate import missing_tools

from microsite.pipeline import build_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_every_page_of_the_default_strategy_passes_the_gate(tmp_path):
    if missing := missing_tools():
        message = "the quality gate needs " + "; ".join(missing) + " (.ci/run installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    project = make_project(tmp_path / "site", content=ROOT / "content")
    server = pages_server.start(project.dist, "/strategy")
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        build_site(project, f"{origin}/strategy/")
        pages = site_pages(project.dist, "/strategy")
        assert len(pages) == len(list(project.dist.rglob("*.html"))) >= 20
        findings = run_gate(project.dist, origin, "/strategy")
    finally:
        server.shutdown()
        server.server_close()
    assert not findings, format_findings(findings)
