"""Render stage: strict templates, escaping, template errors that name their line, the CSP hash."""

import base64
import hashlib
import re

import pytest
from jinja2 import DictLoader, Environment
from jinja2.exceptions import UndefinedError

from microsite.errors import BuildFailed
from microsite.pipeline import build_site
from microsite.render import FRONTEND_SNIPPET_HASH, ParamsUndefined, format_date


def env(**templates):
    return Environment(loader=DictLoader(templates), autoescape=True, undefined=ParamsUndefined)


def test_misspelt_variable_fails():
    with pytest.raises(UndefinedError):
        env(t="{{ titel }}").get_template("t").render(title="x")


def test_missing_attribute_of_an_object_fails():
    class Page:
        title = "x"

    with pytest.raises(UndefinedError):
        env(t="{{ page.titel }}").get_template("t").render(page=Page())


def test_missing_key_of_macro_params_is_empty_as_govuk_macros_expect():
    template = env(t="{% if params.classes %}yes{% endif %}[{{ params.label.text }}]").get_template("t")
    assert template.render(params={}) == "[]"


def test_autoescaping_is_on():
    assert env(t="{{ x }}").get_template("t").render(x="</title><script>") == "&lt;/title&gt;&lt;script&gt;"


def test_dates_in_govuk_style():
    import datetime as dt

    assert format_date(dt.date(2022, 3, 14)) == "14 March 2022"


def test_csp_hash_matches_the_rendered_inline_snippet(built):
    _, files = built
    page = files["index.html"].decode()
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"sha256-{digest}" == FRONTEND_SNIPPET_HASH
    assert f"'{FRONTEND_SNIPPET_HASH}'" in page
    assert "unsafe-inline" not in page and "unsafe-eval" not in page


def test_template_error_names_the_template_line_and_content_file(project):
    layout = project.root / "templates/layouts/principle.html"
    text = layout.read_text(encoding="utf-8")
    lines = text.split("\n")
    number = next(i for i, line in enumerate(lines) if "principle.statement" in line)
    layout.write_text(text.replace("principle.statement", "principle.statment", 1), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(project, write=None)
    first = str(failed.value.errors[0])
    assert first.startswith(f"templates/layouts/principle.html:{number + 1}: template error while rendering content/principles/")
    assert "statment" in first


def test_template_syntax_error(project):
    layout = project.root / "templates/layouts/page.html"
    layout.write_text(layout.read_text(encoding="utf-8").replace("{% endblock %}", "{% endblok %}"), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(project)
    assert str(failed.value.errors[0]).startswith("templates/layouts/page.html:")
    assert "endblok" in str(failed.value.errors[0])
    assert not project.dist.exists()


def test_hostile_title_is_escaped_everywhere(tiny):
    page = tiny.root / "content/pages/about.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: About this site", 'title: "</title><script>alert(1)</script> & \\"q\\""'), encoding="utf-8")
    files = build_site(tiny)
    html = files["about/index.html"].decode()
    assert "<script>alert(1)" not in html
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html
    assert 'content="&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;q&#34;"' in html
