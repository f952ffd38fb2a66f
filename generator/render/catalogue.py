"""What a page may refer to besides its own report: the registries, every report, notes and links."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from generator.annotations import Annotation
from generator.models import Report, SplitSource
from generator.registry import Registry
from generator.render.links import PassageLinks


def compilation_title(split: SplitSource) -> str:
    return split.sidecar.meta.title or split.source.meta.title or split.source.name


@dataclass
class Catalogue:
    """Everything a page may refer to besides its own report."""

    registry: Registry
    splits: dict[str, SplitSource]
    reports: list[Report]
    annotations: dict[str, list[Annotation]] = field(default_factory=dict)
    links: PassageLinks = field(default_factory=dict)
    """(report id, passage anchor) → links to its parallels."""
    site_url: str | None = None

    def compilation_title(self, name: str) -> str:
        return compilation_title(self.splits[name])

    @cached_property
    def by_source(self) -> dict[str, list[Report]]:
        return self._index(lambda report: (report.source.name,))

    @cached_property
    def by_speaker(self) -> dict[str, list[Report]]:
        return self._index(lambda report: report.speakers)

    @cached_property
    def by_mention(self) -> dict[str, list[Report]]:
        return self._index(lambda report: report.mentions)

    @cached_property
    def by_outlet(self) -> dict[str, list[Report]]:
        return self._index(lambda report: (report.outlet,) if report.outlet else ())

    def _index(self, keys: Callable[[Report], Iterable[str]]) -> dict[str, list[Report]]:
        """Reports by source, person or outlet, built once: pages would otherwise scan every report each."""
        index: dict[str, list[Report]] = defaultdict(list)
        for report in self.reports:
            for key in keys(report):
                index[key].append(report)
        return index
