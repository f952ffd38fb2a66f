"""The archive as data: `data/` with reports, passages, parallels, people and outlets, and a
Frictionless Data Package (`datapackage.json`) that describes every field.

Pure functions from the finished records to file contents; the writer writes them with every
other generated file and MkDocs copies them into `site/data/`. The tables (reports, passages,
parallels) ship gzip-compressed, as the Data Package declares (`"compression": "gz"`): the text
stands in both reports and passages, and compressed the data costs a fifth of what it did.
The report and passage tables are gzip files of several members, one a run of reports (see
`gzipped_runs`), each kept from the last build when its reports did not change.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import operator
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

from generator.addresses import (
    DATA_PAGE,
    DOCS_DIR,
    REPORTS,
    data_file,
    html_path,
    outlet_page,
    person_page,
)
from generator.cache import PageMemo
from generator.models import Report
from generator.parallels import Parallel
from generator.pieces import runs
from generator.render.catalogue import Catalogue
from generator.render.markup import GENERATED_NOTE, front_matter, md_text
from generator.render.report import report_front_matter
from generator.render.site import report_key
from generator.reuse import ReportPair

Field = tuple[str, str, str]
"""(name, Table Schema type, description)."""

REPORT_FIELDS: list[Field] = [
    ("id", "string", f"The report's id; its page is {REPORTS}/<id>.html"),
    ("title", "string", "Title, from the source's title line or made from its opening words"),
    ("date", "string", "Publication date: YYYY-MM-DD, YYYY-MM or YYYY (see date_precision); null when unknown"),
    ("date_precision", "string", "day, month or year; null when the date is unknown"),
    ("date_source", "string", "Where the date came from (sidecar, dateline, title, ...); null when unknown"),
    ("outlet", "string", "Canonical name of the outlet that published it (outlets.json); null when unknown"),
    ("place", "string", "Place of the dateline; null when none"),
    ("speakers", "array", "Canonical names of the people whose own words the report carries"),
    ("mentions", "array", "Canonical names of other people the report names"),
    ("tags", "array", "Topics whose keywords stand in the report"),
    ("url", "string", "Where the report was first published, when known"),
    ("source", "object", "The compilation it was cut from: {path, lines: [first, last], sha256}"),
    ("title_from_source", "boolean", "False when the source had no title line and the title was made"),
    ("credits", "array", "The report's byline, credit, timestamp and caption lines, as the source writes them"),
    ("page", "string", "The report's page, relative to the site's root"),
    ("text", "string", "The report's text: its passages in order, separated by blank lines"),
]
PASSAGE_FIELDS: list[Field] = [
    ("id", "string", "<report id>#<anchor>: unique in the archive"),
    ("report", "string", "Id of the report the passage stands in"),
    ("anchor", "string", "The passage's anchor on the report page (stable: derived from its own words)"),
    ("kind", "string", "paragraph, list_item or heading"),
    ("speaker", "string", "Canonical name of the person whose words these are, or a role; null when none"),
    ("text", "string", "The passage's text"),
]
PARALLEL_FIELDS: list[Field] = [
    ("a_passage", "string", "The first passage (<report id>#<anchor>): the one with the smaller report id"),
    ("a_report", "string", "Id of the first passage's report"),
    ("a_start", "integer", "Where the shared text starts in the first passage (characters)"),
    ("a_end", "integer", "Where the shared text ends in the first passage (characters)"),
    ("b_passage", "string", "The second passage (<report id>#<anchor>)"),
    ("b_report", "string", "Id of the second passage's report"),
    ("b_start", "integer", "Where the shared text starts in the second passage (characters)"),
    ("b_end", "integer", "Where the shared text ends in the second passage (characters)"),
    ("kind", "string", "verbatim, near-verbatim or partial"),
    ("similarity", "number", "Share of aligned words in the matched regions, 0 to 1"),
    ("changed_words", "integer", "Words inserted, deleted or replaced inside the matched region"),
    ("partial_side", "string", "For a partial match, which passage (a, b or both) is only partly covered"),
    ("compare_page", "string", "The side-by-side compare page, relative to the site's root"),
]
PERSON_FIELDS: list[Field] = [
    ("name", "string", "Canonical name (content/people.yml)"),
    ("role", "string", "Role or office, when the registry gives one"),
    ("aliases", "array", "Every other spelling the sources use"),
    ("page", "string", "The person's page, relative to the site's root"),
    ("speaker_in", "integer", "Reports that carry this person's own words"),
    ("mentioned_in", "integer", "Reports that name this person without quoting them"),
]
OUTLET_FIELDS: list[Field] = [
    ("name", "string", "Canonical name (content/outlets.yml)"),
    ("kind", "string", "What kind of outlet it is (news agency, ministry, ...), when known"),
    ("url", "string", "The outlet's address, when known"),
    ("aliases", "array", "Every other spelling the sources use"),
    ("page", "string", "The outlet's page, relative to the site's root"),
    ("reports", "integer", "Reports of the archive it published"),
]
REQUIRED = {"id", "title", "report", "anchor", "kind", "text", "name", "page", "a_passage", "b_passage"}


def jsonl(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n" for row in rows)


def report_rows(reports: list[Report], catalogue: Catalogue) -> list[dict[str, object]]:
    rows = []
    for report in sorted(reports, key=lambda r: r.id):
        front = report_front_matter(report, catalogue)
        front["date"] = str(front["date"]) if front["date"] is not None else None
        row = {name: front.get(name) for name, _type, _description in REPORT_FIELDS}
        row["credits"] = front.get("credits", [])
        row["page"] = html_path(report.page_path)
        row["text"] = "\n\n".join(p.block.text for p in report.passages)
        rows.append(row)
    return rows


def passage_rows(reports: list[Report]) -> list[dict[str, object]]:
    return [{"id": f"{r.id}#{p.anchor}", "report": r.id, "anchor": p.anchor, "kind": p.block.kind,
             "speaker": p.speaker, "text": p.block.text}
            for r in sorted(reports, key=lambda r: r.id) for p in r.passages]


def parallel_row(parallel: Parallel, compare_page: str) -> dict[str, object]:
    a, b = parallel.a, parallel.b
    return {"a_passage": f"{a.report_id}#{a.anchor}", "a_report": a.report_id, "a_start": a.start, "a_end": a.end,
            "b_passage": f"{b.report_id}#{b.anchor}", "b_report": b.report_id, "b_start": b.start, "b_end": b.end,
            "kind": parallel.kind, "similarity": parallel.similarity, "changed_words": parallel.changed_words,
            "partial_side": parallel.partial_side, "compare_page": html_path(compare_page)}


def parallel_rows(pairs: list[ReportPair]) -> list[dict[str, object]]:
    rows = [parallel_row(parallel, pair.page) for pair in pairs for parallel in pair.parallels]
    return sorted(rows, key=lambda row: (str(row["a_passage"]), str(row["b_passage"]), int(str(row["a_start"]))))


def csv_text(rows: list[dict[str, object]], fields: list[Field]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(name for name, _type, _description in fields)
    for row in rows:
        writer.writerow("" if row[name] is None else row[name] for name, _type, _description in fields)
    return out.getvalue()


def people_rows(catalogue: Catalogue) -> list[dict[str, object]]:
    mentioned = Counter(name for r in catalogue.reports for name in set(r.mentions))
    return [{"name": person.name, "role": person.role, "aliases": sorted(set(person.aliases) - {person.name}),
             "page": html_path(person_page(person.name)), "speaker_in": len(catalogue.by_speaker.get(name, [])),
             "mentioned_in": mentioned[name]}
            for name, person in sorted(catalogue.registry.people.items())]


def outlet_rows(catalogue: Catalogue) -> list[dict[str, object]]:
    return [{"name": outlet.name, "kind": outlet.kind, "url": outlet.url,
             "aliases": sorted(set(outlet.aliases) - {outlet.name}), "page": html_path(outlet_page(outlet.name)),
             "reports": len(catalogue.by_outlet.get(name, []))}
            for name, outlet in sorted(catalogue.registry.outlets.items())]


def json_text(rows: list[dict[str, object]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


RESOURCES: list[tuple[str, str, str, str, list[Field], str]] = [
    ("reports", "reports.jsonl.gz", "jsonl", "application/jsonl", REPORT_FIELDS,
     "One report a line: its front matter and its text"),
    ("passages", "passages.jsonl.gz", "jsonl", "application/jsonl", PASSAGE_FIELDS,
     "One passage (paragraph, list item or speaker turn) a line, with its anchor and speaker"),
    ("parallels", "parallels.csv.gz", "csv", "text/csv", PARALLEL_FIELDS,
     "Passages that stand in two reports, one row a pair of passages"),
    ("parallels-jsonl", "parallels.jsonl.gz", "jsonl", "application/jsonl", PARALLEL_FIELDS,
     "The same parallels as parallels.csv.gz, one JSON object a line"),
    ("people", "people.json", "json", "application/json", PERSON_FIELDS,
     "The people of the registry, with how many reports quote or name them"),
    ("outlets", "outlets.json", "json", "application/json", OUTLET_FIELDS,
     "The outlets of the registry, with how many reports of the archive each published"),
]


def datapackage(site_url: str | None) -> dict[str, object]:
    """The Frictionless Data Package descriptor: every resource and every field, typed and described."""
    resources = []
    for name, path, file_format, mediatype, fields, description in RESOURCES:
        resources.append({
            "name": name, "path": path, "profile": "tabular-data-resource", "format": file_format,
            "mediatype": mediatype, "encoding": "utf-8", "description": description,
            **({"compression": "gz"} if path.endswith(".gz") else {}),
            "schema": {
                "fields": [{"name": field, "type": kind, "description": text,
                            **({"constraints": {"required": True}} if field in REQUIRED else {})}
                           for field, kind, text in fields],
                "missingValues": [""],
                **({"primaryKey": ["id"]} if name in ("reports", "passages") else {}),
            },
        })
    package: dict[str, object] = {
        "profile": "tabular-data-package",
        "name": "annotated-archive",
        "title": "Annotated archive of diplomatic reporting",
        "description": "Reports cut from compilations of news reports and official transcripts, their passages, "
                       "the passages they share, and the people and outlets they name.",
        "resources": resources,
    }
    if site_url:
        package["homepage"] = site_url
    return package


def gzipped(text: str) -> bytes:
    """Deterministic gzip: modification time 0 and no file name in the header."""
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


PIECE_EVERY = 64
"""A member of a compressed table ends after a report whose id hashes to 0 modulo this (see
`generator.pieces.runs`): about that many reports a member."""


def gzipped_runs(reports: list[Report], rows: Callable[[list[Report]], list[dict[str, object]]],
                 memo: PageMemo, inputs: Callable[[list[Report]], tuple[object, ...]]) -> bytes:
    """The rows of `reports` (by id) as JSON lines in a gzip file of several members, one a run of
    reports (RFC 1952 allows it; `gzip`, `zcat` and `frictionless` read them as one). A member goes
    through `memo` with `inputs` of its run: adding a report makes again the member it falls into."""
    ordered = sorted(reports, key=operator.attrgetter("id"))
    return b"".join(memo.value(inputs(run), partial(gzipped_rows, rows, run))
                    for run in runs(ordered, operator.attrgetter("id"), PIECE_EVERY))


def gzipped_rows(rows: Callable[[list[Report]], list[dict[str, object]]], run: list[Report]) -> bytes:
    return gzipped(jsonl(rows(run)))


def build_dataset(catalogue: Catalogue, pairs: list[ReportPair], memo: PageMemo | None = None,
                  source_keys: dict[str, str] | None = None) -> dict[str, str | bytes]:
    """Every file of `data/`, by docs-relative path. With `memo` (the build's `PageMemo`) and the
    cache keys of the sources, a rebuild compresses again only the members whose reports changed."""
    memo = memo or PageMemo(None, Path())
    made_of = partial(report_key, source_keys or {})

    def inputs(table: str) -> Callable[[list[Report]], tuple[object, ...]]:
        return lambda run: (table, tuple(made_of(report) for report in run))

    parallels = parallel_rows(pairs)
    return {
        data_file("reports.jsonl.gz"): gzipped_runs(catalogue.reports, partial(report_rows, catalogue=catalogue),
                                                    memo, inputs("data reports")),
        data_file("passages.jsonl.gz"): gzipped_runs(catalogue.reports, passage_rows, memo, inputs("data passages")),
        data_file("parallels.csv.gz"): gzipped(csv_text(parallels, PARALLEL_FIELDS)),
        data_file("parallels.jsonl.gz"): gzipped(jsonl(parallels)),
        data_file("people.json"): json_text(people_rows(catalogue)),
        data_file("outlets.json"): json_text(outlet_rows(catalogue)),
        data_file("datapackage.json"): json.dumps(datapackage(catalogue.site_url), ensure_ascii=False,
                                                   indent=1) + "\n",
        DATA_PAGE: render_data_page(catalogue, len(parallels)),
    }


def render_data_page(catalogue: Catalogue, parallels: int) -> str:
    passages = sum(len(r.passages) for r in catalogue.reports)
    counts = {"reports": len(catalogue.reports), "passages": passages, "parallels": parallels,
              "parallels-jsonl": parallels, "people": len(catalogue.registry.people),
              "outlets": len(catalogue.registry.outlets)}
    rows = ["| File | What it holds | Records |", "|---|---|---|"]
    for name, path, _format, _mediatype, _fields, description in RESOURCES:
        rows.append(f"| [{path}]({data_file(path)}) | {md_text(description)} | {counts[name]} |")
    fields = []
    for name, path, _format, _mediatype, resource_fields, _description in RESOURCES:
        if name == "parallels-jsonl":
            continue
        fields.append(f"\n### {path}\n")
        fields.extend(f"- `{field}` ({kind}): {md_text(text)}" for field, kind, text in resource_fields)
    return (front_matter({"title": "Data"}, [GENERATED_NOTE]) +
            "\n# The archive as data\n\n"
            "Everything the archive knows, as files to download and reuse. They are rebuilt with the site from "
            f"the sources in `{DOCS_DIR}/sources/`, so they always match the pages. "
            f"[datapackage.json]({data_file('datapackage.json')}) describes every file and field as a "
            "[Frictionless Data Package](https://specs.frictionlessdata.io/data-package/), which tools such as "
            "`frictionless validate` read. The tables are gzip-compressed (`.gz`): `gunzip` them, or read them "
            "as they are with `zcat`, Python's `gzip` module, pandas or `frictionless`.\n\n"
            + "\n".join(rows) + "\n\n## Fields\n" + "\n".join(fields) + "\n")
