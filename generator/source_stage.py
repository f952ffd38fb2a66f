"""The per-source stages for one file: read, split, describe, and check that nothing was lost.

Each source goes through them alone, so their result is cached whole under a key that covers
the file, its sidecar and the registries (`generator/cache.py` adds the generator's code).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from generator.cache import StageCache, content_key
from generator.conservation import conservation_problems
from generator.errors import Problem, Problems
from generator.metadata import describe_source
from generator.models import Report, SplitSource, Warning_
from generator.project import Project
from generator.readers import reader_for
from generator.readers.decode import SourceDecodeError
from generator.registry import Registry
from generator.sidecar import load_sidecar
from generator.split import split_source


@dataclass(frozen=True)
class SourceResult:
    """What the per-source stages made of one file; cached whole.

    So that it pickles whole, the stages report into a `Problems` collector of this source's own,
    and its `items` are kept here; the build adds them to its collector.
    """

    split: SplitSource | None
    reports: list[Report]
    problems: list[Problem]
    warnings: list[Warning_]
    key: str = ""
    """The content key it was cached under: it stands for everything read from the source."""


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
    result = dataclasses.replace(read_split_describe(project, path, data, registry), key=key)
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
    problems = Problems()
    sidecar = load_sidecar(sidecar_path, sidecar_display, problems)
    split = split_source(source, sidecar, display, sidecar_display, problems)
    # the conservation check only means something on a clean split; the sidecar's valid parts and
    # the reports that could be cut are still described, so that one run names every problem
    if not problems:
        conservation_problems(split, display, problems)
    reports, warnings = describe_source(split, registry, display, sidecar_display if sidecar.path else display,
                                        problems)
    return SourceResult(split, reports, problems.items, warnings)


def read_if_exists(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""
