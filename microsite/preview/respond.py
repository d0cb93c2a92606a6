"""Responding: a request path -> a file of the published build, as GitHub Pages would, plus preview extras.

Pure functions of the published state, with no network and no threads: the request-path rule and the
Content-Type table that tests/pages_server.py shares, the livereload script and error summary added to
HTML, and the error display rendered from templates/layouts/build-error.html.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path, PurePosixPath
from typing import Mapping
from urllib.parse import unquote, urlsplit

from ..errors import ContentError, format_error
from ..pipeline import Project
from ..render import TEMPLATE_DEFAULTS, make_environment
from ..words import ENGLISH, Words

TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml",
         ".json": "application/json", ".xml": "application/xml", ".ico": "image/x-icon",
         ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".woff2": "font/woff2",
         ".woff": "font/woff", ".png": "image/png"}
ERROR_TEMPLATE = "layouts/build-error.html"
FRONTEND_CSS = Path("govuk/govuk-frontend.min.css")  # under GOV.UK Frontend's dist/ folder
PREVIEW_CSS_URL = "/__preview__/govuk-frontend.min.css"
RELOAD_SCRIPT = b'<script src="/livereload.js"></script>'


@dataclass(frozen=True)
class Published:
    """What the web server shows: the last good build, and the problems of the latest build if it failed."""

    files: Mapping[str, bytes] = field(default_factory=dict)
    base_path: str = ""
    stylesheet: str | None = None
    errors: tuple[ContentError, ...] = ()
    error_summary: bytes = b""
    error_page: bytes = b""
    generation: int = 0


@dataclass(frozen=True)
class Response:
    """One HTTP response, decided without touching the network."""

    status: int
    content_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    location: str | None = None


def request_parts(base_path: str, url_path: str) -> tuple[list[str] | None, str | None]:
    """Split a request path under the base path into its safe parts, or give a redirect; (None, None) is
    not found: anything outside the base path, NUL or backslash, '..', '.' or a hidden file or folder."""
    path = unquote(urlsplit(url_path).path)
    if "\x00" in path or "\\" in path:
        return None, None
    prefix = base_path.rstrip("/") + "/"
    if path == base_path.rstrip("/") and base_path:
        return None, prefix
    if not path.startswith(prefix):
        return None, None
    parts = [p for p in path[len(prefix):].split("/") if p]
    if any(p in ("..", ".") or p.startswith(".") for p in parts):
        return None, None
    return parts, None


def resolve_name(files: Mapping[str, bytes], base_path: str, url_path: str) -> tuple[str | None, str | None]:
    """Map a request path to an output file name, or to a redirect; (None, None) means not found.

    The same rules as resolve() in tests/pages_server.py, over the build in memory: nothing outside the
    site, no hidden files, a folder serves its index.html and needs its trailing slash.
    """
    parts, redirect = request_parts(base_path, url_path)
    if parts is None:
        return None, redirect
    path = unquote(urlsplit(url_path).path)
    name = "/".join(parts)
    if name in files:
        return name, None
    folder = f"{name}/index.html" if name else "index.html"
    if folder in files:
        return (folder, None) if path.endswith("/") else (None, path + "/")
    return None, None


def content_type(name: str) -> str:
    """The Content-Type for an output file, by its suffix."""
    return TYPES.get(PurePosixPath(name).suffix, "application/octet-stream")


def decorate(html: bytes, state: Published) -> bytes:
    """Add the livereload script to an HTML page and, while the build is broken, the error summary on top."""
    if b"</head>" in html:
        html = html.replace(b"</head>", RELOAD_SCRIPT + b"</head>", 1)
    else:
        html = RELOAD_SCRIPT + html
    if not state.errors:
        return html
    html = re.sub(rb"<title([^>]*)>", rb"<title\1>Error: ", html, count=1)
    where = re.search(rb"<main\b[^>]*>", html) or re.search(rb"<body\b[^>]*>", html)
    at = where.end() if where else 0
    return html[:at] + state.error_summary + html[at:]


def respond(state: Published, url_path: str, frontend_css: bytes | None = None) -> Response:
    """The response to a GET for url_path from the published state."""
    path = urlsplit(url_path).path
    if path == PREVIEW_CSS_URL and frontend_css is not None:
        return Response(200, "text/css", frontend_css)
    if path == "/" and state.base_path:
        return Response(302, location=state.base_path + "/")
    if not state.files:
        if PurePosixPath(path).suffix in ("", ".html"):
            return Response(500, content_type("x.html"), decorate(state.error_page, Published()))
        return Response(404, body=b"Not found")
    name, redirect = resolve_name(state.files, state.base_path, url_path)
    if redirect:
        return Response(301, location=redirect)
    if name is None and state.stylesheet and re.fullmatch(r".*/assets/css/app-[0-9a-f]+\.css", path):
        # A page loaded before a style change asks for the old name; live CSS reload needs the new styles.
        name = f"assets/css/{state.stylesheet}"
    status = 200
    if name is None:
        status, name = 404, "404.html"
        if name not in state.files:
            return Response(404, body=b"Not found")
    body = state.files[name]
    if name.endswith(".html"):
        body = decorate(body, state)
    return Response(status, content_type(name), body)


# The error display: one template, used whole (no good build yet) or for its error summary block only.

def render_errors(project: Project, errors: tuple[ContentError, ...],
                  stylesheet_url: str, words: Words = ENGLISH) -> tuple[bytes, bytes]:
    """The error summary (to put at the top of old pages) and a whole error page, from build-error.html.

    ``words``: the last good build's (the settings may be what is broken). If that template is itself
    broken or missing, plain HTML says so as well as listing the problems, so the editor never sees a
    traceback, or nothing.
    """
    lines = [format_error(e) for e in errors]
    try:
        env = make_environment(project.templates)
        template = env.get_template(ERROR_TEMPLATE)
        context = {**dict.fromkeys(TEMPLATE_DEFAULTS), "errors": lines, "stylesheet_url": stylesheet_url,
                   "t": words}
        summary = "".join(template.blocks["build_errors"](template.new_context(context)))
        return summary.encode("utf-8"), template.render(context).encode("utf-8")
    except Exception as exc:  # any fault in the error template must not hide the content errors
        lines.append(f"templates/{ERROR_TEMPLATE}: this page's own template failed too "
                     f"({type(exc).__name__}: {exc})")
        return _plain_errors(lines)


def _plain_errors(lines: list[str]) -> tuple[bytes, bytes]:
    """The error summary and page as plain HTML, for when build-error.html cannot be used."""
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    summary = ('<div class="govuk-error-summary"><h2>The preview could not be rebuilt</h2>'
               f'<ul>{items}</ul></div>')
    page = ('<!DOCTYPE html><html lang="en"><head><title>Error: the preview could not be rebuilt</title>'
            f'</head><body><main>{summary}</main></body></html>')
    return summary.encode("utf-8"), page.encode("utf-8")
