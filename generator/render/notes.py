"""Inline markup inside a passage: contributors' notes as popovers, glossary abbreviations on hover.

A note's Markdown body is rendered with raw HTML escaped, links only to web addresses or pages
of the site, and images replaced by their alt text.
"""

from __future__ import annotations

import html
import re

import markdown
from bs4 import BeautifulSoup

from generator.annotations import Annotation
from generator.registry import Term, longest_first
from generator.render.markup import escape_braces, html_text, safe_url

AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^\s<>]+)>")
RELATIVE_URL = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?![/\\]{2})[^\s<>\"'`\x00-\x1f]*$")
"""A link within the site: no scheme at all (`javascript:`, `data:` … are schemes), and not `//host/…`
(browsers read `\\` as `/` there), which is another host."""


def inline_html(text: str, notes: list[Annotation], glossary: dict[str, Term], offset: int) -> str:
    """Escaped text with annotated words marked and glossary abbreviations expanded on hover.

    `offset` is where `text` starts in the passage's full text, which the notes' offsets refer to.
    """
    out, position = [], 0
    for note in notes:
        start, end = note.start - offset, note.end - offset
        if start < position or end > len(text):
            continue
        out.append(with_abbreviations(text[position:start], glossary))
        out.append(f'<mark class="annotated" id="{note_id(note)}-text">{html_text(text[start:end])}</mark>'
                   f'<button type="button" class="annotation-marker" popovertarget="{note_id(note)}" '
                   f'aria-label="Annotation {note.number}" title="Annotation {note.number}">{note.number}</button>')
        position = end
    out.append(with_abbreviations(text[position:], glossary))
    return "".join(out)


def with_abbreviations(text: str, glossary: dict[str, Term]) -> str:
    if not glossary:
        return html_text(text)
    pattern = re.compile(rf"(?<![\w-])({longest_first(frozenset(glossary))})(?![\w-])")
    out, position = [], 0
    for match in pattern.finditer(text):
        term = glossary[match.group(1)]
        out.append(html_text(text[position:match.start()]))
        out.append(f'<abbr title="{html_text(term.expansion)}">{html_text(match.group(1))}</abbr>')
        position = match.end()
    out.append(html_text(text[position:]))
    return "".join(out)


def note_id(note: Annotation) -> str:
    return f"note-{note.anchor}-{note.number}"


def note_popover(note: Annotation) -> str:
    """The note itself: a popover the marker opens, no script needed."""
    body = escape_braces(note_body_html(note.body)).replace("\n\n", "\n")
    when = f", {note.date.isoformat()}" if note.date else ""
    return (f'<div id="{note_id(note)}" popover class="annotation-note" role="note">'
            f'<div class="annotation-quote">“{html_text(note.quote)}”</div>{body}'
            f'<div class="annotation-meta">Annotation {note.number} by {html_text(note.author)}{when}</div></div>')


def note_body_html(body: str) -> str:
    """A contributor's Markdown note as HTML: raw HTML shown as text, links only to web addresses or pages.

    Images are replaced by their alt text: the site loads nothing from other hosts.
    """
    escaped = html.escape(AUTOLINK.sub(r"[\1](\1)", body), quote=False)
    rendered = BeautifulSoup(markdown.markdown(escaped, extensions=["sane_lists"], output_format="html"),
                             "html.parser")
    for code in rendered.find_all("code"):  # Markdown escapes code spans itself: undo the escaping above there
        code.string = html.unescape(code.get_text())
    for image in rendered.find_all("img"):
        image.replace_with(str(image.get("alt") or ""))
    for link in rendered.find_all("a"):
        href = str(link.get("href") or "")
        if not (safe_url(href) or RELATIVE_URL.match(href)):
            link.unwrap()
    return str(rendered)
