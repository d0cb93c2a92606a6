"""The web server: tornado (from python-livereload) serving the published build, and the livereload socket.

It serves the last good build from memory under the same sub-path as base_url, adds the livereload
script to HTML responses only (so it never reaches dist/), and sends the reload message itself after each
rebuild. That is why python-livereload's rule of ignoring a change within 3 seconds of the last reload
never applies: two quick saves both show.
"""

from __future__ import annotations

import asyncio
import errno
import threading
from typing import Callable

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.watcher import Watcher
from tornado import httpserver, netutil, web
from tornado.ioloop import IOLoop

from .respond import Published, respond

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
PORTS_TO_TRY = 20


def _reload_handler() -> type:
    """A LiveReloadHandler with its own set of browsers, so two previews in one process do not mix."""
    class PreviewReloadHandler(LiveReloadHandler):
        """livereload's socket handler, keeping its browsers to itself."""

        waiters: set = set()
        watcher = Watcher()
        live_css = True
        DEFAULT_RELOAD_TIME = 0  # we send reloads ourselves after each rebuild; nothing is to be ignored

        def on_message(self, message):
            """Answer livereload.js as livereload does, then move the browser into this preview's set."""
            super().on_message(message)
            # livereload adds browsers to its own class-wide set; keep them in this preview's set instead
            if self in LiveReloadHandler.waiters:
                LiveReloadHandler.waiters.discard(self)
                type(self).waiters.add(self)

        def on_close(self):
            """Forget a browser that has gone."""
            type(self).waiters.discard(self)

    return PreviewReloadHandler


class _PageHandler(web.RequestHandler):
    """Serve GET and HEAD from the preview's published state."""

    def initialize(self, published: Callable[[], Published], frontend_css: bytes | None):
        """Take the published state's getter, and GOV.UK Frontend's CSS for the error page."""
        self.published, self.frontend_css = published, frontend_css

    def get(self):
        """Send the response with its body."""
        self._send(head=False)

    def head(self):
        """Send the response's headers only."""
        self._send(head=True)

    def _send(self, head: bool):
        response = respond(self.published(), self.request.path, self.frontend_css)
        self.set_status(response.status)
        self.set_header("Cache-Control", "no-store")
        if response.location:
            self.set_header("Location", response.location)
            return
        self.set_header("Content-Type", response.content_type)
        if head:
            self.set_header("Content-Length", str(len(response.body)))
        else:
            self.write(response.body)

    def log_exception(self, typ, value, tb):
        """Log a fault, except a broken connection, which is not worth a traceback in the terminal."""
        if not isinstance(value, (ConnectionError, OSError)):
            super().log_exception(typ, value, tb)


def bind(host: str, port: int) -> list:
    """Listening sockets on the port asked for, or the next free one, or any free one."""
    candidates = [port] if port == 0 else [*range(port, port + PORTS_TO_TRY), 0]
    for candidate in candidates:
        try:
            return netutil.bind_sockets(candidate, address=host)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
    raise OSError(errno.EADDRINUSE, f"no free port from {port}")


class Server:
    """The preview's web server, run on a thread of its own (run), and its browsers' reload handler."""

    def __init__(self, published: Callable[[], Published], frontend_css: bytes | None):
        self.published, self.frontend_css = published, frontend_css
        self.reload_handler = _reload_handler()
        self._loop: IOLoop | None = None

    def run(self, sockets: list, listening: threading.Event) -> None:
        """Serve on sockets until stop(); listening is set once requests can be answered."""
        asyncio.set_event_loop(asyncio.new_event_loop())
        self._loop = IOLoop.current()
        app = web.Application([
            (r"/livereload", self.reload_handler),
            (r"/livereload\.js", LiveReloadJSHandler),
            (r"/.*", _PageHandler, {"published": self.published, "frontend_css": self.frontend_css}),
        ], log_function=lambda handler: None)  # the terminal is for build results, not a request log
        server = httpserver.HTTPServer(app)
        server.add_sockets(sockets)
        self._loop.add_callback(listening.set)
        try:
            self._loop.start()
        finally:
            server.stop()
            self._loop.close(all_fds=True)

    def notify(self, path: str) -> None:
        """Tell every connected browser to reload (a .css path swaps the stylesheet only)."""
        if self._loop is not None:
            self._loop.add_callback(self.reload_handler.reload_waiters, path)

    def stop(self) -> None:
        """Ask the server's loop to stop; run() then returns."""
        if self._loop is not None:
            self._loop.add_callback(self._loop.stop)
