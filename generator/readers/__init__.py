"""Readers: bytes on disk → `SourceDocument`. One reader per format, chosen by file suffix."""

from __future__ import annotations

from pathlib import Path

from generator.readers.text import read_text_source

READERS = {
    ".txt": read_text_source,
}
"""Suffix → reader function. A file with another suffix in `content/sources/` is an error."""

SUFFIXES = tuple(sorted(READERS))


def reader_for(path: Path):  # type: ignore[no-untyped-def]
    return READERS.get(path.suffix.lower())
