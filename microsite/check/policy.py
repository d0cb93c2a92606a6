"""What the site's Content Security Policy would block in a rendered page: inline styles and scripts.

Every page carries the policy (render/environment.py's CSP): styles and scripts from the site's own
files only, and GOV.UK Frontend's one inline snippet, allowed by its hash. A browser silently drops
anything else inline, so the check names it, at the template that made it. Content cannot make any
of it: Markdown refuses HTML and 'javascript:' links before a page is rendered.
"""

from __future__ import annotations

import base64
import hashlib
import re

from ..render import CSP
from .trace import Found

# An inline thing the policy may block, as the page parser notes it: (what, tag, detail, line).
Inline = tuple[str, str, str, int]
# The types of <script> that hold data, which a browser never runs, so the policy leaves them be.
DATA_SCRIPTS = re.compile(r"^(application|text)/(ld\+)?json$|^importmap$|^speculationrules$", re.I)
_WHY = "would be blocked by the site's Content Security Policy"


def allowed_hashes(policy: str = CSP) -> frozenset[str]:
    """The hashes ('sha256-…') the policy's script-src allows inline scripts by."""
    directive = next((d for d in policy.split(";") if d.split()[:1] == ["script-src"]), "")
    return frozenset(re.findall(r"'(sha(?:256|384|512)-[A-Za-z0-9+/=]+)'", directive))


def script_hash(text: str, algorithm: str = "sha256") -> str:
    """The policy's hash of an inline script's text, as a browser computes it."""
    digest = hashlib.new(algorithm, text.encode("utf-8")).digest()
    return f"{algorithm}-{base64.b64encode(digest).decode('ascii')}"


def is_javascript_url(value: str) -> bool:
    """Whether a link is a 'javascript:' URL, as a browser reads it (spaces and controls dropped)."""
    return re.sub(r"[\x00-\x20]", "", value).lower().startswith("javascript:")


def blocked(inline: list[Inline], hashes: frozenset[str]) -> list[Found]:
    """The problem with each inline style or script that the policy would block."""
    found = []
    for what, tag, detail, _line in inline:
        if what == "script" and any(script_hash(detail, h.split("-", 1)[0]) == h for h in hashes):
            continue
        found.append(_FINDERS[what](tag, detail))
    return found


def _style_attribute(tag: str, value: str) -> Found:
    return Found(f"the style attribute on <{tag}> ",
                 f" {_WHY} (style-src 'self'): move the style into the site's stylesheet and use a class",
                 template_needles=(f'style="{value}"', f"style='{value}'", re.compile(r"\bstyle\s*=")),
                 content=False)


def _style_element(_tag: str, text: str) -> Found:
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return Found("the <style> element ",
                 f" {_WHY} (style-src 'self'): move its rules into the site's stylesheet",
                 template_needles=(first, re.compile(r"<style\b", re.I)), content=False)


def _script(_tag: str, text: str) -> Found:
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return Found("the inline <script> ",
                 f" {_WHY} (script-src 'self'): move it into a script file in the site's assets "
                 "and load it with <script src=…>",
                 template_needles=(first, re.compile(r"<script\b(?![^>]*\bsrc\s*=)", re.I)), content=False)


def _handler(tag: str, attribute: str) -> Found:
    return Found(f"the '{attribute}' attribute on <{tag}> ",
                 f" {_WHY}, which runs no inline event handlers: attach the handler from a script file "
                 "in the site's assets instead",
                 template_needles=(re.compile(rf"\b{re.escape(attribute)}\s*=", re.I),), content=False)


def _javascript_url(tag: str, attribute: str) -> Found:
    return Found(f"the 'javascript:' link in the '{attribute}' of <{tag}> ",
                 f" {_WHY}, which runs no 'javascript:' links: link to a real address, or use a button "
                 "with a handler in a script file",
                 template_needles=(re.compile(r"javascript\s*:", re.I),), content=False)


_FINDERS = {"style attribute": _style_attribute, "style element": _style_element, "script": _script,
            "event handler": _handler, "javascript URL": _javascript_url}
