"""Validate stage: every rule that needs the whole site, each a function giving ContentErrors."""

from __future__ import annotations

from .entries import Entry, Site
from .errors import ContentError, did_you_mean
from .model import page_urls

RESERVED_PAGE_IDS = {"objectives", "principles", "case-studies", "news", "assets", "404", "sitemap",
                     "feed"}


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
    errors = []
    for entries, noun in ((site.objectives, "objective"), (site.principles, "principle")):
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
    errors = []
    for case in site.case_studies:
        errors += _unknown_refs(case, "objectives", case.objectives, objectives, "an objective")
        errors += _unknown_refs(case, "principles", case.principles, principles, "a principle")
    if site.home:
        errors += _unknown_refs(site.home, "featured", site.home.featured, case_studies,
                                "a case study")
    return errors


def reserved_page_ids(site: Site) -> list[ContentError]:
    """A page must not take the web address of a section of the site."""
    return [
        ContentError(page.path, page.line("id"), f"the page id '{page.id}' is reserved for a part "
                     "of the site; choose another id: rename the file, and its 'id' if it has one")
        for page in site.pages if page.id in RESERVED_PAGE_IDS
    ]


def _site_link_error(url: str, urls: frozenset[str], fragments) -> str | None:
    path, _, fragment = url.lstrip("/").partition("#")
    path = path.split("?")[0]
    if path and not path.endswith("/") and path + "/" in urls:
        return f"the link '{url}' needs a '/' at the end: '/{path}/'"
    if path not in urls:
        choices = ["/" + u for u in urls]
        return (f"the link '{url}' goes to a page that does not exist"
                f"{did_you_mean('/' + path, choices)}")
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

    def fragments(url: str) -> set[str] | None:
        """The heading ids of the page at ``url``; None when it has no body to check."""
        return {h.id for h in with_bodies[url].body.headings} if url in with_bodies else None

    return (_broken_setting_links(site.config, urls, fragments)
            + _broken_body_links(site, urls, fragments))


def _broken_setting_links(config, urls: frozenset[str], fragments) -> list[ContentError]:
    errors = []
    for key in ("navigation", "footer_links"):
        for index, link in enumerate(getattr(config, key), start=1):
            if (link.url.startswith("/")
                    and (problem := _site_link_error(link.url, urls, fragments))):
                errors.append(ContentError(config.path, config.line(f"{key}[{index}]"), problem))
    return errors


def _broken_body_links(site: Site, urls: frozenset[str], fragments) -> list[ContentError]:
    errors = []
    for entry in _entries_with_bodies(site):
        for href in entry.body.site_links:
            if href.startswith("#"):
                href = "/" + entry.url + href
            href = href.replace("&amp;", "&")
            if problem := _site_link_error(href, urls, fragments):
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


CONTENT_RULES = (duplicate_ids, duplicate_orders, unknown_references, reserved_page_ids,
                 broken_site_links)


def validate_site(site: Site) -> list[ContentError]:
    """Validate stage: run every rule over the whole site and collect all the errors."""
    return [error for rule in CONTENT_RULES for error in rule(site)]
