"""Validate stage: every rule that needs the whole site, each a function giving ContentErrors."""

from __future__ import annotations

from .entries import Entry, Site
from .errors import ContentError, did_you_mean
from .model import page_urls
from .words import DEFAULT_PATHS, DEFAULT_SECTIONS, RESERVED_PATHS, Sections


def reserved_page_ids(sections: Sections = DEFAULT_SECTIONS) -> frozenset[str]:
    """Ids no page can have: the paths of the sections, and of the site's other parts."""
    return RESERVED_PATHS | {section.path for section in sections.all()}


RESERVED_PAGE_IDS = reserved_page_ids()


def duplicate_ids(site: Site) -> list[ContentError]:
    """Two pieces of content of one kind must not share an id (they would share a web address)."""
    errors = []
    for entries in (site.objectives, site.principles, site.case_studies, site.pages, site.news):
        first: dict[str, Entry] = {}
        for entry in sorted(entries, key=lambda e: e.path):
            if entry.id in first:
                errors.append(ContentError(
                    entry.path, entry.line("id"),
                    f"the id '{entry.id}' is already used by {first[entry.id].path}; "
                    "ids must be unique"))
            else:
                first[entry.id] = entry
    return errors


def duplicate_orders(site: Site) -> list[ContentError]:
    """Objectives and principles need distinct 'order' numbers, so order is not left to chance."""
    errors, sections = [], site.config.sections
    for entries, noun in ((site.objectives, sections.objectives.lower_singular),
                          (site.principles, sections.principles.lower_singular)):
        first: dict[int, Entry] = {}
        for entry in sorted(entries, key=lambda e: e.path):
            if entry.order in first:
                errors.append(ContentError(
                    entry.path, entry.line("order"),
                    f"'order' {entry.order} is already used by the {noun} "
                    f"in {first[entry.order].path}"))
            else:
                first[entry.order] = entry
    return errors


def _unknown_refs(entry: Entry, key: str, ids, known: set[str], noun: str) -> list[ContentError]:
    if known.issuperset(ids):
        return []
    errors = []
    for index, ref in enumerate(ids, start=1):
        if ref not in known:
            line = entry.lines.get(f"{key}[{index}]", entry.line(key))
            errors.append(ContentError(
                entry.path, line,
                f"'{key}' lists '{ref}', which is not {noun}{did_you_mean(ref, known)}"))
    return errors


def unknown_references(site: Site) -> list[ContentError]:
    """Every id a case study or the home page points at must exist."""
    objectives = {o.id for o in site.objectives} | site.unbuilt.get("objective", set())
    principles = {p.id for p in site.principles} | site.unbuilt.get("principle", set())
    case_studies = {c.id for c in site.case_studies} | site.unbuilt.get("case_study", set())
    errors, sections = [], site.config.sections
    for case in site.case_studies:
        errors += _unknown_refs(case, "objectives", case.objectives, objectives,
                                _one(sections.objectives))
        errors += _unknown_refs(case, "principles", case.principles, principles,
                                _one(sections.principles))
    if site.home:
        errors += _unknown_refs(site.home, "featured", site.home.featured, case_studies,
                                _one(sections.case_studies))
    return errors


def _one(section) -> str:
    """'an objective', 'a mission': one of a section, inside a sentence."""
    return f"{section.article} {section.lower_singular}"


def reserved_ids(site: Site) -> list[ContentError]:
    """A page must not take the web address of a section of the site."""
    reserved = reserved_page_ids(site.config.sections)
    return [
        ContentError(page.path, page.line("id"), f"the page id '{page.id}' is reserved for a part "
                     "of the site; choose another id: rename the file, and its 'id' if it has one")
        for page in site.pages if page.id in reserved
    ]


def moved_sections(sections: Sections) -> dict[str, str]:
    """Each section path site.yaml moved, to where it went: {'objectives': 'missions'}."""
    return {DEFAULT_PATHS[s.key]: s.path for s in sections.all() if s.path != DEFAULT_PATHS[s.key]}


def _moved(path: str, moved: dict[str, str]) -> str:
    """A path under a section's old path, at its new one ('objectives/x/' -> 'missions/x/')."""
    first, _, rest = path.partition("/")
    return f"{moved[first]}/{rest}" if first in moved else path


def _site_link_error(url: str, urls: frozenset[str], fragments, moved=None) -> str | None:
    path, _, fragment = url.lstrip("/").partition("#")
    path = path.split("?")[0]
    if path and not path.endswith("/") and path + "/" in urls:
        return f"the link '{url}' needs a '/' at the end: '/{path}/'"
    if path not in urls:
        choices, new = ["/" + u for u in urls], _moved(path, moved or {})
        if new != path and new in urls:  # a link to where site.yaml's `sections:` moved it from
            return (f"the link '{url}' goes to a page that does not exist (did you mean "
                    f"'/{new}{'#' + fragment if fragment else ''}'?)")
        return f"the link '{url}' goes to a page that does not exist{did_you_mean('/' + new, choices)}"
    if fragment and (ids := fragments(path)) is not None and fragment not in ids:
        return (f"the link '{url}' goes to '#{fragment}', which is not a heading on that page"
                f"{did_you_mean(fragment, ids)}")
    return None


def _entries_with_bodies(site: Site):
    for entry in (site.home, *site.principles, *site.case_studies, *site.pages, *site.news):
        if entry is not None and getattr(entry, "body", None) is not None:
            yield entry


def broken_site_links(site: Site) -> list[ContentError]:
    """Site links (starting with '/') in Markdown and in site.yaml must go somewhere real."""
    urls = page_urls(site)
    with_bodies = {e.url: e for e in _entries_with_bodies(site)}

    moved = moved_sections(site.config.sections)

    def fragments(url: str) -> set[str] | None:
        """The heading ids of the page at ``url``; None when it has no body to check."""
        return {h.id for h in with_bodies[url].body.headings} if url in with_bodies else None

    def problem(url: str) -> str | None:
        return _site_link_error(url, urls, fragments, moved)

    return _broken_setting_links(site.config, problem) + _broken_body_links(site, problem)


def _broken_setting_links(config, problem_of) -> list[ContentError]:
    errors = []
    for key in ("navigation", "footer_links"):
        for index, link in enumerate(getattr(config, key), start=1):
            if link.url.startswith("/") and (problem := problem_of(link.url)):
                errors.append(ContentError(config.path, config.line(f"{key}[{index}]"), problem))
    return errors


def _broken_body_links(site: Site, problem_of) -> list[ContentError]:
    errors = []
    for entry in _entries_with_bodies(site):
        for href in entry.body.site_links:
            if href.startswith("#"):
                href = "/" + entry.url + href
            href = href.replace("&amp;", "&")
            if problem := problem_of(href):
                errors.append(ContentError(entry.path, _line_of_link(entry, href), problem))
    return errors


def _line_of_link(entry: Entry, href: str) -> int:
    """The line of the body that holds the link (the body's first line if it cannot be found)."""
    text = entry.body.text
    for needle in (f"({href}", href, href.split("#")[0] or "#" + href.split("#")[-1]):
        index = text.find(needle)
        if index >= 0:
            return entry.body.line + text.count("\n", 0, index)
    return entry.body.line


CONTENT_RULES = (duplicate_ids, duplicate_orders, unknown_references, reserved_ids,
                 broken_site_links)


def validate_site(site: Site) -> list[ContentError]:
    """Validate stage: run every rule over the whole site and collect all the errors."""
    return [error for rule in CONTENT_RULES for error in rule(site)]
