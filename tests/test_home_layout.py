"""The home page's objective cards and principle list for any count: 1 to 8 objectives, 1 to 12 principles.

The cards are rows of three, or of two for two or four cards (a square), or one card two thirds wide; in
Chromium at 1280 pixels each card is as wide as its row says and none is squeezed, and at 320 pixels the page
never scrolls sideways.
"""

from __future__ import annotations

import os
import re

import pytest
from conftest import TINY, make_project, write_tiny
from gate_tools import CHROMIUM, CHROMIUM_ARGS

from microsite.pipeline import build_site

COLUMNS = {1: "one", 2: "two", 3: "three", 4: "two", 5: "three", 6: "three", 7: "three", 8: "three"}


def site_with(folder, objectives: int, principles: int):
    """The tiny site with this many objectives and principles, each with a title of ordinary length."""
    files = {"objectives/small.yaml": None, "principles/be-small.md": None,
             "case-studies/first-case.md": TINY["case-studies/first-case.md"].replace(
                 "- small", "- o1").replace("- be-small", "- p1"),
             "home.md": TINY["home.md"].replace("/principles/be-small/", "/principles/p1/")}
    for n in range(1, objectives + 1):
        files[f"objectives/o{n}.yaml"] = (
            f"id: o{n}\norder: {n}\ntitle: Objective number {n} in a title of several words\n"
            "summary: What the objective is about, in a sentence or two as a strategy would say it.\n"
            "commitments:\n  - We will do it\n")
    for n in range(1, principles + 1):
        files[f"principles/p{n}.md"] = (
            f"---\nid: p{n}\norder: {n}\nname: Principle {n}\n"
            f"statement: We keep to principle {n}, in a statement of the usual length\n"
            "summary: What it means.\n---\nText.\n")
    project = make_project(folder, content=None)
    write_tiny(project.root, files)
    return project


@pytest.mark.parametrize("count", range(1, 9))
def test_the_card_rows_fit_the_number_of_objectives(tmp_path, count):
    home = build_site(site_with(tmp_path / "site", count, 12))["index.html"].decode("utf-8")
    assert f'<ol class="app-card-list app-card-list--{COLUMNS[count]}">' in home
    assert len(re.findall(r'<li class="app-card">', home)) == count
    assert len(re.findall(r'<li><a class="govuk-link" href="/tiny/principles/p\d+/">', home)) == 12


CARDS = """() => [...document.querySelectorAll('.app-card')].map(card => {
  const box = card.getBoundingClientRect(); return {x: box.x, y: box.y, width: box.width}; })"""
WIDE = "() => [document.documentElement.scrollWidth, window.innerWidth]"


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium; skipped (or, under CI, failed) where Chromium or Playwright is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not CHROMIUM.exists():
        message = "the layout checks need Debian's chromium package and playwright (.ci/run installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def measure(browser, dist, width: int):
    """The home page's cards and whether it scrolls sideways, at one window width."""
    import pages_server

    server = pages_server.start(dist, "/tiny")
    try:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/tiny/")
        cards, (scroll, window) = page.evaluate(CARDS), page.evaluate(WIDE)
        page.close()
    finally:
        server.shutdown()
    return cards, scroll <= window


@pytest.mark.browser
@pytest.mark.parametrize("objectives, principles", [(1, 1), (3, 9), (4, 12), (5, 12), (8, 12)])
def test_cards_read_well_at_1280_and_320_pixels(tmp_path, browser, objectives, principles):
    project = site_with(tmp_path / "site", objectives, principles)
    build_site(project)
    cards, fits = measure(browser, project.dist, 1280)
    per_row = {"one": 1, "two": 2, "three": 3}[COLUMNS[objectives]]
    widths = {round(card["width"]) for card in cards}
    assert fits and len(widths) == 1, widths
    # The row of a width container of 960 pixels: three cards of 300, two of 465, or one of 620 (two thirds).
    assert widths == {{1: 620, 2: 465, 3: 300}[per_row]}
    rows = [card["y"] for card in cards]
    assert len(set(rows)) == -(-objectives // per_row)
    narrow, fits = measure(browser, project.dist, 320)
    assert fits and {round(card["width"]) for card in narrow} == {290}
