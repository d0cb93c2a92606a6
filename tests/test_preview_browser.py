"""The preview in a real browser (Debian's Chromium, driven by Playwright): what an editor sees after each save.

The page is opened once and never navigated by the test: every change on screen comes from the preview's
own live reload (livereload.js in the page, the reload message from the server).
"""

from __future__ import annotations

import os
import time

import pytest
from gate_tools import CHROMIUM, CHROMIUM_ARGS
from test_serve import WAIT, edit, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def browser_page():
    """A page in headless Chromium; skipped (or, under CI, failed) where Chromium or Playwright is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not CHROMIUM.exists():
        message = "the browser checks need Debian's chromium package and playwright (.ci/run installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(WAIT * 1000)
            yield page
        finally:
            browser.close()


def heading(page) -> str:
    return page.locator("h1").first.text_content().strip()


def wait_for_heading(page, text: str) -> None:
    page.wait_for_function(f"() => document.querySelector('h1').textContent.includes({text!r})")


def test_the_open_page_follows_every_save_including_a_broken_one(tiny, start_preview, browser_page):
    preview = start_preview(tiny, base_url=None)
    page = browser_page
    page.goto(f"http://127.0.0.1:{preview.port}/tiny/case-studies/first-case/")
    assert heading(page) == "The first case"
    wait_until(lambda: preview.reload_handler.waiters)  # livereload.js has connected
    case = tiny.root / "content/case-studies/first-case.md"

    edit(case, r"^title: .*$", "title: Seen in the browser")
    wait_for_heading(page, "Seen in the browser")
    time.sleep(1)  # a second save, a second later, shows too
    edit(case, r"^title: .*$", "title: The second save")
    wait_for_heading(page, "The second save")

    objective = tiny.root / "content/objectives/small.yaml"
    good = objective.read_text(encoding="utf-8")
    objective.write_text(good.replace("title: Staying small", "title: [Staying small"), encoding="utf-8")
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "content/objectives/small.yaml:3" in summary.text_content()
    assert page.title().startswith("Error: ")
    assert "The second save" in page.locator("main").text_content()  # on top of the last good page

    objective.write_text(good, encoding="utf-8")
    summary.wait_for(state="detached")
    assert heading(page) == "The second save" and not page.title().startswith("Error: ")


def test_a_style_change_reaches_the_open_page_without_reloading_it(tiny, start_preview, browser_page):
    preview = start_preview(tiny, base_url=None)
    page = browser_page
    page.goto(f"http://127.0.0.1:{preview.port}/tiny/")
    wait_until(lambda: preview.reload_handler.waiters)
    page.evaluate("window.appNotReloaded = true")
    scss = sorted((tiny.root / "assets/scss").glob("*.scss"))[0]
    scss.write_text(scss.read_text(encoding="utf-8") + "\n:root { --app-preview-marker: 7; }\n", encoding="utf-8")
    # function predicates: the site's Content-Security-Policy rightly refuses strings evaluated as code
    page.wait_for_function(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--app-preview-marker').trim() === '7'")
    assert page.evaluate("window.appNotReloaded") is True  # the stylesheet was swapped, the page kept
