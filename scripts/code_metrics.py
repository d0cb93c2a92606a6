"""Size figures for a folder of Python modules: modules, classes, functions and long lines."""

from __future__ import annotations

import argparse
import ast
import statistics
from dataclasses import dataclass
from pathlib import Path

LONG_FUNCTION = 40
LONG_LINE = 100


@dataclass(frozen=True)
class Span:
    """A named stretch of source: a module, a class or a function, with its length in lines."""

    where: str
    name: str
    lines: int


@dataclass(frozen=True)
class Module:
    """What one module contributes to the figures."""

    span: Span
    classes: list[Span]
    functions: list[Span]
    long_lines: int


def node_span(path: str, node: ast.AST) -> Span:
    """The span of a class or function from its `def` or `class` line to the end of its body."""
    return Span(f"{path}:{node.lineno}", node.name, node.end_lineno - node.lineno + 1)


def measure(path: Path, label: str) -> Module:
    """Measure one module."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    classes, functions = [], []
    for node in ast.walk(ast.parse(text, filename=label)):
        if isinstance(node, ast.ClassDef):
            classes.append(node_span(label, node))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions.append(node_span(label, node))
    long_lines = sum(len(line) > LONG_LINE for line in lines)
    return Module(Span(label, label, len(lines)), classes, functions, long_lines)


def modules(folder: Path, exclude: list[str]) -> list[Module]:
    """Measure every module under `folder`, leaving out the paths (relative to it) in `exclude`."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        relative = path.relative_to(folder).as_posix()
        if relative not in exclude:
            found.append(measure(path, (folder / relative).as_posix()))
    return found


def longest(spans: list[Span]) -> str:
    """The longest of some spans, as 'lines (name, where)', or 'none'."""
    if not spans:
        return "none"
    span = max(spans, key=lambda s: s.lines)
    where = span.where if span.name == span.where else f"{span.name}, {span.where}"
    return f"{span.lines} lines ({where})"


def report(measured: list[Module]) -> list[str]:
    """The figures, one line each."""
    classes = [c for m in measured for c in m.classes]
    functions = [f for m in measured for f in m.functions]
    lengths = [f.lines for f in functions]
    total_lines = sum(m.span.lines for m in measured)
    long_lines = sum(m.long_lines for m in measured)
    over = sorted((f for f in functions if f.lines > LONG_FUNCTION), key=lambda f: -f.lines)
    share = 100 * long_lines / total_lines if total_lines else 0.0
    out = [
        f"modules: {len(measured)} ({total_lines} lines)",
        f"longest module: {longest([m.span for m in measured])}",
        f"longest class: {longest(classes)}",
        f"functions: {len(functions)}",
        f"median function: {statistics.median(lengths) if lengths else 0} lines",
        f"longest function: {longest(functions)}",
        f"functions over {LONG_FUNCTION} lines: {len(over)}",
    ]
    out += [f"  {f.lines} {f.name} ({f.where})" for f in over]
    out.append(f"lines over {LONG_LINE} characters: {long_lines} of {total_lines} ({share:.1f}%)")
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the figures for the folder named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", default="microsite", type=Path)
    parser.add_argument("--exclude", action="append", default=[], metavar="PATH",
                        help="a module to leave out, relative to the folder (may be repeated)")
    args = parser.parse_args(argv)
    print("\n".join(report(modules(args.folder, args.exclude))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
