"""The whole pipeline, top to bottom: read, split, describe, check, render, write, build.

Everything is gathered and validated before anything is written: a run that finds a
problem reports all of them and leaves `content/` as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.annotations import load_annotations
from generator.cache import StageCache, content_key
from generator.citations import atom_feed, csl_json
from generator.errors import Problem, Problems
from generator.ids import unique_ids
from generator.inputs import input_problems, source_files
from generator.metadata import describe_source
from generator.models import Report, SplitSource, Warning_
from generator.pages import (
    DOCS_DIR,
    Catalogue,
    original_path,
    outlet_page,
    person_page,
    render_compilation,
    render_report,
)
from generator.parallels import Parallel, PassageText, find_parallels
from generator.readers import reader_for
from generator.readers.decode import SourceDecodeError
from generator.registry import Registry, load_registry
from generator.reuse import (
    ReportPair,
    duplicate_reports,
    home_sections,
    passage_links,
    passage_texts,
    render_compare,
    render_overview,
    report_pairs,
)
from generator.schemas import schema_problems
from generator.sidecar import load_sidecar
from generator.sitecheck import check_site
from generator.split import split_source
from generator.views import (
    render_compilation_index,
    render_glossary,
    render_home,
    render_outlet,
    render_outlets_index,
    render_people_index,
    render_person,
    render_report_index,
    render_timeline,
    render_topics,
)
from generator.writer import recover, staged_site, stale_pages, write_pages
from generator.yamlfile import YamlError, load_yaml, shown

Progress = Callable[[int, int], None]
REGISTRY_FILES = ("people.yml", "outlets.yml")
"""Registries the per-source stages read; a change to either invalidates every cached source."""


@dataclass(frozen=True)
class Project:
    """Where the archive lives: the folder with `mkdocs.yml`."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / DOCS_DIR

    @property
    def sources(self) -> Path:
        return self.content / "sources"

    def display(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    @classmethod
    def find(cls, start: Path) -> Project:
        for folder in (start, *start.parents):
            if (folder / "mkdocs.yml").is_file():
                return cls(folder)
        raise FileNotFoundError(f"no mkdocs.yml in {start} or above: run this inside an archive")


@dataclass
class Archive:
    """Everything the generator made of the project's content, before it is written."""

    registry: Registry
    splits: list[SplitSource]
    reports: list[Report]
    warnings: list[Warning_]
    catalogue: Catalogue
    pairs: list[ReportPair]
    """Pairs of reports that share passages, with the parallels between them."""
    pages: dict[str, str]
    """Docs-relative path → text of every generated file (Markdown pages, CSL-JSON, the feed)."""


def generate(project: Project, *, use_cache: bool = True, progress: Progress | None = None) -> Archive:
    """Run every stage up to rendering. Raises `InputErrors` with all problems found.

    `progress(done, total)` is told how the parallels stage, the one long stage, advances.
    """
    problems = Problems()

    # what stands in content/ and site_overrides/: only the kinds of file the archive allows
    problems.extend(input_problems(project.root))
    problems.raise_if_any()

    # registries
    registry, registry_problems = load_registry(project.content, project.root)
    problems.extend(registry_problems)
    problems.extend(registry_page_problems(registry))

    # per source: reader, splitter, metadata (cached by content hash)
    cache_root = project.root if use_cache else None
    cache = StageCache(cache_root, "sources")
    registry_bytes = b"".join(read_if_exists(project.content / name) for name in REGISTRY_FILES)
    splits: list[SplitSource] = []
    reports: list[Report] = []
    warnings: list[Warning_] = []
    paths, source_problems = source_files(project.content, project.root)
    problems.extend(source_problems)
    for path in paths:
        result = process_source(project, path, registry, registry_bytes, cache)
        problems.extend(result.problems)
        warnings.extend(result.warnings)
        if result.split:
            splits.append(result.split)
            reports.extend(result.reports)
    reports, id_problems = unique_ids(reports, lambda r: project.display(project.content / r.source.path))
    problems.extend(id_problems)
    if problems.items:
        # annotations do not wait for the sources to be fixed: checked now on the reports that were read
        problems.extend(load_annotations(project.content, project.root, reports, all_reports=False)[1])
    problems.raise_if_any()

    # parallels: passages that stand in more than one report, and sources that repeat others
    by_id = {report.id: report for report in reports}
    parallels = cached_parallels(passage_texts(reports), StageCache(cache_root, "parallels"), progress,
                                 registry.neutral_phrases())
    pairs = report_pairs(parallels, by_id)
    links = passage_links(pairs)
    problems.extend(duplicate_source_problems(project, reports, duplicate_reports(pairs)))

    # annotations, anchored on the finished reports
    annotations, annotation_problems = load_annotations(project.content, project.root, reports)
    problems.extend(annotation_problems)
    problems.raise_if_any()

    # pages
    catalogue = Catalogue(registry, {s.source.name: s for s in splits}, reports, annotations, links=links,
                          site_url=site_url(project))
    pages = render_pages(catalogue, pairs)
    return Archive(registry, splits, reports, warnings, catalogue, pairs, pages)


def cached_parallels(passages: list[PassageText], cache: StageCache, progress: Progress | None,
                     neutral: tuple[str, ...] = ()) -> list[Parallel]:
    """The parallels stage, skipped when no passage of the archive changed (an annotation-only edit, say).

    `neutral`: registered names and roles, which count for nothing toward a match.
    """
    key = content_key("\0".join(neutral), *(f"{p.report_id}\0{p.anchor}\0{p.text}" for p in passages))
    cached = cache.get(key)
    if isinstance(cached, list):
        return cached
    parallels = find_parallels(passages, progress=progress, neutral=neutral)
    cache.put(key, parallels)
    return parallels


def duplicate_source_problems(project: Project, reports: list[Report], duplicates: dict[str, str]) -> list[Problem]:
    """A source all of whose reports are already in the archive, from other sources, is a duplicate.

    Of two sources that repeat each other, the one whose name sorts later is named, with the
    pages it repeats; a single report reprinted in another compilation, or within a longer reprint
    (an aggregator's copy with a paragraph added), is a parallel, not this.
    """
    by_source: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_source[report.source.name].append(report)
    by_id = {report.id: report for report in reports}
    problems = []
    for name, own in sorted(by_source.items()):
        partners = [by_id[duplicates[r.id]] for r in own if r.id in duplicates]
        if len(partners) < len(own) or not all(p.source.name < name for p in partners):
            continue
        if not all(p.id in duplicates for p in partners):
            continue  # a longer reprint holds this source's report (an aggregator's copy of a wire story)
        first = min(own, key=lambda r: r.first_line)
        pages = ", ".join(sorted({f"{DOCS_DIR}/{p.page_path}" for p in partners}))
        problems.append(Problem(project.display(project.content / first.source.path), first.first_line,
                                f"duplicate source: every report is already in the archive ({pages}); "
                                "remove this file, or keep it only if it adds reports"))
    return problems


@dataclass(frozen=True)
class SourceResult:
    """What the per-source stages made of one file; cached whole."""

    split: SplitSource | None
    reports: list[Report]
    problems: list[Problem]
    warnings: list[Warning_]


def process_source(project: Project, path: Path, registry: Registry, registry_bytes: bytes,
                   cache: StageCache) -> SourceResult:
    """Read, split and describe one source, or take the result from the cache."""
    display = project.display(path)
    sidecar_path = path.with_suffix(".yml")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return SourceResult(None, [], [Problem(display, 0, f"cannot read: {exc.strerror}")], [])
    key = content_key(path.relative_to(project.content).as_posix(), data, read_if_exists(sidecar_path),
                      registry_bytes)
    cached = cache.get(key)
    if isinstance(cached, SourceResult):
        return cached
    result = read_split_describe(project, path, data, registry)
    cache.put(key, result)
    return result


def read_split_describe(project: Project, path: Path, data: bytes, registry: Registry) -> SourceResult:
    display = project.display(path)
    try:
        source = reader_for(path)(data, path.relative_to(project.content), display)
    except SourceDecodeError as exc:
        return SourceResult(None, [], [exc.problem], [])
    sidecar_path = path.with_suffix(".yml")
    sidecar_display = project.display(sidecar_path)
    sidecar, problems = load_sidecar(sidecar_path, sidecar_display)
    split, split_problems = split_source(source, sidecar, display, sidecar_display)
    problems.extend(split_problems)
    # the sidecar's valid parts and the reports that could be cut are still described, so that one
    # run names every problem; the conservation check only means something on a clean split
    reports, describe_problems, warnings = describe_source(split, registry, display,
                                                           sidecar_display if sidecar.path else display)
    if not problems:
        problems.extend(conservation_problems(split, display))
    problems.extend(describe_problems)
    return SourceResult(split, reports, problems, warnings)


def read_if_exists(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


def registry_page_problems(registry: Registry) -> list[Problem]:
    """Two people (or outlets) whose names give the same page, or a name that gives a listing's page."""
    problems = []
    entries: list[tuple[str, dict[str, int], Callable[[str], str]]] = [
        ("people", {name: person.line for name, person in registry.people.items()}, person_page),
        ("outlets", {name: outlet.line for name, outlet in registry.outlets.items()}, outlet_page),
    ]
    for kind, lines, page_of in entries:
        pages: dict[str, str] = {}
        for name, line in sorted(lines.items()):
            page = page_of(name)
            if page.endswith("/index.md") or page in pages:
                other = f"the page of {shown(pages[page])}" if page in pages else "the listing page"
                problems.append(Problem(f"{DOCS_DIR}/{kind}.yml", line,
                                        f"{shown(name)} would get the page {page}, which is {other}; change the name"))
            pages[page] = name
    return problems


def site_url(project: Project) -> str | None:
    """Where the site is published, for absolute permanent links; None when it may live anywhere.

    Read as MkDocs reads `site_url: !ENV SITE_URL` in mkdocs.yml: from the environment variable
    `SITE_URL` at build time (the Pages workflow sets it), or a plain `site_url` written in mkdocs.yml.
    """
    if os.environ.get("SITE_URL"):
        return os.environ["SITE_URL"]
    try:
        config = load_yaml(project.root / "mkdocs.yml", "mkdocs.yml")
    except YamlError:
        return None
    value = config.get("site_url") if isinstance(config, dict) else None
    return value if isinstance(value, str) and value else None


def conservation_problems(split: SplitSource, display: str) -> list[Problem]:
    """Every block of the source is in exactly one report, note or dropped entry.

    Blocks are counted by identity, not by line: a minified HTML page has many on one line.
    """
    placed: Counter[int] = Counter()
    for draft in split.reports:
        for block in draft.all_blocks:
            placed[id(block)] += 1
    for block in split.notes:
        placed[id(block)] += 1
    for dropped in split.dropped:
        placed[id(dropped.block)] += 1
    problems = []
    for block in split.source.blocks:
        count = placed[id(block)]
        if count != 1:
            where = "no report, note or dropped list" if count == 0 else f"{count} places"
            problems.append(Problem(display, block.line, f"text of this paragraph ends up in {where}"))
    return problems


def render_pages(catalogue: Catalogue, pairs: list[ReportPair]) -> dict[str, str]:
    """Every generated file, by docs-relative path."""
    reports, splits = catalogue.reports, list(catalogue.splits.values())
    by_source: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_source[report.source.name].append(report)
    pages: dict[str, str] = {}
    for report in reports:
        compilation = catalogue.compilation_title(report.source.name)
        pages[report.page_path] = render_report(report, catalogue)
        pages[f"reports/{report.id}.json"] = csl_json(report, compilation, catalogue.site_url)
    for split in splits:
        pages[f"compilations/{split.source.name}.md"] = render_compilation(split, by_source[split.source.name],
                                                                           catalogue)
        if original_path(split.source) != split.source.path.as_posix():
            pages[original_path(split.source)] = split.source.text
    for name in catalogue.registry.people:
        pages[person_page(name)] = render_person(name, catalogue)
    for name in catalogue.registry.outlets:
        pages[outlet_page(name)] = render_outlet(name, catalogue)
    pages["reports/index.md"] = render_report_index(reports)
    pages["compilations/index.md"] = render_compilation_index(splits, by_source)
    pages["people/index.md"] = render_people_index(catalogue)
    pages["outlets/index.md"] = render_outlets_index(catalogue)
    pages["timeline.md"] = render_timeline(reports)
    pages["topics.md"] = render_topics(catalogue)
    pages["glossary.md"] = render_glossary(catalogue)
    pages["feed.xml"] = atom_feed(reports, catalogue.site_url, None)
    for pair in pairs:
        pages[pair.page] = render_compare(pair)
    pages["compare/index.md"] = render_overview(pairs, reports)
    pages["index.md"] = render_home(catalogue, home_sections(pairs, reports, catalogue.links))
    return pages


def build(project: Project, *, site: bool = True, use_cache: bool = True,
          progress: Progress | None = None) -> Archive:
    """`archive build`: generate, write `content/`, then let MkDocs build `site/`.

    A run killed earlier is finished or rolled back first (see `writer.py`).
    """
    recover(project.content)
    archive = generate(project, use_cache=use_cache, progress=progress)
    write_pages(project.content, archive.pages)
    if site:
        with staged_site(project.root / "site") as staging:
            run_mkdocs(project, "build", "--strict", "--site-dir", str(staging))
    return archive


ENGINES = ("mkdocs", "properdocs")
"""Site builders that read this mkdocs.yml as it is; ARCHIVE_ENGINE chooses one (`make site ENGINE=…`)."""


def run_mkdocs(project: Project, *args: str) -> None:
    """MkDocs (or ProperDocs) runs as its own process: the generator does not depend on its internals."""
    engine = os.environ.get("ARCHIVE_ENGINE") or "mkdocs"
    if engine not in ENGINES:
        raise SiteBuildError(f"ARCHIVE_ENGINE={engine!r} is not one of {', '.join(ENGINES)}")
    command = [sys.executable, "-m", engine, *args, "--config-file", str(project.root / "mkdocs.yml")]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's banner about MkDocs 2.0
    result = subprocess.run(command, cwd=project.root, check=False, env=environment)
    if result.returncode != 0:
        raise SiteBuildError(f"{engine} {' '.join(args)} failed with exit code {result.returncode}")


class SiteBuildError(RuntimeError):
    """MkDocs reported a problem (a broken link or anchor in strict mode, for example)."""


def check(project: Project, *, site: bool = True) -> tuple[Archive, list[Problem]]:
    """`archive check`: everything a pull request can break, as problems; raises `InputErrors` for bad input.

    Beyond what `generate` validates: committed pages that differ from what the generator
    writes now, front matter that does not fit `report.schema.json`, and (with `site`) a
    strict MkDocs build into a temporary folder whose links and anchors must all resolve.
    """
    archive = generate(project)
    problems = [Problem(f"{DOCS_DIR}/{path}", 0, message) for path, message in stale_pages(project.content,
                                                                                          archive.pages)]
    for report in archive.reports:
        front = yaml.safe_load(archive.pages[report.page_path].split("---\n", 2)[1])
        front["date"] = str(front["date"]) if front["date"] is not None else None
        problems.extend(schema_problems("report", front, f"{DOCS_DIR}/{report.page_path}"))
    if site and not problems:
        with tempfile.TemporaryDirectory(prefix="archive-check-") as folder:
            try:
                run_mkdocs(project, "build", "--strict", "--quiet", "--site-dir", folder)
            except SiteBuildError as exc:
                problems.append(Problem("mkdocs.yml", 0, str(exc)))
            else:
                problems.extend(Problem(f"site/{p.page}", 0, p.message) for p in check_site(Path(folder)))
    return archive, problems
