"""The one Jinja environment: escaping on, strict undefined, and the filters every template shares.

Templates are looked up in the site's folder, then the engine's, then GOV.UK Frontend's.
"""

from __future__ import annotations

import datetime as dt
from collections import ChainMap
from itertools import chain
from pathlib import Path

import jinja2
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader, StrictUndefined
from markupsafe import Markup

from ..words import ENGLISH, Words
from .shared import SharedFragments

# The hash of GOV.UK Frontend's one inline script (the "js-enabled" snippet in its page template).
# A test recomputes it from the rendered page, so a change of template cannot slip past the policy.
FRONTEND_SNIPPET_HASH = "sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw="
CSP = (
    "default-src 'self'; "
    f"script-src 'self' '{FRONTEND_SNIPPET_HASH}'; "
    "style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
SUMMARY_MACRO = ("components/case-study-summary.html", "appCaseStudySummary")


class ParamsUndefined(StrictUndefined):
    """Strict everywhere except a missing key of a macro's ``params`` dict, which is empty.

    GOV.UK Frontend's macros test optional parameters with ``{% if params.x %}``, so a missing key
    in a parameters dict must be falsy. Anything else that is undefined (a misspelt variable, a
    missing attribute of a model object) still fails the build with the template's name and line.
    """

    def __init__(self, hint=None, obj=jinja2.utils.missing, name=None,
                 exc=jinja2.exceptions.UndefinedError):
        super().__init__(hint, obj, name, exc)
        # Also lenient: 'caller' in a macro used without {% call %} (GOV.UK's macros test it with
        # {% if caller %}).
        self._lenient = (isinstance(obj, dict)
                         or (isinstance(obj, ParamsUndefined) and obj._lenient)
                         or name == "caller")

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


def format_date(value: dt.date, words: Words = ENGLISH) -> str:
    """A date in GOV.UK style, its month from the table of strings: 14 March 2022."""
    return words.date(value)


@jinja2.pass_context
def date_filter(context, value: dt.date) -> str:
    """The date filter: a date in the page's words (``t``, which every page reads in base.html)."""
    return format_date(value, context["t"])


# The link filters read config from the page's context, which template_reads (incremental.py)
# cannot see; every page reads config itself through base.html, so the preview's reuse key holds it
# all the same.
@jinja2.pass_context
def href(context, entry, base: str | None = None) -> str:
    """The root-relative link, base path first, to an entry's page or a URL relative to the site.

    ``base``: the base path, for a macro rendered without the page's context (appCaseStudySummary).
    """
    url = entry if isinstance(entry, str) else entry.url
    return f"{context['config'].base_path if base is None else base}/{url}"


@jinja2.pass_context
def absolute_url(context, url: str) -> str:
    """A URL relative to the base URL, made absolute: 'feed.xml' -> '<base URL>feed.xml'."""
    return context["config"].base_url + url


@jinja2.pass_context
def link_items(context, entries, text: str = "title") -> list[dict]:
    """[{text, href}] for entries, as GOV.UK's and our macros take links (``text``: the field)."""
    return [{"text": getattr(entry, text), "href": href(context, entry)} for entry in entries]


@jinja2.pass_context
def setting_links(context, links) -> list[dict]:
    """[{href, text}] for links from site.yaml, with the base path before a page of this site.

    A URL starting with '/' is a page of this site; any other URL is used as it is.
    """
    base = context["config"].base_path
    return [{"href": base + link.url if link.url.startswith("/") else link.url, "text": link.text}
            for link in links]


@jinja2.pass_context
def neighbour(context, entry, text: str, label: str = "title") -> dict | None:
    """appPreviousNext's previous or next: {text, label, href} for the entry before or after.

    ``label`` is the field shown; None when there is no such entry.
    """
    if entry is None:
        return None
    return {"text": text, "label": getattr(entry, label), "href": href(context, entry)}


def anchor_links(headings) -> list[dict]:
    """[{text, href}] linking to headings on the same page ('#' and the id), for a contents list."""
    return [{"text": heading.text, "href": f"#{heading.id}"} for heading in headings]


def text_items(values) -> list[dict]:
    """[{text}] for plain strings, as GOV.UK's macros take list items (an error summary's list)."""
    return [{"text": value} for value in values]


def summary_macro(env: Environment):
    """The appCaseStudySummary macro, looked up when used, so a broken template fails at render."""
    return getattr(env.get_template(SUMMARY_MACRO[0]).module, SUMMARY_MACRO[1])


def plain_summaries(env: Environment):
    """case_study_summaries(cases, base, heading_level, principles_of): the summaries, joined.

    The words (``t``) come from the page's context, which every page reads in base.html.
    """
    @jinja2.pass_context
    def case_study_summaries(context, cases, base: str, heading_level: int | None = None,
                             principles_of=None) -> Markup:
        """Every case study's summary, joined."""
        macro, words = summary_macro(env), context["t"]
        return Markup("".join(
            str(macro(summary_params(case, base, heading_level,
                                     principles_of[case.id] if principles_of else None, words)))
            for case in cases))
    return case_study_summaries


def summary_params(case, base: str, heading_level: int | None, principles, words: Words) -> dict:
    """appCaseStudySummary's params for one case study (principles: shown when not None)."""
    params = {"caseStudy": case, "base": base, "headingLevel": heading_level, "t": words}
    if principles is not None:
        params["principles"] = principles
    return params


class TemplateGlobals(ChainMap):
    """A template's globals over the environment's, as Jinja keeps them, with keys() made in C.

    Jinja compares a page's globals with an imported template's (``ctx.globals_keys -
    template.globals.keys()``) at every ``{% import %}`` and ``{% from ... import %}``, and GOV.UK's
    macros import others each time they are called: on a ChainMap's own keys() that difference is a
    Python loop, which cost about a tenth of the render stage.
    """

    def keys(self):
        return dict.fromkeys(chain.from_iterable(self.maps)).keys()


class SiteEnvironment(Environment):
    """Jinja's environment, its templates' globals a TemplateGlobals."""

    def make_globals(self, d):
        return TemplateGlobals({} if d is None else d, self.globals)


def make_environment(templates: Path | list[Path], summaries=plain_summaries,
                     share: bool = True) -> Environment:
    """The one Jinja environment: template folders in order (the site's first), then GOV.UK's.

    ``summaries`` makes the case_study_summaries global (the preview's remembers each summary).
    ``share``: whether {% shared %} parts of a page are rendered once (shared.py); off, every page
    renders them itself, to the same bytes.
    """
    folders = [templates] if isinstance(templates, Path) else list(templates)
    loader = ChoiceLoader([
        *(FileSystemLoader(str(folder)) for folder in folders),
        PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    ])
    # auto_reload off: templates do not change during a build (the preview makes a new environment
    # when they do), and checking each template's file on every use costs a stat call per include.
    # cache_size -1: a plain dict of compiled templates (a site has a few dozen), not an LRU cache
    # with a lock, which every include and import looks templates up in.
    env = SiteEnvironment(loader=loader, autoescape=True, undefined=ParamsUndefined, auto_reload=False,
                          cache_size=-1, extensions=[SharedFragments])
    env.share_fragments = share
    env.filters.update(date=date_filter, href=href, links=link_items, absolute_url=absolute_url,
                       setting_links=setting_links, neighbour=neighbour, anchor_links=anchor_links,
                       text_items=text_items)
    env.filters["number"] = lambda value: f"{value:,}"  # 4,003, as GOV.UK writes numbers
    env.globals["case_study_summaries"] = summaries(env)
    # A constant of ours with no user text: its quotes need no escaping.
    env.globals["csp"] = Markup(CSP)
    return env
