"""Write stage: put the rendered site into dist/ by swapping in a whole new folder, never half."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Iterable, Iterator, MutableMapping
from pathlib import Path, PurePosixPath
from typing import Callable

from .errors import BuildFailed, ContentError

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def check_output_paths(files: Iterable[str]) -> list[ContentError]:
    """Every output path must be relative and stay inside dist/."""
    errors = []
    for name in files:
        path = PurePosixPath(name)
        if (path.is_absolute() or ".." in path.parts or "\\" in name or not name
                or name.startswith(".")):
            errors.append(ContentError(
                name, 0, "this output path would be written outside dist/; refusing to write it"))
    return errors


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with Linux renameat2(RENAME_EXCHANGE); False if it is missing."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _fill(folder: Path, files: dict[str, bytes],
          cancelled: Callable[[], bool] | None = None) -> bool:
    """Write every file under folder; False once cancelled() says stop (asked every few files)."""
    made: set[str] = set()
    for count, name in enumerate(sorted(files)):
        if cancelled is not None and count % 64 == 0 and cancelled():
            return False
        target = os.path.join(folder, name)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(target, "wb") as file:
            file.write(files[name])
    return True


class Staging(MutableMapping):
    """A new dist/ being written: files go to disk as they are added, then swap in whole.

    It reads as the mapping {output path: bytes} of what was added (read back from disk), so the rest
    of the build need not hold every page in memory. ``commit()`` swaps the new folder in for dist/;
    leaving the ``with`` block without committing (a failed build) removes it and leaves dist/ as it
    was.
    """

    def __init__(self, dist: Path):
        self.dist = dist.absolute()
        self.folder = self.dist.parent / f".{self.dist.name}.new-{os.getpid()}"
        self.names: set[str] = set()
        self._made: set[str] = set()
        self.committed = False

    def __enter__(self) -> "Staging":
        _refuse_odd_output(self.dist)
        self.dist.parent.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(self.dist)
        self.folder.mkdir()
        return self

    def __exit__(self, *exc) -> None:
        if not self.committed:
            shutil.rmtree(self.folder, ignore_errors=True)

    def target(self, name: str) -> str:
        """Where a file goes (its folder made): for the workers that write pages themselves."""
        errors = check_output_paths([name])
        if errors:
            raise BuildFailed(errors)
        target = os.path.join(self.folder, name)
        parent = os.path.dirname(target)
        if parent not in self._made:
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)
        return target

    def written(self, name: str) -> None:
        """Count a file a worker wrote at ``target(name)``."""
        self.names.add(name)

    def __setitem__(self, name: str, data: bytes) -> None:
        with open(self.target(name), "wb") as file:
            file.write(data)
        self.names.add(name)

    def __getitem__(self, name: str) -> bytes:
        if name not in self.names:
            raise KeyError(name)
        return (Path(self.dist if self.committed else self.folder) / name).read_bytes()

    def __delitem__(self, name: str) -> None:
        os.remove(os.path.join(self.dist if self.committed else self.folder, name))
        self.names.discard(name)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.names))

    def __len__(self) -> int:
        return len(self.names)

    def commit(self) -> None:
        """Swap the new folder in for dist/; the old site is removed once the new one is in."""
        _swap_in(self.folder, self.dist)
        self.committed = True


def _clean_leftovers(dist: Path) -> None:
    """Remove temporary folders left by a build that was killed part-way."""
    for leftover in dist.parent.glob(f".{dist.name}.*-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


def write_site(files: dict[str, bytes], dist: Path,
               cancelled: Callable[[], bool] | None = None) -> bool:
    """Write every file into a new folder beside dist/, then swap it in whole, old site out after.

    ``cancelled`` (the preview's: a newer build is on its way) is asked now and then while writing;
    if it says so, the new folder is removed, dist/ is left as it was and False is returned.
    Otherwise True.
    """
    errors = check_output_paths(files)
    if errors:
        raise BuildFailed(errors)
    dist = dist.absolute()
    dist.parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(dist)
    new = dist.parent / f".{dist.name}.new-{os.getpid()}"
    if not _fill(new, files, cancelled):
        shutil.rmtree(new, ignore_errors=True)
        return False
    _swap_in(new, dist)
    return True


def _refuse_odd_output(dist: Path) -> None:
    if dist.is_symlink() or dist.is_file():
        raise BuildFailed([ContentError(
            dist.name, 0, "the output folder is a file or a link; remove it and build again")])


def _swap_in(new: Path, dist: Path) -> None:
    """Put the new folder in dist's place; the old site is removed only once the new one is in."""
    _refuse_odd_output(dist)
    if not dist.exists():
        os.rename(new, dist)
        return
    if _exchange(new, dist):
        shutil.rmtree(new)
        return
    old = dist.parent / f".{dist.name}.old-{os.getpid()}"  # where renameat2 is missing: two renames
    os.rename(dist, old)
    os.rename(new, dist)
    shutil.rmtree(old)
