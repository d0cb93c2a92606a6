"""Markdown to HTML with GOV.UK Frontend's typography classes, site-relative links, no raw HTML."""

from __future__ import annotations

import hashlib
import html as html_entities
import re
from dataclasses import dataclass
from typing import Callable

import markdown as python_markdown
from markdown.extensions.toc import slugify_unicode
from markdown.inlinepatterns import HTML_RE, HtmlInlineProcessor
from markdown.preprocessors import HtmlBlockPreprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import STX

from .errors import Problem
from .workers import jobs_for, parallel_map

HEADING_CLASSES = {
    "h1": "govuk-heading-xl",
    "h2": "govuk-heading-l",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
    "h5": "govuk-heading-s",
    "h6": "govuk-heading-s",
}
ELEMENT_CLASSES = {
    "p": "govuk-body",
    "a": "govuk-link",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
    "blockquote": "govuk-inset-text",
    "hr": "govuk-section-break govuk-section-break--xl govuk-section-break--visible",
    "pre": "app-code",
    "img": "app-image",
}
ALIGN_CLASSES = {
    "left": "govuk-!-text-align-left",
    "center": "govuk-!-text-align-centre",
    "right": "govuk-!-text-align-right",
}
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")
_ENTITY = re.compile(r"^&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);$")
# A comment is let through only if no browser could end it early: '<!-->', '<!--->' and '--!>'
# all close a comment in HTML, so text after them would be live markup. No '<' or '>' inside rules
# all of them out.
_COMMENT = re.compile(r"^<!--(?!-?>)[^<>]*-->$")
_TAG_NAME = re.compile(r"^</?([a-zA-Z][a-zA-Z0-9-]*)")


@dataclass(frozen=True)
class Heading:
    """A heading in a body: level, text and id, for contents lists and fragment checks."""

    level: int
    text: str
    id: str


@dataclass(frozen=True)
class Rendered:
    """One Markdown body converted: HTML, headings, and problems (with lines in the body)."""

    html: str
    headings: tuple[Heading, ...]
    problems: tuple[Problem, ...]


class GovukClasses(Treeprocessor):
    """Add GOV.UK classes, prefix site-relative links with the base path and refuse unsafe links."""

    def __init__(self, md, base_path: str):
        super().__init__(md)
        self.base_path = base_path
        self.problems: list[str] = []
        self.top_headings = 0

    def run(self, root):
        """Classify every element of the tree, fix its link, and count the top-level headings."""
        for element in root.iter():
            self.top_headings += element.tag == "h1"
            self._classify(element)
            if element.tag == "a":
                self._fix_url(element, "href")
            elif element.tag == "img":
                self._fix_url(element, "src")
        return None

    def _classify(self, element):
        tag = element.tag
        if tag == "p" and (element.text or "").startswith(STX) and len(element) == 0:
            return  # a placeholder for a stashed block: leave it bare so it is swapped back whole
        css = HEADING_CLASSES.get(tag) or ELEMENT_CLASSES.get(tag)
        if css:
            element.set("class", css)
        if tag == "th" and element.get("scope") is None:
            element.set("scope", "col")
        if tag in ("pre", "table"):
            # Both scroll sideways inside themselves on a narrow screen (see _app.scss): a keyboard
            # user must be able to focus them to scroll.
            element.set("tabindex", "0")
        style = element.attrib.pop("style", "")
        align = re.search(r"text-align:\s*(left|center|right)", style)
        if align:
            element.set("class", f"{element.get('class')} {ALIGN_CLASSES[align.group(1)]}")

    def _fix_url(self, element, attribute):
        url = (element.get(attribute) or "").strip()
        # Browsers decode entities (jav&#x61;script:, &colon;, &Tab;) before they read the scheme:
        # so must we.
        squeezed = re.sub(r"[\s\x00-\x1f]", "", html_entities.unescape(url)).lower()
        if squeezed.startswith(UNSAFE_SCHEMES):
            self.problems.append(f"the link '{url[:60]}' uses an unsafe scheme "
                                 f"({squeezed.split(':')[0]}:); link to a web page instead")
            element.set(attribute, "#")
        elif url.startswith("/") and not url.startswith("//"):
            element.set(attribute, self.base_path + url)


class RawHtmlBlocks(HtmlBlockPreprocessor):
    """Python-Markdown's raw-HTML block step, noting each block so the build can refuse it."""

    def run(self, lines):
        """Stash raw HTML blocks as Python-Markdown does, and note each one in ``md.raw_html``."""
        before = len(self.md.htmlStash.rawHtmlBlocks)
        lines = super().run(lines)
        self.md.raw_html.extend(str(b) for b in self.md.htmlStash.rawHtmlBlocks[before:])
        return lines


class RawHtmlInline(HtmlInlineProcessor):
    """Python-Markdown's inline raw-HTML step, noting each tag so the build can refuse it."""

    def handleMatch(self, m, data):
        """Note the tag in ``md.raw_html``, then stash it as Python-Markdown does."""
        self.md.raw_html.append(m.group(1))
        return super().handleMatch(m, data)


class _Converter:
    """One reusable Python-Markdown instance (creating one per page is slow)."""

    def __init__(self, base_path: str):
        self.md = python_markdown.Markdown(
            extensions=["tables", "sane_lists", "fenced_code", "toc"],
            extension_configs={"toc": {"slugify": slugify_unicode, "toc_depth": "2-6"}},
            output_format="html",
        )
        self.classes = GovukClasses(self.md, base_path)
        self.md.treeprocessors.register(self.classes, "govuk_classes", 1)
        self.md.preprocessors.register(RawHtmlBlocks(self.md), "html_block", 20)
        self.md.inlinePatterns.register(RawHtmlInline(HTML_RE, self.md), "html", 90)

    def convert(self, text: str) -> Rendered:
        self.md.reset()
        self.md.raw_html = []
        self.classes.problems = []
        self.classes.top_headings = 0
        html = self.md.convert(text).replace("<pre><code",
                                             '<pre class="app-code" tabindex="0"><code')
        problems = [Problem(_line_of(text, url_problem), url_problem)
                    for url_problem in self.classes.problems]
        problems += _raw_html_problems(self.md, text)
        problems += _heading_problems(text, self.classes.top_headings)
        headings = tuple(_headings(self.md.toc_tokens))
        return Rendered(html, headings, tuple(problems))


def _headings(tokens):
    for token in tokens:
        yield Heading(token["level"], token["name"], token["id"])
        yield from _headings(token.get("children", []))


def _raw_html_problems(md, text: str) -> list[Problem]:
    problems = []
    # A closing tag is reported with its opening tag; a lone one ('</main>') would still end the
    # page's own.
    opened = {m.group(1).lower() for b in md.raw_html
              if (m := _TAG_NAME.match(b.strip())) and not b.strip().startswith("</")}
    for block in md.raw_html:
        block = block.strip()
        closing = _TAG_NAME.match(block) if block.startswith("</") else None
        if (_ENTITY.match(block) or _COMMENT.match(block)
                or (closing and closing.group(1).lower() in opened)):
            continue
        first = block.split("\n")[0][:60]
        problems.append(Problem(_line_of(text, first),
                                f"raw HTML is not allowed in Markdown ('{first}'); "
                                "use Markdown, or ask a developer to add a component"))
    return problems


# "# x" or "#x", also inside quotes and lists
_H1_LINE = re.compile(r"^ {0,3}(?:(?:>|[-*+]|\d+[.)])\s*)*#(?!#)")
# a line of '=' under text makes that text a top-level heading
_SETEXT_H1 = re.compile(r"^ {0,3}=+\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def _heading_problems(text: str, count: int) -> list[Problem]:
    """One problem per <h1> Python-Markdown made (``count``), at a line that looks like one."""
    lines, fence, found = text.split("\n"), None, []
    for number, line in enumerate(lines, start=1):
        marker = _FENCE.match(line)
        if marker and (fence is None or (marker.group(1)[0] == fence[0]
                                         and len(marker.group(1)) >= len(fence))):
            fence = marker.group(1) if fence is None else None
        elif fence is None and (_H1_LINE.match(line) or (line.strip() and number < len(lines)
                                                         and _SETEXT_H1.match(lines[number]))):
            found.append(number)
    message = ("a top-level heading ('# …') is not allowed in the body: "
               "the page title is the page's only top-level heading, so start with '## '")
    return [Problem(found[index] if index < len(found) else 1, message) for index in range(count)]


def _line_of(text: str, needle: str) -> int:
    """The 1-based line of the first occurrence of a snippet in the source, or 1."""
    for candidate in (needle, needle.split("'")[1] if needle.count("'") >= 2 else needle):
        index = text.find(candidate)
        if index >= 0:
            return text.count("\n", 0, index) + 1
    return 1


CACHE_LIMIT = 20000
TOO_DEEP = Problem(1, "the Markdown is nested too deeply to read "
                      "(lists or quotes hundreds of levels inside each other); flatten it")


class Converters:
    """Python-Markdown converters by base path (making one costs milliseconds, so a build reuses them) and,
    when ``remember`` is set (the preview's memory), each converted text, so an unchanged body is not
    converted again. Whoever builds owns one (incremental.py): this module keeps no state of its own."""

    def __init__(self, remember: bool = False):
        self._by_base: dict[str, _Converter] = {}
        self._done: dict[tuple[str, str], Rendered] | None = {} if remember else None
        self._ready: dict[tuple[str, str], Rendered] = {}  # converted ahead, for this build only

    def convert_many(self, texts: list[str], base_path: str, jobs: int | None = None,
                     done: Callable[[int], None] | None = None) -> None:
        """Convert ahead, in worker processes when there are many, the texts not converted before.

        ``render`` then gives each from memory (once: a one-off build holds none of them after).
        """
        keys = {_key(text, base_path): text for text in texts}
        wanted = [(key, text) for key, text in keys.items()
                  if key not in self._ready and (self._done is None or key not in self._done)]
        count = jobs_for(len(wanted), jobs)
        if count <= 1:
            return  # converted one by one as entries are made, which is as quick in one process
        results = parallel_map(lambda item: self._convert(item[1], base_path), wanted, count, done)
        self._ready.update(zip((key for key, _ in wanted), results))

    def render(self, text: str, base_path: str) -> Rendered:
        """The converted text, from memory when it was converted before."""
        key = _key(text, base_path)
        if self._done is not None and key in self._done:
            return self._done[key]
        ready = self._ready.pop(key, None)
        rendered = ready if ready is not None else self._convert(text, base_path)
        if self._done is not None:
            if len(self._done) >= CACHE_LIMIT:
                self._done.clear()
            self._done[key] = rendered
        return rendered

    def _convert(self, text: str, base_path: str) -> Rendered:
        converter = self._by_base.get(base_path) or self._by_base.setdefault(base_path, _Converter(base_path))
        try:
            rendered = converter.convert(text)
        except RecursionError:
            # Python-Markdown recurses once per level of nesting, and a converter that overflowed is
            # left half-reset (later pages would come out as plain text), so it is thrown away.
            del self._by_base[base_path]
            rendered = Rendered("", (), (TOO_DEEP,))
        return rendered


def _key(text: str, base_path: str) -> tuple[str, str]:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), base_path


def render_markdown(text: str, base_path: str = "", converters: Converters | None = None) -> Rendered:
    """Convert Markdown to GOV.UK-styled HTML (``converters``: the build's, to reuse its converters)."""
    return (converters or Converters()).render(text, base_path)


_HREF = re.compile(r'<a [^>]*href="([^"]*)"')


def site_links(html: str, base: str) -> tuple[str, ...]:
    """The links in converted HTML that go to this site, as root-relative paths without the base.

    '#x' links stay as they are.
    """
    found = []
    for href in _HREF.findall(html):
        if href.startswith("#"):
            found.append(href)
        elif href.startswith(base + "/") and not href.startswith("//"):
            found.append(href[len(base):])
    return tuple(found)
