"""Reproducible output: the same content gives the same bytes, whatever the folder, the time, the clock's time zone,
the files' modification times, the hash seed or the state of the Sass cache; SOURCE_DATE_EPOCH is the only clock."""

from __future__ import annotations

import os
import time
from pathlib import Path

from conftest import ROOT, make_project, run_cli, snapshot

NOV_2023 = 1_700_000_000  # 2023-11-14 22:13:20 UTC: already 15 November in a time zone east of UTC+2
SEP_2020 = 1_600_000_000  # 2020-09-13 12:26:40 UTC


def build(root: Path, **env: str) -> dict[str, bytes]:
    """Build the project at root from the command line with these environment variables; return dist/."""
    result = run_cli(root, env={"SOURCE_DATE_EPOCH": None, "SITE_BASE_URL": None, **env}, timeout=300)
    assert result.returncode == 0, result.stderr
    return snapshot(root / "dist")


def touch_all(folder: Path, when: float) -> None:
    for file in folder.rglob("*"):
        if not file.is_symlink():
            os.utime(file, (when, when))


def test_two_folders_two_times_same_bytes(tmp_path):
    one = make_project(tmp_path / "one" / "site")
    (one.root / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)  # warm Sass cache
    two = make_project(tmp_path / "elsewhere" / "deeper" / "strategy")  # its own, empty cache: Sass compiles afresh
    touch_all(one.root / "content", NOV_2023)
    touch_all(two.root / "content", SEP_2020)
    first = build(one.root, SOURCE_DATE_EPOCH=str(NOV_2023), TZ="UTC", PYTHONHASHSEED="1", LC_ALL="C")
    time.sleep(1.1)  # a build that printed the time, to the second, would now differ
    second = build(two.root, SOURCE_DATE_EPOCH=str(NOV_2023), TZ="Pacific/Kiritimati", PYTHONHASHSEED="2", LC_ALL="C.UTF-8")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert len(first) > 30


def test_without_source_date_epoch_no_build_time_is_printed(tmp_path):
    project = make_project(tmp_path / "site")
    (project.root / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)
    first = build(project.root)
    time.sleep(1.1)
    touch_all(project.root / "content", time.time())
    assert build(project.root, TZ="Asia/Kolkata") == first
    # Outside git, a page with no date of its own says nothing rather than the day it was built.
    assert b"Last updated" not in first["cookies/index.html"]


def test_source_date_epoch_is_the_date_printed_when_nothing_else_is_known(tmp_path):
    project = make_project(tmp_path / "site")
    (project.root / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)
    late = build(project.root, SOURCE_DATE_EPOCH=str(NOV_2023), TZ="Pacific/Kiritimati")
    early = build(project.root, SOURCE_DATE_EPOCH=str(SEP_2020))
    # The date is the UTC day of SOURCE_DATE_EPOCH, whatever the local time zone.
    assert b'Last updated <time datetime="2023-11-14">14 November 2023</time>' in late["cookies/index.html"]
    assert b'Last updated <time datetime="2020-09-13">13 September 2020</time>' in early["cookies/index.html"]
    # ...and it is all SOURCE_DATE_EPOCH changes: swap the dates and the two sites are the same bytes.
    swapped = {name: data.replace(b"2023-11-14", b"2020-09-13").replace(b"14 November 2023", b"13 September 2020")
               for name, data in late.items()}
    assert [name for name in early if early[name] != swapped[name]] == []
    assert sum(late[name] != early[name] for name in late) >= 10
