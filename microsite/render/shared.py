"""The {% shared %} tag: a part of a page that many pages have the same (header, navigation, footer)
is rendered once and its HTML used again wherever the variables it reads have the same values.

The rule that keeps it exact: when the tag is compiled, the variables its body reads are found (in the
body, and in every template it includes or imports), and the fragment is keyed by their values where the
tag is: a string, number, True, False or None by its type and value, anything else by identity (the memo
holds the object, so its id is not reused). ``config`` and ``t`` are always in the key: the link and date
filters read them from the page's context. A body that could depend on more than its variables (one that
calls ``super()``, reads ``self``, holds a block, sets a namespace's attribute, or includes a template
chosen at render time) is rendered on every page, as if the tag were not there. The memo lives in the
environment, and so is built again, the same, by any process that makes one; page values must not change
once planned, which the preview's reuse of pages already needs (incremental.py's rule 2).
"""

from __future__ import annotations

from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.ext import Extension
from markupsafe import Markup

# Variables the engine's filters read from the page's context (href and its kin: config; date: t).
ALWAYS_READ = frozenset({"config", "t"})
# Fragments kept before starting again: a build has a few dozen; a site's override that reads a per-page
# value in a shared body makes one a page, and the preview keeps them from build to build.
SHARED_LIMIT = 20_000
_BY_VALUE = frozenset({str, int, float, bool, type(None), Markup})
_UNDEFINED = ("undefined",)
# Names whose value a key cannot stand for: the page's chain of blocks.
_UNKEYABLE = frozenset({"super", "self"})


class SharedFragments(Extension):
    """{% shared %}…{% endshared %}: the body, rendered once for each set of values it reads."""

    tags = {"shared"}

    def __init__(self, environment: jinja2.Environment):
        super().__init__(environment)
        environment.extend(share_fragments=True)
        self.memo: dict[tuple, tuple[tuple, Any]] = {}

    def parse(self, parser) -> nodes.Node | list[nodes.Node]:
        """The body, wrapped in a call to ``_fragment`` with the values of every name it reads."""
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(("name:endshared",), drop_needle=True)
        reads = body_reads(self.environment, body) if self.environment.share_fragments else None
        if reads is None:
            return body
        key = nodes.Tuple([nodes.Name(name, "load") for name in sorted(reads | ALWAYS_READ)], "load")
        call = self.call_method("_fragment", [nodes.Const((parser.name, lineno)), key])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, where: tuple, values: tuple, caller) -> Any:
        """The body's HTML for these values: made now, or kept from the first page that had them."""
        key = (where, tuple(map(_key_of, values)))
        kept = self.memo.get(key)
        if kept is None:
            if len(self.memo) >= SHARED_LIMIT:
                self.memo.clear()
            kept = self.memo[key] = (values, caller())
        return kept[1]


def _key_of(value: Any) -> Any:
    """A value in a fragment's key: plain values by type and value, undefined as one, others by id."""
    kind = type(value)
    if kind in _BY_VALUE:
        return (kind, value)
    if isinstance(value, jinja2.Undefined):
        return _UNDEFINED
    return id(value)


def body_reads(env: jinja2.Environment, body: list[nodes.Node]) -> frozenset[str] | None:
    """Every name a body reads, with what its templates read; None when that does not decide its HTML."""
    tree = nodes.Template(body, lineno=1).set_environment(env)
    names = set(meta.find_undeclared_variables(tree))
    if not _keyable(tree, names):
        return None
    seen: set[str] = set()
    pending = list(meta.find_referenced_templates(tree))
    while pending:
        name = pending.pop()
        if name is None:
            return None  # a template chosen at render time could read anything
        if name in seen:
            continue
        seen.add(name)
        try:
            used = env.parse(env.loader.get_source(env, name)[0])
        except jinja2.TemplateError:
            return None  # rendering reports it, as it would without the tag
        reads = meta.find_undeclared_variables(used)
        if not _keyable(used, reads, template=True):
            return None
        names |= reads
        pending += meta.find_referenced_templates(used)
    return frozenset(names)


def _keyable(tree: nodes.Template, reads: set[str], template: bool = False) -> bool:
    """Whether the values of the names a tree reads (``reads``) decide its HTML.

    ``template``: a template it includes or imports, whose own blocks and ``self`` are its own.
    """
    if any(ref.name in reads for ref in tree.find_all(nodes.NSRef)):
        return False  # it sets an attribute of a namespace from the page, which a kept copy would not
    if template:
        return True
    return (not any(name.name in _UNKEYABLE for name in tree.find_all(nodes.Name))
            and tree.find(nodes.Block) is None and tree.find(nodes.Extends) is None)
