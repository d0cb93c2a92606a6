"""The check (`build.py check`): the content and the site it makes, in memory; dist/ is untouched.

Every content rule, then the rendered site (links, #fragments, images, headings), principles without
case studies, placeholders and review dates. Each problem in a rendered page is traced back to the
content file (and line, where it can be found) that made the page, so it shows on a pull request
beside the line to change. The rules are in rules.py, the reading of rendered pages in pages.py, the
output in report.py, and check_project() joins them in run.py.
"""

from .pages import PageParser, Resolver, SourceTexts, check_pages, parse_page
from .report import annotation, report
from .result import CheckResult
from .rules import (
    PLACEHOLDER,
    RULES,
    overdue_pages,
    overdue_reviews,
    placeholders,
    principles_without_case_studies,
)
from .run import check_project

__all__ = [
    "PLACEHOLDER", "RULES", "CheckResult", "PageParser", "Resolver", "SourceTexts", "annotation",
    "check_pages", "check_project", "overdue_pages", "overdue_reviews", "parse_page",
    "placeholders", "principles_without_case_studies", "report",
]
