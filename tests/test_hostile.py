"""Hostile content: raw HTML and unsafe links are refused, template syntax stays text, and markup in any field is
escaped everywhere it lands (HTML text and attributes, manifest.json, sitemap.xml, feed.xml); every page has the CSP."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from conftest import write_tiny

from microsite.errors import Problem
from microsite.markdown import render_markdown
from microsite.pipeline import build_site
from microsite.render import CSP, FRONTEND_SNIPPET_HASH

RAW_HTML = "raw HTML is not allowed in Markdown ('{}'); use Markdown, or ask a developer to add a component"
UNSAFE_LINK = "the link '{}' uses an unsafe scheme ({}:); link to a web page instead"


# --- raw HTML in Markdown: refused with a clear error, wherever and however it is written ---

@pytest.mark.parametrize("markdown, shown", [
    ("<div>raw</div>", "<div>raw</div>"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ("Some <b>bold</b> text", "<b>"),
    ("An <img src=x onerror=alert(1)> image", "<img src=x onerror=alert(1)>"),
    ("<iframe src=https://x.test/></iframe>", "<iframe src=https://x.test/></iframe>"),
    ("A lone </main> closing tag", "</main>"),
    ("</div>", "</div>"),
    # '<!-->' and '<!--->' end a comment at once in HTML, and '--!>' ends one too: what follows would be live.
    ("<!--><script>alert(1)</script>-->", "<!--><script>alert(1)</script>-->"),
    ("<!---><script>alert(1)</script>-->", "<!---><script>alert(1)</script>-->"),
    ("Text <!--><img src=x onerror=alert(1)>--> more", "<!--><img src=x onerror=alert(1)>-->"),
    ("<![CDATA[<script>alert(1)</script>]]>", "<![CDATA[<script>alert(1)</script>]]>"),
    ("<?php echo 1; ?>", "<?php echo 1; ?>"),
    ("<svg onload=alert(1)>", "<svg onload=alert(1)>"),
])
def test_raw_html_is_refused(markdown, shown):
    rendered = render_markdown(f"Intro\n\n{markdown}\n")
    assert Problem(3, RAW_HTML.format(shown)) in rendered.problems


def test_comments_entities_and_escaped_text_are_not_raw_html():
    rendered = render_markdown("Fish &amp; chips &#8212; AT&T <!-- an editor's note --> 3 < 4 and `<b>code</b>`")
    assert rendered.problems == ()
    assert rendered.html == ('<p class="govuk-body">Fish &amp; chips &#8212; AT&amp;T <!-- an editor\'s note --> 3 &lt; 4 and '
                             "<code>&lt;b&gt;code&lt;/b&gt;</code></p>")


# --- unsafe links: refused however the scheme is disguised ---

@pytest.mark.parametrize("markdown, shown, scheme", [
    ("[x](javascript:alert(1))", "javascript:alert(1)", "javascript"),
    ("[x](JaVaScRiPt:alert(1))", "JaVaScRiPt:alert(1)", "javascript"),
    ("[x](jav&#x61;script:alert(1))", "jav&#x61;script:alert(1)", "javascript"),
    ("[x](&#106;avascript:alert(1))", "&#106;avascript:alert(1)", "javascript"),
    ("[x](javascript&colon;alert(1))", "javascript&colon;alert(1)", "javascript"),
    ("[x](java&Tab;script:alert(1))", "java&Tab;script:alert(1)", "javascript"),
    ("[x](java&NewLine;script:alert(1))", "java&NewLine;script:alert(1)", "javascript"),
    ("[x](java\tscript:alert(1))", "java    script:alert(1)", "javascript"),
    ("[x](<java script:alert(1)>)", "java script:alert(1)", "javascript"),
    ("[x](  javascript:alert(1))", "javascript:alert(1)", "javascript"),
    ("[x](javascript:alert(1) \"A title\")", "javascript:alert(1)", "javascript"),
    ("[x][r]\n\n[r]: javascript:alert(1)", "javascript:alert(1)", "javascript"),
    ("![x](javascript:alert(1))", "javascript:alert(1)", "javascript"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html;base64,PHNjcmlwdD4=", "data"),
    ("![x](data:image/svg+xml,<svg/onload=alert(1)>)", "data:image/svg+xml,<svg/onload=alert(1)>", "data"),
    ("[x](vbscript:msgbox(1))", "vbscript:msgbox(1)", "vbscript"),
    ("[x](file:///etc/passwd)", "file:///etc/passwd", "file"),
])
def test_unsafe_links_are_refused(markdown, shown, scheme):
    rendered = render_markdown(markdown)
    assert Problem(markdown.count("\n") + 1, UNSAFE_LINK.format(shown, scheme)) in rendered.problems  # the line of the address
    assert re.findall(r'(?:href|src)="([^"]*)"', rendered.html) == ["#"]


@pytest.mark.parametrize("url", ["https://www.gov.uk/", "mailto:digital@example.test", "#section", "/principles/", "%6aavascript:x"])
def test_ordinary_links_are_kept(url):
    rendered = render_markdown(f"[x]({url})")
    assert rendered.problems == ()
    assert f'href="{url}"' in rendered.html


def test_a_top_level_heading_is_refused_however_it_is_written():
    for markdown in ("# Title", "Title\n=====", "> # Quoted title", "- # Listed title"):
        assert [p.line for p in render_markdown(f"Intro\n\n{markdown}\n").problems] == [3], markdown
    assert render_markdown("```\ncode\n~~~\n# not a heading\n```\n").problems == ()


# --- markup and template syntax in every field of a whole site ---

HOSTILE = "</title><script>alert(1)</script>\"'&amp; {{ 7*7 }}{% if 1 %}x{% endif %}"
SHORT = "</a><script>alert(2)</script>\"'&amp; {{ 7*7 }}"  # for fields of at most 60 characters
BODY = "Body with {{ config.name }}, {% include 'base.html' %} and {# a comment #} left as text.\n"


def q(text: str) -> str:
    """A YAML double-quoted value (JSON strings are valid YAML)."""
    return json.dumps(text)


def hostile_site(root) -> None:
    """The tiny site with hostile text in its settings, titles, summaries, quotes, sources and bodies."""
    write_tiny(root)
    content = root / "content"
    site = (content / "site.yaml").read_text(encoding="utf-8")
    site = site.replace("name: Tiny strategy", f"name: {q(HOSTILE)}").replace("organisation: Tiny Department", f"organisation: {q(HOSTILE)}")
    site = site.replace("description: A tiny strategy for tests.", f"description: {q(HOSTILE)}")
    site = site.replace("phase_banner: This is a test site.", f"phase_banner: {q(HOSTILE)}").replace("text: About", f"text: {q(SHORT)}")
    (content / "site.yaml").write_text(site, encoding="utf-8")
    for name, pairs in {
        "home.md": [("lead: We do small things well.", f"lead: {q(HOSTILE)}"), ("text: Small is good.", f"text: {q(HOSTILE)}"), ("person: A Person", f"person: {q(HOSTILE)}")],
        "objectives/small.yaml": [("title: Staying small", f"title: {q(HOSTILE)}"), ("- We will stay small", f"- {q(HOSTILE)}")],
        "principles/be-small.md": [("name: Be small", f"name: {q(SHORT)}"), ("statement: We are small and proud", f"statement: {q(HOSTILE)}")],
        "case-studies/first-case.md": [("title: The first case", f"title: {q(HOSTILE)}"), ("summary: How we stayed small.", f"summary: {q(HOSTILE)}"),
                                       ("title: A source", f"title: {q(HOSTILE)}"), ("Something small.", BODY)],
        "pages/about.md": [("title: About this site", f"title: {q(HOSTILE)}"), ("summary: What this site is.", f"summary: {q(HOSTILE)}"), ("This site is tiny.", BODY)],
    }.items():
        file = content / name
        text = file.read_text(encoding="utf-8")
        for old, new in pairs:
            assert text.count(old) == 1, (name, old)
            text = text.replace(old, new)
        file.write_text(text, encoding="utf-8")
    (content / "news").mkdir()
    (content / "news/hostile.md").write_text(f"---\nid: hostile\ntitle: {q(HOSTILE)}\nsummary: {q(HOSTILE)}\ndate: 2026-01-20\n---\n{BODY}", encoding="utf-8")


class Page(HTMLParser):
    """What a browser would make of a page: its scripts, event-handler attributes, text and attribute values."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.handlers: list[str] = []
        self.text: list[str] = []
        self.values: list[str] = []
        self._in_script: dict | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        self.values += [value for _, value in attrs if value]
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from conftest import make_project

    project = make_project(tmp_path_factory.mktemp("hostile") / "site", content=None)
    hostile_site(project.root)
    return build_site(project)


def test_hostile_text_is_text_on_every_page(hostile):
    pages = {name: data.decode("utf-8") for name, data in hostile.items() if name.endswith(".html")}
    assert len(pages) >= 10
    for name, html in pages.items():
        page = Page(html)
        assert page.handlers == [], name
        for attrs, text in page.scripts:
            # Only scripts of the site itself, and GOV.UK Frontend's one inline snippet that the CSP allows by its hash.
            own = text == "" and attrs.get("src", "").startswith("/")
            digest = "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
            assert own or digest == FRONTEND_SNIPPET_HASH, (name, attrs, text)
        assert HOSTILE in "".join(page.text), f"{name} does not show the hostile text as text"
        assert html.count("<title>") == 1 and html.count("</title>") == 1, name


def test_hostile_text_in_attributes_is_escaped(hostile):
    html = hostile["about/index.html"].decode("utf-8")
    values = Page(html).values
    assert values.count(HOSTILE) >= 4  # description, og:title, og:description, og:site_name
    assert f"{HOSTILE}: case studies and news" in values  # the feed link's title
    assert 'content="&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#34;&#39;&amp;amp; {{ 7*7 }}{% if 1 %}x{% endif %}"' in html


def test_template_syntax_in_content_is_never_evaluated(hostile):
    for name in ("about/index.html", "case-studies/first-case/index.html", "news/hostile/index.html"):
        html = hostile[name].decode("utf-8")
        assert "Body with {{ config.name }}, {% include 'base.html' %} and {# a comment #} left as text." in html, name
        assert "{{ 7*7 }}{% if 1 %}x{% endif %}" in html
        assert "49" not in Page(html).text


def test_hostile_site_name_in_the_manifest_is_json_escaped(hostile):
    manifest = json.loads(hostile["assets/manifest.json"])
    assert manifest["name"] == HOSTILE and manifest["short_name"] == HOSTILE


def test_hostile_text_in_the_feed_and_sitemap_is_xml_escaped(hostile):
    feed = ET.fromstring(hostile["feed.xml"])
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.findtext(f"{atom}title") == HOSTILE
    assert feed.findtext(f"{atom}subtitle") == HOSTILE
    assert [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")] == [HOSTILE, HOSTILE]
    assert b"<script>" not in hostile["feed.xml"]
    ET.fromstring(hostile["sitemap.xml"])  # well-formed
    assert b"<script>" not in hostile["sitemap.xml"]


# --- the Content Security Policy ---

def test_every_page_has_the_csp_before_any_script(built):
    _, files = built
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    for name, data in files.items():
        if name.endswith(".html"):
            html = data.decode("utf-8")
            assert html.count(meta) == 1, f"{name} has no CSP meta tag"
            assert html.index(meta) < html.index("<script"), f"{name}: a script comes before the CSP"


def test_the_csp_allows_no_inline_or_eval_and_only_the_site_s_own_scripts():
    directives = dict((part.split()[0], part.split()[1:]) for part in CSP.split("; "))
    assert directives["script-src"] == ["'self'", f"'{FRONTEND_SNIPPET_HASH}'"]
    assert directives["default-src"] == ["'self'"] and directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'none'"]
    for banned in ("unsafe-inline", "unsafe-eval", "unsafe-hashes", "*", "data:", "http:", "https:"):
        assert all(banned not in values for values in directives.values()), banned
