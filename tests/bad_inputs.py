"""The corpus of bad inputs: each case is one small change to a copy of the real content and what the build must say.

A case either fails with exactly ``errors`` (each a ``path:line: message`` line, in the order printed), or, when
``errors`` is empty, builds and shows each ``(page, text)`` of ``shows`` in that page's bytes. tests/test_bad_inputs.py
runs every case through the command line and checks the rest of the promise (exit status, no traceback, dist/ kept).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

Change = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """One bad input: a change to the project's root, and the exact errors it must produce (none: it must build)."""

    id: str
    change: Change
    errors: tuple[str, ...] = ()
    shows: tuple[tuple[str, str], ...] = field(default=())


# --- changes: each edits the copied project and fails loudly if the real content no longer matches ---

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


# --- the content the cases start from; lines are looked up in it, so the corpus follows edits to the content ---

CONTENT = Path(__file__).resolve().parent.parent / "content"


def at(name: str, text: str) -> int:
    """The line of content/name that holds text (which must be on exactly one line)."""
    lines = (CONTENT / name).read_text(encoding="utf-8").split("\n")
    found = [number for number, line in enumerate(lines, start=1) if text in line]
    assert len(found) == 1, f"content/{name} holds {text!r} on {len(found)} lines: update the corpus"
    return found[0]


def end(name: str) -> int:
    """The number of lines in content/name (the line a text appended to it starts after)."""
    return (CONTENT / name).read_text(encoding="utf-8").count("\n")


OBJ = "objectives/accelerating-digital-maturity.yaml"
OBJ_TITLE = "title: Accelerating digital maturity"
PRINCIPLE = "principles/user-needs.md"
CASE = "case-studies/homes-for-ukraine.md"
PAGE = "pages/cookies.md"
PAGE_TITLE = "title: Cookies"
SITE = "site.yaml"
HOME = "home.md"
SECURITY = "principles/security.md"

LONG_TITLE = "A" * 300
RTL_TITLE = "الاستراتيجية الرقمية – אסטרטגיה דיגיטלית"
EMOJI_TITLE = "Digital 🚀 strategy 👩🏽‍💻 for everyone 🇬🇧"
# Nine lines, each holding nine references to the line before: 9**9 (387 million) strings if expanded.
BILLION_LAUGHS = "lol:\n  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)
)


def _nested(depth: int) -> str:
    return "commitments:\n" + "".join("  " * i + "- \n" for i in range(1, depth)) + "  " * depth + "- We will\n"


CASES: list[Case] = [
    # YAML syntax
    Case("unclosed-double-quote", edit(OBJ, OBJ_TITLE, 'title: "Accelerating digital maturity'),
         errors=(
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, OBJ_TITLE)}: YAML syntax error: the quoted value that starts on line {at(OBJ, OBJ_TITLE)} is never closed',
         )),
    Case("unclosed-single-quote-in-front-matter", edit(PRINCIPLE, "name: User needs", "name: 'User needs"),
         errors=(
             f'content/principles/user-needs.md:{at(PRINCIPLE, "name: User needs")}: YAML syntax error: the quoted value that starts on line {at(PRINCIPLE, "name: User needs")} is never closed',
         )),
    Case("tab-indentation", edit(SITE, "  - text: Objectives", "\t- text: Objectives"),
         errors=(
             f'content/site.yaml:{at(SITE, "  - text: Objectives")}: YAML syntax error: a tab character is used for indentation; indent with spaces',
         )),
    Case("bad-indentation", edit(OBJ, "order: 2\n", "order: 2\n  title: Indented\n"),
         errors=(
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, "order: 2") + 1}: YAML syntax error: a \':\' is not allowed here: is the line indented too far, or does a value with \': \' in it need quotes?',
         )),
    Case("unclosed-flow-list", edit(OBJ, "commitments:\n", "commitments: [We will, We might\n"),
         errors=(
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, "commitments:")}: YAML syntax error: the list that starts with \'[\' on line {at(OBJ, "commitments:")} is not closed with \']\', or an item in it needs a comma or quotes',
         )),
    Case("list-item-in-a-mapping", edit(OBJ, "order: 2\n", "order: 2\n- a stray item\n"),
         errors=(
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, "order: 2") + 1}: YAML syntax error: expected a \'name: value\' line here: check the indentation, and put quotes around a whole value that starts with a quote',
         )),
    Case("python-tag", edit(OBJ, OBJ_TITLE, "title: !!python/object/apply:os.system [echo hi]"),
         errors=(
             f"content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, OBJ_TITLE)}: YAML syntax error: the tag '!!python/object/apply:os.system' is not allowed: content holds only text, numbers, true/false, lists and mappings",
         )),
    Case("undefined-alias", edit(OBJ, OBJ_TITLE, "title: *nothing"),
         errors=(
             f"content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, OBJ_TITLE)}: YAML syntax error: a value cannot start with '*' unless it is in quotes (YAML reads *name as a reference)",
         )),
    Case("missing-colon", edit(OBJ, "order: 2", "order 2"),
         errors=(f"content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, 'order: 2')}: YAML syntax error: this line needs a ':' after its name, like 'name: value'",)),
    Case("two-yaml-documents", edit(OBJ, "order: 2\n", "order: 2\n---\nid: second\n"),
         errors=(
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, "order: 2") + 1}: YAML syntax error: a line \'---\' starts a second set of fields; a file holds one set, so remove that line',
         )),
    Case("control-character", edit(OBJ, OBJ_TITLE, "title: Accelerating \x07 maturity"),
         errors=(
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, OBJ_TITLE)}: YAML syntax error: the character U+0007 is not allowed in YAML (it is invisible or a control code); delete it',
         )),
    Case("key-that-is-a-list", edit(OBJ, "order: 2\n", "order: 2\n? [a, b]\n: c\n"),
         errors=(
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, "order: 2") + 1}: a key must be a plain word, not a list or mapping',
         )),
    # duplicate keys
    Case("duplicate-top-level-key", edit(SITE, "language: en\n", "language: en\nname: Another name\n"),
         errors=(
             f'content/site.yaml:{at(SITE, "language: en") + 1}: duplicate key \'name\' (first on line {at(SITE, "name: MHCLG")}); YAML keeps only one of them, so remove or rename the other',
         )),
    Case("duplicate-nested-key", edit(SITE, "    url: /objectives/\n", "    url: /objectives/\n    url: /principles/\n"),
         errors=(
             f'content/site.yaml:{at(SITE, "url: /objectives/") + 1}: duplicate key \'url\' (first on line {at(SITE, "url: /objectives/")}); YAML keeps only one of them, so remove or rename the other',
         )),
    Case("duplicate-front-matter-key", edit(PAGE, "summary: This website", "title: Biscuits\nsummary: This website"),
         errors=(
             f"content/pages/cookies.md:{at(PAGE, PAGE_TITLE) + 1}: duplicate key 'title' (first on line {at(PAGE, PAGE_TITLE)}); YAML keeps only one of them, so remove or rename the other",
         )),
    # wrong types and values
    Case("order-is-text", edit(OBJ, "order: 2", "order: second"),
         errors=(
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, "order: 2")}: \'order\' must be a whole number, not text',
         )),
    Case("order-is-zero", edit(OBJ, "order: 2", "order: 0"),
         errors=(
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, "order: 2")}: \'order\' must be 1 or more, not 0',
         )),
    Case("commitments-is-text", edit(OBJ, "commitments:\n", "commitments: We will\nignored:\n"),
         errors=(
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, "commitments:")}: \'commitments\' must be a list, not text',
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, "commitments:") + 1}: unknown field \'ignored\'; allowed fields: id, order, title, summary, commitments, last_reviewed, review_by, updated',
         )),
    Case("title-is-a-list", edit(OBJ, OBJ_TITLE, "title: [Accelerating, digital]"),
         errors=(
             f"content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, OBJ_TITLE)}: 'title' must be text, not a list",
         )),
    Case("title-is-true", edit(OBJ, OBJ_TITLE, "title: yes"),
         errors=(
             f"content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, OBJ_TITLE)}: 'title' must be text, not true/false",
         )),
    Case("navigation-is-a-mapping", edit(SITE, "navigation:\n", "navigation:\n  first: /objectives/\nold_navigation:\n"),
         errors=(
             f'content/site.yaml:{at(SITE, "navigation:")}: \'navigation\' must be a list, not a mapping',
             f'content/site.yaml:{at(SITE, "navigation:") + 2}: unknown field \'old_navigation\' (did you mean \'navigation\'?)',
         )),
    Case("phase-not-a-choice", edit(SITE, "phase: beta", "phase: gamma"),
         errors=(
             f'content/site.yaml:{at(SITE, "phase: beta")}: \'phase\' is \'gamma\'; it must be one of \'alpha\', \'beta\', \'none\'',
         )),
    Case("featured-is-true", edit(HOME, "featured:\n  - homes-for-ukraine\n  - funding-service\n  - digital-planning\n", "featured: true\n"),
         errors=(
             f'content/home.md:{at(HOME, "featured:")}: \'featured\' must be a list, not true/false',
         )),
    Case("file-is-a-list", write(OBJ, "- id: accelerating-digital-maturity\n- order: 2\n"),
         errors=(
             "content/objectives/accelerating-digital-maturity.yaml:1: the fields must be a mapping of 'name: value' lines",
         )),
    Case("unknown-field", edit(OBJ, "summary:", "sumary:"),
         errors=(
             "content/objectives/accelerating-digital-maturity.yaml:1: 'summary' is required but missing",
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, "summary:")}: unknown field \'sumary\' (did you mean \'summary\'?)',
         )),
    Case("required-field-missing", edit(PAGE, "summary: This website does not set any cookies, does not use analytics and does not store anything on your device.\n", ""),
         errors=(
             f'content/pages/cookies.md:{at(PAGE, "id: cookies")}: \'summary\' is required but missing',
         )),
    Case("required-field-empty", edit(PAGE, PAGE_TITLE, "title:"),
         errors=(
             f"content/pages/cookies.md:{at(PAGE, PAGE_TITLE)}: 'title' is required but has no value",
         )),
    Case("title-is-blank-text", edit(PAGE, PAGE_TITLE, 'title: "   "'),
         errors=(
             f"content/pages/cookies.md:{at(PAGE, PAGE_TITLE)}: 'title' is empty",
         )),
    Case("base-url-not-a-web-address", edit(SITE, "base_url: https://example.github.io/strategy/", "base_url: example.github.io/strategy"),
         errors=(
             f'content/site.yaml:{at(SITE, "base_url:")}: \'base_url\' is \'example.github.io/strategy\', which is not a web address: it must start with https://',
         )),
    Case("nav-link-not-a-web-address", edit(SITE, "    url: /objectives/", "    url: objectives"),
         errors=(
             f'content/site.yaml:{at(SITE, "url: /objectives/")}: \'navigation[1].url\' is \'objectives\', which is not a web address: it must start with https:// or /',
         )),
    # missing, empty and stray files
    Case("site-yaml-missing", remove(SITE),
         errors=(
             'content/site.yaml:1: this file is missing',
         )),
    Case("home-missing", remove("home.md"),
         errors=(
             'content/home.md:1: this file is missing',
         )),
    Case("empty-yaml-file", write(OBJ, ""),
         errors=(
             'content/objectives/accelerating-digital-maturity.yaml:1: the file has no fields: it is empty',
         )),
    Case("empty-markdown-file", write(PAGE, ""),
         errors=(
             "content/pages/cookies.md:1: the file must start with front matter: a line '---', the fields, then another '---'",
         )),
    Case("empty-front-matter", write(PAGE, "---\n---\n## Cookies\n"),
         errors=(
             'content/pages/cookies.md:1: the front matter is empty',
         )),
    Case("front-matter-only-comments", write(PAGE, "---\n# id: cookies\n# title: Cookies\n---\n## Cookies\n"),
         errors=("content/pages/cookies.md:2: the front matter has no fields, only comments or an empty value",)),
    Case("yaml-file-only-null", write(OBJ, "~\n"),
         errors=("content/objectives/accelerating-digital-maturity.yaml:1: the file has no fields, only comments or an empty value",)),
    Case("no-front-matter", write(PAGE, "## Cookies\n\nNone.\n"),
         errors=(
             "content/pages/cookies.md:1: the file must start with front matter: a line '---', the fields, then another '---'",
         )),
    Case("front-matter-never-closes", transform(PAGE, lambda b: b.replace(b"---\n## Cookies", b"## Cookies", 1)),
         errors=(
             "content/pages/cookies.md:1: the front matter starting on line 1 never closes: add a line '---' after the last field",
         )),
    Case("stray-file", write("objectives/notes.txt", "remember to add an objective\n"),
         errors=(
             "content/objectives/notes.txt:1: unexpected file in content/objectives/: files here must end in '.yaml'",
         )),
    Case("folder-with-a-content-name", lambda root: (root / "content/principles/drafts.md").mkdir(),
         errors=(
             "content/principles/drafts.md:1: unexpected folder in content/principles/: it must hold only '.md' files",
         )),
    Case("dangling-link", link("pages/gone.md", "content/pages/nowhere.md"),
         errors=(
             'content/pages/gone.md:1: this is a link to a file that does not exist; remove the link or restore the file',
         )),
    # encodings and line endings
    Case("byte-order-mark-in-yaml", transform(SITE, lambda b: b"\xef\xbb\xbf" + b), shows=(("index.html", "MHCLG Digital strategy"),)),
    Case("byte-order-mark-in-markdown", transform(PAGE, lambda b: b"\xef\xbb\xbf" + b), shows=(("cookies/index.html", "Cookies on this website"),)),
    Case("crlf-line-endings", transform(PRINCIPLE, lambda b: b.replace(b"\n", b"\r\n")), shows=(("principles/user-needs/index.html", "We start with the needs of the user"),)),
    Case("cr-line-endings", transform(OBJ, lambda b: b.replace(b"\n", b"\r")), shows=(("objectives/accelerating-digital-maturity/index.html", "We will enhance digital and data skills"),)),
    Case("invalid-utf-8", transform(PAGE, lambda b: b.replace(b"small files", b"small fil\xe9s", 1)),
         errors=(
             f'content/pages/cookies.md:{at(PAGE, "small files")}: the file is not valid UTF-8 text (byte 0xe9 cannot be read); save it as UTF-8',
         )),
    Case("utf-16", transform(OBJ, lambda b: b.decode("utf-8").encode("utf-16")),
         errors=(
             'content/objectives/accelerating-digital-maturity.yaml:1: the file is not valid UTF-8 text (byte 0xff cannot be read); save it as UTF-8',
         )),
    Case("nul-byte", transform(PAGE, lambda b: b.replace(b"small files", b"small\x00files", 1)),
         errors=(
             f'content/pages/cookies.md:{at(PAGE, "small files")}: the file contains a NUL character; is it a binary file?',
         )),
    # size and shape
    Case("ten-megabyte-markdown", transform(PAGE, lambda b: b + b"All work and no play makes a dull page.\n" * 262_144),
         errors=(
             'content/pages/cookies.md:1: the file is 10.0 MB; content files must be under 2 MB',
         )),
    Case("billion-laughs", transform(OBJ, lambda b: b + BILLION_LAUGHS.encode()),
         errors=(
             f"content/objectives/accelerating-digital-maturity.yaml:{end(OBJ) + 1}: unknown field 'lol'; allowed fields: id, order, title, summary, commitments, last_reviewed, review_by, updated",
             f'content/objectives/accelerating-digital-maturity.yaml:{end(OBJ) + 2}: YAML anchors and aliases (&name, *name) are not allowed in content: the value on line {end(OBJ) + 2} is reused; write it out in full',
             f'content/objectives/accelerating-digital-maturity.yaml:{end(OBJ) + 3}: YAML anchors and aliases (&name, *name) are not allowed in content: the value on line {end(OBJ) + 3} is reused; write it out in full',
             f'content/objectives/accelerating-digital-maturity.yaml:{end(OBJ) + 4}: YAML anchors and aliases (&name, *name) are not allowed in content: the value on line {end(OBJ) + 4} is reused; write it out in full',
             f'content/objectives/accelerating-digital-maturity.yaml:{end(OBJ) + 5}: YAML anchors and aliases (&name, *name) are not allowed in content: the value on line {end(OBJ) + 5} is reused; write it out in full',
             f'content/objectives/accelerating-digital-maturity.yaml:{end(OBJ) + 6}: YAML anchors and aliases (&name, *name) are not allowed in content: the value on line {end(OBJ) + 6} is reused; write it out in full',
             f'content/objectives/accelerating-digital-maturity.yaml:{end(OBJ) + 7}: YAML anchors and aliases (&name, *name) are not allowed in content: the value on line {end(OBJ) + 7} is reused; write it out in full',
             f'content/objectives/accelerating-digital-maturity.yaml:{end(OBJ) + 8}: YAML anchors and aliases (&name, *name) are not allowed in content: the value on line {end(OBJ) + 8} is reused; write it out in full',
             f'content/objectives/accelerating-digital-maturity.yaml:{end(OBJ) + 9}: YAML anchors and aliases (&name, *name) are not allowed in content: the value on line {end(OBJ) + 9} is reused; write it out in full',
         )),
    Case("deeply-nested-yaml", edit(OBJ, "commitments:\n  - We will enhance digital and data skills for everyone\n", _nested(60)),
         errors=(
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, "commitments:") + 50}: data is nested more than 50 levels deep',
         )),
    Case("deeply-nested-flow-yaml", edit(OBJ, OBJ_TITLE, "title: " + "[" * 1000 + "]" * 1000),
         errors=(
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, OBJ_TITLE)}: YAML syntax error: exceeded maximum nesting depth while increasing flow level',
         )),
    Case("deeply-nested-markdown-list", transform(PAGE, lambda b: b + b"\n" + b"".join(b"  " * i + b"- x\n" for i in range(600))),
         errors=(
             f'content/pages/cookies.md:{at(PAGE, "## Cookies on this website")}: the Markdown is nested too deeply to read (lists or quotes hundreds of levels inside each other); flatten it',
         )),
    Case("deeply-nested-quote", transform(PAGE, lambda b: b + b"\n" + b"> " * 3000 + b"deep\n"), shows=(("cookies/index.html", "deep</p>"),)),
    # ids, references and web addresses
    Case("unknown-objective", edit(CASE, "  - embedding-digital-in-policy\n", "  - embedding-digital-in-polcy\n"),
         errors=(
             f'content/case-studies/homes-for-ukraine.md:{at(CASE, "  - embedding-digital-in-policy")}: \'objectives\' lists \'embedding-digital-in-polcy\', which is not an objective (did you mean \'embedding-digital-in-policy\'?)',
         )),
    Case("unknown-principle", edit(CASE, "  - rapid-delivery\n", "  - speedy-delivery\n"),
         errors=(
             f'content/case-studies/homes-for-ukraine.md:{at(CASE, "  - rapid-delivery")}: \'principles\' lists \'speedy-delivery\', which is not a principle (did you mean \'rapid-delivery\'?)',
         )),
    Case("unknown-featured-case-study", edit(HOME, "  - funding-service\n", "  - funding-services\n"),
         errors=(
             f'content/home.md:{at(HOME, "  - funding-service")}: \'featured\' lists \'funding-services\', which is not a case study (did you mean \'funding-service\'?)',
         )),
    Case("duplicate-id", edit("objectives/enhancing-operational-excellence.yaml", "id: enhancing-operational-excellence", "id: accelerating-digital-maturity"),
         errors=(
             f'content/case-studies/funding-service.md:{at("case-studies/funding-service.md", "  - enhancing-operational-excellence")}: \'objectives\' lists \'enhancing-operational-excellence\', which is not an objective',
             f'content/case-studies/homes-for-ukraine.md:{at(CASE, "  - enhancing-operational-excellence")}: \'objectives\' lists \'enhancing-operational-excellence\', which is not an objective',
             "content/objectives/enhancing-operational-excellence.yaml:1: the id 'accelerating-digital-maturity' is already used by content/objectives/accelerating-digital-maturity.yaml; ids must be unique",
         )),
    Case("duplicate-order", edit(OBJ, "order: 2", "order: 1"),
         errors=(
             "content/objectives/embedding-digital-in-policy.yaml:2: 'order' 1 is already used by the objective in content/objectives/accelerating-digital-maturity.yaml",
         )),
    Case("id-with-dot-dot", edit(PAGE, "id: cookies", "id: ../cookies"),
         errors=(
             f'content/pages/cookies.md:{at(PAGE, "id: cookies")}: \'id\' is \'../cookies\', which cannot be used in a web address: use lower-case letters, digits and single hyphens, like \'user-needs\'',
         )),
    Case("id-absolute-path", edit(PAGE, "id: cookies", "id: /etc/cookies"),
         errors=(
             f'content/pages/cookies.md:{at(PAGE, "id: cookies")}: \'id\' is \'/etc/cookies\', which cannot be used in a web address: use lower-case letters, digits and single hyphens, like \'user-needs\'',
         )),
    Case("id-with-unsafe-characters", edit(PAGE, "id: cookies", 'id: "cookies?a=1#b c"'),
         errors=(
             f'content/pages/cookies.md:{at(PAGE, "id: cookies")}: \'id\' is \'cookies?a=1#b c\', which cannot be used in a web address: use lower-case letters, digits and single hyphens, like \'user-needs\'',
         )),
    Case("id-with-capitals", edit(PAGE, "id: cookies", "id: Cookies"),
         errors=(
             f'content/pages/cookies.md:{at(PAGE, "id: cookies")}: \'id\' is \'Cookies\', which cannot be used in a web address: use lower-case letters, digits and single hyphens, like \'user-needs\'',
         )),
    Case("id-is-a-number", edit(PAGE, "id: cookies", "id: 404"),
         errors=(
             f'content/pages/cookies.md:{at(PAGE, "id: cookies")}: \'id\' must be an id, not a number',
         )),
    Case("reserved-page-id", all_of(edit(PAGE, "id: cookies", "id: assets"), edit(SITE, "url: /cookies/", "url: /assets/")),
         errors=(
             f'content/pages/cookies.md:{at(PAGE, "id: cookies")}: the page id \'assets\' is reserved for a part of the site; choose another id',
         )),
    Case("link-to-missing-page", edit(SECURITY, "(/case-studies/digital-planning/)", "(/case-studies/digital-plan/)"),
         errors=(
             f'content/principles/security.md:{at(SECURITY, "(/case-studies/digital-planning/)")}: the link \'/case-studies/digital-plan/\' goes to a page that does not exist (did you mean \'/case-studies/digital-planning/\'?)',
         )),
    Case("link-without-trailing-slash", edit(SECURITY, "(/case-studies/digital-planning/)", "(/case-studies/digital-planning)"),
         errors=(
             f'content/principles/security.md:{at(SECURITY, "(/case-studies/digital-planning/)")}: the link \'/case-studies/digital-planning\' needs a \'/\' at the end: \'/case-studies/digital-planning/\'',
         )),
    Case("link-to-missing-heading", edit(SECURITY, "(/case-studies/digital-planning/)", "(/case-studies/digital-planning/#nowhere)"),
         errors=(
             f'content/principles/security.md:{at(SECURITY, "(/case-studies/digital-planning/)")}: the link \'/case-studies/digital-planning/#nowhere\' goes to \'#nowhere\', which is not a heading on that page',
         )),
    Case("nav-link-to-missing-page", edit(SITE, "url: /engagement/", "url: /engagment/"),
         errors=(
             f'content/site.yaml:{at(SITE, "url: /engagement/")}: the link \'/engagment/\' goes to a page that does not exist (did you mean \'/engagement/\'?)',
         )),
    Case("link-with-dot-dot", edit(SECURITY, "(/case-studies/digital-planning/)", "(/../../etc/passwd)"),
         errors=(
             f'content/principles/security.md:{at(SECURITY, "(/case-studies/digital-planning/)")}: the link \'/../../etc/passwd\' goes to a page that does not exist',
         )),
    # links outside content/
    Case("symlink-file-outside-content", outside("secret.md", "---\nid: secret\ntitle: Secret\nsummary: S.\n---\nSecret.\n", "pages/secret.md"),
         errors=(
             'content/pages/secret.md:1: this is a link to a file outside content/; content files must live inside content/',
         )),
    Case("symlink-to-etc-passwd", link("pages/passwd.md", "/etc/passwd"),
         errors=(
             'content/pages/passwd.md:1: this is a link to a file outside content/; content files must live inside content/',
         )),
    Case("symlinked-site-yaml-outside", all_of(lambda root: (root / "site-copy.yaml").write_bytes((root / "content/site.yaml").read_bytes()),
                                               link(SITE, "site-copy.yaml")),
         errors=(
             'content/site.yaml:1: this is a link to a file outside content/; content files must live inside content/',
         )),
    # dates
    Case("date-that-does-not-exist", edit(CASE, "date: 2026-11-27", "date: 2026-02-30"),
         errors=(
             f'content/case-studies/homes-for-ukraine.md:{at(CASE, "date: 2026-11-27")}: \'date\' is 2026-02-30, which is not a real date',
         )),
    Case("date-in-the-wrong-format", edit(CASE, "date: 2026-11-27", "date: 27/11/2026"),
         errors=(
             f'content/case-studies/homes-for-ukraine.md:{at(CASE, "date: 2026-11-27")}: \'date\' must be a date written YYYY-MM-DD, like 2026-03-14, not \'27/11/2026\'',
         )),
    Case("month-thirteen", edit(CASE, "date: 2026-11-27", "date: 2026-13-01"),
         errors=(
             f'content/case-studies/homes-for-ukraine.md:{at(CASE, "date: 2026-11-27")}: \'date\' is 2026-13-01, which is not a real date',
         )),
    # text: long, right-to-left, emoji, hostile
    Case("title-too-long", edit(PAGE, PAGE_TITLE, "title: " + LONG_TITLE + "A"),
         errors=(
             f"content/pages/cookies.md:{at(PAGE, PAGE_TITLE)}: 'title' is 301 characters long; the most is 300",
         )),
    Case("title-at-the-limit", edit(PAGE, PAGE_TITLE, "title: " + LONG_TITLE), shows=(("cookies/index.html", f'<h1 class="govuk-heading-xl">{LONG_TITLE}</h1>'),)),
    Case("right-to-left-title", edit(PAGE, PAGE_TITLE, "title: " + RTL_TITLE), shows=(("cookies/index.html", f"<title>{RTL_TITLE} – MHCLG Digital strategy</title>"),)),
    Case("emoji-title-and-body", all_of(edit(PAGE, PAGE_TITLE, f'title: "{EMOJI_TITLE}"'), transform(PAGE, lambda b: b + "\nCookies 🍪 & cream.\n".encode())),
         shows=(("cookies/index.html", f"<title>{EMOJI_TITLE} – MHCLG Digital strategy</title>"), ("cookies/index.html", "Cookies 🍪 &amp; cream."))),
    Case("bidi-override-in-title", edit(PAGE, PAGE_TITLE, "title: Cookies \u202egnp.exe"), shows=(("cookies/index.html", "<title>Cookies \u202egnp.exe – MHCLG Digital strategy</title>"),)),
    Case("hostile-title", edit(PAGE, PAGE_TITLE, "title: \"</title><script>alert(1)</script>\""),
         shows=(("cookies/index.html", "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; – MHCLG Digital strategy</title>"),)),
    Case("template-syntax-in-content", all_of(edit(PAGE, PAGE_TITLE, "title: \"{{ 7 * 7 }} {% if true %}x{% endif %}\""),
                                              transform(PAGE, lambda b: b + b"\n{{ config.name }} {% raw %} {# note #}\n")),
         shows=(("cookies/index.html", "<title>{{ 7 * 7 }} {% if true %}x{% endif %} – MHCLG Digital strategy</title>"),
                ("cookies/index.html", "{{ config.name }} {% raw %} {# note #}"))),
    # Markdown policy
    Case("raw-html-block", transform(PAGE, lambda b: b + b"\n<div class=\"cookie-banner\">Hi</div>\n"),
         errors=(
             f'content/pages/cookies.md:{end(PAGE) + 2}: raw HTML is not allowed in Markdown (\'<div class="cookie-banner">Hi</div>\'); use Markdown, or ask a developer to add a component',
         )),
    Case("raw-script-inline", edit(PAGE, "This website does not set any cookies. It", "This website does not set any cookies<script>alert(1)</script>. It"),
         errors=(
             f'content/pages/cookies.md:{at(PAGE, "This website does not set any cookies. It")}: raw HTML is not allowed in Markdown (\'<script>\'); use Markdown, or ask a developer to add a component',
         )),
    Case("javascript-link", edit(SECURITY, "(/case-studies/digital-planning/)", "(javascript:alert(1))"),
         errors=(
             f'content/principles/security.md:{at(SECURITY, "(/case-studies/digital-planning/)")}: the link \'javascript:alert(1)\' uses an unsafe scheme (javascript:); link to a web page instead',
         )),
    Case("entity-encoded-javascript-link", edit(SECURITY, "(/case-studies/digital-planning/)", "(jav&#x61;script:alert(1))"),
         errors=(
             f'content/principles/security.md:{at(SECURITY, "(/case-studies/digital-planning/)")}: the link \'jav&#x61;script:alert(1)\' uses an unsafe scheme (javascript:); link to a web page instead',
         )),
    Case("data-image", transform(PAGE, lambda b: b + b"\n![A cookie](data:image/svg+xml;base64,PHN2Zz4=)\n"),
         errors=(
             f"content/pages/cookies.md:{end(PAGE) + 2}: the link 'data:image/svg+xml;base64,PHN2Zz4=' uses an unsafe scheme (data:); link to a web page instead",
         )),
    Case("top-level-heading-in-body", edit(PAGE, "## If this changes", "# If this changes"),
         errors=(
             f'content/pages/cookies.md:{at(PAGE, "## If this changes")}: a top-level heading (\'# …\') is not allowed in the body: the page title is the page\'s only top-level heading, so start with \'## \'',
         )),
    # many problems at once: all reported, in file order
    Case("several-files-at-once", all_of(edit(OBJ, "order: 2", "order: second"), edit(CASE, "date: 2026-11-27", "date: 2026-02-30"),
                                         edit(PAGE, PAGE_TITLE, "title:")),
         errors=(
             f'content/case-studies/homes-for-ukraine.md:{at(CASE, "date: 2026-11-27")}: \'date\' is 2026-02-30, which is not a real date',
             f'content/objectives/accelerating-digital-maturity.yaml:{at(OBJ, "order: 2")}: \'order\' must be a whole number, not text',
             f"content/pages/cookies.md:{at(PAGE, PAGE_TITLE)}: 'title' is required but has no value",
         )),
]
