"""sitemap.xml, robots.txt, the Atom feed and the sharing meta: absolute URLs from base_url, content dates only."""

import re
import xml.etree.ElementTree as ET

from conftest import BASE_URL, TINY, make_project, write_tiny

from microsite.pipeline import build_site

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NAME = "Example Services digital strategy"


def html_pages(files):
    return {name: data.decode("utf-8") for name, data in files.items() if name.endswith(".html")}


def page_url(name):
    return BASE_URL + name.removesuffix("index.html")


def test_the_sitemap_lists_every_page_but_the_404(built):
    _, files = built
    root = ET.fromstring(files["sitemap.xml"])
    assert root.tag == f"{SITEMAP}urlset"
    locations = [url.find(f"{SITEMAP}loc").text for url in root]
    assert sorted(locations) == sorted(page_url(name) for name in html_pages(files) if name != "404.html")
    assert files["sitemap.xml"].startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')


def test_sitemap_dates_are_content_dates(tiny):
    files = build_site(tiny)
    root = ET.fromstring(files["sitemap.xml"])
    dates = {url.find(f"{SITEMAP}loc").text: getattr(url.find(f"{SITEMAP}lastmod"), "text", None) for url in root}
    assert dates["https://example.test/tiny/case-studies/first-case/"] == "2026-01-15"


def test_robots_points_at_the_sitemap(built):
    _, files = built
    assert files["robots.txt"].decode() == f"User-agent: *\nAllow: /\n\nSitemap: {BASE_URL}sitemap.xml\n"


def test_the_feed_has_the_case_studies_and_news_newest_first(built):
    _, files = built
    feed = ET.fromstring(files["feed.xml"])
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == NAME
    assert feed.find(f"{ATOM}id").text == BASE_URL
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == BASE_URL + "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert sorted(links) == sorted(
        [BASE_URL + f"case-studies/{i}/" for i in ("market-stall-licences", "shared-booking-platform",
                                                    "data-skills-programme")]
        + [BASE_URL + f"news/{i}/" for i in ("strategy-published", "monthly-show-and-tells")])
    published = [e.find(f"{ATOM}published").text for e in entries]
    assert published == sorted(published, reverse=True)
    for entry in entries:
        assert entry.find(f"{ATOM}id").text == entry.find(f"{ATOM}link").get("href")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}summary").text
        assert entry.find(f"{ATOM}category").get("term") in ("Case study", "News")
    assert feed.find(f"{ATOM}updated").text == max(e.find(f"{ATOM}updated").text for e in entries)


def test_the_feed_escapes_text(tiny):
    write_tiny(tiny.root, {"case-studies/first-case.md": TINY["case-studies/first-case.md"].replace("title: The first case", 'title: "Fish & chips <b>"')})
    feed = build_site(tiny)["feed.xml"]
    assert b"<title>Fish &amp; chips &lt;b&gt;</title>" in feed
    assert ET.fromstring(feed).find(f"{ATOM}entry/{ATOM}title").text == "Fish & chips <b>"


def test_a_site_with_no_dated_content_still_has_a_valid_feed(tmp_path):
    project = make_project(tmp_path / "empty", content=None)
    write_tiny(project.root, {"case-studies/first-case.md": None,
                              "home.md": TINY["home.md"].replace("        featured:\n          - first-case\n", ""),
                              "principles/be-small.md": TINY["principles/be-small.md"].replace("See [the case study](/case-studies/first-case/#what-happened).", "")})
    feed = ET.fromstring(build_site(project)["feed.xml"])
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.find(f"{ATOM}updated").text == "1970-01-01T00:00:00Z"


def test_every_page_links_the_feed_and_has_sharing_meta(built):
    _, files = built
    for name, html in html_pages(files).items():
        alternate = f'href="{BASE_URL}feed.xml" title="{NAME}: case studies and news">'
        assert f'<link rel="alternate" type="application/atom+xml" {alternate}' in html, name
        assert re.search(r'<meta name="description" content="[^"]+">', html), name
        assert '<meta property="og:title" content="' in html and '<meta property="og:description" content="' in html, name
        if name != "404.html":
            assert f'<link rel="canonical" href="{page_url(name)}">' in html, name
            assert f'<meta property="og:url" content="{page_url(name)}">' in html, name


def test_urls_follow_the_base_url(tmp_path):
    files = build_site(make_project(tmp_path / "root"), "https://strategy.example.test")
    assert b"<loc>https://strategy.example.test/principles/</loc>" in files["sitemap.xml"]
    assert files["robots.txt"].endswith(b"Sitemap: https://strategy.example.test/sitemap.xml\n")
    assert b'<link rel="self" type="application/atom+xml" href="https://strategy.example.test/feed.xml" />' in files["feed.xml"]


def test_news_is_in_the_navigation(built):
    _, files = built
    home = files["index.html"].decode()
    assert re.search(r'<a class="govuk-service-navigation__link" href="/strategy/news/"[^>]*>\s*News\s*</a>', home)
    news = files["news/index.html"].decode()
    assert "We have published our digital strategy" in news and "Join our monthly show and tells" in news


def test_the_feed_holds_the_newest_fifty_entries_and_the_sitemap_every_page(tiny):
    from microsite.feeds import FEED_ENTRIES
    studies = tiny.root / "content/case-studies"
    text = (studies / "first-case.md").read_text(encoding="utf-8")
    for n in range(60):
        day = f"2025-{n // 28 + 1:02d}-{n % 28 + 1:02d}"
        (studies / f"case-{n:02d}.md").write_text(
            text.replace("id: first-case", f"id: case-{n:02d}").replace("date: 2026-01-15", f"date: {day}"), encoding="utf-8")
    files = build_site(tiny)
    feed = ET.fromstring(files["feed.xml"])
    entries = feed.findall(f"{ATOM}entry")
    published = [e.find(f"{ATOM}published").text for e in entries]
    assert FEED_ENTRIES == 50 and len(entries) == 50
    assert published == sorted(published, reverse=True) and published[0].startswith("2026-01-15")
    assert "case-00" not in files["feed.xml"].decode()  # the oldest fall off the feed...
    assert "case-studies/case-00/" in files["sitemap.xml"].decode()  # ...but not off the sitemap
