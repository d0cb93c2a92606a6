"""`build.py check`: content rules, the rendered site, review dates, GitHub annotations, and dist/ left alone."""

import datetime as dt

from conftest import TINY, run_cli, write_tiny

from microsite.check import (
    CheckResult,
    allowed_hashes,
    annotation,
    check_project,
    parse_page,
    report,
    script_hash,
)
from microsite.check.policy import is_javascript_url
from microsite.errors import ContentError
from microsite.pipeline import build_site
from microsite.render import CSP, FRONTEND_SNIPPET_HASH

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


def edit_template(project, name, old, new):
    """Replace the first old in one of the project's templates."""
    file = project.root / "templates" / name
    text = file.read_text(encoding="utf-8")
    assert old in text, f"templates/{name} no longer holds {old!r}: update this test"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def template_line(project, name, text):
    """The line of one of the project's templates that holds text."""
    source = (project.root / "templates" / name).read_text(encoding="utf-8")
    return source[: source.index(text)].count("\n") + 1


def test_a_broken_link_made_by_a_template_is_named_once_at_its_line(tiny):
    edit_template(tiny, "layouts/objectives.html", "{% block content %}", '{% block content %}<a href="{{ base }}/nowhere/">x</a><a href="/rooted/">y</a><a href="{{ base }}/about">z</a>')
    edit_template(tiny, "partials/footer.html", '<div class="govuk-footer app-footer">', '<div class="govuk-footer app-footer">\n<a href="{{ \'gone/\' | href }}">Gone</a>')
    line, footer = template_line(tiny, "layouts/objectives.html", "/nowhere/"), template_line(tiny, "partials/footer.html", "gone/")
    result = check_project(tiny, today=TODAY)
    assert messages(result) == [
        f"templates/layouts/objectives.html:{line}: the link '/about' needs a '/' at the end: '/about/' (on /objectives/)",
        f"templates/layouts/objectives.html:{line}: the link '/nowhere/' goes to a page or file that does not exist (on /objectives/)",
        f"templates/layouts/objectives.html:{line}: the link '/rooted/' goes outside the site, which starts at https://example.test/tiny/: is the base path missing? (on /objectives/)",
        f"templates/partials/footer.html:{footer}: the link '/gone/' goes to a page or file that does not exist (on every page)",
    ]


def test_a_broken_link_in_the_navigation_is_named_once_at_its_line(tiny):
    # The list of objectives has no headings of its own, so only the rendered pages can show the #fragment is wrong.
    tiny_with(tiny, {"site.yaml": TINY["site.yaml"].replace("url: /objectives/", "url: /objectives/#nowhere")})
    assert messages(check_project(tiny, today=TODAY)) == [
        "content/site.yaml:10: the link '/objectives/#nowhere' goes to '#nowhere', which is not on that page (on every page)",
    ]


def test_a_problem_a_template_makes_on_some_pages_counts_them(tiny):
    edit_template(tiny, "layouts/principle.html", "{{ principle.statement }}</h1>", "{{ principle.statement }}</h1>\n<h4>Deep</h4>")
    line = template_line(tiny, "layouts/principle.html", "<h4>Deep</h4>")
    tiny_with(tiny, {"principles/be-quick.md": TINY[PRINCIPLE].replace("be-small", "be-quick").replace("order: 1", "order: 2"),
                     "case-studies/first-case.md": TINY["case-studies/first-case.md"].replace("  - be-small\n", "  - be-small\n          - be-quick\n")})
    assert messages(check_project(tiny, today=TODAY)) == [
        f"templates/layouts/principle.html:{line}: the heading 'Deep' on /principles/be-small/ and 1 other page is level 4 straight after a level 1 heading: heading levels must not skip (in Markdown, use ## for it, or add the missing level)",
    ]


def test_a_problem_that_cannot_be_found_is_named_once_against_the_page_s_template(tiny):
    edit_template(tiny, "layouts/objectives.html", "{% block content %}", '{% block content %}<a href="{{ (\'no\' ~ \'where/\') | href }}">x</a>')
    assert messages(check_project(tiny, today=TODAY)) == [
        "templates/layouts/objectives.html:1: the link '/nowhere/' goes to a page or file that does not exist (on /objectives/) (it comes from this template or one it uses)",
    ]


def test_an_image_from_a_template_may_be_decoration_but_must_say_so(tiny):
    edit_template(tiny, "partials/footer.html", '<div class="govuk-footer app-footer">', '<div class="govuk-footer app-footer">\n<img src="{{ assetPath }}/images/favicon.svg" alt="">')
    assert check_project(tiny, today=TODAY).errors == ()
    edit_template(tiny, "partials/footer.html", ' alt="">', '>')
    line = template_line(tiny, "partials/footer.html", "favicon.svg")
    assert messages(check_project(tiny, today=TODAY)) == [
        f"templates/partials/footer.html:{line}: the image '/assets/images/favicon.svg' on every page has no alt attribute: give it alt text that says what it shows, or alt=\"\" if it is only decoration",
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


BLOCKED = "would be blocked by the site's Content Security Policy"


def test_what_the_content_security_policy_would_block_is_named_once_at_its_template_line(tiny):
    edit_template(tiny, "base.html", "{% block bodyEnd %}", """{% block bodyEnd %}
    <div style="color: red">Red</div>
    <button onclick="go()">Go</button>
    <a href=" JavaScript:void(0)">Nowhere</a>
    <script>
      alert(1)
    </script>
    <style>p { color: red }</style>""")
    line = template_line(tiny, "base.html", '<div style="color: red">')
    assert messages(check_project(tiny, today=TODAY)) == [
        f"templates/base.html:{line}: the style attribute on <div> on every page {BLOCKED} (style-src 'self'): move the style into the site's stylesheet and use a class",
        f"templates/base.html:{line + 1}: the 'onclick' attribute on <button> on every page {BLOCKED}, which runs no inline event handlers: attach the handler from a script file in the site's assets instead",
        f"templates/base.html:{line + 2}: the 'javascript:' link in the 'href' of <a> on every page {BLOCKED}, which runs no 'javascript:' links: link to a real address, or use a button with a handler in a script file",
        f"templates/base.html:{line + 4}: the inline <script> on every page {BLOCKED} (script-src 'self'): move it into a script file in the site's assets and load it with <script src=…>",
        f"templates/base.html:{line + 6}: the <style> element on every page {BLOCKED} (style-src 'self'): move its rules into the site's stylesheet",
    ]


def test_inline_scripts_the_policy_allows_are_not_named(tiny):
    # GOV.UK Frontend's snippet is allowed by its hash (a second copy too), and a script of data never runs.
    page = parse_page(build_site(tiny, write=None)["index.html"])
    (snippet,) = [detail for what, _, detail, _ in page.inline if what == "script"]
    assert script_hash(snippet) == FRONTEND_SNIPPET_HASH
    edit_template(tiny, "base.html", "{% block bodyEnd %}",
                  '{% block bodyEnd %}<script>' + snippet + '</script><script type="application/ld+json">{"a": 1}</script>')
    assert check_project(tiny, today=TODAY).errors == ()


def test_the_policy_s_hashes_and_javascript_links():
    assert allowed_hashes(CSP) == {FRONTEND_SNIPPET_HASH}
    assert allowed_hashes("default-src 'self'; style-src 'sha256-abc='") == frozenset()
    assert [is_javascript_url(url) for url in (" JaVa\tScRiPt:x", "java\nscript:x", "https://x.test/", "/javascript:")] == [True, True, False, False]
