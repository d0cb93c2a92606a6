"""The brand's icons and sharing image, drawn at build time from the brand colour and a mark.

The mark is the site's logo when it is a PNG, and otherwise the organisation's initials in white:
an SVG logo cannot be drawn into a PNG without a browser or a native library, and the build needs
neither. The files are favicon.svg, favicon.ico (16, 32 and 48 pixels), the app icons (180, 192 and
512 pixels) and the 1200 x 630 sharing image. Pillow draws them; the same inputs give the same bytes.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

ICON_SIZES = (180, 192, 512)
ICO_SIZES = (16, 32, 48)
SHARING_SIZE = (1200, 630)
WHITE = (255, 255, 255)
FONT_FAMILY = "'Helvetica Neue', Helvetica, Arial, sans-serif"
# Words left out of initials, as people say "DfE" or "MHCLG" without the small words.
SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "&"}
MAX_INITIALS = 3
# The sharing image's layout, in pixels: its margin, the mark's height, the title's sizes, largest first.
MARGIN, MARK_HEIGHT, TITLE_SIZES = 96, 160, (72, 60, 48)


@dataclass(frozen=True)
class Mark:
    """What the images show: the brand colour, the initials, a PNG logo's bytes, the site's names."""

    colour: str
    initials: str
    logo_png: bytes | None
    name: str
    organisation: str


def initials(organisation: str) -> str:
    """'Northshire County Council' -> 'NCC'; small words are skipped, three letters at most."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", organisation) if w.lower() not in SMALL_WORDS]
    return "".join(word[0].upper() for word in words[:MAX_INITIALS]) or organisation[:1].upper()


def brand_images(mark: Mark) -> dict[str, bytes]:
    """Every image by its name in assets/images/."""
    images = {"favicon.svg": favicon_svg(mark), "favicon.ico": favicon_ico(mark)}
    for size in ICON_SIZES:
        images[f"app-icon-{size}.png"] = _png(_icon(mark, size))
    images["app-opengraph-image.png"] = _png(_sharing_image(mark))
    return images


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=9)
    return out.getvalue()


def _font(size: int):
    # Pillow's own font (Aileron, public domain), so the images are the same on every machine.
    from PIL import ImageFont

    return ImageFont.load_default(size)


def _initials_into(draw, box: tuple[int, int, int, int], text: str) -> None:
    """Draw the initials in white, bold by a stroke, as large as fits in box, centred."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    size = int(height * 0.62)
    while size > 6:
        font, stroke = _font(size), max(1, size // 16)
        x0, y0, x1, y1 = draw.textbbox((0, 0), text, font=font, stroke_width=stroke, anchor="mm")
        if x1 - x0 <= width * 0.8 and y1 - y0 <= height * 0.8:
            break
        size -= max(1, size // 20)
    centre = ((left + right) / 2, (top + bottom) / 2)
    draw.text(centre, text, font=font, fill=WHITE, anchor="mm", stroke_width=stroke, stroke_fill=WHITE)


def _logo_image(png: bytes, width: int, height: int):
    """The PNG logo scaled to fit width x height, keeping its shape."""
    from PIL import Image

    logo = Image.open(io.BytesIO(png)).convert("RGBA")
    scale = min(width / logo.width, height / logo.height)
    size = (max(1, round(logo.width * scale)), max(1, round(logo.height * scale)))
    return logo.resize(size, Image.Resampling.LANCZOS)


def _mark_into(image, mark: Mark, box: tuple[int, int, int, int]) -> None:
    """The logo, centred in box with a margin, or the initials."""
    from PIL import ImageDraw

    left, top, right, bottom = box
    if mark.logo_png is None:
        _initials_into(ImageDraw.Draw(image), box, mark.initials)
        return
    logo = _logo_image(mark.logo_png, int((right - left) * 0.8), int((bottom - top) * 0.8))
    x = left + (right - left - logo.width) // 2
    y = top + (bottom - top - logo.height) // 2
    image.alpha_composite(logo, (x, y))


def _icon(mark: Mark, size: int):
    """A square icon: the mark on the brand colour."""
    from PIL import Image

    image = Image.new("RGBA", (size, size), _rgb(mark.colour) + (255,))
    _mark_into(image, mark, (0, 0, size, size))
    return image.convert("RGB")


def favicon_ico(mark: Mark) -> bytes:
    """favicon.ico with 16, 32 and 48 pixel icons (PNG inside, as browsers read)."""
    out = io.BytesIO()
    _icon(mark, max(ICO_SIZES)).save(out, "ICO", sizes=[(s, s) for s in ICO_SIZES])
    return out.getvalue()


def favicon_svg(mark: Mark) -> bytes:
    """favicon.svg: the initials as text, or the PNG logo (at 64 pixels) inside, on the brand colour."""
    if mark.logo_png is None:
        size = {1: 20, 2: 15}.get(len(mark.initials), 11)
        inner = (f'<text x="16" y="16" dominant-baseline="central" text-anchor="middle" '
                 f'font-family="{FONT_FAMILY}" font-weight="700" font-size="{size}" '
                 f'fill="#ffffff">{escape(mark.initials)}</text>')
    else:
        logo = _logo_image(mark.logo_png, 64, 64)
        data = base64.b64encode(_png(logo)).decode("ascii")
        inner = (f'<image x="3" y="3" width="26" height="26" preserveAspectRatio="xMidYMid meet" '
                 f'href={quoteattr("data:image/png;base64," + data)}/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">'
            f'<rect width="32" height="32" rx="4" fill="{mark.colour}"/>{inner}</svg>\n').encode("utf-8")


def _wrapped(draw, text: str, font, width: int) -> list[str]:
    """The words of text in lines no wider than width."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _title_lines(draw, text: str, width: int) -> tuple[object, int, list[str]]:
    """The site's name in at most three lines: its font, line height and lines, smaller when long."""
    for size in TITLE_SIZES:
        font = _font(size)
        lines = _wrapped(draw, text, font, width)
        if len(lines) <= 3:
            break
    return font, round(size * 1.2), lines


def _sharing_image(mark: Mark):
    """1200 x 630: the mark, the site's name, and the organisation, on the brand colour."""
    from PIL import Image, ImageDraw

    width, height = SHARING_SIZE
    image = Image.new("RGBA", SHARING_SIZE, _rgb(mark.colour) + (255,))
    draw = ImageDraw.Draw(image)
    text_width, small = width - 2 * MARGIN, _font(36)
    font, line_height, title = _title_lines(draw, mark.name, text_width)
    organisation = _wrapped(draw, mark.organisation, small, text_width)
    top = (height - MARK_HEIGHT - 40 - line_height * len(title) - 24 - 44 * len(organisation)) // 2
    if mark.logo_png is None:
        box = (MARGIN, top, MARGIN + MARK_HEIGHT, top + MARK_HEIGHT)
        draw.rounded_rectangle(box, radius=16, outline=WHITE, width=6)
        _initials_into(draw, box, mark.initials)
    else:
        logo = _logo_image(mark.logo_png, text_width, MARK_HEIGHT)
        image.alpha_composite(logo, (MARGIN, top + (MARK_HEIGHT - logo.height) // 2))
    y = top + MARK_HEIGHT + 40
    for line in title:
        draw.text((MARGIN, y), line, font=font, fill=WHITE, stroke_width=2, stroke_fill=WHITE)
        y += line_height
    for line in organisation:
        draw.text((MARGIN, y + 24), line, font=small, fill=WHITE)
        y += 44
    return image.convert("RGB")
