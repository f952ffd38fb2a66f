"""A compilation's page (what was cut from one source, and what was left out) and the list of compilations.

Pure text. Nothing of a source is lost silently: its compiler's notes and every dropped block
are shown here, each with its line.
"""

from __future__ import annotations

from generator.addresses import COMPILATION_INDEX, compilation_page, display_path, original_copy
from generator.models import Report, SplitSource
from generator.render.catalogue import Catalogue, compilation_title
from generator.render.listing import report_table
from generator.render.markup import (
    GENERATED_NOTE,
    date_text,
    front_matter,
    html_text,
    md_text,
    page_heading,
    relative,
    url_html,
)
from generator.text import plural


def render_compilation(split: SplitSource, reports: list[Report], catalogue: Catalogue) -> str:
    page = compilation_page(split.source.name)
    source_file = display_path(split.source.path)
    meta, read = split.sidecar.meta, split.source.meta
    published = meta.published or read.published
    fields: dict[str, object] = {
        "title": compilation_title(split),
        "source": source_file,
        "sha256": split.source.sha256,
        "url": meta.url or read.url,
        "publisher": meta.publisher or read.publisher,
        "published": published,
        "language": meta.language or read.language,
        "reports": [r.id for r in reports],
    }
    out = [front_matter(fields, [GENERATED_NOTE, f"Describes {source_file}; correct it in its sidecar."]),
           page_heading(md_text(compilation_title(split)))]
    if split.sidecar.description:
        out.append(f"\n{md_text(split.sidecar.description)}\n")
    original = relative(page, original_copy(split.source.name))
    kind = "a saved web page, as text" if split.source.path.suffix.lower() != ".txt" else "its text"
    out.append(f"\n**Original file:** `{source_file}`, kept unchanged in the repository (SHA-256 "
               f"`{split.source.sha256}`); [{md_text(split.source.path.name)}.gz]({original}) to download: {kind}, "
               "UTF-8, gzip-compressed, with the line numbers the reports cite")
    if fields["publisher"]:
        out.append(f"  \n**Publisher:** {md_text(str(fields['publisher']))}")
    if published:
        out.append(f"  \n**Published:** {md_text(date_text(published))}")
    if fields["url"]:
        out.append(f"  \n**Address:** {url_html(str(fields['url']))}")
    out.append(f"\n\n## Reports cut from this source\n\n{plural(len(reports), 'report')}, "
               "in the order they stand in the file.\n\n")
    out.append(report_table(reports, page, with_lines=True))
    if split.notes:
        out.append("\n## Compiler's note\n\n")
        out.extend(f'<blockquote class="compiler-note" data-line="{b.line}"><p>{html_text(b.text)}</p></blockquote>\n\n'
                   for b in split.notes)
    if split.dropped:
        out.append("\n## Left out as site boilerplate\n\nThese lines of the file are not part of any report.\n\n")
        out.append('<ul class="dropped">\n')
        out.extend(f'<li data-line="{d.block.line}">line {d.block.line} ({html_text(d.reason)}): '
                   f"<q>{html_text(d.block.text)}</q></li>\n" for d in split.dropped)
        out.append("</ul>\n")
    return "".join(out)


def render_compilation_index(splits: list[SplitSource], reports_by_source: dict[str, list[Report]]) -> str:
    return compilation_index_head() + compilation_table(splits, reports_by_source, COMPILATION_INDEX)


def compilation_index_head() -> str:
    return (front_matter({"title": "Compilations"}, [GENERATED_NOTE]) +
            "\n# Compilations\n\nThe source files the archive was built from, each kept unchanged. "
            "A compilation may hold an editor's article and the reports it draws on.\n\n")


def compilation_table(splits: list[SplitSource], reports_by_source: dict[str, list[Report]], page: str) -> str:
    """A row per compilation, on the page `page`."""
    rows = ["| Compilation | File | Reports |", "|---|---|---|"]
    for split in splits:
        name = split.source.name
        rows.append(f"| [{md_text(compilation_title(split))}]({relative(page, compilation_page(name))}) | "
                    f"[{md_text(split.source.path.name)} (.gz)]"
                    f"({relative(page, original_copy(name))}) | "
                    f"{len(reports_by_source[name])} |")
    return "\n".join(rows) + "\n"
