"""One definition per kind of content: its files, schema, model, web address, layout and scaffold.

Loading, the model, page URLs, `new`, the JSON Schemas and the command line all read this table, so
adding a kind is one entry here plus its layout and schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .config import Link
from .entries import CaseStudy, Entry, Home, NewsPost, Objective, Page, Principle, Quote
from .schema import Date, Field, Id, Integer, ListOf, Record, Ref, Text, Url
from .words import DEFAULT_PATHS, Sections

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
    Field("last_reviewed", Date(), required=False,
          doc="when the content was last checked (YYYY-MM-DD)"),
    Field("review_by", Date(), required=False,
          doc="when the content must next be checked (YYYY-MM-DD)"),
    Field("updated", Date(), required=False,
          doc="when the content last changed, used when git history is not available"),
)


def _id(what: str) -> Field:
    # The file name is the id; the field may repeat it, and must then be the same.
    return Field("id", Id(), required=False,
                 doc=f"the {what}'s id, used in its web address: optional, as the file's name is the id; "
                 "if given, it must be the same")


def _order(what: str) -> Field:
    return Field("order", Integer(), doc=f"its position in the list of {what} (1, 2, 3…)")


def _summary(doc: str) -> Field:
    return Field("summary", Text(max_length=600), doc=doc)


def _quote(value: dict | None) -> Quote | None:
    return Quote(**value) if value else None


@dataclass(frozen=True)
class Kind:
    """A kind of content, and everything the engine needs to know about it."""

    name: str                    # in code, schemas and the model: 'case_study'
    command: str                 # on the command line (`new case-study`); its schema file's name
    model: type[Entry]           # the frozen dataclass it becomes
    schema: Record               # its fields, checked with a line for each
    values: Callable[[dict], dict]  # checked values -> the model's own fields (beyond Entry's)
    attribute: str               # where the Site keeps them: 'case_studies'
    description: str             # 'A case study', for its JSON Schema
    title: str = "title"         # the field that is the entry's title in lists and page titles
    folder: str = ""             # its folder under content/ ('' for a single file)
    file: str = ""               # its file under content/ when there is only one ('home.md')
    suffix: str = ".md"          # '.md' (Markdown with front matter) or '.yaml'
    section: str | None = None   # its URL section unless site.yaml moves it; None: a root page (<id>/)
    layout: str = ""             # the layout of its own page ('' when it has no page of its own)
    variable: str = ""           # what its layout calls it
    related: tuple[tuple[str, str], ...] = ()  # (layout variable, Links mapping keyed by its id)
    numbered: bool = False       # shown as 'Objective 1' with previous and next links
    sort: Callable[[Entry], tuple] = lambda entry: (entry.id,)
    scaffold: str = ""           # what `new` writes (str.format fields: id, title, today, order...,
    #                              and each section's words, such as {objectives.lower_singular})

    @property
    def has_body(self) -> bool:
        """Markdown files have a body after their front matter; YAML files are fields only."""
        return self.suffix == ".md"

    @property
    def where(self) -> str:
        """Where its files live, as the JSON Schema's description says."""
        place = f"content/{self.file}" if self.file else f"content/{self.folder}/<id>{self.suffix}"
        return f"the front matter of {place}" if self.has_body else place

    def url(self, ident: str, sections: Sections | None = None) -> str:
        """The web address of one entry, relative to the base URL ('' is the home page).

        ``sections``: where the site's sections live (site.yaml's `sections:`; default: ``section``).
        """
        if self.file:
            return ""
        path = sections.path(self.attribute, self.section) if sections and self.section else self.section
        return f"{path}/{ident}/" if path else f"{ident}/"


HOME = Kind(
    "home", "home", Home, Record(fields=(
        Field("title", Text(), doc="the home page's heading"),
        Field("summary", Text(), doc="one sentence describing the site, for search engines"),
        Field("lead", Text(max_length=600), doc="the lead paragraph under the heading"),
        Field("quotes", ListOf(item=QUOTE), required=False,
              doc="quotes from leaders shown on the home page"),
        Field("featured", ListOf(item=Ref(kind="case_study"), unique=True), required=False,
              doc="ids of the case studies to feature"),
        *REVIEW,
    )),
    lambda v: dict(lead=v["lead"], quotes=tuple(_quote(q) for q in v["quotes"] or ()),
                   featured=v["featured"] or ()),
    attribute="home", description="The home page", file="home.md",
)
OBJECTIVE = Kind(
    "objective", "objective", Objective, Record(fields=(
        _id("objective"), _order("objectives"),
        Field("title", Text(), doc="the objective, in the strategy's words"),
        _summary("one or two sentences on what it is about"),
        Field("commitments", ListOf(item=Text(max_length=400), min_items=1),
              doc="the 'We will…' commitments, in order"),
        *REVIEW,
    )),
    lambda v: dict(order=v["order"], commitments=v["commitments"]),
    attribute="objectives", description="A strategic objective", folder="objectives",
    suffix=".yaml", section=DEFAULT_PATHS["objectives"], layout="layouts/objective.html",
    variable="objective",
    related=(("case_studies", "case_studies_for_objective"),
             ("principles", "principles_for_objective")),
    numbered=True, sort=lambda o: (o.order, o.id),
    scaffold="""id: {id}
order: {order}
title: {title}
summary: "TODO: one or two sentences on what the {objectives.lower_singular} is about"
commitments:       # the 'We will…' commitments, in order
  - "TODO: We will …"
last_reviewed: {today}
""",
)
PRINCIPLE = Kind(
    "principle", "principle", Principle, Record(fields=(
        _id("principle"), _order("principles"),
        Field("name", Text(max_length=60), doc="a short name of a few words"),
        Field("statement", Text(max_length=300), doc="the principle, in the strategy's words"),
        _summary("one sentence on what it means, for lists and search engines"),
        *REVIEW,
    )),
    lambda v: dict(order=v["order"], name=v["name"], statement=v["statement"]),
    attribute="principles", description="A guiding principle", title="name", folder="principles",
    section=DEFAULT_PATHS["principles"], layout="layouts/principle.html", variable="principle",
    related=(("case_studies", "case_studies_for_principle"),
             ("objectives", "objectives_for_principle")),
    numbered=True, sort=lambda p: (p.order, p.id),
    scaffold="""---
id: {id}
order: {order}
name: {title}
statement: "TODO: the {principles.lower_singular}, in the strategy's words"
summary: "TODO: one sentence on what it means"
last_reviewed: {today}
---
## What this means in practice

TODO: explain the {principles.lower_singular} in Markdown. Start headings at ##.
""",
)
CASE_STUDY = Kind(
    "case_study", "case-study", CaseStudy, Record(fields=(
        _id("case study"),
        Field("title", Text(), doc="the case study's title"),
        _summary("one sentence on what it shows"),
        Field("date", Date(), doc="when it was published (YYYY-MM-DD)"),
        Field("objectives", ListOf(item=Ref(kind="objective"), min_items=1, unique=True),
              doc="ids of the objectives it supports"),
        Field("principles", ListOf(item=Ref(kind="principle"), min_items=1, unique=True),
              doc="ids of the principles it demonstrates"),
        Field("quote", QUOTE, required=False, doc="an optional quote"),
        Field("sources", ListOf(item=SOURCE, min_items=1), doc="where the facts come from"),
        *REVIEW,
    )),
    lambda v: dict(date=v["date"], objectives=v["objectives"], principles=v["principles"],
                   quote=_quote(v["quote"]),
                   sources=tuple(Link(s["title"], s["url"]) for s in v["sources"])),
    attribute="case_studies", description="A case study", folder="case-studies",
    section=DEFAULT_PATHS["case_studies"], layout="layouts/case-study.html", variable="case_study",
    related=(("objectives", "objectives_of"), ("principles", "principles_of")),
    sort=lambda c: (-c.date.toordinal(), c.title, c.id),
    scaffold="""---
id: {id}
title: {title}
summary: "TODO: one sentence on what the {case_studies.lower_singular} shows"
date: {today}
objectives:        # ids of the {objectives.lower_plural} it supports (file names in content/objectives/)
  - {objective}
principles:        # ids of the {principles.lower_plural} it demonstrates (file names in content/principles/)
  - {principle}
sources:           # where the facts come from
  - title: "TODO: the source's name"
    url: https://www.gov.uk/
last_reviewed: {today}
---
## At a glance

TODO: write the {case_studies.lower_singular} in Markdown. Start headings at ##.
""",
)
PAGE = Kind(
    "page", "page", Page, Record(fields=(
        _id("page"),
        Field("title", Text(), doc="the page's title"),
        _summary("one sentence on what the page is for"),
        *REVIEW,
    )),
    lambda v: {}, attribute="pages", description="A page", folder="pages",
    layout="layouts/page.html", variable="page",
    scaffold="""---
id: {id}
title: {title}
summary: "TODO: one sentence on what the page is for"
last_reviewed: {today}
---
TODO: write the page in Markdown. Start headings at ##.
""",
)
NEWS = Kind(
    "news", "news", NewsPost, Record(fields=(
        _id("post"),
        Field("title", Text(), doc="the post's title"),
        _summary("one sentence on what the post says"),
        Field("date", Date(), doc="when it was published (YYYY-MM-DD)"),
        *REVIEW,
    )),
    lambda v: dict(date=v["date"]), attribute="news", description="A news post", folder="news",
    section=DEFAULT_PATHS["news"], layout="layouts/news-post.html", variable="post",
    sort=lambda n: (-n.date.toordinal(), n.title, n.id),
    scaffold="""---
id: {id}
title: {title}
summary: "TODO: one sentence on what the post says"
date: {today}
---
TODO: write the post in Markdown. Start headings at ##.
""",
)

# In the order the Site lists them, the schemas are written and `new` offers them.
KINDS: dict[str, Kind] = {k.name: k for k in (HOME, OBJECTIVE, PRINCIPLE, CASE_STUDY, PAGE, NEWS)}
# The kinds with a folder of their own under content/, in the order loading reads them.
FOLDERS: dict[str, Kind] = {k.folder: k for k in (OBJECTIVE, PRINCIPLE, CASE_STUDY, PAGE, NEWS)}
# The kinds `new` can write, by the word used on the command line.
COMMANDS: dict[str, Kind] = {k.command: k for k in (CASE_STUDY, PRINCIPLE, OBJECTIVE, PAGE, NEWS)}
