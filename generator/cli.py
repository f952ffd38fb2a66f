"""The `archive` command. The only place where errors become messages and exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from generator.add import add_source
from generator.addresses import HOME, SITE_DIR, display_path, html_path
from generator.build import Archive, build, check
from generator.errors import ArchiveError, InputErrors, ProblemKind, SiteBuildError
from generator.lock import BuildLocked, project_lock
from generator.mkdocs_site import run_mkdocs
from generator.project import Project
from generator.render.markup import UNKNOWN_OUTLET

EXIT_OK, EXIT_INPUT, EXIT_SITE, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 3, 4


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="archive", description=__doc__)
    parser.add_argument("--project", type=Path, default=None,
                        help="the archive's folder (the one with mkdocs.yml, or inside it); default: the current one")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="regenerate content/ from the sources and build site/")
    build_cmd.add_argument("--no-site", action="store_true", help="only regenerate content/, skip MkDocs")
    build_cmd.add_argument("--no-cache", action="store_true", help="ignore .archive-cache/ and redo every stage")
    check_cmd = commands.add_parser("check", help="validate sources, sidecars, registries, pages and site links")
    check_cmd.add_argument("--no-site", action="store_true", help="skip the test build of the site")
    add_cmd = commands.add_parser("add", help="copy a file into content/sources/, write its sidecar, rebuild")
    add_cmd.add_argument("path", type=Path, help="a saved web page (.html) or a text file (.txt)")
    add_cmd.add_argument("--name", help="file name to use in content/sources/ (without suffix)")
    serve_cmd = commands.add_parser("serve", help="regenerate content/ and serve the site with live reload")
    serve_cmd.add_argument("--dev-addr", default="127.0.0.1:8000")
    args = parser.parse_args(argv)

    try:
        project = Project.find((args.project or Path.cwd()).resolve())
    except ArchiveError as exc:
        print(f"archive: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "serve":
            with project_lock(project.root):
                report_summary(build(project, site=False, progress=progress_bar()))
            run_mkdocs(project.root, "serve", "--dev-addr", args.dev_addr)
            return EXIT_OK
        with project_lock(project.root):
            return run_command(project, args)
    except BuildLocked as exc:
        print(f"archive: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except InputErrors as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"archive: {len(exc.problems)} problem(s); nothing was written.", file=sys.stderr)
        return EXIT_INPUT
    except SiteBuildError as exc:
        print(f"archive: {exc}", file=sys.stderr)
        return EXIT_SITE
    except ArchiveError as exc:
        print(f"archive: {exc}", file=sys.stderr)
        return EXIT_INPUT


def run_command(project: Project, args: argparse.Namespace) -> int:
    """`build`, `add` or `check`, under the project's lock."""
    if args.command == "build":
        archive = build(project, site=not args.no_site, use_cache=not args.no_cache, progress=progress_bar())
        report_summary(archive)
        if not args.no_site:
            index = project.root / SITE_DIR / html_path(HOME)
            print(f"Site built in {project.display(project.root / SITE_DIR)}/. Open {index.as_uri()} in a browser "
                  "(no server or network needed).")
    elif args.command == "add":
        return run_add(project, args.path, args.name)
    elif args.command == "check":
        return run_check(project, site=not args.no_site)
    return EXIT_OK


def progress_bar() -> Callable[[int, int], None] | None:
    """A one-line bar on stderr for the parallels stage, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    shown = [-1]

    def show(done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if percent != shown[0]:
            shown[0] = percent
            bar = "#" * (percent // 4)
            end = "\n" if done >= total else ""
            print(f"\rfinding parallel passages [{bar:<25}] {percent:3d}%", end=end, file=sys.stderr, flush=True)

    return show


def report_summary(archive: Archive) -> None:
    """What the run made, and what it left out, so nothing is lost silently."""
    for warning in archive.warnings:
        print(warning, file=sys.stderr)
    for split in archive.splits:
        path = display_path(split.source.path)
        count = sum(1 for r in archive.reports if r.source.name == split.source.name)
        print(f"{path}: {count} report(s), {len(split.notes)} compiler's note(s), "
              f"{len(split.dropped)} block(s) dropped")
        for dropped in split.dropped:
            print(f"{path}:{dropped.block.line}: dropped ({dropped.reason}): {dropped.block.text[:70]}")
    parallels = sum(len(pair.parallels) for pair in archive.pairs)
    print(f"{len(archive.reports)} reports from {len(archive.splits)} source(s); {parallels} parallel passages "
          f"between {len(archive.pairs)} pairs of reports; {len(archive.pages)} files generated.")


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
            print(f"{display_path(split.source.path)}:{dropped.block.line}: dropped ({dropped.reason})")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"archive check: {len(problems)} problem(s)", file=sys.stderr)
        return EXIT_INPUT
    print(f"archive check: {len(archive.reports)} reports from {len(archive.splits)} source(s); pages current"
          + ("; site links and anchors resolve." if site else "."))
    return EXIT_OK


def value_and_origin(value: str | None, origin: str | None, field: str) -> str:
    """`2024-04-09 (from the dateline)`: the summary says where each value came from."""
    return f"{value} (from {ORIGIN_WORDS.get(origin or '', origin)})" if value else f"{field} unknown"


ORIGIN_WORDS = {
    "sidecar": "the sidecar's entry", "dateline": "the dateline", "dateline-year-inferred":
    "the dateline, year from the rest of the source", "date-line": "a date line", "credit-line": "a credit line",
    "title": "the title", "page-metadata": "the page's metadata", "source": "the sidecar's source fields",
    "url": "the address", "body": "a date in the text: an event date",
}


def run_add(project: Project, path: Path, name: str | None) -> int:
    """Add one source, rebuild `content/`, and say what it made and what it could not decide."""
    added = add_source(path.resolve() if not path.is_absolute() else path, project.sources, project.root, name)
    print(f"Added {project.display(added.source)} and its sidecar {project.display(added.sidecar)}.")
    try:
        archive = build(project, site=False)
    except InputErrors as exc:
        # all or nothing: a source whose build fails is taken back out, so the archive stays buildable
        added.source.unlink()
        added.sidecar.unlink()
        added_display = project.display(added.source)
        duplicate = [p for p in exc.problems if p.path == added_display and p.kind is ProblemKind.DUPLICATE_SOURCE]
        if duplicate:
            print(f"archive add: {path} was not added: {duplicate[0].message}", file=sys.stderr)
            return EXIT_INPUT
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"archive add: {path} was not added: {len(exc.problems)} problem(s) stop the build; fix them "
              "(often: add an outlet or person to the registries) and run `archive add` again.", file=sys.stderr)
        return EXIT_INPUT
    for warning in archive.warnings:
        print(warning, file=sys.stderr)
    new = [r for r in archive.reports if r.source.name == added.source.stem]
    split = next(s for s in archive.splits if s.source.name == added.source.stem)
    print(f"\n{len(new)} report(s) cut from it:")
    for report in sorted(new, key=lambda r: r.first_line):
        print(f"  lines {report.first_line}-{report.last_line}: {report.title}")
        print(f"    {value_and_origin(report.date.iso if report.date else None, report.origins.date, 'date')} · "
              f"{value_and_origin(report.outlet, report.origins.outlet, 'outlet')} · "
              f"{value_and_origin(report.place, report.origins.place, 'place')} · "
              f"speakers: {', '.join(report.speakers) or 'none found'}")
        for credit in report.credits:
            print(f"    credit line (metadata, not a passage): {credit[:70]}")
        if not report.title_from_source:
            print("    no title line in the source: titled with its opening words")
    new_ids = {r.id for r in new}
    shared = [(pair, parallel) for pair in archive.pairs for parallel in pair.parallels
              if {parallel.a.report_id, parallel.b.report_id} & new_ids]
    print(f"{len(shared)} parallel passage(s) with other reports:" if shared else "No parallel passages found.")
    for pair, parallel in shared:
        own, other = (parallel.a, pair.b) if parallel.a.report_id in new_ids else (parallel.b, pair.a)
        line = next(p.block.line for r in new if r.id == own.report_id for p in r.passages if p.anchor == own.anchor)
        print(f"  line {line}: {parallel.kind} in {other.outlet or UNKNOWN_OUTLET.lower()}: {other.title[:60]}")
    for note in split.notes:
        print(f"  compiler's note at line {note.line}: {note.text[:70]}")
    for dropped in split.dropped:
        print(f"  dropped line {dropped.block.line} ({dropped.reason}): {dropped.block.text[:60]}")
    print(f"\nPages regenerated in {project.display(project.content)}/. Complete the sidecar, run `archive build`, "
          "read the site, then commit the source, the sidecar and content/.")
    return EXIT_OK
