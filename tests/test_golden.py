"""A tiny site's pages compared byte for byte with tests/golden/; `pytest --regen-golden` rewrites them."""

import re
from pathlib import Path

from microsite.pipeline import build_site

GOLDEN = Path(__file__).parent / "golden" / "tiny"


def test_tiny_site_matches_the_golden_copy(tiny, request):
    # The stylesheet's name carries a hash of the CSS; a style change alone should not need new golden pages.
    normalise = lambda data: re.sub(rb"app-[0-9a-f]{10}\.css", b"app-HASH.css", data)
    pages = {name: normalise(data) for name, data in build_site(tiny).items() if name.endswith(".html")}
    if request.config.getoption("--regen-golden"):
        for old in GOLDEN.rglob("*.html"):
            old.unlink()
        for name, data in pages.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*.html")}
    assert sorted(pages) == sorted(golden), "the page set changed: run pytest --regen-golden and review the diff"
    for name in pages:
        assert pages[name] == golden[name], f"{name} differs from tests/golden/tiny/{name}: run pytest --regen-golden and review the diff"
