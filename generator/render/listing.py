"""Lists of reports shared by several pages: the report table, newest-first order, excerpts. Pure text."""

from __future__ import annotations

from collections.abc import Iterable

from generator.addresses import outlet_page, person_page
from generator.models import Report
from generator.render.markup import html_href, html_text, sortable_date
from generator.text import truncate_at_word

EXCERPT = 160


def newest_first(reports: Iterable[Report]) -> list[Report]:
    """Newest first, reports of one date in title order; undated reports last."""
    by_title = sorted(reports, key=lambda r: (r.title, r.id))
    dated = sorted((r for r in by_title if r.date), key=lambda r: sortable_date(r.date), reverse=True)  # stable
    undated = [r for r in by_title if not r.date]
    return dated + undated


def html_link(page: str, target: str, text: str) -> str:
    return f'<a href="{html_href(page, target)}">{html_text(text)}</a>'


def report_table(reports: Iterable[Report], page: str, with_lines: bool = False) -> str:
    """A table of reports in raw HTML, not Markdown: listings grow with the archive, and at 10,000
    rows Python-Markdown's inline pass over a Markdown table was most of a rebuild's time.
    Links in raw HTML are checked in the built site by `archive check`."""
    head = ["Lines"] if with_lines else []
    head += ["Date", "Title", "Outlet", "Place", "Speakers"]
    rows = ["<table>", "<thead><tr>" + "".join(f"<th>{name}</th>" for name in head) + "</tr></thead>", "<tbody>"]
    for report in reports:
        cells = [f"{report.first_line}–{report.last_line}"] if with_lines else []
        cells += [
            html_text(sortable_date(report.date)),
            html_link(page, report.page_path, report.title),
            html_link(page, outlet_page(report.outlet), report.outlet) if report.outlet else "—",
            html_text(report.place or "—"),
            ", ".join(html_link(page, person_page(s), s) for s in report.speakers) or "—",
        ]
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    return "\n".join([*rows, "</tbody>", "</table>"]) + "\n"


def report_list(items: Iterable[str]) -> str:
    """A bulleted list in raw HTML (see `report_table`)."""
    return "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>\n"


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The text on one line, cut at a word after at most `limit` characters."""
    return truncate_at_word(" ".join(text.split()), limit, " …")
