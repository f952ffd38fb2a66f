"""Report ids: one page name per report, never shared, found in time linear in the number of reports."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from generator.errors import Problem, Problems
from generator.models import Report
from generator.yamlfile import shown

RESERVED_IDS = frozenset({"index"})
"""Ids whose page would replace a listing page (`reports/index.md`)."""


def unique_ids(reports: list[Report], display: Callable[[Report], str], problems: Problems) -> list[Report]:
    """Give reports that would share an id a free numbered suffix (`-2`, `-3`, …), in a fixed order.

    Ids pinned in a sidecar keep their id; two reports pinning the same one is a problem (added to `problems`)
    at the line where the second report starts (`display` names its source). Each base id remembers the
    last number it gave, so a thousand reports with one title cost a thousand steps, not a million.
    """
    ordered = sorted(reports, key=lambda r: (r.source.name, r.first_line))
    taken: dict[str, Report] = {}
    for report in ordered:
        if not report.id_pinned:
            continue
        if report.id in taken or report.id in RESERVED_IDS:
            why = (f"also pinned by {display(taken[report.id])}" if report.id in taken
                   else "its page would replace the listing of reports")
            problems.append(Problem(display(report), report.first_line,
                                    f"report id {shown(report.id)} cannot be used: {why}; "
                                    "pin another id in the sidecar"))
        taken.setdefault(report.id, report)
    next_number: dict[str, int] = {}
    result = []
    for report in ordered:
        if not report.id_pinned:
            candidate = report.id
            if candidate in taken or candidate in RESERVED_IDS:
                number = next_number.get(report.id, 2)
                while f"{report.id}-{number}" in taken:
                    number += 1
                candidate = f"{report.id}-{number}"
                next_number[report.id] = number + 1
            report = dataclasses.replace(report, id=candidate) if candidate != report.id else report
            taken[candidate] = report
        result.append(report)
    return result
