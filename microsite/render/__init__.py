"""Render: the Jinja environment (environment.py), page plan (plan.py) and rendering (render.py)."""

from .environment import CSP, FRONTEND_SNIPPET_HASH, ParamsUndefined, format_date, make_environment
from .plan import TEMPLATE_DEFAULTS, PageSpec, Planner, plan_pages
from .render import NO_REUSE, render_page, render_site, template_error

__all__ = ["CSP", "FRONTEND_SNIPPET_HASH", "NO_REUSE", "TEMPLATE_DEFAULTS", "PageSpec", "ParamsUndefined",
           "Planner", "format_date", "make_environment", "plan_pages", "render_page", "render_site",
           "template_error"]
