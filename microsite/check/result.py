"""What a check found, as plain data for the report to print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import ContentError


@dataclass(frozen=True)
class CheckResult:
    """What the check found: errors fail it, warnings do not; ``overdue``: pages late for review."""

    errors: tuple[ContentError, ...]
    warnings: tuple[ContentError, ...] = ()
    overdue: tuple[tuple[str, str, dt.date], ...] = ()  # (page, content file, review_by)
    pages: int = 0

    @property
    def ok(self) -> bool:
        """Whether the check passed: warnings alone do not fail it."""
        return not self.errors
