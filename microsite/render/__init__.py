"""Render: the Jinja environment (environment.py), page plan (plan.py) and rendering (pages.py)."""

from .environment import CSP, FRONTEND_SNIPPET_HASH, ParamsUndefined, format_date, make_environment
from .pages import render_page, render_site, template_error
from .plan import TEMPLATE_DEFAULTS, PageSpec, Planner, plan_pages

__all__ = ["CSP", "FRONTEND_SNIPPET_HASH", "TEMPLATE_DEFAULTS", "PageSpec", "ParamsUndefined",
           "Planner", "format_date", "make_environment", "plan_pages", "render_page", "render_site",
           "template_error"]
