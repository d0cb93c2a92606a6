"""The build, as one visible sequence: load -> model -> validate -> render -> write.

A ``BuildMemory`` passed from one build to the next lets an edit redo only what it changed (the preview
server keeps one); without one every build is a clean full build. Either way the output is the same.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2
from jinja2 import meta

from .assets import build_assets
from .errors import BuildFailed
from .feeds import site_files
from .load import load_document, load_sources
from .model import Site, build_entry, build_model, configure_site
from .provenance import history_key, read_history
from .render import PageSpec, make_environment, plan_pages, render_page, render_site
from .validate import validate_site
from .write import write_site

# A file changed this recently may change again within the same timestamp tick without its size or
# mtime changing (git's "racy clean" problem), so its remembered parse is not trusted.
RACY_NS = 2_000_000_000


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


@dataclass(frozen=True)
class BuildMemory:
    """What one build keeps for the next, each item keyed by everything it was made from.

    documents: content path -> (file identity, Document, errors); entries: id(Document) -> (Document,
    base path, entry, errors); environments: templates hash -> (Environment, variables each template
    reads); pages: output path -> ((layout, templates hash and globals, context names), the values its
    templates read, their types, bytes). Anything that does not match means the item is made again, so reuse can only ever be exact.
    """

    documents: dict = field(default_factory=dict)
    entries: dict = field(default_factory=dict)
    environments: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    rendered: list = field(default_factory=list)  # output paths rendered (not reused) by the latest build
    history: dict = field(default_factory=dict)   # history_key -> History (git is asked again after a commit)
    configs: dict = field(default_factory=dict)   # "site" -> (site.yaml Document, base URL, SiteConfig, errors)


def load_and_check(project: Project, base_url: str | None = None, memory: BuildMemory | None = None) -> Site:
    """Load, model and validate the content; raise BuildFailed with every problem found."""
    memory = memory or BuildMemory()
    sources = load_sources(project.root, remembered_load(memory))              # load
    _forget_removed(memory, sources)
    site, errors = build_model(sources, base_url, remembered_entry(memory), remembered_config(memory))  # model
    if site is not None:
        errors += validate_site(site)                                          # validate
    if errors or site is None:
        raise BuildFailed(errors)
    return site


def render_files(project: Project, site: Site, memory: BuildMemory | None = None) -> dict[str, bytes]:
    """Render every page and gather every asset, in memory; with a BuildMemory (the preview), pages whose
    inputs are unchanged are reused instead of rendered (a one-off build has nothing to reuse, so it skips
    working out page keys)."""
    history = read_history(project.root) if memory is None else remembered_history(memory, project.root)
    site = dataclasses.replace(site, history=history)                          # for 'Last updated'
    assets, stylesheet = build_assets(project.root, site.config, project.cache)
    templates = project.root / "templates"
    if memory is None:
        env, render = make_environment(templates), render_page
    else:
        env, reads, templates_key = remembered_environment(memory, templates)
    env.globals["stylesheet"] = stylesheet
    if memory is not None:
        render = remembered_render(memory, reads, (templates_key, _globals_key(env)))
    specs = plan_pages(site)
    pages, errors = render_site(site, env, templates, render, specs)           # render
    if memory is not None:
        _forget_unused(memory, pages)
    if errors:
        raise BuildFailed(errors)
    return {**assets, **pages, **site_files(site, specs)}


def build_site(project: Project, base_url: str | None = None, memory: BuildMemory | None = None) -> dict[str, bytes]:
    """Build the whole site into project.dist; on any problem raise BuildFailed and leave dist/ as it was."""
    site = load_and_check(project, base_url, memory)                           # load, model, validate
    files = render_files(project, site, memory)                                # render
    write_site(files, project.dist)                                            # write
    return files


# Load: a file whose identity (mtime, size, inode, ctime) is unchanged is not read or parsed again.

def _identity(file: str) -> tuple | None:
    try:
        stat = os.stat(file)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)


def remembered_load(memory: BuildMemory) -> Callable:
    """A load_document that returns the remembered Document for a file that has not changed."""
    def read(file: str, path: str, kind: str):
        identity = _identity(file)
        kept = memory.documents.get(path)
        if identity and kept and kept[0] == (identity, kind) and identity[0] + RACY_NS < kept[3]:
            return kept[1], list(kept[2])
        read_at = time.time_ns()
        document, errors = load_document(file, path, kind)
        memory.documents[path] = ((identity, kind), document, tuple(errors), read_at)
        return document, errors
    return read


def remembered_history(memory: BuildMemory, root: Path):
    """read_history, asked again only when git's HEAD or reflog (or SOURCE_DATE_EPOCH) changed."""
    key = history_key(root)
    if key is None or key not in memory.history:
        memory.history.clear()
        history = read_history(root)
        if key is None:
            return history
        memory.history[key] = history
    return memory.history[key]


# Model: an entry is made from its document and the base path only, so the same pair gives the same entry.

def remembered_entry(memory: BuildMemory) -> Callable:
    """A build_entry that returns the remembered entry for the same Document object and base path."""
    def build(document, base_path: str):
        kept = memory.entries.get(id(document))
        if kept and kept[0] is document and kept[1] == base_path:
            return kept[2], list(kept[3])
        entry, errors = build_entry(document, base_path)
        memory.entries[id(document)] = (document, base_path, entry, tuple(errors))
        return entry, errors
    return build


def remembered_config(memory: BuildMemory) -> Callable:
    """A configure_site that returns the remembered settings for the same site.yaml Document and base URL, so
    an unchanged configuration is the very same object from build to build."""
    def configure(document, base_url: str | None):
        kept = memory.configs.get("site")
        if kept and kept[0] is document and kept[1] == base_url:
            return kept[2], list(kept[3])
        config, errors = configure_site(document, base_url)
        memory.configs["site"] = (document, base_url, config, tuple(errors))
        return config, errors
    return configure


# Render: a page is rendered again only when its layout, the templates or a value its templates read changed.

def _templates_hash(templates: Path) -> str:
    digest = hashlib.blake2b(jinja2.__version__.encode(), digest_size=16)
    for file in sorted(templates.rglob("*")) if templates.is_dir() else ():
        if file.is_file():
            digest.update(file.relative_to(templates).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def remembered_environment(memory: BuildMemory, templates: Path) -> tuple[jinja2.Environment, Callable, str]:
    """The Jinja environment for these templates (compiled once while they are unchanged), a reads(name) lookup
    and the templates' hash."""
    key = _templates_hash(templates)
    if key not in memory.environments:
        memory.environments.clear()
        env = make_environment(templates)
        memory.environments[key] = (env, {})
    env, known = memory.environments[key]
    return env, lambda name: known[name] if name in known else known.setdefault(name, template_reads(env, name)), key


def template_reads(env: jinja2.Environment, name: str) -> frozenset[str] | None:
    """Every variable a template and the templates it extends, imports or includes could read; None if unknowable."""
    seen, names, pending = set(), set(), [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            tree = env.parse(env.loader.get_source(env, current)[0])
        except jinja2.TemplateError:
            return None  # the render will report it; meanwhile nothing is assumed
        names |= meta.find_undeclared_variables(tree)
        for referenced in meta.find_referenced_templates(tree):
            if referenced is None:
                return None  # a template chosen at render time could read anything
            pending.append(referenced)
    return frozenset(names)


def remembered_render(memory: BuildMemory, reads: Callable, shared: tuple) -> Callable:
    """A render_page that reuses a page's bytes when its layout, the templates and every value they read are
    the same as last time.

    ``shared`` is what every page depends on: the templates' hash and the environment's globals (the stylesheet).
    A page's inputs are the tuple of the context values its templates read, compared with last time's tuple
    and with their types (Markup and str render differently). Tuples compare element by element, identity
    first, and an unchanged entry is the very object it was last time (the model reuses it), so most
    comparisons stop at identity and a page costs about a microsecond to check.
    """
    memory.rendered.clear()
    pickers: dict[tuple, Callable] = {}

    def render(env: jinja2.Environment, spec: PageSpec) -> bytes:
        names = tuple(spec.context)
        pick = pickers.get((spec.template, names))
        if pick is None:
            pick = pickers[(spec.template, names)] = _picker(names, reads(spec.template))
        values = pick(spec.context)
        types = tuple(map(type, values))
        key = (spec.template, shared, names)
        kept = memory.pages.get(spec.path)
        if kept and kept[0] == key and kept[1] == values and kept[2] == types:
            memory.pages[spec.path] = (key, values, types, kept[3])  # hold the newest objects (equal to the old)
            return kept[3]
        data = render_page(env, spec)
        memory.pages[spec.path] = (key, values, types, data)
        memory.rendered.append(spec.path)
        return data
    return render


def _picker(names: tuple[str, ...], read: frozenset[str] | None) -> Callable[[dict], tuple]:
    """A function giving the tuple of a context's values that the templates read (all of them if unknowable)."""
    wanted = [n for n in names if read is None or n in read]
    if len(wanted) > 1:
        return operator.itemgetter(*wanted)
    return (lambda context: (context[wanted[0]],)) if wanted else (lambda context: ())


def _globals_key(env: jinja2.Environment) -> str:
    plain = sorted((k, repr(v)) for k, v in env.globals.items() if v is None or isinstance(v, (str, int, float, bool)))
    return repr(plain)


def _forget_removed(memory: BuildMemory, sources) -> None:
    """Drop remembered files and entries that this load did not see (deleted or renamed content)."""
    present = {d.path for d in sources.documents} | {e.path for e in sources.errors}
    for path in set(memory.documents) - present:
        del memory.documents[path]
    used = {id(kept[1]) for kept in memory.documents.values() if kept[1] is not None}
    for key in set(memory.entries) - used:
        del memory.entries[key]


def _forget_unused(memory: BuildMemory, pages: dict[str, bytes]) -> None:
    """Drop pages this render did not make, so memory holds one build, not every build."""
    for path in set(memory.pages) - set(pages):
        del memory.pages[path]
