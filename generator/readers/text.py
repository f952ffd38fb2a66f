"""Plain-text sources: paragraphs separated by blank lines, bullet lines as list items."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from generator.datelines import credit_line, parse_opener
from generator.models import Block, SourceDocument, SourceMeta
from generator.readers.decode import decode_source

BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙*]|[-–—]|\d{1,2}[.)])\s+")
"""A line that starts a list item: a bullet sign, a dash or `1.`/`1)` followed by a space."""

SYMBOL_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙*]|[-–—])\s+")
"""The bullet sign of an item, which is presentation (the page shows a list), unlike `1.`, which is kept."""

SPEAKER_LABEL = re.compile(
    r"^(?P<label>(?:Q|A|[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|de|van|von|al|bin)){0,4})"
    r"(?: \((?i:retranslated|translated|interpreted|via (?:an )?interpreter|through (?:an )?interpreter"
    r"|in [A-Z][a-z]+)\))?):\s+(?=\S)"
)
"""`Question: …`, `Sergey Lavrov: …`: up to five capitalised words and a colon at the start; an interpreter's
note may follow the name (`Anwar Ibrahim (retranslated):`, Kremlin transcripts)."""


def read_text_source(data: bytes, path: Path, display_path: str) -> SourceDocument:
    """Read a `.txt` source: decode, then cut into blocks at blank lines."""
    text = decode_source(data, display_path)
    return SourceDocument(
        path=path,
        name=path.stem,
        blocks=tuple(blocks_from_lines(text.split("\n"))),
        meta=SourceMeta(),
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
    )


def blocks_from_lines(lines: list[str]) -> list[Block]:
    """Group lines into blocks. A blank line ends a block; a bullet line starts a list item."""
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []

    def flush() -> None:
        if current:
            blocks.append(make_block(current))
            current.clear()

    for number, raw in enumerate(lines, start=1):
        line = raw.replace("\u00a0", " ").rstrip()
        if not line.strip():
            flush()
            continue
        if BULLET.match(line) and not is_dash_credit(line):
            flush()  # each bullet starts its own item; lines after it continue the item
        if len(line) <= 120 and credit_line(line.strip()) is not None:
            flush()  # a byline or timestamp line right under a headline is a block of its own
            current.append((number, line))
            flush()
            continue
        current.append((number, line))
    flush()
    return blocks


def is_dash_credit(line: str) -> bool:
    """`— Xinhua` at the end of a report credits the outlet: it is not an item of a list."""
    stripped = line.strip()
    return stripped[:1] in "—–-" and credit_line(stripped) is not None


def make_block(lines: list[tuple[int, str]]) -> Block:
    text = " ".join(part.strip() for _, part in lines)
    text = re.sub(r"[ \t]+", " ", text)
    first, last = lines[0][0], lines[-1][0]
    if BULLET.match(lines[0][1]) and not (len(lines) == 1 and is_dash_credit(lines[0][1])):
        return Block(text=SYMBOL_BULLET.sub("", text, count=1), line=first, end_line=last, kind="list_item")
    return Block(text=text, line=first, end_line=last, kind="paragraph", speaker_label=speaker_label(text))


def speaker_label(text: str) -> str | None:
    """The label of a speaker turn, if the paragraph opens with one and reads as speech."""
    match = SPEAKER_LABEL.match(text)
    if not match:
        return None
    opener = parse_opener(text)
    if opener is not None and opener.place and text.startswith(f"{match.group('label')}:"):
        return None  # `BEIJING: Chinese President …` is a dateline, not a turn
    rest = text[match.end():].rstrip("”’\"' ")
    # "Lavrov: China and Russia working …" is a headline, not a turn: turns are sentences.
    if not rest or rest[-1] not in ".!?…":
        return None
    return match.group("label")
