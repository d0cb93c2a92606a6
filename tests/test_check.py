"""`build.py check`: content rules, the rendered site, review dates, GitHub annotations, and dist/ left alone."""

import datetime as dt

from conftest import TINY, run_cli, write_tiny

from microsite.check import CheckResult, annotation, check_project, report
from microsite.errors import ContentError

TODAY = dt.date(2026, 6, 1)


def run_check(project, *args, github=False, today="2026-06-01"):
    """`build.py check` on the project, as on GitHub Actions or not."""
    env = {"GITHUB_ACTIONS": "true" if github else None}
    return run_cli(project.root, "check", "--today", today, *args, env=env)


def messages(result: CheckResult) -> list[str]:
    return [str(e) for e in result.errors]


def tiny_with(project, files):
    """Write the tiny site with some files replaced."""
    write_tiny(project.root, files)
    return project


def more(name, text):
    """A tiny site file with text added at its end (both indented as in conftest.TINY)."""
    return TINY[name].rstrip(" ") + text


PRINCIPLE = "principles/be-small.md"


def test_the_sample_site_passes(project):
    result = check_project(project, today=TODAY)
    assert result.errors == () and result.warnings == ()
    assert result.pages > 20


def test_the_tiny_site_passes_and_says_so(tiny):
    result = run_check(tiny)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Check passed: 9 pages, no problems.\n"
    assert result.stderr == ""


def test_check_never_writes_dist(tiny):
    (tiny.dist).mkdir()
    (tiny.dist / "index.html").write_text("the last good site", encoding="utf-8")
    assert run_check(tiny).returncode == 0
    assert [p.name for p in tiny.dist.iterdir()] == ["index.html"]
    assert (tiny.dist / "index.html").read_text(encoding="utf-8") == "the last good site"


def test_content_errors_fail_with_one_annotation_each(project):
    case = project.root / "content/case-studies/shared-booking-platform.md"
    text = case.read_text(encoding="utf-8")
    text = text.replace("  - user-needs\n", "  - user-need\n", 1)
    text = text.replace("date: 2026-07-08", "date: 8 July 2026")
    case.write_text(text, encoding="utf-8")
    objective = project.root / "content/objectives/confident-teams.yaml"
    objective.write_text(objective.read_text(encoding="utf-8").replace("title:", "titel:"), encoding="utf-8")
    result = run_check(project, github=True)
    assert result.returncode == 1
    expected = [
        ("content/case-studies/shared-booking-platform.md", 5,
         "'date' must be a date written YYYY-MM-DD, like 2026-03-14, not '8 July 2026'"),
        ("content/objectives/confident-teams.yaml", 1, "'title' is required but missing"),
        ("content/objectives/confident-teams.yaml", 3, "unknown field 'titel' (did you mean 'title'?); allowed fields: id, order, title, summary, commitments, last_reviewed, review_by, updated"),
    ]
    assert result.stdout.splitlines() == [f"::error file={path},line={line}::{message}" for path, line, message in expected]
    assert result.stderr.splitlines() == [f"{path}:{line}: {message}" for path, line, message in expected] + ["Check failed: 3 problems."]


def test_without_github_actions_there_are_no_annotations(project):
    case = project.root / "content/case-studies/shared-booking-platform.md"
    case.write_text(case.read_text(encoding="utf-8").replace("  - user-needs\n", "  - user-need\n", 1), encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "content/case-studies/shared-booking-platform.md:11: 'principles' lists 'user-need', which is not a "
        "principle (did you mean 'user-needs'?)",
        "Check failed: 1 problem.",
    ]


def test_problems_in_rendered_pages_are_traced_to_the_content_line(tiny):
    tiny_with(tiny, {PRINCIPLE: more(PRINCIPLE, """
        #### Too deep

        ![](/assets/images/favicon.svg)

        See [the list](/principles/#nowhere) and [the objective](/objectives/small).
        """)})
    result = run_check(tiny, github=True)
    assert result.returncode == 1
    path = "content/principles/be-small.md"
    expected = [
        (path, 16, "the heading 'Too deep' on /principles/be-small/ is level 4 straight after a level 2 heading: heading levels must not skip (in Markdown, use ### for it, or add the missing level)"),
        (path, 18, "the image '/assets/images/favicon.svg' on /principles/be-small/ has no alt text: describe what it shows inside the square brackets, like ![A map of England](/assets/images/map.png)"),
        (path, 20, "the link '/principles/#nowhere' goes to '#nowhere', which is not on that page (on /principles/be-small/)"),
    ]
    # The missing '/' of /objectives/small is a content rule, so the build stops first: fix it and check again.
    assert "content/principles/be-small.md:20: the link '/objectives/small' needs a '/' at the end: '/objectives/small/'" in result.stderr
    tiny_with(tiny, {PRINCIPLE: more(PRINCIPLE, """
        #### Too deep

        ![](/assets/images/favicon.svg)

        See [the list](/principles/#nowhere).
        """)})
    result = run_check(tiny, github=True)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"::error file={p},line={n}::{m}" for p, n, m in expected]
    assert result.stderr.splitlines() == [f"{p}:{n}: {m}" for p, n, m in expected] + ["Check failed: 3 problems."]


def test_a_broken_link_made_by_a_template_names_the_page_and_the_template(tiny):
    layout = tiny.root / "templates/layouts/objectives.html"
    layout.write_text(layout.read_text(encoding="utf-8").replace(
        "{% block content %}", '{% block content %}<a href="{{ base }}/nowhere/">x</a><a href="/rooted/">y</a><a href="{{ base }}/about">z</a>', 1), encoding="utf-8")
    result = check_project(tiny, today=TODAY)
    suffix = " (on /objectives/) (it comes from the template templates/layouts/objectives.html or one it uses)"
    assert messages(result) == [
        "content/objectives:1: the link '/about' needs a '/' at the end: '/about/'" + suffix,
        "content/objectives:1: the link '/nowhere/' goes to a page or file that does not exist" + suffix,
        "content/objectives:1: the link '/rooted/' goes outside the site, which starts at https://example.test/tiny/: is the base path missing?" + suffix,
    ]


def test_an_image_that_is_not_there_is_named_at_its_line(tiny):
    tiny_with(tiny, {"pages/about.md": more("pages/about.md", "\n        ![A chart of our work](/assets/images/chart.png)\n")})
    assert messages(check_project(tiny, today=TODAY)) == [
        "content/pages/about.md:8: the link '/assets/images/chart.png' goes to a page or file that does not exist (on /about/)",
    ]


def test_a_full_address_on_the_same_host_is_not_checked(tiny):
    tiny_with(tiny, {"pages/about.md": more("pages/about.md", "\n        See [another site](https://example.test/elsewhere/).\n")})
    assert check_project(tiny, today=TODAY).errors == ()


def test_every_principle_needs_a_case_study(tiny):
    tiny_with(tiny, {"principles/be-quick.md": """\
        ---
        id: be-quick
        order: 2
        name: Be quick
        statement: We are quick
        summary: Quick things are done sooner.
        ---
        Quick.
        """})
    assert messages(check_project(tiny, today=TODAY)) == [
        "content/principles/be-quick.md:2: no case study demonstrates the principle 'be-quick': add 'be-quick' to the 'principles' of a case study in content/case-studies/",
    ]


def test_todo_placeholders_fail_the_check(tiny):
    tiny_with(tiny, {"pages/about.md": TINY["pages/about.md"].replace("What this site is.", '"TODO: what this site is"')})
    assert messages(check_project(tiny, today=TODAY)) == [
        "content/pages/about.md:4: this line still has a 'TODO' placeholder: replace it with the real text",
    ]


REVIEWED = TINY[PRINCIPLE].replace("summary: Small things are easier to change.\n",
                                   "summary: Small things are easier to change.\n        last_reviewed: 2025-06-01\n        review_by: 2026-03-01\n")


def test_a_page_past_its_review_date_is_a_warning_and_is_listed(tiny):
    tiny_with(tiny, {PRINCIPLE: REVIEWED})
    result = run_check(tiny, github=True)
    assert result.returncode == 0
    message = ("the page /principles/be-small/ was due for review by 1 March 2026 (92 days ago): check it is still right, "
               "then set 'last_reviewed' to today and 'review_by' to the next review date")
    assert result.stderr.splitlines() == [
        f"content/principles/be-small.md:8: warning: {message}",
        "1 page is past its review date:",
        "  /principles/be-small/ (content/principles/be-small.md): review by 1 March 2026",
    ]
    assert result.stdout.splitlines() == [
        f"::warning file=content/principles/be-small.md,line=8::{message}",
        "Check passed: 9 pages, no problems, 1 warning.",
    ]


def test_a_review_date_today_or_later_is_fine(tiny):
    tiny_with(tiny, {PRINCIPLE: REVIEWED})
    assert run_check(tiny, today="2026-03-01").stdout == "Check passed: 9 pages, no problems.\n"


def test_review_dates_can_be_errors(tiny):
    tiny_with(tiny, {PRINCIPLE: REVIEWED, "site.yaml": more("site.yaml", "        review_dates_are_errors: true\n")})
    result = run_check(tiny, github=True, today="2026-03-02")
    assert result.returncode == 1
    message = ("the page /principles/be-small/ was due for review by 1 March 2026 (1 day ago): check it is still right, "
               "then set 'last_reviewed' to today and 'review_by' to the next review date")
    assert result.stdout.splitlines() == [f"::error file=content/principles/be-small.md,line=8::{message}"]
    assert result.stderr.splitlines() == [
        f"content/principles/be-small.md:8: {message}",
        "1 page is past its review date:",
        "  /principles/be-small/ (content/principles/be-small.md): review by 1 March 2026",
        "Check failed: 1 problem.",
    ]


def test_today_is_the_default_date(tiny):
    tiny_with(tiny, {PRINCIPLE: REVIEWED})
    assert len(check_project(tiny).overdue) == (1 if dt.date.today() > dt.date(2026, 3, 1) else 0)


def test_a_bad_today_is_refused(tiny):
    result = run_check(tiny, today="1 June")
    assert result.returncode == 2
    assert "argument --today: '1 June' is not a date written YYYY-MM-DD" in result.stderr


def test_a_template_error_fails_the_check(tiny):
    layout = tiny.root / "templates/layouts/page.html"
    layout.write_text(layout.read_text(encoding="utf-8").replace("{{ page.title }}", "{{ page.titel }}"), encoding="utf-8")
    result = check_project(tiny, today=TODAY)
    assert len(result.errors) == 1
    assert result.errors[0].path == "templates/layouts/page.html"
    assert "template error while rendering content/pages/about.md" in result.errors[0].message


def test_annotations_escape_what_github_reads_as_syntax():
    error = ContentError("content/a,b:c.md", 0, "50% done\nnext line\r")
    assert annotation(error) == "::error file=content/a%2Cb%3Ac.md,line=1::50%25 done%0Anext line%0D"
    assert annotation(error, "warning").startswith("::warning file=")


def test_the_report_counts_problems_and_warnings():
    errors = (ContentError("a.md", 1, "one"), ContentError("b.md", 2, "two"))
    warnings = (ContentError("c.md", 3, "three"), ContentError("d.md", 4, "four"))
    out, err = report(CheckResult(errors, warnings))
    assert out == []
    assert err == ["a.md:1: one", "b.md:2: two", "c.md:3: warning: three", "d.md:4: warning: four", "Check failed: 2 problems, 2 warnings."]


def test_the_base_url_option_is_used(tiny):
    result = run_cli(tiny.root, "--base-url", "https://other.test", "check")
    assert result.returncode == 0, result.stderr


def test_the_review_list_counts_pages():
    overdue = (("/a/", "content/pages/a.md", dt.date(2026, 1, 1)), ("/b/", "content/pages/b.md", dt.date(2026, 2, 1)))
    _, err = report(CheckResult((), (ContentError("content/pages/a.md", 3, "due"),), overdue, 5))
    assert err[-3:] == ["2 pages are past their review date:", "  /a/ (content/pages/a.md): review by 1 January 2026",
                        "  /b/ (content/pages/b.md): review by 1 February 2026"]
    out, _ = report(CheckResult((), (ContentError("content/pages/a.md", 3, "due"),) * 1, overdue, 5))
    assert out == ["Check passed: 5 pages, no problems, 1 warning."]
