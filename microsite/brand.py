"""The site's brand from site.yaml: its colour (checked for contrast), its logo, and the CSS they add.

The stylesheet is never compiled again for a brand: the colour is GOV.UK Frontend's
``--govuk-brand-colour`` custom property, set in a small rule appended to the stylesheet's bytes, so
the fingerprinted file changes with it and an installed engine needs no Node. A site without
``brand_colour`` or ``logo`` gets no extra rule, so its CSS is the engine's, byte for byte.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import ContentError, Problem, did_you_mean
from .schema import Boolean, Field, FieldType, Record, Text

WHITE = "#ffffff"
# WCAG 2.2 AA (1.4.3) for the header's white text, which is normal-sized: at least 4.5:1, not rounded.
MINIMUM_CONTRAST = 4.5
DEFAULT_BRAND_COLOUR = "#0b0c0c"
LOGO_TYPES = {".svg": "an SVG", ".png": "a PNG"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

# The header follows the custom property; the other brand-coloured parts (the cards' and quotes'
# borders) already read it in GOV.UK Frontend's and our compiled CSS.
COLOUR_CSS = ":root{{--govuk-brand-colour:{colour}}}\n" \
             ".govuk-generic-header{{background-color:var(--govuk-brand-colour)}}\n"
# The logo is as tall as the header's 30px text; a class, never a style attribute (the page's CSP).
LOGO_CSS = (".app-header-logo{height:30px;width:auto;max-width:100%}\n"
            ".app-header-logo--with-name{margin-right:10px}\n")


@dataclass(frozen=True)
class Colour(FieldType):
    """A colour written #rgb or #rrggbb, given back as lower-case #rrggbb."""

    label = "a colour written #rgb or #rrggbb"

    def check(self, value, line, name):
        """'#00703C' -> '#00703c', '#fff' -> '#ffffff'; anything else is a problem."""
        if not isinstance(value, str):
            return self._wrong(value, line, name)
        text = value.strip()
        if not _HEX.match(text):
            return None, [Problem(line, f"'{name}' is '{text}', which is not a colour: write it as "
                                  "#rgb or #rrggbb, like \"#00703c\"")]
        digits = text[1:].lower()
        return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits)), []

    def json(self):
        """A string matching #rgb or #rrggbb."""
        return {"type": "string", "pattern": _HEX.pattern}


LOGO_SCHEMA = Record(fields=(
    Field("file", Text(max_length=200),
          doc="the logo's file inside the site's assets/ folder, an SVG or a PNG, "
              "such as images/logo.svg"),
    Field("alt", Text(max_length=120), required=False,
          doc="the words the logo shows, read out instead of the image; "
              "required unless show_name is true"),
    Field("show_name", Boolean(), required=False,
          doc="true to show the organisation's name beside the logo (the logo is then "
              "decorative); default false: the logo stands for the name"),
))


@dataclass(frozen=True)
class Logo:
    """The header's logo: its path inside assets/, its alt text ('' when decorative), and the name."""

    file: str
    alt: str
    show_name: bool


def relative_luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of a #rrggbb colour, from 0 (black) to 1 (white)."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG's contrast ratio of two #rrggbb colours, from 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def enough_contrast(ratio: float) -> bool:
    """Whether a ratio meets WCAG 2.2 AA for normal text: 4.5:1 exactly passes, 4.49:1 fails."""
    return ratio >= MINIMUM_CONTRAST


def shown_ratio(ratio: float) -> str:
    """The ratio as people write it, rounded down so a failing ratio never reads as 4.5: '4.48:1'."""
    return f"{math.floor(ratio * 100) / 100:.2f}".rstrip("0").rstrip(".") + ":1"


def colour_problem(name: str, colour: str) -> str | None:
    """Why white header text cannot sit on this colour, or None when it can."""
    ratio = contrast_ratio(WHITE, colour)
    if enough_contrast(ratio):
        return None
    return (f"'{name}' is {colour}, and white text on it has a contrast ratio of {shown_ratio(ratio)}; "
            f"header text needs at least 4.5:1 (WCAG 2.2 AA): choose a darker colour")


def logo_path_problem(file: str) -> str | None:
    """Why a logo path cannot be used (outside assets/, or not SVG or PNG), or None when it can."""
    path = PurePosixPath(file)
    if "\\" in file or path.is_absolute() or ".." in path.parts:
        return (f"'logo.file' is '{file}', which is outside the site's assets/ folder: "
                "give its path inside assets/, like images/logo.svg")
    if path.suffix.lower() not in LOGO_TYPES:
        return (f"'logo.file' is '{file}'; a logo must be an SVG or a PNG file "
                "(its name ending .svg or .png)")
    return None


def logo_alt_problem(values: dict) -> str | None:
    """Whether alt text is given exactly when it must be: for a logo that stands for the name."""
    if values["show_name"] and values["alt"]:
        return ("'logo.alt' must be left out when 'logo.show_name' is true: the organisation's name "
                "is shown beside the logo as text, so the logo is decorative (alt=\"\")")
    if not values["show_name"] and not values["alt"]:
        return ("'logo.alt' is required unless 'logo.show_name' is true: write the words the logo "
                "shows, usually the organisation's name")
    return None


def brand_errors(values: dict, data, path: str) -> list[ContentError]:
    """The brand settings' problems that need more than one setting, or what YAML did to them."""
    problems = _unquoted_colours(data) + _colour_problems(values, data.lines)
    if values["logo"]:
        problems += _logo_problems(values["logo"], getattr(data.get("logo"), "lines", {}),
                                   data.lines.get("logo", 1))
    return [problem.at(path) for problem in problems]


def _unquoted_colours(data) -> list[Problem]:
    """``brand_colour: #00703c`` without quotes is a YAML comment, so the setting has no value."""
    return [Problem(data.lines.get(key, 1),
                    f"'{key}' has no value: put the colour in quotes, like {key}: \"#00703c\" "
                    "(without them, YAML reads # as the start of a comment)")
            for key in ("brand_colour", "theme_colour") if key in data and data[key] is None]


def _colour_problems(values: dict, lines) -> list[Problem]:
    """Too little contrast for the header's text, and brand settings on the GOV.UK brand."""
    problems = []
    if values["brand_colour"] and (problem := colour_problem("brand_colour", values["brand_colour"])):
        problems.append(Problem(lines.get("brand_colour", 1), problem))
    for key in ("brand_colour", "logo"):
        if values[key] and values["brand"] == "govuk":
            problems.append(Problem(lines.get(key, 1), f"'{key}' is only for 'brand: generic': a site "
                                    "on gov.uk uses GOV.UK's own header and colours"))
    return problems


def _logo_problems(logo: dict, lines, line: int) -> list[Problem]:
    """The logo's path and alt text."""
    problems = []
    if logo["file"] and (problem := logo_path_problem(logo["file"])):
        problems.append(Problem(lines.get("file", line), problem))
    if problem := logo_alt_problem(logo):
        problems.append(Problem(lines.get("alt", line), problem))
    return problems


def make_logo(values: dict | None) -> Logo | None:
    """The checked logo setting as a Logo, or None when there is none."""
    if not values:
        return None
    return Logo(file=values["file"], alt=values["alt"] or "", show_name=bool(values["show_name"]))


def brand_lines(data) -> dict[str, int]:
    """Lines of the nested logo settings ('logo.file'), for messages raised after the model stage."""
    logo = data.get("logo")
    return {f"logo.{key}": line for key, line in getattr(logo, "lines", {}).items()}


def brand_css(config) -> bytes:
    """The rules appended to the stylesheet for this site's brand; empty when it sets none."""
    css = COLOUR_CSS.format(colour=config.brand_colour) if config.brand_colour else ""
    return (css + (LOGO_CSS if config.logo else "")).encode("utf-8")


def logo_file_errors(root: Path, config) -> list[ContentError]:
    """The logo's file must be in the site's assets/ folder and be the kind its name says."""
    logo = config.logo
    if logo is None:
        return []
    assets, line = root / "assets", config.line("logo.file")
    file = assets / logo.file
    if not file.is_file():
        near = [p.relative_to(assets).as_posix() for p in sorted(assets.rglob("*"))
                if p.suffix.lower() in LOGO_TYPES] if assets.is_dir() else []
        return [ContentError(config.path, line, f"'logo.file' is '{logo.file}', but there is no "
                             f"assets/{logo.file} in the site folder{did_you_mean(logo.file, near)}")]
    kind = PurePosixPath(logo.file).suffix.lower()
    data = file.read_bytes()
    is_kind = data.startswith(PNG_SIGNATURE) if kind == ".png" else b"<svg" in data
    if not is_kind:
        return [ContentError(config.path, line, f"'logo.file' is '{logo.file}', but "
                             f"assets/{logo.file} is not {LOGO_TYPES[kind]} image")]
    return []
