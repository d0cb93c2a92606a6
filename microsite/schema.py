"""The content schema: field types that check YAML data (with lines) and give JSON Schema."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import ContentError, Problem, did_you_mean
from .yaml_lines import LineDict, LineList

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "empty" if value is None else type(value).__name__


class FieldType:
    """Base of the field types: ``check`` gives (value, problems), ``json`` its JSON Schema."""

    label = "a value"

    def check(self, value: Any, line: int, name: str) -> tuple[Any, list[Problem]]:
        """The checked value (None when it is wrong) and the problems with it, at ``line``."""
        raise NotImplementedError

    def json(self) -> dict:
        """This type as JSON Schema, for editors."""
        raise NotImplementedError

    def _wrong(self, value: Any, line: int, name: str) -> tuple[None, list[Problem]]:
        return None, [Problem(line, f"'{name}' must be {self.label}, not {_type_name(value)}")]


@dataclass(frozen=True)
class Text(FieldType):
    """A piece of text; one line unless ``multiline``."""

    max_length: int = 300
    multiline: bool = False
    label = "text"

    def check(self, value, line, name):
        """Text (a number is read as text), stripped, not empty, at most ``max_length`` long."""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return self._wrong(value, line, name)
        text = str(value).strip()
        if not text:
            return None, [Problem(line, f"'{name}' is empty")]
        if len(text) > self.max_length:
            return None, [Problem(
                line, f"'{name}' is {len(text)} characters long; the most is {self.max_length}")]
        if not self.multiline and "\n" in text:
            return None, [Problem(line, f"'{name}' must be a single line")]
        return text, []

    def json(self):
        """A string of 1 to ``max_length`` characters."""
        return {"type": "string", "minLength": 1, "maxLength": self.max_length}


@dataclass(frozen=True)
class Id(FieldType):
    """An identifier used in URLs: lower-case letters, digits and single hyphens."""

    label = "an id"

    def check(self, value, line, name):
        """Text matching ID_PATTERN, at most 80 characters."""
        if not isinstance(value, str):
            return self._wrong(value, line, name)
        if not _ID.match(value) or len(value) > 80:
            return None, [Problem(
                line, f"'{name}' is '{value}', which cannot be used in a web address: "
                "use lower-case letters, digits and single hyphens, like 'user-needs'")]
        return value, []

    def json(self):
        """A string matching ID_PATTERN."""
        return {"type": "string", "pattern": ID_PATTERN, "maxLength": 80}


@dataclass(frozen=True)
class Ref(Id):
    """The id of another piece of content of one kind; checked by the validate stage."""

    kind: str = ""
    label = "an id"

    def json(self):
        """An id, described as the id of a ``kind``."""
        return {**super().json(), "description": f"the id of a {self.kind.replace('_', ' ')}"}


@dataclass(frozen=True)
class Integer(FieldType):
    """A whole number of at least ``minimum``."""

    minimum: int = 1
    label = "a whole number"

    def check(self, value, line, name):
        """A whole number (not true or false) of at least ``minimum``."""
        if isinstance(value, bool) or not isinstance(value, int):
            return self._wrong(value, line, name)
        if value < self.minimum:
            return None, [Problem(line, f"'{name}' must be {self.minimum} or more, not {value}")]
        return value, []

    def json(self):
        """An integer of at least ``minimum``."""
        return {"type": "integer", "minimum": self.minimum}


@dataclass(frozen=True)
class Boolean(FieldType):
    """true or false."""

    label = "true or false"

    def check(self, value, line, name):
        """true or false, and nothing else."""
        if not isinstance(value, bool):
            return self._wrong(value, line, name)
        return value, []

    def json(self):
        """A boolean."""
        return {"type": "boolean"}


@dataclass(frozen=True)
class Date(FieldType):
    """A real calendar date written YYYY-MM-DD."""

    label = "a date written YYYY-MM-DD"

    def check(self, value, line, name):
        """A ``datetime.date`` from text written YYYY-MM-DD that names a real day."""
        if not isinstance(value, str) or not _DATE.match(value):
            return None, [Problem(line, f"'{name}' must be a date written YYYY-MM-DD, "
                                  f"like 2026-03-14, not '{value}'")]
        try:
            return dt.date.fromisoformat(value), []
        except ValueError:
            return None, [Problem(line, f"'{name}' is {value}, which is not a real date")]

    def json(self):
        """A string in date format."""
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


@dataclass(frozen=True)
class Url(FieldType):
    """A web address; absolute (https://…) unless ``site_path`` allows one starting with '/'."""

    site_path: bool = False
    label = "a web address"

    def check(self, value, line, name):
        """An http(s):// address, or (with ``site_path``) a path starting with '/'; stripped."""
        if not isinstance(value, str):
            return self._wrong(value, line, name)
        value = value.strip()
        ok = (re.match(r"^https?://[^\s/]+[^\s]*$", value)
              or (self.site_path and re.match(r"^/[^\s/]*[^\s]*$", value)))
        if not ok:
            allowed = "start with https:// or /" if self.site_path else "start with https://"
            return None, [Problem(
                line, f"'{name}' is '{value}', which is not a web address: it must {allowed}")]
        return value, []

    def json(self):
        """A string with the same pattern."""
        pattern = r"^(https?://[^\s/]+\S*|/\S*)$" if self.site_path else r"^https?://[^\s/]+\S*$"
        return {"type": "string", "pattern": pattern}


@dataclass(frozen=True)
class Choice(FieldType):
    """One of a fixed set of words."""

    choices: tuple[str, ...] = ()

    @property
    def label(self):
        """The choices, quoted, as 'one of ...'."""
        return "one of " + ", ".join(f"'{c}'" for c in self.choices)

    def check(self, value, line, name):
        """One of ``choices``; otherwise the problem suggests the nearest."""
        if value not in self.choices:
            return None, [Problem(line, f"'{name}' is '{value}'; it must be {self.label}"
                                  f"{did_you_mean(str(value), self.choices)}")]
        return value, []

    def json(self):
        """An enum of ``choices``."""
        return {"enum": list(self.choices)}


@dataclass(frozen=True)
class ListOf(FieldType):
    """A list whose items all have one type."""

    item: FieldType = field(default_factory=Text)
    min_items: int = 0
    unique: bool = False
    label = "a list"

    def check(self, value, line, name):
        """A tuple of the items that passed ``item``'s check; every item's problems, at its line."""
        if not isinstance(value, list):
            return self._wrong(value, line, name)
        if len(value) < self.min_items:
            return None, [Problem(line, f"'{name}' needs at least {self.min_items} "
                                  f"item{'s' if self.min_items > 1 else ''}")]
        lines = value.lines if isinstance(value, LineList) else [line] * len(value)
        items, problems = [], []
        for index, (item, item_line) in enumerate(zip(value, lines)):
            checked, found = self.item.check(item, item_line, f"{name}[{index + 1}]")
            problems.extend(found)
            if self.unique and checked is not None and checked in items:
                problems.append(Problem(item_line, f"'{name}' lists '{checked}' twice"))
            elif checked is not None:
                items.append(checked)
        return tuple(items), problems

    def json(self):
        """An array of ``item``'s schema."""
        schema = {"type": "array", "items": self.item.json()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema


@dataclass(frozen=True)
class Field:
    """A named field of a record: its type, whether it is required, and what it is for."""

    name: str
    type: FieldType
    required: bool = True
    doc: str = ""


@dataclass(frozen=True)
class Record(FieldType):
    """A mapping with known fields; unknown keys are errors (they are usually typos)."""

    fields: tuple[Field, ...] = ()
    label = "a mapping of 'name: value' lines"

    def check(self, value, line, name=""):
        """A dict of each field's checked value (None when missing or wrong), and all problems."""
        if not isinstance(value, dict):
            return self._wrong(value, line, name or "this")
        lines = value.lines if isinstance(value, LineDict) else {}
        known = {f.name: f for f in self.fields}
        prefix = f"{name}." if name else ""
        result, problems = {}, []
        for key in value:
            if key not in known:
                allowed = "; allowed fields: " + ", ".join(known)
                problems.append(Problem(lines.get(key, line), f"unknown field '{prefix}{key}'"
                                        f"{did_you_mean(key, known)}{allowed}"))
        for f in self.fields:
            if f.name not in value or value[f.name] is None:
                if f.required:
                    problems.append(Problem(
                        lines.get(f.name, line), f"'{prefix}{f.name}' is required"
                        + (" but has no value" if f.name in value else " but missing")))
                result[f.name] = None
                continue
            checked, found = f.type.check(value[f.name], lines.get(f.name, line), prefix + f.name)
            problems.extend(found)
            result[f.name] = checked
        return result, problems

    def json(self):
        """An object with these properties (each described by its ``doc``) and no others."""
        schema = {
            "type": "object",
            "additionalProperties": False,
            "properties": {f.name: {**f.type.json(), **({"description": f.doc} if f.doc else {})}
                           for f in self.fields},
        }
        required = [f.name for f in self.fields if f.required]
        if required:
            schema["required"] = required
        return schema


def check_document(record: Record, data: LineDict, path: str) -> tuple[dict, list[ContentError]]:
    """Check a document's fields against a record; return the checked values and errors."""
    values, problems = record.check(data, getattr(data, "line", 1))
    return values, [p.at(path) for p in problems]
