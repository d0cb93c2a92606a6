"""check_project(): render in memory, apply the rules, check every page; dist/ is never touched."""

from __future__ import annotations

import datetime as dt

from ..errors import BuildFailed, ContentError
from ..pipeline import Project, build_site
from ..render import make_environment
from .pages import check_pages
from .result import CheckResult
from .rules import apply_rules, overdue_pages
from .trace import SourceTexts, TemplateTexts


def check_project(project: Project, base_url: str | None = None,
                  today: dt.date | None = None) -> CheckResult:
    """Check the content and the site it makes, writing nothing; ``today`` decides review dates."""
    today = today or dt.date.today()
    try:
        built = build_site(project, base_url, write=None)
    except BuildFailed as failed:
        return CheckResult(failed.errors)
    site, specs, files = built.site, built.specs, built.files
    sources = SourceTexts(project.root)
    errors, warnings = apply_rules(site, sources, today)
    templates = TemplateTexts(make_environment(project.templates))
    errors += check_pages(site, specs, files, sources, templates)
    return CheckResult(_unique(errors), _unique(warnings), overdue_pages(site, today), len(specs))


def _unique(errors: list[ContentError]) -> tuple[ContentError, ...]:
    return tuple(sorted(set(errors)))
