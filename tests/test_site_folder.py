"""A site folder holds only content/ and what it overrides: the engine's templates and assets do the rest."""

from __future__ import annotations

import pytest
from conftest import ROOT, write_tiny

from microsite.errors import BuildFailed
from microsite.pipeline import Project, build_site


@pytest.fixture
def bare(tmp_path) -> Project:
    """The tiny site as a team's folder would hold it: content/ and nothing else."""
    write_tiny(tmp_path / "site")
    return Project.at(tmp_path / "site")


def test_a_folder_with_only_content_builds_with_the_engines_files(bare):
    files = build_site(bare)
    assert sorted(p.name for p in bare.root.iterdir()) == [".cache", "content", "dist"]
    assert "govuk-header" in files["index.html"].decode() or "govuk-service-navigation" in files["index.html"].decode()
    assert files["assets/images/favicon.svg"] == (ROOT / "assets/images/favicon.svg").read_bytes()


def test_a_sites_own_template_overrides_the_engines_of_the_same_name(bare):
    footer = bare.root / "templates" / "partials" / "footer.html"
    footer.parent.mkdir(parents=True)
    footer.write_text('<footer class="govuk-footer"><p class="govuk-body">Our own footer</p></footer>\n',
                      encoding="utf-8")
    page = build_site(bare)["index.html"].decode()
    assert "Our own footer" in page
    assert "govuk-phase-banner" in page  # everything else still comes from the engine's base.html


def test_a_sites_own_image_overrides_the_engines(bare):
    icon = bare.root / "assets" / "images" / "favicon.svg"
    icon.parent.mkdir(parents=True)
    icon.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    files = build_site(bare)
    assert files["assets/images/favicon.svg"] == icon.read_bytes()
    assert files["assets/images/app-icon-180.png"] == (ROOT / "assets/images/app-icon-180.png").read_bytes()


def test_a_broken_override_names_the_sites_template(bare):
    layout = bare.root / "templates" / "layouts" / "page.html"
    layout.parent.mkdir(parents=True)
    layout.write_text('{% extends "base.html" %}\n{% block content %}{{ page.no_such_field }}{% endblock %}\n',
                      encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(bare)
    first = str(failed.value.errors[0])
    assert first.startswith("templates/layouts/page.html:2: template error while rendering content/pages/about.md")
    assert not bare.dist.exists()


def test_own_sass_without_dart_sass_is_one_clear_message(bare, monkeypatch):
    import dataclasses

    from microsite.engine import engine_files

    scss = bare.root / "assets" / "scss" / "brand-generic.scss"
    scss.parent.mkdir(parents=True)
    scss.write_text('@use "app";\n', encoding="utf-8")
    installed = dataclasses.replace(engine_files(), node_modules=None, css=ROOT / "no-such-folder")
    project = dataclasses.replace(bare, engine=installed)
    with pytest.raises(BuildFailed) as failed:
        build_site(project)
    assert [str(e) for e in failed.value.errors] == [
        "assets/scss/brand-generic.scss:1: this site has its own Sass, which needs Dart Sass: add a "
        "package.json with the npm packages 'sass' and 'govuk-frontend' to the site folder and run 'npm ci' there "
        "(see 'Your own styles (Sass)' in docs/adopt.md), or remove the site's own Sass"]
