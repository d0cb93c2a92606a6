"""Content errors as data, and the one place they are formatted as ``path:line: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one file, at one line (line 0 means the file as a whole)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return format_error(self)


def format_error(error: ContentError) -> str:
    """Format an error as ``path:line: message``, the shape editors and CI annotations read."""
    line = max(error.line, 1)
    return f"{error.path}:{line}: {error.message}"


@dataclass(frozen=True)
class Problem:
    """A problem in a text not yet given a path: its line in that text and what is wrong."""

    line: int
    message: str

    def at(self, path: str, offset: int = 0) -> ContentError:
        """The same problem as a ContentError in a file, its line moved by offset."""
        return ContentError(path, self.line + offset, self.message)


class BuildFailed(Exception):
    """Raised when a build stops; carries every error found, sorted by file and line."""

    def __init__(self, errors: list[ContentError] | tuple[ContentError, ...]):
        self.errors = tuple(sorted(set(errors)))
        super().__init__("\n".join(format_error(e) for e in self.errors))


# How alike a word and a suggestion must be (difflib's ratio): one letter wrong in four ('rôle', 'role')
# or two in ten is close; 'owner' and 'order' (0.6) are not, and suggesting one for the other misleads.
CLOSE = 0.75


def did_you_mean(word: str, choices) -> str:
    """Return ' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=CLOSE)
    return f" (did you mean '{close[0]}'?)" if close else ""
