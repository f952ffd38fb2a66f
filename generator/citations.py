"""Citations of a report: a plain-text reference, BibTeX, CSL-JSON, and the Atom feed. Pure text.

Without a `site_url` (the `SITE_URL` environment variable at build time) the permanent link is
the report's path inside the archive (`reports/<id>.html`), valid wherever the site is published.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from generator.models import Report

ARCHIVE_NAME = "Annotated Diplomatic Archive"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot carry at all, even escaped: a form feed in a source would break the feed."""


def xml_text(text: str) -> str:
    return xml_escape(NOT_XML.sub(" ", text))
BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
MONTHS_BIBTEX = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def permalink(report: Report, site_url: str | None) -> str:
    path = f"reports/{report.id}.html"
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def date_parts(report: Report) -> list[int]:
    return report.date.parts if report.date else []


def plain_citation(report: Report, compilation: str, site_url: str | None) -> str:
    author = report.outlet or "Unknown outlet"
    parts = date_parts(report)
    day = dt.date(*(parts + [1] * (3 - len(parts)))) if parts else None
    date = {3: f"{day.day} {day:%B %Y}", 2: f"{day:%B %Y}", 1: f"{day:%Y}"}[len(parts)] if day else "n.d."
    place = f", {report.place}" if report.place else ""
    return (f"{author}. “{report.title}.” {date}{place}. In “{compilation}”, lines {report.first_line}–"
            f"{report.last_line}. {ARCHIVE_NAME}, {permalink(report, site_url)}.")


def bibtex(report: Report, compilation: str, site_url: str | None) -> str:
    def value(text: str) -> str:
        return BIBTEX_SPECIAL.sub(r"\\\1", text)

    fields = [("title", f"{{{value(report.title)}}}")]
    if report.outlet:
        fields.append(("author", f"{{{{{value(report.outlet)}}}}}"))
    parts = date_parts(report)
    if parts:
        fields.append(("year", str(parts[0])))
    if len(parts) > 1:
        fields.append(("month", MONTHS_BIBTEX[parts[1] - 1]))
    if len(parts) > 2:
        fields.append(("day", str(parts[2])))
    if report.place:
        fields.append(("address", f"{{{value(report.place)}}}"))
    fields.append(("howpublished", f"{{{value(ARCHIVE_NAME)}}}"))
    fields.append(("note", f"{{Cut from {value(compilation)}, lines {report.first_line}--{report.last_line}}}"))
    fields.append(("url", f"{{{permalink(report, site_url)}}}"))
    body = ",\n".join(f"  {name} = {text}" for name, text in fields)
    return f"@misc{{{report.id},\n{body}\n}}"


def csl_json(report: Report, compilation: str, site_url: str | None) -> str:
    """CSL-JSON (the format of Zotero and citeproc) for one report, as a one-item list."""
    item: dict[str, object] = {
        "id": report.id,
        "type": "article" if report.outlet else "manuscript",
        "title": report.title,
        "container-title": compilation,
        "publisher": ARCHIVE_NAME,
        "URL": permalink(report, site_url),
        "note": f"Lines {report.first_line}–{report.last_line} of {report.source.path.name}",
    }
    if report.outlet:
        item["author"] = [{"literal": report.outlet}]
    if report.place:
        item["publisher-place"] = report.place
    if date_parts(report):
        item["issued"] = {"date-parts": [date_parts(report)]}
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def fenced(text: str, language: str) -> str:
    """A fenced code block whose fence is longer than any run of backticks in the text."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text}\n{fence}\n"


def citation_block(report: Report, compilation: str, site_url: str | None) -> str:
    """The "Cite this" section of a report page; Material adds a copy button to each block."""
    return (
        "## Cite this\n\n"
        f"Permanent link: [{permalink(report, site_url)}]({report.id}.md) · "
        f"[CSL-JSON for reference managers]({report.id}.json)\n\n"
        + fenced(plain_citation(report, compilation, site_url), "text")
        + "\n"
        + fenced(bibtex(report, compilation, site_url), "bibtex")
    )


def atom_feed(reports: list[Report], site_url: str | None, updated: dt.date | None) -> str:
    """An Atom feed of dated reports, newest first. Ids are tag: URIs, valid wherever the site is hosted."""
    dated = sorted((r for r in reports if date_parts(r)), key=lambda r: (date_parts(r), r.id), reverse=True)

    def stamp(report: Report) -> str:
        parts = date_parts(report) + [1] * (3 - len(date_parts(report)))
        return f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}T00:00:00Z"

    newest = stamp(dated[0]) if dated else f"{(updated or dt.date(1970, 1, 1)).isoformat()}T00:00:00Z"
    base = f" xml:base={quoteattr(site_url.rstrip('/') + '/')}" if site_url else ""
    entries = []
    for report in dated:
        summary = " ".join(p.block.text for p in report.passages[:1])[:400]
        authors = f"<author><name>{xml_text(report.outlet)}</name></author>" if report.outlet else ""
        entries.append(
            "  <entry>\n"
            f"    <id>tag:annotated-archive,2024:report:{report.id}</id>\n"
            f"    <title>{xml_text(report.title)}</title>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(f'reports/{report.id}.html')}/>\n"
            f"    <updated>{stamp(report)}</updated>\n"
            f"    {authors}\n"
            f"    <summary>{xml_text(summary)}</summary>\n"
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"{base}>\n'
        f"  <id>tag:annotated-archive,2024:feed</id>\n"
        f"  <title>{xml_text(ARCHIVE_NAME)}: reports</title>\n"
        f"  <author><name>{xml_text(ARCHIVE_NAME)}</name></author>\n"
        '  <link rel="self" href="feed.xml"/>\n'
        '  <link rel="alternate" type="text/html" href="reports/index.html"/>\n'
        f"  <updated>{newest}</updated>\n"
        + "".join(entries)
        + "</feed>\n"
    )
