"""The Preview: one object that joins the rebuild, the web server, the watcher and the dist/ writer."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

from ..pipeline import Project
from .collector import Collector
from .rebuild import Rebuilder
from .respond import FRONTEND_CSS, Published
from .server import DEFAULT_HOST, DEFAULT_PORT, Server, bind
from .watch import WatchLoop, start_watching
from .writer import Activity, DistWriter


class Preview:
    """A running preview of one project: the web server, the watcher and the dist/ writer, each a thread."""

    def __init__(self, project: Project, base_url: str | None = None, host: str = DEFAULT_HOST,
                 port: int = DEFAULT_PORT, say: Callable[[str], None] = print):
        self.project, self.base_url, self.host, self.requested_port = project, base_url, host, port
        self.say = say
        self.port: int | None = None
        self.address: str | None = None  # where the server actually listens
        self._stop = threading.Event()
        self._activity = Activity()
        self._collector = Collector()
        self._writer = DistWriter(project.dist, self._stop, self._activity, self._collector.collect, say)
        self._server = Server(lambda: self._builds.published, _read(project.engine.frontend / FRONTEND_CSS))
        self.reload_handler = self._server.reload_handler
        self._builds = Rebuilder(project, base_url, say, self._writer.queue, self._server.notify)
        self._watcher = WatchLoop(project, self._stop, self._activity, self._rebuild,
                                  self._collector.collect_if_needed, say)
        self._threads: list[threading.Thread] = []

    @property
    def published(self) -> Published:
        """What the web server shows now."""
        return self._builds.published

    @property
    def rebuilds(self) -> int:
        """How many builds, good or failed, have been published."""
        return self._builds.rebuilds

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        host = ("127.0.0.1" if self.host in ("", "0.0.0.0")
                else ("localhost" if self.host == "::" else self.host))
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}{self.published.base_path}/"

    def start(self) -> "Preview":
        """Build once, then start serving and watching; returns when the server is listening."""
        self._collector.hold()
        notify = start_watching(self.project)  # before the build, so a save during it is not missed
        self._rebuild(frozenset())
        try:
            sockets = bind(self.host, self.requested_port)
        except OSError:
            notify.close()
            self._collector.release()
            raise
        self.address, self.port = sockets[0].getsockname()[:2]
        listening = threading.Event()
        self._spawn("serve", self._server.run, sockets, listening)
        listening.wait(10)
        self._spawn("watch", self._watcher.run, notify)
        self._spawn("write_loop", self._writer.run)
        return self

    def stop(self, timeout: float = 10) -> None:
        """Stop watching and serving; finish writing dist/ if a write is under way."""
        self._stop.set()
        self._writer.wake()
        self._server.stop()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        # a rebuild that ended after the writer stopped is written now, unless a thread is still running
        self._writer.finish(lambda: not any(t.is_alive() for t in self._threads))
        self._collector.release()

    def wait_for_rebuild(self, after: int, timeout: float) -> bool:
        """Wait until more than ``after`` rebuilds have been published; False on timeout."""
        return self._builds.wait_for_rebuild(after, timeout)

    def _spawn(self, name: str, target: Callable, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name=f"preview-{name}")
        self._threads.append(thread)
        thread.start()

    def _rebuild(self, changed: frozenset[str]) -> None:
        self._activity.busy = True  # the dist/ writer gives way until the rebuild is done
        try:
            self._builds.rebuild(changed)
        finally:
            self._activity.active_at, self._activity.busy = time.monotonic(), False
            self._collector.rebuilt()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def serve(project: Project, base_url: str | None = None, host: str = DEFAULT_HOST,
          port: int = DEFAULT_PORT) -> int:
    """Run the preview until Ctrl+C; returns the exit code."""
    preview = Preview(project, base_url, host, port, say=lambda text: print(text, flush=True))
    try:  # from here on, Ctrl+C at any moment (even mid-print) stops cleanly
        preview.start()
        if port and preview.port != port:
            print(f"Port {port} is in use, so the preview uses port {preview.port}.", flush=True)
        print(f"Previewing at {preview.url}  "
              "(watching content/, templates/ and assets/; press Ctrl+C to stop)", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("\nStopping the preview ...", flush=True)
    finally:
        preview.stop()
    return 0
