"""Content rules only the check applies: they describe a finished strategy, not a draft."""

from __future__ import annotations

import datetime as dt
import re

from ..entries import Site
from ..errors import ContentError
from .trace import SourceTexts

PLACEHOLDER = re.compile(r"\bTODO\b")


def principles_without_case_studies(site: Site, _sources: SourceTexts,
                                    _today: dt.date) -> list[ContentError]:
    """Every principle must be demonstrated by at least one case study."""
    case, principle = site.config.sections.case_studies, site.config.sections.principles
    return [
        ContentError(p.path, p.line("id"),
                     f"no {case.lower_singular} demonstrates the {principle.lower_singular} '{p.id}': "
                     f"add '{p.id}' to the 'principles' of {case.article} {case.lower_singular} "
                     "in content/case-studies/")
        for p in site.principles if not site.links.case_studies_for_principle.get(p.id)
    ]


def placeholders(site: Site, sources: SourceTexts, _today: dt.date) -> list[ContentError]:
    """Text marked TODO (as `build.py new` writes it) must be replaced before it is published."""
    errors = []
    for path in sorted({site.config.path, *(e.path for e in _entries(site))}):
        for number, line in enumerate(sources.text(path).split("\n"), start=1):
            if PLACEHOLDER.search(line):
                message = "this line still has a 'TODO' placeholder: replace it with the real text"
                errors.append(ContentError(path, number, message))
    return errors


def overdue_reviews(site: Site, _sources: SourceTexts, today: dt.date) -> list[ContentError]:
    """Every page whose 'review_by' date has passed, at the line of that date."""
    return [ContentError(entry.path, entry.line("review_by"), _review_message(entry, today))
            for entry in _overdue(site, today)]


def overdue_pages(site: Site, today: dt.date) -> tuple[tuple[str, str, dt.date], ...]:
    """(page, content file, review_by) for every page whose 'review_by' date has passed."""
    return tuple(("/" + entry.url, entry.path, entry.review_by) for entry in _overdue(site, today))


# A new rule is one entry here: a function of the site, the text of its files and today's date.
RULES = (principles_without_case_studies, placeholders, overdue_reviews)

# What these rules find is a warning, unless site.yaml sets 'review_dates_are_errors'.
REVIEW_RULES = frozenset({overdue_reviews})


def apply_rules(site: Site, sources: SourceTexts,
                today: dt.date) -> tuple[list[ContentError], list[ContentError]]:
    """(errors, warnings) that the rules find."""
    errors, warnings = [], []
    for rule in RULES:
        lenient = rule in REVIEW_RULES and not site.config.review_dates_are_errors
        (warnings if lenient else errors).extend(rule(site, sources, today))
    return errors, warnings


def _entries(site: Site):
    entries = (site.home, *site.objectives, *site.principles, *site.case_studies, *site.pages,
               *site.news)
    return [e for e in entries if e is not None]


def _overdue(site: Site, today: dt.date):
    return [entry for entry in _entries(site)
            if entry.review_by is not None and entry.review_by < today]


def _review_message(entry, today: dt.date) -> str:
    days = (today - entry.review_by).days
    return (f"the page /{entry.url} was due for review by {format_day(entry.review_by)} "
            f"({days} day{'s' if days != 1 else ''} ago): "
            "check it is still right, then set 'last_reviewed' to today "
            "and 'review_by' to the next review date")


def format_day(day: dt.date) -> str:
    """A date as the check writes it, such as 1 March 2026."""
    return f"{day.day} {day:%B %Y}"
