#!/usr/bin/env python3
"""Command line: build the strategy site (default), or serve, check or scaffold it."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the strategy microsite from content/ into dist/.")
    parser.add_argument("--base-url", default=os.environ.get("SITE_BASE_URL") or None,
                        help="where the site will be published, such as https://org.github.io/strategy/ "
                             "(default: SITE_BASE_URL, else base_url in content/site.yaml)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help="the output folder (default: dist/)")
    parser.add_argument("--debug", action="store_true", help="show a traceback for internal errors")
    parser.add_argument("--cache-dir", type=Path, default=None, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("build", help="build the site into dist/ (the default)")
    return parser.parse_args(argv)


def print_errors(errors) -> None:
    """Print every error as path:line: message, then a one-line summary."""
    from microsite.errors import format_error

    for error in errors:
        print(format_error(error), file=sys.stderr)
    count = len(errors)
    print(f"Build failed: {count} problem{'s' if count != 1 else ''}. dist/ was not changed.", file=sys.stderr)


def make_project(args: argparse.Namespace):
    """The project the command line points at (folders can be moved for tests and benchmarks)."""
    import dataclasses

    from microsite.pipeline import Project

    project = Project.at(args.root, args.out)
    return dataclasses.replace(project, cache=args.cache_dir.absolute()) if args.cache_dir else project


def command_build(args: argparse.Namespace) -> int:
    from microsite.pipeline import build_site

    project = make_project(args)
    started = time.perf_counter()
    files = build_site(project, args.base_url)
    pages = sum(1 for name in files if name.endswith(".html"))
    shown = os.path.relpath(project.dist)
    print(f"Built {pages} pages into {shown}/ in {time.perf_counter() - started:.2f} s.")
    return 0


COMMANDS = {None: command_build, "build": command_build}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from microsite.config import check_base_url
    from microsite.errors import BuildFailed, ContentError

    if args.base_url and (problem := check_base_url(args.base_url)):
        print_errors([ContentError("--base-url" if "--base-url" in (argv or sys.argv) else "SITE_BASE_URL", 0, problem)])
        return 1
    try:
        return COMMANDS[args.command](args)
    except BuildFailed as failed:
        print_errors(failed.errors)
        return 1
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except Exception as exc:  # an internal fault, not a content mistake: say so plainly
        if args.debug:
            raise
        print(f"build.py: internal error: {type(exc).__name__}: {exc} (run with --debug to see where)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
