"""The live preview: serving, live reload, errors in the browser, safety and a clean stop.

Each test starts its own preview on a free loopback port against a temporary copy of a site, talks to it
only on 127.0.0.1, waits with time limits, and stops it by its own handle (or, for the command line, by
the process id of the process it started).
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tornado.websocket import websocket_connect

from microsite.preview import Preview, Published, force_polling, relevant_changes, respond

ROOT = Path(__file__).resolve().parent.parent
BASE_URL = "https://example.test/strategy/"
WAIT = 30  # seconds: the most any one step may take before the test fails
PROTOCOL = "http://livereload.com/protocols/official-7"


def get(preview, path: str) -> tuple[int, dict, str]:
    """GET a path exactly as written (no client-side normalising), from 127.0.0.1 only."""
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=WAIT)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def wait_until(check, timeout=WAIT, every=0.05):
    """Poll check() until it returns something truthy; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    pytest.fail(f"gave up after {timeout} s waiting for {check.__doc__ or check}")


def edit(file: Path, pattern: str, replacement: str) -> None:
    text = file.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert changed != text
    file.write_text(changed, encoding="utf-8")


def reload_messages(preview, actions, count: int) -> list[dict]:
    """Connect to /livereload as livereload.js does, run actions (after each, wait for one reload), return the messages."""
    async def listen():
        connection = await websocket_connect(f"ws://127.0.0.1:{preview.port}/livereload")
        connection.write_message(json.dumps({"command": "hello", "protocols": [PROTOCOL]}))
        hello = json.loads(await asyncio.wait_for(connection.read_message(), WAIT))
        assert hello["command"] == "hello"
        connection.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{preview.port}/strategy/"}))
        deadline = time.monotonic() + WAIT
        while not preview.reload_handler.waiters and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        messages = []
        for action in actions:
            await asyncio.get_running_loop().run_in_executor(None, action)
            messages.append(json.loads(await asyncio.wait_for(connection.read_message(), WAIT)))
        connection.close()
        return messages

    messages = asyncio.run(listen())
    assert len(messages) == count
    return messages


def test_serves_under_the_base_path_on_loopback_by_default(project, start_preview):
    preview = start_preview(project)
    assert preview.host == "127.0.0.1" and preview.address == "127.0.0.1"
    assert preview.url == f"http://127.0.0.1:{preview.port}/strategy/"
    status, _, page = get(preview, "/strategy/")
    assert status == 200 and "<h1" in page
    status, headers, _ = get(preview, "/")
    assert status == 302 and headers["Location"] == "/strategy/"
    status, headers, _ = get(preview, "/strategy/principles")
    assert status == 301 and headers["Location"] == "/strategy/principles/"
    status, _, page = get(preview, "/strategy/no-such-page/")
    assert status == 404 and "Page not found" in page


def test_a_port_in_use_means_the_next_free_one(tiny, start_preview):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        preview = Preview(tiny, None, port=port, say=lambda line: None)
        try:
            preview.start()
            assert preview.port != port
            assert get(preview, "/tiny/")[0] == 200
        finally:
            preview.stop()


def test_command_line_binds_loopback_by_default():
    from microsite.cli import Program, parse_args

    args = parse_args(["serve"], Program())
    assert args.host == "127.0.0.1" and args.port == 8000
    args = parse_args(["serve", "--port", "9001", "--site", "elsewhere"], Program())
    assert args.host == "127.0.0.1" and args.port == 9001 and args.site.name == "elsewhere"


def test_an_edit_changes_the_page_and_reloads_the_browser(project, start_preview):
    preview = start_preview(project)
    page = "/strategy/case-studies/shared-booking-platform/"
    file = project.root / "content/case-studies/shared-booking-platform.md"
    message, = reload_messages(preview, [lambda: edit(file, r"^title: .*$", "title: Shared booking, now edited")], 1)
    assert message["command"] == "reload"
    assert "Shared booking, now edited" in get(preview, page)[2]


def test_two_saves_a_second_apart_both_show(project, start_preview):
    preview = start_preview(project)
    page = "/strategy/case-studies/shared-booking-platform/"
    file = project.root / "content/case-studies/shared-booking-platform.md"

    def first():
        edit(file, r"^title: .*$", "title: First save")

    def second():
        time.sleep(1)
        edit(file, r"^title: .*$", "title: Second save")

    started = time.monotonic()
    messages = reload_messages(preview, [first, second], 2)
    assert time.monotonic() - started < 3  # both reloads inside python-livereload's 3-second "ignore" window
    assert all(m["command"] == "reload" for m in messages)
    body = get(preview, page)[2]
    assert "Second save" in body and "First save" not in body


def test_broken_yaml_shows_every_error_in_the_browser_and_old_pages_keep_serving(project, start_preview):
    preview = start_preview(project)
    wait_until(lambda: (project.dist / "index.html").is_file())
    dist_before = {p: p.read_bytes() for p in project.dist.rglob("*") if p.is_file()}
    good_page = get(preview, "/strategy/principles/user-needs/")[2]
    stylesheet = re.search(r'href="(/strategy/assets/css/app-[^"]+\.css)"', good_page).group(1)
    file = project.root / "content/objectives/simpler-services.yaml"
    good = file.read_text(encoding="utf-8")
    broken = good.replace("title:", "title: [not closed", 1)
    line = next(n for n, text in enumerate(broken.split("\n"), start=1) if text.startswith("title:"))

    message, = reload_messages(preview, [lambda: file.write_text(broken, encoding="utf-8")], 1)
    assert message["command"] == "reload"
    status, _, page = get(preview, "/strategy/principles/user-needs/")
    assert status == 200
    assert "govuk-error-summary" in page
    assert re.search(rf"content/objectives/simpler-services\.yaml:{line}: YAML syntax error", page)
    assert "<title>Error: " in page
    # the old page is still there under the summary, still styled
    heading = re.search(r"<h1[^>]*>[^<]*</h1>", good_page).group(0)
    assert heading in page and page.index("govuk-error-summary") < page.index(heading)
    assert get(preview, stylesheet)[0] == 200
    # the terminal says the same, and dist/ was not touched
    assert any(f"content/objectives/simpler-services.yaml:{line}: YAML syntax error" in said for said in preview.lines)
    time.sleep(0.5)
    assert {p: p.read_bytes() for p in project.dist.rglob("*") if p.is_file()} == dist_before

    message, = reload_messages(preview, [lambda: file.write_text(good, encoding="utf-8")], 1)
    assert message["command"] == "reload"
    status, _, page = get(preview, "/strategy/principles/user-needs/")
    assert status == 200 and "govuk-error-summary" not in page


def test_a_template_error_names_the_template_and_line(tiny, start_preview):
    preview = start_preview(tiny, base_url=None)
    layout = tiny.root / "templates/layouts/page.html"
    good = layout.read_text(encoding="utf-8")
    lines = good.split("\n")
    lines.insert(4, "{{ page.no_such_field }}")
    generation = preview.rebuilds
    layout.write_text("\n".join(lines), encoding="utf-8")
    assert preview.wait_for_rebuild(generation, WAIT)
    page = get(preview, "/tiny/about/")[2]
    assert re.search(r"templates/layouts/page\.html:5: template error while rendering content/pages/about\.md", page)
    assert "Traceback" not in page


def test_no_good_build_yet_serves_the_error_page(tiny, start_preview):
    site = tiny.root / "content/site.yaml"
    good = site.read_text(encoding="utf-8")
    site.write_text(good.replace("phase: alpha", "phase: gamma"), encoding="utf-8")
    preview = start_preview(tiny, base_url=None)
    status, _, page = get(preview, "/tiny/")
    assert status == 500
    assert "govuk-error-summary" in page and "content/site.yaml:" in page and "gamma" in page
    assert 'class="govuk-template' in page and "own template failed too" not in page  # the real error page
    assert "/livereload.js" in page
    assert get(preview, "/__preview__/govuk-frontend.min.css")[0] == 200
    generation = preview.rebuilds
    site.write_text(good, encoding="utf-8")
    assert preview.wait_for_rebuild(generation, WAIT)
    status, _, page = get(preview, "/tiny/")
    assert status == 200 and "govuk-error-summary" not in page


@pytest.mark.parametrize("path", [
    "/strategy/../content/site.yaml",
    "/strategy/%2e%2e/content/site.yaml",
    "/strategy/%2E%2E/%2E%2E/etc/passwd",
    "/strategy/%2e%2e%2fcontent%2fsite.yaml",
    "/strategy/.%2e/.%2e/etc/passwd",
    "/strategy/..%2f..%2fetc%2fpasswd",
    "/strategy/%252e%252e/content/site.yaml",
    "/strategy/..%5c..%5ccontent%5csite.yaml",
    "/strategy/%00/index.html",
    "/strategy/.git/config",
    "/../../etc/passwd",
    "/content/site.yaml",
])
def test_paths_outside_the_site_get_404(path):
    files = {"index.html": b"<html><head></head><body>home</body></html>", "404.html": b"<html><head></head><body>missing</body></html>"}
    response = respond(Published(files, "/strategy"), path)
    assert response.status == 404 and b"missing" in response.body


def test_traversal_over_the_network_gets_404(project, start_preview):
    preview = start_preview(project)
    for path in ("/strategy/../content/site.yaml", "/strategy/%2e%2e/%2e%2e/etc/passwd", "/strategy/%2e%2e%2fcontent%2fsite.yaml"):
        status, _, body = get(preview, path)
        assert status == 404, path
        assert "base_url" not in body and "root:" not in body


def test_reload_script_is_served_but_never_written_to_dist(project, start_preview):
    preview = start_preview(project)
    assert '<script src="/livereload.js"></script>' in get(preview, "/strategy/")[2]
    wait_until(lambda: (project.dist / "index.html").is_file())
    for file in project.dist.rglob("*"):
        if file.is_file():
            assert b"livereload" not in file.read_bytes(), file
    status, headers, script = get(preview, "/livereload.js")
    assert status == 200 and "LiveReload" in script


def test_a_burst_of_saves_causes_one_rebuild(project, start_preview):
    preview = start_preview(project)
    file = project.root / "content/pages/cookies.md"
    before = preview.rebuilds
    text = file.read_text(encoding="utf-8")
    versions = [re.sub(r"^title: .*$", f"title: Cookies save {n}", text, count=1, flags=re.M) for n in range(20)]
    # The saves come from another process, as an editor's would: in this one, the preview's threads
    # share the interpreter lock with the test and could spread the burst out.
    burst = "import sys, time\nfor text in sys.argv[2:]:\n    open(sys.argv[1], 'w', encoding='utf-8').write(text)\n    time.sleep(0.002)\n"
    subprocess.run([sys.executable, "-c", burst, str(file), *versions], check=True, timeout=30)
    assert preview.wait_for_rebuild(before, WAIT)
    time.sleep(1.5)  # long enough for any queued rebuild to have happened
    assert preview.rebuilds == before + 1
    assert "Cookies save 19" in get(preview, "/strategy/cookies/")[2]


def test_adding_renaming_and_deleting_content_while_serving(tiny, start_preview):
    preview = start_preview(tiny, base_url=None)
    studies = tiny.root / "content/case-studies"
    text = (studies / "first-case.md").read_text(encoding="utf-8")

    def rebuilt_after(change):
        generation = preview.rebuilds
        change()
        assert preview.wait_for_rebuild(generation, WAIT)
        assert not preview.published.errors, preview.published.errors

    rebuilt_after(lambda: (studies / "second-case.md").write_text(text.replace("id: first-case", "id: second-case"), encoding="utf-8"))
    assert get(preview, "/tiny/case-studies/second-case/")[0] == 200

    def rename():
        (studies / "second-case.md").rename(studies / "third-case.md")
        edit(studies / "third-case.md", r"^id: second-case$", "id: third-case")
    rebuilt_after(rename)
    assert get(preview, "/tiny/case-studies/second-case/")[0] == 404
    assert get(preview, "/tiny/case-studies/third-case/")[0] == 200

    rebuilt_after(lambda: (studies / "third-case.md").unlink())
    assert get(preview, "/tiny/case-studies/third-case/")[0] == 404
    assert "third-case" not in get(preview, "/tiny/case-studies/")[2]


def test_only_changes_that_can_affect_the_site_cause_a_rebuild(tiny):
    root = str(tiny.root)
    raw = {
        (2, f"{root}/content/case-studies/first-case.md"),         # kept
        (1, f"{root}/templates/layouts/new.html"),                   # kept
        (2, f"{root}/content/case-studies/.first-case.md.swp"),     # editor droppings: never
        (2, f"{root}/content/case-studies/first-case.md~"),
        (1, f"{root}/content/case-studies/4913"),
        (2, f"{root}/content/.git/index"),                           # hidden folders: never
        (2, f"{tiny.dist}/index.html"),                              # the output: never
    }
    assert relevant_changes(tiny, raw) == {"content/case-studies/first-case.md", "templates/layouts/new.html"}


def test_changes_reported_by_the_real_path_of_a_linked_project_still_count(tiny, tmp_path):
    from microsite.pipeline import Project
    link = tmp_path / "linked"
    link.symlink_to(tiny.root, target_is_directory=True)
    project = Project(link, link / "dist", tiny.cache)
    real = os.path.realpath(link)  # what macOS's FSEvents reports, for example
    raw = {(2, f"{real}/content/case-studies/first-case.md"), (2, f"{real}/dist/index.html"),
           (2, f"{real}/content/case-studies/.first-case.md.swp")}
    assert relevant_changes(project, raw) == {"content/case-studies/first-case.md"}


@pytest.mark.parametrize("value, expected", [("", False), ("1", True), ("true", True), ("false", False), ("disabled", False), ("0", False)])
def test_polling_is_used_only_when_asked_for(monkeypatch, value, expected):
    import platform
    monkeypatch.setattr(platform, "uname", lambda: platform.uname_result("Linux", "host", "6.1.0-amd64", "#1", "x86_64"))
    monkeypatch.setenv("WATCHFILES_FORCE_POLLING", value)
    assert force_polling() is expected


def test_wsl_polls_unless_told_not_to(monkeypatch):
    import platform
    monkeypatch.setattr(platform, "uname", lambda: platform.uname_result("Linux", "host", "5.15.153.1-microsoft-standard-WSL2", "#1", "x86_64"))
    monkeypatch.delenv("WATCHFILES_FORCE_POLLING", raising=False)
    assert force_polling() is True
    monkeypatch.setenv("WATCHFILES_FORCE_POLLING", "false")
    assert force_polling() is False


def test_saves_are_seen_when_polling_even_two_in_one_second(tiny, start_preview, monkeypatch):
    monkeypatch.setenv("WATCHFILES_FORCE_POLLING", "1")  # as in a folder shared into a container
    preview = start_preview(tiny, base_url=None)
    case = tiny.root / "content/case-studies/first-case.md"
    for title in ("Seen by polling A", "Seen by polling B"):  # the same size, within one second
        edit(case, r"^title: .*$", f"title: {title}")
        wait_until(lambda: title in get(preview, "/tiny/case-studies/first-case/")[2])


def test_polling_is_our_own_and_sees_what_changed(tiny):
    import threading

    from microsite.preview import Poller
    poller = Poller(tiny)
    stop = threading.Event()
    assert poller.watch(1, 5, 50, stop) == "timeout"
    case = tiny.root / "content/case-studies/first-case.md"
    edit(case, r"^title: .*$", "title: Polled")
    assert poller.watch(1, 5, 2000, stop) == {(2, str(case))}
    stop.set()
    assert poller.watch(1, 5, 0, stop) == "stop"


def test_a_save_during_the_first_build_is_not_missed(tiny, start_preview, monkeypatch):
    import microsite.preview.rebuild as rebuild
    original = rebuild.build_site
    file = tiny.root / "content/case-studies/first-case.md"

    def save_while_building(*args, **kwargs):
        built = original(*args, **kwargs)  # the first build has read the file; now the editor saves
        if "Saved mid-build" not in file.read_text(encoding="utf-8"):
            edit(file, r"^title: .*$", "title: Saved mid-build")
        return built
    monkeypatch.setattr(rebuild, "build_site", save_while_building)
    preview = start_preview(tiny, base_url=None)
    wait_until(lambda: "Saved mid-build" in get(preview, "/tiny/case-studies/first-case/")[2])


def test_a_style_change_swaps_the_stylesheet_without_a_page_reload(tiny, start_preview):
    preview = start_preview(tiny, base_url=None)
    old = preview.published.stylesheet
    scss = sorted((tiny.root / "assets/scss").glob("*.scss"))[0]
    marker = f".app-test-{os.getpid()}-{time.time_ns()}"
    def change():
        scss.write_text(scss.read_text(encoding="utf-8") + f"\n{marker} {{ color: #0b0c0c; }}\n", encoding="utf-8")

    message, = reload_messages(preview, [change], 1)
    assert message["liveCSS"] is True and message["path"].endswith(".css")
    assert message["path"] != f"/tiny/assets/css/{old}"
    # a page loaded before the change still links the old name: it must get the new styles
    status, headers, css = get(preview, f"/tiny/assets/css/{old}")
    assert status == 200 and marker in css and headers["Content-Type"].startswith("text/css")


def test_ctrl_c_stops_the_command_line_preview_cleanly(project):
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(project.root), "serve", "--port", "0"]
    # faulthandler: if it ever fails to stop, SIGABRT below makes it print where every thread is.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=project.root,
                               env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    try:
        deadline = time.monotonic() + 2 * WAIT  # the first build of the whole site, on a busy machine
        output = ""
        while "Previewing at" not in output and time.monotonic() < deadline and process.poll() is None:
            output += process.stdout.readline()
        assert re.search(r"Previewing at http://127\.0\.0\.1:\d+/strategy/", output), output
        process.send_signal(signal.SIGINT)
        try:
            rest, _ = process.communicate(timeout=2 * WAIT)  # the preview may finish writing dist/ first
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)
            rest, _ = process.communicate(timeout=WAIT)
            pytest.fail(f"the preview did not stop after Ctrl+C:\n{output}{rest}")
        assert process.returncode == 0, output + rest
        assert "Traceback" not in rest
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(WAIT)


def test_dist_is_written_once_editing_pauses_and_at_once_when_stopping(tiny, start_preview):
    preview = start_preview(tiny, base_url=None)
    page = tiny.dist / "case-studies/first-case/index.html"
    wait_until(lambda: page.is_file())
    edit(tiny.root / "content/case-studies/first-case.md", r"^title: .*$", "title: Written after a pause")
    wait_until(lambda: "Written after a pause" in page.read_text(encoding="utf-8"))
    generation = preview.rebuilds
    edit(tiny.root / "content/case-studies/first-case.md", r"^title: .*$", "title: Written on stopping")
    assert preview.wait_for_rebuild(generation, WAIT)
    preview.stop()  # within the pause: the newest build must still reach dist/
    assert "Written on stopping" in page.read_text(encoding="utf-8")


def test_a_replaced_folder_is_watched_again(tiny, start_preview):
    import shutil
    preview = start_preview(tiny, base_url=None)
    content = tiny.root / "content"
    # as a branch switch might: the whole content/ folder goes, and comes back as a new folder
    generation = preview.rebuilds
    shutil.copytree(content, tiny.root / "content-copy")
    shutil.rmtree(content)
    assert preview.wait_for_rebuild(generation, WAIT)
    (tiny.root / "content-copy").rename(content)
    wait_until(lambda: not preview.published.errors and preview.rebuilds > generation)
    generation = preview.rebuilds
    edit(content / "case-studies/first-case.md", r"^title: .*$", "title: Seen in the new folder")
    assert preview.wait_for_rebuild(generation, WAIT)
    wait_until(lambda: "Seen in the new folder" in get(preview, "/tiny/case-studies/first-case/")[2])


def test_automatic_garbage_collection_is_off_while_previewing_and_back_after(tiny, start_preview):
    import gc
    assert gc.isenabled()
    first = start_preview(tiny, base_url=None)
    second = start_preview(tiny, base_url=None)
    assert not gc.isenabled()  # collected when nobody waits, never between a save and its page
    first.stop()
    assert not gc.isenabled()  # the other preview still runs
    second.stop()
    assert gc.isenabled()
