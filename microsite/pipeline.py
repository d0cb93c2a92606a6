"""The build, as one visible sequence of stages, from load to write.

load -> history -> model -> validate -> assets -> render -> feeds -> write. A ``BuildMemory``
(incremental.py) passed from one build to the next lets an edit redo only what it changed (the
preview keeps one); the default, ``ONE_OFF``, remembers nothing. Either way the output is the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import nullcontext
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
from .progress import SILENT, Progress
from .render import PageSpec, plan_pages, render_site
from .validate import validate_site
from .write import Staging

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

    files: Mapping[str, bytes]  # a dict, or the Staging written to dist/ (read back on demand)
    site: Site
    specs: list[PageSpec]

    def __getitem__(self, name: str) -> bytes:
        return self.files[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)


def build_site(project: Project, base_url: str | None = None,
               memory: BuildMemory | OneOffBuild = ONE_OFF, write: bool | None = True,
               jobs: int | None = None, progress: Progress = SILENT) -> Build:
    """Build the whole site and write it into project.dist (``write=None``: in memory only).

    Pages stream into a new folder as they are rendered, which is swapped in for dist/ at the end.
    ``jobs`` worker processes render them (None: workers.py decides by the size of the job);
    ``progress`` is told what the build is doing. On any problem, raise BuildFailed with every
    problem found, and leave dist/ as it was.
    """
    progress.stage("Reading content")
    sources = load_sources(project.root, memory.load)                                    # load
    memory.forget(sources)
    history = memory.history(project.root)                                               # history
    entry = _counted(memory.entry, progress.advance)

    def convert(texts: list[str], base_path: str) -> None:  # ahead, in workers when there are many
        progress.stage("Converting Markdown", len(texts))
        memory.converters.convert_many(texts, base_path, jobs, progress.advance)
        progress.stage("Making the model", len(sources.documents))
    site, errors = build_model(sources, base_url, entry, memory.configure, history, convert)  # model
    errors += validate_site(site) if site is not None else []                           # validate
    if errors or site is None:
        raise BuildFailed(errors)
    progress.stage("Styles and images")
    assets, stylesheet = build_assets(project, site.config)                             # assets
    env, reuse = memory.renderer(project.templates, stylesheet)
    specs = plan_pages(site, memory.plan_memo(site.config))
    with (Staging(project.dist) if write else nullcontext({})) as out:
        out.update(assets)
        progress.stage("Rendering pages", len(specs))
        pages, errors = render_site(specs, env, project.templates, reuse, out, jobs,    # render
                                    progress.advance)
        memory.keep_only(pages)
        if errors:
            raise BuildFailed(errors)
        out.update(site_files(site, specs))                                              # feeds
        if write:
            progress.stage("Writing dist/")
            out.commit()                                                                 # write
    progress.finish()
    return Build(out, site, specs)


def _counted(make: Callable, advance: Callable[[int], None]) -> Callable:
    """``make``, telling ``advance`` each time it is done."""
    if advance == SILENT.advance:
        return make

    def counted(*args):
        made = make(*args)
        advance(1)
        return made
    return counted


def load_and_check(project: Project, base_url: str | None = None) -> Site:
    """Load, model and validate the content only (no rendering); BuildFailed with every problem."""
    sources = load_sources(project.root)
    site, errors = build_model(sources, base_url)
    errors += validate_site(site) if site is not None else []
    if errors or site is None:
        raise BuildFailed(errors)
    return site
