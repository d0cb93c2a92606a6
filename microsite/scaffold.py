"""`build.py new`: write a new content file with every required field, an id and today's date.

Fields the editor must write are marked TODO: the file builds at once (so it can be previewed), and
`build.py check` fails until every TODO is replaced.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .config import load_config
from .kinds import COMMANDS, KINDS, Kind
from .load import load_document, load_sources
from .model import file_id
from .validate import reserved_page_ids
from .words import DEFAULT_SECTIONS, SECTION_KEYS, Sections

MAX_ID = 80
MAX_NAME = 60  # a principle's name (kinds.PRINCIPLE's schema)


class ScaffoldError(Exception):
    """Why a new file was not written."""


@dataclass(frozen=True)
class Existing:
    """What the content already holds that a new file must fit with."""

    ids: dict[str, str]            # id -> file, in the new file's section
    orders: tuple[int, ...]        # 'order' numbers in the new file's section
    first_objective: str | None
    first_principle: str | None


def slugify(title: str) -> str:
    """An id for a web address: lower-case ASCII letters, digits and single hyphens; 80 at most."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-",
                  ascii_text.lower().replace("'", "").replace("’", "")).strip("-")
    if len(slug) > MAX_ID:
        slug = slug[:MAX_ID].rsplit("-", 1)[0] if "-" in slug[:MAX_ID] else slug[:MAX_ID]
    return slug


def _scalar(text: str) -> str:
    """Text as a YAML value, quoted only when YAML needs it."""
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("...\n").rstrip("\n")


def _first_by_order(documents) -> str | None:
    # The file's name is the id, whether or not the file repeats it.
    ordered = sorted(documents, key=lambda d: (
        d.data.get("order") if isinstance(d.data.get("order"), int) else 10**9, file_id(d.path)))
    return file_id(ordered[0].path) if ordered else None


def existing(root: Path, kind: str) -> Existing:
    """The ids and orders already used in a section, and the first objective and principle."""
    sources = load_sources(root)
    documents = sources.of_kind(kind)
    folder = KINDS[kind].folder
    ids = {file.stem: f"content/{folder}/{file.name}"
           for file in sorted((root / "content" / folder).glob("*"))}
    orders = tuple(d.data["order"] for d in documents
                   if isinstance(d.data.get("order"), int)
                   and not isinstance(d.data.get("order"), bool))
    return Existing(ids, orders, _first_by_order(sources.of_kind("objective")),
                    _first_by_order(sources.of_kind("principle")))


def site_sections(root: Path) -> Sections:
    """What the site's settings call its sections (the defaults when site.yaml does not load)."""
    document, _ = load_document(root / "content" / "site.yaml", "content/site.yaml", "site")
    config, _ = load_config(document) if document is not None else (None, [])
    return config.sections if config is not None else DEFAULT_SECTIONS


def section_words(sections: Sections) -> dict[str, str]:
    """Each kind's own word for `new` (COMMANDS) -> the site's word for it, where they differ."""
    words = {}
    for command, kind in COMMANDS.items():
        own = sections.of(kind.attribute).command if kind.attribute in SECTION_KEYS else command
        if own != command and own not in COMMANDS:
            words[command] = own
    return words


def find_kind(word: str, sections: Sections) -> Kind:
    """The kind `new` was asked for, by its own word or the site's ('mission'); else ScaffoldError."""
    words = section_words(sections)
    by_site_word = {own: COMMANDS[command] for command, own in words.items()}
    kind = COMMANDS.get(word) or by_site_word.get(word)
    if kind is None:
        choices = ", ".join(f"{c} (or {words[c]})" if c in words else c for c in COMMANDS)
        raise ScaffoldError(f"'{word}' is not a kind of content; use one of: {choices}")
    return kind


def new_content(root: Path, kind_name: str, title: str, today: dt.date,
                ident: str | None = None) -> Path:
    """Write a new content file and return its path, or raise ScaffoldError and write nothing.

    ``kind_name`` is a kind's word (`objective`) or what site.yaml's `sections:` call it (`mission`).
    """
    sections = site_sections(root)
    definition = find_kind(kind_name, sections)
    title = _new_title(definition, title, kind_name, sections)
    ident = _new_id(definition, title, ident, sections)
    folder, suffix = definition.folder, definition.suffix
    target = root / "content" / folder / f"{ident}{suffix}"
    shown = f"content/{folder}/{ident}{suffix}"
    if target.exists():
        raise ScaffoldError(f"{shown} already exists and was not changed: choose another title, "
                            "or give another id with --id")
    known = existing(root, definition.name)
    if ident in known.ids:
        raise ScaffoldError(
            f"the id '{ident}' is already used by {known.ids[ident]}: give another with --id")
    text = _scaffold(definition, ident, title, today, known, sections)
    target.parent.mkdir(parents=True, exist_ok=True)
    # "x": never overwrite, even if a file appeared just now
    with open(target, "x", encoding="utf-8") as file:
        file.write(text)
    return target


def _new_title(kind: Kind, title: str, word: str, sections: Sections) -> str:
    """The title, its white space made single spaces; ScaffoldError if it is empty or too long."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError(
            f'give a title in quotes, like: build.py new {word} "Funding Service"')
    principle = sections.principles
    if kind.name == "principle" and len(title) > MAX_NAME:
        raise ScaffoldError(f"{principle.article} {principle.lower_singular}'s name is at most "
                            f"{MAX_NAME} characters and this is {len(title)}: use a short name, "
                            f"and write the full {principle.lower_singular} in 'statement'")
    return title


def _new_id(kind: Kind, title: str, ident: str | None, sections: Sections) -> str:
    """The id given, or one made from the title; ScaffoldError when it cannot be used."""
    ident = ident or slugify(title)
    if not ident:
        raise ScaffoldError(f"cannot make an id from the title '{title}': "
                            "give one with --id, like --id funding-service")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident) or len(ident) > MAX_ID:
        raise ScaffoldError(f"the id '{ident}' cannot be used in a web address: use lower-case "
                            "letters, digits and single hyphens, like 'funding-service'")
    if kind.name == "page" and ident in reserved_page_ids(sections):
        raise ScaffoldError(
            f"the id '{ident}' is reserved for a part of the site: give another with --id")
    return ident


def _scaffold(kind: Kind, ident: str, title: str, today: dt.date, known: Existing,
              sections: Sections) -> str:
    """The new file's text: the kind's scaffold with its fields filled in (and the site's words)."""
    return kind.scaffold.format(
        **{section.key: section for section in sections.all()},
        id=ident, title=_scalar(title), today=today.isoformat(),
        order=max(known.orders, default=0) + 1,
        objective=known.first_objective or "TODO", principle=known.first_principle or "TODO",
    )
