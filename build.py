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
    serve = sub.add_parser("serve", help="build, then preview the site with live reload while you edit")
    serve.add_argument("--port", type=int, default=8000, help="the port to serve on (default: 8000, or the next free one)")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this computer only)")
    check = sub.add_parser("check", help="check the content and the site it makes, without writing dist/")
    check.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    new = sub.add_parser("new", help="write a new content file, such as: new case-study \"Funding Service\"")
    new.add_argument("kind", choices=("case-study", "principle", "objective", "page", "news"), help="the kind of content")
    new.add_argument("title", help="its title (a principle's short name), in quotes")
    new.add_argument("--id", default=None, help="the id to use in its web address (default: made from the title)")
    new.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    schemas = sub.add_parser("schemas", help="write the JSON Schemas for editors into schemas/ from the content model")
    schemas.add_argument("--check", action="store_true", help="only say whether schemas/ is up to date (exit 1 if not)")
    return parser.parse_args(argv)


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


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


def command_serve(args: argparse.Namespace) -> int:
    from microsite.preview import serve

    code = serve(make_project(args), args.base_url, args.host, args.port)
    # The preview has stopped its threads and finished writing dist/. Leave now, so that no thread a
    # library left behind can hold up the exit after Ctrl+C.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def command_check(args: argparse.Namespace) -> int:
    from microsite.check import check_project, report

    result = check_project(make_project(args), args.base_url, args.today)
    out, err = report(result, github_actions=os.environ.get("GITHUB_ACTIONS") == "true")
    for line in err:
        print(line, file=sys.stderr)
    for line in out:
        print(line)
    return 0 if result.ok else 1


def command_new(args: argparse.Namespace) -> int:
    import datetime as dt

    from microsite.scaffold import ScaffoldError, new_content

    try:
        path = new_content(args.root, args.kind, args.title, args.today or dt.date.today(), args.id)
    except ScaffoldError as problem:
        print(f"build.py new: {problem}", file=sys.stderr)
        return 1
    shown = path.relative_to(args.root.absolute()).as_posix()
    print(f"Created {shown}. Replace each TODO, then preview it with: python3 dev.py preview")
    return 0


def command_schemas(args: argparse.Namespace) -> int:
    from microsite.schema_files import stale_schemas, write_schemas

    folder = args.root / "schemas"
    if args.check:
        stale = stale_schemas(folder)
        for name in stale:
            print(f"schemas/{name} is out of date: run python build.py schemas", file=sys.stderr)
        return 1 if stale else 0
    changed = write_schemas(folder)
    print(f"Wrote {', '.join('schemas/' + n for n in changed)}." if changed else "schemas/ is up to date.")
    return 0


COMMANDS = {None: command_build, "build": command_build, "serve": command_serve,
            "check": command_check, "new": command_new, "schemas": command_schemas}


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
