"""The dist/ writer: the newest good build goes to dist/ once editing pauses, and at once on stopping.

Writing thousands of files takes longer than the rebuild itself and holds the interpreter meanwhile, so
the browser is served from memory and never waits for it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..write import write_site

WRITE_QUIET_SECONDS = 0.5  # dist/ is written when no save or rebuild has happened for this long


@dataclass
class Activity:
    """What the dist/ writer gives way to: a flag and a time, set by the watcher and the rebuild."""

    busy: bool = False  # a burst of saves is being waited out, or a rebuild is running
    # when the watcher last saw a save or a rebuild ended
    active_at: float = field(default_factory=time.monotonic)


class DistWriter:
    """Holds the newest good build not yet in dist/, and writes it on its own thread (run)."""

    def __init__(self, dist: Path, stop: threading.Event, activity: Activity, collect: Callable[[], None],
                 say: Callable[[str], None]):
        self.dist, self.stop, self.activity, self.collect, self.say = dist, stop, activity, collect, say
        self._pending_write: dict[str, bytes] | None = None
        self._write_ready = threading.Condition()

    def queue(self, files: dict[str, bytes]) -> None:
        """Make files the next build to write, in place of any not yet written."""
        with self._write_ready:
            self._pending_write = files
            self._write_ready.notify_all()

    def wake(self) -> None:
        """Let the writer thread see that the preview is stopping."""
        with self._write_ready:
            self._write_ready.notify_all()

    def run(self) -> None:
        """Write the newest good build to dist/ once the preview has been quiet for WRITE_QUIET_SECONDS.

        Writing thousands of files holds the interpreter for a while, so it waits for a pause in the
        editing and gives way (starting again later) when a save comes in; the browser never waits for it.
        When the preview stops, a build not yet written is written at once.
        """
        while True:
            with self._write_ready:
                self._write_ready.wait_for(lambda: self._pending_write is not None or self.stop.is_set())
                if self._pending_write is None:
                    return  # stopping, and nothing is left to write
            quiet = time.monotonic() - self.activity.active_at
            if not self.stop.is_set() and (self.activity.busy or quiet < WRITE_QUIET_SECONDS):
                self.stop.wait(max(WRITE_QUIET_SECONDS - quiet, 0.05))
                continue
            with self._write_ready:
                files, self._pending_write = self._pending_write, None
            self._write(files)

    def _write(self, files: dict[str, bytes]) -> None:
        """Write files to dist/, giving way to a save that comes in meanwhile (unless stopping)."""
        mark = self.activity.active_at
        self.collect()
        try:
            written = write_site(files, self.dist, lambda: not self.stop.is_set() and (
                self.activity.busy or self.activity.active_at != mark))
        except Exception as exc:  # a full disk must not stop the preview; the next good build tries again
            self.say(f"preview: could not write {self.dist}: {exc}")
            return
        if not written:
            with self._write_ready:
                if self._pending_write is None:
                    # a save came in; write this one after it unless it is replaced
                    self._pending_write = files

    def finish(self, may_write: Callable[[], bool]) -> None:
        """After the threads have stopped: write a build that a rebuild queued after the writer stopped."""
        with self._write_ready:
            files, self._pending_write = self._pending_write, None
        if files is not None and may_write():
            try:
                write_site(files, self.dist)
            except Exception as exc:
                self.say(f"preview: could not write {self.dist}: {exc}")
