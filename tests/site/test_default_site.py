"""The default site (the repository's content/, MHCLG Digital's strategy) built once: its page set, its
name, its cross-references, its feed and its news. The engine's own tests, outside tests/site/, build
fixture sites instead."""

import re
import xml.etree.ElementTree as ET

import pytest
from conftest import BASE_URL, ROOT, make_project

from microsite.pipeline import build_site

CONTENT = ROOT / "content"
ATOM = "{http://www.w3.org/2005/Atom}"
NAME = "MHCLG Digital strategy"
OBJECTIVES = ["embedding-digital-in-policy", "accelerating-digital-maturity",
              "enhancing-operational-excellence"]
PRINCIPLES = ["user-needs", "fairness-and-equality", "rapid-delivery", "value-for-money", "adapt-and-plan",
              "standardisation-and-reuse", "security", "accountable-and-transparent",
              "skills-and-working-together"]
CASE_STUDIES = ["homes-for-ukraine", "funding-service", "digital-planning"]
PAGES = ["engagement", "accessibility", "cookies", "privacy"]
NEWS = ["exploring-the-strategy", "the-strategy-is-engagement"]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, bytes]:
    """The default content, built once under a sub-path."""
    return dict(build_site(make_project(tmp_path_factory.mktemp("default") / "site", CONTENT), BASE_URL))


def html_pages(files) -> dict[str, str]:
    return {name: data.decode("utf-8") for name, data in files.items() if name.endswith(".html")}


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_the_page_set(files):
    expected = {"index.html", "404.html", "objectives/index.html", "principles/index.html",
                "case-studies/index.html"}
    expected |= {f"objectives/{i}/index.html" for i in OBJECTIVES}
    expected |= {f"principles/{i}/index.html" for i in PRINCIPLES}
    expected |= {f"case-studies/{i}/index.html" for i in CASE_STUDIES}
    expected |= {f"{i}/index.html" for i in PAGES}
    expected |= {"news/index.html"} | {f"news/{i}/index.html" for i in NEWS}
    assert set(html_pages(files)) == expected


def test_the_home_page_and_the_404_page_carry_the_sites_name(files):
    assert title_of(files["index.html"].decode()) == NAME
    assert title_of(files["404.html"].decode()) == f"Page not found – {NAME}"


def test_back_links_between_principles_objectives_and_case_studies(files):
    principle = files["principles/value-for-money/index.html"].decode()
    assert 'href="/strategy/case-studies/funding-service/"' in principle
    objective = files["objectives/accelerating-digital-maturity/index.html"].decode()
    assert 'href="/strategy/principles/standardisation-and-reuse/"' in objective


def test_every_principle_is_demonstrated_by_a_case_study(files):
    for principle in PRINCIPLES:
        page = files[f"principles/{principle}/index.html"].decode()
        assert "There are no case studies for this principle yet" not in page, principle


def test_the_feed_has_the_case_studies_and_the_news(files):
    feed = ET.fromstring(files["feed.xml"])
    assert feed.find(f"{ATOM}title").text == NAME
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert sorted(links) == sorted([BASE_URL + f"case-studies/{i}/" for i in CASE_STUDIES]
                                   + [BASE_URL + f"news/{i}/" for i in NEWS])
    feed_link = f'<link rel="alternate" type="application/atom+xml" href="{BASE_URL}feed.xml" title="{NAME}: '
    assert all(feed_link + 'case studies and news">' in html for html in html_pages(files).values())


def test_the_news_list_shows_the_posts(files):
    news = files["news/index.html"].decode()
    assert "Exploring our case studies and guiding principles" in news
    assert "The strategy is engagement" in news
