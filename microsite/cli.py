"""The command line, `strategy-microsite`: init, build, serve, check, new, schemas.

`build.py` in the engine's repository runs the same. Options may come before or after the command.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys
import time
from pathlib import Path

from . import __version__
from .errors import BuildFailed, ContentError, format_error
from .kinds import COMMANDS


@dataclasses.dataclass(frozen=True)
class Program:
    """How the command is called, and the site it works on when --site is not given."""

    name: str = "strategy-microsite"
    site: Path | None = None             # None: the current folder
    preview_hint: str = "strategy-microsite serve"
    run: str = "strategy-microsite"      # how a message tells the user to run it


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes: use 1 or more")
    return jobs


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """Options every command takes, before or after its name.

    After it (``suppress``), an option is set only when given, so the ones before it are not reset.
    """
    def default(value):
        return argparse.SUPPRESS if suppress else value

    parser.add_argument("--site", type=Path, default=default(None),
                        help="the site folder, holding content/ (default: the current folder)")
    parser.add_argument("--root", type=Path, dest="site", default=default(None),
                        help=argparse.SUPPRESS)
    parser.add_argument("--base-url", default=default(os.environ.get("SITE_BASE_URL") or None),
                        help="where the site will be published, such as "
                             "https://org.github.io/strategy/ "
                             "(default: SITE_BASE_URL, else base_url in content/site.yaml)")
    parser.add_argument("--out", type=Path, default=default(None),
                        help="the output folder (default: dist/)")
    parser.add_argument("--debug", action="store_true", default=default(False),
                        help="show a traceback for internal errors")
    parser.add_argument("--cache-dir", type=Path, default=default(None), help=argparse.SUPPRESS)
    parser.add_argument("--jobs", "-j", type=_jobs, default=default(None), metavar="N",
                        help="processes to render with (default: one per core for large sites)")
    parser.add_argument("--quiet", "-q", action="store_true", default=default(False),
                        help="say nothing but problems")
    parser.add_argument("--verbose", "-v", action="store_true", default=default(False),
                        help="say what each stage of the build took")


def _commands(sub, add) -> None:
    add(sub, "build", "build the site into dist/ (the default)")
    serve = add(sub, "serve", "build, then preview the site with live reload while you edit")
    serve.add_argument("--port", type=int, default=8000,
                       help="the port to serve on (default: 8000, or the next free one)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: 127.0.0.1, this computer only)")
    check = add(sub, "check", "check the content and the site it makes, without writing dist/")
    check.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    new = add(sub, "new", "write a new content file, such as: new case-study \"Funding Service\"")
    new.add_argument("kind", help=f"the kind of content: {', '.join(COMMANDS)} "
                                  "(or what site.yaml's sections call one, such as mission)")
    new.add_argument("title", help="its title (a principle's short name), in quotes")
    new.add_argument("--id", default=None,
                     help="the id to use in its web address (default: made from the title)")
    new.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    schemas = add(sub, "schemas",
                  "write the JSON Schemas for editors into schemas/ from the content model")
    schemas.add_argument("--check", action="store_true",
                         help="only say whether schemas/ is up to date (exit 1 if not)")
    init = add(sub, "init", "write a new site, ready to build, into a new or empty folder")
    init.add_argument("folder", type=Path, help="the folder to write it into, such as my-strategy")


def parse_args(argv: list[str], program: Program) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        prog=program.name, description="Build a strategy microsite from content/ into dist/.")
    parser.add_argument("--version", action="version", version=f"{program.name} {__version__}")
    _common(parser, suppress=False)
    sub = parser.add_subparsers(dest="command")

    def add(subparsers, name: str, help_text: str) -> argparse.ArgumentParser:
        command = subparsers.add_parser(name, help=help_text)
        _common(command, suppress=True)
        return command
    _commands(sub, add)
    args = parser.parse_args(argv)
    args.site = (args.site or program.site or Path.cwd()).absolute()
    return args


def print_errors(errors) -> None:
    """Print every error as path:line: message, then a one-line summary."""
    for error in errors:
        print(format_error(error), file=sys.stderr)
    count = len(errors)
    print(f"Build failed: {count} problem{'s' if count != 1 else ''}. dist/ was not changed.",
          file=sys.stderr)


def make_project(args: argparse.Namespace):
    """The project the command line points at (folders can be moved for tests and benchmarks)."""
    from .pipeline import Project

    project = Project.at(args.site, args.out)
    return (dataclasses.replace(project, cache=args.cache_dir.absolute()) if args.cache_dir
            else project)


def command_build(args, program: Program) -> int:
    """build: the whole site into dist/, saying how many pages and how long it took."""
    from .pipeline import build_site
    from .progress import progress_for

    project = make_project(args)
    started = time.perf_counter()
    progress = progress_for(sys.stderr, args.quiet, args.verbose)
    files = build_site(project, args.base_url, jobs=args.jobs, progress=progress)
    pages = sum(1 for name in files if name.endswith(".html"))
    if not args.quiet:
        print(f"Built {pages} pages into {os.path.relpath(project.dist)}/ "
              f"in {time.perf_counter() - started:.2f} s.")
    return 0


def command_serve(args, program: Program) -> int:
    """serve: build, then preview the site while it is edited; the process ends when it stops."""
    from .preview import serve

    code = serve(make_project(args), args.base_url, args.host, args.port)
    # The preview has stopped its threads and finished writing dist/. Leave now, so that no thread a
    # library left behind can hold up the exit after Ctrl+C.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def command_check(args, program: Program) -> int:
    """check: the content and the site it makes, reported; 1 when anything fails."""
    from .check import check_project, report

    result = check_project(make_project(args), args.base_url, args.today)
    out, err = report(result, github_actions=os.environ.get("GITHUB_ACTIONS") == "true")
    for line in err:
        print(line, file=sys.stderr)
    for line in out:
        print(line)
    return 0 if result.ok else 1


def command_new(args, program: Program) -> int:
    """new: write a new content file of a kind, with a title."""
    from .scaffold import ScaffoldError, new_content

    try:
        path = new_content(args.site, args.kind, args.title, args.today or dt.date.today(), args.id)
    except ScaffoldError as problem:
        print(f"{program.name} new: {problem}", file=sys.stderr)
        return 1
    shown = path.relative_to(args.site).as_posix()
    print(f"Created {shown}. Replace each TODO, then preview it with: {program.preview_hint}")
    return 0


def command_schemas(args, program: Program) -> int:
    """schemas: write the JSON Schemas into schemas/, or (--check) say which are out of date."""
    from .schema_files import stale_schemas, write_schemas

    folder = args.site / "schemas"
    if args.check:
        stale = stale_schemas(folder)
        for name in stale:
            print(f"schemas/{name} is out of date: run {program.run} schemas", file=sys.stderr)
        return 1 if stale else 0
    changed = write_schemas(folder)
    print(f"Wrote {', '.join('schemas/' + n for n in changed)}." if changed
          else "schemas/ is up to date.")
    return 0


def command_init(args, program: Program) -> int:
    """init: write the starter site into a new or empty folder."""
    from .starter import InitError, init_site

    try:
        init_site(args.folder)
    except InitError as problem:
        print(f"{program.name} init: {problem}", file=sys.stderr)
        return 1
    shown = args.folder.as_posix()
    print(f"Created a new site in {shown}. Next:\n  cd {shown}\n  strategy-microsite serve\n"
          "Then replace every TODO: strategy-microsite check lists them.")
    return 0


COMMANDS_RUN = {None: command_build, "build": command_build, "serve": command_serve,
                "check": command_check, "new": command_new, "schemas": command_schemas,
                "init": command_init}


def _base_url_problem(args, argv: list[str]) -> ContentError | None:
    from .config import check_base_url

    if args.base_url and (problem := check_base_url(args.base_url)):
        return ContentError("--base-url" if "--base-url" in argv else "SITE_BASE_URL", 0, problem)
    return None


def main(argv: list[str] | None = None, program: Program = Program()) -> int:
    """Run one command; exit code 0 (done), 1 (a content or settings problem) or 2 (internal)."""
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv, program)
    if problem := _base_url_problem(args, argv):
        print_errors([problem])
        return 1
    try:
        return COMMANDS_RUN[args.command](args, program)
    except BuildFailed as failed:
        print_errors(failed.errors)
        return 1
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except Exception as exc:  # an internal fault, not a content mistake: say so plainly
        if args.debug:
            raise
        print(f"{program.name}: internal error: {type(exc).__name__}: {exc} "
              "(run with --debug to see where)", file=sys.stderr)
        return 2
