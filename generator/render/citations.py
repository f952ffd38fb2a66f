"""Citations of a report: a plain-text reference, BibTeX and CSL-JSON. Pure text.

Without a `site_url` (the `SITE_URL` environment variable at build time) the permanent link is
the report's path inside the archive (`reports/<id>.html`), valid wherever the site is published.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from generator.addresses import html_path, report_csl, report_page
from generator.models import Report
from generator.render.markup import outlet_or_unknown, relative

ARCHIVE_NAME = "Annotated Diplomatic Archive"
BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
MONTHS_BIBTEX = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def permalink(report: Report, site_url: str | None) -> str:
    path = html_path(report_page(report.id))
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def date_parts(report: Report) -> list[int]:
    return report.date.parts if report.date else []


def plain_citation(report: Report, compilation: str, site_url: str | None) -> str:
    author = outlet_or_unknown(report.outlet)
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
    # one field a line: readable in a diff of content/, without the indentation's 30% more bytes
    fields = [json.dumps(name, ensure_ascii=False) + ":" + json.dumps(value, ensure_ascii=False, separators=(",", ":"))
              for name, value in sorted(item.items())]
    return "[{\n" + ",\n".join(fields) + "\n}]\n"


def fenced(text: str, language: str) -> str:
    """A fenced code block whose fence is longer than any run of backticks in the text."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text}\n{fence}\n"


def citation_block(report: Report, compilation: str, site_url: str | None) -> str:
    """The "Cite this" section of a report page; Material adds a copy button to each block."""
    page = report.page_path
    return (
        "## Cite this\n\n"
        f"Permanent link: [{permalink(report, site_url)}]({relative(page, page)}) · "
        f"[CSL-JSON for reference managers]({relative(page, report_csl(report.id))})\n\n"
        + fenced(plain_citation(report, compilation, site_url), "text")
        + "\n"
        + fenced(bibtex(report, compilation, site_url), "bibtex")
    )
