"""Rendered pages: what each holds, where its links go, and what is wrong with them.

Each problem is traced (trace.py) to the content line that made it, or, once for all its pages, to
the site.yaml or template line; what the Content Security Policy would block is in policy.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from ..entries import Site
from ..errors import ContentError
from ..render import PageSpec
from .policy import DATA_SCRIPTS, allowed_hashes, blocked, is_javascript_url
from .trace import Found, SourceTexts, TemplateTexts, Tracer

__all__ = ["PageParser", "Resolver", "SourceTexts", "TemplateTexts", "check_pages", "parse_page"]
# Attributes that hold a URL, where a 'javascript:' link would run.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster"})


class PageParser(HTMLParser):
    """Collect what the check needs from a page: ids, links (with their lines), images, headings,
    and the inline styles and scripts (``inline``) that the Content Security Policy may block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, int]] = []
        self.images: list[tuple[str, str | None, int]] = []
        self.headings: list[tuple[int, str, int]] = []
        self.inline: list[tuple[str, str, str, int]] = []
        self._heading: list | None = None
        self._inline_text: list | None = None

    def handle_starttag(self, tag, attrs):
        """Note the tag's id, its link or source, an image's alt text, or the start of a heading."""
        a = dict(attrs)
        line = self.getpos()[0]
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag in ("a", "link", "area") and a.get("href") is not None:
            self.refs.append((a["href"], line))
        if tag in ("img", "script", "source", "iframe") and a.get("src"):
            self.refs.append((a["src"], line))
        if tag == "meta" and a.get("property") in ("og:url", "og:image") and a.get("content"):
            self.refs.append((a["content"], line))
        if tag == "img" and a.get("role") != "presentation" and a.get("aria-hidden") != "true":
            self.images.append((a.get("src") or "", a.get("alt"), line))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), "", line]
        self._note_inline(tag, attrs, line)

    def _note_inline(self, tag: str, attrs, line: int) -> None:
        """Inline styles, event handlers and 'javascript:' links; the start of an inline script."""
        for name, value in attrs:
            if name == "style" and value is not None:
                self.inline.append(("style attribute", tag, value, line))
            elif name.startswith("on") and len(name) > 2:
                self.inline.append(("event handler", tag, name, line))
            elif name in URL_ATTRIBUTES and value and is_javascript_url(value):
                self.inline.append(("javascript URL", tag, name, line))
        a = dict(attrs)
        runs = tag == "script" and not a.get("src") and not DATA_SCRIPTS.match(a.get("type") or "")
        if runs or tag == "style":
            self._inline_text = ["script" if runs else "style element", tag, "", line]

    def handle_data(self, data):
        """Collect the text of the heading, or of the inline script or style, being read."""
        if self._heading is not None:
            self._heading[1] += data
        if self._inline_text is not None:
            self._inline_text[2] += data

    def handle_endtag(self, tag):
        """Finish the heading, or the inline script or style, being read."""
        if self._heading is not None and re.fullmatch(r"h[1-6]", tag):
            level, text, line = self._heading
            self.headings.append((level, " ".join(text.split()), line))
            self._heading = None
        if self._inline_text is not None and tag == self._inline_text[1]:
            self.inline.append(tuple(self._inline_text))
            self._inline_text = None


def parse_page(data: bytes) -> PageParser:
    """Parse one rendered page."""
    parser = PageParser()
    parser.feed(data.decode("utf-8", "replace"))
    parser.close()
    return parser


class Resolver:
    """Resolve the links of rendered pages against the files of the site."""

    def __init__(self, site: Site, files: dict[str, bytes]):
        self.base_url = site.config.base_url
        self.host = urlsplit(self.base_url).netloc
        self.files = files
        self._parsed: dict[str, PageParser] = {}

    def parsed(self, path: str) -> PageParser:
        """One rendered page, parsed once however many links go to it."""
        if path not in self._parsed:
            self._parsed[path] = parse_page(self.files[path])
        return self._parsed[path]

    def problem(self, page_url: str, ref: str) -> tuple[str, str] | None:
        """(site-relative form of the link, what is wrong) if a link does not resolve, else None."""
        absolute = urljoin(self.base_url + page_url, ref.strip())
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.netloc != self.host:
            return None
        if not absolute.startswith(self.base_url) and absolute + "/" != self.base_url:
            return self._outside(ref)
        rest = absolute[len(self.base_url):] if absolute.startswith(self.base_url) else ""
        return self._target_problem(rest)

    def _outside(self, ref: str) -> tuple[str, str] | None:
        # A full address on the same host is a deliberate link elsewhere; a path from the root is a
        # lost base path.
        if ref.startswith("/") and not ref.startswith("//"):
            return "", (f"the link '{ref}' goes outside the site, which starts at {self.base_url}: "
                        "is the base path missing?")
        return None

    def _target_problem(self, rest: str) -> tuple[str, str] | None:
        """What is wrong with a link to ``rest`` (the part after the base URL), or None."""
        path, _, fragment = rest.partition("#")
        path = unquote(path.split("?")[0])
        shown = "/" + rest
        target = path + "index.html" if path == "" or path.endswith("/") else path
        if target not in self.files:
            if path + "/index.html" in self.files:
                return shown, f"the link '{shown}' needs a '/' at the end: '/{path}/'"
            return shown, f"the link '{shown}' goes to a page or file that does not exist"
        if (fragment and target.endswith(".html")
                and unquote(fragment) not in self.parsed(target).ids):
            return shown, f"the link '{shown}' goes to '#{fragment}', which is not on that page"
        return None


def check_pages(site: Site, specs: list[PageSpec], files: dict[str, bytes], sources: SourceTexts,
                templates: TemplateTexts) -> list[ContentError]:
    """Links, #fragments, alt text, heading levels and what the policy would block, in every page.

    Each problem is traced to the content line that made it, or (once) to a site.yaml or template line.
    """
    resolver = Resolver(site, files)
    tracer = Tracer(site, sources, templates, len(specs))
    hashes = allowed_hashes()
    for spec in specs:
        page = resolver.parsed(spec.path)
        for found in (_link_problems(spec, page, resolver) + _image_problems(site, page)
                      + _heading_problems(page) + blocked(page.inline, hashes)):
            tracer.add(spec, found)
    return tracer.result()


def _link_problems(spec: PageSpec, page: PageParser, resolver: Resolver) -> list[Found]:
    found = []
    page_url = spec.context["url"] if spec.path != "404.html" else "404.html"
    for ref, _line in page.refs:
        if problem := resolver.problem(page_url, ref):
            shown, message = problem
            target = shown or ref
            found.append(Found(f"{message} (", ")", needles=tuple(_link_needles(target)),
                               template_needles=tuple(_template_needles(target, ref)), url=target))
    return found


def _link_needles(target: str) -> list:
    """Markdown links or images to exactly this target.

    That is (target), (target "title"), <target> and [id]: target.
    """
    exact = re.escape(target)
    return [re.compile(rf"\]\(\s*<?{exact}>?(\s|\))"),
            re.compile(rf"^\s*\[[^\]]+\]:\s*<?{exact}>?\s", re.M),
            re.compile(rf"<{exact}>")]


def _template_needles(*targets: str, tag: str = "") -> list:
    """A link in a template's text: the whole target, then shorter and shorter ends of it.

    A template writes a link with a variable before it ('{{ assetPath }}/images/logo.svg'), so the
    end of a quoted value that is the end of the target, from a whole path segment, is the link;
    inside a ``tag`` (such as an <img>) first, when one is given.
    """
    ends = []
    for target in filter(None, targets):
        cuts = [0, *(i + 1 for i, c in enumerate(target) if c == "/" and i + 1 < len(target))]
        ends += [rf"(?<![\w.-]){re.escape(target[cut:])}(?=[\"'])" for cut in cuts]
    ends = list(dict.fromkeys(ends))
    inside = [rf"<{tag}\b[^>]*?{end}" for end in ends] if tag else []
    return [re.compile(pattern) for pattern in inside + ends]


def _image_problems(site: Site, page: PageParser) -> list[Found]:
    found = []
    base = site.config.base_path
    for src, alt, _line in page.images:
        if alt is None or not alt.strip():
            shown = src[len(base):] if base and src.startswith(base + "/") else src
            # A template's image may be decoration (alt=""); it must still say so.
            otherwise = (Found("", fine=True) if alt is not None else Found(
                f"the image '{shown}' ", " has no alt attribute: give it alt text that says what it "
                'shows, or alt="" if it is only decoration', needles=(shown,),
                template_needles=tuple(_template_needles(shown, src, tag="img"))))
            found.append(Found(f"the image '{shown}' ", " has no alt text: describe what it shows inside "
                               "the square brackets, like ![A map of England](/assets/images/map.png)",
                               needles=tuple(_link_needles(shown)),
                               template_needles=tuple(_template_needles(shown, src, tag="img")),
                               otherwise=otherwise))
    return found


def _heading_problems(page: PageParser) -> list[Found]:
    found = []
    for (previous, _, _), (level, text, _line) in zip(page.headings, page.headings[1:]):
        if level > previous + 1:
            found.append(Found(f"the heading '{text}' ",
                               f" is level {level} straight after a level {previous} heading: "
                               "heading levels must not skip (in Markdown, use "
                               f"{'#' * (previous + 1)} for it, or add the missing level)",
                               needles=(f"{'#' * level} {text}", text)))
    return found
