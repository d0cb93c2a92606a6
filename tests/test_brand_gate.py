"""A branded site passes the quality gate (axe, the Nu HTML Checker, the CSP, links) in both logo forms, and in
Chromium the header really takes the brand colour and the logo its height, under the page's CSP."""

from __future__ import annotations

import os
import textwrap

import pages_server
import pytest
from conftest import TINY, write_tiny
from gate_tools import CHROMIUM, CHROMIUM_ARGS, format_findings, run_gate
from test_gate import missing_tools
from test_icons import png_logo

from microsite.pipeline import build_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SITE = textwrap.dedent(TINY["site.yaml"])
SVG_LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 30" width="80" height="30">'
            '<rect width="30" height="30" fill="#fff"/><rect x="36" y="8" width="44" height="14" fill="#fff"/></svg>\n')
FORMS = {
    "an SVG logo standing for the name": ("images/logo.svg", SVG_LOGO.encode(), "  alt: Tiny Department\n"),
    "a PNG logo beside the name": ("images/logo.png", None, "  show_name: true\n"),
}


def needs_tools():
    if missing := missing_tools():
        message = "the quality gate needs " + "; ".join(missing) + " (.ci/run installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def header_in_chromium(url: str) -> dict:
    """The header's computed background colour, and the logo's loaded width and drawn height."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            violations = []
            page.on("console", lambda message: violations.append(message.text) if message.type == "error" else None)
            page.goto(url)
            return page.evaluate("""() => {
                const logo = document.querySelector('.app-header-logo');
                return {background: getComputedStyle(document.querySelector('.govuk-generic-header')).backgroundColor,
                        loaded: logo.naturalWidth > 0, height: logo.getBoundingClientRect().height}
            }""") | {"errors": violations}
        finally:
            browser.close()


@pytest.mark.parametrize("form", FORMS)
def test_a_branded_site_passes_the_gate(tiny, form):
    needs_tools()
    file, data, alt = FORMS[form]
    (tiny.root / "assets" / file).write_bytes(data or png_logo())
    extra = f'brand_colour: "#00703c"\nlogo:\n  file: {file}\n{alt}'
    write_tiny(tiny.root, {"site.yaml": SITE + extra})
    server = pages_server.start(tiny.dist, "/tiny")
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        build_site(tiny, f"{origin}/tiny/")
        findings = run_gate(tiny.dist, origin, "/tiny")
        seen = header_in_chromium(f"{origin}/tiny/")
    finally:
        server.shutdown()
        server.server_close()
    assert not findings, format_findings(findings)
    assert seen == {"background": "rgb(0, 112, 60)", "loaded": True, "height": 30, "errors": []}
