"""Watching: which saves under content/, templates/ and assets/ can change the site, and when a burst ends.

The operating system tells us which files changed (inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows, through watchfiles), so noticing a save costs the same at 4 files or
4,000. Where file system events cannot be had, our own Poller looks at every file instead.
"""

from __future__ import annotations

import hashlib
import os
import platform
import threading
import time
import traceback
from pathlib import Path
from typing import Callable

# The only use of watchfiles' private module: its documented low-level interface, which watchfiles.watch()
# wraps in a generator whose waiting for quiet does not suit us (see WatchLoop.next_burst).
# tests/test_preview_watch.py fails if an upgrade of watchfiles changes it.
from watchfiles._rust_notify import RustNotify

from ..pipeline import Project
from .writer import Activity

WATCHED = ("content", "templates", "assets")
STEP_MS = 5          # how often the watcher looks at the changes it has been told of
QUIET_MS = 20        # a save must be followed by this much quiet before the rebuild starts
QUIET_STEP_MS = 5    # how often to look while waiting for that quiet
MOST_WAIT_MS = 1000  # but never wait longer than this for a burst of saves to end
POLL_MS = 300        # how often to look at every file, only where file system events cannot be had
RACY_NS = 2_000_000_000  # while polling, a file changed this recently is compared by content too
FOLDER_CHECK_MS = 1000  # how often to check that content/, templates/ and assets/ are the folders watched


def _ignored(name: str) -> bool:
    """Editor droppings (swap, backup and lock files) are not content."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913"


def watched_folders(project: Project) -> list[str]:
    """The folders to watch that exist (content/ holds the site settings too); never dist/."""
    return [str(project.root / folder) for folder in WATCHED if (project.root / folder).is_dir()]


def relevant_changes(project: Project, raw: set[tuple[int, str]]) -> frozenset[str]:
    """The changed paths, relative to the project, that can affect the site: not dist/, hidden files or
    editor droppings."""
    # The system may report the real path (macOS reports /private/var/... for /var/...): try both spellings.
    roots = {str(project.root), os.path.realpath(project.root)}
    dists = tuple({str(project.dist) + os.sep, os.path.realpath(project.dist) + os.sep})
    changed = set()
    for _, path in raw:
        if path.startswith(dists):
            continue
        relative = next((os.path.relpath(path, root) for root in roots if path.startswith(root + os.sep)),
                        None)
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
    """Poll instead of using file system events: when WATCHFILES_FORCE_POLLING says so (for folders shared
    into a container or virtual machine, where events do not arrive), or under WSL, where files on the
    Windows side send none."""
    value = os.environ.get("WATCHFILES_FORCE_POLLING", "")
    if value:
        return value.lower() not in ("false", "disable", "disabled", "0")
    return "microsoft" in platform.uname().release.lower()


def file_events(folders: list[str]) -> RustNotify:
    """The operating system's file events for folders, from watchfiles' RustNotify (made here, nowhere else).

    Its watch(debounce_ms, step_ms, timeout_ms, stop_event) returns a set of (change, path) or 'stop',
    'timeout' or 'signal', the same as Poller.watch.
    """
    return RustNotify(folders, False, False, POLL_MS, True, True)


def start_watching(project: Project) -> "RustNotify | Poller":
    """Start watching now: changes from here on are kept until the watcher thread asks for them."""
    if force_polling():
        return Poller(project)
    return file_events(watched_folders(project))


# Polling, where file system events cannot be had. Our own rather than watchfiles': its poller compares
# modification times in whole seconds, so a second save within the same second as the first was missed.

def snapshot(project: Project, now_ns: int | None = None) -> dict[str, tuple]:
    """Every watched file's (mtime, size, inode, hash): the content hash only for files changed in the last
    moments."""
    now_ns = now_ns or time.time_ns()
    files: dict[str, tuple] = {}
    dist = str(project.dist)
    for folder in WATCHED:
        for directory, subfolders, names in os.walk(project.root / folder):
            subfolders[:] = [d for d in subfolders
                             if not d.startswith(".") and os.path.join(directory, d) != dist]
            for name in names:
                if _ignored(name):
                    continue
                path = os.path.join(directory, name)
                try:
                    stat = os.stat(path)
                    racy = now_ns - stat.st_mtime_ns < RACY_NS  # two saves in one timestamp tick look alike
                    digest = _digest(path) if racy else None
                    identity = (stat.st_mtime_ns, stat.st_size, stat.st_ino, digest)
                except OSError:
                    continue  # removed while we looked: the next snapshot will not list it
                files[path] = identity
    return files


def _digest(path: str) -> bytes:
    return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).digest()


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

    def watch(self, debounce_ms: int, step_ms: int, timeout_ms: int,
              stop_event) -> "set[tuple[int, str]] | str":
        """Wait for changes, as RustNotify.watch does: a set of (change, path), or 'timeout' or 'stop'."""
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
        """Nothing to stop: the poller has no thread of its own."""

    def __enter__(self) -> "Poller":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class WatchLoop:
    """The watcher thread: one rebuild after each burst of saves; watching anew when a folder is replaced."""

    def __init__(self, project: Project, stop: threading.Event, activity: Activity,
                 rebuild: Callable[[frozenset[str]], None], idle: Callable[[], None],
                 say: Callable[[str], None]):
        self.project, self.stop, self.activity = project, stop, activity
        self.rebuild, self.idle, self.say = rebuild, idle, say

    def run(self, notify: "RustNotify | Poller") -> None:
        """Rebuild after each burst of saves; saves made during a rebuild are kept by the watcher and give one
        more.

        A watched folder that is removed, replaced or created (a branch switch can do that to content/ or
        templates/) takes its file events with it, so every second, and after each burst, the folders
        themselves are looked at; if they changed, watching starts again on the new ones and the site is
        rebuilt.
        """
        folders = watched_identities(self.project)
        try:
            while not self.stop.is_set():
                try:
                    raw = self.next_burst(notify)
                    if raw is None:
                        continue
                    changed = relevant_changes(self.project, raw)
                    now = watched_identities(self.project)
                    if now != folders:
                        notify.close()
                        notify, folders = start_watching(self.project), now
                        changed |= {folder for folder in WATCHED}
                    if changed:
                        self.rebuild(changed)
                except Exception:  # the preview must outlive any one fault; say what it was and carry on
                    self.say(f"preview: internal error while watching:\n{traceback.format_exc()}")
                    self.stop.wait(0.5)
                finally:
                    self.activity.busy = False
        finally:
            notify.close()

    def next_burst(self, notify: "RustNotify | Poller") -> set | None:
        """Wait for a save, then until QUIET_MS pass with no other (at most MOST_WAIT_MS); None when stopping.

        The waiting for quiet is ours: watchfiles groups changes until its set of (change, path) stops
        growing, and many saves of one file are one member of that set, so it would return mid-burst.
        """
        # 1 ms of debounce: hand over the first change at the next step; the waiting for quiet is below
        raw = notify.watch(1, STEP_MS, FOLDER_CHECK_MS, self.stop)
        if raw == "timeout":  # nothing saved for a while: collect garbage; the caller checks the folders
            self.idle()
            return set()
        if isinstance(raw, str):  # 'stop' (we are stopping); 'signal' only reaches the main thread
            return None
        self.activity.busy = True  # the dist/ writer gives way from now until the rebuild is done
        changes = set(raw)
        deadline = time.monotonic() + MOST_WAIT_MS / 1000
        while time.monotonic() < deadline:
            more = notify.watch(1, QUIET_STEP_MS, QUIET_MS, self.stop)
            if more == "timeout":
                break
            if isinstance(more, str):
                return None
            changes |= more
        return changes
