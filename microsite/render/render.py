"""Render stage: every planned page rendered ({output path: bytes}, in memory or into dist/)."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from pathlib import Path

import jinja2
from jinja2 import Environment

from ..errors import ContentError
from ..workers import jobs_for, parallel_map
from ..write import Staging, check_output_paths
from .plan import PageSpec

# What a fault in a template can raise while it renders (besides Jinja's own errors).
TEMPLATE_FAULTS = (jinja2.TemplateError, TypeError, AttributeError, ValueError, KeyError)


class NoReuse:
    """Reuse nothing, keep nothing: every page is rendered (a one-off build's rule)."""

    keeps = False

    def kept(self, spec: PageSpec) -> bytes | None:
        """The page's bytes from an earlier build, if its inputs are unchanged: never, here."""
        return None

    def keep(self, spec: PageSpec, data: bytes) -> None:
        """Remember a page just rendered: nothing is remembered here."""


NO_REUSE = NoReuse()


def render_page(env: Environment, spec: PageSpec) -> bytes:
    """Render one page to UTF-8 bytes."""
    html = env.get_template(spec.template).render(spec.context)
    return html.encode("utf-8")


def render_site(specs: list[PageSpec], env: Environment, templates: list[Path],
                reuse=NO_REUSE, out: MutableMapping[str, bytes] | None = None,
                jobs: int | None = None, done: Callable[[int], None] | None = None,
                ) -> tuple[MutableMapping[str, bytes], list[ContentError]]:
    """Render stage: every page into ``out`` (a dict by default, or a Staging dist/), or every error.

    ``reuse`` gives back pages whose inputs have not changed since the last build (the preview's
    memory) and keeps those rendered now. The rest are rendered in ``jobs`` processes (workers.py
    decides when not given); ``done(n)`` is told as pages are finished, for a progress line.
    ``templates`` are the template folders, to name a template in an error as templates/<its path>.
    """
    out = {} if out is None else out
    todo, errors = _to_render(specs, reuse, out)
    direct = isinstance(out, Staging) and not reuse.keeps  # workers write the pages themselves

    def work(spec: PageSpec) -> tuple[bytes | None, ContentError | None]:
        try:
            data = render_page(env, spec)
        except TEMPLATE_FAULTS as exc:
            return None, template_error(exc, spec, templates)
        if not direct:
            return data, None
        with open(out.target(spec.path), "wb") as file:
            file.write(data)
        return None, None

    for spec, (data, error) in zip(todo, parallel_map(work, todo, jobs_for(len(todo), jobs), done)):
        if error is not None:
            errors.append(error)
        elif direct:
            out.written(spec.path)
        else:
            reuse.keep(spec, data)
            out[spec.path] = data
    return out, errors


def _to_render(specs: list[PageSpec], reuse, out: MutableMapping[str, bytes]
               ) -> tuple[list[PageSpec], list[ContentError]]:
    """The pages to render now; pages reused go straight to ``out``; two pages at one path fail."""
    todo, errors, seen = [], [], set()
    for spec in specs:
        if spec.path in seen:
            errors.append(ContentError(spec.source, 1, "two pages would be written to "
                                       f"{spec.path}; change one of their ids"))
            continue
        seen.add(spec.path)
        unsafe = check_output_paths([spec.path])
        if unsafe:
            errors += unsafe
            continue
        data = reuse.kept(spec)
        if data is None:
            todo.append(spec)
        else:
            out[spec.path] = data
    return todo, errors


def template_error(exc: Exception, spec: PageSpec, templates: list[Path]) -> ContentError:
    """Name the template and line where rendering failed, and the content file being rendered."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        name, line = exc.filename or exc.name or "a template", exc.lineno or 1
    else:
        name, line = spec.template, 1
        tb = exc.__traceback__
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename.endswith(".html"):
                name, line = filename, tb.tb_lineno
            tb = tb.tb_next
    message = getattr(exc, "message", None) or str(exc)
    return ContentError(_shown_template(name, templates), line,
                        f"template error while rendering {spec.source}: {message}")


def _shown_template(name: str, templates: list[Path]) -> str:
    """A template as a site would override it ('templates/layouts/page.html'), wherever it is."""
    path = Path(name)
    for folder in templates:
        try:
            return ("templates" / path.resolve().relative_to(folder.resolve())).as_posix()
        except ValueError:
            continue
    return name if not path.is_absolute() else f"templates/{path.name}"
