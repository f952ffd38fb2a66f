"""Readers: bytes on disk → `SourceDocument`. One reader per format, chosen by file suffix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.models import SourceDocument
from generator.readers.html import read_html_source
from generator.readers.text import read_text_source

Reader = Callable[[bytes, Path, str], SourceDocument]
"""(bytes on disk, path relative to the docs directory, path to show in messages) → the source."""

READERS: dict[str, Reader] = {
    ".txt": read_text_source,
    ".html": read_html_source,
    ".htm": read_html_source,
}
"""Suffix → reader function. A file with another suffix in `content/sources/` is an error."""

SUFFIXES = tuple(sorted(READERS))


def reader_for(path: Path) -> Reader:
    """The reader for a file; callers check the suffix against `SUFFIXES` first."""
    return READERS[path.suffix.lower()]
