"""Site settings: content/site.yaml checked against its schema into a frozen SiteConfig."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping
from urllib.parse import urlsplit

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from . import __version__
from .brand import DEFAULT_BRAND_COLOUR, LOGO_SCHEMA, Colour, Logo, brand_errors, brand_lines, make_logo
from .errors import ContentError
from .load import Document
from .schema import Boolean, Choice, Field, ListOf, Record, Text, Url, check_document
from .words import (
    ENGLISH,
    SECTIONS_RECORD,
    Sections,
    StringTable,
    Words,
    make_sections,
    make_words,
    section_problems,
)

LINK = Record(fields=(
    Field("text", Text(max_length=60), doc="the words of the link"),
    Field("url", Url(site_path=True),
          doc="a page of this site (starting with /) or a full https:// address"),
))

SITE_SCHEMA = Record(fields=(
    Field("name", Text(max_length=80),
          doc="the site's name, shown in the service navigation and page titles"),
    Field("organisation", Text(max_length=120),
          doc="the organisation that publishes the site, shown in the header"),
    Field("description", Text(max_length=300),
          doc="a one-sentence description of the site for search engines"),
    Field("base_url", Url(),
          doc="where the site is published, such as https://org.github.io/strategy/"),
    Field("language", Text(max_length=10), required=False,
          doc="the language of the content, default 'en'"),
    Field("phase", Choice(choices=("alpha", "beta", "none")),
          doc="the phase shown in the phase banner, or 'none'"),
    Field("phase_banner", Text(max_length=200), required=False, doc="the text of the phase banner"),
    Field("brand", Choice(choices=("generic", "govuk")),
          doc="'generic' for a site not on gov.uk (the default); "
              "'govuk' only for sites served on a gov.uk domain"),
    Field("theme_colour", Colour(), required=False,
          doc="the colour some browsers tint their toolbar with, like \"#0b0c0c\"; "
              "default: brand_colour"),
    Field("navigation", ListOf(item=LINK, min_items=1), required=False,
          doc="the links in the service navigation (default: each section's list page)"),
    Field("footer_links", ListOf(item=LINK), required=False,
          doc="the links at the foot of every page"),
    Field("licence", LINK, doc="the content licence shown in the footer"),
    Field("copyright", LINK, doc="the copyright line shown in the footer"),
    Field("repository", Url(), required=False,
          doc="the GitHub repository that holds the content, for 'View source' links"),
    Field("branch", Text(max_length=100), required=False,
          doc="the branch of the repository that is published, default 'main'"),
    Field("review_dates_are_errors", Boolean(), required=False,
          doc="make pages past their review date fail the check"),
    Field("engine", Text(max_length=100), required=False,
          doc="the engine versions this site needs, such as '>=0.2,<0.3'; "
              "a build with another version stops"),
    Field("brand_colour", Colour(), required=False,
          doc="the header's colour, like \"#00703c\", dark enough for white text (4.5:1); "
              "also the colour of the icons the build makes"),
    Field("logo", LOGO_SCHEMA, required=False,
          doc="an SVG or PNG logo in the site's assets/ folder, shown in the header"),
    Field("feed", Boolean(), required=False,
          doc="false to leave out feed.xml, the Atom feed of case studies and news; default true"),
    Field("sections", SECTIONS_RECORD, required=False,
          doc="what the site calls its objectives, principles, case studies and news, "
              "and the web address of each"),
    Field("strings", StringTable(), required=False,
          doc="the site's own words for fixed phrases it prints, by key (docs/strings.md lists them)"),
))


@dataclass(frozen=True)
class Link:
    """A link in the navigation or the footer."""

    text: str
    url: str


@dataclass(frozen=True)
class SiteConfig:
    """The checked site settings; ``base_url`` always ends in '/', ``base_path`` never does."""

    name: str
    organisation: str
    description: str
    base_url: str
    language: str
    phase: str
    phase_banner: str
    brand: str
    theme_colour: str
    navigation: tuple[Link, ...]
    footer_links: tuple[Link, ...]
    licence: Link
    copyright: Link
    repository: str
    branch: str
    review_dates_are_errors: bool
    brand_colour: str = ""          # '' when not set: the engine's own colours, unchanged
    logo: Logo | None = None
    feed: bool = True
    sections: Sections = ENGLISH.sections
    words: Words = ENGLISH
    path: str = "content/site.yaml"
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def line(self, key: str) -> int:
        """The line of a setting in site.yaml; 'navigation[2]' is the line of that link's url."""
        return self.lines.get(key, 1)

    @property
    def base_path(self) -> str:
        """base_url's path, no trailing slash: '' at a domain root, '/strategy' under one."""
        return urlsplit(self.base_url).path.rstrip("/")

    def with_base_url(self, base_url: str) -> "SiteConfig":
        """The same settings published at another address."""
        return dataclasses.replace(self, base_url=normalise_base_url(base_url))


def normalise_base_url(url: str) -> str:
    """Make a base URL end with exactly one '/'."""
    return url.strip().rstrip("/") + "/"


def check_base_url(url: str) -> str | None:
    """Return why a base URL given on the command line cannot be used, or None when it can."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return (f"the base URL '{url}' must be a full address starting with https:// (or http://), "
                "like https://org.github.io/strategy/")
    if parts.query or parts.fragment:
        return f"the base URL '{url}' must not have a query (?…) or fragment (#…)"
    return None


def engine_problem(wanted: str, version: str = __version__) -> str | None:
    """Why this engine cannot build a site that asks for ``wanted`` (a version range), or None."""
    try:
        allowed = SpecifierSet(wanted)
    except InvalidSpecifier:
        return (f"'engine' is '{wanted}', which is not a version range: "
                "write one like '>=0.2,<0.3' or '==0.2.0'")
    if allowed.contains(version, prereleases=True):
        return None
    return (f"this site needs engine version '{wanted}', but the installed engine is {version}: "
            f"install a matching version (pip install 'strategy-microsite{wanted}') "
            "or change 'engine'")


def load_config(document: Document) -> tuple[SiteConfig | None, list[ContentError]]:
    """Check site.yaml and build the SiteConfig; None when a required setting is unusable."""
    values, errors = check_document(SITE_SCHEMA, document.data, document.path)
    if values["engine"] and (problem := engine_problem(values["engine"])):
        errors.append(ContentError(document.path, document.data.lines.get("engine", 1), problem))
    if values["phase"] not in (None, "none") and not values["phase_banner"]:
        errors.append(ContentError(
            document.path, document.data.lines.get("phase", 1),
            f"'phase_banner' is required when 'phase' is '{values['phase']}'"))
    errors += brand_errors(values, document.data, document.path)
    sections, words = _words(values, document, errors)
    if errors:
        return None, errors
    return SiteConfig(
        name=values["name"],
        organisation=values["organisation"],
        description=values["description"],
        base_url=normalise_base_url(values["base_url"]),
        language=values["language"] or "en",
        phase=values["phase"],
        phase_banner=values["phase_banner"] or "",
        brand=values["brand"],
        theme_colour=values["theme_colour"] or values["brand_colour"] or DEFAULT_BRAND_COLOUR,
        navigation=_links(values["navigation"]),
        footer_links=_links(values["footer_links"]),
        licence=Link(**values["licence"]),
        copyright=Link(**values["copyright"]),
        repository=(values["repository"] or "").rstrip("/"),
        branch=values["branch"] or "main",
        review_dates_are_errors=bool(values["review_dates_are_errors"]),
        brand_colour=values["brand_colour"] or "",
        logo=make_logo(values["logo"]),
        feed=values["feed"] is not False,
        sections=sections, words=words, path=document.path,
        lines=MappingProxyType(_setting_lines(document.data)),
    ), []


def _words(values: dict, document: Document, errors: list) -> tuple[Sections, Words]:
    """The sections and strings the site sets (adding any clash of section paths to errors)."""
    language = values["language"] or "en"
    sections = make_sections(values["sections"], language)
    data = document.data
    given = data.get("sections") if isinstance(data.get("sections"), dict) else {}

    def path_line(key: str) -> int:
        section = given.get(key)
        lines = getattr(section, "lines", {}) if isinstance(section, dict) else {}
        return lines.get("path", getattr(given, "lines", {}).get(key, data.lines.get("sections", 1)))

    errors += [ContentError(document.path, line, message)
               for line, message in section_problems(sections, path_line)]
    return sections, make_words(language, sections, values["strings"])


def _links(items) -> tuple[Link, ...]:
    return tuple(Link(**item) for item in items or ())


def _setting_lines(data) -> dict[str, int]:
    lines = {**data.lines, **brand_lines(data)}
    for key in ("navigation", "footer_links"):
        for index, item in enumerate(data.get(key) or [], start=1):
            lines[f"{key}[{index}]"] = getattr(item, "lines", {}).get("url",
                                                                     getattr(item, "line", 1))
    return lines
