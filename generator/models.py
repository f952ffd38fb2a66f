"""Records that pass between the stages of the pipeline.

Each stage takes and returns these dataclasses, never loose dicts, so that a
reader of `build.py` can see what flows where.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import total_ordering
from pathlib import Path
from typing import Literal

from generator.addresses import report_page

BlockKind = Literal["paragraph", "list_item", "heading", "caption"]
"""`caption`: a photo caption (an HTML `<figcaption>`), which is never a passage."""
DatePrecision = Literal["day", "month", "year"]
DateSource = Literal["sidecar", "dateline", "dateline-year-inferred", "date-line", "title", "page-metadata",
                     "source", "body"]
"""Where a report's date came from; see the README's precedence."""
OutletSource = Literal["sidecar", "dateline", "credit-line", "compiler-note", "page-metadata", "source", "url"]
PlaceSource = Literal["sidecar", "dateline", "credit-line", "title"]


@total_ordering
@dataclass(frozen=True)
class ReportDate:
    """A date as precise as the source states it: a day, a month or a year. Parsed once, then passed on."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        dt.date(self.year, self.month or 1, self.day or 1)  # raises ValueError for a day that does not exist
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")

    @classmethod
    def of(cls, day: dt.date) -> ReportDate:
        return cls(day.year, day.month, day.day)

    @classmethod
    def from_iso(cls, text: str) -> ReportDate:
        """`2024-04-09`, `2024-04` or `2024`; ValueError for anything else."""
        parts = text.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(f"not an ISO date: {text!r}")
        numbers = [int(p) for p in parts] + [None, None]
        return cls(numbers[0] or 0, numbers[1], numbers[2])

    @property
    def precision(self) -> DatePrecision:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        """`2024-04-09`, `2024-04` or `2024`."""
        return "-".join([f"{self.year:04d}"] + [f"{n:02d}" for n in (self.month, self.day) if n])

    @property
    def first_day(self) -> dt.date:
        """The first day the date may stand for (for sorting and feeds)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def parts(self) -> list[int]:
        """`[2024, 4, 9]`, `[2024, 4]` or `[2024]`, as CSL-JSON writes a date."""
        return [n for n in (self.year, self.month, self.day) if n]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, ReportDate):
            return NotImplemented
        return (self.year, self.month or 0, self.day or 0) < (other.year, other.month or 0, other.day or 0)

    def __str__(self) -> str:
        return self.iso


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
    published: ReportDate | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    """Authors a page names in its metadata (JSON-LD `author`)."""


@dataclass(frozen=True)
class ReportOverride:
    """A sidecar's correction for the report that starts at `line`."""

    line: int
    """Source line where the report starts; a boundary is made there if the rules made none."""
    sidecar_line: int
    """Line in the sidecar where this entry stands, for error messages."""
    title: str | None = None
    outlet: str | None = None
    date: ReportDate | None = None
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
    """The body, in source order; the title block and credit lines are not among them."""
    override: ReportOverride | None = None
    credits: list[Block] = field(default_factory=list)
    """Bylines, credit, timestamp and photo lines: metadata of the report, never passages."""
    after_note: bool = False
    """The report follows a compiler's note: it is someone else's text, not the publisher's."""

    @property
    def first_line(self) -> int:
        return min(block.line for block in self.all_blocks)

    @property
    def last_line(self) -> int:
        return max(block.end_line for block in self.all_blocks)

    @property
    def all_blocks(self) -> list[Block]:
        """Title, body and credit lines: every block the report holds."""
        return ([self.title_block] if self.title_block else []) + self.blocks + self.credits


@dataclass(frozen=True)
class SplitSource:
    """Everything the splitter made of one source; every block is in exactly one place."""

    source: SourceDocument
    sidecar: Sidecar
    reports: tuple[ReportDraft, ...]
    notes: tuple[Block, ...]
    """Compiler's notes: text by whoever put the compilation together."""
    dropped: tuple[DroppedBlock, ...]


@dataclass(frozen=True)
class SentenceSpeaker:
    """Who speaks in one sentence of a passage that carries more than one speaker."""

    start: int
    """Offset in the passage's text where the sentence starts."""
    end: int
    speaker: str | None


@dataclass(frozen=True)
class Passage:
    """One anchored unit of a report page: a paragraph, list item or speaker turn."""

    anchor: str
    """Stable id: derived from the passage's own text, never from its position."""
    block: Block
    speaker: str | None
    """Canonical name of the person whose words these are, or a role such as `Questioner`;
    for a passage with several speakers, the first of them."""
    sentences: tuple[SentenceSpeaker, ...] = ()
    """Set only when the passage's sentences do not all have one speaker (two speakers, or the reporter's
    narration before someone's words): each sentence and its speaker, None for the reporter's."""

    @property
    def speakers(self) -> tuple[str, ...]:
        """Everyone who speaks in the passage, in order."""
        if self.sentences:
            return tuple(dict.fromkeys(s.speaker for s in self.sentences if s.speaker))
        return (self.speaker,) if self.speaker else ()

    def text_of(self, speaker: str) -> str:
        """The words of the passage that `speaker` says: their sentences, or the whole passage."""
        if not self.sentences:
            return self.block.text
        return " ".join(self.block.text[s.start:s.end] for s in self.sentences if s.speaker == speaker)


@dataclass(frozen=True)
class Origins:
    """Where each of a report's values came from, for the front matter and `archive add`'s summary."""

    date: DateSource | None = None
    outlet: OutletSource | None = None
    place: PlaceSource | None = None


@dataclass(frozen=True)
class Report:
    """A finished report: text, anchors and metadata, ready to be rendered."""

    id: str
    title: str
    title_from_source: bool
    """False when the source had no title line and the title was made from the text."""
    date: ReportDate | None
    """None when unknown."""
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
    origins: Origins = field(default_factory=Origins)
    credits: tuple[str, ...] = ()
    """The report's byline, credit, timestamp and caption lines, as the source writes them."""

    @property
    def page_path(self) -> str:
        """Path of the report's page relative to the docs directory."""
        return report_page(self.id)


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
