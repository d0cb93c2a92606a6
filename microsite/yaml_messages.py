"""PyYAML's syntax errors in plain English: each names the mistake, where it is, and how to fix it.

PyYAML reads with libyaml when it is installed, and with its own pure-Python scanner and parser
(yaml/scanner.py, yaml/parser.py) when it is not; the two have different words for the same mistake.
Each rule below knows the words of both, so a content editor sees the same message either way.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .errors import Problem

SYNTAX = "YAML syntax error: "
NESTED = "data is nested too deeply to read (lists or mappings hundreds of levels inside each other)"
TAB = "a tab character is used for indentation; indent with spaces"
UNCLOSED = "the quoted value that starts on line {} is never closed"
ESCAPE = ("a '\\' in a value in double quotes starts an escape, such as \\n for a new line: write '\\\\' "
          "for a backslash, or put the value in single quotes instead")
KEY = ("expected a 'name: value' line here: check the indentation, and put quotes around a whole value "
       "that starts with a quote")
DIRECTIVE = ("a line cannot start with '%' (YAML reads it as an instruction to the reader): "
             "put the text in quotes, or remove the line")
UNREADABLE = ("this line cannot be read as YAML: check its indentation and its ':' signs, and put quotes "
              "around a value that starts with a sign such as [ { ! & * | > % @ or a quote")


@dataclass(frozen=True)
class Syntax:
    """One syntax error as the rules read it: the parser's words, its lines, and the text."""

    problem: str
    context: str
    line: int                # the line of the mistake in the file
    start: int               # the line where what was being read starts (``line`` if unknown)
    char: str                # the character at the mistake ('' at the end of a line or the text)
    lines: tuple[str, ...]   # the YAML text's lines
    offset: int = 0          # the file's lines before the YAML text (front matter's '---')

    def says(self, *words: str) -> bool:
        """Whether the parser's problem or context holds any of these words."""
        return any(word in self.problem or word in self.context for word in words)


def read_error(exc: yaml.MarkedYAMLError, text: str, offset: int = 0) -> Syntax:
    """The parts of a PyYAML error that the rules read; ``offset`` lines come before ``text``."""
    mark = exc.problem_mark or exc.context_mark
    lines = tuple(text.split("\n"))
    line = (mark.line + 1 if mark else 1) + offset
    row = lines[mark.line] if mark and mark.line < len(lines) else ""
    char = row[mark.column] if mark and mark.column < len(row) else ""
    start = exc.context_mark.line + 1 + offset if exc.context_mark else line
    return Syntax(exc.problem or "", exc.context or "", line, start, char, lines, offset)


def syntax_error(exc: yaml.MarkedYAMLError, text: str, offset: int = 0) -> Problem:
    """The plain-English problem for a PyYAML error, at its line in the file."""
    found = read_error(exc, text, offset)
    if found.says("nesting depth", "nesting level"):
        return Problem(found.line, NESTED)
    for rule in RULES:
        if plain := rule(found):
            line, message = plain
            return Problem(line, SYNTAX + message)
    return Problem(found.line, SYNTAX + UNREADABLE)


def unreadable_escape(line: int) -> Problem:
    """The problem for an escape that PyYAML's pure-Python scanner cannot turn into a character."""
    return Problem(line, SYNTAX + ESCAPE)


# Each rule: the (line, message) for an error it knows, else None. The first that knows it wins.

def _tab(s: Syntax):
    if "tab character" in s.problem or (s.says("cannot start any token") and s.char == "\t"):
        return s.line, TAB
    return None


def _cannot_start(s: Syntax):
    if s.says("cannot start any token"):
        return s.line, f"a value cannot start with '{s.char or '?'}' unless it is in quotes"
    return None


def _unclosed_quote(s: Syntax):
    if s.says("quoted scalar") and s.says("end of stream", "document indicator", "document separator"):
        return s.start, UNCLOSED.format(s.start)
    return None


def _escape(s: Syntax):
    # libyaml says "while parsing a quoted scalar" only of escapes; PyYAML names double quotes.
    if s.says("while parsing a quoted scalar", "double-quoted scalar"):
        return s.line, ESCAPE
    return None


def _unclosed_flow(s: Syntax):
    for kind, opening, closing in (("list", "[", "]"), ("mapping", "{", "}")):
        if f"expected ',' or '{closing}'" in s.problem:
            return s.start, (f"the {kind} that starts with '{opening}' on line {s.start} is not closed "
                             f"with '{closing}', or an item in it needs a comma or quotes")
    return None


def _missing_colon(s: Syntax):
    # The parser notices on a later line; the mistake is on the line it started reading.
    if s.says("could not find expected ':'"):
        return s.start, "this line needs a ':' after its name, like 'name: value'"
    return None


def _directive(s: Syntax):
    if s.says("directive", "incompatible YAML document", "duplicate tag handle"):
        return s.line, DIRECTIVE
    return None


def _document_start(s: Syntax):
    """More text after the fields have ended: after '...', after a '%' line, or a first line indented."""
    if not s.says("<document start>"):
        return None
    before = s.lines[: s.line - 1 - s.offset]
    for number, text in enumerate(before, start=1 + s.offset):
        if text.rstrip() == "...":
            return number, "a line '...' ends the fields, so the lines after it cannot be read: remove it"
        if text.startswith("%"):
            return number, DIRECTIVE
    first = next((n for n, text in enumerate(s.lines, start=1 + s.offset)
                  if text.strip() and not text.lstrip().startswith("#")), 1 + s.offset)
    if s.lines[first - 1 - s.offset][:1] in (" ", "\t"):
        return first, "the first line is indented: start each top-level name at the beginning of its line"
    return s.line, KEY


def _anchor(s: Syntax):
    if s.says("while scanning an anchor", "while scanning an alias"):
        return s.line, "a value cannot start with '*' or '&' unless it is in quotes"
    if s.says("duplicate anchor"):
        return s.line, ("a value cannot start with '&' unless it is in quotes (YAML reads &name as a "
                        "name for the value, and this name is used twice)")
    if s.says("found undefined alias"):
        return s.line, ("a value cannot start with '*' unless it is in quotes "
                        "(YAML reads *name as a reference)")
    return None


def _tag(s: Syntax):
    if s.says("while scanning a tag", "while parsing a tag", "tag handle"):
        return s.line, ("a value cannot start with '!' unless it is in quotes (YAML reads !name as a "
                        "tag, and content holds only text, numbers, true/false, lists and mappings)")
    return None


def _block_text(s: Syntax):
    if s.says("block scalar"):
        return s.line, ("a value that starts with '|' or '>' is text written on the lines below it, so "
                        "nothing else may follow on its line: move the text to the next line, indented, "
                        "or put the whole value in quotes")
    return None


def _misplaced(s: Syntax):
    """A '- ', '? ' or ': ' where the parser cannot take one."""
    if s.says("sequence entries are not allowed"):
        return s.line, ("a list item ('- …') cannot start here: start the list on the line after its "
                        "name, indented, or put a value that starts with '- ' in quotes")
    if s.says("mapping keys are not allowed"):
        return s.line, "a value cannot start with '? ' unless it is in quotes"
    if s.says("mapping values are not allowed"):
        return s.line, ("a ':' is not allowed here: is the line indented too far, "
                        "or does a value with ': ' in it need quotes?")
    if s.says("found unexpected ':'"):
        return s.line, ("a ':' inside '[ … ]' or '{ … }' needs a space after it, or the item with it "
                        "needs quotes")
    return None


def _node_content(s: Syntax):
    if s.says("node content"):
        shown = f"'{s.char}'" if s.char.strip() else "this"
        return s.line, (f"{shown} cannot start a value here: if it is part of the text, put the whole "
                        "value in quotes")
    return None


def _block_structure(s: Syntax):
    if s.says("while parsing a block mapping"):
        return s.line, KEY
    if s.says("while parsing a block collection"):
        return s.line, "expected a list item ('- …') here: check the indentation"
    if s.says("but found another document"):
        return s.line, ("a line '---' starts a second set of fields; a file holds one set, "
                        "so remove that line")
    return None


RULES = (_tab, _cannot_start, _unclosed_quote, _escape, _unclosed_flow, _missing_colon, _directive,
         _document_start, _anchor, _tag, _block_text, _misplaced, _node_content, _block_structure)
