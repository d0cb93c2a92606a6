"""The case study list in pages of 50: GOV.UK pagination, each case study on exactly one page, and exact reuse."""

import re

import pytest
from conftest import add_case_studies, make_project

from microsite.model import CASE_STUDIES_PER_PAGE, list_page_count, list_page_url
from microsite.pipeline import BuildMemory, build_site
from microsite.render import Planner
from microsite.words import ENGLISH

BASE = "/strategy"


def shown(params):
    """The pagination items as text: numbers, '…' for a gap, '[n]' for the current page."""
    return " ".join("…" if i.get("ellipsis") else f"[{i['number']}]" if i.get("current") else str(i["number"])
                    for i in params["items"])


def _pagination(site, section, number, total):
    planner = Planner.__new__(Planner)  # only the base path is needed to make page links
    planner.config = site.config
    return planner.pagination(section, number, total)


class FakeSite:
    class config:
        base_path = BASE
        words = ENGLISH


@pytest.mark.parametrize("number, total, expected", [
    (1, 2, "[1] 2"),
    (2, 3, "1 [2] 3"),
    (1, 10, "[1] 2 … 10"),
    (3, 10, "1 2 [3] 4 … 10"),     # a gap of one page shows that page, not an ellipsis
    (4, 10, "1 2 3 [4] 5 … 10"),
    (5, 10, "1 … 4 [5] 6 … 10"),
    (10, 10, "1 … 9 [10]"),
])
def test_pagination_shows_first_last_and_neighbours(number, total, expected):
    params = _pagination(FakeSite, "case-studies", number, total)
    assert shown(params) == expected
    assert ("previous" in params) == (number > 1) and ("next" in params) == (number < total)
    if number > 1:
        assert params["previous"]["href"] == BASE + "/" + list_page_url("case-studies", number - 1)


def test_one_page_needs_no_pagination():
    assert _pagination(FakeSite, "case-studies", 1, 1) is None
    assert list_page_count(0) == 1 and list_page_count(50) == 1 and list_page_count(51) == 2
    assert list_page_url("case-studies", 1) == "case-studies/" and list_page_url("case-studies", 2) == "case-studies/page/2/"


@pytest.fixture
def long_list(tmp_path):
    project = make_project(tmp_path / "site")
    add_case_studies(project, 120)
    return project


def test_every_case_study_is_on_exactly_one_list_page(long_list):
    files = build_site(long_list)
    names = ["case-studies/index.html", "case-studies/page/2/index.html", "case-studies/page/3/index.html"]
    assert "case-studies/page/4/index.html" not in files and "case-studies/page/1/index.html" not in files
    pages = [files[name].decode("utf-8") for name in names]
    listed = [re.findall(r'app-case-study-summary__title">\s*<a class="govuk-link" href="/strategy/case-studies/([^/]+)/"', page)
              for page in pages]
    assert [len(ids) for ids in listed] == [CASE_STUDIES_PER_PAGE, CASE_STUDIES_PER_PAGE, 23]
    everything = [i for ids in listed for i in ids]
    assert len(everything) == len(set(everything)) == 123
    assert "<title>Case studies (page 2 of 3) – " in pages[1] and "<title>Case studies – " not in pages[1]
    assert '<h1 class="govuk-heading-xl">Case studies</h1>' in pages[1]
    assert "Showing case studies 51 to 100 of 123, newest first." in pages[1]
    assert 'aria-current="page"' in pages[1] and 'rel="prev" href' not in pages[1]
    assert f'href="{BASE}/case-studies/" rel="prev"' in pages[1] and f'href="{BASE}/case-studies/page/3/" rel="next"' in pages[1]
    assert "strategy/case-studies/page/3/</loc>" in files["sitemap.xml"].decode("utf-8")


def test_the_default_site_has_one_list_page_without_pagination(built):
    _, files = built
    page = files["case-studies/index.html"].decode("utf-8")
    assert "govuk-pagination" not in page and "Showing case studies" not in page
    assert not any(name.startswith("case-studies/page/") for name in files)


def test_an_edit_renders_again_only_the_list_page_that_shows_it(long_list):
    memory = BuildMemory()
    files = build_site(long_list, None, memory)
    page_two = files["case-studies/page/2/index.html"].decode("utf-8")
    middle = re.findall(r'href="/strategy/case-studies/(extra-[0-9]+)/"', page_two)[10]
    file = long_list.root / f"content/case-studies/{middle}.md"
    file.write_text(re.sub(r"^summary: .*$", "summary: Edited on page two.", file.read_text(encoding="utf-8"), count=1, flags=re.M),
                    encoding="utf-8")
    files = build_site(long_list, None, memory)
    assert b"Edited on page two." in files["case-studies/page/2/index.html"]
    assert "case-studies/page/2/index.html" in memory.rendered
    assert "case-studies/index.html" not in memory.rendered and "case-studies/page/3/index.html" not in memory.rendered
