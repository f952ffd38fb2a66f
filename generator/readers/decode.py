"""Bytes → text, with one clear error for files that are not text."""

from __future__ import annotations

import codecs

from generator.errors import Problem

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_source(data: bytes, path: str) -> str:
    """Decode a source file and normalise its line endings to `\\n`.

    Raises a `Problem`-carrying ValueError naming the line of the first bad byte,
    so a contributor can find it in an editor.
    """
    if not data.strip():
        raise SourceDecodeError(Problem(path, 0, "file is empty"))
    encoding = "utf-8"
    for bom, name in BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding == "utf-8" and b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SourceDecodeError(Problem(path, line, "binary file: NUL byte; sources must be text or HTML"))
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceDecodeError(
            Problem(path, line, f"cannot decode as {encoding}: byte 0x{data[exc.start]:02x} at offset {exc.start}")
        ) from None
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class SourceDecodeError(ValueError):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))
