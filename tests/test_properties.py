"""Property-based tests: whatever text or bytes an editor saves, the loader and the Markdown renderer answer
with a result or content errors, never a traceback; and Markdown that passes never carries live HTML."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microsite.errors import ContentError, Problem
from microsite.load import Document, LineDict, load_document, parse_yaml, split_front_matter
from microsite.markdown import Rendered, render_markdown
from microsite.yaml_lines import LOADERS

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Pieces that exercise YAML's grammar far more often than random letters do.
YAML_PIECES = [
    "title", "id", ": ", ":", "- ", "-", "\n", "\n  ", "\n    ", "  ", "\t", "'", '"', "[", "]", "{", "}", ",", "&a ", "*a",
    "!!python/object ", "!tag ", "? ", "|", ">", "#", "%YAML 1.1\n", "---\n", "...\n", "~", "null", "2026-02-30", "yes",
    "\ufeff", "\x07", "\u202e", "é", "🚀", "\\", "\r\n", "0x1F", ".inf", "<<: ",
]
MARKDOWN_PIECES = [
    "\n", "\n\n", "    ", "  ", "# ", "## ", "#", "=====\n", "---\n", "> ", "- ", "* ", "1. ", "```\n", "~~~\n", "`", "*", "_", "**",
    "[", "]", "(", ")", "![", "](", "[x]: ", "<", ">", "</", "/>", "<!--", "-->", "--!>", "<!-->", "&", ";", "&#x61;", "&#106;",
    "&colon;", "&Tab;", "&amp;", "javascript:", "JaVa\tScRiPt:", "data:", "vbscript:", "https://x.test/", "/principles/",
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<div>", "</main>", "<a href='x'>", "onclick=", '"', "'",
    "| a | b |\n|---|---|\n", "{{ x }}", "{% raw %}", "\\", "\t", "é", "🚀", "\u202e", "\x00", "text", "words ",
]


def pieces(alphabet: list[str], max_size: int = 40):
    """Text built from grammar pieces mixed with arbitrary characters."""
    return st.lists(st.sampled_from(alphabet) | st.text(max_size=4), max_size=max_size).map("".join)


def assert_errors(errors, path: str) -> None:
    for error in errors:
        assert isinstance(error, ContentError)
        assert error.path == path
        assert isinstance(error.line, int) and error.line >= 0
        assert error.message and "\n" not in error.message, error.message


# What the parsers say, which an editor must never have to read.
PARSER_WORDS = ("while scanning", "while parsing", "found character", "did not find", "could not find", "expected <",
                "but found", "YAML error:")


@FAST
@given(st.text() | pieces(YAML_PIECES), st.sampled_from(sorted(LOADERS)))
def test_parse_yaml_never_raises(text, loader):
    data, errors = parse_yaml(text, "content/x.yaml", 0, LOADERS[loader])
    assert_errors(errors, "content/x.yaml")
    lines = len(re.split("\r\n|[\n\r\x85\u2028\u2029]", text))  # YAML also breaks lines at NEL, LS and PS
    for error in errors:
        assert 1 <= error.line <= lines + 1, (error, text)
        assert not any(words in error.message for words in PARSER_WORDS), (error, text)


@FAST
@given(pieces(YAML_PIECES), st.integers(min_value=0, max_value=100))
def test_parse_yaml_lines_are_shifted_by_the_offset(text, offset):
    _, plain = parse_yaml(text, "x.yaml")
    _, shifted = parse_yaml(text, "x.yaml", offset)
    assert [e.line + offset for e in plain] == [e.line for e in shifted]


@FAST
@given(st.text() | pieces(["---", "...", "\n", "title: A", " ", "\r"]))
def test_split_front_matter_never_raises_and_keeps_the_body(text):
    yaml_text, body, body_line, errors = split_front_matter(text, "content/pages/x.md")
    assert_errors(errors, "content/pages/x.md")
    if not errors:
        lines = text.split("\n")
        assert body == "\n".join(lines[body_line - 1:])
        assert yaml_text == "\n".join(lines[1:body_line - 2])


@settings(FAST, max_examples=150)
@given(data=st.binary(max_size=300) | pieces(YAML_PIECES).map(lambda t: t.encode("utf-8", "surrogatepass")),
       front=st.booleans(), suffix=st.sampled_from([".md", ".yaml"]))
def test_load_document_never_raises(tmp_path_factory, data, front, suffix):
    folder = tmp_path_factory.mktemp("doc", numbered=True)
    file = folder / f"x{suffix}"
    file.write_bytes((b"---\n" + data + b"\n---\nBody\n") if front else data)
    document, errors = load_document(file, f"content/pages/x{suffix}", "page")
    assert_errors(errors, f"content/pages/x{suffix}")
    if document is None:
        assert errors, "a file that gives no document must say why"
    else:
        assert isinstance(document, Document) and isinstance(document.data, LineDict)


@FAST
@given(st.text() | pieces(MARKDOWN_PIECES), st.sampled_from(["", "/strategy"]))
def test_render_markdown_never_raises(text, base_path):
    rendered = render_markdown(text, base_path)
    assert isinstance(rendered, Rendered)
    for line, message in ((p.line, p.message) for p in rendered.problems):
        assert isinstance(line, int) and 1 <= line <= text.count("\n") + 1
        assert isinstance(message, str) and message


# What Python-Markdown may produce from plain Markdown; anything else would be raw HTML let through.
ALLOWED_TAGS = {"p", "a", "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "blockquote", "hr",
                "img", "br", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"class", "href", "src", "alt", "title", "id", "scope", "tabindex", "start"}
UNSAFE = re.compile(r"^(javascript|data|vbscript|file):")


class TagCollector(HTMLParser):
    """Every tag, attribute and comment an HTML parser (like a browser's) sees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag not in ALLOWED_TAGS:
            self.other.append(f"</{tag}>")

    def handle_pi(self, data):
        self.other.append(data)

    def handle_decl(self, decl):
        self.other.append(decl)

    def unknown_decl(self, data):
        self.other.append(data)


@settings(FAST, max_examples=300)
@given(pieces(MARKDOWN_PIECES, max_size=30))
def test_markdown_that_passes_carries_no_live_html(text):
    rendered = render_markdown(text)
    if rendered.problems:
        return
    parser = TagCollector()
    parser.feed(rendered.html)
    parser.close()
    assert parser.other == [], (text, rendered.html)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, (text, rendered.html)
        for name, value in attrs:
            assert name in ALLOWED_ATTRIBUTES, (text, rendered.html)
            if name in ("href", "src"):
                squeezed = re.sub(r"[\s\x00-\x1f]", "", html.unescape(value or "")).lower()
                assert not UNSAFE.match(squeezed), (text, rendered.html)


def test_markdown_nested_too_deeply_is_a_content_error_and_the_next_page_still_renders():
    deep = "".join("  " * level + "- x\n" for level in range(600))  # deeper than Python's recursion limit allows
    assert render_markdown(deep).problems == (
        Problem(1, "the Markdown is nested too deeply to read (lists or quotes hundreds of levels inside each other); flatten it"),)
    # The converter that overflowed is replaced: the next page is not left as plain text.
    assert render_markdown("After [the overflow](https://x.test/).").html == (
        '<p class="govuk-body">After <a class="govuk-link" href="https://x.test/">the overflow</a>.</p>')
