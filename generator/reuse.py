"""What the parallels stage found, made readable: passage links, compare pages, the reuse network.

`generator/parallels.py` finds the parallels; this module turns them into the links on
report pages (both ways), one compare page per pair of reports that share text, the
overview with an SVG network drawn at build time, and the check for duplicate sources.
Everything here is pure and sorted.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from generator.models import Passage, Report
from generator.pages import (
    GENERATED_NOTE,
    PassageLink,
    date_text,
    front_matter,
    html_href,
    html_text,
    md_text,
    plural,
    relative,
)
from generator.parallels import Parallel, PassageText, Span, word_diff

SHORT_TITLE = 48
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
        return f"compare/{self.a.id}--{self.b.id}.md"


def passage_of(report: Report, span: Span) -> Passage:
    return next(p for p in report.passages if p.anchor == span.anchor)


def pair_anchor(parallel: Parallel) -> str:
    return f"{parallel.a.anchor}--{parallel.b.anchor}"


def short_title(report: Report) -> str:
    title = report.title
    return title if len(title) <= SHORT_TITLE else title[:SHORT_TITLE].rsplit(" ", 1)[0] + "…"


def report_pairs(parallels: list[Parallel], by_id: dict[str, Report]) -> list[ReportPair]:
    grouped: dict[tuple[str, str], list[Parallel]] = defaultdict(list)
    for parallel in parallels:
        grouped[(parallel.a.report_id, parallel.b.report_id)].append(parallel)
    return [ReportPair(by_id[a], by_id[b], tuple(items)) for (a, b), items in sorted(grouped.items())]


def kind_text(parallel: Parallel, own_side: str) -> str:
    """How a passage relates to its twin, as the reader on `own_side` ("a" or "b") sees it."""
    if parallel.kind == "verbatim":
        return "verbatim"
    if parallel.kind == "near-verbatim":
        words = "word" if parallel.changed_words == 1 else "words"
        return f"near-verbatim, {parallel.changed_words} {words} differ"
    if parallel.partial_side == "both":
        return "partial: they share a stretch"
    if parallel.partial_side == own_side:
        return "partial: part of this passage"
    return "partial: all of this passage, within a longer one"


def passage_links(pairs: list[ReportPair]) -> dict[tuple[str, str], list[PassageLink]]:
    """Links both ways for every parallel, each list in the other reports' order."""
    links: dict[tuple[str, str], list[PassageLink]] = defaultdict(list)
    for pair in pairs:
        for parallel in pair.parallels:
            for own, other, own_side, other_report in ((parallel.a, parallel.b, "a", pair.b),
                                                       (parallel.b, parallel.a, "b", pair.a)):
                kind = kind_text(parallel, own_side)
                outlet = other_report.outlet or "Unknown outlet"
                links[(own.report_id, own.anchor)].append(PassageLink(
                    page=other_report.page_path,
                    anchor=other.anchor,
                    label=f"{outlet}: {short_title(other_report)} ({kind})",
                    note=f"{kind}; {round(parallel.similarity * 100)}% of the words align",
                    compare_page=pair.page,
                    compare_anchor=pair_anchor(parallel),
                    other_title=other_report.title,
                ))
    return {key: sorted(value, key=lambda link: (link.page, link.anchor)) for key, value in sorted(links.items())}


# --- compare pages ----------------------------------------------------------------------------


def marked(text: str, span: Span, parts: Sequence[tuple[str, str]], keep: str, tag: str) -> str:
    """The passage with its matched region diff-marked and the rest shown as context."""
    inner = "".join(html_text(piece) if kind == "equal" else f"<{tag}>{html_text(piece)}</{tag}>"
                    for kind, piece in parts if kind in ("equal", keep))
    before, after = text[: span.start], text[span.end:]
    context = '<span class="compare-context">{}</span>'
    return ((context.format(html_text(before)) if before else "") + inner
            + (context.format(html_text(after)) if after else ""))


def render_compare(pair: ReportPair) -> str:
    page = pair.page
    out = [front_matter({"title": f"{pair.a.title} ↔ {pair.b.title}", "reports": [pair.a.id, pair.b.id]},
                        [GENERATED_NOTE, "From the parallels found between the two reports."]),
           f"\n# Shared passages: {md_text(short_title(pair.a))} ↔ {md_text(short_title(pair.b))}\n\n"]
    for side, report in (("Left", pair.a), ("Right", pair.b)):
        out.append(f"**{side}:** [{md_text(report.title)}]({relative(page, report.page_path)}) — "
                   f"{md_text(report.outlet or 'Unknown outlet')}, {md_text(date_text(report.date))}  \n")
    out.append(f"\n{plural(len(pair.parallels), 'shared passage')}. "
               "Words only on the left are struck through (<del>like this</del>), words only on the right are "
               "underlined (<ins>like this</ins>); text outside the shared stretch is greyed.\n\n")
    seen: dict[str, int] = defaultdict(int)
    for parallel in pair.parallels:
        left, right = passage_of(pair.a, parallel.a), passage_of(pair.b, parallel.b)
        parts = word_diff(left.block.text[parallel.a.start:parallel.a.end],
                          right.block.text[parallel.b.start:parallel.b.end])
        anchor = pair_anchor(parallel)
        seen[anchor] += 1
        if seen[anchor] > 1:
            anchor = f"{anchor}-{seen[anchor]}"
        kind = kind_text(parallel, "a")
        out.append(
            f'<section class="compare-pair" id="{anchor}">'
            f'<p class="compare-kind">{html_text(kind)}; {round(parallel.similarity * 100)}% of the words align'
            f"{'' if parallel.kind == 'verbatim' else f', {parallel.changed_words} changed'}</p>"
            f'<div class="compare-sides">'
            f'<div class="compare-side"><a href="{html_href(page, pair.a.page_path)}#{left.anchor}">'
            f"{html_text(short_title(pair.a))}</a>"
            f'<p>{marked(left.block.text, parallel.a, parts, "delete", "del")}</p></div>'
            f'<div class="compare-side"><a href="{html_href(page, pair.b.page_path)}#{right.anchor}">'
            f"{html_text(short_title(pair.b))}</a>"
            f'<p>{marked(right.block.text, parallel.b, parts, "insert", "ins")}</p></div>'
            "</div></section>\n\n"
        )
    return "".join(out)


# --- overview, network, home ------------------------------------------------------------------


def render_overview(pairs: list[ReportPair], reports: list[Report]) -> str:
    page = "compare/index.md"
    rows = ["| Report | Report | Shared passages | Kinds | Compare |", "|---|---|---|---|---|"]
    for pair in sorted(pairs, key=lambda p: (-len(p.parallels), p.a.id, p.b.id)):
        kinds = sorted({p.kind for p in pair.parallels})
        rows.append(f"| [{md_text(short_title(pair.a))}]({relative(page, pair.a.page_path)}) | "
                    f"[{md_text(short_title(pair.b))}]({relative(page, pair.b.page_path)}) | "
                    f"{len(pair.parallels)} | {', '.join(kinds)} | [side by side]({relative(page, pair.page)}) |")
    total = sum(len(p.parallels) for p in pairs)
    return (front_matter({"title": "Shared passages"}, [GENERATED_NOTE]) +
            "\n# Shared passages\n\n"
            f"{total} passages stand in more than one report, across {len(pairs)} pairs of reports. "
            "Each line of the picture joins two reports that share text; the thicker, the more they share.\n\n"
            + network_svg(pairs, reports, page) + "\n\n" + "\n".join(rows) + "\n")


NETWORK_NODES = 60
"""At most this many reports (those that share with the most others) are drawn; the table lists all."""


def network_svg(pairs: list[ReportPair], reports: list[Report], page: str) -> str:
    """Reports that share text on a circle, joined by lines as thick as what they share. No script."""
    degree: dict[str, int] = defaultdict(int)
    for pair in pairs:
        degree[pair.a.id] += 1
        degree[pair.b.id] += 1
    if not degree:
        return "*No two reports share text yet.*"
    drawn = sorted(sorted(degree, key=lambda rid: (-degree[rid], rid))[:NETWORK_NODES])
    shown = [pair for pair in pairs if pair.a.id in drawn and pair.b.id in drawn]
    by_id = {r.id: r for r in reports}
    width, radius, label_chars = 860, 190, 30
    height = 2 * radius + 60
    cx, cy = width / 2, height / 2
    places = {}
    for index, report_id in enumerate(drawn):
        angle = 2 * math.pi * index / len(drawn) - math.pi / 2
        places[report_id] = (round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1))
    heaviest = max(len(p.parallels) for p in shown)
    lines = []
    for pair in shown:
        (x1, y1), (x2, y2) = places[pair.a.id], places[pair.b.id]
        stroke = round(1 + 5 * len(pair.parallels) / heaviest, 1)
        title = f"{short_title(pair.a)} ↔ {short_title(pair.b)}: {len(pair.parallels)} shared passages"
        lines.append(f'<a href={quoteattr(html_href(page, pair.page))}><line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" '
                     f'stroke-width="{stroke}" class="network-edge"><title>{xml_escape(title)}</title></line></a>')
    nodes = []
    for report_id in drawn:
        report = by_id[report_id]
        x, y = places[report_id]
        right = x >= cx - 1
        label = f"{report.outlet or 'Unknown outlet'}: {short_title(report)}"
        short = label if len(label) <= label_chars else label[: label_chars - 1] + "…"
        nodes.append(f'<a href={quoteattr(html_href(page, report.page_path))}><circle cx="{x}" cy="{y}" r="7" '
                     f'class="network-node"><title>{xml_escape(label)}</title></circle>'
                     f'<text x="{x + (10 if right else -10)}" y="{y + 4}" text-anchor="{"start" if right else "end"}" '
                     f'class="network-label">{xml_escape(short)}</text></a>')
    left_out = len(degree) - len(drawn)
    note = (f"<p>The {left_out} reports that share with fewest others are left out of the picture.</p>"
            if left_out else "")
    return (f'<svg class="reuse-network" viewBox="0 0 {width} {height}" role="group" '
            f'aria-label="Reports that share text, joined by lines" xmlns="http://www.w3.org/2000/svg">'
            + "".join(lines) + "".join(nodes) + "</svg>" + note)


def most_quoted(reports: list[Report], links: dict[tuple[str, str], list[PassageLink]],
                limit: int = 5) -> list[tuple[Report, Passage, int]]:
    """Passages that stand in the most other reports."""
    ranked = []
    for report in reports:
        for passage in report.passages:
            others = len({link.page for link in links.get((report.id, passage.anchor), [])})
            if others:
                ranked.append((-others, report.id, passage.anchor, report, passage))
    ranked.sort(key=lambda item: item[:3])
    return [(report, passage, -count) for count, _, _, report, passage in ranked[:limit]]


def home_sections(pairs: list[ReportPair], reports: list[Report],
                  links: dict[tuple[str, str], list[PassageLink]]) -> str:
    """The reuse network and the most-quoted passages, for the home page."""
    if not pairs:
        return ""
    out = ["## Who reprints whom\n\n", network_svg(pairs, reports, "index.md"),
           "\n\nEvery [shared passage](compare/index.md), pair by pair.\n\n## Most-quoted passages\n\n"]
    for report, passage, count in most_quoted(reports, links):
        text = passage.block.text
        text = text if len(text) <= 200 else text[:200].rsplit(" ", 1)[0] + " …"
        out.append(f"- [{md_text(text)}]({report.page_path}#{passage.anchor}) — {md_text(report.outlet or 'Unknown')}, "
                   f"also in {plural(count, 'other report')}\n")
    return "".join(out) + "\n"


# --- duplicates -------------------------------------------------------------------------------


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
