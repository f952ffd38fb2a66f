"""The split's promise, checked: every block of a source is in exactly one report, note or dropped entry."""

from __future__ import annotations

from collections import Counter

from generator.errors import Problem, Problems
from generator.models import SplitSource


def conservation_problems(split: SplitSource, display: str, problems: Problems) -> None:
    """A problem for every block placed nowhere, or in more than one place, added to `problems`.

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
    for block in split.source.blocks:
        count = placed[id(block)]
        if count != 1:
            where = "no report, note or dropped list" if count == 0 else f"{count} places"
            problems.append(Problem(display, block.line, f"text of this paragraph ends up in {where}"))
