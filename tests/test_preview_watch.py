"""Watching for the preview: the one private watchfiles interface it uses (RustNotify), held to its contract.

watchfiles documents RustNotify but keeps it in a private module, so an upgrade may change it without
notice. These tests fail first if it does: how it is called, what watch() returns for a save, a timeout
and a stop, and that microsite/preview/watch.py is the only place that uses it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from watchfiles._rust_notify import RustNotify

from microsite.preview import watch

ROOT = Path(__file__).resolve().parent.parent


def test_rustnotify_takes_the_arguments_the_preview_gives_it():
    assert RustNotify.__text_signature__ == (
        "(watch_paths, debug, force_polling, poll_delay_ms, recursive, ignore_permission_denied)")
    assert RustNotify.watch.__text_signature__ == "($self, debounce_ms, step_ms, timeout_ms, stop_event)"


def test_rustnotify_reports_a_save_a_timeout_and_a_stop(tmp_path):
    stop = threading.Event()
    notify = watch.file_events([str(tmp_path)])
    try:
        assert notify.watch(1, 5, 50, stop) == "timeout"
        saved = tmp_path / "saved.md"
        saved.write_text("saved", encoding="utf-8")
        changes = notify.watch(1, 5, 5000, stop)
        assert isinstance(changes, set) and changes, changes
        assert all(isinstance(change, int) and isinstance(path, str) for change, path in changes)
        assert {os.path.realpath(path) for _, path in changes} == {os.path.realpath(saved)}
        stop.set()
        assert notify.watch(1, 5, 5000, stop) == "stop"
    finally:
        notify.close()


def test_only_the_watch_module_uses_the_private_interface():
    users = [path.relative_to(ROOT).as_posix() for path in sorted((ROOT / "microsite").rglob("*.py"))
             if "_rust_notify" in path.read_text(encoding="utf-8")]
    assert users == ["microsite/preview/watch.py"]
