"""Load stage: find content files, read them safely, parse YAML and front matter, a line per key."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ContentError, Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 50


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (``lines``) and of itself (``line``)."""

    line = 1
    lines: dict


class LineList(list):
    """A YAML sequence that remembers the line of each item (``lines``) and of itself (``line``)."""

    line = 1
    lines: list


@dataclass(frozen=True)
class Document:
    """One content file: its parsed data (``LineDict``), its Markdown body and where things are."""

    path: str
    kind: str
    data: LineDict
    body: str = ""
    body_line: int = 1


@dataclass(frozen=True)
class Sources:
    """Everything read from content/: the documents that parsed, the errors of the rest."""

    documents: tuple[Document, ...]
    errors: tuple[ContentError, ...]
    # (path, kind) of files that could not be read or parsed
    failed: tuple[tuple[str, str], ...] = ()

    def of_kind(self, kind: str) -> tuple[Document, ...]:
        """The documents of one kind, in path order."""
        return tuple(d for d in self.documents if d.kind == kind)


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


def split_front_matter(text: str, path: str) -> tuple[str, str, int, list[ContentError]]:
    """Split a Markdown file into front matter and body: (yaml, body, body_line, errors)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return "", text, 1, [ContentError(path, 1, "the file must start with front matter: "
                                          "a line '---', the fields, then another '---'")]
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1 : number - 1])
            body = "\n".join(lines[number:])
            return yaml_text, body, number + 1, []
    return "", "", 1, [ContentError(path, 1, "the front matter starting on line 1 never closes: "
                                    "add a line '---' after the last field")]


def read_text(file: Path, path: str) -> tuple[str | None, list[ContentError]]:
    """Read a file as UTF-8 (a byte-order mark is allowed), with CRLF or CR line endings made LF."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [ContentError(
                path, 1, f"the file is {size / 1024 / 1024:.1f} MB; "
                f"content files must be under {MAX_FILE_BYTES // 1024 // 1024} MB")]
        raw = file.read_bytes()
    except OSError as exc:
        return None, [ContentError(path, 1, f"cannot read the file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [ContentError(
            path, line, "the file is not valid UTF-8 text "
            f"(byte 0x{raw[exc.start]:02x} cannot be read); save it as UTF-8")]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [
            ContentError(path, line, "the file contains a NUL character; is it a binary file?")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def load_document(file: Path | str, path: str,
                  kind: str) -> tuple[Document | None, list[ContentError]]:
    """Read and parse one content file (YAML, or Markdown with front matter)."""
    file = Path(file)
    text, errors = read_text(file, path)
    if text is None:
        return None, errors
    body, body_line, offset = "", 1, 0
    if file.suffix == ".md":
        yaml_text, body, body_line, errors = split_front_matter(text, path)
        if errors:
            return None, errors
        text, offset = yaml_text, 1
    if not text.strip():
        return None, [ContentError(path, 1, "the file has no fields: it is empty" if offset == 0
                                   else "the front matter is empty")]
    data, errors = parse_yaml(text, path, offset)
    # Only comments, or 'null': without this the file would vanish from the site.
    if data is None and not errors:
        errors.append(ContentError(
            path, 1 + offset, f"the {'file' if offset == 0 else 'front matter'} has no fields, "
            "only comments or an empty value"))
    if data is not None and not isinstance(data, LineDict):
        errors.append(
            ContentError(path, 1 + offset, "the fields must be a mapping of 'name: value' lines"))
        data = None
    if data is None:
        return None, errors
    return Document(path, kind, data, body, body_line), errors


def find_content_files(root: Path) -> tuple[list[tuple[str, str, str]], list[ContentError]]:
    """List (file, display path, kind) for every content file under root/content, and stray files.

    Folders are read with os.scandir, whose entries know without a system call whether they are
    files or links, so listing thousands of files costs no stat call per file.
    """
    content = root / "content"
    found, errors = [], []
    for name, kind in single_files().items():
        file = content / name
        shown = _display(root, file)
        if not (file.exists() or file.is_symlink()):
            errors.append(ContentError(shown, 0, "this file is missing"))
        elif _outside(content, file):
            errors.append(ContentError(shown, 0, OUTSIDE))
        else:
            found.append((str(file), shown, kind))
    for folder, (kind, suffix) in sections().items():
        linked_folder = (content / folder).is_symlink()
        for entry in _listing(content / folder):
            name = entry.name
            if name.startswith(".") or name.endswith("~"):
                continue
            shown = f"content/{folder}/{name}"
            if not name.endswith(suffix) or not entry.is_file():
                errors.append(ContentError(shown, 0, _unexpected(Path(entry.path), folder, suffix)))
            elif (linked_folder or entry.is_symlink()) and _outside(content, Path(entry.path)):
                errors.append(ContentError(shown, 0, OUTSIDE))
            else:
                found.append((entry.path, shown, kind))
    return found, errors


def single_files() -> dict[str, str]:
    """File name under content/ -> kind, for the kinds that are one file: settings and home page."""
    from .kinds import KINDS  # the table imports the model, which imports this module

    return {"site.yaml": "site", **{k.file: k.name for k in KINDS.values() if k.file}}


def sections() -> dict[str, tuple[str, str]]:
    """Folder under content/ -> (kind, file suffix), for the kinds that are a folder of files."""
    from .kinds import FOLDERS

    return {folder: (kind.name, kind.suffix) for folder, kind in FOLDERS.items()}


OUTSIDE = "this is a link to a file outside content/; content files must live inside content/"


def _listing(folder: Path) -> list[os.DirEntry]:
    """A section folder's entries in name order (os.scandir: glob is slow at thousands of files)."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        return []


def _unexpected(file: Path, folder: str, suffix: str) -> str:
    if file.is_symlink() and not file.exists():
        return "this is a link to a file that does not exist; remove the link or restore the file"
    if file.is_dir():
        return f"unexpected folder in content/{folder}/: it must hold only '{suffix}' files"
    return f"unexpected file in content/{folder}/: files here must end in '{suffix}'"


def _display(root: Path, file: Path) -> str:
    return file.relative_to(root).as_posix()


def _outside(content: Path, file: Path) -> bool:
    """True when a link (the file, or its folder) leads out of content/."""
    try:
        file.resolve().relative_to(content.resolve())
        return False
    except ValueError:
        return True


def load_sources(root: Path, read=load_document) -> Sources:
    """Load stage: read every content file under root/content; collect every error.

    ``read`` loads one file (default ``load_document``); the preview passes one that remembers
    unchanged files.
    """
    files, errors = find_content_files(root)
    documents, failed = [], []
    for file, shown, kind in files:
        document, problems = read(file, shown, kind)
        errors.extend(problems)
        if document is not None:
            documents.append(document)
        elif problems:
            failed.append((shown, kind))
    return Sources(tuple(documents), tuple(errors), tuple(failed))
