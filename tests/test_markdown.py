"""Markdown to GOV.UK HTML: each feature's exact output, links, and what is refused."""

import pytest

from microsite.errors import Problem
from microsite.markdown import render_markdown


def html(text: str, base: str = "") -> str:
    rendered = render_markdown(text, base)
    assert rendered.problems == ()
    return rendered.html


def test_headings_get_govuk_classes_and_ids():
    assert html("## Our aims\n\n### How\n\n#### Detail") == (
        '<h2 class="govuk-heading-l" id="our-aims">Our aims</h2>\n'
        '<h3 class="govuk-heading-m" id="how">How</h3>\n'
        '<h4 class="govuk-heading-s" id="detail">Detail</h4>'
    )


def test_repeated_headings_get_unique_ids():
    assert html("## Aims\n\n## Aims") == (
        '<h2 class="govuk-heading-l" id="aims">Aims</h2>\n<h2 class="govuk-heading-l" id="aims_1">Aims</h2>'
    )


def test_paragraph_and_emphasis():
    assert html("Some *light* and **strong** words.") == '<p class="govuk-body">Some <em>light</em> and <strong>strong</strong> words.</p>'


def test_bullet_list():
    assert html("- one\n- two") == '<ul class="govuk-list govuk-list--bullet">\n<li>one</li>\n<li>two</li>\n</ul>'


def test_numbered_list():
    assert html("1. one\n2. two") == '<ol class="govuk-list govuk-list--number">\n<li>one</li>\n<li>two</li>\n</ol>'


def test_table_with_alignment_uses_classes_not_styles():
    assert html("| Fund | Amount |\n|:--|--:|\n| COF | £150m |") == (
        '<table class="govuk-table" tabindex="0">\n<thead class="govuk-table__head">\n<tr class="govuk-table__row">\n'
        '<th class="govuk-table__header govuk-!-text-align-left" scope="col">Fund</th>\n'
        '<th class="govuk-table__header govuk-!-text-align-right" scope="col">Amount</th>\n'
        '</tr>\n</thead>\n<tbody class="govuk-table__body">\n<tr class="govuk-table__row">\n'
        '<td class="govuk-table__cell govuk-!-text-align-left">COF</td>\n'
        '<td class="govuk-table__cell govuk-!-text-align-right">£150m</td>\n'
        '</tr>\n</tbody>\n</table>'
    )


def test_site_links_get_the_base_path_and_external_links_do_not():
    assert html("[Aims](/objectives/) and [GOV.UK](https://www.gov.uk/)", "/strategy") == (
        '<p class="govuk-body"><a class="govuk-link" href="/strategy/objectives/">Aims</a> and '
        '<a class="govuk-link" href="https://www.gov.uk/">GOV.UK</a></p>'
    )


def test_blockquote_is_inset_text():
    assert html("> Quoted words.") == '<blockquote class="govuk-inset-text">\n<p class="govuk-body">Quoted words.</p>\n</blockquote>'


def test_rule_is_a_visible_section_break():
    assert html("Before\n\n---\n\nAfter") == (
        '<p class="govuk-body">Before</p>\n'
        '<hr class="govuk-section-break govuk-section-break--xl govuk-section-break--visible">\n'
        '<p class="govuk-body">After</p>'
    )


def test_code_block_is_focusable_and_escaped():
    assert html("```\n<b>x</b>\n```") == '<pre class="app-code" tabindex="0"><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>'


def test_image_gets_the_site_path_and_class():
    assert html("![A chart](/assets/images/chart.png)", "/s") == '<p class="govuk-body"><img alt="A chart" class="app-image" src="/s/assets/images/chart.png"></p>'


def test_template_syntax_in_content_is_left_as_text():
    assert html("Use {{ site.name }} and {% raw %}") == '<p class="govuk-body">Use {{ site.name }} and {% raw %}</p>'


def test_headings_are_listed_for_contents_lists():
    rendered = render_markdown("## One\n\ntext\n\n### Two")
    assert [(h.level, h.text, h.id) for h in rendered.headings] == [(2, "One", "one"), (3, "Two", "two")]


@pytest.mark.parametrize("link", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,hi", "vbscript:x"])
def test_unsafe_link_schemes_are_refused(link):
    rendered = render_markdown(f"Intro\n\n[click]({link})")
    assert len(rendered.problems) == 1
    line, message = rendered.problems[0].line, rendered.problems[0].message
    assert line == 3
    assert message.startswith(f"the link '{link}' uses an unsafe scheme")
    assert link not in rendered.html


def test_raw_html_block_is_refused_with_its_line():
    rendered = render_markdown("Intro\n\n<div>raw</div>\n")
    assert rendered.problems == (Problem(3, "raw HTML is not allowed in Markdown ('<div>raw</div>'); use Markdown, or ask a developer to add a component"),)


def test_inline_raw_html_is_refused():
    rendered = render_markdown("Some <script>alert(1)</script> text")
    assert rendered.problems[0] == Problem(1, "raw HTML is not allowed in Markdown ('<script>'); use Markdown, or ask a developer to add a component")


def test_entities_and_comments_are_not_raw_html():
    assert render_markdown("Fish &amp; chips <!-- note -->").problems == ()


def test_top_level_heading_in_body_is_refused():
    rendered = render_markdown("Intro\n\n# Title\n")
    assert rendered.problems == (Problem(3, "a top-level heading ('# …') is not allowed in the body: the page title is the page's only top-level heading, so start with '## '"),)
