"""Where a problem seen in a rendered page comes from: a line of content, of site.yaml, or of a template.

A problem that content made is reported at its content line, once for each page it is on. A problem that
a template or a site.yaml link made is on every page made with them, so it is reported once, at the
template's or site.yaml's line, naming how many pages show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import meta

from ..entries import Site
from ..errors import ContentError
from ..render import PageSpec

# GOV.UK Frontend's own templates: a site cannot change them, so a problem is not blamed on them.
GOVUK_TEMPLATES = "govuk_frontend_jinja/"


def line_of(text: str, needles) -> int:
    """The line of the first needle found in a text, or 0; a needle is a string or a pattern."""
    for needle in needles:
        if isinstance(needle, re.Pattern):
            index = match.start() if (match := needle.search(text)) else -1
        else:
            index = text.find(needle) if needle else -1
        if index >= 0:
            return text.count("\n", 0, index) + 1
    return 0


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
        return line_of(self.text(path), needles)


class TemplateTexts:
    """The templates pages are made with, read as the build finds them: the site's own first."""

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self._texts: dict[str, str] = {}
        self._uses: dict[str, tuple[str, ...]] = {}

    def text(self, name: str) -> str:
        """The source of one template ('' when there is none)."""
        if name not in self._texts:
            try:
                self._texts[name] = self.env.loader.get_source(self.env, name)[0]
            except jinja2.TemplateNotFound:
                self._texts[name] = ""
        return self._texts[name]

    def family(self, name: str) -> list[str]:
        """The template and every template it extends, includes or imports, itself first."""
        order, waiting = [], [name]
        while waiting:
            current = waiting.pop(0)
            if current not in order and not current.startswith(GOVUK_TEMPLATES):
                order.append(current)
                waiting += self._used_by(current)
        return order

    def _used_by(self, name: str) -> tuple[str, ...]:
        if name not in self._uses:
            try:
                names = meta.find_referenced_templates(self.env.parse(self.text(name)))
                self._uses[name] = tuple(used for used in names if used)
            except jinja2.TemplateSyntaxError:
                self._uses[name] = ()
        return self._uses[name]

    def find(self, name: str, needles) -> tuple[str, int] | None:
        """(templates/<file>, line) of the first needle found in any of the page's templates, or None.

        Needle by needle, so that a close match in a template used later beats a loose one earlier.
        """
        family = self.family(name)
        for needle in needles:
            for template in family:
                if line := line_of(self.text(template), [needle]):
                    return f"templates/{template}", line
        return None


@dataclass(frozen=True)
class Found:
    """A problem seen in one rendered page, before it is traced to the file that made it.

    Its message is ``before`` + where it is ('on /principles/') + ``after``. ``needles`` find it in the
    content file, ``template_needles`` (default: ``needles``) in a template; ``url`` is a link that a
    line of site.yaml may set. ``content``: whether content can make it at all. ``otherwise``: the
    problem when content did not make it (None: the problem itself; ``fine``: no problem then).
    """

    before: str
    after: str = ""
    needles: tuple = ()
    template_needles: tuple = ()
    url: str = ""
    content: bool = True
    otherwise: "Found | None" = None
    fine: bool = False


def page_label(spec: PageSpec) -> str:
    """How a message names a page: '/principles/user-needs/', or 'the 404 page'."""
    return "the 404 page" if spec.path == "404.html" else "/" + spec.context["url"]


def url_setting(url: str) -> re.Pattern:
    """A line of site.yaml (navigation, footer links) that sets exactly this url."""
    return re.compile(rf"^\s*-?\s*url:\s*['\"]?{re.escape(url)}['\"]?\s*$", re.M)


class Tracer:
    """Traces each problem found in the pages to its file and line; those shared by pages, once."""

    def __init__(self, site: Site, sources: SourceTexts, templates: TemplateTexts, pages: int):
        self.site, self.sources, self.templates, self.pages = site, sources, templates, pages
        self.errors: list[ContentError] = []
        self._shared: dict[tuple[str, int, str, str], list[str]] = {}

    def add(self, spec: PageSpec, found: Found) -> None:
        """Trace one problem on one page."""
        label = page_label(spec)
        if found.content and (line := self.sources.find(spec.source, [n for n in found.needles if n])):
            self.errors.append(ContentError(spec.source, line, f"{found.before}on {label}{found.after}"))
            return
        found = found.otherwise or found
        if found.fine:
            return
        # Not found in any file: the page's own template made it (or one it uses); named once.
        path, line = self._shared_place(spec, found) or (f"templates/{spec.template}", 0)
        after = found.after + ("" if line else " (it comes from this template or one it uses)")
        self._shared.setdefault((path, line, found.before, after), []).append(label)

    def _shared_place(self, spec: PageSpec, found: Found) -> tuple[str, int] | None:
        """The line of site.yaml that sets the link, else the template line that holds the problem."""
        path = self.site.config.path
        if found.url and (line := self.sources.find(path, [url_setting(found.url)])):
            return path, line
        return self.templates.find(spec.template, found.template_needles or found.needles)

    def result(self) -> list[ContentError]:
        """Every problem traced: each one a template or site.yaml made, once, naming its pages."""
        shared = [ContentError(path, line, f"{before}{self._where(labels)}{after}")
                  for (path, line, before, after), labels in self._shared.items()]
        return self.errors + shared

    def _where(self, labels: list[str]) -> str:
        pages = list(dict.fromkeys(labels))
        if len(pages) == 1:
            return f"on {pages[0]}"
        if len(pages) == self.pages:
            return "on every page"
        others = len(pages) - 1
        return f"on {pages[0]} and {others} other page{'s' if others != 1 else ''}"

