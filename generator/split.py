"""Where one report ends and the next begins, and what is not a report at all.

Rules, in the order they apply to each block of a source:

1. Site boilerplate (share and subscribe lines, comment forms) is dropped; a comment
   section's heading drops everything after it, since readers' comments are not reports.
2. A compiler's note ("The following articles were originally published by …") belongs
   to the source page and ends the report before it.
3. Credit lines (bylines, `Source: Xinhua`, timestamps, photo captions; see `datelines.credit_line`)
   belong to the report they stand in, as its metadata: never passages, never titles.
4. A dateline or provenance opener starts a report; a title-like line just before it
   (credit lines between them aside) is that report's title.
5. The first block of a source, and the first after a compiler's note, start a report.
6. The sidecar adds starts (`reports: - line: N`) and removes them (`joins: [N]`).

Every block ends up in exactly one report, in the notes, or in the dropped list.
"""

from __future__ import annotations

import re

from generator.datelines import credit_line, loose_credit, parse_opener
from generator.errors import Problem, Problems
from generator.models import Block, DroppedBlock, ReportDraft, ReportOverride, Sidecar, SourceDocument, SplitSource

COMMENT_SECTION = re.compile(
    r"^(?:leave a (?:reply|comment)|\d+ (?:comments?|responses?|replies)(?: to .*)?|comments?(?: \(\d+\))?"
    r"|post a comment|join the discussion|add (?:a )?comment|reader comments)\s*:?$",
    re.IGNORECASE,
)
BOILERPLATE = re.compile(
    r"^(?:share(?: this)?(?: article| post| page| story)?:?|share: .{1,80}|<…>|<\.\.\.>"
    r"|english|japanese|français|deutsch|español|русский|中文|日本語|한국어|العربية"
    r"|share on \w+|tweet|like this:?|like loading\.*"
    r"|(?:share this:?\s+)?click to share on .*|you can share this (?:story|article|post) on social media:?"
    r"|subscribe(?: to [\w ]+)?(?: [-–—|] .*)?[.!]?|sign up for [\w ]+newsletter.*"
    r"|related(?: posts| articles| stories)?:?"
    r"|click to (?:share|print|email) .*|print(?: this (?:page|article))?|email this|posted in .*|tagged:? .*"
    r"|filed under:? .*|follow us on .*|read more:?|(?:read|see) also: .{1,150}|also read: .{1,150}"
    r"|advertisement|skip to (?:main )?content|check against delivery!?|as prepared for delivery\.?"
    r"|(?:like|comment|repost|share|send|reply)(?:\s*[·•|]\s*(?:like|comment|repost|share|send|reply)){2,}"
    r"|unsubscribe(?:\s*[·•|]\s*.{1,40})?|view (?:this email )?in (?:your )?browser"
    r"|👁\s*[\d.,]+[KkMm]?(?:\s+edited)?(?:\s+\d{1,2}:\d{2})?"
    r"|your email address will not be published\..*|required fields are marked.*"
    r"|save my name, email, and website in this browser.*|post navigation|(?:previous|next) (?:post|article):?.*"
    r"|copyright ©.*|© \d{4}.*|all rights reserved\.?)$",
    re.IGNORECASE,
)
COMPILER_NOTE = re.compile(
    r"^(?:the following (?:articles?|reports?|texts?|pieces?|items?|transcripts?|statements?)\b"
    r"|(?:this|the above|these) (?:articles?|reports?|pieces?) (?:was|were|is|are) (?:originally |first )?"
    r"(?:published|reprinted|republished)"
    r"|(?:originally|first) published (?:by|in|on|at)\b|(?:reprinted|republished|reproduced) (?:from|with|by)\b"
    r"|editor[’']?s note\b|compiler[’']?s note\b)",
    re.IGNORECASE,
)
SENTENCE_END = ".!:;,…。；，"
"""A headline may end in a question mark ("Is a multipolar world order here?"), not in these."""


def is_title_like(block: Block) -> bool:
    """A headline: one short line that is not a sentence."""
    text = block.text.rstrip("”’\"' ")
    return (
        block.kind in ("paragraph", "heading")
        and (block.kind == "heading" or block.line == block.end_line)
        and block.speaker_label is None
        and 0 < len(text) <= 250
        and len(text.split()) <= 40
        and (text[0].isupper() or text[0].isdigit() or (text[0].isalpha() and not text[0].islower()))
        and text[-1] not in SENTENCE_END
        and parse_opener(block.text) is None
        and credit_line(block.text) is None
    )


def is_credit(block: Block) -> bool:
    """A byline, credit, timestamp or caption line: metadata of the report it stands in."""
    return block.kind == "caption" or (block.kind != "heading" and credit_line(block.text) is not None)


def credit_flags(blocks: tuple[Block, ...]) -> list[bool]:
    """Which blocks are credit lines; a bare name or place line (`Jan Gerber`, `GOA`) is one where it
    stands on the line next to another credit line, as bylines do under a headline."""
    flags = [is_credit(block) for block in blocks]
    for index, block in enumerate(blocks):
        if flags[index] or block.kind != "paragraph" or loose_credit(block.text) is None:
            continue
        before = index > 0 and flags[index - 1] and blocks[index - 1].end_line + 1 == block.line
        after = (0 < index < len(blocks) - 1 and flags[index + 1] and block.end_line + 1 == blocks[index + 1].line)
        sign_off = (index == len(blocks) - 1 and index >= 2  # `Xinhua` alone at the very end, after the text
                    and re.fullmatch(r"[A-Z][\w&'’-]{1,19}", block.text) is not None)
        flags[index] = bool(before or after or sign_off)
    return flags


def split_source(source: SourceDocument, sidecar: Sidecar, display: str,
                 sidecar_display: str, problems: Problems) -> SplitSource:
    """Cut one source into report drafts, notes and dropped boilerplate."""
    already = len(problems.items)
    blocks = source.blocks
    dropped: list[DroppedBlock] = []
    notes: list[Block] = []
    kept: list[Block] = []
    starts: set[int] = set()  # indexes into `kept` where a report starts
    credits: set[int] = set()  # indexes into `kept` of credit lines
    first_note_at: int | None = None  # index into `kept` where the first compiler's note stood
    start_after_note = True
    in_comments = False
    note_barrier = 0  # a block before a compiler's note cannot title a report after it

    credit_at = dict(zip(map(id, blocks), credit_flags(blocks), strict=True))
    for block in blocks:
        if in_comments:
            dropped.append(DroppedBlock(block, "comment section"))
            continue
        if COMMENT_SECTION.match(block.text):
            in_comments = True
            dropped.append(DroppedBlock(block, "comment section"))
            continue
        if BOILERPLATE.match(block.text):
            dropped.append(DroppedBlock(block, "site boilerplate"))
            continue
        if COMPILER_NOTE.match(block.text):
            notes.append(block)
            start_after_note = True
            note_barrier = len(kept)
            first_note_at = len(kept) if first_note_at is None else first_note_at
            continue
        if start_after_note:
            starts.add(len(kept))
            start_after_note = False
        if credit_at[id(block)]:
            credits.add(len(kept))
            previous = len(kept) - 1
            credit = credit_line(block.text)
            if (first_note_at is not None and previous > note_barrier and previous - 1 not in credits
                    and is_title_like(kept[previous]) and credit is not None and credit.outlet_text):
                starts.add(previous)  # after a compiler's note, a headline over `Bernama · 1 day ago` opens a reprint
        elif block.kind == "paragraph" and parse_opener(block.text):
            previous = len(kept) - 1
            while previous >= note_barrier and previous in credits:
                previous -= 1
            if previous >= note_barrier and is_title_like(kept[previous]):
                starts.difference_update(range(previous + 1, len(kept) + 1))
                starts.add(previous)
            else:
                starts.add(len(kept))
        kept.append(block)

    line_to_index: dict[int, int] = {}
    for index, block in enumerate(kept):
        for line in range(block.line, block.end_line + 1):
            line_to_index.setdefault(line, index)  # several blocks on a line: the first one starts there
    overrides: dict[int, ReportOverride] = {}
    for override in sidecar.reports:
        found = line_to_index.get(override.line)
        if found is None:
            problems.append(Problem(sidecar_display, override.sidecar_line,
                                    f"`line: {override.line}` is not a line of text of {display} "
                                    "that a report can start at"))
            continue
        starts.add(found)
        overrides[found] = override
    for line in sidecar.joins:
        found = line_to_index.get(line)
        if found is None or found not in starts:
            problems.append(Problem(sidecar_display, sidecar.joins_line,
                                    f"`joins: {line}`: no report starts at line {line} of {display}"))
            continue
        starts.discard(found)

    reports: list[ReportDraft] = []
    ordered = merge_credit_only_chunks(sorted(starts), credits, set(overrides))
    for n, start in enumerate(ordered):
        end = ordered[n + 1] if n + 1 < len(ordered) else len(kept)
        chunk = [(index, kept[index]) for index in range(start, end)]
        own_credits = [block for index, block in chunk if index in credits]
        rest = [block for index, block in chunk if index not in credits]
        correction = overrides.get(start)
        title_block = rest[0] if rest and is_title_like(rest[0]) else None
        body = rest[1:] if title_block else rest
        title = correction.title if correction and correction.title else (title_block.text if title_block else None)
        if not body:
            first = chunk[0][1]
            problems.append(Problem(display, first.line, f"report {title or first.text[:40]!r} has no text"))
            continue
        reports.append(ReportDraft(source=source, title=title, title_block=title_block, blocks=body,
                                   override=correction, credits=own_credits,
                                   after_note=first_note_at is not None and start >= first_note_at))
    if not reports and len(problems.items) == already:
        problems.append(Problem(display, 1, "no report found in this source"))
    return SplitSource(source, sidecar, tuple(reports), tuple(notes), tuple(dropped))


def merge_credit_only_chunks(starts: list[int], credits: set[int], pinned: set[int]) -> list[int]:
    """A run of credit lines alone between two starts (`Source: Xinhua` above a headline) opens the next report."""
    merged: list[int] = []
    for start in starts:
        if merged and start not in pinned and all(index in credits for index in range(merged[-1], start)):
            continue
        merged.append(start)
    return merged
