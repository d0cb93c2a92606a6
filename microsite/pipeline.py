"""The build, as one visible sequence of stages, from load to write.

load -> history -> model -> validate -> assets -> render -> feeds -> write. A ``BuildMemory``
(incremental.py) passed from one build to the next lets an edit redo only what it changed (the
preview keeps one); the default, ``ONE_OFF``, remembers nothing. Either way the output is the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .assets import build_assets
from .engine import Engine, engine_files
from .entries import Site
from .errors import BuildFailed
from .feeds import site_files
from .incremental import ONE_OFF, BuildMemory, OneOffBuild
from .load import load_sources
from .model import build_model
from .render import PageSpec, plan_pages, render_site
from .validate import validate_site
from .write import write_site

__all__ = ["Build", "BuildMemory", "Project", "build_site", "load_and_check"]


@dataclass(frozen=True)
class Project:
    """A site folder, the output folder, the CSS cache, and the engine that builds it.

    The site folder (root) holds content/, and its own templates/ and assets/ if it overrides any.
    """

    root: Path
    dist: Path
    cache: Path
    engine: Engine = field(default_factory=engine_files)

    @classmethod
    def at(cls, root: Path, dist: Path | None = None) -> "Project":
        """The usual layout: dist/ and .cache/ beside content/."""
        root = root.absolute()
        return cls(root, (dist or root / "dist").absolute(), root / ".cache" / "css")

    @property
    def templates(self) -> list[Path]:
        """The template folders, searched in order: the site's own (if any), then the engine's."""
        own = self.root / "templates"
        if own.resolve() != self.engine.templates.resolve():
            return [own, self.engine.templates]
        return [own]


@dataclass(frozen=True, eq=False)
class Build(Mapping):
    """A finished build: its files by output path (it reads as that mapping), Site and page plan."""

    files: dict[str, bytes]
    site: Site
    specs: list[PageSpec]

    def __getitem__(self, name: str) -> bytes:
        return self.files[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)


def build_site(project: Project, base_url: str | None = None,
               memory: BuildMemory | OneOffBuild = ONE_OFF,
               write: Callable[[dict[str, bytes], Path], object] | None = write_site) -> Build:
    """Build the whole site and write it into project.dist (``write=None``: in memory only).

    On any problem, raise BuildFailed with every problem found, and leave dist/ as it was.
    """
    sources = load_sources(project.root, memory.load)                                    # load
    memory.forget(sources)
    history = memory.history(project.root)                                               # history
    site, errors = build_model(sources, base_url, memory.entry, memory.configure, history)  # model
    errors += validate_site(site) if site is not None else []                           # validate
    if errors or site is None:
        raise BuildFailed(errors)
    assets, stylesheet = build_assets(project, site.config)                             # assets
    env, render = memory.renderer(project.templates, stylesheet)
    specs = plan_pages(site, memory.plan_memo(site.config))
    pages, errors = render_site(specs, env, project.templates, render)                  # render
    memory.keep_only(pages)
    if errors:
        raise BuildFailed(errors)
    files = {**assets, **pages, **site_files(site, specs)}                               # feeds
    if write is not None:
        write(files, project.dist)                                                       # write
    return Build(files, site, specs)


def load_and_check(project: Project, base_url: str | None = None) -> Site:
    """Load, model and validate the content only (no rendering); BuildFailed with every problem."""
    sources = load_sources(project.root)
    site, errors = build_model(sources, base_url)
    errors += validate_site(site) if site is not None else []
    if errors or site is None:
        raise BuildFailed(errors)
    return site
