"""Words: what the site calls its sections (site.yaml's `sections:`) and the text it prints (`strings:`).

The text comes from one table per language (english.py), changed key by key by `strings:`; a page
reads it as ``t('key', value=...)``. Sections give every word a page prints about them, and their
paths give every entry's web address.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import english
from .errors import Problem, did_you_mean
from .schema import Field, FieldType, Id, Record, Text

# Each language's table of strings and default section words, by language code ('en', 'en-GB').
TABLES = {"en": english}
SECTION_KEYS = ("objectives", "principles", "case_studies", "news")
# Where each section lives when site.yaml does not move it: today's web addresses.
DEFAULT_PATHS = {"objectives": "objectives", "principles": "principles",
                 "case_studies": "case-studies", "news": "news"}
# Paths the site uses for other things, so no section can live there.
RESERVED_PATHS = frozenset({"assets", "404", "sitemap", "feed"})
# The words of a section a string may use, as {objectives.lower_plural} and so on.
WORD_FORMS = ("name", "singular", "plural", "lower_name", "lower_singular", "lower_plural")


def lower_first(text: str) -> str:
    """Text as it reads inside a sentence: 'Design principles' -> 'design principles'.

    A first word in capitals, such as 'GDS principles', is a name and stays as it is.
    """
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class Section:
    """What the site calls one section of content, and the first part of its web addresses."""

    key: str         # as in site.yaml and the Site: 'case_studies'
    name: str        # its list's title: 'Case studies'
    singular: str    # one of them: 'Case study'
    plural: str      # several of them in a phrase: 'Related case studies'
    path: str        # its web addresses: case-studies/<id>/

    @property
    def url(self) -> str:
        """Its list page, relative to the base URL: 'case-studies/'."""
        return f"{self.path}/"

    @property
    def lower_name(self) -> str:
        """The name inside a sentence."""
        return lower_first(self.name)

    @property
    def lower_singular(self) -> str:
        """The singular inside a sentence."""
        return lower_first(self.singular)

    @property
    def lower_plural(self) -> str:
        """The plural inside a sentence."""
        return lower_first(self.plural)

    @property
    def article(self) -> str:
        """'a' or 'an' before the singular inside a sentence (by its first letter)."""
        return "an" if self.lower_singular[:1] in ("a", "e", "i", "o") else "a"

    @property
    def command(self) -> str:
        """The singular as `new` takes it: 'Design principle' -> 'design-principle'."""
        return "-".join(self.singular.lower().split())


@dataclass(frozen=True)
class Sections:
    """The four sections of content, as the site names them."""

    objectives: Section
    principles: Section
    case_studies: Section
    news: Section

    def of(self, key: str) -> Section:
        """The section keyed 'objectives', 'principles', 'case_studies' or 'news'."""
        return getattr(self, key)

    def path(self, key: str, default: str | None = None) -> str | None:
        """Where a section lives ('case-studies'); ``default`` for a key that is not a section."""
        return self.of(key).path if key in SECTION_KEYS else default

    def all(self) -> tuple[Section, ...]:
        """Every section, in the order of SECTION_KEYS."""
        return tuple(self.of(key) for key in SECTION_KEYS)


def table(language: str):
    """The module holding a language's strings (English when there is none for it)."""
    return TABLES.get(language.split("-")[0].lower(), english)


def make_sections(given: dict | None, language: str = "en") -> Sections:
    """The sections from site.yaml's checked `sections:` values (None: all defaults).

    An unset word is the language's default, except that 'plural' is the 'name' when only the name
    is given.
    """
    defaults = table(language).SECTIONS
    made = {}
    for key in SECTION_KEYS:
        words = {**defaults[key]}
        own = {k: v for k, v in ((given or {}).get(key) or {}).items() if v is not None}
        if "name" in own and "plural" not in own:
            words["plural"] = own["name"]
        words.update(own)
        path = words.pop("path", DEFAULT_PATHS[key])
        made[key] = Section(key, words["name"], words["singular"], words["plural"], path)
    return Sections(**made)


DEFAULT_SECTIONS = make_sections(None)


@dataclass(frozen=True)
class Words:
    """Every string a page prints (the table, with the site's own changes) and the sections."""

    texts: tuple[tuple[str, str], ...]
    sections: Sections = DEFAULT_SECTIONS

    def __post_init__(self):
        # Lookups made from the compared fields, so they can never disagree with them.
        object.__setattr__(self, "_by_key", dict(self.texts))
        object.__setattr__(self, "_words", {s.key: s for s in self.sections.all()})

    def text(self, key: str) -> str:
        """The string for ``key`` as written, placeholders and all."""
        try:
            return self._by_key[key]
        except KeyError:
            raise ValueError(f"there is no string '{key}'{did_you_mean(key, self._by_key)}") from None

    def __call__(self, key: str, **values) -> str:
        """The string for ``key``, its placeholders filled from ``values`` and the sections."""
        try:
            return self.text(key).format(**self._words, **values)
        except KeyError as missing:
            raise ValueError(f"the string '{key}' needs a value for {{{missing.args[0]}}}") from None

    def count(self, key: str, count: int, **values) -> str:
        """The string for ``key`` (or ``key_one`` when ``count`` is 1 and there is one), with count."""
        one = f"{key}_one"
        return self(one if count == 1 and one in self._by_key else key, count=count, **values)

    def html(self, key: str, **values) -> Markup:
        """The string as HTML: its text escaped, values escaped unless they are HTML already."""
        return escape(self.text(key)).format(**self._words, **values)

    def date(self, day: dt.date) -> str:
        """A date as GOV.UK writes it: 14 March 2022."""
        return self("date", day=day.day, month=self(f"month_{day.month}"), year=day.year)


def english_words(sections: Sections = DEFAULT_SECTIONS) -> Words:
    """The English table, unchanged."""
    return Words(tuple(english.STRINGS.items()), sections)


ENGLISH = english_words()


# --- site.yaml's `sections:` and `strings:`, checked with a line for every mistake ---

SECTION_RECORD = Record(fields=(
    Field("name", Text(max_length=60), required=False,
          doc="the section's name: its list page's title, its breadcrumb and its heading"),
    Field("singular", Text(max_length=60), required=False,
          doc="one of them, as in 'Mission 1', 'Previous mission' and `new mission`"),
    Field("plural", Text(max_length=60), required=False,
          doc="several of them in a phrase, as in 'Related missions' (default: the name)"),
    Field("path", Id(), required=False,
          doc="the first part of its web addresses, as in /missions/<id>/"),
))
SECTIONS_RECORD = Record(fields=tuple(
    Field(key, SECTION_RECORD, required=False, doc=f"what the site calls its {words['plural'].lower()}")
    for key, words in english.SECTIONS.items()))


@dataclass(frozen=True)
class StringTable(FieldType):
    """site.yaml's `strings:`: a mapping of string keys (those of the English table) to text."""

    label = "a mapping of 'key: text' lines"

    def check(self, value, line, name):
        """The site's strings by key; unknown keys, text that is not text, and broken placeholders."""
        if not isinstance(value, dict):
            return self._wrong(value, line, name)
        lines = getattr(value, "lines", {})
        result, problems = {}, []
        for key, text in value.items():
            where, default = lines.get(key, line), default_string(key)
            if default is None:
                problems.append(Problem(where, _unknown_key(name, key)))
                continue
            checked, found = Text(max_length=400).check(text, where, f"{name}.{key}")
            found = found or _placeholder_problems(f"{name}.{key}", checked, default, where,
                                                   key not in english.STRINGS)
            problems.extend(found)
            if not found:
                result[key] = checked
        return result, problems

    def json(self):
        """An object of the known keys, each described by its English text."""
        return {"type": "object", "additionalProperties": False,
                "properties": {key: {"type": "string", "minLength": 1, "description": text}
                               for key, text in english.STRINGS.items()},
                "patternProperties": {"_one$": {"type": "string", "minLength": 1,
                                                "description": "the form of a string for a count of 1"}}}


def default_string(key) -> str | None:
    """The English text a site's string replaces; for 'x_one', that of 'x' if it has a {count}."""
    if not isinstance(key, str):
        return None
    if key in english.STRINGS:
        return english.STRINGS[key]
    base = english.STRINGS.get(key.removesuffix("_one"), "")
    return base if key.endswith("_one") and "{count}" in base else None


def _unknown_key(name: str, key) -> str:
    base = str(key).removesuffix("_one")
    if str(key).endswith("_one") and base in english.STRINGS:
        return (f"'{name}' has no string '{key}': only a string with a {{count}} can have a form for 1, "
                f"and '{base}' has none")
    hint = did_you_mean(str(key), english.STRINGS)
    return (f"'{name}' has no string '{key}'{hint}"
            + ("" if hint else "; every string and its key is listed in docs/strings.md"))


def placeholders(text: str) -> list[tuple[str, str | None, str | None]]:
    """(name, conversion, format spec) of each placeholder in text; ValueError for a stray brace."""
    return [(name, conversion, spec or None)
            for _, name, spec, conversion in string.Formatter().parse(text) if name is not None]


def _placeholder_problems(name: str, text: str, default: str, line: int,
                          one: bool = False) -> list[Problem]:
    """What is wrong with the placeholders of a site's string, compared with the default's.

    ``one``: the string is a site's own form for a count of 1, which may leave out any of them.
    """
    try:
        found = placeholders(text)
    except ValueError:
        return [Problem(line, f"'{name}' has a '{{' or '}}' that is not part of a placeholder: "
                        "write {{ or }} for a brace itself")]
    for field, conversion, spec in found:
        if conversion or spec or not re.fullmatch(r"[a-z_]+(\.[a-z_]+)?", field):
            return [Problem(line, f"'{name}' has the placeholder {{{field}"
                            f"{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}, "
                            "which is not a name: write placeholders like {count}")]
        section, _, form = field.partition(".")
        if section in SECTION_KEYS and form not in WORD_FORMS:
            return [Problem(line, f"'{name}' has the placeholder {{{field}}}, which is not a word of "
                            f"the section: use one of {', '.join(WORD_FORMS)} after '{section}.'")]
    wanted, got = _values(placeholders(default)), _values(found)
    if got != wanted and not (one and got <= wanted):
        shown = " and ".join(", ".join(f"{{{v}}}" for v in sorted(wanted)).rsplit(", ", 1)) or "none"
        return [Problem(line, f"'{name}' must have the placeholders {shown}"
                        f"{' (or fewer)' if one else ''}, as '{default}' does")]
    return []


def _values(found) -> set[str]:
    """The placeholders a page fills in (not the section words, which every string may use)."""
    return {field for field, _, _ in found if field.split(".")[0] not in SECTION_KEYS}


def section_problems(sections: Sections, path_line) -> list[tuple[int, str]]:
    """(line, message) for section paths that are reserved or used by two sections."""
    problems, used = [], {}
    # Sections left where they were first, so a clash is reported where site.yaml moved one.
    for section in sorted(sections.all(), key=lambda s: s.path != DEFAULT_PATHS[s.key]):
        line = path_line(section.key)
        where = f"'sections.{section.key}.path' is '{section.path}'"
        if section.path in RESERVED_PATHS:
            problems.append((line, f"{where}, which is reserved for a part of the site; "
                             "choose another"))
        elif section.path in used:
            problems.append((line, f"{where}, which the {used[section.path]} section already uses; "
                             "each section needs a path of its own"))
        used.setdefault(section.path, section.key)
    return problems


def make_words(language: str, sections: Sections, strings: dict | None) -> Words:
    """The language's table with the site's own strings in place of its defaults."""
    texts = {**table(language).STRINGS, **(strings or {})}
    return Words(tuple(texts.items()), sections)


def strings_markdown() -> str:
    """docs/strings.md: every key of the English table with its text (scripts/strings_doc.py writes it)."""
    rows = [f"| `{key}` | {text} |" for key, text in english.STRINGS.items()]
    forms = ", ".join(f"`{form}`" for form in WORD_FORMS)
    return "\n".join([
        "# The strings a site prints",
        "",
        "Every fixed phrase of the site's pages, by key, with its English text. Change any of them in",
        "`content/site.yaml` (each key you leave out keeps its text here):",
        "",
        "```yaml",
        "strings:",
        '  last_updated: "Page last changed {date}"',
        "  leaders: What people say",
        "```",
        "",
        "A `{placeholder}` such as `{count}`, `{site}` or `{date}` is filled in by the page: your",
        "text must have the same ones. `{objectives.lower_plural}` and the like are the words of a",
        "section, from `sections:`; any string may use any of them: `objectives`, `principles`,",
        "`case_studies` or `news`, then a dot and one of",
        f"{forms}.",
        "",
        "A key ending in `_one` is the form used when `{count}` is 1: you may add one for any string",
        "with a `{count}`, such as `home_objectives_one: Our mission`. Write `{{` or `}}` for a brace.",
        "",
        "This file is made from `microsite/english.py` by `scripts/strings_doc.py`; a test fails while",
        "they differ.",
        "",
        "| Key | English |",
        "| --- | --- |",
        *rows,
        "",
    ])
