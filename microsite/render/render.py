"""Render stage: every planned page rendered in memory ({output path: bytes}), or every error."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2 import Environment

from ..errors import ContentError
from .plan import PageSpec

# What a fault in a template can raise while it renders (besides Jinja's own errors).
TEMPLATE_FAULTS = (jinja2.TemplateError, TypeError, AttributeError, ValueError, KeyError)


def render_page(env: Environment, spec: PageSpec) -> bytes:
    """Render one page to UTF-8 bytes."""
    html = env.get_template(spec.template).render(spec.context)
    return html.encode("utf-8")


def render_site(specs: list[PageSpec], env: Environment, templates: list[Path],
                render=render_page) -> tuple[dict[str, bytes], list[ContentError]]:
    """Render stage: every page in memory, or every template error; nothing is written here.

    ``render`` renders one page (default ``render_page``); the preview passes one that reuses
    unchanged pages.
    ``templates`` are the template folders, to name a template in an error as templates/<its path>.
    """
    files, errors = {}, []
    for spec in specs:
        if spec.path in files:
            errors.append(ContentError(spec.source, 1, "two pages would be written to "
                                       f"{spec.path}; change one of their ids"))
            continue
        try:
            files[spec.path] = render(env, spec)
        except TEMPLATE_FAULTS as exc:
            errors.append(template_error(exc, spec, templates))
    return files, errors


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
