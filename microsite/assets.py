"""Assets: Sass compiled with Dart Sass (cached by the hash of its inputs), GOV.UK Frontend's JS, images."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from pathlib import Path

from .config import SiteConfig
from .errors import BuildFailed, ContentError

FRONTEND = Path("node_modules/govuk-frontend")
SASS = Path("node_modules/sass")
SETUP_HINT = "run 'npm ci' in the project folder (the README's set-up command does this)"


def _sass_command(root: Path) -> list[str]:
    """Dart Sass, the JavaScript build from npm's sass package (never LibSass, which emits broken CSS)."""
    script = root / SASS / "sass.js"
    if not script.exists():
        raise BuildFailed([ContentError("package.json", 0, f"Dart Sass is not installed: {SETUP_HINT}")])
    return ["node", str(script)]


def css_inputs(root: Path, brand: str) -> list[Path]:
    """Every file that can change the compiled CSS: our Sass, and the versions of GOV.UK Frontend and Sass."""
    ours = sorted((root / "assets" / "scss").glob("*.scss"))
    return ours + [root / FRONTEND / "package.json", root / SASS / "package.json"]


def css_cache_key(root: Path, brand: str) -> str:
    """A hash of the CSS inputs and the brand: same key, same CSS."""
    digest = hashlib.sha256(brand.encode())
    for file in css_inputs(root, brand):
        digest.update(file.relative_to(root).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() if file.exists() else b"missing")
    return digest.hexdigest()[:20]


def _sass_error(stderr: str, root: Path) -> ContentError:
    message = next((line.strip() for line in stderr.splitlines() if line.strip()), "Sass failed")
    message = message.removeprefix("Error: ")
    where = re.search(r"^\s*(\S+\.scss) (\d+):\d+", stderr, re.M)
    path, line = (where.group(1), int(where.group(2))) if where else ("assets/scss", 0)
    return ContentError(path, line, f"Sass error: {message}")


def compile_css(root: Path, brand: str, cache_dir: Path) -> bytes:
    """Compile the brand's Sass entry with Dart Sass, or return the cached CSS for the same inputs."""
    if not (root / FRONTEND / "package.json").exists():
        raise BuildFailed([ContentError("package.json", 0, f"GOV.UK Frontend is not installed: {SETUP_HINT}")])
    cached = cache_dir / f"{brand}-{css_cache_key(root, brand)}.css"
    if cached.exists():
        return cached.read_bytes()
    entry = root / "assets" / "scss" / f"brand-{brand}.scss"
    command = _sass_command(root) + [
        f"--load-path={FRONTEND / 'dist'}", "--style=compressed", "--no-source-map", "--quiet-deps",
        entry.relative_to(root).as_posix(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, cwd=root)
    if result.returncode != 0:
        raise BuildFailed([_sass_error(result.stderr, root)])
    css = result.stdout.encode("utf-8")
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(css)
    os.replace(partial, cached)
    return css


def _manifest(config: SiteConfig) -> bytes:
    icons = [
        {"src": "images/favicon.ico", "type": "image/x-icon", "sizes": "48x48"},
        {"src": "images/favicon.svg", "type": "image/svg+xml", "sizes": "any", "purpose": "any"},
        *({"src": f"images/app-icon-{size}.png", "type": "image/png", "sizes": f"{size}x{size}", "purpose": "any"} for size in (180, 192, 512)),
    ]
    manifest = {"name": config.name, "short_name": config.name, "icons": icons, "theme_color": config.theme_colour}
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _files_under(folder: Path, prefix: str) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {f"{prefix}/{f.relative_to(folder).as_posix()}": f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file()}


def build_assets(root: Path, config: SiteConfig, cache_dir: Path) -> tuple[dict[str, bytes], str]:
    """Every asset file of the site, keyed by output path, and the stylesheet's fingerprinted name."""
    css = compile_css(root, config.brand, cache_dir)
    stylesheet = f"app-{hashlib.sha256(css).hexdigest()[:10]}.css"
    files = {f"assets/css/{stylesheet}": css}
    files["assets/js/govuk-frontend.min.js"] = (root / FRONTEND / "dist/govuk/govuk-frontend.min.js").read_bytes()
    files.update(_files_under(root / "assets" / "js", "assets/js"))
    if config.brand == "govuk":
        frontend_assets = root / FRONTEND / "dist/govuk/assets"
        files.update(_files_under(frontend_assets / "images", "assets/images"))
        files.update(_files_under(frontend_assets / "fonts", "assets/fonts"))
        files["assets/manifest.json"] = (frontend_assets / "manifest.json").read_bytes()
    else:
        files.update(_files_under(root / "assets" / "images", "assets/images"))
        files["assets/manifest.json"] = _manifest(config)
    return files, stylesheet
