"""Incremental builds (a BuildMemory kept between builds) give exactly what a clean full build gives."""

from __future__ import annotations

import shutil

import pytest
from conftest import CASE_TO_COPY, add_case_studies, edit, snapshot

from microsite.errors import BuildFailed
from microsite.pipeline import BuildMemory, build_site


def assert_same_as_clean_build(project, files, tmp_path, base_url=None):
    """The incremental result and dist/ equal a clean full build of the same content, byte for byte."""
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(project.root / "content", clean / "content")
    shutil.copytree(project.root / "templates", clean / "templates")
    shutil.copytree(project.root / "assets", clean / "assets")
    (clean / "node_modules").symlink_to(project.root / "node_modules", target_is_directory=True)
    fresh = build_site(type(project)(clean, clean / "dist", project.cache), base_url)
    assert files.keys() == fresh.keys()
    different = [name for name in fresh if files[name] != fresh[name]]
    assert different == []
    assert snapshot(project.dist) == snapshot(clean / "dist")


def test_case_study_edit_rerenders_only_what_depends_on_it(project, tmp_path):
    memory = BuildMemory()
    build_site(project, None, memory)
    assert len(memory.rendered) > 20  # the first build renders everything
    studies = project.root / "content/case-studies"
    edit(studies / "shared-booking-platform.md", r"^title: .*$", "title: Halls, edited")
    files = build_site(project, None, memory)
    assert "case-studies/shared-booking-platform/index.html" in memory.rendered
    assert "case-studies/index.html" in memory.rendered
    assert "case-studies/market-stall-licences/index.html" not in memory.rendered
    assert "accessibility/index.html" not in memory.rendered
    assert b"Halls, edited" in files["case-studies/shared-booking-platform/index.html"]
    assert_same_as_clean_build(project, files, tmp_path)


def test_body_edit_of_a_principle_reaches_its_page(project, tmp_path):
    memory = BuildMemory()
    build_site(project, None, memory)
    file = project.root / "content/principles/user-needs.md"
    file.write_text(file.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    files = build_site(project, None, memory)
    assert b"A new closing paragraph." in files["principles/user-needs/index.html"]
    assert "principles/safe-and-secure/index.html" not in memory.rendered
    assert_same_as_clean_build(project, files, tmp_path)


@pytest.mark.parametrize("change", ["site", "brand colour", "template", "stylesheet"])
def test_site_settings_templates_and_styles_rerender_everything(project, tmp_path, change):
    memory = BuildMemory()
    first = dict(build_site(project, None, memory))
    if change == "site":
        edit(project.root / "content/site.yaml", r"^(phase_banner: .*?)(['\"]?)$", r"\1 Edited.\2")
    elif change == "brand colour":
        edit(project.root / "content/site.yaml", r"^theme_colour: .*$", 'brand_colour: "#00703c"')
    elif change == "template":
        footer = project.root / "templates/partials/footer.html"
        footer.write_text(footer.read_text(encoding="utf-8") + "\n<!-- edited -->\n", encoding="utf-8")
    else:
        scss = sorted((project.root / "assets/scss").glob("*.scss"))[0]
        scss.write_text(scss.read_text(encoding="utf-8") + "\n.app-edited-for-a-test { color: #0b0c0c; }\n", encoding="utf-8")
    files = build_site(project, None, memory)
    pages = [name for name in files if name.endswith(".html")]
    assert sorted(memory.rendered) == sorted(pages)
    assert files != first
    assert_same_as_clean_build(project, files, tmp_path)


def test_adding_deleting_and_renaming_content(project, tmp_path):
    memory = BuildMemory()
    build_site(project, None, memory)
    studies = project.root / "content/case-studies"
    text = (studies / f"{CASE_TO_COPY}.md").read_text(encoding="utf-8")
    new = text.replace(f"id: {CASE_TO_COPY}", "id: a-new-one")
    (studies / "a-new-one.md").write_text(new, encoding="utf-8")
    files = build_site(project, None, memory)
    assert "case-studies/a-new-one/index.html" in files
    assert_same_as_clean_build(project, files, tmp_path)

    (studies / "a-new-one.md").rename(studies / "renamed.md")
    edit(studies / "renamed.md", r"^id: a-new-one$", "id: renamed")
    files = build_site(project, None, memory)
    assert "case-studies/renamed/index.html" in files and "case-studies/a-new-one/index.html" not in files
    assert_same_as_clean_build(project, files, tmp_path)

    (studies / "renamed.md").unlink()
    files = build_site(project, None, memory)
    assert "case-studies/renamed/index.html" not in files
    assert_same_as_clean_build(project, files, tmp_path)


def test_a_broken_build_in_between_leaves_memory_sound(project, tmp_path):
    memory = BuildMemory()
    build_site(project, None, memory)
    file = project.root / "content/objectives/simpler-services.yaml"
    good = file.read_text(encoding="utf-8")
    file.write_text(good.replace("title:", "title: [unclosed", 1), encoding="utf-8")
    with pytest.raises(BuildFailed):
        build_site(project, None, memory)
    file.write_text(good, encoding="utf-8")
    files = build_site(project, None, memory)
    assert_same_as_clean_build(project, files, tmp_path)


def test_two_quick_same_size_saves_are_both_seen(project, tmp_path):
    """A file saved twice within one timestamp tick, same size, must not be mistaken for unchanged."""
    memory = BuildMemory()
    file = project.root / "content/pages/cookies.md"
    edit(file, r"^title: .*$", "title: Cookies AAAA")
    build_site(project, None, memory)
    edit(file, r"^title: .*$", "title: Cookies BBBB")
    files = build_site(project, None, memory)
    assert b"Cookies BBBB" in files["cookies/index.html"]
    assert_same_as_clean_build(project, files, tmp_path)


def test_renaming_a_principle_reaches_every_list_that_shows_it(project, tmp_path):
    memory = BuildMemory()
    build_site(project, None, memory)
    edit(project.root / "content/principles/user-needs.md", r"^name: .*$", "name: Renamed principle")
    files = build_site(project, None, memory)
    assert b"Renamed principle" in files["case-studies/index.html"]  # a summary's 'Demonstrates' links
    assert b"Renamed principle" in files["index.html"]
    assert_same_as_clean_build(project, files, tmp_path)


def list_pages(files) -> bytes:
    """Every page of the case study list, and every principle's page, joined."""
    return b"".join(data for name, data in sorted(files.items())
                    if name.startswith(("case-studies/index.html", "case-studies/page/", "principles/")))


def test_long_lists_reuse_runs_of_summaries_exactly(project, tmp_path):
    """More case studies than one remembered run (64) on one page (the pages of the principles the copied
    case study demonstrates list all 153): an edit, an addition at the top and a removal."""
    studies = project.root / "content/case-studies"
    add_case_studies(project, 150)
    text = (studies / f"{CASE_TO_COPY}.md").read_text(encoding="utf-8")
    memory = BuildMemory()
    build_site(project, None, memory)
    edit(studies / "extra-075.md", r"^summary: .*$", "summary: An edited summary in the middle of a long list.")
    files = build_site(project, None, memory)
    assert b"An edited summary in the middle" in list_pages(files)
    assert_same_as_clean_build(project, files, tmp_path)
    # same date, and a title that sorts first: every run after it shifts by one
    first = text.replace(f"id: {CASE_TO_COPY}", "id: extra-first").replace("title: ", "title: Aaa ", 1)
    (studies / "extra-first.md").write_text(first, encoding="utf-8")
    (studies / "extra-010.md").unlink()
    files = build_site(project, None, memory)
    index = list_pages(files).decode("utf-8")
    assert "extra-first/" in index and "extra-010/" not in index
    assert_same_as_clean_build(project, files, tmp_path)


def test_another_base_url_between_builds_changes_every_link(project, tmp_path):
    memory = BuildMemory()
    build_site(project, "https://example.test/first/", memory)
    files = build_site(project, "https://example.test/second/", memory)
    assert b'href="/first/' not in files["case-studies/index.html"]
    assert b'href="/second/case-studies/' in files["case-studies/index.html"]
    assert_same_as_clean_build(project, files, tmp_path, "https://example.test/second/")
