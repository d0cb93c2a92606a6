"""The rule that keeps the preview's reuse exact and fast (incremental.py's docstring), guarded."""

from __future__ import annotations

import os
import time

from microsite.incremental import BuildMemory, hidden_fields, hidden_reads
from microsite.pipeline import build_site
from microsite.render import make_environment


def test_the_hidden_fields_are_the_ones_the_rule_names():
    assert sorted(hidden_fields()) == ["history", "lines", "site_links", "text", "unbuilt"]


def test_no_template_reads_a_field_left_out_of_equality(tiny):
    env = make_environment(tiny.templates)
    assert hidden_reads(env, env.list_templates(filter_func=lambda name: name.endswith(".html")
                                                and not name.startswith("govuk_frontend_jinja"))) == []


def test_a_template_that_reads_one_is_caught(tiny):
    layout = tiny.root / "templates" / "layouts" / "principle.html"
    layout.parent.mkdir(parents=True, exist_ok=True)
    layout.write_text('{% extends "base.html" %}\n{% block content %}{{ principle.body.text }}'
                      '{{ site.history }}{{ quote.text }}{% endblock %}\n', encoding="utf-8")
    env = make_environment(tiny.templates)
    assert hidden_reads(env, ["layouts/principle.html"]) == [
        "layouts/principle.html:2: .body.text", "layouts/principle.html:2: .site.history"]


def settle(project) -> None:
    """Date every content file ten seconds back: a file changed in the last two seconds is read again
    (the 'racy' rule), so only a settled file keeps its Document object."""
    past = time.time() - 10
    for file in (project.root / "content").rglob("*"):
        os.utime(file, (past, past))


def test_an_unchanged_rebuild_reuses_the_same_objects_and_renders_nothing(tiny):
    settle(tiny)
    memory = BuildMemory()
    first = build_site(tiny, None, memory)
    assert len(memory.rendered) == sum(1 for name in first if name.endswith(".html"))
    second = build_site(tiny, None, memory)
    assert memory.rendered == []
    assert second.site.config is first.site.config
    assert second.site.home is first.site.home
    for old, new in zip(first.site.case_studies + first.site.principles, second.site.case_studies + second.site.principles):
        assert new is old
    for old, new in zip(first.specs, second.specs):
        assert new.context["navigation"] is old.context["navigation"]
        assert new.context["page_meta"] is old.context["page_meta"]
    assert dict(second) == dict(first)


def test_an_edit_renders_only_the_pages_that_show_it(tiny):
    memory = BuildMemory()
    build_site(tiny, None, memory)
    page = tiny.root / "content" / "pages" / "about.md"
    page.write_text(page.read_text(encoding="utf-8").replace("This site is tiny.", "This site is small."),
                    encoding="utf-8")
    build_site(tiny, None, memory)
    # The page itself, and the pages that read the whole site (the home page and the two lists).
    assert memory.rendered == ["index.html", "objectives/index.html", "principles/index.html", "about/index.html"]
