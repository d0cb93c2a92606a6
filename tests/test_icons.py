"""The icons and sharing image drawn for a brand colour or logo: valid files of the right sizes, the same
bytes every time, changed by the colour, and never in place of a site's own files."""

import dataclasses
import io
import struct
import textwrap

import pytest
from conftest import TINY, write_tiny

from microsite import assets, icons
from microsite.icons import Mark, brand_images, initials
from microsite.pipeline import build_site

SITE = textwrap.dedent(TINY["site.yaml"])
IMAGES = ["app-icon-180.png", "app-icon-192.png", "app-icon-512.png", "app-opengraph-image.png", "favicon.ico",
          "favicon.svg"]
PNG_SIZES = {"app-icon-180.png": (180, 180), "app-icon-192.png": (192, 192), "app-icon-512.png": (512, 512),
             "app-opengraph-image.png": (1200, 630)}


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its signature and IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def ico_entries(data: bytes) -> list[tuple[int, int, bytes]]:
    """(width, height, image bytes) of each icon in an ICO file."""
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    entries = []
    for index in range(count):
        width, height, _, _, _, _, size, offset = struct.unpack("<BBBBHHII", data[6 + 16 * index:22 + 16 * index])
        entries.append((width or 256, height or 256, data[offset:offset + size]))
    return entries


def branded(project, extra: str):
    write_tiny(project.root, {"site.yaml": SITE + textwrap.dedent(extra)})
    return project


def images_of(files) -> dict[str, bytes]:
    return {name.removeprefix("assets/images/"): data for name, data in files.items()
            if name.startswith("assets/images/")}


@pytest.fixture
def css_stub(monkeypatch):
    """A stylesheet without Dart Sass, for tests that give the project an empty cache folder."""
    monkeypatch.setattr(assets, "compile_css", lambda project, brand: b"/* css */\n")


def png_logo(width=120, height=40) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (width, height), (255, 255, 255, 255)).save(out, "PNG")
    return out.getvalue()


MARK = Mark("#00703c", "TD", None, "Tiny strategy", "Tiny Department")


@pytest.mark.parametrize("organisation, expected", [
    ("Northshire County Council", "NCC"),
    ("Department for Example Services", "DES"),
    ("Ministry of Housing, Communities and Local Government", "MHC"),
    ("The Office of the Fictional Regulator", "OFR"),
    ("Tiny Department", "TD"),
    ("Cyngor Sir Ynys Môn", "CSY"),
    ("123", "1"),
])
def test_initials(organisation, expected):
    assert initials(organisation) == expected


def test_every_image_is_a_valid_file_of_its_size():
    images = brand_images(MARK)
    assert sorted(images) == IMAGES
    for name, size in PNG_SIZES.items():
        assert png_size(images[name]) == size, name
    entries = ico_entries(images["favicon.ico"])
    assert [(w, h) for w, h, _ in entries] == [(16, 16), (32, 32), (48, 48)]
    assert all(png_size(image) == (w, h) for w, h, image in entries)


def test_the_svg_favicon_is_the_initials_on_the_brand_colour():
    assert brand_images(MARK)["favicon.svg"] == (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">'
        b'<rect width="32" height="32" rx="4" fill="#00703c"/>'
        b'<text x="16" y="16" dominant-baseline="central" text-anchor="middle" '
        b"font-family=\"'Helvetica Neue', Helvetica, Arial, sans-serif\" font-weight=\"700\" font-size=\"15\" "
        b'fill="#ffffff">TD</text></svg>\n')


def test_initials_are_escaped_in_the_svg():
    svg = brand_images(dataclasses.replace(MARK, initials="A&B"))["favicon.svg"]
    assert b">A&amp;B</text>" in svg


def test_the_images_are_the_same_bytes_every_time():
    assert brand_images(MARK) == brand_images(dataclasses.replace(MARK))


def test_the_pixels_are_the_brand_colour():
    from PIL import Image

    for colour, rgb in (("#00703c", (0, 112, 60)), ("#4c2c92", (76, 44, 146))):
        icon = Image.open(io.BytesIO(brand_images(dataclasses.replace(MARK, colour=colour))["app-icon-192.png"]))
        assert icon.convert("RGB").getpixel((2, 2)) == rgb


def test_every_image_changes_with_the_colour():
    green, purple = brand_images(MARK), brand_images(dataclasses.replace(MARK, colour="#4c2c92"))
    assert all(green[name] != purple[name] for name in IMAGES)


def test_a_png_logo_is_the_mark_in_every_image():
    with_logo = brand_images(dataclasses.replace(MARK, logo_png=png_logo()))
    plain = brand_images(MARK)
    assert all(with_logo[name] != plain[name] for name in IMAGES)
    assert b'href="data:image/png;base64,' in with_logo["favicon.svg"] and b"<text" not in with_logo["favicon.svg"]
    for name, size in PNG_SIZES.items():
        assert png_size(with_logo[name]) == size


def test_a_brand_colour_draws_every_image_and_builds_are_reproducible(tiny, tmp_path, css_stub):
    plain = images_of(build_site(tiny, write=None))
    first = images_of(build_site(branded(dataclasses.replace(tiny, cache=tmp_path / "one"), 'brand_colour: "#00703c"\n'),
                                 write=None))
    second = images_of(build_site(dataclasses.replace(tiny, cache=tmp_path / "two"), write=None))
    assert first == second
    assert sorted(first) == IMAGES
    assert all(first[name] != plain[name] for name in IMAGES)
    assert first == brand_images(Mark("#00703c", "TD", None, "Tiny strategy", "Tiny Department"))


def test_without_brand_settings_the_images_are_the_engines_own(tiny):
    from conftest import ROOT

    assert images_of(build_site(tiny, write=None)) == {
        name: (ROOT / "assets" / "images" / name).read_bytes() for name in IMAGES}


def test_a_sites_own_images_win(tiny):
    own = tiny.root / "assets" / "images"
    (own / "favicon.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'>our own</svg>\n")
    (own / "app-icon-180.png").write_bytes(png_logo(180, 180))
    files = images_of(build_site(branded(tiny, 'brand_colour: "#00703c"\n'), write=None))
    drawn = brand_images(Mark("#00703c", "TD", None, "Tiny strategy", "Tiny Department"))
    assert files["favicon.svg"] == b"<svg xmlns='http://www.w3.org/2000/svg'>our own</svg>\n"
    assert files["app-icon-180.png"] == png_logo(180, 180)
    assert all(files[name] == drawn[name] for name in IMAGES if name not in ("favicon.svg", "app-icon-180.png"))


def test_a_png_logo_in_the_header_is_the_mark_of_the_drawn_images(tiny):
    (tiny.root / "assets" / "images" / "logo.png").write_bytes(png_logo())
    files = images_of(build_site(branded(tiny, "logo:\n  file: images/logo.png\n  alt: Tiny Department\n"), write=None))
    assert files["app-icon-512.png"] == brand_images(Mark("#0b0c0c", "TD", png_logo(), "Tiny strategy",
                                                          "Tiny Department"))["app-icon-512.png"]


def test_drawn_images_are_cached_by_their_inputs(tiny, tmp_path, monkeypatch, css_stub):
    project = branded(dataclasses.replace(tiny, cache=tmp_path / "cache"), 'brand_colour: "#00703c"\n')
    first = build_site(project, write=None)
    monkeypatch.setattr(icons, "brand_images", lambda mark: pytest.fail("drew the images again"))
    assert build_site(project, write=None).files == first.files
    branded(project, 'brand_colour: "#4c2c92"\n')
    with pytest.raises(pytest.fail.Exception):
        build_site(project, write=None)
    assert len(list((tmp_path / "cache" / "images").iterdir())) == 1
