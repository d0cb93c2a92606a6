"""The preview under stress, on loopback only and bounded in count and time: a thousand quick saves,
a hundred break-and-fix cycles, and two hundred concurrent requests while it rebuilds. The server
must stay up, serve only complete pages, and come back to the good site every time."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from test_serve import WAIT, get, wait_until

pytestmark = pytest.mark.slow
PAGE = "/tiny/about/"
ABOUT = "content/pages/about.md"


def about_text(title: str) -> str:
    return "---\nid: about\ntitle: " + title + "\nsummary: What this site is.\n---\nThis site is tiny.\n"


def complete(body: str) -> bool:
    return body.rstrip().endswith("</html>") and body.count("<html") == 1


def save_from_another_process(file, versions: list[str], pause: float = 0.0) -> None:
    """Save each version in turn from a separate process, as an editor would (bounded by a timeout)."""
    script = ("import sys, time\nfor text in sys.argv[3:]:\n"
              "    open(sys.argv[1], 'w', encoding='utf-8').write(text)\n    time.sleep(float(sys.argv[2]))\n")
    subprocess.run([sys.executable, "-c", script, str(file), str(pause), *versions], check=True, timeout=120)


def test_a_thousand_quick_saves_end_in_the_last_version_with_few_rebuilds(tiny, start_preview):
    preview = start_preview(tiny, "https://example.test/tiny/")
    before = preview.rebuilds
    save_from_another_process(tiny.root / ABOUT, [about_text(f"Save {n}") for n in range(1000)])
    wait_until(lambda: "Save 999" in get(preview, PAGE)[2])
    time.sleep(0.5)
    status, _, body = get(preview, PAGE)
    assert status == 200 and complete(body) and "Save 999" in body
    assert preview.rebuilds - before < 50, f"{preview.rebuilds - before} rebuilds for one burst of saves"


def test_break_then_fix_a_hundred_times_recovers_every_time(tiny, start_preview):
    preview = start_preview(tiny, "https://example.test/tiny/")
    file = tiny.root / ABOUT
    for cycle in range(100):
        file.write_text('---\nid: about\ntitle: "Unclosed\n---\n', encoding="utf-8")
        # (A rebuild may catch the file half-written and show that error first; the next one corrects it.)
        wait_until(lambda: "content/pages/about.md:3" in get(preview, PAGE)[2], timeout=WAIT)
        status, _, body = get(preview, PAGE)
        assert status == 200 and complete(body), f"cycle {cycle}: the old page was not served whole"
        assert "This site is tiny." in body, f"cycle {cycle}: the last good page is not under the error"
        file.write_text(about_text(f"Fixed {cycle}"), encoding="utf-8")
        wait_until(lambda: not preview.published.errors and f"Fixed {cycle}" in get(preview, PAGE)[2], timeout=WAIT)
    assert not (tiny.root / "dist").exists() or "Unclosed" not in (tiny.root / "dist/about/index.html").read_text(encoding="utf-8")


def test_two_hundred_concurrent_requests_during_rebuilds_all_get_whole_pages(tiny, start_preview):
    preview = start_preview(tiny, "https://example.test/tiny/")
    stop = threading.Event()

    def keep_saving():
        number = 0
        while not stop.is_set() and number < 400:
            (tiny.root / ABOUT).write_text(about_text(f"Busy {number}"), encoding="utf-8")
            number += 1
            time.sleep(0.12)  # just past the preview's wait for quiet, so it rebuilds again and again

    saver = threading.Thread(target=keep_saving, daemon=True)
    saver.start()
    paths = [PAGE, "/tiny/", "/tiny/principles/be-small/", "/tiny/case-studies/first-case/"] * 50
    before = preview.rebuilds

    def fetch(path):
        time.sleep(0.1)  # spread the requests over about a second: several rebuilds
        return (path, *get(preview, path))

    try:
        with ThreadPoolExecutor(max_workers=20) as pool:
            results = list(pool.map(fetch, paths))
        rebuilt = preview.rebuilds - before
    finally:
        stop.set()
        saver.join(timeout=WAIT)
    assert len(results) == 200
    assert rebuilt >= 1, "no rebuild happened while the requests were made"
    for path, status, _, body in results:
        assert status == 200, f"{path} answered {status}"
        assert complete(body), f"{path} was served incomplete"
    assert get(preview, "/tiny/")[0] == 200  # still up
