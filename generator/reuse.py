"""Reuse between reports: the parallels grouped by pair of reports, and sources that repeat others.

`generator/parallels.py` finds parallel passages; this stage groups them into `ReportPair`s (one
compare page each) and finds duplicate sources, an input problem. How they are shown is
`generator/render/`'s business. Everything here is pure and sorted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.addresses import compare_page, display_path
from generator.errors import Problem, ProblemKind, Problems
from generator.models import Passage, Report
from generator.parallels import Parallel, PassageText, Span

DUPLICATE_SHARE = 0.9
"""A report duplicates another when this share of its words stands there verbatim or nearly so."""


def passage_texts(reports: list[Report]) -> list[PassageText]:
    return [PassageText(report.id, passage.anchor, passage.block.text)
            for report in reports for passage in report.passages]


@dataclass(frozen=True)
class ReportPair:
    """Two reports that share text, with the parallels between them (a.id < b.id)."""

    a: Report
    b: Report
    parallels: tuple[Parallel, ...]

    @property
    def page(self) -> str:
        return compare_page(self.a.id, self.b.id)


def passage_of(report: Report, span: Span) -> Passage:
    return next(p for p in report.passages if p.anchor == span.anchor)


def report_pairs(parallels: list[Parallel], by_id: dict[str, Report]) -> list[ReportPair]:
    grouped: dict[tuple[str, str], list[Parallel]] = defaultdict(list)
    for parallel in parallels:
        grouped[(parallel.a.report_id, parallel.b.report_id)].append(parallel)
    return [ReportPair(by_id[a], by_id[b], tuple(items)) for (a, b), items in sorted(grouped.items())]


def duplicate_reports(pairs: list[ReportPair]) -> dict[str, str]:
    """Report id → id of a report in another source that carries nearly all of its words."""
    covered: dict[tuple[str, str], int] = defaultdict(int)
    for pair in pairs:
        if pair.a.source.name == pair.b.source.name:
            continue
        for parallel in pair.parallels:
            if parallel.kind == "partial":
                continue
            for span, report, other in ((parallel.a, pair.a, pair.b), (parallel.b, pair.b, pair.a)):
                covered[(report.id, other.id)] += len(passage_of(report, span).block.text.split())
    by_id = {r.id: r for pair in pairs for r in (pair.a, pair.b)}
    duplicates: dict[str, str] = {}
    for (report_id, other_id), words in sorted(covered.items()):
        total = sum(len(p.block.text.split()) for p in by_id[report_id].passages)
        if words >= DUPLICATE_SHARE * total and report_id not in duplicates:
            duplicates[report_id] = other_id
    return duplicates


def duplicate_source_problems(reports: list[Report], duplicates: dict[str, str], problems: Problems) -> None:
    """A source all of whose reports are already in the archive, from other sources, is a duplicate (to `problems`).

    Of two sources that repeat each other, the one whose name sorts later is named, with the
    pages it repeats; a single report reprinted in another compilation, or within a longer reprint
    (an aggregator's copy with a paragraph added), is a parallel, not this.
    """
    by_source: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_source[report.source.name].append(report)
    by_id = {report.id: report for report in reports}
    for name, own in sorted(by_source.items()):
        partners = [by_id[duplicates[r.id]] for r in own if r.id in duplicates]
        if len(partners) < len(own) or not all(p.source.name < name for p in partners):
            continue
        if not all(p.id in duplicates for p in partners):
            continue  # a longer reprint holds this source's report (an aggregator's copy of a wire story)
        first = min(own, key=lambda r: r.first_line)
        pages = ", ".join(sorted({display_path(p.page_path) for p in partners}))
        problems.append(Problem(display_path(first.source.path), first.first_line,
                                f"duplicate source: every report is already in the archive ({pages})",
                                "remove this file, or keep it only if it adds reports", ProblemKind.DUPLICATE_SOURCE))
