"""The `archive` command. The only place where errors become messages and exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.build import Archive, Project, SiteBuildError, build, check, run_mkdocs
from generator.errors import InputErrors

EXIT_OK, EXIT_INPUT, EXIT_SITE, EXIT_USAGE = 0, 1, 2, 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="archive", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="regenerate content/ from the sources and build site/")
    build_cmd.add_argument("--no-site", action="store_true", help="only regenerate content/, skip MkDocs")
    check_cmd = commands.add_parser("check", help="validate sources, sidecars, registries, pages and site links")
    check_cmd.add_argument("--no-site", action="store_true", help="skip the test build of the site")
    serve_cmd = commands.add_parser("serve", help="regenerate content/ and serve the site with live reload")
    serve_cmd.add_argument("--dev-addr", default="127.0.0.1:8000")
    args = parser.parse_args(argv)

    try:
        project = Project.find(Path.cwd())
    except FileNotFoundError as exc:
        print(f"archive: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "build":
            archive = build(project, site=not args.no_site)
            report_summary(archive)
            if not args.no_site:
                index = project.root / "site" / "index.html"
                print(f"Site built in {project.display(project.root / 'site')}/. Open {index.as_uri()} in a browser "
                      "(no server or network needed).")
        elif args.command == "check":
            return run_check(project, site=not args.no_site)
        elif args.command == "serve":
            report_summary(build(project, site=False))
            run_mkdocs(project, "serve", "--dev-addr", args.dev_addr)
    except InputErrors as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"archive: {len(exc.problems)} problem(s); nothing was written.", file=sys.stderr)
        return EXIT_INPUT
    except SiteBuildError as exc:
        print(f"archive: {exc}", file=sys.stderr)
        return EXIT_SITE
    return EXIT_OK


def report_summary(archive: Archive) -> None:
    """What the run made, and what it left out, so nothing is lost silently."""
    for warning in archive.warnings:
        print(warning, file=sys.stderr)
    for split in archive.splits:
        path = f"content/{split.source.path.as_posix()}"
        count = sum(1 for r in archive.reports if r.source.name == split.source.name)
        print(f"{path}: {count} report(s), {len(split.notes)} compiler's note(s), "
              f"{len(split.dropped)} block(s) dropped")
        for dropped in split.dropped:
            print(f"{path}:{dropped.block.line}: dropped ({dropped.reason}): {dropped.block.text[:70]}")
    print(f"{len(archive.reports)} reports from {len(archive.splits)} source(s); "
          f"{len(archive.pages)} pages generated.")


def run_check(project: Project, site: bool) -> int:
    """`archive check`: every problem a pull request can introduce, one line each."""
    try:
        archive, problems = check(project, site=site)
    except InputErrors as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"archive check: {len(exc.problems)} problem(s)", file=sys.stderr)
        return EXIT_INPUT
    for warning in archive.warnings:
        print(warning, file=sys.stderr)
    for split in archive.splits:
        for dropped in split.dropped:
            print(f"content/{split.source.path.as_posix()}:{dropped.block.line}: dropped ({dropped.reason})")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"archive check: {len(problems)} problem(s)", file=sys.stderr)
        return EXIT_INPUT
    print(f"archive check: {len(archive.reports)} reports from {len(archive.splits)} source(s); pages current"
          + ("; site links and anchors resolve." if site else "."))
    return EXIT_OK
