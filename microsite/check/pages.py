"""Rendered pages: what each holds, where its links go, each problem traced to its content line."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ..entries import Site
from ..errors import ContentError
from ..render import PageSpec


class PageParser(HTMLParser):
    """Collect what the check needs from a page: ids, links (with their lines), images, headings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, int]] = []
        self.images: list[tuple[str, str | None, int]] = []
        self.headings: list[tuple[int, str, int]] = []
        self._heading: list | None = None

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

    def handle_data(self, data):
        """Collect the text of the heading being read."""
        if self._heading is not None:
            self._heading[1] += data

    def handle_endtag(self, tag):
        """Finish the heading being read."""
        if self._heading is not None and re.fullmatch(r"h[1-6]", tag):
            level, text, line = self._heading
            self.headings.append((level, " ".join(text.split()), line))
            self._heading = None


def parse_page(data: bytes) -> PageParser:
    """Parse one rendered page."""
    parser = PageParser()
    parser.feed(data.decode("utf-8", "replace"))
    parser.close()
    return parser


class SourceTexts:
    """The text of content files, read once each; '' for a folder or a file that cannot be read."""

    def __init__(self, root: Path):
        self.root = root
        self._texts: dict[str, str] = {}

    def text(self, path: str) -> str:
        """The text of one file, named relative to the site folder."""
        if path not in self._texts:
            file = self.root / path
            try:
                self._texts[path] = file.read_text(encoding="utf-8-sig") if file.is_file() else ""
            except (OSError, UnicodeDecodeError):
                self._texts[path] = ""
        return self._texts[path]

    def find(self, path: str, needles) -> int:
        """The line of the first needle found in a file, or 0; a needle is a string or a pattern."""
        text = self.text(path)
        for needle in needles:
            if isinstance(needle, re.Pattern):
                index = match.start() if (match := needle.search(text)) else -1
            else:
                index = text.find(needle) if needle else -1
            if index >= 0:
                return text.count("\n", 0, index) + 1
        return 0


def _page_label(spec: PageSpec) -> str:
    return "the 404 page" if spec.path == "404.html" else "/" + spec.context["url"]


def _trace(site: Site, spec: PageSpec, sources: SourceTexts, needles, message: str,
           url: str = "") -> ContentError:
    """Blame the content file that made the page, at the line holding a needle.

    Else the line of site.yaml whose url is ``url``; else the content file as a whole, naming the
    template.
    """
    if line := sources.find(spec.source, [n for n in needles if n]):
        return ContentError(spec.source, line, message)
    if url and (line := sources.find(site.config.path, [_url_setting(url)])):
        return ContentError(site.config.path, line, message)
    return ContentError(spec.source, 0, message + _made_by(spec))


def _url_setting(url: str) -> re.Pattern:
    """A line of site.yaml (navigation, footer links) that sets exactly this url."""
    return re.compile(rf"^\s*-?\s*url:\s*['\"]?{re.escape(url)}['\"]?\s*$", re.M)


def _made_by(spec: PageSpec) -> str:
    # A page made from a content file can still get a link from its layout: name the layout, so that
    # it can be found.
    if spec.source == "templates/" + spec.template:
        return ""
    return f" (it comes from the template templates/{spec.template} or one it uses)"


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


def check_pages(site: Site, specs: list[PageSpec], files: dict[str, bytes],
                sources: SourceTexts) -> list[ContentError]:
    """Links, #fragments, alt text and heading levels of every page, traced to the content files."""
    resolver = Resolver(site, files)
    errors = []
    for spec in specs:
        page = resolver.parsed(spec.path)
        errors += _link_errors(site, spec, page, resolver, sources)
        errors += _image_errors(site, spec, page, sources)
        errors += _heading_errors(site, spec, page, sources)
    return errors


def _link_errors(site: Site, spec: PageSpec, page: PageParser, resolver: Resolver,
                 sources: SourceTexts) -> list[ContentError]:
    errors = []
    label = _page_label(spec)
    page_url = spec.context["url"] if spec.path != "404.html" else "404.html"
    for ref, _line in page.refs:
        found = resolver.problem(page_url, ref)
        if found:
            shown, problem = found
            message = f"{problem} (on {label})"
            errors.append(_trace(site, spec, sources, _link_needles(shown or ref), message,
                                 shown or ref))
    return errors


def _link_needles(target: str) -> list:
    """Markdown links or images to exactly this target.

    That is (target), (target "title"), <target> and [id]: target.
    """
    exact = re.escape(target)
    return [re.compile(rf"\]\(\s*<?{exact}>?(\s|\))"),
            re.compile(rf"^\s*\[[^\]]+\]:\s*<?{exact}>?\s", re.M),
            re.compile(rf"<{exact}>")]


def _image_errors(site: Site, spec: PageSpec, page: PageParser,
                  sources: SourceTexts) -> list[ContentError]:
    errors = []
    base = site.config.base_path
    for src, alt, _line in page.images:
        if alt is None or not alt.strip():
            shown = src[len(base):] if base and src.startswith(base + "/") else src
            message = (f"the image '{shown}' on {_page_label(spec)} has no alt text: "
                       "describe what it shows inside the square brackets, "
                       "like ![A map of England](/assets/images/map.png)")
            errors.append(_trace(site, spec, sources, _link_needles(shown), message))
    return errors


def _heading_errors(site: Site, spec: PageSpec, page: PageParser,
                    sources: SourceTexts) -> list[ContentError]:
    errors = []
    for (previous, _, _), (level, text, _line) in zip(page.headings, page.headings[1:]):
        if level > previous + 1:
            message = (f"the heading '{text}' on {_page_label(spec)} is level {level} "
                       f"straight after a level {previous} heading: "
                       "heading levels must not skip (in Markdown, use "
                       f"{'#' * (previous + 1)} for it, or add the missing level)")
            errors.append(_trace(site, spec, sources, (f"{'#' * level} {text}", text), message))
    return errors
