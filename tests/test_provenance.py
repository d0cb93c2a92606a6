"""'View source', 'Suggest a change' and 'Last updated' on every page: git history once, then front matter, then SOURCE_DATE_EPOCH."""

import datetime as dt
import os
import re
import subprocess

import pytest
from conftest import TINY, write_tiny

from microsite import provenance
from microsite.pipeline import build_site
from microsite.provenance import History, page_meta, parse_git_log, source_date_epoch

META = re.compile(r'<div class="app-page-meta.*?</div>', re.S)


def meta_of(html: bytes) -> str:
    found = META.search(html.decode("utf-8"))
    return found.group(0) if found else ""


def git(root, *args, date="2026-03-12T10:00:00+00:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "Test",
           "GIT_AUTHOR_EMAIL": "test@example.test", "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.test"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_parse_git_log_keeps_each_files_newest_date():
    output = "\x002026-03-12\n\ncontent/a.md\ncontent/b.md\n\x002026-01-02\n\ncontent/a.md\ncontent/c.yaml\n"
    assert parse_git_log(output) == {
        "content/a.md": dt.date(2026, 3, 12), "content/b.md": dt.date(2026, 3, 12), "content/c.yaml": dt.date(2026, 1, 2),
    }


def test_dates_come_from_one_git_log_call(tiny, monkeypatch):
    git(tiny.root, "init", "-q", "-b", "main")
    git(tiny.root, "add", "content")
    git(tiny.root, "commit", "-q", "-m", "First", date="2026-01-10T09:00:00+00:00")
    about = tiny.root / "content/pages/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    git(tiny.root, "commit", "-q", "-am", "Second", date="2026-03-12T23:30:00+00:00")
    calls = []
    real_run = subprocess.run
    monkeypatch.setattr(provenance.subprocess, "run", lambda *a, **k: calls.append(a[0]) or real_run(*a, **k))
    files = build_site(tiny)
    assert len([c for c in calls if "log" in c]) == 1
    assert '<p class="govuk-body-s">Last updated <time datetime="2026-03-12">12 March 2026</time></p>' in meta_of(files["about/index.html"])
    assert '<time datetime="2026-01-10">10 January 2026</time>' in meta_of(files["principles/be-small/index.html"])
    # A list page shows the newest date of the files it lists.
    assert '<time datetime="2026-01-10">' in meta_of(files["principles/index.html"])
    assert build_site(tiny) == files


def test_without_git_the_front_matter_date_is_used(tiny, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write_tiny(tiny.root, {"pages/about.md": TINY["pages/about.md"].replace("summary: What this site is.\n", "summary: What this site is.\n        updated: 2026-02-03\n")})
    files = build_site(tiny)
    assert '<time datetime="2026-02-03">3 February 2026</time>' in meta_of(files["about/index.html"])
    # A case study with no 'updated' falls back to its publication date.
    assert '<time datetime="2026-01-15">15 January 2026</time>' in meta_of(files["case-studies/first-case/index.html"])
    # Nothing is known for the objective: the date is left out rather than made up.
    assert "Last updated" not in meta_of(files["objectives/small/index.html"])


def test_source_date_epoch_is_the_last_resort(tiny, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773273600")  # 2026-03-12T00:00:00Z
    files = build_site(tiny)
    assert '<time datetime="2026-03-12">12 March 2026</time>' in meta_of(files["objectives/small/index.html"])
    assert '<time datetime="2026-01-15">' in meta_of(files["case-studies/first-case/index.html"])


@pytest.mark.parametrize("value, expected", [("1773273600", dt.date(2026, 3, 12)), ("", None), ("soon", None)])
def test_source_date_epoch_values(value, expected):
    assert source_date_epoch({"SOURCE_DATE_EPOCH": value}) == expected


def test_links_go_to_the_file_and_the_web_editor(tiny):
    files = build_site(tiny)
    meta = meta_of(files["principles/be-small/index.html"])
    assert '<a class="govuk-link" href="https://github.com/example/tiny/blob/main/content/principles/be-small.md">View source<span class="govuk-visually-hidden"> of this page on GitHub</span></a>' in meta
    assert '<a class="govuk-link" href="https://github.com/example/tiny/edit/main/content/principles/be-small.md">Suggest a change<span class="govuk-visually-hidden"> to this page on GitHub</span></a>' in meta


def test_a_list_page_links_to_its_folder_and_the_404_page_to_its_template(tiny):
    files = build_site(tiny)
    listing = meta_of(files["case-studies/index.html"])
    assert 'href="https://github.com/example/tiny/tree/main/content/case-studies">View source' in listing
    assert "Suggest a change" not in listing
    assert 'href="https://github.com/example/tiny/blob/main/templates/layouts/404.html">View source' in meta_of(files["404.html"])


def test_the_branch_comes_from_site_settings(tiny):
    write_tiny(tiny.root, {"site.yaml": TINY["site.yaml"].rstrip(" ") + "        branch: live\n"})
    assert "https://github.com/example/tiny/edit/live/content/pages/about.md" in meta_of(build_site(tiny)["about/index.html"])


def test_without_a_repository_there_are_no_links(tiny, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write_tiny(tiny.root, {"site.yaml": TINY["site.yaml"].replace("        repository: https://github.com/example/tiny\n", "")})
    files = build_site(tiny)
    assert "View source" not in files["about/index.html"].decode()
    assert meta_of(files["objectives/small/index.html"]) == ""


def test_every_page_of_the_sample_site_has_its_links_inside_main(built):
    _, files = built
    for name, data in files.items():
        if not name.endswith(".html"):
            continue
        html = data.decode("utf-8")
        main = html[html.index('<main '):html.index("</main>")]
        meta = meta_of(data)
        assert meta and meta in main, name
        assert "https://github.com/example/strategy/" in meta and ">View source<" in meta, name
        if not name.endswith(("objectives/index.html", "principles/index.html", "case-studies/index.html", "news/index.html")):
            assert ">Suggest a change<" in meta, name


def test_every_page_of_the_sample_site_says_when_it_changed(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773273600")
    files = build_site(project, "https://example.test/strategy/")
    for name, data in files.items():
        if name.endswith(".html"):
            assert re.search(r'Last updated <time datetime="\d{4}-\d{2}-\d{2}">', meta_of(data)), name


def test_page_meta_for_an_unknown_file_has_no_date(tiny):
    from microsite.pipeline import load_and_check

    site = load_and_check(tiny)
    assert site.history == History()
    meta = page_meta(site, "content/pages/missing.md")
    assert meta.updated is None and meta.view_url.endswith("/blob/main/content/pages/missing.md")


def test_the_preview_asks_git_again_only_after_a_commit(tiny, monkeypatch):
    from microsite.incremental import BuildMemory
    git(tiny.root, "init", "-q", "-b", "main")
    git(tiny.root, "add", "content")
    git(tiny.root, "commit", "-q", "-m", "First", date="2026-01-10T09:00:00+00:00")
    calls = []
    real = provenance.git_dates
    monkeypatch.setattr(provenance, "git_dates", lambda root: calls.append(root) or real(root))
    memory = BuildMemory()
    first = memory.history(tiny.root)
    assert memory.history(tiny.root) is first and len(calls) == 1
    (tiny.root / "content/pages/about.md").write_text((tiny.root / "content/pages/about.md").read_text() + "\nMore.\n")
    assert memory.history(tiny.root) is first and len(calls) == 1  # an edit is not a commit
    git(tiny.root, "commit", "-q", "-am", "Second", date="2026-02-20T09:00:00+00:00")
    second = memory.history(tiny.root)
    assert len(calls) == 2 and second.dates["content/pages/about.md"] == dt.date(2026, 2, 20)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert memory.history(tiny.root).default == dt.date(2026, 1, 1) and len(calls) == 3


def test_without_a_reflog_git_is_asked_every_time(tiny, monkeypatch):
    git(tiny.root, "init", "-q", "-b", "main")
    assert provenance.history_key(tiny.root) is None  # no commit yet, so no .git/logs/HEAD
