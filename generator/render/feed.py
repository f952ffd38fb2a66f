"""The Atom feed of the newest dated reports, newest first. Pure text.

Its ids are `tag:` URIs, so they do not depend on where the site is hosted.
"""

from __future__ import annotations

import datetime as dt
import re
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from generator.addresses import FEED, REPORT_INDEX, html_path, report_page
from generator.models import Report
from generator.render.citations import ARCHIVE_NAME, date_parts

ENTRIES = 50
"""Reports the feed holds, the newest: a reader fetches it again and again, and with every report in
it the file grew with the archive (and was written again whole by every build)."""
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot carry at all, even escaped: a form feed in a source would break the feed."""


def xml_text(text: str) -> str:
    return xml_escape(NOT_XML.sub(" ", text))


def atom_feed(reports: list[Report], site_url: str | None, updated: dt.date | None) -> str:
    """An Atom feed of the `ENTRIES` newest dated reports, newest first. Ids are tag: URIs, valid
    wherever the site is hosted."""
    dated = sorted((r for r in reports if date_parts(r)), key=lambda r: (date_parts(r), r.id), reverse=True)[:ENTRIES]

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
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(html_path(report_page(report.id)))}/>\n"
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
        f'  <link rel="self" href="{FEED}"/>\n'
        f'  <link rel="alternate" type="text/html" href="{html_path(REPORT_INDEX)}"/>\n'
        f"  <updated>{newest}</updated>\n"
        + "".join(entries)
        + "</feed>\n"
    )
