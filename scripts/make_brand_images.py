"""Make the generic brand's PNG icons, favicon.ico and sharing image from assets/images/favicon.svg.

Run by hand when the mark changes (needs Debian's chromium): python scripts/make_brand_images.py
The results are committed, so builds never need a browser.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "assets" / "images"


def screenshot(html: str, width: int, height: int, out: Path) -> None:
    """Render a small HTML document to a PNG of exactly width x height with headless Chromium."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run([
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--disable-background-networking", "--no-first-run", f"--user-data-dir={tmp}/profile",
            f"--window-size={width},{height}", f"--screenshot={out}", page.as_uri(),
        ], check=True, capture_output=True)


def icon_html(size: int) -> str:
    """A page showing the mark at size x size pixels on the brand's dark background."""
    svg = (IMAGES / "favicon.svg").read_text(encoding="utf-8").replace(
        'width="32" height="32"', f'width="{size}" height="{size}"')
    return f"<!doctype html><html><body style='margin:0;background:#0b0c0c'>{svg}</body></html>"


def sharing_html(title: str) -> str:
    """The 1200 x 630 sharing image as a page: the mark, then the title."""
    return (
        "<!doctype html><html><body style='margin:0;width:1200px;height:630px;background:#0b0c0c;"
        "color:#fff;font-family:Helvetica,Arial,sans-serif;display:flex;flex-direction:column;"
        "justify-content:center;padding:0 96px;box-sizing:border-box'>"
        f"{icon_html(120).split('<body')[1].split('>', 1)[1].split('</body>')[0]}"
        f"<p style='font-size:72px;font-weight:700;margin:48px 0 0'>{title}</p></body></html>"
    )


def write_ico(png: Path, out: Path, size: int = 48) -> None:
    """Wrap a PNG in an ICO container (browsers read PNG-in-ICO)."""
    data = png.read_bytes()
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(data), 6 + 16)
    out.write_bytes(header + entry + data)


def main() -> int:
    """Write the icons, favicon.ico and the sharing image (titled by the first argument)."""
    for size in (180, 192, 512):
        screenshot(icon_html(size), size, size, IMAGES / f"app-icon-{size}.png")
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "48.png"
        screenshot(icon_html(48), 48, 48, small)
        write_ico(small, IMAGES / "favicon.ico")
    title = sys.argv[1] if len(sys.argv) > 1 else "Digital strategy"
    screenshot(sharing_html(title), 1200, 630, IMAGES / "app-opengraph-image.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
