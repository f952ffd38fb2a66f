"""Lists of reports shared by several pages: the report table, newest-first order, excerpts, and long
listings cut into pages (`listing_pages`, `paged`). Pure text."""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.addresses import listing_part, outlet_page, person_page
from generator.models import Report, ReportDate
from generator.render.markup import (
    GENERATED_NOTE,
    date_text,
    front_matter,
    html_href,
    html_text,
    md_text,
    sortable_date,
)
from generator.text import plural, truncate_at_word

EXCERPT = 160
PAGE_LIMIT = 200
"""Most rows a listing shows on one page, about (see `listing_pages`): a longer listing is an index of
pages by year, then month, then parts, so adding a report rewrites the pages it falls on (200 rows of
the report table are about 50 KB), not the whole listing."""
UNDATED = "undated"

Memo = Callable[[str, tuple[object, ...], Callable[[], str]], str]
"""`memo(path, inputs, render)`: the page's text, rendered or, when `inputs` are those it was last
rendered from, taken from the last build (`generator.cache.PageMemo.page` does that)."""
MadeOf = Callable[[Report], tuple[object, ...]]
"""What stands for a report in a memo's inputs (`generator.render.site.report_key`)."""
Row = TypeVar("Row")


def render_every_time(path: str, inputs: tuple[object, ...], render: Callable[[], str]) -> str:
    return render()


@dataclass(frozen=True)
class ListingPage(Generic[Row]):
    """One page of a long listing: its address part (`2024`, `2024-04`, `2024-04-part-3`), title and rows."""

    key: str
    title: str
    rows: list[Row]


def listing_pages(reports: Iterable[Report], limit: int) -> list[ListingPage[Report]]:
    """Reports on pages by date, newest first (see `pages_by_date`)."""
    return pages_by_date(newest_first(reports), limit, lambda report: report.date, lambda report: report.id)


def pages_by_date(rows: list[Row], limit: int, date: Callable[[Row], ReportDate | None],
                  ident: Callable[[Row], str]) -> list[ListingPage[Row]]:
    """A listing cut into pages, newest first, each in the order of `rows`: a page a year (`2024`); in a
    year of more than `limit` rows, a page a month (`2024-04`, and `2024` for the rows dated by year
    alone); undated rows last (`undated`). A page that would still hold more than `limit` is cut into
    parts by a hash of the row's id (`2024-04-part-3`), as many as a power of two that keeps each near
    `limit`. Where a row goes depends on its date and id only, so adding one changes the page it falls
    on, unless it makes a year or month cross `limit` (or double its parts), which reshapes that one."""
    years: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        when = date(row)
        years[str(when.year) if when else UNDATED].append(row)
    pages: list[ListingPage[Row]] = []
    for year in sorted(years, key=lambda key: (key == UNDATED, -int(key) if key != UNDATED else 0)):
        group = years[year]
        if len(group) <= limit or year == UNDATED:
            pages += parts(year, "Undated" if year == UNDATED else year, group, limit, ident)
            continue
        months: dict[str, list[Row]] = defaultdict(list)
        for row in group:
            months[sortable_date(date(row))[:7]].append(row)
        for month in sorted((key for key in months if key != year), reverse=True) + [year] * (year in months):
            title = f"{year}, month not given" if month == year else date_text(ReportDate.from_iso(month))
            pages += parts(month, title, months[month], limit, ident)
    return pages


def parts(key: str, title: str, rows: list[Row], limit: int, ident: Callable[[Row], str]) -> list[ListingPage[Row]]:
    """`rows` on one page, or cut into parts by a hash of their ids (see `pages_by_date`)."""
    if len(rows) <= limit:
        return [ListingPage(key, title, rows)]
    count = 2
    while len(rows) > count * limit:
        count *= 2
    buckets: list[list[Row]] = [[] for _ in range(count)]
    for row in rows:
        buckets[zlib.crc32(ident(row).encode("utf-8")) % count].append(row)
    return [ListingPage(f"{key}-part-{number}", f"{title}, part {number}", bucket)
            for number, bucket in enumerate(buckets, 1) if bucket]


def pages_index(page: str, index: str, pages: Sequence[ListingPage[Row]], prefix: str = "",
                noun: str = "report") -> str:
    """The list of a listing's pages with how many rows (`noun`s) each holds, for the page `page` (raw
    HTML); `index` and `prefix` as for `paged`."""
    return report_list(f"{html_link(page, listing_part(index, prefix + part.key), part.title)}: "
                       f"{plural(len(part.rows), noun)}" for part in pages)


def paged(index: str, heading: str, pages: Sequence[ListingPage[Row]], body: Callable[[list[Row], str], str],
          memo: Memo, made_of: Callable[[Row], object], prefix: str = "", noun: str = "report") -> dict[str, str]:
    """Each page of a listing (see `pages_by_date`) at `listing_part(index, prefix + key)`, with links
    to the newer and the older page and back to `index`, the page that lists them all (`pages_index`);
    each through `memo`, keyed by its links and what its rows are made of (`made_of`)."""
    out: dict[str, str] = {}
    for number, part in enumerate(pages):
        path = listing_part(index, prefix + part.key)
        newer = pages[number - 1] if number else None
        older = pages[number + 1] if number + 1 < len(pages) else None
        links = ["↑ " + html_link(path, index, heading)]
        if newer:
            links.insert(0, "← newer: " + html_link(path, listing_part(index, prefix + newer.key), newer.title))
        if older:
            links.append("older: " + html_link(path, listing_part(index, prefix + older.key), older.title) + " →")
        bar = '<p class="listing-pages">' + " · ".join(links) + "</p>\n"

        def render(path: str = path, part: ListingPage[Row] = part, bar: str = bar) -> str:
            title = f"{heading}: {part.title}"
            return (front_matter({"title": title}, [GENERATED_NOTE]) +
                    f"\n# {md_text(title)}\n\n{plural(len(part.rows), noun)}.\n\n" + bar + "\n" +
                    body(part.rows, path) + "\n" + bar)

        out[path] = memo(path, (heading, part.title, bar, tuple(made_of(row) for row in part.rows)), render)
    return out


def newest_first(reports: Iterable[Report]) -> list[Report]:
    """Newest first, reports of one date in title order; undated reports last."""
    by_title = sorted(reports, key=lambda r: (r.title, r.id))
    dated = sorted((r for r in by_title if r.date), key=lambda r: sortable_date(r.date), reverse=True)  # stable
    undated = [r for r in by_title if not r.date]
    return dated + undated


def html_link(page: str, target: str, text: str) -> str:
    return f'<a href="{html_href(page, target)}">{html_text(text)}</a>'


def report_table(reports: Iterable[Report], page: str, with_lines: bool = False, with_outlet: bool = True) -> str:
    """A table of reports in raw HTML, not Markdown: listings grow with the archive, and at 10,000
    rows Python-Markdown's inline pass over a Markdown table was most of a rebuild's time.
    Links in raw HTML are checked in the built site by `archive check`. An outlet's own pages leave
    out the outlet column (`with_outlet`), which would name the page itself on every row."""
    head = ["Lines"] if with_lines else []
    head += ["Date", "Title", *(["Outlet"] if with_outlet else []), "Place", "Speakers"]
    rows = ["<table>", "<thead><tr>" + "".join(f"<th>{name}</th>" for name in head) + "</tr></thead>", "<tbody>"]
    for report in reports:
        cells = [f"{report.first_line}–{report.last_line}"] if with_lines else []
        cells += [html_text(sortable_date(report.date)), html_link(page, report.page_path, report.title)]
        if with_outlet:
            cells.append(html_link(page, outlet_page(report.outlet), report.outlet) if report.outlet else "—")
        cells += [
            html_text(report.place or "—"),
            ", ".join(html_link(page, person_page(s), s) for s in report.speakers) or "—",
        ]
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    return "\n".join([*rows, "</tbody>", "</table>"]) + "\n"


def outlet_report_table(reports: Iterable[Report], page: str) -> str:
    """`report_table` on an outlet's page: every row is the outlet's."""
    return report_table(reports, page, with_outlet=False)


def report_list(items: Iterable[str]) -> str:
    """A bulleted list in raw HTML (see `report_table`)."""
    return "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>\n"


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The text on one line, cut at a word after at most `limit` characters."""
    return truncate_at_word(" ".join(text.split()), limit, " …")
