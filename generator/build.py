"""The whole pipeline, top to bottom: read, split, describe, find parallels, annotate, render, write, build.

Everything is gathered and validated before anything is written: a run that finds a
problem reports all of them and leaves `content/` as it was. This module only runs the
stages in order (and caches the per-source ones); each stage's logic lives in its module.
"""

from __future__ import annotations

import gc
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.addresses import SITE_DIR, display_path, registry_page_problems
from generator.annotations import load_annotations
from generator.cache import PageMemo, StageCache, content_key
from generator.dataset import build_dataset
from generator.errors import Problem, ProblemKind, Problems, SiteBuildError
from generator.ids import unique_ids
from generator.inputs import input_problems, source_files
from generator.mkdocs_site import run_mkdocs, site_url
from generator.models import Report, SplitSource, Warning_
from generator.parallels import Parallel, PassageText
from generator.parallels_update import ParallelIndex, parallels_with_index
from generator.project import Project
from generator.registry import Registry, load_registry
from generator.render.catalogue import Catalogue
from generator.render.links import passage_links
from generator.render.report import report_front_matter
from generator.render.site import render_originals, render_pages
from generator.reuse import ReportPair, duplicate_reports, duplicate_source_problems, passage_texts, report_pairs
from generator.schemas import schema_problems
from generator.search_index import build_search_index
from generator.sitebuild import commit_record
from generator.sitecheck import check_site
from generator.source_stage import process_source, read_if_exists
from generator.writer import recover, staged_site, stale_pages, write_pages

Progress = Callable[[int, int], None]
REGISTRY_FILES = ("people.yml", "outlets.yml")
"""Registries the per-source stages read; a change to either invalidates every cached source."""
PAGE_INPUT_FILES = (*REGISTRY_FILES, "glossary.yml", "topics.yml")
"""Registries the pages read besides what the sources gave: a change to one renders every page again."""


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
    pages: dict[str, str | bytes]
    """Docs-relative path → text of every generated file (Markdown pages, CSL-JSON, the feed), or bytes
    of a binary one (the compressed data files)."""
    memo: PageMemo
    """Which pages were taken unchanged from the last build; saved once they are written."""


def generate(project: Project, *, use_cache: bool = True, progress: Progress | None = None,
             reuse_pages: bool = True) -> Archive:
    """Run every stage up to rendering. Raises `InputErrors` with all problems found.

    `progress(done, total)` is told how the parallels stage, the one long stage, advances.
    With `reuse_pages` (and the cache), pages whose inputs did not change are read back from
    `content/` instead of being rendered again.
    """
    with collector_paused():
        return run_stages(project, use_cache=use_cache, progress=progress, reuse_pages=reuse_pages)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused. The stages make millions of objects that live to the
    end (the cached sources alone: every block and passage of every report) and hardly any cycles,
    and each collection walks all of them: at 10,000 reports that was a third of the processor time
    of a rebuild (10.2 s with it, 6.9 s without, the same peak memory)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_stages(project: Project, *, use_cache: bool, progress: Progress | None, reuse_pages: bool) -> Archive:
    """`generate`'s stages, in order."""
    problems = Problems()

    # what stands in content/ and site_overrides/: only the kinds of file the archive allows
    input_problems(project.root, problems)
    problems.raise_if_any()

    # registries
    registry = load_registry(project.content, project.root, problems)
    registry_page_problems(registry, problems)

    # per source: reader, splitter, metadata (cached by content hash)
    cache_root = project.root if use_cache else None
    cache = StageCache(cache_root, "sources")
    registry_bytes = b"".join(read_if_exists(project.content / name) for name in REGISTRY_FILES)
    splits: list[SplitSource] = []
    reports: list[Report] = []
    warnings: list[Warning_] = []
    source_keys: dict[str, str] = {}
    for path in source_files(project.content, project.root, problems):
        result = process_source(project, path, registry, registry_bytes, cache)
        problems.extend(result.problems)
        warnings.extend(result.warnings)
        if result.split:
            splits.append(result.split)
            reports.extend(result.reports)
            source_keys[result.split.source.name] = result.key
    reports = unique_ids(reports, lambda r: project.display(project.content / r.source.path), problems)
    if problems:
        # annotations do not wait for the sources to be fixed: checked now on the reports that were read
        load_annotations(project.content, project.root, reports, problems, all_reports=False)
    problems.raise_if_any()

    # parallels: passages that stand in more than one report, and sources that repeat others
    by_id = {report.id: report for report in reports}
    parallels = cached_parallels(passage_texts(reports), StageCache(cache_root, "parallels"), progress,
                                 registry.neutral_phrases())
    pairs = report_pairs(parallels, by_id)
    duplicate_source_problems(reports, duplicate_reports(pairs), problems)

    # annotations, anchored on the finished reports
    annotations = load_annotations(project.content, project.root, reports, problems)
    problems.raise_if_any()

    # pages
    catalogue = Catalogue(registry, {s.source.name: s for s in splits}, reports, annotations,
                          links=passage_links(pairs), site_url=site_url(project.root))
    memo = PageMemo(cache_root if reuse_pages else None, project.content,
                    *(read_if_exists(project.content / name) for name in PAGE_INPUT_FILES), str(catalogue.site_url))
    pages: dict[str, str | bytes] = {**render_pages(catalogue, pairs, memo.page, source_keys)}
    pages.update(render_originals(splits, memo.compressed))
    pages.update(build_search_index(catalogue, memo, source_keys))
    pages.update(build_dataset(catalogue, pairs, memo, source_keys))
    return Archive(registry, splits, reports, warnings, catalogue, pairs, pages, memo)


def cached_parallels(passages: list[PassageText], cache: StageCache, progress: Progress | None,
                     neutral: tuple[str, ...] = ()) -> list[Parallel]:
    """The parallels stage, brought up to date from the last build's index when only reports were added.

    `neutral`: registered names and roles, which count for nothing toward a match.
    """
    key = content_key("parallels index")
    previous = cache.get(key)
    parallels, index = parallels_with_index(passages, previous if isinstance(previous, ParallelIndex) else None,
                                            progress, neutral)
    if index is not previous:
        cache.put(key, index, only=True)
    return parallels


def build(project: Project, *, site: bool = True, use_cache: bool = True,
          progress: Progress | None = None) -> Archive:
    """`archive build`: generate, write `content/`, then let MkDocs build `site/`.

    A run killed earlier is finished or rolled back first (see `writer.py`).
    """
    recover(project.content)
    archive = generate(project, use_cache=use_cache, progress=progress)
    write_pages(project.content, archive.pages, unchanged=archive.memo.reused)
    archive.memo.save()
    if site:
        build_site(project, incremental=use_cache)
    return archive


def build_site(project: Project, *, incremental: bool, quiet: bool = False) -> None:
    """`mkdocs build --strict` into a copy of the site, rendering again only the pages that changed
    when that gives the same site (`generator/sitebuild.py`); swapped in whole once it succeeds."""
    with staged_site(project.root / SITE_DIR, linked=incremental) as staging:
        run_mkdocs(project.root, "--site-dir", str(staging), *([] if incremental else ["--clean"]),
                   *(["--quiet"] if quiet else []), module="generator.sitebuild")
    commit_record(project.root)


def check(project: Project, *, site: bool = True) -> tuple[Archive, list[Problem]]:
    """`archive check`: everything a pull request can break, as problems; raises `InputErrors` for bad input.

    Beyond what `generate` validates: committed pages that differ from what the generator
    writes now, front matter that does not fit `report.schema.json`, and (with `site`) a
    strict MkDocs build into a temporary folder whose links and anchors must all resolve.
    """
    archive = generate(project, reuse_pages=False)  # every page rendered, to compare with what is committed
    problems = Problems()
    for path, message in stale_pages(project.content, archive.pages):
        problems.add(display_path(path), 0, message, kind=ProblemKind.STALE_PAGE)
    for report in archive.reports:
        front = report_front_matter(report, archive.catalogue)
        front["date"] = str(report.date) if report.date is not None else None  # as YAML reads it back
        schema_problems("report", front, display_path(report.page_path), problems, kind=ProblemKind.SCHEMA)
    if site and not problems:
        with tempfile.TemporaryDirectory(prefix="archive-check-") as folder:
            try:
                run_mkdocs(project.root, "build", "--strict", "--quiet", "--site-dir", folder)
            except SiteBuildError as exc:
                problems.add("mkdocs.yml", 0, str(exc), kind=ProblemKind.SITE)
            else:
                check_site(Path(folder), problems)
    return archive, problems.items
