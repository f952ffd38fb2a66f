"""Records that pass between the stages of the pipeline.

Each stage takes and returns these dataclasses, never loose dicts, so that a
reader of `build.py` can see what flows where.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

BlockKind = Literal["paragraph", "list_item", "heading"]


@dataclass(frozen=True)
class Block:
    """One paragraph-level unit of a source, as the reader found it."""

    text: str
    """The text with inner line breaks folded to spaces and outer space stripped."""
    line: int
    """1-based line in the source file where the block starts."""
    end_line: int
    """1-based line in the source file where the block ends."""
    kind: BlockKind = "paragraph"
    """What the source made of it: a paragraph, an item of a list, or a heading."""
    speaker_label: str | None = None
    """For a speaker turn (`Question:`, `Sergey Lavrov:`), the label without the colon."""

    @property
    def label_end(self) -> int:
        """Where the words after a speaker turn's `Label:` begin in `text`; 0 when there is no label."""
        if not self.speaker_label or not self.text.startswith(f"{self.speaker_label}:"):
            return 0
        end = len(self.speaker_label) + 1
        return end + len(self.text[end:]) - len(self.text[end:].lstrip())


@dataclass(frozen=True)
class SourceMeta:
    """What a source says about itself (HTML meta tags) or its sidecar states."""

    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    language: str | None = None


@dataclass(frozen=True)
class ReportOverride:
    """A sidecar's correction for the report that starts at `line`."""

    line: int
    """Source line where the report starts; a boundary is made there if the rules made none."""
    sidecar_line: int
    """Line in the sidecar where this entry stands, for error messages."""
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    place: str | None = None
    url: str | None = None
    speakers: tuple[str, ...] | None = None
    id: str | None = None


@dataclass(frozen=True)
class Sidecar:
    """The contributor's `<source>.yml`: metadata and corrections for one source."""

    path: Path | None
    meta: SourceMeta = field(default_factory=SourceMeta)
    reports: tuple[ReportOverride, ...] = ()
    joins: tuple[int, ...] = ()
    """Lines where the rules start a report but the contributor says none starts."""
    joins_line: int = 0
    """Line of the `joins:` key in the sidecar, for error messages."""
    description: str | None = None


@dataclass(frozen=True)
class SourceDocument:
    """A source file read into blocks, before anything is decided about reports."""

    path: Path
    """Path of the source file, relative to the docs directory (e.g. `sources/x.txt`)."""
    name: str
    """Stem of the file name; unique in the archive."""
    blocks: tuple[Block, ...]
    meta: SourceMeta
    """Metadata the reader found in the file itself (HTML meta tags); empty for text."""
    sha256: str
    """Digest of the bytes on disk, for provenance."""
    text: str = ""
    """The whole file decoded, as the site shows the original (a saved web page is shown as this text)."""


@dataclass(frozen=True)
class DroppedBlock:
    """A block left out of every report, with the rule that left it out."""

    block: Block
    reason: str


@dataclass
class ReportDraft:
    """A report as the splitter cut it: blocks, and what the cut itself revealed."""

    source: SourceDocument
    title: str | None
    title_block: Block | None
    """The block that held the title, if the title came from a line of the source."""
    blocks: list[Block]
    """The body, in source order; the title block is not among them."""
    override: ReportOverride | None = None

    @property
    def first_line(self) -> int:
        first = self.title_block or self.blocks[0]
        return first.line

    @property
    def last_line(self) -> int:
        return self.blocks[-1].end_line if self.blocks else self.first_line


@dataclass(frozen=True)
class SplitSource:
    """Everything the splitter made of one source; every block is in exactly one place."""

    source: SourceDocument
    sidecar: Sidecar
    reports: tuple[ReportDraft, ...]
    notes: tuple[Block, ...]
    """Compiler's notes: text by whoever put the compilation together."""
    dropped: tuple[DroppedBlock, ...]


DatePrecision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class Passage:
    """One anchored unit of a report page: a paragraph, list item or speaker turn."""

    anchor: str
    """Stable id: derived from the passage's own text, never from its position."""
    block: Block
    speaker: str | None
    """Canonical name of the person whose words these are, or a role such as `Questioner`."""


@dataclass(frozen=True)
class Report:
    """A finished report: text, anchors and metadata, ready to be rendered."""

    id: str
    title: str
    title_from_source: bool
    """False when the source had no title line and the title was made from the text."""
    date: dt.date | str | None
    """A day as a date; a month (`2024-04`) or year (`2024`) as text; None when unknown."""
    date_precision: DatePrecision | None
    outlet: str | None
    place: str | None
    speakers: tuple[str, ...]
    mentions: tuple[str, ...]
    url: str | None
    source: SourceDocument
    first_line: int
    last_line: int
    passages: tuple[Passage, ...]
    id_pinned: bool = False
    """True when the sidecar fixes the id: it is then never renumbered, and a clash is an error."""

    @property
    def page_path(self) -> str:
        """Path of the report's page relative to the docs directory."""
        return f"reports/{self.id}.md"


@dataclass(frozen=True)
class Warning_:
    """Something worth telling the contributor that does not stop the build."""

    path: str
    """As contributors see it: `content/sources/x.txt`."""
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: warning: {self.message}"
