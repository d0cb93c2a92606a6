"""End to end: the sample site built into a temporary folder, checked as a reader and a browser would meet
it."""

import re

from conftest import BASE_URL, make_project, run_cli, write_tiny
from htmlcheck import read_page, target_file

from microsite.pipeline import build_site

BASE_PATH = "/strategy"
OBJECTIVES = ["simpler-services", "confident-teams", "dependable-technology"]
PRINCIPLES = ["user-needs", "small-steps", "open-by-default", "everyone-can-use-it", "reuse-first",
              "safe-and-secure"]
CASE_STUDIES = ["market-stall-licences", "shared-booking-platform", "data-skills-programme"]
PAGES = ["engagement", "accessibility", "cookies", "privacy"]
NEWS = ["strategy-published", "monthly-show-and-tells"]


def html_pages(files):
    return {name: data.decode("utf-8") for name, data in files.items() if name.endswith(".html")}


def test_the_page_set(built):
    _, files = built
    expected = {"index.html", "404.html", "objectives/index.html", "principles/index.html", "case-studies/index.html"}
    expected |= {f"objectives/{i}/index.html" for i in OBJECTIVES}
    expected |= {f"principles/{i}/index.html" for i in PRINCIPLES}
    expected |= {f"case-studies/{i}/index.html" for i in CASE_STUDIES}
    expected |= {f"{i}/index.html" for i in PAGES}
    expected |= {"news/index.html"} | {f"news/{i}/index.html" for i in NEWS}
    assert set(html_pages(files)) == expected


def test_every_internal_link_and_asset_resolves(built):
    project, files = built
    for name, html in html_pages(files).items():
        facts = read_page(html)
        page_url = f"{BASE_PATH}/{name.removesuffix('index.html')}"
        for url in facts.links + facts.assets:
            file, fragment = target_file(project.dist, BASE_PATH, url, page_url)
            if file is None:
                continue
            assert file.is_file(), f"{name}: {url} does not resolve"
            if fragment:
                assert fragment in read_page(file.read_text(encoding="utf-8")).ids, f"{name}: {url} has no #{fragment}"


def test_one_h1_and_a_unique_title_per_page(built):
    _, files = built
    titles = {}
    for name, html in html_pages(files).items():
        facts = read_page(html)
        assert facts.h1 == 1, f"{name} has {facts.h1} <h1> elements"
        assert facts.title.strip(), f"{name} has no title"
        assert facts.title not in titles, f"{name} and {titles.get(facts.title)} share the title {facts.title!r}"
        titles[facts.title] = name
    assert titles["Example Services digital strategy"] == "index.html"
    assert titles["Page not found – Example Services digital strategy"] == "404.html"


def test_no_unrendered_template_syntax(built):
    _, files = built
    for name, html in html_pages(files).items():
        assert not re.search(r"\{\{|\{%|\{#|%\}|#\}", html), f"{name} has template syntax left in it"


def test_every_page_is_reachable_from_the_home_page(built):
    project, files = built
    seen, queue = set(), ["index.html"]
    while queue:
        name = queue.pop()
        if name in seen:
            continue
        seen.add(name)
        for url in read_page(files[name].decode()).links:
            file, _ = target_file(project.dist, BASE_PATH, url, f"{BASE_PATH}/{name.removesuffix('index.html')}")
            if file is not None and file.suffix == ".html":
                queue.append(file.relative_to(project.dist).as_posix())
    assert set(html_pages(files)) - seen == {"404.html"}


def test_canonical_and_sharing_urls_are_absolute_from_the_base_url(built):
    _, files = built
    page = files["principles/user-needs/index.html"].decode()
    assert f'<link rel="canonical" href="{BASE_URL}principles/user-needs/">' in page
    assert f'<meta property="og:image" content="{BASE_URL}assets/images/app-opengraph-image.png">' in page
    assert "<base" not in page


def test_404_page_links_include_the_base_path(built):
    _, files = built
    page = files["404.html"].decode()
    assert f'href="{BASE_PATH}/"' in page and f'href="{BASE_PATH}/assets/css/' in page
    assert "govuk-breadcrumbs" not in page
    assert 'rel="canonical"' not in page


def test_service_navigation_marks_the_current_section(built):
    _, files = built
    page = files["principles/safe-and-secure/index.html"].decode()
    nav = page.split('class="govuk-service-navigation__list')[1].split("</ul>")[0]
    active = re.findall(r'<li class="govuk-service-navigation__item govuk-service-navigation__item--active">\s*<a class="govuk-service-navigation__link" href="([^"]+)"', nav)
    assert active == [f"{BASE_PATH}/principles/"]
    index = files["principles/index.html"].decode()
    assert 'aria-current="page"' in index.split("govuk-service-navigation__list")[1].split("</ul>")[0]


def test_breadcrumbs_below_the_home_page(built):
    _, files = built
    assert "govuk-breadcrumbs" not in files["index.html"].decode()
    page = files["case-studies/shared-booking-platform/index.html"].decode()
    crumbs = re.search(r'<nav class="govuk-breadcrumbs.*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', crumbs) == [f"{BASE_PATH}/", f"{BASE_PATH}/case-studies/"]


def test_back_links_are_computed(built):
    _, files = built
    principle = files["principles/reuse-first/index.html"].decode()
    assert f'href="{BASE_PATH}/case-studies/shared-booking-platform/"' in principle
    objective = files["objectives/confident-teams/index.html"].decode()
    assert f'href="{BASE_PATH}/principles/reuse-first/"' in objective


def test_every_principle_is_demonstrated_by_a_case_study(built):
    _, files = built
    for principle in PRINCIPLES:
        page = files[f"principles/{principle}/index.html"].decode()
        assert "There are no case studies for this principle yet" not in page, principle


# In pages: the crown, the logotype, GOV.UK's icons and sharing image, the GOV.UK name and blue.
GOVUK_BRAND = ["govuk-crest", "govuk-footer__crown", "govuk-header__logotype", "govuk-logo", "GDS Transport",
               "govuk-icon-", "govuk-opengraph-image", "govuk-footer__copyright-logo", "#1d70b8"]
# In the stylesheet, rules for classes we never use are harmless; the assets they would load are not.
GOVUK_BRAND_CSS = ["govuk-crest", "GDS Transport", "@font-face", "/fonts/"]


def test_default_brand_uses_no_govuk_brand_asset(built):
    _, files = built
    assert not any(name.startswith("assets/fonts/") or "govuk-" in name.split("/")[-1].replace("govuk-frontend.min.js", "") for name in files)
    for name, data in files.items():
        if name.endswith((".html", ".css", ".json", ".mjs")):
            text = data.decode()
            for mark in GOVUK_BRAND_CSS if name.endswith(".css") else GOVUK_BRAND:
                assert mark not in text, f"{name} contains {mark}"
    for name, html in html_pages(files).items():
        header = re.search(r'<header class="govuk-template__header.*?</header>', html, re.S).group(0)
        assert "GOV.UK" not in header and "GOV.UK" not in read_page(html).title, name
    assert 'class="govuk-generic-header' in files["index.html"].decode()


def test_govuk_brand_profile_uses_the_govuk_header_footer_and_font(tiny):
    site = tiny.root / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("brand: generic", "brand: govuk"), encoding="utf-8")
    files = build_site(tiny)
    home = files["index.html"].decode()
    assert 'class="govuk-header"' in home and "govuk-footer__crown" in home
    assert "assets/fonts/bold-b542beb274-v2.woff2" in files
    css = next(d for n, d in files.items() if n.startswith("assets/css/")).decode()
    assert "GDS Transport" in css


def test_the_same_content_works_at_a_domain_root(tmp_path):
    project = make_project(tmp_path / "root-site")
    files = build_site(project, "https://strategy.example.test/")
    page = files["objectives/index.html"].decode()
    assert 'href="/principles/"' in page and 'href="/assets/css/' in page
    assert '"/strategy/' not in page  # no link keeps the sub-path (the GitHub repository's name may hold it)
    assert '<link rel="canonical" href="https://strategy.example.test/objectives/">' in page


def test_identical_input_gives_identical_bytes(tmp_path):
    one = build_site(make_project(tmp_path / "one"), BASE_URL)
    two = build_site(make_project(tmp_path / "two"), BASE_URL)
    assert one == two


def test_cli_builds_and_reports(tiny):
    result = run_cli(tiny.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built 9 pages into dist/ in ")


def test_cli_reports_every_problem_without_a_traceback_and_keeps_dist(tiny):
    assert run_cli(tiny.root).returncode == 0
    before = (tiny.dist / "index.html").read_bytes()
    write_tiny(tiny.root, {
        "objectives/small.yaml": "id: small\norder: 1\ntitle: T\nsummary: S\ncommitments: [We will]\ncolor: red\n",
        "pages/about.md": "---\nid: about\ntitle: \"About\n---\n",
    })
    result = run_cli(tiny.root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "content/objectives/small.yaml:6: unknown field 'color'; allowed fields: id, order, title, summary, commitments, last_reviewed, review_by, updated",
        "content/pages/about.md:3: YAML syntax error: the quoted value that starts on line 3 is never closed",
        "Build failed: 2 problems. dist/ was not changed.",
    ]
    assert (tiny.dist / "index.html").read_bytes() == before


def test_base_url_from_the_environment_and_the_command_line(tiny):
    assert run_cli(tiny.root, env={"SITE_BASE_URL": "https://env.example.test/sub/"}).returncode == 0
    assert 'href="/sub/objectives/"' in (tiny.dist / "index.html").read_text(encoding="utf-8")
    result = run_cli(tiny.root, "--base-url", "https://cli.example.test/",
                     env={"SITE_BASE_URL": "https://env.example.test/sub/"})
    assert result.returncode == 0
    assert 'href="/objectives/"' in (tiny.dist / "index.html").read_text(encoding="utf-8")


def test_bad_base_url_is_a_clear_error(tiny):
    result = run_cli(tiny.root, "--base-url", "example.test/strategy")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "--base-url:1: the base URL 'example.test/strategy' must be a full address starting with https:// (or http://), like https://org.github.io/strategy/"
