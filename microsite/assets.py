"""Assets: the stylesheet, GOV.UK Frontend's JavaScript, fonts and images, and the site's own files.

The stylesheet is the engine's precompiled CSS, or Sass compiled with Dart Sass and cached by the
hash of its inputs; the site's own files are its images and scripts.

Which stylesheet a site gets:
- a site with its own ``assets/scss/brand-<brand>.scss`` has it compiled with Dart Sass (the site's
  own ``node_modules``, from its ``package.json``), with the engine's Sass and GOV.UK Frontend's on
  the load path;
- otherwise an installed engine uses the CSS compiled when its wheel was built: no Node at all;
- in a checkout of the engine, the engine's Sass is compiled with the checkout's Dart Sass.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import icons
from .brand import DEFAULT_BRAND_COLOUR, brand_css, logo_file_errors
from .config import SiteConfig
from .errors import BuildFailed, ContentError

SETUP_HINT = "run 'npm ci' in the project folder (the README's set-up command does this)"
OWN_SASS_HINT = ("add a package.json with the npm packages 'sass' and 'govuk-frontend' to the site "
                 "folder and run 'npm ci' there (see 'Your own styles (Sass)' in docs/adopt.md), "
                 "or remove the site's own Sass")


@dataclass(frozen=True)
class SassJob:
    """One compilation: entry file, folders Sass looks in, Dart Sass, where paths are shown from."""

    entry: Path
    load_paths: tuple[Path, ...]
    sass: Path | None
    cwd: Path
    own: bool          # the site's own Sass (so a missing Dart Sass is the site's set-up to fix)


def _entry_name(brand: str) -> str:
    return f"brand-{brand}.scss"


def _site_modules(project) -> Path:
    return project.root / "node_modules"


def sass_job(project, brand: str) -> SassJob | None:
    """What to compile for this site and brand, or None when the installed engine's CSS is used."""
    engine, own = project.engine, project.root / "assets" / "scss"
    engine_scss = engine.assets / "scss"
    site_has_own = (own / _entry_name(brand)).is_file() and own.resolve() != engine_scss.resolve()
    if not site_has_own and engine.css is not None:
        return None
    modules = [m for m in (_site_modules(project), engine.node_modules) if m is not None]
    sass = next((m / "sass" / "sass.js" for m in modules if (m / "sass" / "sass.js").is_file()),
                None)
    frontend = next((m / "govuk-frontend" / "dist" for m in modules
                     if (m / "govuk-frontend" / "package.json").is_file()), engine.frontend)
    if site_has_own:
        return SassJob(own / _entry_name(brand), (own, engine_scss, frontend), sass, project.root,
                       True)
    return SassJob(engine_scss / _entry_name(brand), (engine_scss, frontend), sass,
                   engine.assets.parent, False)


def css_inputs(job: SassJob) -> list[Path]:
    """Every file that can change the compiled CSS.

    That is the Sass on the load path, and the versions of GOV.UK Frontend and Dart Sass.
    """
    ours = [file for folder in job.load_paths[:-1] for file in sorted(folder.glob("*.scss"))]
    versions = [job.load_paths[-1].parent / "package.json"]
    if job.sass is not None:
        versions.append(job.sass.parent / "package.json")
    return ours + versions


def css_cache_key(project, brand: str) -> str:
    """A hash of the CSS inputs and the brand: same key, same CSS."""
    job = sass_job(project, brand)
    digest = hashlib.sha256(brand.encode())
    for file in css_inputs(job) if job else [project.engine.css / f"brand-{brand}.css"]:
        digest.update(file.name.encode() + b"\0")
        digest.update(file.read_bytes() if file.exists() else b"missing")
    return digest.hexdigest()[:20]


def _sass_error(stderr: str) -> ContentError:
    message = next((line.strip() for line in stderr.splitlines() if line.strip()), "Sass failed")
    message = message.removeprefix("Error: ")
    where = re.search(r"^\s*(\S+\.scss) (\d+):\d+", stderr, re.M)
    path, line = (where.group(1), int(where.group(2))) if where else ("assets/scss", 0)
    return ContentError(path, line, f"Sass error: {message}")


def _missing(job: SassJob, what: str) -> BuildFailed:
    if job.own:
        shown = job.entry.relative_to(job.cwd).as_posix()
        return BuildFailed([ContentError(
            shown, 0, f"this site has its own Sass, which needs {what}: {OWN_SASS_HINT}")])
    return BuildFailed([ContentError("package.json", 0, f"{what} is not installed: {SETUP_HINT}")])


def _run_sass(job: SassJob) -> bytes:
    if not (job.load_paths[-1].parent / "package.json").is_file():
        raise _missing(job, "GOV.UK Frontend")
    if job.sass is None:
        raise _missing(job, "Dart Sass")
    command = ["node", str(job.sass),
               *(f"--load-path={os.path.relpath(p, job.cwd)}" for p in job.load_paths),
               "--style=compressed", "--no-source-map", "--quiet-deps",
               os.path.relpath(job.entry, job.cwd)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, cwd=job.cwd)
    except FileNotFoundError:
        raise _missing(job, "Node.js") from None
    if result.returncode != 0:
        raise BuildFailed([_sass_error(result.stderr)])
    return result.stdout.encode("utf-8")


def compile_css(project, brand: str) -> bytes:
    """The brand's CSS: the installed engine's, or compiled by Dart Sass (cached by input hash)."""
    job = sass_job(project, brand)
    if job is None:
        return (project.engine.css / f"brand-{brand}.css").read_bytes()
    cached = project.cache / f"{brand}-{css_cache_key(project, brand)}.css"
    if cached.exists():
        return cached.read_bytes()
    css = _run_sass(job)
    project.cache.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(css)
    os.replace(partial, cached)
    return css


def _manifest(config: SiteConfig) -> bytes:
    icons = [
        {"src": "images/favicon.ico", "type": "image/x-icon", "sizes": "48x48"},
        {"src": "images/favicon.svg", "type": "image/svg+xml", "sizes": "any", "purpose": "any"},
        *({"src": f"images/app-icon-{size}.png", "type": "image/png", "sizes": f"{size}x{size}",
           "purpose": "any"} for size in (180, 192, 512)),
    ]
    manifest = {"name": config.name, "short_name": config.name, "icons": icons,
                "theme_color": config.theme_colour}
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _files_under(folder: Path, prefix: str) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {f"{prefix}/{f.relative_to(folder).as_posix()}": f.read_bytes()
            for f in sorted(folder.rglob("*")) if f.is_file()}


def _layered(project, folder: str) -> dict[str, bytes]:
    """The engine's files in assets/<folder>/, with the site's files of the same name instead."""
    engine = _files_under(project.engine.assets / folder, f"assets/{folder}")
    return {**engine, **_files_under(project.root / "assets" / folder, f"assets/{folder}")}


def _mark(project, config: SiteConfig) -> icons.Mark:
    """What the drawn images show: the brand colour, and the logo if it is a PNG, else the initials."""
    logo = config.logo
    png = ((project.root / "assets" / logo.file).read_bytes()
           if logo and logo.file.lower().endswith(".png") else None)
    return icons.Mark(config.brand_colour or DEFAULT_BRAND_COLOUR, icons.initials(config.organisation),
                      png, config.name, config.organisation)


def _mark_key(mark: icons.Mark) -> str:
    """A hash of everything the drawn images are made from, the drawing code and Pillow included."""
    import PIL

    digest = hashlib.sha256(Path(icons.__file__).read_bytes() + PIL.__version__.encode())
    for part in (mark.colour, mark.initials, mark.name, mark.organisation):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(mark.logo_png or b"")
    return digest.hexdigest()[:20]


def drawn_images(project, config: SiteConfig) -> dict[str, bytes]:
    """The icons and sharing image drawn for the brand, by name; cached in the CSS cache by their inputs.

    Drawing takes about a tenth of a second, too long for each save in the preview.
    """
    mark = _mark(project, config)
    cached = project.cache / "images" / _mark_key(mark)
    if cached.is_dir():
        return {file.name: file.read_bytes() for file in sorted(cached.iterdir())}
    images = icons.brand_images(mark)
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
    partial.mkdir(parents=True, exist_ok=True)
    for name, data in images.items():
        (partial / name).write_bytes(data)
    try:
        os.replace(partial, cached)
    except OSError:  # another build cached the same images first
        shutil.rmtree(partial, ignore_errors=True)
    return images


def _generic_images(project, config: SiteConfig) -> dict[str, bytes]:
    """The engine's images, then those drawn for a brand colour or logo, then the site's own.

    A site file identical to the engine's is a copy, not the site's own, so drawn images replace it.
    """
    engine = _files_under(project.engine.assets / "images", "assets/images")
    site = _files_under(project.root / "assets" / "images", "assets/images")
    own = {name: data for name, data in site.items() if engine.get(name) != data}
    drawn = {}
    if config.brand_colour or config.logo:
        drawn = {f"assets/images/{name}": data for name, data in drawn_images(project, config).items()}
    return {**engine, **drawn, **own}


def build_assets(project, config: SiteConfig) -> tuple[dict[str, bytes], str]:
    """Every asset file of the site by output path, and the stylesheet's fingerprinted name."""
    if errors := logo_file_errors(project.root, config):
        raise BuildFailed(errors)
    css = compile_css(project, config.brand) + brand_css(config)
    stylesheet = f"app-{hashlib.sha256(css).hexdigest()[:10]}.css"
    frontend = project.engine.frontend / "govuk"
    files = {f"assets/css/{stylesheet}": css}
    files["assets/js/govuk-frontend.min.js"] = (frontend / "govuk-frontend.min.js").read_bytes()
    files.update(_layered(project, "js"))
    if config.brand == "govuk":
        files.update(_files_under(frontend / "assets" / "images", "assets/images"))
        files.update(_files_under(frontend / "assets" / "fonts", "assets/fonts"))
        files["assets/manifest.json"] = (frontend / "assets" / "manifest.json").read_bytes()
    else:
        files.update(_generic_images(project, config))
        if config.logo:  # it may be anywhere in assets/, not only in images/
            files[f"assets/{config.logo.file}"] = (project.root / "assets" / config.logo.file).read_bytes()
        files["assets/manifest.json"] = _manifest(config)
    return files, stylesheet
