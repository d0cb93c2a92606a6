"""Serve stage: build, serve the site with live reload, and rebuild through the same pipeline on every save.

How it fits together:
- A watcher thread waits for the operating system to report changes under content/, templates/ and assets/
  (never dist/), through watchfiles, or polls where that cannot be had (Poller). A burst of saves is waited
  out (debounced) and causes one rebuild; saves made during a rebuild cause one more, never a queue.
- A rebuild runs the pipeline's own stages (load_and_check, render_files) with one BuildMemory kept for the
  session, so only what an edit affects is rendered again. A good build is published to the web server at
  once; a writer thread writes it to dist/ (atomically, with write_site) once editing pauses, because
  writing thousands of files takes longer than the rebuild itself. Python's automatic garbage collection is
  off meanwhile, and the preview collects when nobody is waiting.
- The web server (tornado, from python-livereload) serves the last good build from memory under the same
  sub-path as base_url, adds the livereload script to HTML responses only (so it never reaches dist/), and
  sends the reload message itself after each rebuild. That is why python-livereload's rule of ignoring a
  change within 3 seconds of the last reload never applies: two quick saves both show.
- A broken build does not replace anything. Every HTML response then carries a GOV.UK error summary of every
  problem at the top of the last good page (templates/layouts/build-error.html), and pages that do not exist
  yet get it on the 404 page; with no good build at all, the whole error page is served. Other files (CSS,
  JS, images) keep serving, so the old pages stay styled. When a save fixes the build, browsers reload.
"""

from __future__ import annotations

import asyncio
import errno
import gc
import hashlib
import platform
import os
import re
import threading
import time
import traceback
from dataclasses import dataclass, field
from html import escape
from pathlib import Path, PurePosixPath
from typing import Callable, Mapping
from urllib.parse import unquote, urlsplit

import yaml
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.watcher import Watcher
from tornado import httpserver, netutil, web
from tornado.ioloop import IOLoop
from watchfiles._rust_notify import RustNotify  # the documented low-level interface of watchfiles

from .config import check_base_url, normalise_base_url
from .errors import BuildFailed, ContentError, format_error
from .pages_server import TYPES, request_parts
from .pipeline import BuildMemory, Project, build_site
from .render import TEMPLATE_DEFAULTS, make_environment
from .write import write_site

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
PORTS_TO_TRY = 20
WATCHED = ("content", "templates", "assets")
STEP_MS = 5          # how often the watcher looks at the changes it has been told of
QUIET_MS = 20        # a save must be followed by this much quiet before the rebuild starts
QUIET_STEP_MS = 5    # how often to look while waiting for that quiet
MOST_WAIT_MS = 1000  # but never wait longer than this for a burst of saves to end
WRITE_QUIET_SECONDS = 0.5  # dist/ is written when no save or rebuild has happened for this long
POLL_MS = 300        # how often to look at every file, only where file system events cannot be had
RACY_NS = 2_000_000_000  # while polling, a file changed this recently is compared by content too
FOLDER_CHECK_MS = 1000  # how often to check that content/, templates/ and assets/ are the folders watched
ERROR_TEMPLATE = "layouts/build-error.html"
FRONTEND_CSS = Path("govuk/govuk-frontend.min.css")
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


# Responding: a request path -> a file of the published build, as GitHub Pages would, plus the preview's additions.

def resolve_name(files: Mapping[str, bytes], base_path: str, url_path: str) -> tuple[str | None, str | None]:
    """Map a request path to an output file name, or to a redirect; (None, None) means not found.

    The same rules as pages_server.resolve, over the build in memory: nothing outside the site, no hidden
    files, a folder serves its index.html and needs its trailing slash.
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
    """Add the livereload script to an HTML page and, while the build is broken, the error summary at its top."""
    html = html.replace(b"</head>", RELOAD_SCRIPT + b"</head>", 1) if b"</head>" in html else RELOAD_SCRIPT + html
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

def render_errors(project: Project, errors: tuple[ContentError, ...], stylesheet_url: str) -> tuple[bytes, bytes]:
    """The error summary (to put at the top of old pages) and a whole error page, from build-error.html.

    If that template is itself broken or missing, plain HTML says so as well as listing the problems,
    so the editor never sees a traceback, or nothing.
    """
    lines = [format_error(e) for e in errors]
    try:
        env = make_environment(project.templates)
        template = env.get_template(ERROR_TEMPLATE)
        context = {**dict.fromkeys(TEMPLATE_DEFAULTS), "errors": lines, "stylesheet_url": stylesheet_url}
        summary = "".join(template.blocks["build_errors"](template.new_context(context)))
        return summary.encode("utf-8"), template.render(context).encode("utf-8")
    except Exception as exc:  # any fault in the error template must not hide the content errors
        lines.append(f"templates/{ERROR_TEMPLATE}: this page's own template failed too ({type(exc).__name__}: {exc})")
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        summary = f'<div class="govuk-error-summary"><h2>The preview could not be rebuilt</h2><ul>{items}</ul></div>'
        page = f'<!DOCTYPE html><html lang="en"><head><title>Error: the preview could not be rebuilt</title></head><body><main>{summary}</main></body></html>'
        return summary.encode("utf-8"), page.encode("utf-8")


# Watching: the operating system tells us which files changed (inotify on Linux, FSEvents on macOS,
# ReadDirectoryChangesW on Windows, through watchfiles), so noticing a save costs the same at 4 files or 4,000.

def _ignored(name: str) -> bool:
    """Editor droppings (swap, backup and lock files) are not content."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913"


def watched_folders(project: Project) -> list[str]:
    """The folders to watch that exist (content/ holds the site settings too); never dist/."""
    return [str(project.root / folder) for folder in WATCHED if (project.root / folder).is_dir()]


def relevant_changes(project: Project, raw: set[tuple[int, str]]) -> frozenset[str]:
    """The changed paths, relative to the project, that can affect the site: not dist/, hidden files or editor droppings."""
    # The system may report the real path (macOS reports /private/var/... for /var/...): try both spellings.
    roots = {str(project.root), os.path.realpath(project.root)}
    dists = tuple({str(project.dist) + os.sep, os.path.realpath(project.dist) + os.sep})
    changed = set()
    for _, path in raw:
        if path.startswith(dists):
            continue
        relative = next((os.path.relpath(path, root) for root in roots if path.startswith(root + os.sep)), None)
        if relative is None:
            changed.add(path)  # a path we cannot place: rebuild rather than miss a save
        elif not any(_ignored(part) for part in relative.split(os.sep)):
            changed.add(relative)
    return frozenset(changed)


def watched_identities(project: Project) -> tuple:
    """Which watched folders exist, and which folder each one is (its inode), to notice one replaced."""
    identities = []
    for folder in WATCHED:
        try:
            stat = os.stat(project.root / folder)
            identities.append((stat.st_dev, stat.st_ino))
        except OSError:
            identities.append(None)
    return tuple(identities)


def force_polling() -> bool:
    """Poll instead of using file system events: when WATCHFILES_FORCE_POLLING says so (for folders shared into
    a container or virtual machine, where events do not arrive), or under WSL, where files on the Windows side
    send none."""
    value = os.environ.get("WATCHFILES_FORCE_POLLING", "")
    if value:
        return value.lower() not in ("false", "disable", "disabled", "0")
    return "microsoft" in platform.uname().release.lower()


def start_watching(project: Project) -> "RustNotify | Poller":
    """Start watching now: changes from here on are kept until the watcher thread asks for them."""
    if force_polling():
        return Poller(project)
    return RustNotify(watched_folders(project), False, False, POLL_MS, True, True)


# Polling, where file system events cannot be had. Our own rather than watchfiles': its poller compares
# modification times in whole seconds, so a second save within the same second as the first was missed.

def snapshot(project: Project, now_ns: int | None = None) -> dict[str, tuple]:
    """Every watched file's (mtime, size, inode, hash): the content hash only for files changed in the last moments."""
    now_ns = now_ns or time.time_ns()
    files: dict[str, tuple] = {}
    dist = str(project.dist)
    for folder in WATCHED:
        for directory, subfolders, names in os.walk(project.root / folder):
            subfolders[:] = [d for d in subfolders if not d.startswith(".") and os.path.join(directory, d) != dist]
            for name in names:
                if _ignored(name):
                    continue
                path = os.path.join(directory, name)
                try:
                    stat = os.stat(path)
                    racy = now_ns - stat.st_mtime_ns < RACY_NS  # two saves in one timestamp tick look alike
                    digest = hashlib.blake2b(Path(path).read_bytes(), digest_size=16).digest() if racy else None
                    identity = (stat.st_mtime_ns, stat.st_size, stat.st_ino, digest)
                except OSError:
                    continue  # removed while we looked: the next snapshot will not list it
                files[path] = identity
    return files


def _differs(old: tuple | None, new: tuple | None) -> bool:
    if old is None or new is None or old[:3] != new[:3]:
        return old != new
    return old[3] is not None and new[3] is not None and old[3] != new[3]  # a hash is only there while racy


def changed_paths(before: dict[str, tuple], after: dict[str, tuple]) -> frozenset[str]:
    """Files added, removed or changed between two snapshots."""
    return frozenset(p for p in before.keys() | after.keys() if _differs(before.get(p), after.get(p)))


class Poller:
    """Looks at every watched file every POLL_MS (less often on a big site, so polling stays under a fifth
    of a core), with the same watch() and close() as watchfiles' RustNotify, so the preview uses either."""

    def __init__(self, project: Project):
        self.project = project
        self.before = snapshot(project)
        self.interval = POLL_MS / 1000

    def watch(self, debounce_ms: int, step_ms: int, timeout_ms: int, stop_event) -> "set[tuple[int, str]] | str":
        deadline = time.monotonic() + timeout_ms / 1000 if timeout_ms else None
        while not stop_event.is_set():
            started = time.perf_counter()
            after = snapshot(self.project)
            self.interval = max(POLL_MS / 1000, 5 * (time.perf_counter() - started))
            changed, self.before = changed_paths(self.before, after), after
            if changed:
                return {(2, path) for path in changed}
            left = deadline - time.monotonic() if deadline is not None else self.interval
            if left <= 0:
                return "timeout"
            stop_event.wait(min(left, self.interval))
        return "stop"

    def close(self) -> None:
        pass

    def __enter__(self) -> "Poller":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def only_styles(changed: frozenset[str]) -> bool:
    """True when every change is to our Sass, so browsers can swap the stylesheet without reloading the page."""
    return bool(changed) and all(p.replace(os.sep, "/").startswith("assets/scss/") for p in changed)


# The preview: rebuild, publish, notify, write.

def _reload_handler() -> type:
    """A LiveReloadHandler with its own set of browsers, so two previews in one process do not mix."""
    class PreviewReloadHandler(LiveReloadHandler):
        waiters: set = set()
        watcher = Watcher()
        live_css = True
        DEFAULT_RELOAD_TIME = 0  # we send reloads ourselves after each rebuild; nothing is to be ignored

        def on_message(self, message):
            super().on_message(message)
            # livereload adds browsers to its own class-wide set; keep them in this preview's set instead
            if self in LiveReloadHandler.waiters:
                LiveReloadHandler.waiters.discard(self)
                type(self).waiters.add(self)

        def on_close(self):
            type(self).waiters.discard(self)

    return PreviewReloadHandler


class _PageHandler(web.RequestHandler):
    """Serve GET and HEAD from the preview's published state."""

    def initialize(self, preview: "Preview"):
        self.preview = preview

    def get(self):
        self._send(head=False)

    def head(self):
        self._send(head=True)

    def _send(self, head: bool):
        response = respond(self.preview.published, self.request.path, self.preview.frontend_css)
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

    def log_exception(self, typ, value, tb):  # a broken connection is not worth a traceback in the terminal
        if not isinstance(value, (ConnectionError, OSError)):
            super().log_exception(typ, value, tb)


class Preview:
    """A running preview of one project: the web server, the watcher and the dist/ writer, each on a thread."""

    def __init__(self, project: Project, base_url: str | None = None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 say: Callable[[str], None] = print):
        self.project, self.base_url, self.host, self.requested_port = project, base_url, host, port
        self.say = say
        self.port: int | None = None
        self.address: str | None = None  # where the server actually listens
        self.memory = BuildMemory()
        self.published = Published()
        self.rebuilds = 0
        self.frontend_css = _read(project.engine.frontend / FRONTEND_CSS)
        self.reload_handler = _reload_handler()
        self.changed = threading.Condition()
        self._stop = threading.Event()
        self._pending_write: dict[str, bytes] | None = None
        self._active_at = time.monotonic()  # when the watcher last saw a save or a rebuild ended
        self._busy = False                  # a burst of saves is being waited out, or a rebuild is running
        self._garbage = False               # a rebuild has happened since the garbage was last collected
        self._gc_held = False
        self._write_ready = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._loop: IOLoop | None = None

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else ("localhost" if self.host == "::" else self.host)
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}{self.published.base_path}/"

    def start(self) -> "Preview":
        """Build once, then start serving and watching; returns when the server is listening."""
        self._hold_gc()
        notify = start_watching(self.project)  # before the build, so a save during it is not missed
        self._rebuild(frozenset())
        try:
            sockets = _bind(self.host, self.requested_port)
        except OSError:
            notify.close()
            self._release_gc()
            raise
        self.address, self.port = sockets[0].getsockname()[:2]
        listening = threading.Event()
        self._spawn(self._serve, sockets, listening)
        listening.wait(10)
        self._spawn(self._watch, notify)
        self._spawn(self._write_loop)
        return self

    def stop(self, timeout: float = 10) -> None:
        """Stop watching and serving; finish writing dist/ if a write is under way."""
        self._stop.set()
        with self._write_ready:
            self._write_ready.notify_all()
        if self._loop is not None:
            self._loop.add_callback(self._loop.stop)
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        with self._write_ready:  # a rebuild that ended after the writer stopped
            files, self._pending_write = self._pending_write, None
        if files is not None and not any(t.is_alive() for t in self._threads):
            try:
                write_site(files, self.project.dist)
            except Exception as exc:
                self.say(f"preview: could not write {self.project.dist}: {exc}")
        self._release_gc()

    def wait_for_rebuild(self, after: int, timeout: float) -> bool:
        """Wait until more than ``after`` rebuilds have been published; False on timeout."""
        with self.changed:
            return self.changed.wait_for(lambda: self.rebuilds > after, timeout)

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name=f"preview-{target.__name__.strip('_')}")
        self._threads.append(thread)
        thread.start()

    # the server

    def _serve(self, sockets, listening: threading.Event) -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        self._loop = IOLoop.current()
        app = web.Application([
            (r"/livereload", self.reload_handler),
            (r"/livereload\.js", LiveReloadJSHandler),
            (r"/.*", _PageHandler, {"preview": self}),
        ], log_function=lambda handler: None)  # the terminal is for build results, not a request log
        server = httpserver.HTTPServer(app)
        server.add_sockets(sockets)
        self._loop.add_callback(listening.set)
        try:
            self._loop.start()
        finally:
            server.stop()
            self._loop.close(all_fds=True)

    def _notify(self, path: str) -> None:
        """Tell every connected browser to reload (a .css path swaps the stylesheet only)."""
        if self._loop is not None:
            self._loop.add_callback(self.reload_handler.reload_waiters, path)

    # the watcher

    def _watch(self, notify: "RustNotify | Poller") -> None:
        """Rebuild after each burst of saves; saves made during a rebuild are kept by the watcher and give one more.

        A watched folder that is removed, replaced or created (a branch switch can do that to content/ or
        templates/) takes its file events with it, so every second, and after each burst, the folders
        themselves are looked at; if they changed, watching starts again on the new ones and the site is rebuilt.
        """
        folders = watched_identities(self.project)
        try:
            while not self._stop.is_set():
                try:
                    raw = self._next_burst(notify)
                    if raw is None:
                        continue
                    changed = relevant_changes(self.project, raw)
                    now = watched_identities(self.project)
                    if now != folders:
                        notify.close()
                        notify, folders = start_watching(self.project), now
                        changed |= {folder for folder in WATCHED}
                    if changed:
                        self._rebuild(changed)
                except Exception:  # the preview must outlive any one fault; say what it was and carry on
                    self.say(f"preview: internal error while watching:\n{traceback.format_exc()}")
                    self._stop.wait(0.5)
                finally:
                    self._busy = False
        finally:
            notify.close()

    def _next_burst(self, notify: "RustNotify | Poller") -> set | None:
        """Wait for a save, then until QUIET_MS pass with no other (at most MOST_WAIT_MS); None when stopping.

        The waiting for quiet is ours: watchfiles groups changes until its set of (change, path) stops
        growing, and many saves of one file are one member of that set, so it would return mid-burst.
        """
        raw = notify.watch(1, STEP_MS, FOLDER_CHECK_MS, self._stop)  # hand over the first change at the next step
        if raw == "timeout":  # nothing saved for a while: collect garbage; the caller checks the folders
            if self._garbage:
                self._collect_garbage()
            return set()
        if isinstance(raw, str):  # 'stop' (we are stopping); 'signal' only reaches the main thread
            return None
        self._busy = True  # the dist/ writer gives way from now until the rebuild is done
        changes = set(raw)
        deadline = time.monotonic() + MOST_WAIT_MS / 1000
        while time.monotonic() < deadline:
            more = notify.watch(1, QUIET_STEP_MS, QUIET_MS, self._stop)
            if more == "timeout":
                break
            if isinstance(more, str):
                return None
            changes |= more
        return changes

    # the rebuild

    def _rebuild(self, changed: frozenset[str]) -> None:
        self._busy = True
        try:
            self._rebuild_once(changed)
        finally:
            self._active_at, self._busy, self._garbage = time.monotonic(), False, True

    def _rebuild_once(self, changed: frozenset[str]) -> None:
        started = time.perf_counter()
        was_good = not self.published.errors and bool(self.published.files)
        try:
            built = build_site(self.project, self.base_url, self.memory, write=None)
            site, files = built.site, built.files
        except BuildFailed as failed:
            self._publish_errors(failed.errors)
            return
        except Exception as exc:  # an internal fault, not a content mistake: show it, keep serving
            self.memory = BuildMemory()  # start clean next time, in case the fault left it part-way
            self.say(traceback.format_exc())
            self._publish_errors((ContentError("build.py", 0, f"internal error: {type(exc).__name__}: {exc} (the traceback is in the terminal)"),))
            return
        stylesheet = next((n.rsplit("/", 1)[1] for n in files if n.startswith("assets/css/app-")), None)
        with self._write_ready:  # queued for dist/ before it is published, so a stop right after still writes it
            self._pending_write = files
            self._write_ready.notify_all()
        self._publish(Published(files, site.config.base_path, stylesheet, generation=self.rebuilds + 1))
        took = (time.perf_counter() - started) * 1000
        rendered = len(self.memory.rendered)
        self.say(f"Built in {took:.0f} ms ({rendered} page{'s' if rendered != 1 else ''} rendered, the rest unchanged).")
        styles_only = was_good and only_styles(changed) and stylesheet is not None
        self._notify(f"{site.config.base_path}/assets/css/{stylesheet}" if styles_only else "index.html")

    def _publish_errors(self, errors: tuple[ContentError, ...]) -> None:
        old = self.published
        base_path = old.base_path if old.files else _guess_base_path(self.project, self.base_url)
        css = f"{base_path}/assets/css/{old.stylesheet}" if old.stylesheet else PREVIEW_CSS_URL
        summary, page = render_errors(self.project, errors, css)
        for error in errors:
            self.say(format_error(error))
        count = len(errors)
        self.say(f"Build failed: {count} problem{'s' if count != 1 else ''}. Still serving the last good build; dist/ was not changed.")
        self._publish(Published(old.files, base_path, old.stylesheet, tuple(errors), summary, page, self.rebuilds + 1))
        self._notify("index.html")

    def _publish(self, state: Published) -> None:
        with self.changed:
            self.published = state
            self.rebuilds += 1
            self.changed.notify_all()

    def _hold_gc(self) -> None:
        if not self._gc_held:
            self._gc_held = True
            _hold_collector(True)

    def _release_gc(self) -> None:
        if self._gc_held:
            self._gc_held = False
            _hold_collector(False)

    def _collect_garbage(self) -> None:
        """Collect cyclic garbage now, while nobody is waiting (see _hold_collector)."""
        self._garbage = False
        gc.collect()

    # the dist/ writer

    def _write_loop(self) -> None:
        """Write the newest good build to dist/ once the preview has been quiet for WRITE_QUIET_SECONDS.

        Writing thousands of files holds the interpreter for a while, so it waits for a pause in the
        editing and gives way (starting again later) when a save comes in; the browser never waits for it.
        When the preview stops, a build not yet written is written at once.
        """
        while True:
            with self._write_ready:
                self._write_ready.wait_for(lambda: self._pending_write is not None or self._stop.is_set())
                if self._pending_write is None:
                    return  # stopping, and nothing is left to write
            quiet = time.monotonic() - self._active_at
            if not self._stop.is_set() and (self._busy or quiet < WRITE_QUIET_SECONDS):
                self._stop.wait(max(WRITE_QUIET_SECONDS - quiet, 0.05))
                continue
            with self._write_ready:
                files, self._pending_write = self._pending_write, None
            mark = self._active_at
            self._collect_garbage()
            try:
                written = write_site(files, self.project.dist, lambda: not self._stop.is_set() and (self._busy or self._active_at != mark))
            except Exception as exc:  # a full disk must not stop the preview; the next good build tries again
                self.say(f"preview: could not write {self.project.dist}: {exc}")
                continue
            if not written:
                with self._write_ready:
                    if self._pending_write is None:
                        self._pending_write = files  # a save came in; write this one after it unless it is replaced


_GC_LOCK = threading.Lock()
_GC_HOLDERS = [0, False]  # running previews, and whether automatic collection was on before the first


def _hold_collector(hold: bool) -> None:
    """Turn Python's automatic garbage collection off while any preview runs, and back on after the last.

    At thousands of pages a full collection walks millions of objects (about 0.13 s at 4,000 case
    studies), and left to itself it starts at random moments, such as between a save and its rebuild.
    The preview collects instead when nobody is waiting: before writing dist/ after a pause in editing,
    and after a second with no saves (see _collect_garbage).
    """
    with _GC_LOCK:
        if hold:
            if _GC_HOLDERS[0] == 0:
                _GC_HOLDERS[1] = gc.isenabled()
                gc.disable()
            _GC_HOLDERS[0] += 1
        elif _GC_HOLDERS[0] > 0:
            _GC_HOLDERS[0] -= 1
            if _GC_HOLDERS[0] == 0 and _GC_HOLDERS[1]:
                gc.enable()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _guess_base_path(project: Project, base_url: str | None) -> str:
    """The base path when no build has worked yet: from --base-url, or site.yaml if it parses at all."""
    if not base_url:
        try:
            data = yaml.safe_load((project.root / "content" / "site.yaml").read_text(encoding="utf-8"))
            base_url = data.get("base_url") if isinstance(data, dict) else None
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            base_url = None
    if not isinstance(base_url, str) or check_base_url(base_url):
        return ""
    return urlsplit(normalise_base_url(base_url)).path.rstrip("/")


def _bind(host: str, port: int) -> list:
    """Listening sockets on the port asked for, or the next free one, or any free one."""
    candidates = [port] if port == 0 else [*range(port, port + PORTS_TO_TRY), 0]
    for candidate in candidates:
        try:
            return netutil.bind_sockets(candidate, address=host)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
    raise OSError(errno.EADDRINUSE, f"no free port from {port}")


def serve(project: Project, base_url: str | None = None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> int:
    """Run the preview until Ctrl+C; returns the exit code."""
    preview = Preview(project, base_url, host, port, say=lambda text: print(text, flush=True))
    try:  # from here on, Ctrl+C at any moment (even mid-print) stops cleanly
        preview.start()
        if port and preview.port != port:
            print(f"Port {port} is in use, so the preview uses port {preview.port}.", flush=True)
        print(f"Previewing at {preview.url}  (watching content/, templates/ and assets/; press Ctrl+C to stop)", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("\nStopping the preview ...", flush=True)
    finally:
        preview.stop()
    return 0
