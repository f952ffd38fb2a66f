"""Lists of reports shared by several pages: the report table, newest-first order, excerpts. Pure text."""

from __future__ import annotations

from collections.abc import Iterable

from generator.addresses import outlet_page, person_page
from generator.models import Report
from generator.render.markup import md_link, md_text, sortable_date
from generator.text import truncate_at_word

EXCERPT = 160


def newest_first(reports: Iterable[Report]) -> list[Report]:
    """Newest first, reports of one date in title order; undated reports last."""
    by_title = sorted(reports, key=lambda r: (r.title, r.id))
    dated = sorted((r for r in by_title if r.date), key=lambda r: sortable_date(r.date), reverse=True)  # stable
    undated = [r for r in by_title if not r.date]
    return dated + undated


def report_table(reports: Iterable[Report], page: str, with_lines: bool = False) -> str:
    head = ["Lines"] if with_lines else []
    head += ["Date", "Title", "Outlet", "Place", "Speakers"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for report in reports:
        cells = [f"{report.first_line}–{report.last_line}"] if with_lines else []
        cells += [
            md_text(sortable_date(report.date)),
            md_link(page, report.page_path, report.title),
            md_link(page, outlet_page(report.outlet), report.outlet) if report.outlet else "—",
            md_text(report.place or "—"),
            ", ".join(md_link(page, person_page(s), s) for s in report.speakers) or "—",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The text on one line, cut at a word after at most `limit` characters."""
    return truncate_at_word(" ".join(text.split()), limit, " …")
