"""Pages for browsing: the report listing, timeline, people, outlets, topics, glossary. Pure text.

Every list here is sorted explicitly, so the same archive gives the same pages.
"""

from __future__ import annotations

from collections import defaultdict

from generator.addresses import (
    COMPARE_INDEX,
    COMPILATION_INDEX,
    OUTLET_INDEX,
    PEOPLE_INDEX,
    REPORT_INDEX,
    TIMELINE,
    TOPICS,
    outlet_page,
    person_page,
    topic_anchor,
    topic_pages,
)
from generator.models import Report, ReportDate, SplitSource
from generator.render import listing
from generator.render.catalogue import Catalogue, compilation_title
from generator.render.compare import overview_head, overview_table, render_overview
from generator.render.compilation import compilation_index_head, compilation_table, render_compilation_index
from generator.render.listing import (
    MadeOf,
    Memo,
    excerpt,
    html_link,
    listing_pages,
    newest_first,
    outlet_report_table,
    paged,
    pages_by_date,
    pages_index,
    report_list,
    report_table,
)
from generator.render.markup import (
    GENERATED_NOTE,
    date_text,
    front_matter,
    html_href,
    html_text,
    md_link,
    md_text,
    outlet_or_unknown,
    relative,
    sortable_date,
    url_html,
)
from generator.reuse import ReportPair
from generator.text import plural

NAMED = "named-"
"""Prefix of the pages of the reports that name a person (`people/<name>/named-2024.md`)."""


def render_reports_and_timeline(reports: list[Report], memo: Memo, made_of: MadeOf) -> dict[str, str]:
    """The list of all reports and the timeline; when there are more reports than fit a page
    (`listing.PAGE_LIMIT`), both list the pages of the timeline (`listing.listing_pages`), which
    show the reports as the list of all reports does."""
    if len(reports) <= listing.PAGE_LIMIT:
        return {REPORT_INDEX: render_report_index(reports), TIMELINE: render_timeline(reports)}
    pages = listing_pages(reports, listing.PAGE_LIMIT)
    out = paged(TIMELINE, "Timeline", pages, report_table, memo, made_of)
    where = paging_note(len(reports))
    out[REPORT_INDEX] = report_index_head() + where + pages_index(REPORT_INDEX, TIMELINE, pages)
    out[TIMELINE] = timeline_head() + ":\n\n" + where + pages_index(TIMELINE, TIMELINE, pages)
    return out


def paging_note(count: int, noun: str = "report", dated: str = "") -> str:
    """How a long listing is paged: `count` `noun`s by date (`dated` says which date, if not their own)."""
    return (f"{plural(count, noun)}, on pages by {dated or 'date'}: a page a year, or a month in a year of more than "
            f"{listing.PAGE_LIMIT}; a month of more than {listing.PAGE_LIMIT} is cut into parts (which part a {noun} "
            "is on follows from its name, so it stays there).\n\n")


def report_index_head() -> str:
    return (front_matter({"title": "Reports"}, [GENERATED_NOTE]) +
            "\n# Reports\n\nEvery report in the archive, newest first; undated reports come last. "
            f"Browse them also by [date]({relative(REPORT_INDEX, TIMELINE)}), "
            f"[speaker]({relative(REPORT_INDEX, PEOPLE_INDEX)}), [outlet]({relative(REPORT_INDEX, OUTLET_INDEX)}) "
            f"and [topic]({relative(REPORT_INDEX, TOPICS)}), or use the search box.\n\n")


def timeline_head() -> str:
    return front_matter({"title": "Timeline"}, [GENERATED_NOTE]) + "\n# Timeline\n\nReports by date, newest first"


def render_report_index(reports: list[Report]) -> str:
    return report_index_head() + report_table(newest_first(reports), REPORT_INDEX)


def render_timeline(reports: list[Report]) -> str:
    page = TIMELINE
    out = [timeline_head(), ", grouped by month.\n"]
    by_month: dict[str, list[Report]] = defaultdict(list)
    for report in newest_first(reports):
        by_month[sortable_date(report.date)[:7] if report.date else "undated"].append(report)
    for month, group in by_month.items():
        heading = "Undated" if month == "undated" else date_text(ReportDate.from_iso(month))
        out.append(f"\n## {md_text(heading)}\n\n")
        out.append(report_list(f"{html_text(date_text(report.date)) if report.date else 'undated'}: "
                               f"{html_link(page, report.page_path, report.title)}"
                               f"{f' — {html_text(report.outlet)}' if report.outlet else ''}" for report in group))
    return "".join(out)


def render_people_index(catalogue: Catalogue) -> str:
    page = PEOPLE_INDEX
    rows = ["| Person | Role | Speaks in | Named in |", "|---|---|---|---|"]
    for name in sorted(catalogue.registry.people):
        person = catalogue.registry.people[name]
        speaks = len(catalogue.by_speaker.get(name, []))
        named = len(catalogue.by_mention.get(name, []))
        role = md_text(person.role or "—")
        rows.append(f"| {md_link(page, person_page(name), name)} | {role} | {speaks} | {named} |")
    return (front_matter({"title": "People"}, [GENERATED_NOTE]) +
            "\n# People\n\nEveryone in `content/people.yml`: how many reports carry their own words, and how many "
            "only name them.\n\n" + "\n".join(rows) + "\n")


def render_person(name: str, catalogue: Catalogue, memo: Memo, made_of: MadeOf) -> dict[str, str]:
    """A person's page; the reports they speak in, with their statements, and those that name them
    are on pages of their own by date (`people/<name>/2024.md`, `people/<name>/named-2024.md`) when
    there are more than fit a page."""
    person = catalogue.registry.people[name]
    page = person_page(name)
    speaks = catalogue.by_speaker.get(name, [])
    named = catalogue.by_mention.get(name, [])
    out = [front_matter({"title": name, "role": person.role, "aliases": list(person.aliases)},
                        [GENERATED_NOTE, "From content/people.yml and the reports."]),
           f"\n# {md_text(name)}\n\n"]
    if person.role:
        out.append(f"{md_text(person.role)}\n\n")
    others = [a for a in person.aliases if a != name]
    if others:
        out.append("Also written: " + ", ".join(md_text(a) for a in others) + "\n\n")
    out.append(f"## Speaks in {plural(len(speaks), 'report')}\n\n")
    more: dict[str, str] = {}

    def speeches(reports: list[Report], path: str) -> str:
        return report_table(reports, path) + statements(name, reports, path)

    if len(speaks) > listing.PAGE_LIMIT:
        pages = listing_pages(speaks, listing.PAGE_LIMIT)
        out.append(paging_note(len(speaks)) + f"Each page also lists the passages attributed to {md_text(name)} "
                   "in its reports.\n\n" + pages_index(page, page, pages))
        more.update(paged(page, name, pages, speeches, memo, made_of))
    elif speaks:
        out.append(speeches(newest_first(speaks), page))
    else:
        out.append("None yet.\n")
    if len(named) > listing.PAGE_LIMIT:
        pages = listing_pages(named, listing.PAGE_LIMIT)
        out.append(f"\n## Named in {plural(len(named), 'more report')}\n\n"
                   + paging_note(len(named)) + pages_index(page, page, pages, NAMED))
        more.update(paged(page, f"{name}, named", pages, report_table, memo, made_of, NAMED))
    elif named:
        out.append(f"\n## Named in {plural(len(named), 'more report')}\n\n")
        out.append(report_table(newest_first(named), page))
    return {page: "".join(out), **more}


def statements(name: str, reports: list[Report], page: str) -> str:
    """Every passage attributed to `name` in `reports`, report by report, linked to its anchor."""
    out = [f"\n## Statements\n\nEvery passage attributed to {md_text(name)}, report by report.\n"]
    for report in reports:
        passages = [p for p in report.passages if name in p.speakers]
        out.append(f"\n<h3>{html_link(page, report.page_path, report.title)}</h3>\n"
                   f"<p>{html_text(outlet_or_unknown(report.outlet))}, {html_text(date_text(report.date))}</p>\n")
        out.append(report_list(f'<a href="{html_href(page, report.page_path)}#{passage.anchor}">'
                               f"{html_text(excerpt(passage.text_of(name)))}</a>" for passage in passages))
    return "".join(out)


def render_outlets_index(catalogue: Catalogue) -> str:
    page = OUTLET_INDEX
    rows = ["| Outlet | Kind | Reports |", "|---|---|---|"]
    for name in sorted(catalogue.registry.outlets):
        outlet = catalogue.registry.outlets[name]
        count = len(catalogue.by_outlet.get(name, []))
        rows.append(f"| {md_link(page, outlet_page(name), name)} | {md_text(outlet.kind or '—')} | {count} |")
    return (front_matter({"title": "Outlets"}, [GENERATED_NOTE]) +
            "\n# Outlets\n\nNews agencies, ministries and other publishers in `content/outlets.yml`.\n\n"
            + "\n".join(rows) + "\n")


def render_outlet(name: str, catalogue: Catalogue, memo: Memo, made_of: MadeOf) -> dict[str, str]:
    """An outlet's page; its reports are on pages of their own by date (`outlets/<name>/2024.md`)
    when there are more than fit a page."""
    outlet = catalogue.registry.outlets[name]
    page = outlet_page(name)
    reports = catalogue.by_outlet.get(name, [])
    out = [front_matter({"title": name, "kind": outlet.kind, "url": outlet.url, "aliases": list(outlet.aliases)},
                        [GENERATED_NOTE, "From content/outlets.yml and the reports."]),
           f"\n# {md_text(name)}\n\n"]
    if outlet.kind:
        out.append(f"{md_text(outlet.kind.capitalize())}")
    if outlet.url:
        out.append(f" · {url_html(outlet.url)}")
    out.append("\n\n")
    others = [a for a in outlet.aliases if a != name]
    if others:
        out.append("Also written: " + ", ".join(md_text(a) for a in others) + "\n\n")
    out.append(f"## {plural(len(reports), 'report')}\n\n")
    if len(reports) > listing.PAGE_LIMIT:
        pages = listing_pages(reports, listing.PAGE_LIMIT)
        out.append(paging_note(len(reports)) + pages_index(page, page, pages))
        return {page: "".join(out), **paged(page, name, pages, outlet_report_table, memo, made_of)}
    out.append(outlet_report_table(newest_first(reports), page) if reports else "None yet.\n")
    return {page: "".join(out)}


def render_topics(catalogue: Catalogue, memo: Memo, made_of: MadeOf) -> dict[str, str]:
    """The topics and, for each, the reports tagged with it (see `report_topics`), newest first; a
    topic with more reports than fit a page lists them on pages of its own (`topics/<topic>/2024.md`)."""
    page = TOPICS
    topics = sorted(catalogue.registry.topics.values(), key=lambda t: t.name)
    described = [f"- **{md_text(t.name)}**: {md_text(', '.join(t.keywords))}" for t in topics]
    tagged: dict[str, list[Report]] = defaultdict(list)
    for report in catalogue.reports:
        for name in catalogue.topics[report.id]:
            tagged[name].append(report)
    sections = []
    more: dict[str, str] = {}

    def titles(reports: list[Report], path: str) -> str:
        return report_list(html_link(path, r.page_path, r.title) for r in reports)

    for topic in topics:
        reports = tagged[topic.name]
        sections.append(f"\n### {md_text(topic.name)} {{ #{topic_anchor(topic.name)} }}\n\n")
        if len(reports) > listing.PAGE_LIMIT:
            pages = listing_pages(reports, listing.PAGE_LIMIT)
            prefix = topic_pages(topic.name)
            sections.append(paging_note(len(reports)) + pages_index(page, page, pages, prefix))
            more.update(paged(page, f"Topics: {topic.name}", pages, titles, memo, made_of, prefix))
        else:
            sections.append(titles(newest_first(reports), page) if reports else "None yet.\n")
    return {page: front_matter({"title": "Topics"}, [GENERATED_NOTE]) +
            "\n# Topics\n\nA report carries a topic when one of the topic's keywords stands in its text "
            "(topics and keywords are in `content/topics.yml`):\n\n" + "\n".join(described) +
            "\n\n## Reports by topic\n" + "".join(sections), **more}


def render_shared_passages(pairs: list[ReportPair], reports: list[Report], memo: Memo,
                           made_of: MadeOf) -> dict[str, str]:
    """The overview of the pairs of reports that share passages; with more pairs than fit a page, the
    table is on pages by the date of the later report of each pair (`compare/index/2024.md`)."""
    if len(pairs) <= listing.PAGE_LIMIT:
        return {COMPARE_INDEX: render_overview(pairs, reports)}
    pages = pages_by_date(pairs, listing.PAGE_LIMIT, later_date, lambda pair: pair.page)
    note = paging_note(len(pairs), "pair", "the date of the later report of each pair")

    def made_of_pair(pair: ReportPair) -> object:
        return made_of(pair.a), made_of(pair.b), len(pair.parallels), sorted({p.kind for p in pair.parallels})

    index = pages_index(COMPARE_INDEX, COMPARE_INDEX, pages, noun="pair")
    return {COMPARE_INDEX: overview_head(pairs, reports) + note + index,
            **paged(COMPARE_INDEX, "Shared passages", pages, overview_table, memo, made_of_pair, noun="pair")}


def later_date(pair: ReportPair) -> ReportDate | None:
    """The date of the later of the pair's two reports (or of the one that has a date)."""
    dates = [report.date for report in (pair.a, pair.b) if report.date]
    return max(dates, key=sortable_date) if dates else None


def render_compilations(catalogue: Catalogue, memo: Memo) -> dict[str, str]:
    """The list of compilations; with more than fit a page, on pages by the date of each one's newest
    report (`compilations/index/2024.md`), in name order on each."""
    splits, by_source = list(catalogue.splits.values()), catalogue.by_source
    if len(splits) <= listing.PAGE_LIMIT:
        return {COMPILATION_INDEX: render_compilation_index(splits, by_source)}

    def newest(split: SplitSource) -> ReportDate | None:
        dates = [report.date for report in by_source[split.source.name] if report.date]
        return max(dates, key=sortable_date) if dates else None

    def made_of(split: SplitSource) -> object:
        name = split.source.name
        return name, compilation_title(split), split.source.path.as_posix(), len(by_source[name])

    def table(rows: list[SplitSource], path: str) -> str:
        return compilation_table(rows, by_source, path)

    pages = pages_by_date(splits, listing.PAGE_LIMIT, newest, lambda split: split.source.name)
    note = paging_note(len(splits), "compilation", "the date of each one's newest report")
    index = pages_index(COMPILATION_INDEX, COMPILATION_INDEX, pages, noun="compilation")
    return {COMPILATION_INDEX: compilation_index_head() + note + index,
            **paged(COMPILATION_INDEX, "Compilations", pages, table, memo, made_of, noun="compilation")}


def render_glossary(catalogue: Catalogue) -> str:
    terms = sorted(catalogue.registry.glossary.values(), key=lambda t: t.term.casefold())
    rows = ["| Abbreviation | Stands for | Note |", "|---|---|---|"]
    rows += [f"| {md_text(t.term)} | {md_text(t.expansion)} | {md_text(t.description or '')} |" for t in terms]
    return (front_matter({"title": "Glossary"}, [GENERATED_NOTE]) +
            "\n# Glossary\n\nAbbreviations used in the reports. On every report page they expand when you point "
            "at them. The list is `content/glossary.yml`.\n\n" + "\n".join(rows) + "\n")
