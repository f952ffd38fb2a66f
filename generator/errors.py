"""One small exception tree. Every problem names the file and line it is about.

Stages collect `Problem`s and raise one `InputErrors` carrying all of them, so a
contributor sees every mistake in one run; only `cli.py` turns that into an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, as `path:line: message`; a problem with the file as a whole is at line 1."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{max(self.line, 1)}: {self.message}"


class ArchiveError(Exception):
    """Base of every error the generator raises on purpose."""


class InputErrors(ArchiveError):
    """The input has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """A collector: stages add to it and call `raise_if_any` at the end of a stage."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: Path | str, line: int, message: str) -> None:
        self.items.append(Problem(str(path), line, message))

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    def raise_if_any(self) -> None:
        if self.items:
            raise InputErrors(self.items)
