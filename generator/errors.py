"""One small exception tree, rooted in `ArchiveError`, and one way to collect problems.

Every problem names the file and line it is about. Stages add `Problem`s to a `Problems`
collector and raise one `InputErrors` carrying all of them, so a contributor sees every
mistake in one run; only `cli.py` turns errors into messages and exit codes. What a problem
*is* travels as data (`ProblemKind`), never as text the CLI would have to match.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


class ProblemKind(enum.Enum):
    """What kind of thing is wrong, for callers that treat some problems differently."""

    INPUT = "input"
    """A source, sidecar, registry or annotation the contributor can fix."""
    DUPLICATE_SOURCE = "duplicate source"
    """Every report of a source is already in the archive (`archive add` takes such a file back)."""
    STALE_PAGE = "stale page"
    """A committed generated page differs from what the generator writes now."""
    SCHEMA = "schema"
    """Generated front matter that does not fit its published JSON Schema."""
    SITE = "site"
    """The built site: a broken link or anchor, a load from another host, a failed MkDocs build."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, as `path:line: message[; hint]`.

    A problem with the file as a whole is shown at line 1.
    """

    path: str
    line: int
    message: str
    """What is wrong."""
    hint: str = ""
    """What to do about it, when that is worth saying apart from the message."""
    kind: ProblemKind = field(default=ProblemKind.INPUT, compare=False)

    def __str__(self) -> str:
        text = f"{self.message}; {self.hint}" if self.hint else self.message
        return f"{self.path}:{max(self.line, 1)}: {text}"


class ArchiveError(Exception):
    """Base of every error the generator raises on purpose; `cli.py` turns each into an exit code."""


class InputErrors(ArchiveError):
    """The input has problems; nothing was written."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class ProblemError(ArchiveError):
    """One problem found deep inside a reader or loader, raised to the stage that collects it."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


class ProjectNotFound(ArchiveError):
    """No `mkdocs.yml` in the folder given or above it: not inside an archive."""


class SiteBuildError(ArchiveError):
    """MkDocs reported a problem (a broken link or anchor in strict mode, for example)."""


class Problems:
    """The collector: stages add to it and call `raise_if_any` at the end of a stage."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: Path | str, line: int, message: str, *, hint: str = "",
            kind: ProblemKind = ProblemKind.INPUT) -> None:
        self.items.append(Problem(str(path), line, message, hint, kind))

    def append(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise InputErrors(self.items)
