"""`build.py new`: write a new content file with every required field, an id made from its title and today's date.

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

from .load import load_sources
from .validate import RESERVED_PAGE_IDS

# kind on the command line -> (model kind, folder under content/, file type)
KINDS = {
    "case-study": ("case_study", "case-studies", ".md"),
    "principle": ("principle", "principles", ".md"),
    "objective": ("objective", "objectives", ".yaml"),
    "page": ("page", "pages", ".md"),
    "news": ("news", "news", ".md"),
}
MAX_ID = 80
MAX_NAME = 60  # a principle's name (model.SCHEMAS['principle'])


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
    """An id for a web address: lower-case ASCII letters, digits and single hyphens, at most 80 characters."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "").replace("’", "")).strip("-")
    if len(slug) > MAX_ID:
        slug = slug[:MAX_ID].rsplit("-", 1)[0] if "-" in slug[:MAX_ID] else slug[:MAX_ID]
    return slug


def _scalar(text: str) -> str:
    """Text as a YAML value, quoted only when YAML needs it."""
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("...\n").rstrip("\n")


def _first_by_order(documents) -> str | None:
    usable = [d.data for d in documents if isinstance(d.data.get("id"), str)]
    usable.sort(key=lambda data: (data.get("order") if isinstance(data.get("order"), int) else 10**9, data["id"]))
    return usable[0]["id"] if usable else None


def existing(root: Path, kind: str) -> Existing:
    """The ids and orders already used in a section, and the first objective and principle."""
    sources = load_sources(root)
    documents = sources.of_kind(kind)
    ids = {d.data["id"]: d.path for d in documents if isinstance(d.data.get("id"), str)}
    _, folder, _ = next(v for v in KINDS.values() if v[0] == kind)
    for file in sorted((root / "content" / folder).glob("*")):
        ids.setdefault(file.stem, f"content/{folder}/{file.name}")
    orders = tuple(d.data["order"] for d in documents if isinstance(d.data.get("order"), int) and not isinstance(d.data.get("order"), bool))
    return Existing(ids, orders, _first_by_order(sources.of_kind("objective")), _first_by_order(sources.of_kind("principle")))


def new_content(root: Path, kind_name: str, title: str, today: dt.date, ident: str | None = None) -> Path:
    """Write a new content file and return its path; raise ScaffoldError (and write nothing) when it cannot."""
    if kind_name not in KINDS:
        raise ScaffoldError(f"'{kind_name}' is not a kind of content; use one of: {', '.join(KINDS)}")
    kind, folder, suffix = KINDS[kind_name]
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError(f'give a title in quotes, like: build.py new {kind_name} "Funding Service"')
    if kind == "principle" and len(title) > MAX_NAME:
        raise ScaffoldError(f"a principle's name is at most {MAX_NAME} characters and this is {len(title)}: use a short name, and write the full principle in 'statement'")
    ident = ident or slugify(title)
    if not ident:
        raise ScaffoldError(f"cannot make an id from the title '{title}': give one with --id, like --id funding-service")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident) or len(ident) > MAX_ID:
        raise ScaffoldError(f"the id '{ident}' cannot be used in a web address: use lower-case letters, digits and single hyphens, like 'funding-service'")
    if kind == "page" and ident in RESERVED_PAGE_IDS:
        raise ScaffoldError(f"the id '{ident}' is reserved for a part of the site: give another with --id")
    target = root / "content" / folder / f"{ident}{suffix}"
    shown = f"content/{folder}/{ident}{suffix}"
    if target.exists():
        raise ScaffoldError(f"{shown} already exists and was not changed: choose another title, or give another id with --id")
    known = existing(root, kind)
    if ident in known.ids:
        raise ScaffoldError(f"the id '{ident}' is already used by {known.ids[ident]}: give another with --id")
    text = TEMPLATES[kind](ident, title, today, known)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as file:  # "x": never overwrite, even if a file appeared just now
        file.write(text)
    return target


def _next_order(known: Existing) -> int:
    return max(known.orders, default=0) + 1


def _case_study(ident, title, today, known):
    objective = f"  - {known.first_objective}" if known.first_objective else "  - TODO"
    principle = f"  - {known.first_principle}" if known.first_principle else "  - TODO"
    return f"""---
id: {ident}
title: {_scalar(title)}
summary: "TODO: one sentence on what the case study shows"
date: {today.isoformat()}
objectives:        # ids of the objectives it supports (file names in content/objectives/)
{objective}
principles:        # ids of the principles it demonstrates (file names in content/principles/)
{principle}
sources:           # where the facts come from
  - title: "TODO: the source's name"
    url: https://www.gov.uk/
last_reviewed: {today.isoformat()}
---
## At a glance

TODO: write the case study in Markdown. Start headings at ##.
"""


def _principle(ident, title, today, known):
    return f"""---
id: {ident}
order: {_next_order(known)}
name: {_scalar(title)}
statement: "TODO: the principle, in the strategy's words"
summary: "TODO: one sentence on what it means"
last_reviewed: {today.isoformat()}
---
## What this means in practice

TODO: explain the principle in Markdown. Start headings at ##.
"""


def _objective(ident, title, today, known):
    return f"""id: {ident}
order: {_next_order(known)}
title: {_scalar(title)}
summary: "TODO: one or two sentences on what the objective is about"
commitments:       # the 'We will…' commitments, in order
  - "TODO: We will …"
last_reviewed: {today.isoformat()}
"""


def _page(ident, title, today, known):
    return f"""---
id: {ident}
title: {_scalar(title)}
summary: "TODO: one sentence on what the page is for"
last_reviewed: {today.isoformat()}
---
TODO: write the page in Markdown. Start headings at ##.
"""


def _news(ident, title, today, known):
    return f"""---
id: {ident}
title: {_scalar(title)}
summary: "TODO: one sentence on what the post says"
date: {today.isoformat()}
---
TODO: write the post in Markdown. Start headings at ##.
"""


TEMPLATES = {"case_study": _case_study, "principle": _principle, "objective": _objective, "page": _page, "news": _news}
