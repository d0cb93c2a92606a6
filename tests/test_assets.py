"""Assets: Dart Sass output, its cache keyed by inputs, and the default brand's legal limits."""

import dataclasses

from microsite import assets
from microsite.assets import compile_css, css_cache_key


def test_css_is_cached_by_the_hash_of_its_inputs(project, tmp_path, monkeypatch):
    project = dataclasses.replace(project, cache=tmp_path / "cache")
    first = compile_css(project, "generic")
    calls = []
    monkeypatch.setattr(assets.subprocess, "run", lambda *a, **k: calls.append(a))
    assert compile_css(project, "generic") == first
    assert calls == []


def test_changing_our_sass_changes_the_key(project):
    before = css_cache_key(project, "generic")
    app = project.root / "assets/scss/_app.scss"
    app.write_text(app.read_text(encoding="utf-8") + "\n.app-x { color: red; }\n", encoding="utf-8")
    assert css_cache_key(project, "generic") != before
    assert css_cache_key(project, "govuk") != css_cache_key(project, "generic")


def test_generic_css_has_no_gds_transport_no_crest_and_relative_urls(built):
    _, files = built
    css = next(data for name, data in files.items() if name.startswith("assets/css/")).decode()
    assert "GDS Transport" not in css and "@font-face" not in css
    assert "govuk-crest" not in css
    assert "url(/" not in css
    assert "Helvetica Neue" in css


def test_sass_error_names_the_file_and_line(project, tmp_path):
    import pytest

    from microsite.errors import BuildFailed

    app = project.root / "assets/scss/_app.scss"
    app.write_text(app.read_text(encoding="utf-8") + "\n.app-x { color: $no-such-variable; }\n", encoding="utf-8")
    lines = app.read_text(encoding="utf-8").count("\n")
    with pytest.raises(BuildFailed) as failed:
        compile_css(dataclasses.replace(project, cache=tmp_path / "cache"), "generic")
    error = failed.value.errors[0]
    assert (error.path, error.line) == ("assets/scss/_app.scss", lines)
    assert error.message == "Sass error: Undefined variable."
