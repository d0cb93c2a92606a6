"""The content model's types: frozen dataclasses for each kind of content and for the whole Site."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

from markupsafe import Markup

from .config import Link, SiteConfig
from .markdown import Heading
from .provenance import History


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
    # Links in the HTML to pages of this site, root-relative without the base path ('#x' links as
    # they are); found once when the body is converted, so validate never searches an unchanged body
    # again.
    site_links: tuple[str, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Entry:
    """What all content has: an id, a title, its source file and a line for each field."""

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
