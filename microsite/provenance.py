"""Where each page comes from: 'View source' and 'Suggest a change' links, and 'Last updated'."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

# Folders whose files make pages: the content, and the templates of pages with no content file
# (404).
HISTORY_PATHS = ("content", "templates")


@dataclass(frozen=True)
class History:
    """Each file's last change from git (path -> date), and a date for when nothing is known."""

    dates: Mapping[str, dt.date] = field(default_factory=dict)
    default: dt.date | None = None


@dataclass(frozen=True)
class PageMeta:
    """What a page's foot says of its source: links to it on GitHub, and when it last changed."""

    view_url: str | None
    edit_url: str | None
    updated: dt.date | None


def parse_git_log(output: str) -> dict[str, dt.date]:
    """Each file's newest date, from ``git log --format=%x00%cs --name-only`` (newest first)."""
    dates: dict[str, dt.date] = {}
    for commit in output.split("\x00")[1:]:
        day, *names = commit.strip("\n").split("\n")
        when = dt.date.fromisoformat(day.strip())
        for name in names:
            if name.strip():
                dates.setdefault(name.strip(), when)
    return dates


def git_dates(root: Path) -> dict[str, dt.date]:
    """Each tracked file's last commit date, from one ``git log``; empty without git or a repo."""
    command = ["git", "-C", str(root), "log", "--relative", "--format=%x00%cs", "--name-only",
               "--no-renames", "--", *HISTORY_PATHS]
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
    """The date of SOURCE_DATE_EPOCH (reproducible builds' convention); None if unset or bad."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        return dt.datetime.fromtimestamp(int(value), dt.timezone.utc).date() if value else None
    except (ValueError, OverflowError, OSError):
        return None


def read_history(root: Path) -> History:
    """The project's file history: git when it is there, SOURCE_DATE_EPOCH as the last resort."""
    return History(MappingProxyType(git_dates(root)), source_date_epoch())


def history_key(root: Path, environ: Mapping[str, str] = os.environ) -> tuple | None:
    """Something that changes whenever read_history's answer could.

    That is the checked-out commit (.git/HEAD) and the reflog that git appends to on every commit,
    checkout, merge, rebase or reset, plus SOURCE_DATE_EPOCH. None when that cannot be known (no
    .git folder, or no reflog), and the history must be read again.
    """
    for folder in (root, *root.parents):
        git = folder / ".git"
        if git.exists():
            try:
                head, log = (git / "HEAD").read_bytes(), os.stat(git / "logs" / "HEAD")
            except OSError:
                return None
            return (str(git), head, log.st_size, log.st_mtime_ns, log.st_ino,
                    environ.get("SOURCE_DATE_EPOCH"))
    return ("no git", environ.get("SOURCE_DATE_EPOCH"))


FILE_SUFFIXES = (".md", ".yaml", ".html")


def _entry_date(entry) -> dt.date | None:
    """A file's own date when git has none: 'updated' in its front matter, else its 'date'."""
    return entry.updated or getattr(entry, "date", None)


@dataclass(frozen=True)
class Dates:
    """For one site, each file's newest date (git's, else its own) and each folder's newest."""

    files: Mapping[str, dt.date]
    folders: Mapping[str, dt.date]
    default: dt.date | None = None

    def of(self, source: str) -> dt.date | None:
        """When the file (or folder) ``source`` last changed, as the foot of its page says."""
        if source.endswith(FILE_SUFFIXES):
            return self.files.get(source) or self.default
        return self.folders.get(source.rstrip("/") + "/") or self.default


def dates_index(site) -> Dates:
    """Work out every file's and folder's date once, for all the pages of one build."""
    entries = (site.home, *site.objectives, *site.principles, *site.case_studies, *site.pages,
               *site.news)
    files = {e.path: _entry_date(e) for e in entries if e is not None and _entry_date(e)}
    files.update(site.history.dates)
    folders: dict[str, dt.date] = {}
    for path, day in files.items():
        parts = path.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folder = "/".join(parts[:depth]) + "/"
            if folders.get(folder) is None or folders[folder] < day:
                folders[folder] = day
    return Dates(files, folders, site.history.default)


def updated_date(site, source: str) -> dt.date | None:
    """When the file or folder ``source`` last changed (for many, use dates_index once)."""
    return dates_index(site).of(source)


def page_meta(site, source: str, dates: Dates | None = None) -> PageMeta:
    """The source links and last-updated date of the page made from ``source``.

    ``source`` is a file, or a folder for a list page; ``dates`` is the site's dates_index, when the
    caller has it.
    """
    config = site.config
    updated = (dates or dates_index(site)).of(source)
    if not config.repository:
        return PageMeta(None, None, updated)
    is_file = source.endswith(FILE_SUFFIXES)
    view = f"{config.repository}/{'blob' if is_file else 'tree'}/{config.branch}/{source}"
    edit = f"{config.repository}/edit/{config.branch}/{source}" if is_file else None
    return PageMeta(view, edit, updated)
