"""Validate stage: cross-references, duplicates and site links, each with its exact message."""

import pytest
from conftest import TINY, write_tiny

from microsite.errors import BuildFailed
from microsite.pipeline import load_and_check

CASE = TINY["case-studies/first-case.md"]


def problems(project, overrides):
    write_tiny(project.root, overrides)
    with pytest.raises(BuildFailed) as failed:
        load_and_check(project)
    return [str(e) for e in failed.value.errors]


def test_unknown_principle_with_did_you_mean(tiny):
    text = CASE.replace("  - be-small\n", "  - be-smal\n")
    assert problems(tiny, {"case-studies/first-case.md": text}) == [
        "content/case-studies/first-case.md:9: 'principles' lists 'be-smal', which is not a principle (did you mean 'be-small'?)"
    ]


def test_unknown_objective_without_a_close_match(tiny):
    text = CASE.replace("  - small\n", "  - growth\n")
    assert problems(tiny, {"case-studies/first-case.md": text}) == [
        "content/case-studies/first-case.md:7: 'objectives' lists 'growth', which is not an objective"
    ]


def test_unknown_featured_case_study(tiny):
    text = TINY["home.md"].replace("  - first-case\n", "  - first-cas\n")
    assert problems(tiny, {"home.md": text}) == [
        "content/home.md:10: 'featured' lists 'first-cas', which is not a case study (did you mean 'first-case'?)"
    ]


def test_a_copied_file_keeps_the_id_of_the_first(tiny):
    # Two files cannot share an id, since the id is the file's name: a copy that keeps the old id is told so.
    assert problems(tiny, {"case-studies/second-case.md": CASE}) == [
        "content/case-studies/second-case.md:2: the id 'first-case' is not the file's name 'second-case': rename the file to first-case.md or change the id to 'second-case'"
    ]


def test_duplicate_order(tiny):
    text = TINY["objectives/small.yaml"].replace("id: small", "id: tiny")
    assert problems(tiny, {"objectives/tiny.yaml": text}) == [
        "content/objectives/tiny.yaml:2: 'order' 1 is already used by the objective in content/objectives/small.yaml"
    ]


def test_page_id_reserved_for_a_section(tiny):
    text = TINY["pages/about.md"].replace("id: about", "id: objectives")
    errors = problems(tiny, {"pages/objectives.md": text})
    assert errors == ["content/pages/objectives.md:2: the page id 'objectives' is reserved for a part of the site; choose another id: rename the file, and its 'id' if it has one"]


def test_broken_link_in_markdown_with_suggestion(tiny):
    text = TINY["home.md"].replace("(/principles/be-small/)", "(/principles/be-smal/)")
    assert problems(tiny, {"home.md": text}) == [
        "content/home.md:14: the link '/principles/be-smal/' goes to a page that does not exist (did you mean '/principles/be-small/'?)"
    ]


def test_link_missing_its_trailing_slash(tiny):
    text = TINY["home.md"].replace("(/principles/be-small/)", "(/principles/be-small)")
    assert problems(tiny, {"home.md": text}) == [
        "content/home.md:14: the link '/principles/be-small' needs a '/' at the end: '/principles/be-small/'"
    ]


def test_link_to_a_missing_heading(tiny):
    text = TINY["principles/be-small.md"].replace("#what-happened", "#what-happend")
    assert problems(tiny, {"principles/be-small.md": text}) == [
        "content/principles/be-small.md:14: the link '/case-studies/first-case/#what-happend' goes to '#what-happend', which is not a heading on that page (did you mean 'what-happened'?)"
    ]


def test_broken_navigation_link_in_site_settings(tiny):
    text = TINY["site.yaml"].replace("url: /about/", "url: /abuot/")
    assert problems(tiny, {"site.yaml": text}) == [
        "content/site.yaml:15: the link '/abuot/' goes to a page that does not exist (did you mean '/about/'?)"
    ]


def test_a_broken_file_is_reported_once_not_at_every_reference(tiny):
    text = TINY["principles/be-small.md"].replace("order: 1", "order: one")
    assert problems(tiny, {"principles/be-small.md": text}) == [
        "content/principles/be-small.md:3: 'order' must be a whole number, not text"
    ]
