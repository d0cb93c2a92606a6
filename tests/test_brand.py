"""The brand from site.yaml: brand_colour and its contrast, theme_colour, the logo in the header, feed: false.

Every message an editor can meet is asserted whole; the logo's HTML exactly; the CSS carries the custom
property; without any brand setting the output is the engine's own, byte for byte.
"""

import json
import textwrap

import pytest
from conftest import TINY, write_tiny

from microsite.assets import compile_css
from microsite.brand import contrast_ratio, enough_contrast, shown_ratio
from microsite.check import check_project
from microsite.config import SITE_SCHEMA
from microsite.errors import BuildFailed
from microsite.pipeline import build_site, load_and_check

SITE = textwrap.dedent(TINY["site.yaml"])
FIRST_NEW_LINE = SITE.count("\n") + 1      # the line of the first setting appended to the tiny site.yaml
SVG_LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30"><rect width="40" height="30" fill="#fff"/></svg>\n'


def with_settings(project, extra: str, site: str = SITE):
    """The tiny site with extra lines at the end of its site.yaml."""
    write_tiny(project.root, {"site.yaml": site + textwrap.dedent(extra)})
    return project


def problems(project, extra: str, site: str = SITE, build: bool = False) -> list[str]:
    with_settings(project, extra, site)
    with pytest.raises(BuildFailed) as failed:
        build_site(project, write=None) if build else load_and_check(project)
    return [str(error) for error in failed.value.errors]


def header(files) -> str:
    """The generic header's homepage link, as the home page has it."""
    html = files["index.html"].decode("utf-8")
    start = html.index('<a href="/tiny/" class="govuk-generic-header__homepage-link">')
    return html[start:html.index("</a>", start) + 4]


def stylesheet(files) -> bytes:
    return next(data for name, data in files.items() if name.startswith("assets/css/"))


def add_logo(project, name="images/logo.svg", data: bytes = SVG_LOGO.encode()):
    target = project.root / "assets" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


# --- contrast -----------------------------------------------------------------------------------------

def test_contrast_ratios_are_wcags():
    assert contrast_ratio("#ffffff", "#000000") == 21
    assert contrast_ratio("#ffffff", "#ffffff") == 1
    assert round(contrast_ratio("#ffffff", "#00703c"), 2) == 6.21
    assert contrast_ratio("#00703c", "#ffffff") == contrast_ratio("#ffffff", "#00703c")


def test_exactly_four_and_a_half_to_one_passes_and_anything_less_fails():
    assert enough_contrast(4.5)
    assert not enough_contrast(4.4999)


def test_the_ratio_shown_is_rounded_down_so_a_failing_one_never_reads_as_enough():
    assert shown_ratio(4.4999) == "4.49:1"
    assert shown_ratio(contrast_ratio("#ffffff", "#777777")) == "4.47:1"
    assert shown_ratio(1.0) == "1:1"
    assert shown_ratio(6.2077) == "6.2:1"


def test_the_darkest_grey_that_fails_is_refused_and_the_lightest_that_passes_builds(tiny):
    assert problems(tiny, 'brand_colour: "#777777"\n') == [
        f"content/site.yaml:{FIRST_NEW_LINE}: 'brand_colour' is #777777, and white text on it has a contrast ratio of 4.47:1; header text needs at least 4.5:1 (WCAG 2.2 AA): choose a darker colour"]
    with_settings(tiny, 'brand_colour: "#767676"\n')
    assert load_and_check(tiny).config.brand_colour == "#767676"


def test_a_light_brand_colour_is_refused_with_its_ratio(tiny):
    assert problems(tiny, 'brand_colour: "#ffdd00"\n') == [
        f"content/site.yaml:{FIRST_NEW_LINE}: 'brand_colour' is #ffdd00, and white text on it has a contrast ratio of 1.34:1; header text needs at least 4.5:1 (WCAG 2.2 AA): choose a darker colour"]


# --- colours as settings --------------------------------------------------------------------------------

@pytest.mark.parametrize("written, kept", [("#00703C", "#00703c"), ("#070", "#007700"), (" #0b0c0c ", "#0b0c0c")])
def test_colours_are_read_as_lower_case_rrggbb(tiny, written, kept):
    with_settings(tiny, f'brand_colour: "{written}"\n')
    assert load_and_check(tiny).config.brand_colour == kept


@pytest.mark.parametrize("key", ["brand_colour", "theme_colour"])
@pytest.mark.parametrize("written", ["00703c", "#00703", "green", "#00703cc"])
def test_a_colour_not_written_in_hex_names_the_forms_allowed(tiny, key, written):
    assert problems(tiny, f'{key}: "{written}"\n') == [
        f"content/site.yaml:{FIRST_NEW_LINE}: '{key}' is '{written}', which is not a colour: write it as #rgb or #rrggbb, like \"#00703c\""]


def test_a_colour_that_is_not_text(tiny):
    assert problems(tiny, "brand_colour: [1, 2]\n") == [
        f"content/site.yaml:{FIRST_NEW_LINE}: 'brand_colour' must be a colour written #rgb or #rrggbb, not a list"]


@pytest.mark.parametrize("key", ["brand_colour", "theme_colour"])
def test_a_colour_without_quotes_is_a_yaml_comment_and_says_so(tiny, key):
    assert problems(tiny, f"{key}: #00703c\n") == [
        f"content/site.yaml:{FIRST_NEW_LINE}: '{key}' has no value: put the colour in quotes, like {key}: \"#00703c\" (without them, YAML reads # as the start of a comment)"]


def test_brand_colour_and_logo_are_refused_on_the_govuk_brand(tiny):
    site = SITE.replace("brand: generic", "brand: govuk")
    extra = 'brand_colour: "#00703c"\nlogo:\n  file: images/logo.svg\n  alt: Tiny Department\n'
    assert problems(tiny, extra, site) == [
        f"content/site.yaml:{FIRST_NEW_LINE}: 'brand_colour' is only for 'brand: generic': a site on gov.uk uses GOV.UK's own header and colours",
        f"content/site.yaml:{FIRST_NEW_LINE + 1}: 'logo' is only for 'brand: generic': a site on gov.uk uses GOV.UK's own header and colours",
    ]


def test_theme_colour_follows_brand_colour_unless_it_is_set(tiny):
    files = build_site(with_settings(tiny, 'brand_colour: "#00703c"\n'), write=None)
    assert '<meta name="theme-color" content="#00703c">' in files["index.html"].decode()
    assert json.loads(files["assets/manifest.json"])["theme_color"] == "#00703c"
    files = build_site(with_settings(tiny, 'brand_colour: "#00703c"\ntheme_colour: "#0B0C0C"\n'), write=None)
    assert '<meta name="theme-color" content="#0b0c0c">' in files["index.html"].decode()


def test_without_brand_settings_the_theme_colour_is_the_engines(tiny):
    assert load_and_check(tiny).config.theme_colour == "#0b0c0c"


# --- the stylesheet -------------------------------------------------------------------------------------

def test_the_brand_colour_is_a_custom_property_appended_to_the_stylesheet(tiny):
    plain = build_site(tiny, write=None)
    branded = build_site(with_settings(tiny, 'brand_colour: "#00703c"\n'), write=None)
    engine_css = compile_css(tiny, "generic")
    assert stylesheet(plain) == engine_css
    assert stylesheet(branded) == engine_css + (
        b":root{--govuk-brand-colour:#00703c}\n"
        b".govuk-generic-header{background-color:var(--govuk-brand-colour)}\n")
    assert [n for n in plain if n.startswith("assets/css/")] != [n for n in branded if n.startswith("assets/css/")]


def test_a_logo_adds_its_class_and_never_a_style_attribute(tiny):
    add_logo(tiny)
    files = build_site(with_settings(tiny, "logo:\n  file: images/logo.svg\n  alt: Tiny Department\n"), write=None)
    assert stylesheet(files).endswith(b".app-header-logo{height:30px;width:auto;max-width:100%}\n"
                                      b".app-header-logo--with-name{margin-right:10px}\n")
    assert "style=" not in files["index.html"].decode()


# --- the logo -------------------------------------------------------------------------------------------

def test_a_logo_with_alt_text_stands_for_the_name(tiny):
    add_logo(tiny)
    files = build_site(with_settings(tiny, "logo:\n  file: images/logo.svg\n  alt: Tiny Department\n"), write=None)
    assert header(files) == (
        '<a href="/tiny/" class="govuk-generic-header__homepage-link">\n'
        '        <img class="app-header-logo" src="/tiny/assets/images/logo.svg" alt="Tiny Department">\n'
        '      </a>')
    assert files["assets/images/logo.svg"] == SVG_LOGO.encode()


def test_a_logo_beside_the_name_is_decorative(tiny):
    add_logo(tiny)
    files = build_site(with_settings(tiny, "logo:\n  file: images/logo.svg\n  show_name: true\n"), write=None)
    assert header(files) == (
        '<a href="/tiny/" class="govuk-generic-header__homepage-link">\n'
        '        <img class="app-header-logo app-header-logo--with-name" src="/tiny/assets/images/logo.svg" alt="" aria-hidden="true">'
        'Tiny Department\n'
        '      </a>')


def test_a_logo_anywhere_in_assets_is_published_and_its_address_is_encoded(tiny):
    add_logo(tiny, "brand/our logo.svg")
    files = build_site(with_settings(tiny, "logo:\n  file: brand/our logo.svg\n  alt: Tiny Department\n"), write=None)
    assert 'src="/tiny/assets/brand/our%20logo.svg" alt="Tiny Department"' in header(files)
    assert files["assets/brand/our logo.svg"] == SVG_LOGO.encode()


def test_the_alt_text_is_escaped(tiny):
    add_logo(tiny)
    files = build_site(with_settings(tiny, 'logo:\n  file: images/logo.svg\n  alt: Tiny "Dept" <&>\n'), write=None)
    assert 'alt="Tiny &#34;Dept&#34; &lt;&amp;&gt;"' in header(files)


def test_without_a_logo_the_header_shows_the_name_as_before(tiny):
    assert header(build_site(tiny, write=None)) == (
        '<a href="/tiny/" class="govuk-generic-header__homepage-link">\n'
        '        Tiny Department\n'
        '      </a>')


def test_a_logo_that_stands_for_the_name_needs_alt_text(tiny):
    assert problems(tiny, "logo:\n  file: images/logo.svg\n") == [
        f"content/site.yaml:{FIRST_NEW_LINE}: 'logo.alt' is required unless 'logo.show_name' is true: write the words the logo shows, usually the organisation's name"]
    assert problems(tiny, "logo:\n  file: images/logo.svg\n  show_name: false\n") == [
        f"content/site.yaml:{FIRST_NEW_LINE}: 'logo.alt' is required unless 'logo.show_name' is true: write the words the logo shows, usually the organisation's name"]


def test_a_logo_beside_the_name_must_not_have_alt_text(tiny):
    assert problems(tiny, "logo:\n  file: images/logo.svg\n  alt: Tiny Department\n  show_name: true\n") == [
        f"content/site.yaml:{FIRST_NEW_LINE + 2}: 'logo.alt' must be left out when 'logo.show_name' is true: the organisation's name is shown beside the logo as text, so the logo is decorative (alt=\"\")"]


@pytest.mark.parametrize("file", ["images/logo.gif", "images/logo", "images/logo.svg.txt"])
def test_a_logo_must_be_svg_or_png(tiny, file):
    assert problems(tiny, f"logo:\n  file: {file}\n  alt: Tiny Department\n") == [
        f"content/site.yaml:{FIRST_NEW_LINE + 1}: 'logo.file' is '{file}'; a logo must be an SVG or a PNG file (its name ending .svg or .png)"]


@pytest.mark.parametrize("file", ["../logo.svg", "/logo.svg", "images/../../logo.svg", "images\\logo.svg"])
def test_a_logo_must_be_inside_assets(tiny, file):
    assert problems(tiny, f"logo:\n  file: '{file}'\n  alt: Tiny Department\n") == [
        f"content/site.yaml:{FIRST_NEW_LINE + 1}: 'logo.file' is '{file}', which is outside the site's assets/ folder: give its path inside assets/, like images/logo.svg"]


def test_a_missing_logo_file_is_named_with_a_suggestion(tiny):
    add_logo(tiny, "images/logo.svg")
    assert problems(tiny, "logo:\n  file: images/lgo.svg\n  alt: Tiny Department\n", build=True) == [
        f"content/site.yaml:{FIRST_NEW_LINE + 1}: 'logo.file' is 'images/lgo.svg', but there is no assets/images/lgo.svg in the site folder (did you mean 'images/logo.svg'?)"]


def test_a_missing_logo_file_without_a_near_name(tiny):
    assert problems(tiny, "logo:\n  file: brand/mark.png\n  alt: Tiny Department\n", build=True) == [
        f"content/site.yaml:{FIRST_NEW_LINE + 1}: 'logo.file' is 'brand/mark.png', but there is no assets/brand/mark.png in the site folder"]


@pytest.mark.parametrize("file, data, kind", [("images/logo.png", b"GIF89a...", "a PNG"),
                                               ("images/logo.svg", b"\x89PNG\r\n\x1a\n....", "an SVG")])
def test_a_logo_file_must_be_what_its_name_says(tiny, file, data, kind):
    add_logo(tiny, file, data)
    assert problems(tiny, f"logo:\n  file: {file}\n  alt: Tiny Department\n", build=True) == [
        f"content/site.yaml:{FIRST_NEW_LINE + 1}: 'logo.file' is '{file}', but assets/{file} is not {kind} image"]


def test_a_misspelt_logo_setting_is_suggested(tiny):
    assert problems(tiny, "logo:\n  file: images/logo.svg\n  alt: Tiny Department\n  show_nme: true\n") == [
        f"content/site.yaml:{FIRST_NEW_LINE + 3}: unknown field 'logo.show_nme' (did you mean 'show_name'?); "
        "allowed fields: file, alt, show_name"]


# --- feed: false ----------------------------------------------------------------------------------------

def test_feed_false_leaves_out_the_feed_and_its_link_and_nothing_else(tiny):
    with_feed = build_site(tiny, write=None)
    without = build_site(with_settings(tiny, "feed: false\n"), write=None)
    assert "feed.xml" in with_feed and "feed.xml" not in without
    link = '<link rel="alternate" type="application/atom+xml"'
    pages = [name for name in without if name.endswith(".html")]
    assert all(link in with_feed[name].decode() for name in pages)
    assert not any(link in without[name].decode() or "feed.xml" in without[name].decode() for name in pages)
    assert without["sitemap.xml"] == with_feed["sitemap.xml"]
    assert without["robots.txt"] == with_feed["robots.txt"]


def test_feed_true_is_the_default(tiny):
    assert build_site(with_settings(tiny, "feed: true\n"), write=None).files == build_site(
        with_settings(tiny, ""), write=None).files


def test_every_brand_setting_is_in_the_schema_with_a_description():
    fields = {f.name: f for f in SITE_SCHEMA.fields}
    for name in ("brand_colour", "theme_colour", "logo", "feed"):
        assert fields[name].doc and not fields[name].required


@pytest.mark.parametrize("logo", ["  alt: Tiny Department\n", "  show_name: true\n"])
def test_the_check_finds_nothing_wrong_with_either_form_of_logo(tiny, logo):
    add_logo(tiny)
    assert check_project(with_settings(tiny, f'brand_colour: "#00703c"\nlogo:\n  file: images/logo.svg\n{logo}')).errors == ()
