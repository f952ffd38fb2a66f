"""The home page: what the archive holds, where to start, who reprints whom, the most-quoted passages.

Pure text.
"""

from __future__ import annotations

from generator.addresses import (
    COMPARE_INDEX,
    COMPILATION_INDEX,
    FEED,
    GLOSSARY,
    HOME,
    OUTLET_INDEX,
    PEOPLE_INDEX,
    REPORT_INDEX,
    TIMELINE,
    TOPICS,
)
from generator.models import Passage, Report
from generator.render.catalogue import Catalogue
from generator.render.compare import network_svg
from generator.render.links import PassageLinks
from generator.render.listing import newest_first, report_table
from generator.render.markup import GENERATED_NOTE, front_matter, md_text, outlet_or_unknown, relative, sortable_date
from generator.reuse import ReportPair
from generator.text import plural, truncate_at_word

MOST_QUOTED_CHARS = 200
NEWEST = 10


def render_home(catalogue: Catalogue, pairs: list[ReportPair]) -> str:
    reports = catalogue.reports
    dated = sorted(sortable_date(r.date) for r in reports if r.date)
    span = f" dated from {dated[0]} to {dated[-1]}" if dated else ""
    compilations = plural(len(catalogue.splits), "compilation")
    annotations = sum(len(notes) for notes in catalogue.annotations.values())
    return (
        front_matter({"title": "Home"}, [GENERATED_NOTE])
        + "\n# An annotated archive of diplomatic reporting\n\n"
        "News reports and official transcripts, cut from the compilations they were collected in, "
        "one page per report, with who spoke, where and when, and a link back to the unchanged source text.\n\n"
        f"The archive holds **{len(reports)} reports**{' ' + md_text(span) if span else ''} from "
        f"**{compilations}**, with **{len(catalogue.registry.people)} people**, **{len(catalogue.registry.outlets)} "
        f"outlets** and **{annotations} annotations**.\n\n"
        f"- [All reports]({REPORT_INDEX}), newest first, and the [timeline]({TIMELINE})\n"
        f"- By [speaker]({PEOPLE_INDEX}), [outlet]({OUTLET_INDEX}) or [topic]({TOPICS})\n"
        f"- [Compilations]({COMPILATION_INDEX}): the source files and what was cut from each\n"
        f"- [Glossary]({GLOSSARY}) of abbreviations · [Atom feed]({FEED}) of new reports\n\n"
        "Search (the box at the top) works in the browser, also when this site is opened from a folder "
        "on disk with no network.\n\n"
        + reuse_sections(pairs, reports, catalogue.links)
        + "## Newest reports\n\n" + report_table(newest_first(reports)[:NEWEST], HOME)
    )


def most_quoted(reports: list[Report], links: PassageLinks, limit: int = 5) -> list[tuple[Report, Passage, int]]:
    """Passages that stand in the most other reports."""
    ranked = []
    for report in reports:
        for passage in report.passages:
            others = len({link.page for link in links.get((report.id, passage.anchor), [])})
            if others:
                ranked.append((-others, report.id, passage.anchor, report, passage))
    ranked.sort(key=lambda item: item[:3])
    return [(report, passage, -count) for count, _, _, report, passage in ranked[:limit]]


def reuse_sections(pairs: list[ReportPair], reports: list[Report], links: PassageLinks) -> str:
    """The reuse network and the most-quoted passages, for the home page."""
    if not pairs:
        return ""
    out = ["## Who reprints whom\n\n", network_svg(pairs, reports, HOME),
           f"\n\nEvery [shared passage]({relative(HOME, COMPARE_INDEX)}), pair by pair.\n\n## Most-quoted passages\n\n"]
    for report, passage, count in most_quoted(reports, links):
        text = truncate_at_word(passage.block.text, MOST_QUOTED_CHARS, " …")
        out.append(f"- [{md_text(text)}]({relative(HOME, report.page_path)}#{passage.anchor}) — "
                   f"{md_text(outlet_or_unknown(report.outlet))}, also in {plural(count, 'other report')}\n")
    return "".join(out) + "\n"
