"""`strategy-microsite init`: write the starter site (microsite/starter/) into a new folder.

The starter builds at once, and `check` fails on every line marked TODO until the team has replaced
it.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from packaging.version import Version

from . import __version__

# Packaging tools can leave out names that start with a dot, so the package holds these without it.
DOTTED = {"gitignore": ".gitignore", "github": ".github"}
# The only files that name the engine's version; no other starter file is filled in.
VERSIONED = ("requirements.txt", "content/site.yaml")


class InitError(Exception):
    """Why init wrote nothing."""


def engine_range(version: str) -> str:
    """The engine versions a new site accepts: the same minor before 1.0, the same major after."""
    major, minor = (*Version(version).release, 0)[:2]
    if major == 0:
        return f">={major}.{minor},<{major}.{minor + 1}"
    return f">={major}.{minor},<{major + 1}"


def site_path(package_path: str) -> str:
    """Where a starter file goes: 'github/workflows/x.yml' -> '.github/workflows/x.yml'."""
    first, slash, rest = package_path.partition("/")
    return DOTTED.get(first, first) + slash + rest


def _walk(folder: Traversable, prefix: str = "") -> dict[str, Traversable]:
    """Every file under folder, by its path inside it, in name order."""
    found: dict[str, Traversable] = {}
    for item in sorted(folder.iterdir(), key=lambda item: item.name):
        if item.name.startswith((".", "__pycache__")):
            continue
        if item.is_dir():
            found.update(_walk(item, f"{prefix}{item.name}/"))
        else:
            found[prefix + item.name] = item
    return found


def _fill_in(text: str, version: str) -> str:
    return (text.replace("{engine_version}", version)
            .replace("{engine_range}", engine_range(version)))


def starter_files(version: str = __version__) -> dict[str, str]:
    """Every starter file: its path in the site -> its text, naming engine ``version``."""
    files = {}
    for path, item in _walk(resources.files("microsite") / "starter").items():
        text = item.read_text(encoding="utf-8")
        files[site_path(path)] = _fill_in(text, version) if path in VERSIONED else text
    return files


def _refusal(target: Path, shown: str) -> str | None:
    """Why target cannot take a new site, or None when it is missing or an empty folder."""
    if not target.exists():
        return None
    if not target.is_dir():
        return f"{shown} is a file: init writes a new site into an empty or new folder"
    if any(target.iterdir()):
        return f"{shown} is not empty: init writes a new site into an empty or new folder"
    return None


def _write(target: Path, files: dict[str, str]) -> list[Path]:
    written = []
    for path, text in files.items():
        file = target / path
        file.parent.mkdir(parents=True, exist_ok=True)
        # "x": never overwrite a file
        with open(file, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(file)
    return written


def init_site(target: Path | str, version: str = __version__) -> list[Path]:
    """Write the starter site into target (made if missing) and return the files written.

    Raise InitError, writing nothing, when target is a file or a folder that is not empty.
    """
    shown, target = str(target), Path(target)
    try:
        if problem := _refusal(target, shown):
            raise InitError(problem)
        return _write(target, starter_files(version))
    except OSError as error:
        raise InitError(
            f"cannot write the new site into {shown}: {error.strerror or error}") from error
