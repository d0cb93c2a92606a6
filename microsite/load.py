"""Load stage: find content files, read them safely, parse YAML and front matter, a line per key."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, did_you_mean
from .yaml_lines import LineDict, LineList, parse_yaml

__all__ = ["Document", "LineDict", "LineList", "Sources", "find_content_files", "load_document",
           "load_sources", "parse_yaml", "read_text", "split_front_matter"]
MAX_FILE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """One content file: its parsed data (``LineDict``), its Markdown body and where things are."""

    path: str
    kind: str
    data: LineDict
    body: str = ""
    body_line: int = 1


@dataclass(frozen=True)
class Sources:
    """Everything read from content/: the documents that parsed, the errors of the rest."""

    documents: tuple[Document, ...]
    errors: tuple[ContentError, ...]
    # (path, kind) of files that could not be read or parsed
    failed: tuple[tuple[str, str], ...] = ()

    def of_kind(self, kind: str) -> tuple[Document, ...]:
        """The documents of one kind, in path order."""
        return tuple(d for d in self.documents if d.kind == kind)


def split_front_matter(text: str, path: str) -> tuple[str, str, int, list[ContentError]]:
    """Split a Markdown file into front matter and body: (yaml, body, body_line, errors)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return "", text, 1, [ContentError(path, 1, "the file must start with front matter: "
                                          "a line '---', the fields, then another '---'")]
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1 : number - 1])
            body = "\n".join(lines[number:])
            return yaml_text, body, number + 1, []
    return "", "", 1, [ContentError(path, 1, "the front matter starting on line 1 never closes: "
                                    "add a line '---' after the last field")]


def read_text(file: Path, path: str) -> tuple[str | None, list[ContentError]]:
    """Read a file as UTF-8 (a byte-order mark is allowed), with CRLF or CR line endings made LF."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [ContentError(
                path, 1, f"the file is {size / 1024 / 1024:.1f} MB; "
                f"content files must be under {MAX_FILE_BYTES // 1024 // 1024} MB")]
        raw = file.read_bytes()
    except OSError as exc:
        return None, [ContentError(path, 1, f"cannot read the file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [ContentError(
            path, line, "the file is not valid UTF-8 text "
            f"(byte 0x{raw[exc.start]:02x} cannot be read); save it as UTF-8")]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [
            ContentError(path, line, "the file contains a NUL character; is it a binary file?")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def load_document(file: Path | str, path: str,
                  kind: str) -> tuple[Document | None, list[ContentError]]:
    """Read and parse one content file (YAML, or Markdown with front matter)."""
    file = Path(file)
    text, errors = read_text(file, path)
    if text is None:
        return None, errors
    body, body_line, offset = "", 1, 0
    if file.suffix == ".md":
        yaml_text, body, body_line, errors = split_front_matter(text, path)
        if errors:
            return None, errors
        text, offset = yaml_text, 1
    if not text.strip():
        return None, [ContentError(path, 1, "the file has no fields: it is empty" if offset == 0
                                   else "the front matter is empty")]
    data, errors = parse_yaml(text, path, offset)
    # Only comments, or 'null': without this the file would vanish from the site.
    if data is None and not errors:
        errors.append(ContentError(
            path, 1 + offset, f"the {'file' if offset == 0 else 'front matter'} has no fields, "
            "only comments or an empty value"))
    if data is not None and not isinstance(data, LineDict):
        errors.append(
            ContentError(path, 1 + offset, "the fields must be a mapping of 'name: value' lines"))
        data = None
    if data is None:
        return None, errors
    return Document(path, kind, data, body, body_line), errors


def find_content_files(root: Path) -> tuple[list[tuple[str, str, str]], list[ContentError]]:
    """List (file, display path, kind) for every content file under root/content, and stray files.

    Folders are read with os.scandir, whose entries know without a system call whether they are
    files or links, so listing thousands of files costs no stat call per file.
    """
    content = root / "content"
    found, errors = [], []
    for name, kind in single_files().items():
        file = content / name
        shown = _display(root, file)
        if not (file.exists() or file.is_symlink()):
            errors.append(ContentError(shown, 0, "this file is missing"))
        elif _outside(content, file):
            errors.append(ContentError(shown, 0, OUTSIDE))
        else:
            found.append((str(file), shown, kind))
    errors += stray_entries(content)
    for folder, (kind, suffix) in sections().items():
        linked_folder = (content / folder).is_symlink()
        for entry in _listing(content / folder):
            name = entry.name
            if ignored(name):
                continue
            shown = f"content/{folder}/{name}"
            if not name.endswith(suffix) or not entry.is_file():
                errors.append(ContentError(shown, 0, _unexpected(Path(entry.path), folder, suffix)))
            elif (linked_folder or entry.is_symlink()) and _outside(content, Path(entry.path)):
                errors.append(ContentError(shown, 0, OUTSIDE))
            else:
                found.append((entry.path, shown, kind))
    return found, errors


def single_files() -> dict[str, str]:
    """File name under content/ -> kind, for the kinds that are one file: settings and home page."""
    from .kinds import KINDS  # the table imports the model, which imports this module

    return {"site.yaml": "site", **{k.file: k.name for k in KINDS.values() if k.file}}


def sections() -> dict[str, tuple[str, str]]:
    """Folder under content/ -> (kind, file suffix), for the kinds that are a folder of files."""
    from .kinds import FOLDERS

    return {folder: (kind.name, kind.suffix) for folder, kind in FOLDERS.items()}


OUTSIDE = "this is a link to a file outside content/; content files must live inside content/"
# Left beside content by editors and operating systems: dotfiles (.DS_Store, Vim's .x.swp), backups
# (x~), Emacs's #x#. And a README.md, for people reading the folder on GitHub: it cannot be content,
# since 'README' is not an id.
NOT_CONTENT = ("README.md", "Thumbs.db", "desktop.ini")


def ignored(name: str) -> bool:
    """Whether a name under content/ is one the engine passes over: an editor's file, or a README."""
    return (name.startswith(".") or name.endswith("~") or (name.startswith("#") and name.endswith("#"))
            or name in NOT_CONTENT)


def stray_entries(content: Path) -> list[ContentError]:
    """An error for each file or folder in content/ itself that the engine would not read."""
    files, folders = single_files(), sections()
    errors = []
    for entry in _listing(content):
        name, folder = entry.name, entry.is_dir()
        if ignored(name) or (name in files and not folder) or (name in folders and folder):
            continue
        shown = f"content/{name}"
        if name in folders:
            errors.append(ContentError(shown, 0, f"this must be a folder of '{folders[name][1]}' files"))
        else:
            errors.append(ContentError(shown, 0, _stray(name, folder, files, folders)))
    return errors


def _stray(name: str, folder: bool, files, folders) -> str:
    listed = [f"{section}/" for section in folders]
    holds = f"{', '.join(files)} and the folders {', '.join(listed[:-1])} and {listed[-1]}"
    hint = did_you_mean(name, folders if folder else files)
    if folder:
        return (f"the engine does not read this folder: content/ holds only {holds}; "
                f"move what it holds into one of them, or remove it{hint}")
    return (f"the engine does not read this file: content/ holds only {holds}; "
            f"move it into one of the folders, or remove it{hint}")


def _listing(folder: Path) -> list[os.DirEntry]:
    """A section folder's entries in name order (os.scandir: glob is slow at thousands of files)."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        return []


def _unexpected(file: Path, folder: str, suffix: str) -> str:
    if file.is_symlink() and not file.exists():
        return "this is a link to a file that does not exist; remove the link or restore the file"
    if file.is_dir():
        return f"unexpected folder in content/{folder}/: it must hold only '{suffix}' files"
    return f"unexpected file in content/{folder}/: files here must end in '{suffix}'"


def _display(root: Path, file: Path) -> str:
    return file.relative_to(root).as_posix()


def _outside(content: Path, file: Path) -> bool:
    """True when a link (the file, or its folder) leads out of content/."""
    try:
        file.resolve().relative_to(content.resolve())
        return False
    except ValueError:
        return True


def load_sources(root: Path, read=load_document) -> Sources:
    """Load stage: read every content file under root/content; collect every error.

    ``read`` loads one file (default ``load_document``); the preview passes one that remembers
    unchanged files.
    """
    files, errors = find_content_files(root)
    documents, failed = [], []
    for file, shown, kind in files:
        document, problems = read(file, shown, kind)
        errors.extend(problems)
        if document is not None:
            documents.append(document)
        elif problems:
            failed.append((shown, kind))
    return Sources(tuple(documents), tuple(errors), tuple(failed))
