"""The build, as one visible sequence: load -> model -> validate -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .assets import build_assets
from .errors import BuildFailed
from .load import load_sources
from .model import Site, build_model
from .render import make_environment, render_site
from .validate import validate_site
from .write import write_site


@dataclass(frozen=True)
class Project:
    """Where a site's parts live: content/, templates/ and assets/ under root; the output folder; the CSS cache."""

    root: Path
    dist: Path
    cache: Path

    @classmethod
    def at(cls, root: Path, dist: Path | None = None) -> "Project":
        """The usual layout: dist/ and .cache/ beside content/."""
        root = root.absolute()
        return cls(root, (dist or root / "dist").absolute(), root / ".cache" / "css")


def load_and_check(project: Project, base_url: str | None = None) -> Site:
    """Load, model and validate the content; raise BuildFailed with every problem found."""
    sources = load_sources(project.root)                       # load
    site, errors = build_model(sources, base_url)               # model
    if site is not None:
        errors += validate_site(site)                           # validate
    if errors or site is None:
        raise BuildFailed(errors)
    return site


def render_files(project: Project, site: Site) -> dict[str, bytes]:
    """Render every page and gather every asset, in memory."""
    assets, stylesheet = build_assets(project.root, site.config, project.cache)
    env = make_environment(project.root / "templates")
    env.globals["stylesheet"] = stylesheet
    pages, errors = render_site(site, env, project.root / "templates")   # render
    if errors:
        raise BuildFailed(errors)
    return {**assets, **pages}


def build_site(project: Project, base_url: str | None = None) -> dict[str, bytes]:
    """Build the whole site into project.dist; on any problem raise BuildFailed and leave dist/ as it was."""
    site = load_and_check(project, base_url)
    files = render_files(project, site)
    write_site(files, project.dist)                              # write
    return files
