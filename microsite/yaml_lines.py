"""YAML with a line for every key: a safe loader that refuses aliases and tags, reports duplicate keys,
keeps dates as text, and turns PyYAML's errors into plain-English messages with the line of the mistake."""

from __future__ import annotations

import yaml

from .errors import ContentError, Problem
from .yaml_messages import NESTED, SYNTAX, UNREADABLE, syntax_error, unreadable_escape

MAX_DEPTH = 50
TAG_NOT_ALLOWED = ("the tag '{}' is not allowed: content holds only text, numbers, true/false, lists "
                   "and mappings")


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (``lines``) and of itself (``line``)."""

    line = 1
    lines: dict


class LineList(list):
    """A YAML sequence that remembers the line of each item (``lines``) and of itself (``line``)."""

    line = 1
    lines: list


BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
# Read as text, not as what YAML 1.1 makes of them: dates (the model checks them with a clear message),
# '<<' (a merge key) and '=' (a "value key"), which no content means as YAML's.
_TEXT_TAGS = {_TAG + "timestamp", _TAG + "merge", _TAG + "value"}
# The tag each kind of node has when nothing in the text says otherwise.
_PLAIN_TAGS = {yaml.ScalarNode: _TAG + "str", yaml.SequenceNode: _TAG + "seq",
               yaml.MappingNode: _TAG + "map"}


class _LineLoading:
    """What our loaders add to PyYAML's safe loader: line numbers, duplicate keys, no aliases or tags.

    Aliases are refused because content never needs them and they allow "billion laughs" expansion;
    tags ('!!int', '!x') because content never needs them and some make PyYAML fail with a traceback.
    A mixin, so that the libyaml loader and the pure-Python one (used where libyaml is not
    installed) behave alike.
    """

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _TEXT_TAGS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream, offset: int = 0):
        super().__init__(stream)
        self.problems: list[Problem] = []
        self._depth = 0
        self.offset = offset

    def _line(self, node) -> int:
        return node.start_mark.line + 1 + self.offset

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            line = self._line(node)
            self.problems.append(Problem(
                line, "YAML anchors and aliases (&name, *name) are not allowed in content: "
                f"the value on line {line} is reused; write it out in full"))
            return None
        if node.tag != _PLAIN_TAGS[type(node)] and self._tagged(node):
            shown = node.tag.replace(_TAG, "!!")
            raise _Stop(self._line(node), SYNTAX + TAG_NOT_ALLOWED.format(shown))
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Stop(self._line(node), f"data is nested more than {MAX_DEPTH} levels deep")
            return super().construct_object(node, deep=True)
        finally:
            self._depth -= 1

    def _tagged(self, node) -> bool:
        """Whether the node's tag was written in the text, rather than worked out from its value."""
        # A plain (unquoted) scalar's style is None in PyYAML's own parser and '' in libyaml's.
        plain = isinstance(node, yaml.ScalarNode) and not node.style
        return node.tag != self.resolve(type(node), node.value, (plain, not plain))

    def construct_yaml_map(self, node):
        data = LineDict()
        data.line = self._line(node)
        data.lines = {}
        yield data
        for key_node, value_node in node.value:
            key = self.construct_object(key_node)
            line = self._line(key_node)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                self.problems.append(
                    Problem(line, "a key must be a plain word, not a list or mapping"))
                continue
            key = str(key)
            if key in data:
                self.problems.append(Problem(
                    line, f"duplicate key '{key}' (first on line {data.lines[key]}); "
                    "YAML keeps only one of them, so remove or rename the other"))
                continue
            data[key] = self.construct_object(value_node)
            data.lines[key] = line

    def construct_yaml_seq(self, node):
        data = LineList()
        data.line = self._line(node)
        data.lines = [self._line(item) for item in node.value]
        yield data
        data.extend(self.construct_object(item) for item in node.value)

    def construct_yaml_int(self, node):
        # '0x_' and '0b_' look like numbers to YAML's patterns but have no digits, and PyYAML fails
        # on them; they are text.
        try:
            return yaml.SafeLoader.construct_yaml_int(self, node)
        except ValueError:
            return node.value


class _Loader(_LineLoading, BaseLoader):
    """The loader content is read with: libyaml's when it is installed, else PyYAML's own."""


class _PythonLoader(_LineLoading, yaml.SafeLoader):
    """PyYAML's pure-Python loader with the same additions; tests check its messages too."""


def _register(loader: type) -> type:
    for kind in ("map", "seq", "int"):
        loader.add_constructor(_TAG + kind, getattr(_LineLoading, f"construct_yaml_{kind}"))
    return loader


# By name; 'libyaml' is PyYAML's own loader when libyaml is not installed.
LOADERS = {"libyaml": _register(_Loader), "python": _register(_PythonLoader)}


class _Stop(Exception):
    """A mistake that stops reading the file: its line and the message."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def parse_yaml(text: str, path: str, line_offset: int = 0,
               loader_class: type = _Loader) -> tuple[object, list[ContentError]]:
    """Parse one YAML text; return its data and every problem found, each with a line number.

    ``loader_class`` is one of LOADERS (libyaml's when it is installed, the default).
    """
    try:
        # PyYAML's own reader checks every character as soon as it is made.
        loader = loader_class(text, line_offset)
    except yaml.reader.ReaderError as exc:
        return None, [_reader_error(exc, text, path, line_offset, loader_class)]
    try:
        return _read(loader, text, path, line_offset)
    finally:
        loader.dispose()


def _read(loader, text: str, path: str, line_offset: int) -> tuple[object, list[ContentError]]:
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_error(exc, text, line_offset).at(path)]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_error(exc, text, path, line_offset, type(loader))]
    except _Stop as exc:
        return None, [ContentError(path, exc.line, exc.message)]
    except ValueError:
        # PyYAML's own scanner fails this way on an escape such as "\U0011FFFF" (libyaml reports it).
        return None, [unreadable_escape(getattr(loader, "line", 0) + 1).at(path, line_offset)]
    except RecursionError:
        return None, [ContentError(path, line_offset + 1, NESTED)]
    except yaml.YAMLError:
        return None, [ContentError(path, line_offset + 1, SYNTAX + UNREADABLE)]
    return data, [problem.at(path) for problem in loader.problems]


def _reader_error(exc: yaml.reader.ReaderError, text: str, path: str, line_offset: int,
                  loader_class: type) -> ContentError:
    # libyaml counts positions in UTF-8 bytes, the pure-Python reader in characters.
    before = (text[: exc.position] if issubclass(loader_class, yaml.SafeLoader)
              else text.encode("utf-8")[: exc.position])
    line = before.count(b"\n" if isinstance(before, bytes) else "\n") + 1 + line_offset
    character = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
    return ContentError(
        path, line, f"{SYNTAX}the character U+{character:04X} is not allowed in YAML "
        "(it is invisible or a control code); delete it")
