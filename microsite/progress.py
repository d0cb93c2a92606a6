"""What a long build says while it works: a progress line on a terminal, stage times with --verbose.

The pipeline tells a ``Progress`` each stage it starts (with a count of items, if it has one) and each
item finished. ``SILENT`` says nothing: for tests, the preview, ``--quiet``, and wherever output is
not a terminal or is a CI log. ``Line`` rewrites one line of a terminal, only once the build has
taken more than ``DELAY`` seconds, and clears it at the end; ``StageLog`` (``--verbose``) prints a
line per stage with its time. No thread is used: drawing happens when the build reports, so worker
processes are never forked while another thread runs.
"""

from __future__ import annotations

import os
import time
from typing import Callable, TextIO

DELAY = 2.0      # seconds before a progress line appears: a quick build says nothing
INTERVAL = 0.1   # seconds between redraws


class Progress:
    """Told what the build is doing; says nothing."""

    def stage(self, name: str, total: int = 0) -> None:
        """A stage starts, with ``total`` items to do (0: not counted)."""

    def advance(self, count: int = 1) -> None:
        """``count`` more items of the stage are done."""

    def finish(self) -> None:
        """The build is over."""


SILENT = Progress()


class Line(Progress):
    """One line on a terminal, rewritten in place: 'Rendering pages: 1,234 of 4,107'."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic,
                 delay: float = DELAY):
        self.stream, self.clock, self.delay = stream, clock, delay
        self.began = clock()
        self.name, self.total, self.count = "", 0, 0
        self.drawn_at: float | None = None

    def stage(self, name: str, total: int = 0) -> None:
        self.name, self.total, self.count = name, total, 0
        self._draw(force=True)

    def advance(self, count: int = 1) -> None:
        self.count += count
        self._draw(force=self.count == self.total)

    def finish(self) -> None:
        if self.drawn_at is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def text(self) -> str:
        """The line as it reads now."""
        if self.total:
            return f"{self.name}: {self.count:,} of {self.total:,}"
        return f"{self.name}..."

    def _draw(self, force: bool) -> None:
        now = self.clock()
        if now - self.began < self.delay:
            return
        if not force and self.drawn_at is not None and now - self.drawn_at < INTERVAL:
            return
        self.stream.write(f"\r\x1b[K{self.text()}")
        self.stream.flush()
        self.drawn_at = now


class StageLog(Progress):
    """A line per stage, with the time it took: for --verbose, on a terminal or in a log."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.perf_counter):
        self.stream, self.clock = stream, clock
        self.name, self.total, self.started = "", 0, clock()

    def stage(self, name: str, total: int = 0) -> None:
        self._end()
        self.name, self.total, self.started = name, total, self.clock()

    def finish(self) -> None:
        self._end()
        self.name = ""

    def _end(self) -> None:
        if self.name:
            counted = f" ({self.total:,})" if self.total else ""
            self.stream.write(f"{self.name}{counted}: {self.clock() - self.started:.2f} s\n")
            self.stream.flush()


def progress_for(stream: TextIO, quiet: bool = False, verbose: bool = False,
                 environ: dict | None = None) -> Progress:
    """The progress a command should show on ``stream``, given --quiet and --verbose."""
    environ = os.environ if environ is None else environ
    if quiet:
        return SILENT
    if verbose:
        return StageLog(stream)
    interactive = stream.isatty() and not environ.get("CI") and environ.get("TERM") != "dumb"
    return Line(stream) if interactive else SILENT
