"""Read built pages: links, ids, headings and titles, with the standard library's HTML parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class PageFacts:
    """What one page holds that the end-to-end tests check."""

    links: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    h1: int = 0
    title: str = ""


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.facts.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.facts.links.append(attrs["href"])
        elif tag == "link" and attrs.get("href"):
            self.facts.assets.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.facts.assets.append(attrs["src"])
        elif tag == "h1":
            self.facts.h1 += 1
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.facts.title += data


def read_page(html: str) -> PageFacts:
    """Parse one page."""
    reader = _Reader()
    reader.feed(html)
    return reader.facts


def target_file(dist: Path, base_path: str, url: str, page_url: str = "/") -> tuple[Path | None, str]:
    """The file a same-site URL leads to under dist (None for other hosts) and its fragment."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, ""
    path = parts.path or page_url
    assert path.startswith(base_path + "/"), f"{url} does not start with the base path {base_path}/"
    relative = path[len(base_path) + 1:]
    file = dist / relative
    if relative == "" or relative.endswith("/"):
        file = file / "index.html"
    return file, parts.fragment
