"""Everything the preview remembers from one build to the next; a null memory for one-off builds.

One-off builds remember nothing, so the pipeline reads the same either way.

The rule that keeps reuse exact and fast:

1. Every remembered item is keyed by everything it was made from, and is used again only when the
   key matches: a file by its identity (mtime, size, inode, ctime, and not changed within RACY_NS of
   being read), an entry by its Document *object*, the base path and the sections (where each
   section's pages live), the settings by the site.yaml Document object and the base URL, a Jinja
   environment by the hash of every template, a page by its layout, the templates' hash, the
   environment's globals and the tuple of every context value its templates read.
2. So unchanged inputs must give the *very same objects* from build to build: an unchanged file
   gives the same Document, which gives the same entry, which the model puts in the Site; the same
   site.yaml gives the same SiteConfig; the planner's memo gives the same navigation, breadcrumb and
   PageMeta objects while the settings are the same object. Page inputs are compared as tuples,
   identity first, so an unchanged page costs about a microsecond to check. Breaking identity keeps
   output right but makes every page render.
3. A field declared with ``compare=False`` (``Entry.lines``, ``Body.text``, ``Body.site_links``,
   ``Site.history``, ``Site.unbuilt``, ``SiteConfig.lines``) is left out of equality, so a page
   reused because its values are equal would not see a change to it: such fields must never reach a
   template. ``tests/test_incremental.py`` fails when a template reads one, and when rule 2 is
   broken.
"""

from __future__ import annotations

import hashlib
import operator
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, NamedTuple

import jinja2
from jinja2 import meta
from markupsafe import Markup

from .config import SiteConfig
from .errors import ContentError
from .load import Document, Sources, load_document
from .markdown import Converters
from .model import build_entry, configure_site
from .provenance import History, history_key, read_history
from .render.environment import make_environment, plain_summaries, summary_macro, summary_params
from .render.plan import PageSpec
from .render.render import NO_REUSE
from .words import Sections

# A file changed this recently may change again within the same timestamp tick without its size or
# mtime changing (git's "racy clean" problem), so its remembered parse is not trusted.
RACY_NS = 2_000_000_000
SUMMARY_LIMIT = 100_000  # remembered case study summaries, per kind of list, before starting again
RUN = 64  # case studies per remembered run of summaries
_ID = operator.attrgetter("id")


class KeptDocument(NamedTuple):
    """A content file as last read."""

    identity: tuple
    kind: str
    document: Document | None
    errors: tuple[ContentError, ...]
    read_at: int


class KeptEntry(NamedTuple):
    """The model entry made from a Document object at a base path, with the sections where it was."""

    document: Document
    base_path: str
    sections: Sections
    entry: Any
    errors: tuple[ContentError, ...]


class KeptConfig(NamedTuple):
    """The settings made from a site.yaml Document object and a base URL."""

    document: Document
    base_url: str | None
    config: SiteConfig | None
    errors: tuple[ContentError, ...]


class KeptEnvironment(NamedTuple):
    """A Jinja environment for one set of templates, and the variables each template reads."""

    key: str
    env: jinja2.Environment
    reads: dict


class KeptPage(NamedTuple):
    """A rendered page and what it was rendered from."""

    key: tuple
    values: tuple
    types: tuple
    data: bytes


class OneOffBuild:
    """The null memory: a one-off build (build, check) reads, models and renders all afresh (only its
    Markdown converters are reused: they are costly to make and hold no content)."""

    load = staticmethod(load_document)
    configure = staticmethod(configure_site)

    def __init__(self):
        self.converters = Converters()

    def entry(self, document: Document, base_path: str, sections: Sections):
        """build_entry, with the converters kept for one-off builds."""
        return build_entry(document, base_path, sections, self.converters)

    def history(self, root: Path) -> History:
        """The project's file history, read now."""
        return read_history(root)

    def renderer(self, templates: list[Path],
                 stylesheet: str) -> tuple[jinja2.Environment, Callable]:
        """A new environment, and the plain page renderer (working out page keys would be waste)."""
        env = make_environment(templates, remembered_summaries)
        env.globals["stylesheet"] = stylesheet
        return env, NO_REUSE

    def plan_memo(self, config: SiteConfig) -> dict:
        """A fresh memo for this build's page plan."""
        return {}

    def forget(self, sources: Sources) -> None:
        """Nothing is remembered, so nothing is forgotten."""

    def keep_only(self, pages: dict[str, bytes]) -> None:
        """Nothing is remembered, so nothing is forgotten."""


ONE_OFF = OneOffBuild()


@dataclass
class BuildMemory:
    """What one build keeps for the next (the preview keeps one for its session)."""

    documents: dict[str, KeptDocument] = field(default_factory=dict)
    entries: dict[int, KeptEntry] = field(default_factory=dict)     # id(Document) -> entry
    config: KeptConfig | None = None
    environment: KeptEnvironment | None = None
    pages: dict[str, KeptPage] = field(default_factory=dict)
    # output paths rendered (not reused) by the latest build
    rendered: list[str] = field(default_factory=list)
    histories: dict[tuple, History] = field(default_factory=dict)   # history_key -> History
    memo: tuple[SiteConfig | None, dict] = (None, {})               # page plan memo, one SiteConfig
    # Markdown converters, and each text converted: an entry made again (its front matter changed)
    # does not convert an unchanged body again.
    converters: Converters = field(default_factory=lambda: Converters(remember=True))

    def load(self, file: str, path: str, kind: str):
        """load_document, or the remembered Document of a file that has not changed."""
        identity = _identity(file)
        kept = self.documents.get(path)
        if (identity and kept and (kept.identity, kept.kind) == (identity, kind)
                and identity[0] + RACY_NS < kept.read_at):
            return kept.document, list(kept.errors)
        read_at = time.time_ns()
        document, errors = load_document(file, path, kind)
        self.documents[path] = KeptDocument(identity, kind, document, tuple(errors), read_at)
        return document, errors

    def entry(self, document: Document, base_path: str, sections: Sections):
        """build_entry, or the remembered entry of the same Document object at that base path.

        The sections must be the same too: where a section lives is part of its entries' URLs.
        """
        kept = self.entries.get(id(document))
        if (kept and kept.document is document and kept.base_path == base_path
                and kept.sections == sections):
            return kept.entry, list(kept.errors)
        entry, errors = build_entry(document, base_path, sections, self.converters)
        self.entries[id(document)] = KeptEntry(document, base_path, sections, entry, tuple(errors))
        return entry, errors

    def configure(self, document: Document, base_url: str | None):
        """configure_site, or the very same settings for the same site.yaml Document and URL."""
        kept = self.config
        if kept and kept.document is document and kept.base_url == base_url:
            return kept.config, list(kept.errors)
        config, errors = configure_site(document, base_url)
        self.config = KeptConfig(document, base_url, config, tuple(errors))
        return config, errors

    def history(self, root: Path) -> History:
        """read_history, asked again only when git's HEAD, reflog or SOURCE_DATE_EPOCH changed."""
        key = history_key(root)
        if key is None or key not in self.histories:
            self.histories.clear()
            history = read_history(root)
            if key is None:
                return history
            self.histories[key] = history
        return self.histories[key]

    def plan_memo(self, config: SiteConfig) -> dict:
        """The page plan's memo, kept while the settings are the same object."""
        if self.memo[0] is not config:
            self.memo = (config, {})
        return self.memo[1]

    def renderer(self, templates: list[Path],
                 stylesheet: str) -> tuple[jinja2.Environment, Callable]:
        """The environment for these templates, and a renderer reusing pages with unchanged inputs.

        The environment is compiled once while the templates are unchanged.
        """
        key = templates_hash(templates)
        if self.environment is None or self.environment.key != key:
            self.environment = KeptEnvironment(
                key, make_environment(templates, remembered_summaries), {})
        env = self.environment.env
        env.globals["stylesheet"] = stylesheet
        self.rendered.clear()
        return env, PageReuse(self.pages, self.rendered, self._reads, (key, _globals_key(env)))

    def _reads(self, name: str) -> frozenset[str] | None:
        known = self.environment.reads
        if name not in known:
            known[name] = template_reads(self.environment.env, name)
        return known[name]

    def forget(self, sources: Sources) -> None:
        """Drop remembered files and entries this load did not see (deleted or renamed content)."""
        present = {d.path for d in sources.documents} | {e.path for e in sources.errors}
        for path in set(self.documents) - present:
            del self.documents[path]
        used = {id(kept.document) for kept in self.documents.values() if kept.document is not None}
        for key in set(self.entries) - used:
            del self.entries[key]

    def keep_only(self, pages: dict[str, bytes]) -> None:
        """Drop pages this render did not make, so memory holds one build, not every build."""
        for path in set(self.pages) - set(pages):
            del self.pages[path]


class PageReuse:
    """Gives back a page's bytes (kept in ``pages``) when its inputs are unchanged, and keeps new ones.

    A page's inputs are its layout, the templates and every value they read (``shared``: the
    templates' hash and the environment's globals). The path of each page rendered anew is added to
    ``rendered``.
    """

    keeps = True

    def __init__(self, pages: dict[str, KeptPage], rendered: list[str], reads: Callable, shared: tuple):
        self.pages, self.rendered, self.reads, self.shared = pages, rendered, reads, shared
        self.pickers: dict[tuple, Callable] = {}

    def _inputs(self, spec: PageSpec) -> tuple[tuple, tuple, tuple]:
        names = tuple(spec.context)
        pick = self.pickers.get((spec.template, names))
        if pick is None:
            pick = self.pickers[(spec.template, names)] = _picker(names, self.reads(spec.template))
        values = pick(spec.context)
        return (spec.template, self.shared, names), values, tuple(map(type, values))

    def kept(self, spec: PageSpec) -> bytes | None:
        """The page as the last build rendered it, if nothing it reads has changed."""
        key, values, types = self._inputs(spec)
        kept = self.pages.get(spec.path)
        if kept and kept.key == key and kept.values == values and kept.types == types:
            self.pages[spec.path] = KeptPage(key, values, types, kept.data)  # hold the newest objects
            return kept.data
        return None

    def keep(self, spec: PageSpec, data: bytes) -> None:
        """Remember a page just rendered, with what it read."""
        key, values, types = self._inputs(spec)
        self.pages[spec.path] = KeptPage(key, values, types, data)
        self.rendered.append(spec.path)


def _identity(file: str) -> tuple | None:
    try:
        stat = os.stat(file)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)


def templates_hash(folders: list[Path]) -> str:
    """A hash of every template file and Jinja's version: same hash, same compiled templates."""
    digest = hashlib.blake2b(jinja2.__version__.encode(), digest_size=16)
    for templates in folders:
        digest.update(str(templates).encode() + b"\0")
        for file in sorted(templates.rglob("*")) if templates.is_dir() else ():
            if file.is_file():
                digest.update(file.relative_to(templates).as_posix().encode() + b"\0"
                              + file.read_bytes() + b"\0")
    return digest.hexdigest()


def template_reads(env: jinja2.Environment, name: str) -> frozenset[str] | None:
    """Every variable a template, and those it extends, imports or includes, could read.

    None when that cannot be known.
    """
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


def _picker(names: tuple[str, ...], read: frozenset[str] | None) -> Callable[[dict], tuple]:
    """A function giving the tuple of a context's values the templates read (all, if unknowable)."""
    wanted = [n for n in names if read is None or n in read]
    if len(wanted) > 1:
        return operator.itemgetter(*wanted)
    return (lambda context: (context[wanted[0]],)) if wanted else (lambda context: ())


def _globals_key(env: jinja2.Environment) -> str:
    plain = sorted((k, repr(v)) for k, v in env.globals.items()
                   if v is None or isinstance(v, (str, int, float, bool)))
    return repr(plain)


def remembered_summaries(env: jinja2.Environment):
    """case_study_summaries that remembers each summary for as long as the templates are unchanged.

    A list of thousands of case studies is made on every rebuild of the preview; a summary is made
    again only when its case study entry, its principles (when shown), the base path, the heading
    level or the page's words (``t``: the sections and strings) differ from last time. Unchanged
    entries are the very same objects from build to build (rule 2 above), so the check is mostly an
    identity test, and it is made for a run of RUN case studies at once, in C (map and tuple
    comparison), not item by item in Python: at 4,000 case studies that halves an edit's rebuild
    (scripts/bench_preview.py; the figures are in the README).
    """
    caches: dict[tuple, dict] = {}  # options -> id(case) -> (case, principles, html)
    runs: dict[tuple, tuple] = {}    # (options, ids of a run) -> (the cases, their principles, html)

    def summary(cache: dict, case, principles, params: tuple) -> str:
        kept = cache.get(id(case))
        if kept is None or kept[0] is not case or kept[1] != principles:
            base, heading_level, words = params
            html = str(summary_macro(env)(summary_params(case, base, heading_level, principles, words)))
            kept = cache[id(case)] = (case, principles, html)
        return kept[2]

    def run_html(options: tuple, cache: dict, run: tuple, principles_of) -> str:
        principles = (tuple(map(principles_of.__getitem__, map(_ID, run)))
                      if principles_of is not None else None)
        key = (options, tuple(map(id, run)))
        kept = runs.get(key)
        if kept is None or kept[0] != run or kept[1] != principles:
            params = (options[0], options[1], options[3])
            html = "".join(summary(cache, case, principles[n] if principles else None, params)
                           for n, case in enumerate(run))
            kept = runs[key] = (run, principles, html)
        return kept[2]

    @jinja2.pass_context
    def case_study_summaries(context, cases, base: str, heading_level: int | None = None,
                             principles_of=None) -> Markup:
        """Every case study's summary, joined; each made again only when its inputs changed."""
        words = context["t"]  # the page's words: a change of sections or strings changes them
        options = (base, heading_level, principles_of is not None, words)
        if options not in caches:
            for old in [k for k in caches if k[3] != words]:
                del caches[old]  # summaries in words no longer used
            runs.clear()
        cache = caches.setdefault(options, {})
        if len(cache) > SUMMARY_LIMIT or len(runs) > SUMMARY_LIMIT // RUN:
            cache.clear()
            runs.clear()
        cases = tuple(cases)
        return Markup("".join(run_html(options, cache, cases[start:start + RUN], principles_of)
                              for start in range(0, len(cases), RUN)))
    return case_study_summaries


__all__ = ["BuildMemory", "ONE_OFF", "OneOffBuild", "plain_summaries", "template_reads",
           "templates_hash"]


def hidden_fields() -> dict[str, set[str]]:
    """Fields left out of equality (``compare=False``), by the class that has them: rule 3 above."""
    import dataclasses

    from .entries import Body, CaseStudy, Home, NewsPost, Objective, Page, Principle, Site

    found: dict[str, set[str]] = {}
    for cls in (Body, Objective, Principle, CaseStudy, Page, NewsPost, Home, Site, SiteConfig):
        for item in dataclasses.fields(cls):
            if not item.compare:
                found.setdefault(item.name, set()).add(cls.__name__)
    return found


def hidden_reads(env: jinja2.Environment, names: list[str]) -> list[str]:
    """Where the named templates read a field left out of equality ('template:line: .body.text')."""
    from jinja2 import nodes

    hidden = hidden_fields()
    # 'text' is also Link's and Quote's
    shared = {name for name, owners in hidden.items() if owners == {"Body"}}
    found = []
    for name in names:
        tree = env.parse(env.loader.get_source(env, name)[0])
        for node in tree.find_all(nodes.Getattr):
            parent = (node.node.attr if isinstance(node.node, nodes.Getattr)
                      else getattr(node.node, "name", ""))
            if node.attr in hidden and (node.attr not in shared or parent == "body"):
                found.append(f"{name}:{node.lineno}: .{parent}.{node.attr}")
    return found
