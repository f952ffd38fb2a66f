"""What a page may refer to besides its own report: the registries, every report, notes and links."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from generator.annotations import Annotation
from generator.models import Report, SplitSource
from generator.registry import Registry
from generator.render.links import PassageLinks


def report_topics(report: Report, registry: Registry) -> list[str]:
    """Topics whose keywords stand in the report's title or text, as whole words. A keyword is looked
    for as plain text first: every report is tagged on every build, and with the repository's
    topics the whole-word search alone took 12 s at 10,000 reports (0.8 s so)."""
    text = "\n".join([report.title, *(p.block.text for p in report.passages)])
    return [topic.name for topic in registry.topics.values()
            if any(k in text and whole_word(k).search(text) for k in topic.keywords)]


@lru_cache(maxsize=1024)
def whole_word(keyword: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(keyword)}(?!\w)")


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

    @cached_property
    def topics(self) -> dict[str, list[str]]:
        """Each report's topics, worked out once: the page, the search index and the data all list them."""
        return {report.id: report_topics(report, self.registry) for report in self.reports}

    def _index(self, keys: Callable[[Report], Iterable[str]]) -> dict[str, list[Report]]:
        """Reports by source, person or outlet, built once: pages would otherwise scan every report each."""
        index: dict[str, list[Report]] = defaultdict(list)
        for report in self.reports:
            for key in keys(report):
                index[key].append(report)
        return index
