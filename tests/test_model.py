"""Model stage: every field checked against the schema, with the exact message an editor reads."""

import pytest
from conftest import write_tiny

from microsite.errors import BuildFailed
from microsite.pipeline import load_and_check


def problems(project, overrides):
    write_tiny(project.root, overrides)
    with pytest.raises(BuildFailed) as failed:
        load_and_check(project)
    return [str(e) for e in failed.value.errors]


OBJECTIVE = "objectives/small.yaml"
ALLOWED = "allowed fields: id, order, title, summary, commitments, last_reviewed, review_by, updated"


def test_the_tiny_site_is_valid(tiny):
    site = load_and_check(tiny)
    assert [o.id for o in site.objectives] == ["small"]
    assert site.links.case_studies_for_principle["be-small"][0].id == "first-case"
    assert site.links.principles_for_objective["small"][0].id == "be-small"
    assert site.links.featured[0].title == "The first case"


def test_unknown_key_with_a_suggestion(tiny):
    text = "id: small\norder: 1\ntitel: Staying small\ntitle: Staying small\nsummary: S\ncommitments: [We will]\n"
    assert problems(tiny, {OBJECTIVE: text}) == [f"content/objectives/small.yaml:3: unknown field 'titel' (did you mean 'title'?); {ALLOWED}"]


def test_unknown_key_without_a_suggestion_lists_the_fields(tiny):
    text = "id: small\norder: 1\ntitle: T\nsummary: S\ncommitments: [We will]\ncolour: red\n"
    assert problems(tiny, {OBJECTIVE: text}) == [
        f"content/objectives/small.yaml:6: unknown field 'colour'; {ALLOWED}"
    ]


def test_a_suggestion_only_when_it_is_close(tiny):
    # 'owner' is as near to 'order' as difflib's old cutoff allowed (0.6): the suggestion would mislead.
    text = "id: small\norder: 1\ntitle: T\nsummary: S\ncommitments: [We will]\nowner: Digital team\n"
    assert problems(tiny, {OBJECTIVE: text}) == [f"content/objectives/small.yaml:6: unknown field 'owner'; {ALLOWED}"]


def test_missing_required_fields_are_all_reported(tiny):
    text = "id: small\norder: 1\n"
    assert problems(tiny, {OBJECTIVE: text}) == [
        "content/objectives/small.yaml:1: 'commitments' is required but missing",
        "content/objectives/small.yaml:1: 'summary' is required but missing",
        "content/objectives/small.yaml:1: 'title' is required but missing",
    ]


def test_field_with_no_value(tiny):
    text = "id: small\norder: 1\ntitle:\nsummary: S\ncommitments: [We will]\n"
    assert problems(tiny, {OBJECTIVE: text}) == ["content/objectives/small.yaml:3: 'title' is required but has no value"]


def test_wrong_types(tiny):
    text = "id: small\norder: first\ntitle: [a, b]\nsummary: S\ncommitments: We will\n"
    assert problems(tiny, {OBJECTIVE: text}) == [
        "content/objectives/small.yaml:2: 'order' must be a whole number, not text",
        "content/objectives/small.yaml:3: 'title' must be text, not a list",
        "content/objectives/small.yaml:5: 'commitments' must be a list, not text",
    ]


def test_true_is_not_a_number(tiny):
    text = "id: small\norder: true\ntitle: T\nsummary: S\ncommitments: [We will]\n"
    assert problems(tiny, {OBJECTIVE: text}) == ["content/objectives/small.yaml:2: 'order' must be a whole number, not true/false"]


def test_date_that_does_not_exist(tiny):
    case = (tiny.root / "content/case-studies/first-case.md")
    write_tiny(tiny.root)
    text = case.read_text(encoding="utf-8").replace("date: 2026-01-15", "date: 2026-02-30")
    assert problems(tiny, {"case-studies/first-case.md": text}) == ["content/case-studies/first-case.md:5: 'date' is 2026-02-30, which is not a real date"]


def test_date_in_the_wrong_format(tiny):
    write_tiny(tiny.root)
    text = (tiny.root / "content/case-studies/first-case.md").read_text(encoding="utf-8").replace("date: 2026-01-15", "date: 15/01/2026")
    assert problems(tiny, {"case-studies/first-case.md": text}) == [
        "content/case-studies/first-case.md:5: 'date' must be a date written YYYY-MM-DD, like 2026-03-14, not '15/01/2026'"
    ]


def test_id_unsafe_in_a_web_address(tiny):
    text = "id: ../etc\norder: 1\ntitle: T\nsummary: S\ncommitments: [We will]\n"
    # Reported once, where it is: the file name stands in for the unusable id, so references to it are not errors too.
    assert problems(tiny, {OBJECTIVE: text}) == [
        "content/objectives/small.yaml:1: 'id' is '../etc', which cannot be used in a web address: use lower-case letters, digits and single hyphens, like 'user-needs'",
    ]


def test_nested_quote_fields_are_checked(tiny):
    write_tiny(tiny.root)
    text = (tiny.root / "content/home.md").read_text(encoding="utf-8").replace("    role: Chief Tester\n", "    rôle: Chief Tester\n")
    assert problems(tiny, {"home.md": text}) == [
        "content/home.md:6: 'quotes[1].role' is required but missing",
        "content/home.md:8: unknown field 'quotes[1].rôle' (did you mean 'role'?); allowed fields: text, person, role",
    ]


def test_site_settings_phase_must_be_known(tiny):
    write_tiny(tiny.root)
    text = (tiny.root / "content/site.yaml").read_text(encoding="utf-8").replace("phase: alpha", "phase: betta")
    assert problems(tiny, {"site.yaml": text}) == ["content/site.yaml:5: 'phase' is 'betta'; it must be one of 'alpha', 'beta', 'none' (did you mean 'beta'?)"]


def test_every_error_in_every_file_in_one_run(tiny):
    errors = problems(tiny, {
        OBJECTIVE: "id: small\norder: 1\ntitle: T\nsummary: S\ncommitments: [We will]\nextra: x\n",
        "pages/about.md": "---\nid: about\ntitle: About\n---\nBody\n",
    })
    assert errors == [
        f"content/objectives/small.yaml:6: unknown field 'extra'; {ALLOWED}",
        "content/pages/about.md:2: 'summary' is required but missing",
    ]


# The id rule: the file's name is the id; an 'id' field may be left out, and must be the same when it is there.

def test_the_id_may_be_left_out(tiny):
    write_tiny(tiny.root, {OBJECTIVE: "order: 1\ntitle: Staying small\nsummary: We stay small.\ncommitments: [We will]\n",
                           "pages/about.md": "---\ntitle: About this site\nsummary: What this site is.\n---\nTiny.\n"})
    site = load_and_check(tiny)
    assert [(o.id, o.url) for o in site.objectives] == [("small", "objectives/small/")]
    assert [(p.id, p.url) for p in site.pages] == [("about", "about/")]


def test_an_id_that_is_not_the_file_name_names_both(tiny):
    text = "id: little\norder: 1\ntitle: T\nsummary: S\ncommitments: [We will]\n"
    # Named once: the case study that lists 'small' is not told that 'small' is missing.
    assert problems(tiny, {OBJECTIVE: text}) == [
        "content/objectives/small.yaml:1: the id 'little' is not the file's name 'small': rename the file to little.yaml or change the id to 'small'",
    ]


def test_an_id_that_differs_is_named_with_the_other_mistakes(tiny):
    text = "id: little\norder: 1\ntitle:\nsummary: S\ncommitments: [We will]\n"
    assert problems(tiny, {OBJECTIVE: text}) == [
        "content/objectives/small.yaml:1: the id 'little' is not the file's name 'small': rename the file to little.yaml or change the id to 'small'",
        "content/objectives/small.yaml:3: 'title' is required but has no value",
    ]


@pytest.mark.parametrize("name", ["Small", "small_steps", "a" * 81, "small.v2"])
def test_a_file_name_that_cannot_be_an_id(tiny, name):
    text = "order: 2\ntitle: T\nsummary: S\ncommitments: [We will]\n"
    assert problems(tiny, {f"objectives/{name}.yaml": text}) == [
        f"content/objectives/{name}.yaml:1: the file name '{name}' cannot be used in a web address: rename the file using lower-case letters, digits and single hyphens, like user-needs.yaml",
    ]


def test_an_empty_id_is_left_out(tiny):
    text = "id:\norder: 1\ntitle: T\nsummary: S\ncommitments: [We will]\n"
    write_tiny(tiny.root, {OBJECTIVE: text})
    assert [o.id for o in load_and_check(tiny).objectives] == ["small"]
