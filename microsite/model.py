"""Model stage: turn loaded documents into a typed, frozen Site with URLs, order and back-links."""

from __future__ import annotations

from types import MappingProxyType
from typing import Callable

from markupsafe import Markup

from .config import SiteConfig, load_config
from .entries import Body, CaseStudy, Entry, Home, Links, NewsPost, Objective, Page, Principle, Quote, Site
from .errors import ContentError
from .kinds import KINDS, Kind
from .load import Document, Sources
from .markdown import Converters, render_markdown, site_links
from .provenance import History
from .schema import Id, check_document
from .words import DEFAULT_SECTIONS, Sections

__all__ = ["Body", "CaseStudy", "Entry", "Home", "Links", "NewsPost", "Objective", "Page",
           "Principle", "Quote", "Site", "SiteConfig", "build_entry", "build_model", "page_urls"]
# Each kind's schema by name (the table in kinds.py is the one definition).
SCHEMAS = {name: kind.schema for name, kind in KINDS.items()}


def _body(document: Document, base_path: str,
          converters: Converters | None) -> tuple[Body, list[ContentError]]:
    rendered = render_markdown(document.body, base_path, converters)
    errors = [problem.at(document.path, document.body_line - 1) for problem in rendered.problems]
    links = site_links(rendered.html, base_path)
    body = Body(Markup(rendered.html), rendered.headings, document.body_line, document.body, links)
    return body, errors


def _common(values: dict, document: Document, kind: Kind, sections: Sections) -> dict:
    ident = file_id(document.path) if kind.folder else ""
    return dict(
        id=ident, title=values[kind.title], summary=values["summary"], url=kind.url(ident, sections),
        path=document.path, lines=MappingProxyType(_field_lines(document.data)),
        last_reviewed=values["last_reviewed"], review_by=values["review_by"],
        updated=values["updated"],
    )


def _field_lines(data) -> dict[str, int]:
    """Lines of each top-level field, and of each item of a list field as 'field[n]'."""
    lines = dict(data.lines)
    for key, value in data.items():
        item_lines = getattr(value, "lines", None) if isinstance(value, list) else ()
        for index, line in enumerate(item_lines):
            lines[f"{key}[{index + 1}]"] = line
    return lines


# The case study list is split into pages of this many (GOV.UK pagination); the first page is
# case-studies/.
CASE_STUDIES_PER_PAGE = 50


def list_page_count(items: int, per_page: int = CASE_STUDIES_PER_PAGE) -> int:
    """How many pages a list of ``items`` takes (at least one, which may be empty)."""
    return max(1, -(-items // per_page))


def list_page_url(section: str, number: int) -> str:
    """Page ``number`` of a section's list: 'case-studies/', then 'case-studies/page/2/', ..."""
    return f"{section}/" if number == 1 else f"{section}/page/{number}/"


def page_urls(site: "Site") -> frozenset[str]:
    """Every page URL the site will have, relative to the base URL ('' is the home page)."""
    sections = site.config.sections
    urls = {"", sections.objectives.url, sections.principles.url}
    pages = list_page_count(len(site.case_studies))
    urls.update(list_page_url(sections.case_studies.path, n) for n in range(1, pages + 1))
    if site.news:
        urls.add(sections.news.url)
    for kind in KINDS.values():
        if kind.layout:
            urls.update(entry.url for entry in getattr(site, kind.attribute))
    for name, ids in site.unbuilt.items():
        if name != "home":
            urls.update(KINDS[name].url(i, sections) for i in ids)
    return frozenset(urls)


def file_id(path: str) -> str:
    """The id of the content in a file: its name without the folder or the suffix."""
    return path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def id_errors(values: dict, document: Document, kind: Kind) -> list[ContentError]:
    """The one id rule: the file name is the id; an 'id' field, which may be left out, must be the same."""
    ident, written = file_id(document.path), values.get("id")
    line = document.data.lines.get("id", 0)
    if written is not None and written != ident:
        return [ContentError(document.path, line, f"the id '{written}' is not the file's name '{ident}': "
                             f"rename the file to {written}{kind.suffix} or change the id to '{ident}'")]
    # An 'id' that is there but unusable has its own error already.
    if document.data.get("id") is None and Id().check(ident, 0, "id")[0] is None:
        return [ContentError(document.path, 0, f"the file name '{ident}' cannot be used in a web address: "
                             "rename the file using lower-case letters, digits and single hyphens, "
                             f"like user-needs{kind.suffix}")]
    return []


def build_entry(document: Document, base_path: str,
                sections: Sections = DEFAULT_SECTIONS,
                converters: Converters | None = None) -> tuple[Entry | None, list[ContentError]]:
    """Check one document against its schema and build its model object (None if it cannot be).

    ``sections`` say where each section's pages live, which is part of every entry's URL.
    """
    kind = KINDS[document.kind]
    values, errors = check_document(kind.schema, document.data, document.path)
    if kind.folder:
        errors += id_errors(values, document, kind)
    if errors:
        return None, errors
    fields = {**_common(values, document, kind, sections), **kind.values(values)}
    if not kind.has_body:
        return kind.model(**fields), []
    body, errors = _body(document, base_path, converters)
    return kind.model(**fields, body=body), errors


def _first(items, key):
    """Index items by key, keeping the first of any duplicates (validate reports duplicates)."""
    index = {}
    for item in items:
        index.setdefault(key(item), item)
    return index


def _pick(ids, index) -> tuple:
    """The items of ``index`` that ``ids`` name, in their order; unknown ids are skipped."""
    return tuple(index[i] for i in ids if i in index)


def _cases_for(case_studies, items, listed: str, partner: str) -> tuple[dict, dict]:
    """For each item, the case studies that list it, and the ids of the ``partner`` kind they list.

    ``listed`` and ``partner`` are the case study fields ('principles', 'objectives'). One pass over
    the case studies (thousands, in site order), not one per item.
    """
    cases: dict[str, list] = {item.id: [] for item in items}
    partner_ids: dict[str, set] = {item.id: set() for item in items}
    for case in case_studies:
        for ident in dict.fromkeys(getattr(case, listed)):
            if ident in cases:
                cases[ident].append(case)
                partner_ids[ident].update(getattr(case, partner))
    return {key: tuple(found) for key, found in cases.items()}, partner_ids


def _related(items, others, ids_of: dict) -> dict:
    """For each item, the ``others`` (in their order) whose ids ``ids_of`` gives for it."""
    return {item.id: tuple(o for o in others if o.id in ids_of[item.id]) for item in items}


def resolve_links(home, objectives, principles, case_studies) -> Links:
    """Resolve ids into objects and compute back-links; validate reports the unknown ids skipped."""
    objective_by_id = _first(objectives, lambda o: o.id)
    principle_by_id = _first(principles, lambda p: p.id)
    case_by_id = _first(case_studies, lambda c: c.id)
    objectives_of = {c.id: _pick(c.objectives, objective_by_id) for c in case_studies}
    principles_of = {c.id: _pick(c.principles, principle_by_id) for c in case_studies}
    for_principle, objective_ids = _cases_for(case_studies, principles, "principles", "objectives")
    for_objective, principle_ids = _cases_for(case_studies, objectives, "objectives", "principles")
    return Links(
        objectives_of=MappingProxyType(objectives_of),
        principles_of=MappingProxyType(principles_of),
        case_studies_for_principle=MappingProxyType(for_principle),
        case_studies_for_objective=MappingProxyType(for_objective),
        principles_for_objective=MappingProxyType(_related(objectives, principles, principle_ids)),
        objectives_for_principle=MappingProxyType(_related(principles, objectives, objective_ids)),
        featured=_pick(home.featured, case_by_id) if home else (),
    )


def configure_site(document: Document,
                   base_url: str | None = None) -> tuple[SiteConfig | None, list[ContentError]]:
    """The site settings from site.yaml, published at base_url when one is given (--base-url)."""
    config, errors = load_config(document)
    if config is not None and base_url:
        config = config.with_base_url(base_url)
    return config, errors


def build_model(sources: Sources, base_url: str | None = None, build=build_entry,
                configure=configure_site, history: History | None = None,
                convert: Callable[[list[str], str], None] | None = None,
                ) -> tuple[Site | None, list[ContentError]]:
    """Model stage: check every document against its schema and assemble the Site.

    ``build`` makes one entry (default ``build_entry``) and ``configure`` the site settings (default
    ``configure_site``); the preview passes ones that remember what did not change. ``convert``, if
    given, is handed every Markdown body once the base path is known, to convert them ahead (in
    worker processes) before the entries are made.
    """
    errors = list(sources.errors)
    config = None
    for document in sources.of_kind("site"):
        config, problems = configure(document, base_url)
        errors.extend(problems)
    if config is None:
        return None, errors
    if convert is not None:
        convert([d.body for d in sources.documents if d.kind in KINDS and KINDS[d.kind].has_body],
                config.base_path)
    built, unbuilt = _build_entries(sources, config, build, errors)
    ordered = {kind.attribute: tuple(sorted(built[name], key=kind.sort))
               for name, kind in KINDS.items()}
    home = built["home"][0] if built["home"] else None
    links = resolve_links(home, ordered["objectives"], ordered["principles"],
                          ordered["case_studies"])
    frozen = MappingProxyType({kind: frozenset(ids) for kind, ids in unbuilt.items()})
    del ordered["home"]
    site = Site(config, home, **ordered, links=links, unbuilt=frozen, history=history or History())
    return site, errors


def _build_entries(sources: Sources, config: SiteConfig, build, errors: list) -> tuple[dict, dict]:
    """Each document's entry by kind, and the ids of those that failed (adding their errors)."""
    built: dict[str, list] = {kind: [] for kind in KINDS}
    unbuilt: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for document in sources.documents:
        if document.kind == "site":
            continue
        entry, problems = build(document, config.base_path, config.sections)
        errors.extend(problems)
        if entry is not None:
            built[document.kind].append(entry)
        else:
            unbuilt[document.kind].add(file_id(document.path))
    for path, kind in sources.failed:
        unbuilt.setdefault(kind, set()).add(file_id(path))
    return built, unbuilt
