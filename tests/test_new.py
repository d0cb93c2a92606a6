"""`build.py new`: a new file with every required field, an id from its title and today's date; it builds, and never overwrites."""

import datetime as dt

import pytest
from conftest import run_cli

from microsite.check import check_project
from microsite.pipeline import build_site
from microsite.scaffold import ScaffoldError, new_content, slugify

TODAY = dt.date(2026, 3, 12)


def run_new(project, *args):
    """`build.py new` in the project, on 12 March 2026."""
    return run_cli(project.root, "new", *args, "--today", "2026-03-12")


@pytest.mark.parametrize("kind, title, path, page", [
    ("case-study", "Planning data: a new start", "content/case-studies/planning-data-a-new-start.md", "case-studies/planning-data-a-new-start/index.html"),
    ("principle", "Be open", "content/principles/be-open.md", "principles/be-open/index.html"),
    ("objective", "Growing skills", "content/objectives/growing-skills.yaml", "objectives/growing-skills/index.html"),
    ("page", "Contact us", "content/pages/contact-us.md", "contact-us/index.html"),
    ("news", "A new case study", "content/news/a-new-case-study.md", "news/a-new-case-study/index.html"),
])
def test_new_writes_a_file_that_builds(tiny, kind, title, path, page):
    result = run_new(tiny, kind, title)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Created {path}. Replace each TODO, then preview it with: python3 dev.py preview\n"
    text = (tiny.root / path).read_text(encoding="utf-8")
    assert f"id: {path.rsplit('/', 1)[1].rsplit('.', 1)[0]}\n" in text
    assert "2026-03-12" in text
    files = build_site(tiny)
    assert page in files
    assert title.encode() in files[page]


def test_each_kind_has_every_required_field(tiny):
    from microsite.kinds import COMMANDS
    from microsite.load import load_document

    for command, kind in COMMANDS.items():
        path = new_content(tiny.root, command, f"New {command}", TODAY)
        document, errors = load_document(path, path.name, kind.name)
        assert errors == []
        required = {f.name for f in kind.schema.fields if f.required}
        assert required <= set(document.data), kind


def test_new_principles_and_objectives_come_last(tiny):
    new_content(tiny.root, "principle", "Be open", TODAY)
    new_content(tiny.root, "principle", "Be kind", TODAY)
    assert "order: 2\n" in (tiny.root / "content/principles/be-open.md").read_text(encoding="utf-8")
    assert "order: 3\n" in (tiny.root / "content/principles/be-kind.md").read_text(encoding="utf-8")
    text = new_content(tiny.root, "case-study", "A case", TODAY).read_text(encoding="utf-8")
    assert "objectives:        # ids of the objectives it supports (file names in content/objectives/)\n  - small\n" in text
    assert "  - be-small\n" in text


def test_the_check_fails_until_each_todo_is_replaced(tiny):
    new_content(tiny.root, "page", "Contact us", TODAY)
    assert [str(e) for e in check_project(tiny, today=TODAY).errors] == [
        "content/pages/contact-us.md:4: this line still has a 'TODO' placeholder: replace it with the real text",
        "content/pages/contact-us.md:7: this line still has a 'TODO' placeholder: replace it with the real text",
    ]


def test_new_refuses_to_overwrite(tiny):
    about = tiny.root / "content/pages/about.md"
    before = about.read_bytes()
    result = run_new(tiny, "page", "About")
    assert result.returncode == 1
    assert result.stderr == "build.py new: content/pages/about.md already exists and was not changed: choose another title, or give another id with --id\n"
    assert about.read_bytes() == before


def test_new_reads_ids_from_file_names(tiny):
    # The file's name is the id, so files that leave out 'id' are known by their names.
    for name in ("objectives/small.yaml", "principles/be-small.md"):
        file = tiny.root / "content" / name
        file.write_text(file.read_text(encoding="utf-8").replace("id: small\n", "").replace("id: be-small\n", ""),
                        encoding="utf-8")
    assert run_new(tiny, "case-study", "Second case").returncode == 0
    text = (tiny.root / "content/case-studies/second-case.md").read_text(encoding="utf-8")
    assert "objectives:        # ids of the objectives it supports (file names in content/objectives/)\n  - small\n" in text
    assert "  - be-small\n" in text


@pytest.mark.parametrize("args, message", [
    (("page", "News"), "the id 'news' is reserved for a part of the site: give another with --id"),
    (("page", "!!!"), "cannot make an id from the title '!!!': give one with --id, like --id funding-service"),
    (("page", "   "), 'give a title in quotes, like: build.py new page "Funding Service"'),
    (("page", "Contact", "--id", "Contact_Us"), "the id 'Contact_Us' cannot be used in a web address: use lower-case letters, digits and single hyphens, like 'funding-service'"),
    (("principle", "A principle whose short name is far too long to fit in lists and breadcrumbs"),
     "a principle's name is at most 60 characters and this is 76: use a short name, and write the full principle in 'statement'"),
])
def test_new_explains_what_it_refuses(tiny, args, message):
    result = run_new(tiny, *args)
    assert result.returncode == 1
    assert result.stderr == f"build.py new: {message}\n"


def test_an_unknown_kind_is_refused(tmp_path):
    with pytest.raises(ScaffoldError, match="'essay' is not a kind of content; use one of: case-study, principle, objective, page, news"):
        new_content(tmp_path, "essay", "A title", TODAY)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("title, slug", [
    ("Homes for Ukraine", "homes-for-ukraine"),
    ("  Café   society’s  “best” ", "cafe-societys-best"),
    ("2026: the year ahead", "2026-the-year-ahead"),
    ("a" * 90, "a" * 80),
    ("word " * 30, ("word-" * 16).rstrip("-")),
])
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_a_title_that_needs_quotes_in_yaml_is_quoted(tiny):
    path = new_content(tiny.root, "news", "Update: what's next #1", TODAY)
    assert "title: 'Update: what''s next #1'\n" in path.read_text(encoding="utf-8")
    assert b"Update: what&#39;s next #1" in build_site(tiny)["news/update-whats-next-1/index.html"]

