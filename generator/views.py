"""Pages for browsing: listings, timeline, people, outlets, topics, glossary, home. Pure text.

Every list here is sorted explicitly, so the same archive gives the same pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from generator.models import Report, ReportDate, SplitSource
from generator.pages import (
    GENERATED_NOTE,
    Catalogue,
    compilation_title,
    date_text,
    front_matter,
    md_text,
    original_path,
    outlet_page,
    person_page,
    plural,
    relative,
    url_html,
)

EXCERPT = 160


def sortable_date(date: ReportDate | None) -> str:
    return date.iso if date else "undated"


def newest_first(reports: Iterable[Report]) -> list[Report]:
    """Newest first, reports of one date in title order; undated reports last."""
    by_title = sorted(reports, key=lambda r: (r.title, r.id))
    dated = sorted((r for r in by_title if r.date), key=lambda r: sortable_date(r.date), reverse=True)  # stable
    undated = [r for r in by_title if not r.date]
    return dated + undated


def link(page: str, target: str, text: str) -> str:
    return f"[{md_text(text)}]({relative(page, target)})"


def report_table(reports: Iterable[Report], page: str, with_lines: bool = False) -> str:
    head = ["Lines"] if with_lines else []
    head += ["Date", "Title", "Outlet", "Place", "Speakers"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for report in reports:
        cells = [f"{report.first_line}–{report.last_line}"] if with_lines else []
        cells += [
            md_text(sortable_date(report.date)),
            link(page, report.page_path, report.title),
            link(page, outlet_page(report.outlet), report.outlet) if report.outlet else "—",
            md_text(report.place or "—"),
            ", ".join(link(page, person_page(s), s) for s in report.speakers) or "—",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + " …"


def render_report_index(reports: list[Report]) -> str:
    return (front_matter({"title": "Reports"}, [GENERATED_NOTE]) +
            "\n# Reports\n\nEvery report in the archive, newest first; undated reports come last. "
            "Browse them also by [date](../timeline.md), [speaker](../people/index.md), "
            "[outlet](../outlets/index.md) and [topic](../topics.md), or use the search box.\n\n"
            + report_table(newest_first(reports), "reports/index.md"))


def render_timeline(reports: list[Report]) -> str:
    page = "timeline.md"
    out = [front_matter({"title": "Timeline"}, [GENERATED_NOTE]),
           "\n# Timeline\n\nReports by date, newest first, grouped by month.\n"]
    by_month: dict[str, list[Report]] = defaultdict(list)
    for report in newest_first(reports):
        by_month[sortable_date(report.date)[:7] if report.date else "undated"].append(report)
    for month, group in by_month.items():
        heading = "Undated" if month == "undated" else date_text(ReportDate.from_iso(month))
        out.append(f"\n## {md_text(heading)}\n\n")
        for report in group:
            when = md_text(date_text(report.date)) if report.date else "undated"
            outlet = f" — {md_text(report.outlet)}" if report.outlet else ""
            out.append(f"- {when}: {link(page, report.page_path, report.title)}{outlet}\n")
    return "".join(out)


def render_people_index(catalogue: Catalogue) -> str:
    page = "people/index.md"
    rows = ["| Person | Role | Speaks in | Named in |", "|---|---|---|---|"]
    for name in sorted(catalogue.registry.people):
        person = catalogue.registry.people[name]
        speaks = len(catalogue.by_speaker.get(name, []))
        named = len(catalogue.by_mention.get(name, []))
        rows.append(f"| {link(page, person_page(name), name)} | {md_text(person.role or '—')} | {speaks} | {named} |")
    return (front_matter({"title": "People"}, [GENERATED_NOTE]) +
            "\n# People\n\nEveryone in `content/people.yml`: how many reports carry their own words, and how many "
            "only name them.\n\n" + "\n".join(rows) + "\n")


def render_person(name: str, catalogue: Catalogue) -> str:
    person = catalogue.registry.people[name]
    page = person_page(name)
    speaks = newest_first(catalogue.by_speaker.get(name, []))
    named = newest_first(catalogue.by_mention.get(name, []))
    out = [front_matter({"title": name, "role": person.role, "aliases": list(person.aliases)},
                        [GENERATED_NOTE, "From content/people.yml and the reports."]),
           f"\n# {md_text(name)}\n\n"]
    if person.role:
        out.append(f"{md_text(person.role)}\n\n")
    others = [a for a in person.aliases if a != name]
    if others:
        out.append("Also written: " + ", ".join(md_text(a) for a in others) + "\n\n")
    out.append(f"## Speaks in {plural(len(speaks), 'report')}\n\n")
    out.append(report_table(speaks, page) if speaks else "None yet.\n")
    if speaks:
        out.append(f"\n## Statements\n\nEvery passage attributed to {md_text(name)}, report by report.\n")
        for report in speaks:
            passages = [p for p in report.passages if name in p.speakers]
            out.append(f"\n### {link(page, report.page_path, report.title)}\n\n")
            out.append(f"{md_text(report.outlet or 'Unknown outlet')}, {md_text(date_text(report.date))}\n\n")
            for passage in passages:
                target = f"{relative(page, report.page_path)}#{passage.anchor}"
                out.append(f"- [{md_text(excerpt(passage.text_of(name)))}]({target})\n")
    if named:
        out.append(f"\n## Named in {plural(len(named), 'more report')}\n\n")
        out.append(report_table(named, page))
    return "".join(out)


def render_outlets_index(catalogue: Catalogue) -> str:
    page = "outlets/index.md"
    rows = ["| Outlet | Kind | Reports |", "|---|---|---|"]
    for name in sorted(catalogue.registry.outlets):
        outlet = catalogue.registry.outlets[name]
        count = len(catalogue.by_outlet.get(name, []))
        rows.append(f"| {link(page, outlet_page(name), name)} | {md_text(outlet.kind or '—')} | {count} |")
    return (front_matter({"title": "Outlets"}, [GENERATED_NOTE]) +
            "\n# Outlets\n\nNews agencies, ministries and other publishers in `content/outlets.yml`.\n\n"
            + "\n".join(rows) + "\n")


def render_outlet(name: str, catalogue: Catalogue) -> str:
    outlet = catalogue.registry.outlets[name]
    page = outlet_page(name)
    reports = newest_first(catalogue.by_outlet.get(name, []))
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
    out.append(report_table(reports, page) if reports else "None yet.\n")
    return "".join(out)


def render_topics(catalogue: Catalogue) -> str:
    """Material's tags plugin fills the listing where the marker stands, from each page's `tags`."""
    topics = sorted(catalogue.registry.topics.values(), key=lambda t: t.name)
    described = [f"- **{md_text(t.name)}**: {md_text(', '.join(t.keywords))}" for t in topics]
    return (front_matter({"title": "Topics"}, [GENERATED_NOTE]) +
            "\n# Topics\n\nA report carries a topic when one of the topic's keywords stands in its text "
            "(topics and keywords are in `content/topics.yml`):\n\n" + "\n".join(described) +
            "\n\n## Reports by topic\n\n<!-- material/tags -->\n")


def render_glossary(catalogue: Catalogue) -> str:
    terms = sorted(catalogue.registry.glossary.values(), key=lambda t: t.term.casefold())
    rows = ["| Abbreviation | Stands for | Note |", "|---|---|---|"]
    rows += [f"| {md_text(t.term)} | {md_text(t.expansion)} | {md_text(t.description or '')} |" for t in terms]
    return (front_matter({"title": "Glossary"}, [GENERATED_NOTE]) +
            "\n# Glossary\n\nAbbreviations used in the reports. On every report page they expand when you point "
            "at them. The list is `content/glossary.yml`.\n\n" + "\n".join(rows) + "\n")


def render_compilation_index(splits: list[SplitSource], reports_by_source: dict[str, list[Report]]) -> str:
    rows = ["| Compilation | File | Reports |", "|---|---|---|"]
    for split in splits:
        name = split.source.name
        rows.append(f"| [{md_text(compilation_title(split))}]({name}.md) | "
                    f"[{md_text(split.source.path.name)}]"
                    f"({relative('compilations/index.md', original_path(split.source))}) | "
                    f"{len(reports_by_source[name])} |")
    return (front_matter({"title": "Compilations"}, [GENERATED_NOTE]) +
            "\n# Compilations\n\nThe source files the archive was built from, each kept unchanged. "
            "A compilation may hold an editor's article and the reports it draws on.\n\n" + "\n".join(rows) + "\n")


def render_home(catalogue: Catalogue, extra_sections: str = "") -> str:
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
        "- [All reports](reports/index.md), newest first, and the [timeline](timeline.md)\n"
        "- By [speaker](people/index.md), [outlet](outlets/index.md) or [topic](topics.md)\n"
        "- [Compilations](compilations/index.md): the source files and what was cut from each\n"
        "- [Glossary](glossary.md) of abbreviations · [Atom feed](feed.xml) of new reports\n\n"
        "Search (the box at the top) works in the browser, also when this site is opened from a folder "
        "on disk with no network.\n\n"
        + extra_sections
        + "## Newest reports\n\n" + report_table(newest_first(reports)[:10], "index.md")
    )
