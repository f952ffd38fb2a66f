"""A report's page: front matter, provenance, passages with their notes and parallels, "Cite this". Pure.

Passages are raw HTML blocks (one per paragraph or heading, one per run of list items), so the
source's words are never read as Markdown; the facts under the title are Markdown, so MkDocs
checks their links.
"""

from __future__ import annotations

from collections import defaultdict

from generator.addresses import (
    TOPICS,
    annotations_file,
    compilation_page,
    display_path,
    original_copy,
    outlet_page,
    person_page,
    sidecar_of,
    topic_anchor,
)
from generator.annotations import Annotation
from generator.models import Passage, Report
from generator.registry import Term
from generator.render.catalogue import Catalogue, report_topics
from generator.render.citations import citation_block
from generator.render.links import PassageLink
from generator.render.markup import (
    GENERATED_NOTE,
    date_text,
    front_matter,
    html_href,
    html_text,
    md_text,
    page_heading,
    relative,
    url_html,
)
from generator.render.notes import inline_html, note_popover
from generator.text import plural


def report_front_matter(report: Report, catalogue: Catalogue) -> dict[str, object]:
    return {
        "id": report.id,
        "title": report.title,
        "date": report.date.first_day if report.date and report.date.precision == "day" else (
            report.date.iso if report.date else None),
        "date_precision": report.date.precision if report.date else None,
        "date_source": report.origins.date,
        "outlet": report.outlet,
        "place": report.place,
        "speakers": list(report.speakers),
        "mentions": list(report.mentions),
        "tags": (catalogue.topics[report.id] if report.id in catalogue.topics
                 else report_topics(report, catalogue.registry)),
        "url": report.url,
        "source": {
            "path": display_path(report.source.path),
            "lines": [report.first_line, report.last_line],
            "sha256": report.source.sha256,
        },
        "title_from_source": report.title_from_source,
        **({"credits": list(report.credits)} if report.credits else {}),
    }


def render_report(report: Report, catalogue: Catalogue) -> str:
    page = report.page_path
    source_file = display_path(report.source.path)
    sidecar = sidecar_of(source_file)
    parts = [
        front_matter(report_front_matter(report, catalogue), [
            GENERATED_NOTE,
            f"Cut from {source_file}, lines {report.first_line}-{report.last_line}.",
            f"To correct it, edit that source, its sidecar {sidecar}, {display_path('people.yml')} or outlets.yml;",
            f"to annotate it, {display_path(annotations_file(report.id))}.",
        ]),
        page_heading(md_text(report.title)),
        "\n" + report_facts(report, page, catalogue) + "\n",
    ]
    notes = catalogue.annotations.get(report.id, [])
    parts.extend("\n" + chunk + "\n" for chunk in passage_html(report, notes, catalogue))
    parts.append(shared_with(report, catalogue))
    parts.append("\n" + citation_block(report, catalogue.compilation_title(report.source.name), catalogue.site_url))
    return "".join(parts)


def shared_with(report: Report, catalogue: Catalogue) -> str:
    """The other reports this one shares passages with, each with its side-by-side page."""
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for passage in report.passages:
        for link in catalogue.links.get((report.id, passage.anchor), []):
            counts[(link.page, link.other_title, link.compare_page)] += 1
    if not counts:
        return ""
    lines = [f"- [{md_text(title)}]({relative(report.page_path, page)}): {plural(count, 'shared passage')}"
             f" · [side by side]({relative(report.page_path, compare)})"
             for (page, title, compare), count in sorted(counts.items())]
    return "\n## Shared with other reports\n\n" + "\n".join(lines) + "\n\n"


def report_facts(report: Report, page: str, catalogue: Catalogue) -> str:
    """Provenance under the title, in Markdown so MkDocs checks its links."""
    source_page = relative(page, compilation_page(report.source.name))
    original = relative(page, original_copy(report.source.name))
    outlet = f"[{md_text(report.outlet)}]({relative(page, outlet_page(report.outlet))})" if report.outlet else "unknown"
    facts = [
        f"**Outlet:** {outlet}",
        f"**Date:** {md_text(date_text(report.date))}",
        f"**Place:** {md_text(report.place) if report.place else 'unknown'}",
    ]
    lines = [" · ".join(facts)]
    if report.speakers:
        lines.append("**Speakers:** " + ", ".join(f"[{md_text(s)}]({relative(page, person_page(s))})"
                                                  for s in report.speakers))
    if report.mentions:
        lines.append("**Also named:** " + ", ".join(f"[{md_text(s)}]({relative(page, person_page(s))})"
                                                    for s in report.mentions))
    topics = catalogue.topics[report.id] if report.id in catalogue.topics else report_topics(report, catalogue.registry)
    if topics:
        listing = relative(page, TOPICS)
        lines.append("**Topics:** " + ", ".join(f"[{md_text(t)}]({listing}#{topic_anchor(t)})" for t in topics))
    lines.append(
        f"**Source:** [{md_text(catalogue.compilation_title(report.source.name))}]({source_page}), "
        f"lines {report.first_line}–{report.last_line} · [original text (.gz)]({original})"
    )
    if report.url:
        lines.append(f"**Original address:** {url_html(report.url)}")
    if not report.title_from_source:
        lines.append("*The source gives this report no title; the title above is its opening words.*")
    return '<div class="report-facts" markdown>\n\n' + "  \n".join(lines) + "\n\n</div>"


def passage_html(report: Report, notes: list[Annotation], catalogue: Catalogue) -> list[str]:
    """One raw HTML chunk per paragraph or heading, one per run of list items, each followed by its notes.

    A passage's ¶ link to itself is not written here but by the page's script (assets/archive-page.js)
    from its id: half a kilobyte a report, the same on every passage."""
    chunks: list[str] = []
    items: list[str] = []
    trailing: list[str] = []
    previous_speaker: str | None = None
    glossary = catalogue.registry.glossary
    for passage in report.passages:
        block = passage.block
        own_notes = [n for n in notes if n.anchor == passage.anchor]
        links = catalogue.links.get((report.id, passage.anchor), [])
        speaker = speaker_mark(passage, previous_speaker)
        previous_speaker = passage.speaker
        if block.kind == "list_item":
            items.append(f'<li id="{passage.anchor}" class="passage"{speaker_attr(passage)}>{speaker}'
                         f"{inline_html(block.text, own_notes, glossary, 0)}"
                         f"{parallel_links(report.page_path, links)}</li>")
            trailing.extend(note_popover(n) for n in own_notes)
            continue
        if items:
            chunks.append('<ul class="passages">\n' + "\n".join(items) + "\n</ul>" + "".join(trailing))
            items, trailing = [], []
        popovers = "".join(note_popover(n) for n in own_notes)
        if block.kind == "heading":
            chunks.append(f'<h2 id="{passage.anchor}" class="passage">{inline_html(block.text, own_notes, glossary, 0)}'
                          f"</h2>{parallel_block(report.page_path, links)}{popovers}")
            continue
        css = "passage"
        if block.label_end:
            css, speaker, end = "passage turn", "", block.label_end
            body = (f'<strong class="speaker-label">{html_text(block.text[:end].rstrip())}</strong> '
                    f"{inline_html(block.text[end:], own_notes, glossary, end)}")
        else:
            body = sentence_html(passage, own_notes, glossary)
        chunks.append(f'<p id="{passage.anchor}" class="{css}"{speaker_attr(passage)}>{speaker}{body}'
                      "</p>" + parallel_block(report.page_path, links) + popovers)
    if items:
        chunks.append('<ul class="passages">\n' + "\n".join(items) + "\n</ul>" + "".join(trailing))
    return chunks


def sentence_html(passage: Passage, notes: list[Annotation], glossary: dict[str, Term]) -> str:
    """A passage whose sentences have several speakers: each sentence in a span that names its speaker.

    A note that crosses from one sentence into the next keeps the passage whole (its mark needs one run).
    """
    text, sentences = passage.block.text, passage.sentences
    crossing = any(s.start < n.start < s.end < n.end for s in sentences for n in notes)
    if not sentences or crossing:
        return inline_html(text, notes, glossary, 0)
    out, position = [], 0
    for sentence in sentences:
        out.append(html_text(text[position:sentence.start]))
        inner = inline_html(text[sentence.start:sentence.end], notes, glossary, sentence.start)
        speaker = f' data-speaker="{html_text(sentence.speaker)}"' if sentence.speaker else ""
        out.append(f'<span class="sentence"{speaker}>{inner}</span>')
        position = sentence.end
    out.append(html_text(text[position:]))
    return "".join(out)


def speaker_mark(passage: Passage, previous: str | None) -> str:
    """The speaker's name, small, where the speaker changes; a turn's own label already says it."""
    if not passage.speaker or passage.speaker == previous or passage.block.speaker_label:
        return ""
    return f'<span class="passage-speaker">{html_text(passage.speaker)}</span> '


def speaker_attr(passage: Passage) -> str:
    """The passage's speaker; a passage attributed sentence by sentence names them on its sentences instead."""
    return f' data-speaker="{html_text(passage.speaker)}"' if passage.speaker and not passage.sentences else ""


def parallel_links(page: str, links: list[PassageLink]) -> str:
    """Links to a passage's twins, inside a list item."""
    if not links:
        return ""
    return ' <span class="parallels">' + " ".join(parallel_anchor(page, link) for link in links) + "</span>"


def parallel_block(page: str, links: list[PassageLink]) -> str:
    """Links to a paragraph's twins, in an element right after it."""
    if not links:
        return ""
    return ('<div class="parallels">Also in: ' + " · ".join(parallel_anchor(page, link) for link in links)
            + "</div>")


def parallel_anchor(page: str, link: PassageLink) -> str:
    """The twin, named by outlet, title and kind of match; how much of it aligns is on the compare page."""
    return (f'<a class="parallel" href="{html_href(page, link.page)}#{link.anchor}">'
            f"{html_text(link.label)}</a> "
            f'<a class="parallel-compare" href="{html_href(page, link.compare_page)}#{link.compare_anchor}">'
            "compare</a>")
