"""The check (`build.py check`): the content and the site it makes, in memory; dist/ is untouched.

Every content rule, then the rendered site (links, #fragments, images, headings), principles without
case studies, placeholders, review dates, and what the Content Security Policy would block. Each
problem in a rendered page is traced back to the content line that made it, so it shows on a pull
request beside the line to change; one that a template or a site.yaml link made is named once, at
its line. The rules are in rules.py, the reading of rendered pages in pages.py (the tracing in
trace.py, the policy in policy.py), the output in report.py, and check_project() joins them in run.py.
"""

from .pages import PageParser, Resolver, check_pages, parse_page
from .policy import allowed_hashes, script_hash
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
from .trace import Found, SourceTexts, TemplateTexts, Tracer

__all__ = [
    "PLACEHOLDER", "RULES", "CheckResult", "Found", "PageParser", "Resolver", "SourceTexts",
    "TemplateTexts", "Tracer", "allowed_hashes", "annotation", "check_pages", "check_project",
    "overdue_pages", "overdue_reviews", "parse_page", "placeholders",
    "principles_without_case_studies", "report", "script_hash",
]
