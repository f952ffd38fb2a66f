"""Links between parallel passages: what a reader sees of each twin, built both ways. Pure."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.models import Report
from generator.parallels import Parallel
from generator.render.markup import outlet_or_unknown
from generator.reuse import ReportPair
from generator.text import plural, truncate_at_word

SHORT_TITLE = 48


@dataclass(frozen=True)
class PassageLink:
    """A link from one passage to its twin in another report (filled by the parallels stage)."""

    page: str
    """Docs-relative path of the other report's page."""
    anchor: str
    label: str
    """What the reader sees: the other report's outlet and short title, and the kind of match."""
    compare_page: str
    """Docs-relative path of the side-by-side compare page."""
    compare_anchor: str
    """The pair's section on the compare page."""
    other_title: str
    """The other report's full title."""


PassageLinks = dict[tuple[str, str], list[PassageLink]]
"""(report id, passage anchor) → links to its parallels."""


def short_title(report: Report) -> str:
    return truncate_at_word(report.title, SHORT_TITLE, "…")


def pair_anchor(parallel: Parallel) -> str:
    return f"{parallel.a.anchor}--{parallel.b.anchor}"


def kind_text(parallel: Parallel, own_side: str) -> str:
    """How a passage relates to its twin, as the reader on `own_side` ("a" or "b") sees it."""
    if parallel.kind == "verbatim":
        return "verbatim"
    if parallel.kind == "near-verbatim":
        changed = parallel.changed_words
        return f"near-verbatim, {plural(changed, 'word')} differ{'s' if changed == 1 else ''}"
    if parallel.partial_side == "both":
        return "partial: they share a stretch"
    if parallel.partial_side == own_side:
        return "partial: part of this passage"
    return "partial: all of this passage, within a longer one"


def passage_links(pairs: list[ReportPair]) -> PassageLinks:
    """Links both ways for every parallel, each list in the other reports' order."""
    links: PassageLinks = defaultdict(list)
    for pair in pairs:
        for parallel in pair.parallels:
            for own, other, own_side, other_report in ((parallel.a, parallel.b, "a", pair.b),
                                                       (parallel.b, parallel.a, "b", pair.a)):
                kind = kind_text(parallel, own_side)
                links[(own.report_id, own.anchor)].append(PassageLink(
                    page=other_report.page_path,
                    anchor=other.anchor,
                    label=f"{outlet_or_unknown(other_report.outlet)}: {short_title(other_report)} ({kind})",
                    compare_page=pair.page,
                    compare_anchor=pair_anchor(parallel),
                    other_title=other_report.title,
                ))
    return {key: sorted(value, key=lambda link: (link.page, link.anchor)) for key, value in sorted(links.items())}
