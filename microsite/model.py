"""Model stage: turn loaded documents into a typed, frozen Site with URLs, order and back-links."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from markupsafe import Markup

from .config import Link, SiteConfig, load_config
from .errors import ContentError
from .load import Document, Sources
from .markdown import Heading, render_markdown
from .provenance import History
from .schema import ID_PATTERN, Date, Field, Id, Integer, ListOf, Record, Ref, Text, Url, check_document

QUOTE = Record(fields=(
    Field("text", Text(max_length=1000), doc="the words quoted, exactly as said"),
    Field("person", Text(max_length=100), doc="who said it"),
    Field("role", Text(max_length=150), doc="their job title"),
))
SOURCE = Record(fields=(
    Field("title", Text(max_length=300), doc="what the source is"),
    Field("url", Url(), doc="where to read it"),
))
REVIEW = (
    Field("last_reviewed", Date(), required=False, doc="when the content was last checked (YYYY-MM-DD)"),
    Field("review_by", Date(), required=False, doc="when the content must next be checked (YYYY-MM-DD)"),
    Field("updated", Date(), required=False, doc="when the content last changed, used when git history is not available"),
)

SCHEMAS: dict[str, Record] = {
    "home": Record(fields=(
        Field("title", Text(), doc="the home page's heading"),
        Field("summary", Text(), doc="one sentence describing the site, for search engines"),
        Field("lead", Text(max_length=600), doc="the lead paragraph under the heading"),
        Field("quotes", ListOf(item=QUOTE), required=False, doc="quotes from leaders shown on the home page"),
        Field("featured", ListOf(item=Ref(kind="case_study"), unique=True), required=False, doc="ids of the case studies to feature"),
        *REVIEW,
    )),
    "objective": Record(fields=(
        Field("id", Id(), doc="the objective's id, used in its web address"),
        Field("order", Integer(), doc="its position in the list of objectives (1, 2, 3…)"),
        Field("title", Text(), doc="the objective, in the strategy's words"),
        Field("summary", Text(max_length=600), doc="one or two sentences on what it is about"),
        Field("commitments", ListOf(item=Text(max_length=400), min_items=1), doc="the 'We will…' commitments, in order"),
        *REVIEW,
    )),
    "principle": Record(fields=(
        Field("id", Id(), doc="the principle's id, used in its web address"),
        Field("order", Integer(), doc="its position in the list of principles (1, 2, 3…)"),
        Field("name", Text(max_length=60), doc="a short name of a few words"),
        Field("statement", Text(max_length=300), doc="the principle, in the strategy's words"),
        Field("summary", Text(max_length=600), doc="one sentence on what it means, for lists and search engines"),
        *REVIEW,
    )),
    "case_study": Record(fields=(
        Field("id", Id(), doc="the case study's id, used in its web address"),
        Field("title", Text(), doc="the case study's title"),
        Field("summary", Text(max_length=600), doc="one sentence on what it shows"),
        Field("date", Date(), doc="when it was published (YYYY-MM-DD)"),
        Field("objectives", ListOf(item=Ref(kind="objective"), min_items=1, unique=True), doc="ids of the objectives it supports"),
        Field("principles", ListOf(item=Ref(kind="principle"), min_items=1, unique=True), doc="ids of the principles it demonstrates"),
        Field("quote", QUOTE, required=False, doc="an optional quote"),
        Field("sources", ListOf(item=SOURCE, min_items=1), doc="where the facts come from"),
        *REVIEW,
    )),
    "page": Record(fields=(
        Field("id", Id(), doc="the page's id, used in its web address"),
        Field("title", Text(), doc="the page's title"),
        Field("summary", Text(max_length=600), doc="one sentence on what the page is for"),
        *REVIEW,
    )),
    "news": Record(fields=(
        Field("id", Id(), doc="the post's id, used in its web address"),
        Field("title", Text(), doc="the post's title"),
        Field("summary", Text(max_length=600), doc="one sentence on what the post says"),
        Field("date", Date(), doc="when it was published (YYYY-MM-DD)"),
        *REVIEW,
    )),
}
SECTION_URLS = {"objective": "objectives", "principle": "principles", "case_study": "case-studies", "news": "news"}


@dataclass(frozen=True)
class Quote:
    """Words said by a named person in a named role."""

    text: str
    person: str
    role: str


@dataclass(frozen=True)
class Body:
    """A Markdown body converted to HTML, with its headings and where it starts in its file."""

    html: Markup
    headings: tuple[Heading, ...]
    line: int
    text: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class Entry:
    """What every piece of content has: an id, a title, its source file and a line for each field."""

    id: str
    title: str
    summary: str
    url: str
    path: str
    lines: Mapping[str, int] = field(compare=False, hash=False, repr=False)
    last_reviewed: dt.date | None = None
    review_by: dt.date | None = None
    updated: dt.date | None = None

    def line(self, key: str) -> int:
        """The line of a field in the source file (1 when unknown)."""
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class Objective(Entry):
    """A strategic objective and its ordered 'We will…' commitments."""

    order: int = 0
    commitments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Principle(Entry):
    """A guiding principle: its statement, short name and what it means in practice."""

    order: int = 0
    name: str = ""
    statement: str = ""
    body: Body | None = None


@dataclass(frozen=True)
class CaseStudy(Entry):
    """A case study, the objectives it supports and the principles it demonstrates (by id)."""

    date: dt.date | None = None
    objectives: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()
    quote: Quote | None = None
    sources: tuple[Link, ...] = ()
    body: Body | None = None


@dataclass(frozen=True)
class Page(Entry):
    """A standalone page, such as the accessibility statement."""

    body: Body | None = None


@dataclass(frozen=True)
class NewsPost(Entry):
    """A dated news post about how the strategy is being used."""

    date: dt.date | None = None
    body: Body | None = None


@dataclass(frozen=True)
class Home(Entry):
    """The home page: the vision, the quotes and the featured case studies (by id)."""

    lead: str = ""
    quotes: tuple[Quote, ...] = ()
    featured: tuple[str, ...] = ()
    body: Body | None = None


@dataclass(frozen=True)
class Site:
    """The whole strategy, typed and ordered, with cross-references resolved into back-links."""

    config: SiteConfig
    home: Home | None
    objectives: tuple[Objective, ...]
    principles: tuple[Principle, ...]
    case_studies: tuple[CaseStudy, ...]
    pages: tuple[Page, ...]
    news: tuple[NewsPost, ...]
    links: "Links"
    # Ids of documents that failed their schema, by kind: validate treats them as existing, so one
    # mistake is reported once, where it is, and not again at every reference to it.
    unbuilt: Mapping[str, frozenset[str]] = field(default_factory=dict, compare=False)
    # When each content file last changed (from git), for 'Last updated'; the pipeline fills it in.
    history: History = field(default_factory=History, compare=False)


@dataclass(frozen=True)
class Links:
    """Cross-references resolved once: each mapping goes from an id to the objects it points at."""

    objectives_of: Mapping[str, tuple[Objective, ...]]
    principles_of: Mapping[str, tuple[Principle, ...]]
    case_studies_for_principle: Mapping[str, tuple[CaseStudy, ...]]
    case_studies_for_objective: Mapping[str, tuple[CaseStudy, ...]]
    principles_for_objective: Mapping[str, tuple[Principle, ...]]
    objectives_for_principle: Mapping[str, tuple[Objective, ...]]
    featured: tuple[CaseStudy, ...]


def _body(document: Document, base_path: str) -> tuple[Body, list[ContentError]]:
    rendered = render_markdown(document.body, base_path)
    errors = [ContentError(document.path, document.body_line + line - 1, message) for line, message in rendered.problems]
    return Body(Markup(rendered.html), rendered.headings, document.body_line, document.body), errors


def _common(values: dict, document: Document, kind: str, title: str) -> dict:
    ident = values.get("id") or ""
    section = SECTION_URLS.get(kind)
    url = f"{section}/{ident}/" if section else ("" if kind == "home" else f"{ident}/")
    return dict(
        id=ident, title=title, summary=values["summary"], url=url, path=document.path,
        lines=MappingProxyType(_field_lines(document.data)),
        last_reviewed=values["last_reviewed"], review_by=values["review_by"], updated=values["updated"],
    )


def _field_lines(data) -> dict[str, int]:
    """Lines of each top-level field, and of each item of a list field as 'field[n]'."""
    lines = dict(data.lines)
    for key, value in data.items():
        for index, line in enumerate(getattr(value, "lines", None) if isinstance(value, list) else ()):
            lines[f"{key}[{index + 1}]"] = line
    return lines


# The case study list is split into pages of this many (GOV.UK pagination); the first page is case-studies/.
CASE_STUDIES_PER_PAGE = 50


def list_page_count(items: int, per_page: int = CASE_STUDIES_PER_PAGE) -> int:
    """How many pages a list of ``items`` takes (at least one, which may be empty)."""
    return max(1, -(-items // per_page))


def list_page_url(section: str, number: int) -> str:
    """The URL of page ``number`` of a section's list: 'case-studies/', then 'case-studies/page/2/' and so on."""
    return f"{section}/" if number == 1 else f"{section}/page/{number}/"


def page_urls(site: "Site") -> frozenset[str]:
    """Every page URL the site will have, relative to the base URL ('' is the home page)."""
    urls = {"", "objectives/", "principles/"}
    urls.update(list_page_url("case-studies", n) for n in range(1, list_page_count(len(site.case_studies)) + 1))
    if site.news:
        urls.add("news/")
    for entry in (*site.objectives, *site.principles, *site.case_studies, *site.pages, *site.news):
        urls.add(entry.url)
    for kind, ids in site.unbuilt.items():
        section = SECTION_URLS.get(kind)
        urls.update(f"{section}/{i}/" if section else f"{i}/" for i in ids if kind != "home")
    return frozenset(urls)


def _quote(value: dict | None) -> Quote | None:
    return Quote(**value) if value else None


def build_entry(document: Document, base_path: str) -> tuple[Entry | None, list[ContentError]]:
    """Check one document against its schema and build its model object (None if it cannot be built)."""
    values, errors = check_document(SCHEMAS[document.kind], document.data, document.path)
    if errors:
        return None, errors
    kind = document.kind
    if kind == "objective":
        return Objective(**_common(values, document, kind, values["title"]), order=values["order"], commitments=values["commitments"]), []
    body, errors = _body(document, base_path)
    if kind == "principle":
        return Principle(
            **_common(values, document, kind, values["name"]), order=values["order"], name=values["name"],
            statement=values["statement"], body=body,
        ), errors
    if kind == "case_study":
        return CaseStudy(
            **_common(values, document, kind, values["title"]), date=values["date"], objectives=values["objectives"],
            principles=values["principles"], quote=_quote(values["quote"]),
            sources=tuple(Link(s["title"], s["url"]) for s in values["sources"]), body=body,
        ), errors
    if kind == "page":
        return Page(**_common(values, document, kind, values["title"]), body=body), errors
    if kind == "news":
        return NewsPost(**_common(values, document, kind, values["title"]), date=values["date"], body=body), errors
    return Home(
        **_common(values, document, kind, values["title"]), lead=values["lead"],
        quotes=tuple(_quote(q) for q in values["quotes"] or ()), featured=values["featured"] or (), body=body,
    ), errors


def _first(items, key):
    """Index items by key, keeping the first of any duplicates (validate reports duplicates)."""
    index = {}
    for item in items:
        index.setdefault(key(item), item)
    return index


def resolve_links(home, objectives, principles, case_studies) -> Links:
    """Resolve ids into objects and compute back-links; unknown ids are skipped here and reported by validate."""
    objective_by_id = _first(objectives, lambda o: o.id)
    principle_by_id = _first(principles, lambda p: p.id)
    case_by_id = _first(case_studies, lambda c: c.id)
    pick = lambda ids, index: tuple(index[i] for i in ids if i in index)
    # One pass over the case studies (thousands, in site order) instead of one per principle and objective.
    cases_of_principle: dict[str, list] = {p.id: [] for p in principles}
    cases_of_objective: dict[str, list] = {o.id: [] for o in objectives}
    principle_ids_of_objective: dict[str, set] = {o.id: set() for o in objectives}
    objective_ids_of_principle: dict[str, set] = {p.id: set() for p in principles}
    for case in case_studies:
        for principle_id in dict.fromkeys(case.principles):
            if principle_id in cases_of_principle:
                cases_of_principle[principle_id].append(case)
                objective_ids_of_principle[principle_id].update(case.objectives)
        for objective_id in dict.fromkeys(case.objectives):
            if objective_id in cases_of_objective:
                cases_of_objective[objective_id].append(case)
                principle_ids_of_objective[objective_id].update(case.principles)
    for_principle = {key: tuple(cases) for key, cases in cases_of_principle.items()}
    for_objective = {key: tuple(cases) for key, cases in cases_of_objective.items()}
    principles_for_objective = {
        o.id: tuple(p for p in principles if p.id in principle_ids_of_objective[o.id]) for o in objectives
    }
    objectives_for_principle = {
        p.id: tuple(o for o in objectives if o.id in objective_ids_of_principle[p.id]) for p in principles
    }
    return Links(
        objectives_of=MappingProxyType({c.id: pick(c.objectives, objective_by_id) for c in case_studies}),
        principles_of=MappingProxyType({c.id: pick(c.principles, principle_by_id) for c in case_studies}),
        case_studies_for_principle=MappingProxyType(for_principle),
        case_studies_for_objective=MappingProxyType(for_objective),
        principles_for_objective=MappingProxyType(principles_for_objective),
        objectives_for_principle=MappingProxyType(objectives_for_principle),
        featured=pick(home.featured, case_by_id) if home else (),
    )


def _unbuilt_id(document: Document) -> str:
    """The id of a document that failed its schema: its own if usable, else its file name (the usual id)."""
    ident = document.data.get("id")
    if isinstance(ident, str) and re.fullmatch(ID_PATTERN, ident):
        return ident
    return document.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def configure_site(document: Document, base_url: str | None = None) -> tuple[SiteConfig | None, list[ContentError]]:
    """The site settings from site.yaml, published at base_url when one is given (--base-url)."""
    config, errors = load_config(document)
    if config is not None and base_url:
        config = config.with_base_url(base_url)
    return config, errors


def build_model(sources: Sources, base_url: str | None = None, build=build_entry,
                configure=configure_site) -> tuple[Site | None, list[ContentError]]:
    """Model stage: check every document against its schema and assemble the Site.

    ``build`` makes one entry (default ``build_entry``) and ``configure`` the site settings (default
    ``configure_site``); the preview passes ones that remember what did not change.
    """
    errors = list(sources.errors)
    config = None
    for document in sources.of_kind("site"):
        config, problems = configure(document, base_url)
        errors.extend(problems)
    if config is None:
        return None, errors
    built: dict[str, list] = {kind: [] for kind in SCHEMAS}
    unbuilt: dict[str, set[str]] = {kind: set() for kind in SCHEMAS}
    for document in sources.documents:
        if document.kind == "site":
            continue
        entry, problems = build(document, config.base_path)
        errors.extend(problems)
        if entry is not None:
            built[document.kind].append(entry)
        else:
            unbuilt[document.kind].add(_unbuilt_id(document))
    for path, kind in sources.failed:
        # A file that did not parse has no id we can read; its file name is the usual id.
        unbuilt.setdefault(kind, set()).add(path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    home = built["home"][0] if built["home"] else None
    objectives = tuple(sorted(built["objective"], key=lambda o: (o.order, o.id)))
    principles = tuple(sorted(built["principle"], key=lambda p: (p.order, p.id)))
    case_studies = tuple(sorted(built["case_study"], key=lambda c: (-c.date.toordinal(), c.title, c.id)))
    pages = tuple(sorted(built["page"], key=lambda p: p.id))
    news = tuple(sorted(built["news"], key=lambda n: (-n.date.toordinal(), n.title, n.id)))
    links = resolve_links(home, objectives, principles, case_studies)
    frozen = MappingProxyType({kind: frozenset(ids) for kind, ids in unbuilt.items()})
    return Site(config, home, objectives, principles, case_studies, pages, news, links, frozen), errors
