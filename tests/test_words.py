"""Words as data: sections named and moved by site.yaml (`sections:`), and the table of strings (`strings:`).

A fixture site renames and moves all four sections; each place a section's words show is checked as exact
HTML. Then the strings overrides, every message about `sections:` and `strings:`, `new` with the site's words,
and the preview's incremental build after a change of either.
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ROOT, TINY, make_project, run_cli, write_tiny
from test_pipeline_incremental import assert_same_as_clean_build

from microsite.check import check_project
from microsite.errors import BuildFailed
from microsite.incremental import BuildMemory
from microsite.load import load_document
from microsite.pipeline import build_site
from microsite.scaffold import ScaffoldError, new_content
from microsite.words import ENGLISH, lower_first, make_sections, strings_markdown

SITE = textwrap.dedent(TINY["site.yaml"])
# The tiny site's settings without 'navigation', so the navigation is each section's list.
NO_NAVIGATION = SITE.replace(SITE[SITE.index("navigation:"):SITE.index("footer_links:")], "")
SECTIONS = """\
sections:
  objectives: {name: Missions, singular: Mission, path: missions}
  principles: {name: Design principles, singular: Design principle, path: design-principles}
  case_studies: {name: Stories, singular: Story, path: stories}
  news: {name: Updates, singular: Update, path: updates}
"""
RENAMED = {
    "site.yaml": NO_NAVIGATION + SECTIONS,
    "objectives/second.yaml": """\
        id: second
        order: 2
        title: Staying kind
        summary: We stay kind.
        commitments:
          - We will stay kind
        """,
    "principles/be-quick.md": """\
        ---
        id: be-quick
        order: 2
        name: Be quick
        statement: We are quick
        summary: Quick things help.
        ---
        Quick.
        """,
    "principles/be-small.md": TINY["principles/be-small.md"].replace("/case-studies/", "/stories/"),
    "home.md": TINY["home.md"].replace("/principles/", "/design-principles/"),
    "news/hello.md": """\
        ---
        id: hello
        title: Hello
        summary: A first update.
        date: 2026-02-01
        ---
        See [the mission](/missions/small/).
        """,
}


def renamed_project(folder: Path, overrides: dict | None = None):
    """The tiny site with two objectives, two principles and a news post, all four sections renamed."""
    project = make_project(folder, content=None)
    write_tiny(project.root, {**RENAMED, **(overrides or {})})
    return project


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """The renamed site, built once: {output path: text}."""
    project = renamed_project(tmp_path_factory.mktemp("renamed") / "site")
    return {name: data.decode("utf-8") for name, data in build_site(project).items()
            if name.endswith((".html", ".xml"))}


def errors_of(project) -> list[str]:
    """Every problem the build finds, as path:line: message."""
    with pytest.raises(BuildFailed) as failed:
        build_site(project, write=None)
    return [str(error) for error in failed.value.errors]


# --- every place a section's words show ---

def test_entries_live_at_the_sections_paths(renamed):
    pages = sorted(name for name in renamed if name.endswith(".html"))
    assert pages == ["404.html", "about/index.html", "design-principles/be-quick/index.html",
                     "design-principles/be-small/index.html", "design-principles/index.html", "index.html",
                     "missions/index.html", "missions/second/index.html", "missions/small/index.html",
                     "stories/first-case/index.html", "stories/index.html", "updates/hello/index.html",
                     "updates/index.html"]
    assert "<loc>https://example.test/tiny/stories/first-case/</loc>" in renamed["sitemap.xml"]


def test_the_navigation_links_each_sections_list_by_default(renamed):
    page = renamed["missions/small/index.html"]
    assert ('<a class="govuk-service-navigation__link" href="/tiny/missions/" aria-current="true">\n'
            '                    \n                \n'
            '                  <strong class="govuk-service-navigation__active-fallback">Missions</strong>') in page
    for path, text in (("design-principles", "Design principles"), ("stories", "Stories"), ("updates", "Updates")):
        assert (f'<a class="govuk-service-navigation__link" href="/tiny/{path}/">\n'
                f'                    \n'
                f'                {text}\n') in page


@pytest.mark.parametrize("page, title, description", [
    ("missions/index.html", "Missions", "The 2 missions of the Tiny strategy."),
    ("design-principles/index.html", "Design principles", "The 2 design principles of the Tiny strategy."),
    ("stories/index.html", "Stories", "Stories that show the design principles of the Tiny strategy in action."),
    ("updates/index.html", "Updates", "Updates about how the Tiny strategy is being used."),
])
def test_list_pages_are_titled_headed_and_described_in_the_sections_words(renamed, page, title, description):
    html = renamed[page]
    assert f"<title>{title} – Tiny strategy</title>" in html
    assert f'<meta name="description" content="{description}">' in html
    assert f'<h1 class="govuk-heading-xl">{title}</h1>' in html


def test_list_pages_lead_with_the_sections_words(renamed):
    assert ('<p class="govuk-body-l">Our 2 missions explain what we care about. Each comes with commitments '
            'that say what we will do.</p>') in renamed["missions/index.html"]
    assert '<p class="govuk-caption-m">Mission 2</p>' in renamed["missions/index.html"]
    assert ('<p class="govuk-body-l">Our 2 design principles guide the work we do.</p>'
            in renamed["design-principles/index.html"])
    assert ('<p class="govuk-body-l">These stories show how our design principles work in practice.</p>'
            in renamed["stories/index.html"])


def test_breadcrumbs_name_the_section(renamed):
    for page, path, name in (("missions/small/index.html", "missions", "Missions"),
                             ("design-principles/be-small/index.html", "design-principles", "Design principles"),
                             ("stories/first-case/index.html", "stories", "Stories"),
                             ("updates/hello/index.html", "updates", "Updates")):
        assert (f'<a class="govuk-breadcrumbs__link" href="/tiny/{path}/">{name}</a>') in renamed[page]


def test_a_missions_page(renamed):
    html = renamed["missions/small/index.html"]
    assert '<span class="govuk-caption-xl">Mission 1</span>' in html
    assert '<h2 class="govuk-heading-l" id="case-studies">Stories</h2>' in html
    assert '<h2 class="govuk-heading-s app-related-links__title">Related design principles</h2>' in html
    assert 'app-previous-next" aria-label="Other missions">' in html
    assert ('<span class="govuk-pagination__link-title">\n        Next mission\n      </span>') in html
    assert ('<span class="govuk-pagination__link-title">\n        Previous mission\n      </span>'
            in renamed["missions/second/index.html"])


def test_a_design_principles_page(renamed):
    html = renamed["design-principles/be-small/index.html"]
    assert '<span class="govuk-caption-xl">Design principle 1: Be small</span>' in html
    assert '<h2 class="govuk-heading-l" id="case-studies">Stories that show this design principle</h2>' in html
    assert '<h2 class="govuk-heading-s app-related-links__title">Related missions</h2>' in html
    assert 'app-previous-next" aria-label="Other design principles">' in html
    assert '<span class="govuk-pagination__link-title">\n        Next design principle\n      </span>' in html
    quick = renamed["design-principles/be-quick/index.html"]
    assert '<p class="govuk-body">There are no stories for this design principle yet.</p>' in quick


def test_a_story_and_an_update(renamed):
    story = renamed["stories/first-case/index.html"]
    assert '<span class="govuk-caption-xl">Story</span>' in story
    assert '<h2 class="govuk-heading-s app-related-links__title">Missions it supports</h2>' in story
    assert '<h2 class="govuk-heading-s app-related-links__title">Design principles it demonstrates</h2>' in story
    assert '<span class="govuk-caption-xl">Update</span>' in renamed["updates/hello/index.html"]


def test_the_home_page(renamed):
    html = renamed["index.html"]
    assert '<h2 class="govuk-heading-l" id="objectives">Our 2 missions</h2>' in html
    assert '<p class="govuk-caption-m">Mission 1</p>' in html
    assert '<h2 class="govuk-heading-l" id="principles">Our 2 design principles</h2>' in html
    assert '<h2 class="govuk-heading-l" id="case-studies">Stories</h2>' in html
    assert '<p class="govuk-body">Stories show our design principles in action.</p>' in html
    assert '<a class="govuk-link" href="/tiny/stories/">See all stories</a>' in html
    assert '<li><a class="govuk-link" href="/tiny/design-principles/be-small/">We are small and proud</a></li>' in html


def test_the_feed(renamed):
    assert ('<link rel="alternate" type="application/atom+xml" href="https://example.test/tiny/feed.xml" '
            'title="Tiny strategy: stories and updates">') in renamed["404.html"]
    feed = renamed["feed.xml"]
    assert '<link rel="alternate" type="text/html" href="https://example.test/tiny/stories/first-case/" />' in feed
    assert '<category term="Story" />' in feed and '<category term="Update" />' in feed
    assert 'term="Case study"' not in feed and 'term="News"' not in feed


def test_the_404_page_still_reads_the_same(renamed):
    html = renamed["404.html"]
    assert "<title>Page not found – Tiny strategy</title>" in html
    assert ('<p class="govuk-body">You can <a class="govuk-link" href="/tiny/">go to the home page of the '
            'Tiny strategy</a>.</p>') in html


def test_the_check_names_the_sections(tmp_path):
    result = check_project(renamed_project(tmp_path / "site"), today=dt.date(2026, 3, 1))
    assert [str(e) for e in result.errors] == [
        "content/principles/be-quick.md:2: no story demonstrates the design principle 'be-quick': "
        "add 'be-quick' to the 'principles' of a story in content/case-studies/"]


def test_validate_names_the_sections(tmp_path):
    project = renamed_project(tmp_path / "site", {
        "case-studies/first-case.md": TINY["case-studies/first-case.md"].replace("- small", "- smal"),
        "objectives/second.yaml": RENAMED["objectives/second.yaml"].replace("order: 2", "order: 1"),
    })
    assert errors_of(project) == [
        "content/case-studies/first-case.md:7: 'objectives' lists 'smal', which is not a mission "
        "(did you mean 'small'?)",
        "content/objectives/small.yaml:2: 'order' 1 is already used by the mission in "
        "content/objectives/second.yaml",
    ]


# --- a link to where a section used to live ---

@pytest.mark.parametrize("link, message", [
    ("/objectives/small/", "the link '/objectives/small/' goes to a page that does not exist "
                           "(did you mean '/missions/small/'?)"),
    ("/case-studies/", "the link '/case-studies/' goes to a page that does not exist (did you mean '/stories/'?)"),
    ("/case-studies/first-case/#what-happened",
     "the link '/case-studies/first-case/#what-happened' goes to a page that does not exist "
     "(did you mean '/stories/first-case/#what-happened'?)"),
    ("/objectives/smal/", "the link '/objectives/smal/' goes to a page that does not exist "
                          "(did you mean '/missions/small/'?)"),
])
def test_a_link_to_a_sections_old_path_suggests_the_new_one(tmp_path, link, message):
    post = RENAMED["news/hello.md"].replace("/missions/small/", link)
    project = renamed_project(tmp_path / "site", {"news/hello.md": post})
    assert errors_of(project) == [f"content/news/hello.md:7: {message}"]


def test_a_sections_path_is_reserved_for_it(tmp_path):
    project = renamed_project(tmp_path / "site", {"pages/stories.md": TINY["pages/about.md"].replace(
        "id: about", "id: stories")})
    assert errors_of(project) == [
        "content/pages/stories.md:2: the page id 'stories' is reserved for a part of the site; "
        "choose another id: rename the file, and its 'id' if it has one",
    ]


# --- `new` in the site's words ---

def test_new_takes_the_sections_singular(tmp_path):
    project = renamed_project(tmp_path / "site")
    result = run_cli(project.root, "new", "mission", "Staying brave", "--today", "2026-03-12")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Created content/objectives/staying-brave.yaml.")
    text = (project.root / "content/objectives/staying-brave.yaml").read_text(encoding="utf-8")
    assert 'summary: "TODO: one or two sentences on what the mission is about"\n' in text
    story = new_content(project.root, "story", "A new story", dt.date(2026, 3, 12))
    assert "objectives:        # ids of the missions it supports (file names in content/objectives/)" in (
        story.read_text(encoding="utf-8"))
    principle = new_content(project.root, "design-principle", "Be brave", dt.date(2026, 3, 12))
    assert principle == project.root / "content/principles/be-brave.md"
    assert new_content(project.root, "objective", "Staying calm", dt.date(2026, 3, 12)).exists()
    files = build_site(project)
    assert "missions/staying-brave/index.html" in files and "stories/a-new-story/index.html" in files


@pytest.mark.parametrize("args, message", [
    (("essay", "A title"), "'essay' is not a kind of content; use one of: case-study (or story), "
                           "principle (or design-principle), objective (or mission), page, news (or update)"),
    (("design-principle", "A principle whose short name is far too long to fit in lists and breadcrumbs"),
     "a design principle's name is at most 60 characters and this is 76: use a short name, and write the "
     "full design principle in 'statement'"),
    (("page", "Stories"), "the id 'stories' is reserved for a part of the site: give another with --id"),
    (("mission", "   "), 'give a title in quotes, like: build.py new mission "Funding Service"'),
])
def test_new_explains_what_it_refuses_in_the_sites_words(tmp_path, args, message):
    project = renamed_project(tmp_path / "site")
    with pytest.raises(ScaffoldError) as refused:
        new_content(project.root, args[0], args[1], dt.date(2026, 3, 12))
    assert str(refused.value) == message


# --- strings ---

STRINGS = """\
strings:
  last_updated: "Page last changed on {date}"
  skip_link: Skip to the content
  demonstrates_list: "Shows:"
  month_1: Ionawr
  home_objectives_one: Our one objective
  home: Start
"""


def test_strings_replace_the_tables_text_key_by_key(tmp_path):
    project = make_project(tmp_path / "site", content=None)
    write_tiny(project.root, {"site.yaml": SITE + STRINGS})
    files = {name: data.decode("utf-8") for name, data in build_site(project).items() if name.endswith(".html")}
    case = files["case-studies/first-case/index.html"]
    assert ('<p class="govuk-body-s">Page last changed on <time datetime="2026-01-15">15 Ionawr 2026</time></p>'
            in case)
    assert '<p class="govuk-body-s app-metadata">Published <time datetime="2026-01-15">15 Ionawr 2026</time></p>' in case
    assert ('<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to the content</a>'
            in case)
    assert '<a class="govuk-breadcrumbs__link" href="/tiny/">Start</a>' in case
    home = files["index.html"]
    assert '<p class="govuk-body-s app-case-study-summary__meta">Shows:' in home
    assert '<h2 class="govuk-heading-l" id="objectives">Our one objective</h2>' in home
    assert '<h2 class="govuk-heading-l" id="principles">Our 1 guiding principles</h2>' in home


@pytest.mark.parametrize("strings, message", [
    ("  lst_updated: Changed {date}", "'strings' has no string 'lst_updated' (did you mean 'last_updated'?)"),
    ("  colour: red", "'strings' has no string 'colour'; every string and its key is listed in docs/strings.md"),
    ("  leaders_one: Our leader", "'strings' has no string 'leaders_one': only a string with a {count} can "
                                  "have a form for 1, and 'leaders' has none"),
    ("  leaders: [What, they, say]", "'strings.leaders' must be text, not a list"),
    ("  leaders: ''", "'strings.leaders' is empty"),
    ("  last_updated: Changed", "'strings.last_updated' must have the placeholders {date}, "
                                "as 'Last updated {date}' does"),
    ("  showing: Showing {first} of {total}", "'strings.showing' must have the placeholders {first}, {last} "
     "and {total}, as 'Showing {case_studies.lower_plural} {first} to {last} of {total}, newest first.' does"),
    ("  home_objectives_one: Our {count} {mission}", "'strings.home_objectives_one' must have the placeholders "
     "{count} (or fewer), as 'Our {count} {objectives.lower_name}' does"),
    ("  last_updated: Changed {date", "'strings.last_updated' has a '{' or '}' that is not part of a "
                                      "placeholder: write {{ or }} for a brace itself"),
    ("  last_updated: Changed {date!r}", "'strings.last_updated' has the placeholder {date!r}, which is not a "
                                         "name: write placeholders like {count}"),
    ("  leaders: What {objectives.__class__} say", "'strings.leaders' has the placeholder "
     "{objectives.__class__}, which is not a word of the section: use one of name, singular, plural, "
     "lower_name, lower_singular, lower_plural after 'objectives.'"),
])
def test_every_mistake_in_strings_is_named_at_its_line(tiny, strings, message):
    write_tiny(tiny.root, {"site.yaml": SITE + "strings:\n" + strings + "\n"})
    line = SITE.count("\n") + 2
    assert errors_of(tiny) == [f"content/site.yaml:{line}: {message}"]


def test_strings_that_are_not_a_mapping_are_named_at_their_line(tiny):
    write_tiny(tiny.root, {"site.yaml": SITE + "strings:\n  - leaders\n"})
    assert errors_of(tiny) == [f"content/site.yaml:{SITE.count(chr(10)) + 1}: 'strings' must be a mapping of "
                               "'key: text' lines, not a list"]


def test_a_string_may_use_any_word_of_any_section(tiny):
    write_tiny(tiny.root, {"site.yaml": SITE + "strings:\n  leaders: What our {objectives.plural} say\n"})
    assert '<h2 class="govuk-heading-l" id="leaders">What our Objectives say</h2>' in (
        build_site(tiny)["index.html"].decode("utf-8"))


# --- mistakes in sections ---

@pytest.mark.parametrize("sections, line, message", [
    ("  missions: {name: Missions}", 1,
     "unknown field 'sections.missions'; allowed fields: objectives, principles, case_studies, news"),
    ("  case-studies: {name: Stories}", 1, "unknown field 'sections.case-studies' (did you mean 'case_studies'?); "
         "allowed fields: objectives, principles, case_studies, news"),
    ("  objectives: {nme: Missions}", 1, "unknown field 'sections.objectives.nme' (did you mean 'name'?); "
         "allowed fields: name, singular, plural, path"),
    ("  objectives: {path: our/missions}", 1, "'sections.objectives.path' is 'our/missions', which cannot be "
     "used in a web address: use lower-case letters, digits and single hyphens, like 'user-needs'"),
    ("  objectives: {path: assets}", 1, "'sections.objectives.path' is 'assets', which is reserved for a part of "
                                        "the site; choose another"),
    ("  news: {path: missions}\n  objectives: {path: missions}", 1, "'sections.news.path' is 'missions', "
     "which the objectives section already uses; each section needs a path of its own"),
    ("  news: {path: principles}", 1, "'sections.news.path' is 'principles', which the principles section "
                                      "already uses; each section needs a path of its own"),
    ("  objectives: {name: ''}", 1, "'sections.objectives.name' is empty"),
    ("  objectives: Missions", 1, "'sections.objectives' must be a mapping of 'name: value' lines, not text"),
])
def test_every_mistake_in_sections_is_named_at_its_line(tiny, sections, line, message):
    write_tiny(tiny.root, {"site.yaml": SITE + "sections:\n" + sections + "\n"})
    assert errors_of(tiny) == [f"content/site.yaml:{SITE.count(chr(10)) + 1 + line}: {message}"]


def test_words_left_out_keep_their_defaults():
    sections = make_sections({"objectives": {"singular": "Goal"}, "principles": {"name": "Values"}})
    assert (sections.objectives.name, sections.objectives.singular, sections.objectives.plural) == (
        "Strategic objectives", "Goal", "Objectives")
    assert (sections.principles.name, sections.principles.plural, sections.principles.path) == (
        "Values", "Values", "principles")
    assert sections.case_studies == make_sections(None).case_studies


@pytest.mark.parametrize("text, lower", [("Design principles", "design principles"), ("GDS principles",
                                         "GDS principles"), ("Missions", "missions"), ("A", "a")])
def test_section_words_inside_a_sentence(text, lower):
    assert lower_first(text) == lower


def test_a_template_asking_for_a_string_that_is_not_there_is_told_which(tiny):
    page = tiny.root / "templates/layouts/404.html"
    page.write_text(page.read_text(encoding="utf-8").replace("t('not_found_typed')", "t('not_found_typd')"),
                    encoding="utf-8")
    assert errors_of(tiny) == ["templates/layouts/404.html:6: template error while rendering "
                               "templates/layouts/404.html: there is no string 'not_found_typd' "
                               "(did you mean 'not_found_typed'?)"]


def test_a_string_asked_for_without_its_value_is_told_which():
    with pytest.raises(ValueError, match=r"^the string 'showing' needs a value for \{first\}$"):
        ENGLISH("showing", last=2, total=3)
    assert ENGLISH.date(dt.date(2026, 3, 14)) == "14 March 2026"


# --- the preview after a change of sections or strings ---

@pytest.mark.parametrize("change", [
    ("  case_studies: {name: Stories, singular: Story, path: stories}",
     "  case_studies: {name: Tales, singular: Tale, path: tales}"),
    ("  news: {name: Updates, singular: Update, path: updates}\n",
     "  news: {name: Updates, singular: Update, path: updates}\nstrings:\n  demonstrates_list: 'Shows:'\n"),
])
def test_the_preview_after_a_change_of_sections_or_strings_is_a_clean_build(tmp_path, change):
    project = renamed_project(tmp_path / "site")
    an_hour_ago = time.time() - 3600
    for file in (project.root / "content").rglob("*"):
        os.utime(file, (an_hour_ago, an_hour_ago))  # old enough for the memory to trust (incremental.RACY_NS)
    memory = BuildMemory()
    build_site(project, None, memory)
    settings = project.root / "content/site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    if "tales" in change[1]:
        post = project.root / "content/principles/be-small.md"
        post.write_text(post.read_text(encoding="utf-8").replace("/stories/", "/tales/"), encoding="utf-8")
    files = build_site(project, None, memory)
    assert "content/case-studies/first-case.md" in memory.documents  # its file was not read again
    shown = "tales/first-case/index.html" if "tales" in change[1] else "index.html"
    assert ("Tale" if "tales" in change[1] else "Shows:").encode() in files[shown]
    assert_same_as_clean_build(project, files, tmp_path)


def test_the_memory_builds_an_entry_again_when_its_section_moves(tiny):
    document, _ = load_document(tiny.root / "content/objectives/small.yaml", "content/objectives/small.yaml",
                                "objective")
    memory = BuildMemory()
    first, _ = memory.entry(document, "/tiny", make_sections(None))
    again, _ = memory.entry(document, "/tiny", make_sections(None))
    moved, _ = memory.entry(document, "/tiny", make_sections({"objectives": {"path": "missions"}}))
    assert again is first and first.url == "objectives/small/"
    assert moved.url == "missions/small/"


def test_docs_strings_md_lists_every_string():
    assert (ROOT / "docs/strings.md").read_text(encoding="utf-8") == strings_markdown(), (
        "docs/strings.md is out of date: run .venv/bin/python scripts/strings_doc.py")
