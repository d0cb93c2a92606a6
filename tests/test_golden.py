"""The <head> and <main> of each page of a tiny site, compared with tests/golden/tiny/; a difference is shown
as a unified diff, and `pytest tests/test_golden.py --regen-golden` rewrites the golden files.

Only the head and the main content are kept: the header, the footer and the rest of the page frame are the
same on every page, so a change there would rewrite every golden file and hide what the change really did.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from microsite.pipeline import build_site

GOLDEN = Path(__file__).parent / "golden" / "tiny"
REGEN = "if the change is intended, run pytest tests/test_golden.py --regen-golden and review the diff"
# Each from the start of its line, so that its first line keeps its indentation as the others do.
PARTS = (re.compile(r"^[ \t]*<head>.*?</head>", re.S | re.M),
         re.compile(r"^[ \t]*<main\b.*?</main>", re.S | re.M))


def golden_text(html: bytes) -> str:
    """The page's <head> and <main>, one after the other, with the stylesheet's hash taken out."""
    text = html.decode("utf-8")
    found = [pattern.findall(text) for pattern in PARTS]
    assert [len(matches) for matches in found] == [1, 1], "a page must have one <head> and one <main>"
    # The stylesheet's name carries a hash of the CSS; a style change alone should not need new golden pages.
    return re.sub(r"app-[0-9a-f]{10}\.css", "app-HASH.css", "\n".join(m[0] for m in found) + "\n")


def regenerate(pages: dict[str, str]) -> None:
    """Replace the golden files with these pages."""
    for old in GOLDEN.rglob("*.html"):
        old.unlink()
    for name, text in pages.items():
        (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
        (GOLDEN / name).write_text(text, encoding="utf-8")


def difference(name: str, golden: str, built: str) -> str:
    """A unified diff from the golden file to the page as built."""
    return "".join(difflib.unified_diff(golden.splitlines(keepends=True), built.splitlines(keepends=True),
                                        f"tests/golden/tiny/{name}", f"{name} as built now"))


def test_tiny_site_matches_the_golden_copy(tiny, request):
    pages = {name: golden_text(data) for name, data in build_site(tiny).items() if name.endswith(".html")}
    if request.config.getoption("--regen-golden"):
        regenerate(pages)
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.html")}
    assert sorted(pages) == sorted(golden), f"the page set changed: {REGEN}"
    changed = [name for name in sorted(pages) if pages[name] != golden[name]]
    diffs = [difference(name, golden[name], pages[name]) for name in changed]
    assert not diffs, f"the pages differ from tests/golden/tiny/ ({REGEN}):\n" + "\n".join(diffs)
