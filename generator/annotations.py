"""Contributors' annotations: `content/annotations/<report id>.yml`, anchored by exact quote.

Each note names the words it is about with a quote (and, where the quote stands more
than once, a prefix or suffix to choose), as the W3C Web Annotation TextQuoteSelector
does. A quote that is not found, or found more than once, is an error with the file
and line of the note: an annotation is never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from generator.addresses import display_path
from generator.errors import Problem, Problems
from generator.models import Report
from generator.yamlfile import LineDict, YamlError, check_keys, load_yaml, shown

NOTE_KEYS: dict[str, type] = {"quote": str, "prefix": str, "suffix": str, "body": str, "author": str, "date": str}
REQUIRED = ("quote", "body", "author")


@dataclass(frozen=True)
class Annotation:
    """A note anchored at `start:end` of one passage's text."""

    report_id: str
    anchor: str
    """The passage the quoted words stand in."""
    start: int
    end: int
    quote: str
    body: str
    """Markdown, rendered with raw HTML escaped."""
    author: str
    date: dt.date | None
    number: int
    """1-based, in reading order within the report."""
    path: str
    line: int


def load_annotations(content: Path, root: Path, reports: list[Report], problems: Problems, *,
                     all_reports: bool = True) -> dict[str, list[Annotation]]:
    """Read and anchor every annotation file, adding what is wrong to `problems`; a file for an unknown
    report is an error too.

    With `all_reports` False (some sources could not be read), a file for a report not in
    `reports` is only checked for its own mistakes: its report may be among those missing.
    """
    by_id = {report.id: report for report in reports}
    folder = content / "annotations"
    anchored: dict[str, list[Annotation]] = {}
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        display = display_path(path, root)
        if path.suffix != ".yml":
            problems.append(Problem(display, 0, "annotation files are `<report id>.yml`"))
            continue
        report = by_id.get(path.stem)
        if report is None and all_reports:
            problems.append(Problem(display, 1, f"no report has the id {shown(path.stem)}; "
                                                "name the file after a report id"))
            continue
        try:
            data = load_yaml(path, display)
        except YamlError as exc:
            problems.append(exc.problem)
            continue
        if not isinstance(data, list):
            problems.append(Problem(display, 1, "an annotation file is a list of notes (`- quote: …`)"))
            continue
        if report is None:
            for entry in data:
                note_fields(entry, display, problems)
            continue
        notes = []
        for entry in data:
            note = anchor_note(entry, report, display, problems)
            if note:
                notes.append(note)
        order = {p.anchor: i for i, p in enumerate(report.passages)}
        notes.sort(key=lambda n: (order[n.anchor], n.start, n.line))
        for earlier, later in pairwise(notes):
            if earlier.anchor == later.anchor and later.start < earlier.end:
                problems.append(Problem(display, later.line, f"quote overlaps the note at line {earlier.line}"))
        anchored[report.id] = [
            Annotation(n.report_id, n.anchor, n.start, n.end, n.quote, n.body, n.author, n.date, i, n.path, n.line)
            for i, n in enumerate(notes, start=1)
        ]
    return anchored


def note_fields(entry: object, display: str, problems: Problems) -> tuple[bool, dt.date | None]:
    """Whether a note has its keys, of the right types, and a real date; its problems go to `problems`."""
    if not isinstance(entry, LineDict):
        problems.append(Problem(display, getattr(entry, "line", 1),
                                "each note is a mapping with `quote`, `body` and `author`"))
        return False, None
    ok = check_keys(entry, NOTE_KEYS, display, problems)
    for key in REQUIRED:
        if key not in entry:
            problems.append(Problem(display, entry.line, f"note has no `{key}`"))
            ok = False
    date = None
    if isinstance(entry.get("date"), str):
        try:
            date = dt.date.fromisoformat(entry["date"])
        except ValueError:
            problems.append(Problem(display, entry.line_of("date"),
                                    f"'date' is not a real date: {shown(entry['date'])}"))
            ok = False
    return ok, date


def anchor_note(entry: object, report: Report, display: str, problems: Problems) -> Annotation | None:
    ok, date = note_fields(entry, display, problems)
    if not ok or not isinstance(entry, LineDict):
        return None
    quote, prefix, suffix = entry["quote"], entry.get("prefix", ""), entry.get("suffix", "")
    matches = [
        (passage.anchor, match.start())
        for passage in report.passages
        for match in re.finditer(re.escape(quote), passage.block.text)
        if passage.block.text[: match.start()].endswith(prefix)
        and passage.block.text[match.end():].startswith(suffix)
    ]
    if not matches:
        problems.append(Problem(display, entry.line_of("quote"),
                                f"quote {shown(quote)} is not in the text of report {shown(report.id)}"))
        return None
    if len(matches) > 1:
        problems.append(Problem(display, entry.line_of("quote"),
                                f"quote {shown(quote)} stands {len(matches)} times in report {shown(report.id)}; "
                                "add a `prefix` or `suffix` to choose one"))
        return None
    anchor, start = matches[0]
    passage = next(p for p in report.passages if p.anchor == anchor)
    if start < passage.block.label_end:
        problems.append(Problem(display, entry.line_of("quote"),
                                f"quote {shown(quote)} takes in the speaker label "
                                f"{shown(passage.block.speaker_label)}; "
                                "quote only the words after it"))
        return None
    return Annotation(report.id, anchor, start, start + len(quote), quote, entry["body"], entry["author"], date,
                      0, display, entry.line)
