"""The corpus of bad inputs: each case is one small change to a copy of the sample site, and what the build
must say.

A case either fails with exactly ``errors`` (each a ``path:line: message`` line, in the order printed), or,
when ``errors`` is empty, builds and shows each ``(page, text)`` of ``shows`` in that page's bytes.
tests/test_bad_inputs.py runs every case through the command line and checks the rest of the promise (exit
status, no traceback, dist/ kept). The cases edit the files of tests/fixtures/sample/content, never content/.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from conftest import SAMPLE

from microsite.config import SITE_SCHEMA

Change = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """One bad input: a change to the project's root and the exact errors it must give (none: it builds)."""

    id: str
    change: Change
    errors: tuple[str, ...] = ()
    shows: tuple[tuple[str, str], ...] = field(default=())


# --- changes: each edits the copied project and fails loudly if the sample site no longer matches ---

def edit(name: str, old: str, new: str) -> Change:
    """Replace the one occurrence of old in content/name."""
    def change(root: Path) -> None:
        file = root / "content" / name
        text = file.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{name} no longer holds {old!r} exactly once: update this case"
        file.write_text(text.replace(old, new), encoding="utf-8")
    return change


def write(name: str, data: str | bytes) -> Change:
    """Write content/name (text as UTF-8, or raw bytes)."""
    def change(root: Path) -> None:
        file = root / "content" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return change


def transform(name: str, how: Callable[[bytes], bytes]) -> Change:
    """Rewrite content/name's bytes through a function."""
    def change(root: Path) -> None:
        file = root / "content" / name
        file.write_bytes(how(file.read_bytes()))
    return change


def remove(name: str) -> Change:
    """Delete content/name."""
    return lambda root: (root / "content" / name).unlink()


def link(name: str, target: str) -> Change:
    """Make content/name a symbolic link to target (relative to the project root unless absolute)."""
    def change(root: Path) -> None:
        file = root / "content" / name
        if file.exists() or file.is_symlink():
            file.unlink()
        file.symlink_to(target if os.path.isabs(target) else root / target)
    return change


def outside(name: str, text: str, inside: str) -> Change:
    """Write a file outside content/ (in the project root) and link content/inside to it."""
    def change(root: Path) -> None:
        (root / name).write_text(text, encoding="utf-8")
        link(inside, str(root / name))(root)
    return change


def all_of(*changes: Change) -> Change:
    """Several changes at once."""
    def change(root: Path) -> None:
        for one in changes:
            one(root)
    return change


# --- the sample site the cases start from; lines are looked up in it, so the corpus follows edits to it ---

def at(name: str, text: str) -> int:
    """The line of the sample's content/name that holds text (which must be on exactly one line)."""
    lines = (SAMPLE / name).read_text(encoding="utf-8").split("\n")
    found = [number for number, line in enumerate(lines, start=1) if text in line]
    assert len(found) == 1, f"the sample's {name} holds {text!r} on {len(found)} lines: update the corpus"
    return found[0]


def end(name: str) -> int:
    """The number of lines in the sample's content/name (the line a text appended to it starts after)."""
    return (SAMPLE / name).read_text(encoding="utf-8").count("\n")


def err(name: str, line: int, message: str) -> str:
    """One expected error: content/name:line: message."""
    return f"content/{name}:{line}: {message}"


OBJ = "objectives/confident-teams.yaml"
OBJ_TITLE = "title: Building confident teams"
SUMMARY = "summary: Giving every team"
COMMITMENT = "We will offer digital and data training to everyone who works here"
THIRD_OBJ = "objectives/dependable-technology.yaml"
PRINCIPLE = "principles/user-needs.md"
PRINCIPLE_NAME = "name: Start with user needs"
STATEMENT = "We find out what people need before we decide what to build"
CASE = "case-studies/market-stall-licences.md"
CASE_DATE = "date: 2026-09-15"
PAGE = "pages/cookies.md"
PAGE_TITLE = "title: Cookies"
PAGE_SUMMARY = "summary: This website sets no cookies and keeps nothing on your device."
SITE = "site.yaml"
NAME = "Example Services digital strategy"
HOME = "home.md"
FEATURED = "featured:\n  - market-stall-licences\n  - shared-booking-platform\n  - data-skills-programme\n"
SECURITY = "principles/safe-and-secure.md"
LINK = "(/case-studies/market-stall-licences/)"

SYNTAX = "YAML syntax error: "
UNCLOSED = SYNTAX + "the quoted value that starts on line {} is never closed"
TAB = SYNTAX + "a tab character is used for indentation; indent with spaces"
ESCAPE = ("a '\\' in a value in double quotes starts an escape, such as \\n for a new line: write '\\\\' for a "
          "backslash, or put the value in single quotes instead")
DIRECTIVE = ("a line cannot start with '%' (YAML reads it as an instruction to the reader): put the text in quotes, "
             "or remove the line")
TAG = ("a value cannot start with '!' unless it is in quotes (YAML reads !name as a tag, and content holds only "
       "text, numbers, true/false, lists and mappings)")
NOT_ALLOWED = "the tag '{}' is not allowed: content holds only text, numbers, true/false, lists and mappings"
BLOCK = ("a value that starts with '|' or '>' is text written on the lines below it, so nothing else may follow on "
         "its line: move the text to the next line, indented, or put the whole value in quotes")
NESTED = "data is nested too deeply to read (lists or mappings hundreds of levels inside each other)"
ALLOWED = "allowed fields: id, order, title, summary, commitments, last_reviewed, review_by, updated"
# site.yaml's fields grow with the engine's settings, so its list is read from the schema.
SITE_ALLOWED = "allowed fields: " + ", ".join(f.name for f in SITE_SCHEMA.fields)
DUPLICATE = ("duplicate key '{}' (first on line {}); YAML keeps only one of them, so remove or rename "
             "the other")
NOT_AN_ID = ("'id' is '{}', which cannot be used in a web address: use lower-case letters, digits and single "
             "hyphens, like 'user-needs'")
NO_FRONT_MATTER = "the file must start with front matter: a line '---', the fields, then another '---'"
NOT_UTF_8 = "the file is not valid UTF-8 text (byte {} cannot be read); save it as UTF-8"
ALIAS = ("YAML anchors and aliases (&name, *name) are not allowed in content: the value on line {} is "
         "reused; write it out in full")
NO_PAGE = "the link '{}' goes to a page that does not exist"
OUTSIDE = "this is a link to a file outside content/; content files must live inside content/"
RAW_HTML = "raw HTML is not allowed in Markdown ('{}'); use Markdown, or ask a developer to add a component"
UNSAFE = "the link '{}' uses an unsafe scheme ({}:); link to a web page instead"
NOT_REAL = "'date' is {}, which is not a real date"
HOLDS = ("content/ holds only site.yaml, home.md and the folders objectives/, principles/, case-studies/, pages/ "
         "and news/")
NOT_READ_FOLDER = f"the engine does not read this folder: {HOLDS}; move what it holds into one of them, or remove it"
NOT_READ_FILE = f"the engine does not read this file: {HOLDS}; move it into one of the folders, or remove it"

LONG_TITLE = "A" * 300
RTL_TITLE = "الاستراتيجية الرقمية – אסטרטגיה דיגיטלית"
EMOJI_TITLE = "Digital 🚀 strategy 👩🏽‍💻 for everyone 🇬🇧"
# Nine lines, each holding nine references to the line before: 9**9 (387 million) strings if expanded.
BILLION_LAUGHS = "lol:\n  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)
)


def _nested(depth: int) -> str:
    levels = "".join("  " * i + "- \n" for i in range(1, depth))
    return "commitments:\n" + levels + "  " * depth + "- We will\n"


def titled(title: str) -> tuple[str, str]:
    """The cookies page's <title> as it must show title."""
    return ("cookies/index.html", f"<title>{title} – {NAME}</title>")


CASES: list[Case] = [
    # YAML syntax
    Case("unclosed-double-quote", edit(OBJ, OBJ_TITLE, 'title: "Building confident teams'),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE), UNCLOSED.format(at(OBJ, OBJ_TITLE))),)),
    Case("unclosed-single-quote-in-front-matter",
         edit(PRINCIPLE, PRINCIPLE_NAME, "name: 'Start with user needs"),
         errors=(err(PRINCIPLE, at(PRINCIPLE, PRINCIPLE_NAME),
                     UNCLOSED.format(at(PRINCIPLE, PRINCIPLE_NAME))),)),
    Case("tab-indentation", edit(SITE, "  - text: Objectives", "\t- text: Objectives"),
         errors=(err(SITE, at(SITE, "  - text: Objectives"),
                     SYNTAX + "a tab character is used for indentation; indent with spaces"),)),
    Case("bad-indentation", edit(OBJ, "order: 2\n", "order: 2\n  title: Indented\n"),
         errors=(err(OBJ, at(OBJ, "order: 2") + 1,
                     SYNTAX + "a ':' is not allowed here: is the line indented too far, or does a value with "
                              "': ' in it need quotes?"),)),
    Case("unclosed-flow-list", edit(OBJ, "commitments:\n", "commitments: [We will, We might\n"),
         errors=(err(OBJ, at(OBJ, "commitments:"),
                     SYNTAX + f"the list that starts with '[' on line {at(OBJ, 'commitments:')} is not "
                              "closed with ']', or an item in it needs a comma or quotes"),)),
    Case("list-item-in-a-mapping", edit(OBJ, "order: 2\n", "order: 2\n- a stray item\n"),
         errors=(err(OBJ, at(OBJ, "order: 2") + 1,
                     SYNTAX + "expected a 'name: value' line here: check the indentation, and put quotes "
                              "around a whole value that starts with a quote"),)),
    Case("python-tag", edit(OBJ, OBJ_TITLE, "title: !!python/object/apply:os.system [echo hi]"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE),
                     SYNTAX + "the tag '!!python/object/apply:os.system' is not allowed: content holds only "
                              "text, numbers, true/false, lists and mappings"),)),
    Case("undefined-alias", edit(OBJ, OBJ_TITLE, "title: *nothing"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE),
                     SYNTAX + "a value cannot start with '*' unless it is in quotes (YAML reads *name as a "
                              "reference)"),)),
    Case("missing-colon", edit(OBJ, "order: 2", "order 2"),
         errors=(err(OBJ, at(OBJ, "order: 2"),
                     SYNTAX + "this line needs a ':' after its name, like 'name: value'"),)),
    Case("two-yaml-documents", edit(OBJ, "order: 2\n", "order: 2\n---\nid: second\n"),
         errors=(err(OBJ, at(OBJ, "order: 2") + 1,
                     SYNTAX + "a line '---' starts a second set of fields; a file holds one set, so remove "
                              "that line"),)),
    Case("control-character", edit(OBJ, OBJ_TITLE, "title: Building \x07 teams"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE),
                     SYNTAX + "the character U+0007 is not allowed in YAML (it is invisible or a control "
                              "code); delete it"),)),
    Case("key-that-is-a-list", edit(OBJ, "order: 2\n", "order: 2\n? [a, b]\n: c\n"),
         errors=(err(OBJ, at(OBJ, "order: 2") + 1, "a key must be a plain word, not a list or mapping"),)),
    # YAML syntax: one case for each plain message (tests/test_yaml_messages.py has every parser's wording)
    Case("tab-in-a-continued-value", edit(OBJ, OBJ_TITLE, "title: Building\n\tconfident teams"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE) + 1, TAB),)),
    Case("tab-in-block-text", edit(OBJ, SUMMARY, "summary: |\n  Giving every team\n\tthe skills"),
         errors=(err(OBJ, at(OBJ, SUMMARY) + 2, TAB),)),
    Case("value-starts-with-at-sign", edit(OBJ, OBJ_TITLE, "title: @Building confident teams"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE), SYNTAX + "a value cannot start with '@' unless it is in quotes"),)),
    Case("backslash-in-double-quotes", edit(OBJ, OBJ_TITLE, 'title: "Building teams in C:\\Teams"'),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE), SYNTAX + ESCAPE),)),
    Case("escape-out-of-range", edit(OBJ, OBJ_TITLE, 'title: "Building \\U0011FFFF teams"'),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE), SYNTAX + ESCAPE),)),
    Case("quote-crossed-by-dashes", edit(OBJ, OBJ_TITLE, 'title: "Building\n---\nteams"'),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE), UNCLOSED.format(at(OBJ, OBJ_TITLE))),)),
    Case("directive-line", transform(OBJ, lambda b: b"%YAML 1.2\n" + b), errors=(err(OBJ, 1, SYNTAX + DIRECTIVE),)),
    Case("percent-line", transform(OBJ, lambda b: b"% of teams\n---\n" + b), errors=(err(OBJ, 1, SYNTAX + DIRECTIVE),)),
    Case("document-end-line", edit(OBJ, "order: 2\n", "order: 2\n...\n"),
         errors=(err(OBJ, at(OBJ, "order: 2") + 1,
                     SYNTAX + "a line '...' ends the fields, so the lines after it cannot be read: remove it"),)),
    Case("indented-first-line", transform(OBJ, lambda b: b"  " + b),
         errors=(err(OBJ, 1, SYNTAX + "the first line is indented: start each top-level name at the beginning of its "
                                      "line"),)),
    Case("value-starts-with-ampersand", edit(OBJ, OBJ_TITLE, "title: & confident teams"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE), SYNTAX + "a value cannot start with '*' or '&' unless it is in quotes"),)),
    Case("anchor-used-twice",
         all_of(edit(OBJ, OBJ_TITLE, "title: &teams Building"), edit(OBJ, "summary: Giving", "summary: &teams Giving")),
         errors=(err(OBJ, at(OBJ, SUMMARY),
                     SYNTAX + "a value cannot start with '&' unless it is in quotes (YAML reads &name as a name for the "
                              "value, and this name is used twice)"),)),
    Case("tag-with-a-handle", edit(OBJ, OBJ_TITLE, "title: !Building!confident teams"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE), SYNTAX + TAG),)),
    Case("tag-never-closed", edit(OBJ, OBJ_TITLE, "title: !<Building confident teams"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE), SYNTAX + TAG),)),
    Case("int-tag-on-text", edit(OBJ, "order: 2", "order: !!int second"),
         errors=(err(OBJ, at(OBJ, "order: 2"), SYNTAX + NOT_ALLOWED.format("!!int")),)),
    Case("bool-tag-on-text", edit(OBJ, OBJ_TITLE, "title: !!bool Building confident teams"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE), SYNTAX + NOT_ALLOWED.format("!!bool")),)),
    Case("number-without-digits", edit(OBJ, "order: 2", "order: 0x_"),
         errors=(err(OBJ, at(OBJ, "order: 2"), "'order' must be a whole number, not text"),)),
    Case("merge-key-sign-is-text", edit(PAGE, PAGE_TITLE, "title: <<"), shows=(titled("&lt;&lt;"),)),
    Case("block-text-with-words-after-it", edit(OBJ, "summary: Giving", "summary: > Giving"),
         errors=(err(OBJ, at(OBJ, SUMMARY), SYNTAX + BLOCK),)),
    Case("list-item-after-a-name", edit(OBJ, OBJ_TITLE, "title: - Building confident teams"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE),
                     SYNTAX + "a list item ('- …') cannot start here: start the list on the line after its name, "
                              "indented, or put a value that starts with '- ' in quotes"),)),
    Case("value-starts-with-question-mark", edit(OBJ, OBJ_TITLE, "title: ? Building confident teams"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE), SYNTAX + "a value cannot start with '? ' unless it is in quotes"),)),
    Case("colon-in-a-bracketed-list", edit(OBJ, "commitments:\n", "commitments: [We will:, We might]\n"),
         errors=(err(OBJ, at(OBJ, "commitments:"),
                     SYNTAX + "a ':' inside '[ … ]' or '{ … }' needs a space after it, or the item with it needs "
                              "quotes"),)),
    Case("value-starts-with-a-closing-bracket", edit(OBJ, OBJ_TITLE, "title: ] Building"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE),
                     SYNTAX + "']' cannot start a value here: if it is part of the text, put the whole value in "
                              "quotes"),)),
    Case("field-inside-a-list", edit(OBJ, f"  - {COMMITMENT}\n", f"  - {COMMITMENT}\n  note: more\n"),
         errors=(err(OBJ, at(OBJ, COMMITMENT) + 1,
                     SYNTAX + "expected a list item ('- …') here: check the indentation"),)),
    # duplicate keys
    Case("duplicate-top-level-key", edit(SITE, "language: en\n", "language: en\nname: Another name\n"),
         errors=(err(SITE, at(SITE, "language: en") + 1,
                     DUPLICATE.format("name", at(SITE, f"name: {NAME}"))),)),
    Case("duplicate-nested-key",
         edit(SITE, "    url: /objectives/\n", "    url: /objectives/\n    url: /principles/\n"),
         errors=(err(SITE, at(SITE, "url: /objectives/") + 1,
                     DUPLICATE.format("url", at(SITE, "url: /objectives/"))),)),
    Case("duplicate-front-matter-key",
         edit(PAGE, "summary: This website", "title: Biscuits\nsummary: This website"),
         errors=(err(PAGE, at(PAGE, PAGE_TITLE) + 1, DUPLICATE.format("title", at(PAGE, PAGE_TITLE))),)),
    # wrong types and values
    Case("order-is-text", edit(OBJ, "order: 2", "order: second"),
         errors=(err(OBJ, at(OBJ, "order: 2"), "'order' must be a whole number, not text"),)),
    Case("order-is-zero", edit(OBJ, "order: 2", "order: 0"),
         errors=(err(OBJ, at(OBJ, "order: 2"), "'order' must be 1 or more, not 0"),)),
    Case("commitments-is-text", edit(OBJ, "commitments:\n", "commitments: We will\nignored:\n"),
         errors=(err(OBJ, at(OBJ, "commitments:"), "'commitments' must be a list, not text"),
                 err(OBJ, at(OBJ, "commitments:") + 1, f"unknown field 'ignored'; {ALLOWED}"))),
    Case("title-is-a-list", edit(OBJ, OBJ_TITLE, "title: [Building, teams]"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE), "'title' must be text, not a list"),)),
    Case("title-is-true", edit(OBJ, OBJ_TITLE, "title: yes"),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE), "'title' must be text, not true/false"),)),
    Case("navigation-is-a-mapping",
         edit(SITE, "navigation:\n", "navigation:\n  first: /objectives/\nold_navigation:\n"),
         errors=(err(SITE, at(SITE, "navigation:"), "'navigation' must be a list, not a mapping"),
                 err(SITE, at(SITE, "navigation:") + 2,
                     f"unknown field 'old_navigation' (did you mean 'navigation'?); {SITE_ALLOWED}"))),
    Case("phase-not-a-choice", edit(SITE, "phase: beta", "phase: gamma"),
         errors=(err(SITE, at(SITE, "phase: beta"),
                     "'phase' is 'gamma'; it must be one of 'alpha', 'beta', 'none'"),)),
    Case("featured-is-true", edit(HOME, FEATURED, "featured: true\n"),
         errors=(err(HOME, at(HOME, "featured:"), "'featured' must be a list, not true/false"),)),
    Case("file-is-a-list", write(OBJ, "- id: confident-teams\n- order: 2\n"),
         errors=(err(OBJ, 1, "the fields must be a mapping of 'name: value' lines"),)),
    Case("unknown-field", edit(OBJ, "summary:", "sumary:"),
         errors=(err(OBJ, 1, "'summary' is required but missing"),
                 err(OBJ, at(OBJ, "summary:"), f"unknown field 'sumary' (did you mean 'summary'?); {ALLOWED}"))),
    Case("unknown-field-not-close-to-any", edit(OBJ, "order: 2\n", "order: 2\nowner: Digital team\n"),
         errors=(err(OBJ, at(OBJ, "order: 2") + 1, f"unknown field 'owner'; {ALLOWED}"),)),
    Case("required-field-missing", edit(PAGE, PAGE_SUMMARY + "\n", ""),
         errors=(err(PAGE, at(PAGE, "id: cookies"), "'summary' is required but missing"),)),
    Case("required-field-empty", edit(PAGE, PAGE_TITLE, "title:"),
         errors=(err(PAGE, at(PAGE, PAGE_TITLE), "'title' is required but has no value"),)),
    Case("title-is-blank-text", edit(PAGE, PAGE_TITLE, 'title: "   "'),
         errors=(err(PAGE, at(PAGE, PAGE_TITLE), "'title' is empty"),)),
    Case("base-url-not-a-web-address",
         edit(SITE, "base_url: https://example.github.io/strategy/", "base_url: example.github.io/strategy"),
         errors=(err(SITE, at(SITE, "base_url:"), "'base_url' is 'example.github.io/strategy', which is "
                                                  "not a web address: it must start with https://"),)),
    Case("nav-link-not-a-web-address", edit(SITE, "    url: /objectives/", "    url: objectives"),
         errors=(err(SITE, at(SITE, "url: /objectives/"),
                     "'navigation[1].url' is 'objectives', which is not a web address: it must start with "
                     "https:// or /"),)),
    # missing, empty and stray files
    Case("site-yaml-missing", remove(SITE), errors=(err(SITE, 1, "this file is missing"),)),
    Case("home-missing", remove("home.md"), errors=(err(HOME, 1, "this file is missing"),)),
    Case("empty-yaml-file", write(OBJ, ""), errors=(err(OBJ, 1, "the file has no fields: it is empty"),)),
    Case("empty-markdown-file", write(PAGE, ""), errors=(err(PAGE, 1, NO_FRONT_MATTER),)),
    Case("empty-front-matter", write(PAGE, "---\n---\n## Cookies\n"),
         errors=(err(PAGE, 1, "the front matter is empty"),)),
    Case("front-matter-only-comments", write(PAGE, "---\n# id: cookies\n# title: Cookies\n---\n## Cookies\n"),
         errors=(err(PAGE, 2, "the front matter has no fields, only comments or an empty value"),)),
    Case("yaml-file-only-null", write(OBJ, "~\n"),
         errors=(err(OBJ, 1, "the file has no fields, only comments or an empty value"),)),
    Case("no-front-matter", write(PAGE, "## Cookies\n\nNone.\n"), errors=(err(PAGE, 1, NO_FRONT_MATTER),)),
    Case("front-matter-never-closes",
         transform(PAGE, lambda b: b.replace(b"---\n## Cookies", b"## Cookies", 1)),
         errors=(err(PAGE, 1, "the front matter starting on line 1 never closes: add a line '---' after the "
                              "last field"),)),
    Case("stray-file", write("objectives/notes.txt", "remember to add an objective\n"),
         errors=(err("objectives/notes.txt", 1,
                     "unexpected file in content/objectives/: files here must end in '.yaml'"),)),
    Case("folder-with-a-content-name", lambda root: (root / "content/principles/drafts.md").mkdir(),
         errors=(err("principles/drafts.md", 1,
                     "unexpected folder in content/principles/: it must hold only '.md' files"),)),
    Case("dangling-link", link("pages/gone.md", "content/pages/nowhere.md"),
         errors=(err("pages/gone.md", 1,
                     "this is a link to a file that does not exist; remove the link or restore the file"),)),
    # what content/ holds that the engine would not read
    Case("folder-the-engine-does-not-read", write("missions/first.md", "---\ntitle: Our first mission\n---\n"),
         errors=(err("missions", 1, NOT_READ_FOLDER),)),
    Case("text-file-in-content", write("notes.txt", "remember to add an objective\n"),
         errors=(err("notes.txt", 1, NOT_READ_FILE),)),
    Case("page-beside-the-folders", write("about.md", "---\nid: about\ntitle: About\nsummary: Us.\n---\nUs.\n"),
         errors=(err("about.md", 1, NOT_READ_FILE),)),
    Case("settings-file-misnamed", all_of(write("site.yml", "name: Example\n"), remove(SITE)),
         errors=(err(SITE, 1, "this file is missing"), err("site.yml", 1, NOT_READ_FILE + " (did you mean 'site.yaml'?)"))),
    Case("section-folder-misnamed", write("Principles/notes.md", "---\n---\n"),
         errors=(err("Principles", 1, NOT_READ_FOLDER + " (did you mean 'principles'?)"),)),
    Case("section-that-is-a-file",
         all_of(lambda root: [f.unlink() for f in (root / "content/news").iterdir()],
                lambda root: (root / "content/news").rmdir(), write("news", "no news\n"),
                edit(SITE, "  - text: News\n    url: /news/\n", "")),
         errors=(err("news", 1, "this must be a folder of '.md' files"),)),
    Case("readmes-and-editor-files-are-not-read",
         all_of(write("README.md", "# Content\n\nThe strategy's words.\n"),
                write("principles/README.md", "# Principles\n"), write(".DS_Store", b"\x00\x01"),
                write("home.md~", "old"), write("#home.md#", "autosave"), write("pages/.cookies.md.swp", b"\x00"),
                write("objectives/Thumbs.db", b"\x00")),
         shows=(("index.html", NAME),)),
    # encodings and line endings
    Case("byte-order-mark-in-yaml", transform(SITE, lambda b: b"\xef\xbb\xbf" + b),
         shows=(("index.html", NAME),)),
    Case("byte-order-mark-in-markdown", transform(PAGE, lambda b: b"\xef\xbb\xbf" + b),
         shows=(("cookies/index.html", "Cookies on this website"),)),
    Case("crlf-line-endings", transform(PRINCIPLE, lambda b: b.replace(b"\n", b"\r\n")),
         shows=(("principles/user-needs/index.html", STATEMENT),)),
    Case("cr-line-endings", transform(OBJ, lambda b: b.replace(b"\n", b"\r")),
         shows=(("objectives/confident-teams/index.html", COMMITMENT),)),
    Case("invalid-utf-8", transform(PAGE, lambda b: b.replace(b"small files", b"small fil\xe9s", 1)),
         errors=(err(PAGE, at(PAGE, "small files"), NOT_UTF_8.format("0xe9")),)),
    Case("utf-16", transform(OBJ, lambda b: b.decode("utf-8").encode("utf-16")),
         errors=(err(OBJ, 1, NOT_UTF_8.format("0xff")),)),
    Case("nul-byte", transform(PAGE, lambda b: b.replace(b"small files", b"small\x00files", 1)),
         errors=(err(PAGE, at(PAGE, "small files"),
                     "the file contains a NUL character; is it a binary file?"),)),
    # size and shape
    Case("ten-megabyte-markdown",
         transform(PAGE, lambda b: b + b"All work and no play makes a dull page.\n" * 262_144),
         errors=(err(PAGE, 1, "the file is 10.0 MB; content files must be under 2 MB"),)),
    Case("billion-laughs", transform(OBJ, lambda b: b + BILLION_LAUGHS.encode()),
         errors=(err(OBJ, end(OBJ) + 1, f"unknown field 'lol'; {ALLOWED}"),
                 *(err(OBJ, end(OBJ) + n, ALIAS.format(end(OBJ) + n)) for n in range(2, 10)))),
    Case("deeply-nested-yaml", edit(OBJ, f"commitments:\n  - {COMMITMENT}\n", _nested(60)),
         errors=(err(OBJ, at(OBJ, "commitments:") + 50, "data is nested more than 50 levels deep"),)),
    Case("deeply-nested-flow-yaml", edit(OBJ, OBJ_TITLE, "title: " + "[" * 1000 + "]" * 1000),
         errors=(err(OBJ, at(OBJ, OBJ_TITLE), NESTED),)),
    Case("deeply-nested-markdown-list",
         transform(PAGE, lambda b: b + b"\n" + b"".join(b"  " * i + b"- x\n" for i in range(600))),
         errors=(err(PAGE, at(PAGE, "## Cookies on this website"),
                     "the Markdown is nested too deeply to read (lists or quotes hundreds of levels inside "
                     "each other); flatten it"),)),
    Case("deeply-nested-quote", transform(PAGE, lambda b: b + b"\n" + b"> " * 3000 + b"deep\n"),
         shows=(("cookies/index.html", "deep</p>"),)),
    # ids, references and web addresses
    Case("unknown-objective", edit(CASE, "  - simpler-services\n", "  - simpler-servics\n"),
         errors=(err(CASE, at(CASE, "  - simpler-services"),
                     "'objectives' lists 'simpler-servics', which is not an objective (did you mean "
                     "'simpler-services'?)"),)),
    Case("unknown-principle", edit(CASE, "  - small-steps\n", "  - smaller-steps\n"),
         errors=(err(CASE, at(CASE, "  - small-steps"), "'principles' lists 'smaller-steps', which is not a "
                                                        "principle (did you mean 'small-steps'?)"),)),
    Case("unknown-featured-case-study",
         edit(HOME, "  - shared-booking-platform\n", "  - shared-booking-platforms\n"),
         errors=(err(HOME, at(HOME, "  - shared-booking-platform"),
                     "'featured' lists 'shared-booking-platforms', which is not a case study (did you mean "
                     "'shared-booking-platform'?)"),)),
    # the id is the file's name: the field may be left out, and must be the same when it is there
    Case("id-is-not-the-file-name", edit(THIRD_OBJ, "id: dependable-technology", "id: confident-teams"),
         errors=(err(THIRD_OBJ, 1, "the id 'confident-teams' is not the file's name 'dependable-technology': rename "
                                   "the file to confident-teams.yaml or change the id to 'dependable-technology'"),)),
    Case("id-in-front-matter-is-not-the-file-name", edit(PAGE, "id: cookies", "id: biscuits"),
         errors=(err(PAGE, at(PAGE, "id: cookies"), "the id 'biscuits' is not the file's name 'cookies': rename the "
                                                    "file to biscuits.md or change the id to 'cookies'"),)),
    Case("id-left-out", edit(PAGE, "id: cookies\n", ""), shows=(titled("Cookies"),)),
    Case("file-name-is-not-an-id", write("pages/About us.md", "---\ntitle: About us\nsummary: Who we are.\n---\nUs.\n"),
         errors=(err("pages/About us.md", 1, "the file name 'About us' cannot be used in a web address: rename the "
                                             "file using lower-case letters, digits and single hyphens, like "
                                             "user-needs.md"),)),
    Case("duplicate-order", edit(OBJ, "order: 2", "order: 1"),
         errors=(err("objectives/simpler-services.yaml", 2, f"'order' 1 is already used by the objective in "
                                                            f"content/{OBJ}"),)),
    Case("id-with-dot-dot", edit(PAGE, "id: cookies", "id: ../cookies"),
         errors=(err(PAGE, at(PAGE, "id: cookies"), NOT_AN_ID.format("../cookies")),)),
    Case("id-absolute-path", edit(PAGE, "id: cookies", "id: /etc/cookies"),
         errors=(err(PAGE, at(PAGE, "id: cookies"), NOT_AN_ID.format("/etc/cookies")),)),
    Case("id-with-unsafe-characters", edit(PAGE, "id: cookies", 'id: "cookies?a=1#b c"'),
         errors=(err(PAGE, at(PAGE, "id: cookies"), NOT_AN_ID.format("cookies?a=1#b c")),)),
    Case("id-with-capitals", edit(PAGE, "id: cookies", "id: Cookies"),
         errors=(err(PAGE, at(PAGE, "id: cookies"), NOT_AN_ID.format("Cookies")),)),
    Case("id-is-a-number", edit(PAGE, "id: cookies", "id: 404"),
         errors=(err(PAGE, at(PAGE, "id: cookies"), "'id' must be an id, not a number"),)),
    Case("reserved-page-id", write("pages/assets.md", "---\nid: assets\ntitle: Assets\nsummary: Ours.\n---\nOurs.\n"),
         errors=(err("pages/assets.md", 2, "the page id 'assets' is reserved for a part of the site; choose another "
                                           "id: rename the file, and its 'id' if it has one"),)),
    Case("link-to-missing-page", edit(SECURITY, LINK, "(/case-studies/market-stall/)"),
         errors=(err(SECURITY, at(SECURITY, LINK), NO_PAGE.format("/case-studies/market-stall/")
                     + " (did you mean '/case-studies/market-stall-licences/'?)"),)),
    Case("link-without-trailing-slash", edit(SECURITY, LINK, "(/case-studies/market-stall-licences)"),
         errors=(err(SECURITY, at(SECURITY, LINK),
                     "the link '/case-studies/market-stall-licences' needs a '/' at the end: "
                     "'/case-studies/market-stall-licences/'"),)),
    Case("link-to-missing-heading", edit(SECURITY, LINK, "(/case-studies/market-stall-licences/#nowhere)"),
         errors=(err(SECURITY, at(SECURITY, LINK),
                     "the link '/case-studies/market-stall-licences/#nowhere' goes to '#nowhere', which is "
                     "not a heading on that page"),)),
    Case("nav-link-to-missing-page", edit(SITE, "url: /engagement/", "url: /engagment/"),
         errors=(err(SITE, at(SITE, "url: /engagement/"),
                     NO_PAGE.format("/engagment/") + " (did you mean '/engagement/'?)"),)),
    Case("link-with-dot-dot", edit(SECURITY, LINK, "(/../../etc/passwd)"),
         errors=(err(SECURITY, at(SECURITY, LINK), NO_PAGE.format("/../../etc/passwd")),)),
    # links outside content/
    Case("symlink-file-outside-content",
         outside("secret.md", "---\nid: secret\ntitle: Secret\nsummary: S.\n---\nSecret.\n",
                 "pages/secret.md"),
         errors=(err("pages/secret.md", 1, OUTSIDE),)),
    Case("symlink-to-etc-passwd", link("pages/passwd.md", "/etc/passwd"),
         errors=(err("pages/passwd.md", 1, OUTSIDE),)),
    Case("symlinked-site-yaml-outside",
         all_of(lambda root: (root / "site-copy.yaml").write_bytes((root / "content/site.yaml").read_bytes()),
                link(SITE, "site-copy.yaml")),
         errors=(err(SITE, 1, OUTSIDE),)),
    # dates
    Case("date-that-does-not-exist", edit(CASE, CASE_DATE, "date: 2026-02-30"),
         errors=(err(CASE, at(CASE, CASE_DATE), NOT_REAL.format("2026-02-30")),)),
    Case("date-in-the-wrong-format", edit(CASE, CASE_DATE, "date: 15/09/2026"),
         errors=(err(CASE, at(CASE, CASE_DATE),
                     "'date' must be a date written YYYY-MM-DD, like 2026-03-14, not '15/09/2026'"),)),
    Case("month-thirteen", edit(CASE, CASE_DATE, "date: 2026-13-01"),
         errors=(err(CASE, at(CASE, CASE_DATE), NOT_REAL.format("2026-13-01")),)),
    # text: long, right-to-left, emoji, hostile
    Case("title-too-long", edit(PAGE, PAGE_TITLE, "title: " + LONG_TITLE + "A"),
         errors=(err(PAGE, at(PAGE, PAGE_TITLE), "'title' is 301 characters long; the most is 300"),)),
    Case("title-at-the-limit", edit(PAGE, PAGE_TITLE, "title: " + LONG_TITLE),
         shows=(("cookies/index.html", f'<h1 class="govuk-heading-xl">{LONG_TITLE}</h1>'),)),
    Case("right-to-left-title", edit(PAGE, PAGE_TITLE, "title: " + RTL_TITLE), shows=(titled(RTL_TITLE),)),
    Case("emoji-title-and-body", all_of(edit(PAGE, PAGE_TITLE, f'title: "{EMOJI_TITLE}"'),
                                        transform(PAGE, lambda b: b + "\nCookies 🍪 & cream.\n".encode())),
         shows=(titled(EMOJI_TITLE), ("cookies/index.html", "Cookies 🍪 &amp; cream."))),
    Case("bidi-override-in-title", edit(PAGE, PAGE_TITLE, "title: Cookies \u202egnp.exe"),
         shows=(titled("Cookies \u202egnp.exe"),)),
    Case("hostile-title", edit(PAGE, PAGE_TITLE, "title: \"</title><script>alert(1)</script>\""),
         shows=(titled("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),)),
    Case("template-syntax-in-content",
         all_of(edit(PAGE, PAGE_TITLE, "title: \"{{ 7 * 7 }} {% if true %}x{% endif %}\""),
                transform(PAGE, lambda b: b + b"\n{{ config.name }} {% raw %} {# note #}\n")),
         shows=(titled("{{ 7 * 7 }} {% if true %}x{% endif %}"),
                ("cookies/index.html", "{{ config.name }} {% raw %} {# note #}"))),
    # Markdown policy
    Case("raw-html-block", transform(PAGE, lambda b: b + b"\n<div class=\"cookie-banner\">Hi</div>\n"),
         errors=(err(PAGE, end(PAGE) + 2, RAW_HTML.format('<div class="cookie-banner">Hi</div>')),)),
    Case("raw-script-inline",
         edit(PAGE, "We do not set any cookies. There",
              "We do not set any cookies<script>alert(1)</script>. There"),
         errors=(err(PAGE, at(PAGE, "We do not set any cookies. There"), RAW_HTML.format("<script>")),)),
    Case("javascript-link", edit(SECURITY, LINK, "(javascript:alert(1))"),
         errors=(err(SECURITY, at(SECURITY, LINK), UNSAFE.format("javascript:alert(1)", "javascript")),)),
    Case("entity-encoded-javascript-link", edit(SECURITY, LINK, "(jav&#x61;script:alert(1))"),
         errors=(err(SECURITY, at(SECURITY, LINK),
                     UNSAFE.format("jav&#x61;script:alert(1)", "javascript")),)),
    Case("data-image", transform(PAGE, lambda b: b + b"\n![A cookie](data:image/svg+xml;base64,PHN2Zz4=)\n"),
         errors=(err(PAGE, end(PAGE) + 2, UNSAFE.format("data:image/svg+xml;base64,PHN2Zz4=", "data")),)),
    Case("top-level-heading-in-body", edit(PAGE, "## When this page changes", "# When this page changes"),
         errors=(err(PAGE, at(PAGE, "## When this page changes"),
                     "a top-level heading ('# …') is not allowed in the body: the page title is the page's "
                     "only top-level heading, so start with '## '"),)),
    # many problems at once: all reported, in file order
    Case("several-files-at-once",
         all_of(edit(OBJ, "order: 2", "order: second"), edit(CASE, CASE_DATE, "date: 2026-02-30"),
                edit(PAGE, PAGE_TITLE, "title:")),
         errors=(err(CASE, at(CASE, CASE_DATE), NOT_REAL.format("2026-02-30")),
                 err(OBJ, at(OBJ, "order: 2"), "'order' must be a whole number, not text"),
                 err(PAGE, at(PAGE, PAGE_TITLE), "'title' is required but has no value"))),
]
