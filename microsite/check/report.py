"""The check's output: path:line: message for people, GitHub Actions commands, and a summary."""

from __future__ import annotations

from ..errors import ContentError, format_error
from .result import CheckResult
from .rules import format_day


def report(result: CheckResult, github_actions: bool = False) -> tuple[list[str], list[str]]:
    """(lines for standard output, lines for standard error) describing a check's result."""
    out, err = [], []
    err += _problem_lines(result)
    if github_actions:
        out += _annotations(result)
    err += _review_lines(result.overdue)
    (err if result.errors else out).append(_summary(result))
    return out, err


def annotation(error: ContentError, level: str = "error") -> str:
    """A GitHub Actions workflow command showing the problem on the pull request, at its line."""
    file, line = _escape_property(error.path), max(error.line, 1)
    return f"::{level} file={file},line={line}::{_escape_data(error.message)}"


def _problem_lines(result: CheckResult) -> list[str]:
    lines = [format_error(error) for error in result.errors]
    for warning in result.warnings:
        lines.append(format_error(
            ContentError(warning.path, warning.line, "warning: " + warning.message)))
    return lines


def _annotations(result: CheckResult) -> list[str]:
    errors = [annotation(e, "error") for e in result.errors]
    return errors + [annotation(w, "warning") for w in result.warnings]


def _review_lines(overdue) -> list[str]:
    if not overdue:
        return []
    count = len(overdue)
    pages = f"{count} page{'s are' if count != 1 else ' is'}"
    heading = f"{pages} past {'their' if count != 1 else 'its'} review date:"
    return [heading] + [f"  {page} ({path}): review by {format_day(due)}"
                        for page, path, due in overdue]


def _summary(result: CheckResult) -> str:
    problems = len(result.errors)
    count = len(result.warnings)
    warnings = f", {count} warning{'s' if count != 1 else ''}" if result.warnings else ""
    if problems:
        return f"Check failed: {problems} problem{'s' if problems != 1 else ''}{warnings}."
    return f"Check passed: {result.pages} pages, no problems{warnings}."


# GitHub reads %, CR and LF as syntax in a command's message, and also ':' and ',' in its
# properties.

def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
