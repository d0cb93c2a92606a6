"""Render stage: the Jinja environment, the list of pages, and render_site(site) -> {output path: bytes}."""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader, StrictUndefined

from .errors import ContentError
from .model import CASE_STUDIES_PER_PAGE, Site, list_page_count, list_page_url
from .provenance import page_meta

# The hash of GOV.UK Frontend's one inline script (the "js-enabled" snippet in its page template).
# A test recomputes it from the rendered page, so a change of template cannot slip past the policy.
FRONTEND_SNIPPET_HASH = "sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw="
CSP = (
    "default-src 'self'; "
    f"script-src 'self' '{FRONTEND_SNIPPET_HASH}'; "
    "style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
# Variables GOV.UK Frontend's page template reads but this site does not always set.
TEMPLATE_DEFAULTS = (
    "htmlClasses", "htmlLang", "pageTitleLang", "themeColor", "assetPath", "assetUrl", "opengraphImageUrl",
    "bodyClasses", "bodyAttributes", "cspNonce", "headerClasses", "headerAttributes", "serviceName",
    "serviceUrl", "containerClasses", "containerAttributes", "mainClasses", "mainLang", "mainAttributes",
    "footerClasses", "footerAttributes",
)


_UNSET = dict.fromkeys(TEMPLATE_DEFAULTS)


class ParamsUndefined(StrictUndefined):
    """Strict everywhere except a missing key of a macro's ``params`` dict, which is empty.

    GOV.UK Frontend's macros test optional parameters with ``{% if params.x %}``, so a missing key in a
    parameters dict must be falsy. Anything else that is undefined (a misspelt variable, a missing
    attribute of a model object) still fails the build with the template's name and line.
    """

    def __init__(self, hint=None, obj=jinja2.utils.missing, name=None, exc=jinja2.exceptions.UndefinedError):
        super().__init__(hint, obj, name, exc)
        # Also lenient: 'caller' in a macro used without {% call %} (GOV.UK's macros test it with {% if caller %}).
        self._lenient = isinstance(obj, dict) or (isinstance(obj, ParamsUndefined) and obj._lenient) or name == "caller"

    def _strict(method):
        def guard(self, *args, **kwargs):
            if self._lenient:
                return method(self, *args, **kwargs)
            return self._fail_with_undefined_error()
        return guard

    __str__ = _strict(lambda self: "")
    __iter__ = _strict(lambda self: iter(()))
    __len__ = _strict(lambda self: 0)
    __bool__ = _strict(lambda self: False)
    __eq__ = _strict(lambda self, other: type(self) is type(other))
    __ne__ = _strict(lambda self, other: type(self) is not type(other))
    __contains__ = _strict(lambda self, item: False)
    __hash__ = _strict(lambda self: id(type(self)))
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if self._lenient:
            return ParamsUndefined(obj=self, name=name)
        return self._fail_with_undefined_error()

    __getitem__ = _strict(lambda self, name: ParamsUndefined(obj=self, name=name))
    del _strict


@dataclass(frozen=True)
class PageSpec:
    """One page to render: where it goes, which layout, the content file it comes from, and its data."""

    path: str
    template: str
    source: str
    context: dict[str, Any] = field(hash=False, compare=False)


def format_date(value: dt.date) -> str:
    """A date in GOV.UK style: 14 March 2022."""
    return f"{value.day} {value:%B %Y}"


SUMMARY_MACRO = ("components/case-study-summary.html", "appCaseStudySummary")
SUMMARY_CACHE_LIMIT = 100_000
RUN = 64  # case studies per remembered run of summaries
_ID = operator.attrgetter("id")


def _summaries(env: Environment):
    """case_study_summaries(cases, base, heading_level, principles_of): the appCaseStudySummary of every case
    study in a list, joined, each one remembered for as long as the templates are unchanged.

    A list of thousands of case studies is made on every rebuild of the preview. Looping over it in a
    template costs far more than the few summaries that changed, so the loop is here: a summary is made
    again only when its case study entry, its principles (when shown), the base path or the heading level
    differ from last time. Unchanged entries are the very same objects from build to build (the model
    reuses them), so the check is mostly an identity test.
    """
    caches: dict[tuple, dict] = {}  # (base, heading level, with principles) -> id(case) -> (case, principles, html)
    runs: dict[tuple, tuple] = {}    # (options, ids of a run of cases) -> (the cases, their principles, html)

    def summary(cache: dict, case, principles, base: str, heading_level: int | None) -> str:
        kept = cache.get(id(case))
        if kept is None or kept[0] is not case or kept[1] != principles:
            macro = getattr(env.get_template(SUMMARY_MACRO[0]).module, SUMMARY_MACRO[1])
            params = {"title": case.title, "href": f"{base}/{case.url}", "summary": case.summary, "headingLevel": heading_level}
            if principles is not None:
                params["principles"] = [{"text": p.name, "href": f"{base}/{p.url}"} for p in principles]
            kept = cache[id(case)] = (case, principles, str(macro(params)))
        return kept[2]

    def case_study_summaries(cases, base: str, heading_level: int | None = None, principles_of=None) -> Markup:
        options = (base, heading_level, principles_of is not None)
        cache = caches.setdefault(options, {})
        if len(cache) > SUMMARY_CACHE_LIMIT or len(runs) > SUMMARY_CACHE_LIMIT // RUN:
            cache.clear()
            runs.clear()
        cases, parts = tuple(cases), []
        for start in range(0, len(cases), RUN):
            # A run of cases unchanged since last time (the same objects, with the same principles) is
            # reused whole; checking it is done in C (map, tuple comparison), not item by item in Python.
            run = cases[start:start + RUN]
            principles = tuple(map(principles_of.__getitem__, map(_ID, run))) if principles_of is not None else None
            key = (options, tuple(map(id, run)))
            kept = runs.get(key)
            if kept is None or kept[0] != run or kept[1] != principles:
                html = "".join(summary(cache, case, principles[n] if principles else None, base, heading_level)
                               for n, case in enumerate(run))
                kept = runs[key] = (run, principles, html)
            parts.append(kept[2])
        return Markup("".join(parts))
    return case_study_summaries


def make_environment(templates: Path) -> Environment:
    """The one Jinja environment: our templates first, then GOV.UK Frontend's, escaping on, strict."""
    loader = ChoiceLoader([
        FileSystemLoader(str(templates)),
        PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    ])
    # auto_reload off: templates do not change during a build (the preview makes a new environment when
    # they do), and checking each template's file on every use costs a stat call per include.
    env = Environment(loader=loader, autoescape=True, undefined=ParamsUndefined, auto_reload=False)
    env.filters["date"] = format_date
    env.filters["number"] = lambda value: f"{value:,}"  # 4,003, as GOV.UK writes numbers
    env.globals["case_study_summaries"] = _summaries(env)
    env.globals["csp"] = Markup(CSP)  # a constant of ours with no user text: its quotes need no escaping
    return env


def href(site: Site, url: str) -> str:
    """A root-relative link to a page of the site, including the base path ('' is the home page)."""
    return f"{site.config.base_path}/{url}"


# Pages of one section share one navigation list and one breadcrumb list (never changed after they are
# made), so thousands of pages cost one list each, and the preview's page keys can hash each list once.
_SHARED: dict[tuple, tuple] = {}


def _shared(config, key: tuple, make) -> list[dict]:
    kept = _SHARED.get((id(config), key))
    if kept is None or kept[0] is not config:
        if len(_SHARED) > 1000:
            _SHARED.clear()
        kept = _SHARED[(id(config), key)] = (config, make())
    return kept[1]


def _navigation(site: Site, url: str) -> list[dict]:
    """Service navigation items; the section holding this page is active, the page itself current.

    Remembered per page address for as long as the settings are the same object (the preview keeps them
    from build to build), so a rebuild of thousands of pages looks each list up instead of working it out.
    """
    config = site.config
    kept = _NAVIGATION.get(url)
    if kept is not None and kept[0] is config:
        return kept[1]
    targets = _shared(config, ("navigation targets",), lambda: [
        link.url.lstrip("/") if link.url.startswith("/") else None for link in config.navigation])
    state = tuple((t is not None and t == url, t is not None and bool(t) and url.startswith(t) and t != url) for t in targets)
    items = _shared(config, ("navigation", state), lambda: _navigation_items(site, targets, state))
    if len(_NAVIGATION) > 100_000:
        _NAVIGATION.clear()
    _NAVIGATION[url] = (config, items)
    return items


_NAVIGATION: dict[str, tuple] = {}


def _navigation_items(site: Site, targets, state) -> list[dict]:
    items = []
    for link, target, (current, active) in zip(site.config.navigation, targets, state):
        item = {"href": href(site, target) if target is not None else link.url, "text": link.text}
        if current:
            item["current"] = True
        elif active:
            item["active"] = True
        items.append(item)
    return items


def _crumbs(site: Site, *trail: tuple[str, str]) -> list[dict]:
    return _shared(site.config, ("crumbs", trail), lambda: [{"text": "Home", "href": href(site, "")}] + [
        {"text": text, "href": href(site, url)} for text, url in trail])


def _page(site: Site, url: str, title: str, description: str, template: str, source: str, crumbs, **extra) -> PageSpec:
    config = site.config
    full_title = config.name if url == "" else f"{title} – {config.name}"
    path = "404.html" if url == "404.html" else f"{url}index.html"
    context = {
        **_UNSET,  # every page template variable GOV.UK's template reads, unset
        "site": site, "config": config, "url": url, "title": title, "full_title": full_title,
        "description": description, "canonical": None if url == "404.html" else config.base_url + url,
        "navigation": _navigation(site, url), "breadcrumbs": crumbs, "source": source,
        "page_meta": page_meta(site, source), **extra,
    }
    return PageSpec(path, template, source, context)


def _case_study_list_pages(site: Site) -> list[PageSpec]:
    """The case study list, CASE_STUDIES_PER_PAGE to a page. Each page gets only its own case studies and
    their principles (not the whole site), so an edit renders again only the list page that shows it."""
    cases, links, per_page = site.case_studies, site.links, CASE_STUDIES_PER_PAGE
    total = list_page_count(len(cases))
    description = f"Case studies that show the principles of the {site.config.name} in action."
    specs = []
    for number in range(1, total + 1):
        shown = cases[(number - 1) * per_page:number * per_page]
        title = "Case studies" if total == 1 else f"Case studies (page {number} of {total})"
        specs.append(_page(
            site, list_page_url("case-studies", number), title, description, "layouts/case-studies.html",
            "content/case-studies", _crumbs(site) if number == 1 else _crumbs(site, ("Case studies", "case-studies/")),
            heading="Case studies", case_studies=shown, principles_of={c.id: links.principles_of[c.id] for c in shown},
            pagination=_pagination(site, "case-studies", number, total),
            showing=((number - 1) * per_page + 1, (number - 1) * per_page + len(shown), len(cases)) if total > 1 else None,
        ))
    return specs


def _pagination(site: Site, section: str, number: int, total: int) -> dict | None:
    """govukPagination parameters for page ``number`` of ``total``: the first, last, current and next-door
    pages by number, an ellipsis for each gap of more than one page, and previous and next links."""
    if total == 1:
        return None
    link = lambda n: href(site, list_page_url(section, n))
    shown = sorted({1, number - 1, number, number + 1, total} & set(range(1, total + 1)))
    items, last = [], 0
    for n in shown:
        if n - last == 2:
            items.append({"number": n - 1, "href": link(n - 1)})  # a gap of one page shows that page
        elif n - last > 2:
            items.append({"ellipsis": True})
        items.append({"number": n, "href": link(n), "current": True} if n == number else {"number": n, "href": link(n)})
        last = n
    params = {"items": items, "landmarkLabel": "Pages of case studies"}
    if number > 1:
        params["previous"] = {"href": link(number - 1)}
    if number < total:
        params["next"] = {"href": link(number + 1)}
    return params


def _neighbours(items, index):
    previous = items[index - 1] if index > 0 else None
    following = items[index + 1] if index + 1 < len(items) else None
    return previous, following


def plan_pages(site: Site) -> list[PageSpec]:
    """Every page of the site, in a fixed order, with the data its layout needs."""
    config, links = site.config, site.links
    home = site.home
    pages = [
        _page(site, "", home.title, home.summary, "layouts/home.html", home.path, None, home=home),
        _page(site, "objectives/", "Strategic objectives", f"The {len(site.objectives)} strategic objectives of the {config.name}.", "layouts/objectives.html", "content/objectives", _crumbs(site)),
        _page(site, "principles/", "Guiding principles", f"The {len(site.principles)} guiding principles of the {config.name}.", "layouts/principles.html", "content/principles", _crumbs(site)),
    ]
    pages += _case_study_list_pages(site)
    for index, objective in enumerate(site.objectives):
        previous, following = _neighbours(site.objectives, index)
        pages.append(_page(
            site, objective.url, objective.title, objective.summary, "layouts/objective.html", objective.path,
            _crumbs(site, ("Strategic objectives", "objectives/")), objective=objective, number=index + 1,
            case_studies=links.case_studies_for_objective[objective.id],
            principles=links.principles_for_objective[objective.id], previous=previous, next=following,
        ))
    for index, principle in enumerate(site.principles):
        previous, following = _neighbours(site.principles, index)
        pages.append(_page(
            site, principle.url, principle.name, principle.summary, "layouts/principle.html", principle.path,
            _crumbs(site, ("Guiding principles", "principles/")), principle=principle, number=index + 1,
            case_studies=links.case_studies_for_principle[principle.id],
            objectives=links.objectives_for_principle[principle.id], previous=previous, next=following,
        ))
    for case in site.case_studies:
        pages.append(_page(
            site, case.url, case.title, case.summary, "layouts/case-study.html", case.path,
            _crumbs(site, ("Case studies", "case-studies/")), case_study=case,
            objectives=links.objectives_of[case.id], principles=links.principles_of[case.id],
        ))
    if site.news:
        pages.append(_page(site, "news/", "News", f"News about how the {config.name} is being used.", "layouts/news.html", "content/news", _crumbs(site)))
    for post in site.news:
        pages.append(_page(site, post.url, post.title, post.summary, "layouts/news-post.html", post.path, _crumbs(site, ("News", "news/")), post=post))
    for page in site.pages:
        pages.append(_page(site, page.url, page.title, page.summary, "layouts/page.html", page.path, _crumbs(site), page=page))
    pages.append(_page(site, "404.html", "Page not found", "The page you were looking for was not found.", "layouts/404.html", "templates/layouts/404.html", None))
    return pages


def _template_error(exc: Exception, spec: PageSpec, templates: Path) -> ContentError:
    """Name the template and line where rendering failed, and the content file being rendered."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        name, line = exc.filename or exc.name or "a template", exc.lineno or 1
    else:
        name, line = spec.template, 1
        tb = exc.__traceback__
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename.endswith(".html"):
                name, line = filename, tb.tb_lineno
            tb = tb.tb_next
    shown = _shown_template(name, templates)
    message = getattr(exc, "message", None) or str(exc)
    return ContentError(shown, line, f"template error while rendering {spec.source}: {message}")


def _shown_template(name: str, templates: Path) -> str:
    path = Path(name)
    try:
        return (templates.name / path.resolve().relative_to(templates.resolve())).as_posix()
    except ValueError:
        return name if not path.is_absolute() else f"{templates.name}/{name}"


def render_page(env: Environment, spec: PageSpec) -> bytes:
    """Render one page to UTF-8 bytes."""
    html = env.get_template(spec.template).render(spec.context)
    return html.encode("utf-8")


def render_site(site: Site, env: Environment, templates: Path, render=render_page, specs=None) -> tuple[dict[str, bytes], list[ContentError]]:
    """Render stage: every page in memory, or every template error; nothing is written here.

    ``render`` renders one page (default ``render_page``); the preview passes one that reuses unchanged pages.
    ``specs`` is the page plan when the caller already has it.
    """
    files, errors = {}, []
    for spec in plan_pages(site) if specs is None else specs:
        if spec.path in files:
            errors.append(ContentError(spec.source, 1, f"two pages would be written to {spec.path}; change one of their ids"))
            continue
        try:
            files[spec.path] = render(env, spec)
        except (jinja2.TemplateError, TypeError, AttributeError, ValueError, KeyError) as exc:
            errors.append(_template_error(exc, spec, templates))
    return files, errors

