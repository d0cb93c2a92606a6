"""JSON Schemas for editors, written into schemas/ from the content model.

The model is kinds.KINDS and config.SITE_SCHEMA. A YAML language server (VS Code's YAML extension
and others) reads the schemas to offer completion and show mistakes while typing.
tests/test_schemas.py fails when the committed files and the model drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

from .config import SITE_SCHEMA
from .kinds import KINDS
from .schema import Record

DRAFT = "http://json-schema.org/draft-07/schema#"  # the draft YAML language servers support best
SITE = ("site", "Site settings", "content/site.yaml", SITE_SCHEMA)


def _schemas() -> list[tuple[str, str, str, Record]]:
    """(file name, title, where the content lives, record) for the settings and each kind."""
    return [SITE, *((k.command, k.description, k.where, k.schema) for k in KINDS.values())]


def json_schema(name: str) -> dict:
    """The JSON Schema of one kind of content, by its file name ('site', 'case-study', ...)."""
    _, title, where, record = next(s for s in _schemas() if s[0] == name)
    return {"$schema": DRAFT, "title": title,
            "description": f"{title}: {where}. "
                           "Generated from microsite/ by 'build.py schemas'; do not edit.",
            **record.json()}


def schema_texts() -> dict[str, str]:
    """{file name under schemas/: JSON text} for every kind of content, in a fixed order."""
    return {f"{name}.schema.json":
            json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"
            for name, *_ in _schemas()}


def stale_schemas(folder: Path) -> list[str]:
    """Names of the schema files in folder that are missing, out of date, or no longer made."""
    wanted = schema_texts()
    stale = [name for name, text in wanted.items()
             if not (folder / name).is_file()
             or (folder / name).read_text(encoding="utf-8") != text]
    extra = [p.name for p in sorted(folder.glob("*.schema.json")) if p.name not in wanted]
    return stale + extra


def write_schemas(folder: Path) -> list[str]:
    """Write every schema into folder, removing ones no longer made; the names that changed."""
    changed = stale_schemas(folder)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = schema_texts()
    for name in changed:
        if name in wanted:
            (folder / name).write_text(wanted[name], encoding="utf-8")
        else:
            (folder / name).unlink()
    return changed
