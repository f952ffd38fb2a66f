"""Where the archive lives: the folder with `mkdocs.yml`, and how its paths are shown to contributors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.addresses import DOCS_DIR, SOURCES_DIR, display_path
from generator.errors import ProjectNotFound


@dataclass(frozen=True)
class Project:
    """Where the archive lives: the folder with `mkdocs.yml`."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / DOCS_DIR

    @property
    def sources(self) -> Path:
        return self.content / SOURCES_DIR

    def display(self, path: Path) -> str:
        """A path inside the project as contributors see it, from the project root: `content/sources/x.txt`."""
        return display_path(path, self.root)

    @classmethod
    def find(cls, start: Path) -> Project:
        for folder in (start, *start.parents):
            if (folder / "mkdocs.yml").is_file():
                return cls(folder)
        raise ProjectNotFound(f"no mkdocs.yml in {start} or above: run this inside an archive")
