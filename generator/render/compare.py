"""Compare pages: two reports side by side with every differing word marked, the overview, the network.

`generator/parallels.py` finds the parallels; this module shows them. The word diff is here,
with the page that shows it: it compares the texts as written (case, quotes and spelling
variants count), which is what a reader wants to see, not what detection matches on. Pure text.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Literal
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from rapidfuzz.distance import Indel

from generator.addresses import COMPARE_INDEX
from generator.models import Report
from generator.parallels import Parallel, Span
from generator.render.links import kind_text, pair_anchor, short_title
from generator.render.markup import (
    GENERATED_NOTE,
    date_text,
    front_matter,
    html_href,
    html_text,
    md_text,
    outlet_or_unknown,
    page_heading,
    relative,
)
from generator.reuse import ReportPair, passage_of
from generator.text import numbered, plural

DIFF_PIECE = re.compile(r"(\w+|[^\w\s])(\s*)")
DiffTag = Literal["equal", "delete", "insert"]


def diff_pieces(text: str) -> tuple[str, list[str], list[str]]:
    """Leading whitespace, then word/punctuation cores and the whitespace after each."""
    lead_len = len(text) - len(text.lstrip())
    cores: list[str] = []
    spaces: list[str] = []
    for m in DIFF_PIECE.finditer(text, lead_len):
        cores.append(m.group(1))
        spaces.append(m.group(2))
    return text[:lead_len], cores, spaces


def word_diff(a: str, b: str) -> list[tuple[DiffTag, str]]:
    """Word-level diff of two original texts for the compare view.

    Tokens are words and single punctuation marks compared *as written*, so neighbours/neighbors
    or a curly against a straight quote show as delete + insert: readers want to see them.
    Whitespace is carried along; where it differs between two equal tokens it becomes its own
    delete + insert, so that equal + delete parts concatenate to `a` and equal + insert parts to
    `b`, exactly.  Adjacent parts with the same tag are merged.
    """
    lead_a, cores_a, spaces_a = diff_pieces(a)
    lead_b, cores_b, spaces_b = diff_pieces(b)
    out: list[tuple[DiffTag, str]] = []

    def emit(tag: DiffTag, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == tag:
            out[-1] = (tag, out[-1][1] + text)
        else:
            out.append((tag, text))

    def emit_space(sa: str, sb: str) -> None:
        if sa == sb:
            emit("equal", sa)
        else:
            emit("delete", sa)
            emit("insert", sb)

    emit_space(lead_a, lead_b)
    deleted: list[str] = []
    inserted: list[str] = []
    for op in Indel.opcodes(cores_a, cores_b):
        a0, a1, b0, b1 = op.src_start, op.src_end, op.dest_start, op.dest_end
        if op.tag == "equal":
            emit("delete", "".join(deleted))  # deletions before insertions between two equal runs
            emit("insert", "".join(inserted))
            deleted.clear()
            inserted.clear()
            for i, j in zip(range(a0, a1), range(b0, b1), strict=True):
                emit("equal", cores_a[i])
                emit_space(spaces_a[i], spaces_b[j])
        else:
            deleted.extend(c + s for c, s in zip(cores_a[a0:a1], spaces_a[a0:a1], strict=True))
            inserted.extend(c + s for c, s in zip(cores_b[b0:b1], spaces_b[b0:b1], strict=True))
    emit("delete", "".join(deleted))
    emit("insert", "".join(inserted))
    return out


def marked(text: str, span: Span, parts: Sequence[tuple[str, str]], keep: str, tag: str) -> str:
    """The passage with its matched region diff-marked and the rest shown as context."""
    inner = "".join(html_text(piece) if kind == "equal" else f"<{tag}>{html_text(piece)}</{tag}>"
                    for kind, piece in parts if kind in ("equal", keep))
    before, after = text[: span.start], text[span.end:]
    context = '<span class="compare-context">{}</span>'
    return ((context.format(html_text(before)) if before else "") + inner
            + (context.format(html_text(after)) if after else ""))


DIFF_TAGS = {"equal": "", "delete": "del", "insert": "ins"}


def merged(parts: Sequence[tuple[DiffTag, str]]) -> str:
    """Both passages in one text: the words only on the left struck through, those only on the right
    underlined (shown this way only when both passages are shared whole, so there is no context)."""
    return "".join(f"<{DIFF_TAGS[kind]}>{html_text(piece)}</{DIFF_TAGS[kind]}>" if DIFF_TAGS[kind]
                   else html_text(piece) for kind, piece in parts)


def compare_kind(parallel: Parallel, identical: bool) -> str:
    """How the two passages relate, said from the page's two sides, with how much of them aligns."""
    if parallel.kind == "partial":
        kind = {"both": "partial: they share a stretch", "a": "partial: part of the left passage",
                "b": "partial: part of the right passage"}[parallel.partial_side or "both"]
        if parallel.changed_words:
            kind += f", {plural(parallel.changed_words, 'word')} changed"
    else:
        kind = kind_text(parallel, "a") + (", identical in both" if identical else "")
    return f"{kind}; {round(parallel.similarity * 100)}% of the words align"


def render_compare(pair: ReportPair) -> str:
    """The two reports' shared passages, a section each (its id is the permanent `#p-x--p-y` the
    report pages link to). A pair of passages shared whole is shown once, its differences marked in
    the one text ("identical in both" when there are none); a partial one side by side, the text
    outside the shared stretch greyed. Each section links to both passages as "left" and "right",
    which the page's head names once."""
    page = pair.page
    # the short titles, as in the heading: the page title stands in its <title> and header again
    out = [front_matter({"title": f"{short_title(pair.a)} ↔ {short_title(pair.b)}", "reports": [pair.a.id, pair.b.id]},
                        [GENERATED_NOTE, "From the parallels found between the two reports."]),
           page_heading(f"Shared passages: {md_text(short_title(pair.a))} ↔ {md_text(short_title(pair.b))}") + "\n"]
    for side, report in (("Left", pair.a), ("Right", pair.b)):
        out.append(f"**{side}:** [{md_text(report.title)}]({relative(page, report.page_path)}) — "
                   f"{md_text(outlet_or_unknown(report.outlet))}, {md_text(date_text(report.date))}  \n")
    out.append(f"\n{plural(len(pair.parallels), 'shared passage')}. "
               "Words only on the left are struck through (<del>like this</del>), words only on the right are "
               "underlined (<ins>like this</ins>); text outside the shared stretch is greyed.\n\n")
    used: set[str] = set()
    for parallel in pair.parallels:
        left, right = passage_of(pair.a, parallel.a), passage_of(pair.b, parallel.b)
        parts = word_diff(left.block.text[parallel.a.start:parallel.a.end],
                          right.block.text[parallel.b.start:parallel.b.end])
        anchor = numbered(pair_anchor(parallel), used)
        used.add(anchor)
        links = (f'<a href="{html_href(page, pair.a.page_path)}#{left.anchor}">left</a> · '
                 f'<a href="{html_href(page, pair.b.page_path)}#{right.anchor}">right</a>')
        whole = (parallel.a.start == parallel.b.start == 0 and parallel.a.end == len(left.block.text)
                 and parallel.b.end == len(right.block.text))
        kind = compare_kind(parallel, identical=whole and all(tag == "equal" for tag, _ in parts))
        if whole:
            shown = f"<p>{merged(parts)}</p>"
        else:
            shown = (f'<div class="compare-sides"><p>{marked(left.block.text, parallel.a, parts, "delete", "del")}</p>'
                     f'<p>{marked(right.block.text, parallel.b, parts, "insert", "ins")}</p></div>')
        out.append(f'<section class="compare-pair" id="{anchor}"><p class="compare-kind">{html_text(kind)} · {links}'
                   f"</p>{shown}</section>\n\n")
    return "".join(out)


def render_overview(pairs: list[ReportPair], reports: list[Report]) -> str:
    return overview_head(pairs, reports) + overview_table(pairs, COMPARE_INDEX)


def overview_table(pairs: list[ReportPair], page: str) -> str:
    """The pairs, those that share the most first, on the page `page`."""
    # raw HTML, like the report listings (render/listing.py): a row per pair of reports
    rows = ["<table>", "<thead><tr><th>Report</th><th>Report</th><th>Shared passages</th><th>Kinds</th>"
            "<th>Compare</th></tr></thead>", "<tbody>"]
    for pair in sorted(pairs, key=lambda p: (-len(p.parallels), p.a.id, p.b.id)):
        kinds = sorted({p.kind for p in pair.parallels})
        rows.append(f'<tr><td><a href="{html_href(page, pair.a.page_path)}">{html_text(short_title(pair.a))}</a></td>'
                    f'<td><a href="{html_href(page, pair.b.page_path)}">{html_text(short_title(pair.b))}</a></td>'
                    f"<td>{len(pair.parallels)}</td><td>{', '.join(kinds)}</td>"
                    f'<td><a href="{html_href(page, pair.page)}">side by side</a></td></tr>')
    rows += ["</tbody>", "</table>"]
    return "\n".join(rows) + "\n"


def overview_head(pairs: list[ReportPair], reports: list[Report]) -> str:
    """The overview's title, counts and picture of who shares text with whom."""
    total = sum(len(p.parallels) for p in pairs)
    return (front_matter({"title": "Shared passages"}, [GENERATED_NOTE]) +
            "\n# Shared passages\n\n"
            f"{total} passages stand in more than one report, across {len(pairs)} pairs of reports. "
            "Each line of the picture joins two reports that share text; the thicker, the more they share.\n\n"
            + network_svg(pairs, reports, COMPARE_INDEX) + "\n\n")


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
        label = f"{outlet_or_unknown(report.outlet)}: {short_title(report)}"
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
