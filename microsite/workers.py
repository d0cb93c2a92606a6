"""Work shared among processes: a pool of forked workers that inherit the build's state.

Rendering 4,000 pages (and converting their Markdown) is CPU work that one Python process does on
one core. Here it is split among worker processes, one per core. They are forked once the model is
built, so each starts with the site, the templates and the page plan already in memory: nothing is
pickled on the way in, only results come back, in the order of the items, so the output is the same
whatever the number of workers.

Forking is used only where it is safe and available (Linux, where it is the default); elsewhere, and
for small jobs where starting workers costs more than it saves, the work runs in this process.
``jobs_for`` decides; ``--jobs N`` on the command line overrides the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from typing import Callable, Iterable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, one process is as fast as starting workers. Measured on 2 December 2026 (2
# cores, whole `build` processes, medians of 5 alternating runs, two workers against one): 27 pages
# 1.03 times the time, 57 pages 0.91, 127 pages 0.79, 607 pages 0.60.
PARALLEL_FROM = 50
CHUNK = 32  # items a worker takes at a time: enough to amortise the round trip, small for balance

# What forked workers inherit: set by ``parallel_map`` just before the pool is made, cleared after.
# It is the only module state here, and holds nothing between builds.
_work: Callable | None = None


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether worker processes can inherit the build: fork, on Linux only."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def jobs_for(count: int, requested: int | None = None) -> int:
    """How many processes should do ``count`` items: ``requested`` if given, else one per core.

    One process when there are few items, or where workers cannot be forked.
    """
    if not can_fork():
        return 1
    if requested is not None:
        return max(1, requested)
    return 1 if count < PARALLEL_FROM else cores()


def parallel_map(work: Callable[[Item], Result], items: Sequence[Item], jobs: int,
                 done: Callable[[int], None] | None = None) -> list[Result]:
    """[work(item) for item in items], in ``jobs`` processes, in order; ``done(n)`` as they finish.

    ``work`` may be a closure over anything the build holds: the workers are forked, not sent it.
    """
    if jobs <= 1 or len(items) <= 1:
        return _in_this_process(work, items, done)
    global _work
    chunks = [range(start, min(start + CHUNK, len(items))) for start in range(0, len(items), CHUNK)]
    _work = lambda chunk: [work(items[i]) for i in chunk]  # noqa: E731 - inherited by the fork
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(chunks))) as pool:
            results: list[Result] = []
            for part in pool.imap(_run_chunk, chunks):
                results.extend(part)
                if done is not None:
                    done(len(part))
            return results
    finally:
        _work = None


def _run_chunk(chunk: range) -> list:
    """In a worker: do one chunk of the inherited work."""
    assert _work is not None, "a worker was started without work to inherit"
    return _work(chunk)


def _in_this_process(work: Callable, items: Iterable, done: Callable[[int], None] | None) -> list:
    results = []
    for item in items:
        results.append(work(item))
        if done is not None:
            done(1)
    return results
