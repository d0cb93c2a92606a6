"""Where each page comes from: 'View source' and 'Suggest a change' links on GitHub, and its 'Last updated' date."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

# Folders whose files make pages: the content, and the templates of pages with no content file (404).
HISTORY_PATHS = ("content", "templates")


@dataclass(frozen=True)
class History:
    """The date each file was last changed, from git (path -> date), and the date to use when nothing else is known."""

    dates: Mapping[str, dt.date] = field(default_factory=dict)
    default: dt.date | None = None


@dataclass(frozen=True)
class PageMeta:
    """What the foot of a page says about its source: links to it on GitHub and when it last changed."""

    view_url: str | None
    edit_url: str | None
    updated: dt.date | None


def parse_git_log(output: str) -> dict[str, dt.date]:
    """Read ``git log --format=%x00%cs --name-only`` output (newest first): each file's newest commit date."""
    dates: dict[str, dt.date] = {}
    for commit in output.split("\x00")[1:]:
        day, *names = commit.strip("\n").split("\n")
        when = dt.date.fromisoformat(day.strip())
        for name in names:
            if name.strip():
                dates.setdefault(name.strip(), when)
    return dates


def git_dates(root: Path) -> dict[str, dt.date]:
    """Each tracked file's last commit date, from one ``git log`` call; empty when git or the repository is not there."""
    command = ["git", "-C", str(root), "log", "--relative", "--format=%x00%cs", "--name-only", "--no-renames",
               "--", *HISTORY_PATHS]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    try:
        return parse_git_log(result.stdout)
    except ValueError:
        return {}


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> dt.date | None:
    """The date of SOURCE_DATE_EPOCH (the reproducible-builds convention), or None when unset or unreadable."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        return dt.datetime.fromtimestamp(int(value), dt.timezone.utc).date() if value else None
    except (ValueError, OverflowError, OSError):
        return None


def read_history(root: Path) -> History:
    """The project's file history: git when it is there, SOURCE_DATE_EPOCH as the last resort."""
    return History(MappingProxyType(git_dates(root)), source_date_epoch())


def history_key(root: Path, environ: Mapping[str, str] = os.environ) -> tuple | None:
    """Something that changes whenever read_history's answer could: the checked-out commit (.git/HEAD) and
    the reflog that git appends to on every commit, checkout, merge, rebase or reset, plus SOURCE_DATE_EPOCH.
    None when that cannot be known (no .git folder, or no reflog), and the history must be read again."""
    for folder in (root, *root.parents):
        git = folder / ".git"
        if git.exists():
            try:
                head, log = (git / "HEAD").read_bytes(), os.stat(git / "logs" / "HEAD")
            except OSError:
                return None
            return (str(git), head, log.st_size, log.st_mtime_ns, log.st_ino, environ.get("SOURCE_DATE_EPOCH"))
    return ("no git", environ.get("SOURCE_DATE_EPOCH"))


def _entry_date(entry) -> dt.date | None:
    """A file's own date when git has none: 'updated' in its front matter, else the date it was published."""
    return entry.updated or getattr(entry, "date", None)


def _dates_index(site) -> tuple[dict[str, dt.date], dict[str, dt.date]]:
    """Each file's newest date (git first, then its own dates) and each folder's newest, worked out once per site."""
    kept = _INDEX.get(id(site))
    if kept is not None and kept[0] is site:
        return kept[1]
    entries = (site.home, *site.objectives, *site.principles, *site.case_studies, *site.pages, *site.news)
    files = {e.path: _entry_date(e) for e in entries if e is not None and _entry_date(e)}
    files.update(site.history.dates)
    folders: dict[str, dt.date] = {}
    for path, day in files.items():
        parts = path.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folder = "/".join(parts[:depth]) + "/"
            if folders.get(folder) is None or folders[folder] < day:
                folders[folder] = day
    _INDEX.clear()  # one site at a time: the newest build's
    _INDEX[id(site)] = (site, (files, folders))
    return files, folders


_INDEX: dict[int, tuple] = {}


def _updated(site, source: str) -> dt.date | None:
    """The newest date known for a file, or for every file in a folder: git first, then the file's own dates."""
    files, folders = _dates_index(site)
    if source.endswith(FILE_SUFFIXES):
        return files.get(source)
    return folders.get(source.rstrip("/") + "/")


FILE_SUFFIXES = (".md", ".yaml", ".html")


def updated_date(site, source: str) -> dt.date | None:
    """When the file (or folder) ``source`` last changed, as the foot of its page says."""
    return _updated(site, source) or site.history.default


def page_meta(site, source: str) -> PageMeta:
    """The source links and last-updated date of the page made from ``source`` (a file, or a folder for a list page).

    Equal answers are the same object, from build to build, so the preview sees an unchanged page's
    PageMeta as unchanged by identity alone.
    """
    config = site.config
    updated = updated_date(site, source)
    if not config.repository:
        view = edit = None
    else:
        is_file = source.endswith(FILE_SUFFIXES)
        view = f"{config.repository}/{'blob' if is_file else 'tree'}/{config.branch}/{source}"
        edit = f"{config.repository}/edit/{config.branch}/{source}" if is_file else None
    key = (view, edit, updated)
    meta = _METAS.get(key)
    if meta is None:
        if len(_METAS) > 100_000:
            _METAS.clear()
        meta = _METAS[key] = PageMeta(view, edit, updated)
    return meta


_METAS: dict[tuple, PageMeta] = {}
