"""The check: every content rule, then the rendered site (links, #fragments, images, headings), principles
without case studies, placeholders and review dates, all in memory: dist/ is never touched.

Each problem in a rendered page is traced back to the content file (and line, where it can be found) that
made the page, so it shows on a pull request beside the line to change.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .errors import BuildFailed, ContentError, format_error
from .model import Site
from .pipeline import Project, build_site
from .render import PageSpec, plan_pages

PLACEHOLDER = re.compile(r"\bTODO\b")


@dataclass(frozen=True)
class CheckResult:
    """What the check found: errors fail it, warnings do not; ``overdue`` lists pages past their review date."""

    errors: tuple[ContentError, ...]
    warnings: tuple[ContentError, ...] = ()
    overdue: tuple[tuple[str, str, dt.date], ...] = ()  # (page, content file, review_by)
    pages: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def check_project(project: Project, base_url: str | None = None, today: dt.date | None = None) -> CheckResult:
    """Check all the content and the site it makes, without writing anything; ``today`` decides review dates."""
    today = today or dt.date.today()
    try:
        built = build_site(project, base_url, write=None)
        site, files = built.site, built.files
    except BuildFailed as failed:
        return CheckResult(failed.errors)
    specs = plan_pages(site)
    sources = SourceTexts(project.root)
    errors = principles_without_case_studies(site) + placeholders(site, sources)
    errors += check_pages(site, specs, files, sources)
    overdue = overdue_reviews(site, today)
    problems = [ContentError(path, line, message) for path, line, message, _ in overdue]
    listed = tuple((page, path, due) for path, _, _, (page, due) in overdue)
    if site.config.review_dates_are_errors:
        return CheckResult(_unique(errors + problems), (), listed, len(specs))
    return CheckResult(_unique(errors), _unique(problems), listed, len(specs))


def _unique(errors: list[ContentError]) -> tuple[ContentError, ...]:
    return tuple(sorted(set(errors)))


# Content rules that only the check applies: they describe a finished strategy, not one being drafted.

def principles_without_case_studies(site: Site) -> list[ContentError]:
    """Every principle must be demonstrated by at least one case study."""
    return [
        ContentError(p.path, p.line("id"), f"no case study demonstrates the principle '{p.id}': add '{p.id}' to the 'principles' of a case study in content/case-studies/")
        for p in site.principles if not site.links.case_studies_for_principle.get(p.id)
    ]


def placeholders(site: Site, sources: "SourceTexts") -> list[ContentError]:
    """Text marked TODO (as `build.py new` writes it) must be replaced before the content is published."""
    errors = []
    for path in sorted({site.config.path, *(e.path for e in _entries(site))}):
        for number, line in enumerate(sources.text(path).split("\n"), start=1):
            if PLACEHOLDER.search(line):
                errors.append(ContentError(path, number, "this line still has a 'TODO' placeholder: replace it with the real text"))
    return errors


def _entries(site: Site):
    return [e for e in (site.home, *site.objectives, *site.principles, *site.case_studies, *site.pages, *site.news) if e is not None]


def overdue_reviews(site: Site, today: dt.date) -> list[tuple[str, int, str, tuple[str, dt.date]]]:
    """(file, line, message, (page, review_by)) for every page whose 'review_by' date has passed."""
    found = []
    for entry in _entries(site):
        if entry.review_by is not None and entry.review_by < today:
            page = "/" + entry.url
            days = (today - entry.review_by).days
            message = (f"the page {page} was due for review by {_day(entry.review_by)} ({days} day{'s' if days != 1 else ''} ago): "
                       "check it is still right, then set 'last_reviewed' to today and 'review_by' to the next review date")
            found.append((entry.path, entry.line("review_by"), message, (page, entry.review_by)))
    return found


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# The rendered pages.

class PageParser(HTMLParser):
    """Collect what the check needs from one page: ids, links (with their lines), images and headings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, int]] = []
        self.images: list[tuple[str, str | None, int]] = []
        self.headings: list[tuple[int, str, int]] = []
        self._heading: list | None = None

    def handle_starttag(self, tag, attrs):
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
        if self._heading is not None:
            self._heading[1] += data

    def handle_endtag(self, tag):
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
        if path not in self._texts:
            file = self.root / path
            try:
                self._texts[path] = file.read_text(encoding="utf-8-sig") if file.is_file() else ""
            except (OSError, UnicodeDecodeError):
                self._texts[path] = ""
        return self._texts[path]

    def find(self, path: str, needles) -> int:
        """The line of the first needle found in a file, or 0; a needle is a string or a compiled pattern."""
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


def _trace(site: Site, spec: PageSpec, sources: SourceTexts, needles, message: str, url: str = "") -> ContentError:
    """Blame the content file that made the page, at the line holding a needle; else the line of site.yaml whose
    url is ``url``; else the content file as a whole, naming the template."""
    if line := sources.find(spec.source, [n for n in needles if n]):
        return ContentError(spec.source, line, message)
    setting = re.compile(rf"^\s*-?\s*url:\s*['\"]?{re.escape(url)}['\"]?\s*$", re.M) if url else None
    if setting and (line := sources.find(site.config.path, [setting])):
        return ContentError(site.config.path, line, message)
    made_by = "" if spec.source == "templates/" + spec.template else f" (it comes from the template templates/{spec.template} or one it uses)"
    return ContentError(spec.source, 0, message + made_by)


class Resolver:
    """Resolve the links of rendered pages against the files of the site."""

    def __init__(self, site: Site, files: dict[str, bytes]):
        self.base_url = site.config.base_url
        self.host = urlsplit(self.base_url).netloc
        self.files = files
        self._parsed: dict[str, PageParser] = {}

    def parsed(self, path: str) -> PageParser:
        if path not in self._parsed:
            self._parsed[path] = parse_page(self.files[path])
        return self._parsed[path]

    def problem(self, page_url: str, ref: str) -> tuple[str, str] | None:
        """(site-relative form of the link, what is wrong) for a link that does not resolve, else None."""
        absolute = urljoin(self.base_url + page_url, ref.strip())
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.netloc != self.host:
            return None
        if not absolute.startswith(self.base_url) and absolute + "/" != self.base_url:
            # A full address on the same host is a deliberate link elsewhere; a path from the root is a lost base path.
            if ref.startswith("/") and not ref.startswith("//"):
                return "", f"the link '{ref}' goes outside the site, which starts at {self.base_url}: is the base path missing?"
            return None
        rest = absolute[len(self.base_url):] if absolute.startswith(self.base_url) else ""
        path, _, fragment = rest.partition("#")
        path = unquote(path.split("?")[0])
        shown = "/" + rest
        target = path + "index.html" if path == "" or path.endswith("/") else path
        if target not in self.files:
            if path + "/index.html" in self.files:
                return shown, f"the link '{shown}' needs a '/' at the end: '/{path}/'"
            return shown, f"the link '{shown}' goes to a page or file that does not exist"
        if fragment and target.endswith(".html") and unquote(fragment) not in self.parsed(target).ids:
            return shown, f"the link '{shown}' goes to '#{fragment}', which is not on that page"
        return None


def check_pages(site: Site, specs: list[PageSpec], files: dict[str, bytes], sources: SourceTexts) -> list[ContentError]:
    """Links, #fragments, alt text and heading levels of every rendered page, each traced to its content file."""
    resolver = Resolver(site, files)
    errors = []
    for spec in specs:
        page = resolver.parsed(spec.path)
        errors += _link_errors(site, spec, page, resolver, sources)
        errors += _image_errors(site, spec, page, sources)
        errors += _heading_errors(site, spec, page, sources)
    return errors


def _link_errors(site, spec, page, resolver, sources) -> list[ContentError]:
    errors = []
    label = _page_label(spec)
    for ref, _line in page.refs:
        found = resolver.problem(spec.context["url"] if spec.path != "404.html" else "404.html", ref)
        if found:
            shown, problem = found
            errors.append(_trace(site, spec, sources, _link_needles(shown or ref), f"{problem} (on {label})", shown or ref))
    return errors


def _link_needles(target: str) -> list:
    """Patterns for a Markdown link or image to exactly this target: (target), (target "title"), <target>, [id]: target."""
    exact = re.escape(target)
    return [re.compile(rf"\]\(\s*<?{exact}>?(\s|\))"), re.compile(rf"^\s*\[[^\]]+\]:\s*<?{exact}>?\s", re.M),
            re.compile(rf"<{exact}>")]


def _image_errors(site, spec, page, sources) -> list[ContentError]:
    errors = []
    base = site.config.base_path
    for src, alt, _line in page.images:
        if alt is None or not alt.strip():
            shown = src[len(base):] if base and src.startswith(base + "/") else src
            message = (f"the image '{shown}' on {_page_label(spec)} has no alt text: describe what it shows inside the "
                       "square brackets, like ![A map of England](/assets/images/map.png)")
            errors.append(_trace(site, spec, sources, _link_needles(shown), message))
    return errors


def _heading_errors(site, spec, page, sources) -> list[ContentError]:
    errors = []
    for (previous, _, _), (level, text, _line) in zip(page.headings, page.headings[1:]):
        if level > previous + 1:
            message = (f"the heading '{text}' on {_page_label(spec)} is level {level} straight after a level {previous} heading: "
                       f"heading levels must not skip (in Markdown, use {'#' * (previous + 1)} for it, or add the missing level)")
            errors.append(_trace(site, spec, sources, (f"{'#' * level} {text}", text), message))
    return errors


# Output: path:line: message for people, workflow commands for GitHub Actions.

def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(error: ContentError, level: str = "error") -> str:
    """A GitHub Actions workflow command that shows the problem on the pull request at its file and line."""
    return f"::{level} file={_escape_property(error.path)},line={max(error.line, 1)}::{_escape_data(error.message)}"


def report(result: CheckResult, github_actions: bool = False) -> tuple[list[str], list[str]]:
    """(lines for standard output, lines for standard error) describing a check's result."""
    out, err = [], []
    for error in result.errors:
        err.append(format_error(error))
    for warning in result.warnings:
        err.append(format_error(ContentError(warning.path, warning.line, "warning: " + warning.message)))
    if github_actions:
        out += [annotation(e, "error") for e in result.errors] + [annotation(w, "warning") for w in result.warnings]
    if result.overdue:
        count = len(result.overdue)
        err.append(f"{count} page{'s are' if count != 1 else ' is'} past {'their' if count != 1 else 'its'} review date:")
        err += [f"  {page} ({path}): review by {_day(due)}" for page, path, due in result.overdue]
    problems = len(result.errors)
    warnings = f", {len(result.warnings)} warning{'s' if len(result.warnings) != 1 else ''}" if result.warnings else ""
    if problems:
        err.append(f"Check failed: {problems} problem{'s' if problems != 1 else ''}{warnings}.")
    else:
        out.append(f"Check passed: {result.pages} pages, no problems{warnings}.")
    return out, err
