"""The tiny site builds: the fixture other tests start from is sound."""

from microsite.pipeline import build_site


def test_tiny_site_builds(tiny):
    files = build_site(tiny)
    assert "index.html" in files and "case-studies/first-case/index.html" in files
    assert (tiny.dist / "about" / "index.html").is_file()
