"""YAML with a line for every key: a safe loader that refuses aliases, reports duplicate keys, keeps dates as
text, and turns PyYAML's errors into plain-English messages with the line of the mistake."""

from __future__ import annotations

import yaml

from .errors import ContentError, Problem

MAX_DEPTH = 50


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (``lines``) and of itself (``line``)."""

    line = 1
    lines: dict


class LineList(list):
    """A YAML sequence that remembers the line of each item (``lines``) and of itself (``line``)."""

    line = 1
    lines: list


BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(BaseLoader):
    """A safe YAML loader that keeps line numbers, reports duplicate keys and refuses aliases.

    Dates stay strings (the model checks them with a clear message), and aliases are refused
    because content never needs them and they allow "billion laughs" expansion.
    """

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
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
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self._line(node))
            return super().construct_object(node, deep=True)
        finally:
            self._depth -= 1

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


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[object, list[ContentError]]:
    """Parse one YAML text; return its data and every problem found, each with a line number."""
    loader = _Loader(text, line_offset)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text, path, line_offset)]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_error(exc, text, path, line_offset)]
    except yaml.YAMLError as exc:
        return None, [ContentError(path, line_offset + 1, f"YAML error: {exc}")]
    except _TooDeep as exc:
        return None, [
            ContentError(path, exc.line, f"data is nested more than {MAX_DEPTH} levels deep")]
    except RecursionError:
        return None, [ContentError(path, line_offset + 1, "data is nested too deeply to read")]
    finally:
        loader.dispose()
    errors = [problem.at(path) for problem in loader.problems]
    return data, errors


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, path: str,
                  line_offset: int) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 if mark else 1) + line_offset
    problem = exc.problem or "invalid YAML"
    context = exc.context or ""
    lines = text.split("\n")
    if (mark and mark.line < len(lines) and "\t" in lines[mark.line]
            and "cannot start any token" in problem):
        return ContentError(path, line, "YAML syntax error: a tab character is used for "
                            "indentation; indent with spaces")
    if "end of stream" in problem and "quoted scalar" in context and exc.context_mark:
        start = exc.context_mark.line + 1 + line_offset
        return ContentError(path, start, "YAML syntax error: the quoted value that starts "
                            f"on line {start} is never closed")
    if exc.context_mark and ("expected ',' or ']'" in problem or "expected ',' or '}'" in problem):
        start = exc.context_mark.line + 1 + line_offset
        kind, opening, closing = ("list", "[", "]") if "]" in problem else ("mapping", "{", "}")
        return ContentError(
            path, start,
            f"YAML syntax error: the {kind} that starts with '{opening}' on line {start} "
            f"is not closed with '{closing}', or an item in it needs a comma or quotes")
    if problem.startswith("could not find expected ':'") and exc.context_mark:
        # PyYAML notices on the next line; the mistake is here.
        start = exc.context_mark.line + 1 + line_offset
        return ContentError(path, start, "YAML syntax error: this line needs a ':' after its name, "
                            "like 'name: value'")
    for start, plain in _PLAIN_PROBLEMS:
        if problem.startswith(start):
            return ContentError(path, line, f"YAML syntax error: {plain(problem)}")
    context = f" {context}" if context else ""
    return ContentError(path, line, f"YAML syntax error: {problem}{context}".rstrip())


def _tag(problem: str) -> str:
    return (problem.split("'")[1].replace("tag:yaml.org,2002:", "!!")
            if problem.count("'") >= 2 else "?")


# PyYAML's words for common mistakes, and what an editor needs to hear instead.
_PLAIN_PROBLEMS = (
    ("mapping values are not allowed",
     lambda p: "a ':' is not allowed here: is the line indented too far, "
               "or does a value with ': ' in it need quotes?"),
    ("found undefined alias",
     lambda p: "a value cannot start with '*' unless it is in quotes "
               "(YAML reads *name as a reference)"),
    ("did not find expected alphabetic or numeric character",
     lambda p: "a value cannot start with '*' or '&' unless it is in quotes"),
    ("but found another document",
     lambda p: "a line '---' starts a second set of fields; "
               "a file holds one set, so remove that line"),
    ("could not determine a constructor",
     lambda p: f"the tag '{_tag(p)}' is not allowed: "
               "content holds only text, numbers, true/false, lists and mappings"),
    ("did not find expected key",
     lambda p: "expected a 'name: value' line here: check the indentation, "
               "and put quotes around a whole value that starts with a quote"),
    ("did not find expected '-' indicator",
     lambda p: "expected a list item ('- …') here: check the indentation"),
)


def _reader_error(exc: yaml.reader.ReaderError, text: str, path: str,
                  line_offset: int) -> ContentError:
    # libyaml counts positions in UTF-8 bytes, the pure-Python reader in characters.
    before = (text.encode("utf-8")[: exc.position] if BaseLoader is not yaml.SafeLoader
              else text[: exc.position])
    line = before.count(b"\n" if isinstance(before, bytes) else "\n") + 1 + line_offset
    character = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
    return ContentError(
        path, line, f"YAML syntax error: the character U+{character:04X} is not allowed in YAML "
        "(it is invisible or a control code); delete it")
