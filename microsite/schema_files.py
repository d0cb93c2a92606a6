"""JSON Schemas for editors, generated from the content model (model.SCHEMAS and config.SITE_SCHEMA) into schemas/.

A YAML language server (VS Code's YAML extension and others) reads them to offer completion and show
mistakes while typing. tests/test_schemas.py fails when the committed files and the model drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

from .config import SITE_SCHEMA
from .model import SCHEMAS
from .schema import Record

DRAFT = "http://json-schema.org/draft-07/schema#"  # the draft YAML language servers support best
# kind -> (file name, title, where the content lives)
KINDS = {
    "site": ("site", "Site settings", "content/site.yaml"),
    "home": ("home", "The home page", "the front matter of content/home.md"),
    "objective": ("objective", "A strategic objective", "content/objectives/<id>.yaml"),
    "principle": ("principle", "A guiding principle", "the front matter of content/principles/<id>.md"),
    "case_study": ("case-study", "A case study", "the front matter of content/case-studies/<id>.md"),
    "page": ("page", "A page", "the front matter of content/pages/<id>.md"),
    "news": ("news", "A news post", "the front matter of content/news/<id>.md"),
}


def _record(kind: str) -> Record:
    return SITE_SCHEMA if kind == "site" else SCHEMAS[kind]


def json_schema(kind: str) -> dict:
    """The JSON Schema of one kind of content."""
    name, title, where = KINDS[kind]
    return {"$schema": DRAFT, "title": title, "description": f"{title}: {where}. Generated from microsite/ by 'build.py schemas'; do not edit.",
            **_record(kind).json()}


def schema_texts() -> dict[str, str]:
    """{file name under schemas/: JSON text} for every kind of content, in a fixed order."""
    return {f"{KINDS[kind][0]}.schema.json": json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n" for kind in KINDS}


def stale_schemas(folder: Path) -> list[str]:
    """Names of the schema files in folder that are missing, out of date, or no longer made."""
    wanted = schema_texts()
    stale = [name for name, text in wanted.items() if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
    extra = [p.name for p in sorted(folder.glob("*.schema.json")) if p.name not in wanted]
    return stale + extra


def write_schemas(folder: Path) -> list[str]:
    """Write every schema into folder (removing ones no longer made); return the names that changed."""
    changed = stale_schemas(folder)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = schema_texts()
    for name in changed:
        if name in wanted:
            (folder / name).write_text(wanted[name], encoding="utf-8")
        else:
            (folder / name).unlink()
    return changed
