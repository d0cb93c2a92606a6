"""A static server that behaves like GitHub Pages: the site under its base path, index.html for folders,
404.html for anything missing, nothing outside the output folder. Used by tests and the quality gate."""

from __future__ import annotations

import mimetypes
import threading
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from microsite.preview.respond import TYPES, request_parts  # the same rule and types as the preview


def resolve(root: Path, base_path: str, url_path: str) -> tuple[Path | None, str | None]:
    """Map a request path to a file inside root, or to a redirect; (None, None) means not found."""
    parts, redirect = request_parts(base_path, url_path)
    if parts is None:
        return None, redirect
    target = root.joinpath(*parts) if parts else root
    try:
        target.resolve().relative_to(root.resolve())
    except ValueError:
        return None, None
    if target.is_dir():
        path = unquote(urlsplit(url_path).path)
        if not path.endswith("/"):
            return None, path + "/"
        target = target / "index.html"
    return (target, None) if target.is_file() else (None, None)


class PagesHandler(BaseHTTPRequestHandler):
    """Serve one folder at one base path, as GitHub Pages does."""

    server_version = "PagesEmulator"

    def __init__(self, *args, root: Path, base_path: str, **kwargs):
        self.root, self.base_path = root, base_path
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # quiet: tests read results, not logs
        pass

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head=False):
        target, redirect = resolve(self.root, self.base_path, self.path)
        if redirect:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", redirect)
            self.end_headers()
            return
        status = HTTPStatus.OK
        if target is None:
            status, target = HTTPStatus.NOT_FOUND, self.root / "404.html"
        body = target.read_bytes() if target.is_file() else b"Not found"
        self.send_response(status)
        guessed = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.send_header("Content-Type", TYPES.get(target.suffix, guessed))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


def start(root: Path, base_path: str, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """Start serving in a background thread; the caller calls shutdown() when done."""
    handler = partial(PagesHandler, root=Path(root), base_path=base_path.rstrip("/"))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
