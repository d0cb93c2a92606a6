"""The page plan: every page of the site as a PageSpec (where it goes, layout, source and data).

Pages of a kind come from the table in kinds.py; only the pages that are really special are planned
here by hand: the home page, the list pages and the 404 page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..config import Link
from ..entries import Site
from ..kinds import CASE_STUDY, NEWS, OBJECTIVE, PAGE, PRINCIPLE, Kind
from ..model import CASE_STUDIES_PER_PAGE, list_page_count, list_page_url
from ..provenance import dates_index, page_meta

# Variables GOV.UK Frontend's page template reads but this site does not always set.
TEMPLATE_DEFAULTS = (
    "htmlClasses", "htmlLang", "pageTitleLang", "themeColor", "assetPath", "assetUrl",
    "opengraphImageUrl", "bodyClasses", "bodyAttributes", "cspNonce", "headerClasses",
    "headerAttributes", "serviceName", "serviceUrl", "containerClasses", "containerAttributes",
    "mainClasses", "mainLang", "mainAttributes", "footerClasses", "footerAttributes",
)
_UNSET = dict.fromkeys(TEMPLATE_DEFAULTS)


@dataclass(frozen=True)
class PageSpec:
    """One page to render: where it goes, its layout, the content file it comes from, its data."""

    path: str
    template: str
    source: str
    context: dict[str, Any] = field(hash=False, compare=False)


class Planner:
    """What the pages of one site are planned with: links, navigation, breadcrumbs and page specs.

    ``memo`` holds lists many pages share (navigation, breadcrumbs) and page metadata, so equal
    values are one object. A one-off build gives a fresh dict; the preview keeps one from build to
    build (see incremental.py), which is what lets it compare pages by identity.
    """

    def __init__(self, site: Site, memo: dict | None = None):
        self.site, self.config = site, site.config
        self.memo = {} if memo is None else memo
        self.dates = dates_index(site)
        self.links = navigation_links(site)

    @property
    def t(self):
        """The site's words: the table of strings with site.yaml's changes."""
        return self.config.words

    @property
    def sections(self):
        """What the site calls its sections, and where they live."""
        return self.config.sections

    def shared(self, key: tuple, make):
        """The one object for key, made once."""
        kept = self.memo.get(key)
        if kept is None:
            kept = self.memo[key] = make()
        return kept

    def href(self, url: str) -> str:
        """A root-relative link to a page of the site, with the base path ('' is the home page)."""
        return f"{self.config.base_path}/{url}"

    def navigation(self, url: str) -> list[dict]:
        """Service navigation items; the section holding this page is active, the page current."""
        links = self.links  # in the keys: the default navigation changes when news comes or goes
        kept = self.memo.get(("navigation of", links, url))
        if kept is None:
            targets = self.shared(("navigation targets", links), lambda: [
                link.url.lstrip("/") if link.url.startswith("/") else None for link in links])
            state = tuple((t is not None and t == url,
                           t is not None and bool(t) and url.startswith(t) and t != url)
                          for t in targets)
            kept = self.memo[("navigation of", links, url)] = self.shared(
                ("navigation", links, state),
                lambda: _navigation_items(links, targets, state, self.href))
        return kept

    def crumbs(self, *trail: tuple[str, str]) -> list[dict]:
        """Breadcrumbs: Home, then each (text, url) of the trail."""
        return self.shared(("crumbs", trail), lambda: [{"text": self.t("home"), "href": self.href("")}] + [
            {"text": text, "href": self.href(url)} for text, url in trail])

    def trail(self, kind: Kind) -> tuple[tuple[str, str], ...]:
        """The breadcrumbs after Home of an entry's page: its section's list, if it has one."""
        if not kind.section:
            return ()
        section = self.sections.of(kind.attribute)
        return ((section.name, section.url),)

    def page(self, url: str, title: str, description: str, template: str, source: str, crumbs,
             **extra) -> PageSpec:
        """One page's spec, with every variable the base template reads."""
        config = self.config
        path = "404.html" if url == "404.html" else f"{url}index.html"
        meta = page_meta(self.site, source, self.dates)
        context = {
            **_UNSET,  # every page template variable GOV.UK's template reads, unset
            "site": self.site, "config": config, "url": url, "title": title,
            "full_title": config.name if url == "" else self.t("page_title", title=title, site=config.name),
            "description": description,
            "canonical": None if url == "404.html" else config.base_url + url,
            "navigation": self.navigation(url), "breadcrumbs": crumbs, "source": source,
            "page_meta": self.shared(("meta", meta), lambda: meta), "t": self.t, **extra,
        }
        return PageSpec(path, template, source, context)

    def entry_pages(self, kind: Kind) -> list[PageSpec]:
        """The page of every entry of one kind, with what its layout shows beside it."""
        entries, links = getattr(self.site, kind.attribute), self.site.links
        crumbs = self.crumbs(*self.trail(kind))
        pages = []
        for index, entry in enumerate(entries):
            extra = {name: getattr(links, mapping)[entry.id] for name, mapping in kind.related}
            if kind.numbered:
                extra.update(number=index + 1, previous=entries[index - 1] if index > 0 else None,
                             next=entries[index + 1] if index + 1 < len(entries) else None)
            pages.append(self.page(entry.url, entry.title, entry.summary, kind.layout, entry.path,
                                   crumbs, **{kind.variable: entry}, **extra))
        return pages

    def pagination(self, section: str, number: int, total: int) -> dict | None:
        """govukPagination parameters for page ``number`` of ``total`` (None for a single page).

        The first, last, current and next-door pages by number, an ellipsis for each gap of more
        than one page, and previous and next links.
        """
        if total == 1:
            return None

        def link(n: int) -> str:
            return self.href(list_page_url(section, n))

        t = self.t
        params = {"items": _pagination_items(number, total, link, t),
                  "landmarkLabel": t("pages_of")}
        if number > 1:
            params["previous"] = {"href": link(number - 1), "html": self._arrow_text("previous_page")}
        if number < total:
            params["next"] = {"href": link(number + 1), "html": self._arrow_text("next_page")}
        return params

    def _arrow_text(self, key: str) -> Markup:
        """'Previous' or 'Next' and, for screen readers, 'page' (as GOV.UK's own words are)."""
        return Markup('{}<span class="govuk-visually-hidden"> {}</span>').format(
            self.t(key), self.t("page_hidden"))


def _navigation_items(navigation, targets, state, href) -> list[dict]:
    items = []
    for link, target, (current, active) in zip(navigation, targets, state):
        item = {"href": href(target) if target is not None else link.url, "text": link.text}
        if current:
            item["current"] = True
        elif active:
            item["active"] = True
        items.append(item)
    return items


def _pagination_items(number: int, total: int, link, t) -> list[dict]:
    shown = sorted({1, number - 1, number, number + 1, total} & set(range(1, total + 1)))
    items, last = [], 0

    def item(n: int) -> dict:
        return {"number": n, "href": link(n), "visuallyHiddenText": t("page_number", number=n)}

    for n in shown:
        if n - last == 2:  # a gap of one page shows that page
            items.append(item(n - 1))
        elif n - last > 2:
            items.append({"ellipsis": True})
        items.append({**item(n), "current": True} if n == number else item(n))
        last = n
    return items


def navigation_links(site: Site) -> tuple[Link, ...]:
    """site.yaml's navigation or, when it has none, each section's list page (news if there is any)."""
    if site.config.navigation:
        return site.config.navigation
    sections = site.config.sections
    shown = (sections.objectives, sections.principles, sections.case_studies,
             *((sections.news,) if site.news else ()))
    return tuple(Link(section.plural, "/" + section.url) for section in shown)


def _case_study_list_pages(planner: Planner) -> list[PageSpec]:
    """The case study list, CASE_STUDIES_PER_PAGE to a page.

    Each page gets only its own case studies and their principles (not the whole site), so an edit
    renders again only the list page that shows it.
    """
    site, per_page, t = planner.site, CASE_STUDIES_PER_PAGE, planner.t
    cases, total = site.case_studies, list_page_count(len(site.case_studies))
    section = planner.sections.case_studies
    description = t("case_studies_description", site=site.config.name)
    specs = []
    for number in range(1, total + 1):
        shown = cases[(number - 1) * per_page:number * per_page]
        first = (number - 1) * per_page + 1
        specs.append(planner.page(
            list_page_url(section.path, number),
            section.name if total == 1
            else t("list_page_title", title=section.name, number=number, total=total),
            description, "layouts/case-studies.html", "content/case-studies",
            planner.crumbs() if number == 1 else planner.crumbs((section.name, section.url)),
            heading=section.name, case_studies=shown,
            principles_of={c.id: site.links.principles_of[c.id] for c in shown},
            pagination=planner.pagination(section.path, number, total),
            showing=(first, first + len(shown) - 1, len(cases)) if total > 1 else None,
        ))
    return specs


def _special_pages(planner: Planner) -> tuple[list[PageSpec], list[PageSpec], list[PageSpec]]:
    """The pages planned by hand: (home and the first lists, the news list, the 404 page)."""
    site, name, t, sections = planner.site, planner.config.name, planner.t, planner.sections
    home, crumbs = site.home, planner.crumbs()
    first = [
        planner.page("", home.title, home.summary, "layouts/home.html", home.path, None, home=home),
        planner.page(sections.objectives.url, sections.objectives.name,
                     t.count("objectives_description", len(site.objectives), site=name),
                     "layouts/objectives.html", "content/objectives", crumbs),
        planner.page(sections.principles.url, sections.principles.name,
                     t.count("principles_description", len(site.principles), site=name),
                     "layouts/principles.html", "content/principles", crumbs),
        *_case_study_list_pages(planner),
    ]
    news = [planner.page(sections.news.url, sections.news.name, t("news_description", site=name),
                         "layouts/news.html", "content/news", crumbs)] if site.news else []
    missing = [planner.page("404.html", t("not_found_title"), t("not_found_description"),
                            "layouts/404.html", "templates/layouts/404.html", None)]
    return first, news, missing


def plan_pages(site: Site, memo: dict | None = None) -> list[PageSpec]:
    """Every page of the site, in a fixed order (the sitemap's), with the data its layout needs."""
    planner = Planner(site, memo)
    first, news, missing = _special_pages(planner)
    pages = first
    for kind in (OBJECTIVE, PRINCIPLE, CASE_STUDY):
        pages += planner.entry_pages(kind)
    pages += news
    for kind in (NEWS, PAGE):
        pages += planner.entry_pages(kind)
    return pages + missing
