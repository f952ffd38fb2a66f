"""Writing the generated pages into `content/`: all of them or none, and nothing stale.

The generator owns the files and folders named below inside the docs directory;
contributors own everything else there (sources, sidecars, registries).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

OWNED_DIRS = ("reports", "compilations", "people", "outlets", "compare")
OWNED_FILES = ("index.md", "timeline.md", "topics.md", "glossary.md", "feed.xml")
STAGING = ".archive-staging"


def owned_pages(content: Path) -> dict[str, str]:
    """The generated pages on disk now, by docs-relative path."""
    pages = {}
    for name in OWNED_FILES:
        if (content / name).is_file():
            pages[name] = (content / name).read_text(encoding="utf-8")
    for directory in OWNED_DIRS:
        for path in sorted((content / directory).rglob("*")) if (content / directory).is_dir() else []:
            if path.is_file():
                pages[path.relative_to(content).as_posix()] = path.read_text(encoding="utf-8")
    return pages


def write_pages(content: Path, pages: dict[str, str]) -> None:
    """Replace the generated tree with `pages`, staging it first so a failure leaves the old tree."""
    staging = content / STAGING
    if staging.exists():
        shutil.rmtree(staging)
    try:
        for relative, text in sorted(pages.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        for directory in OWNED_DIRS:
            (staging / directory).mkdir(exist_ok=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for directory in OWNED_DIRS:
        live, old = content / directory, content / f"{STAGING}-old-{directory}"
        if old.exists():
            shutil.rmtree(old)
        if live.exists():
            live.rename(old)
        (staging / directory).rename(live)
        if old.exists():
            shutil.rmtree(old)
    for name in OWNED_FILES:
        if (staging / name).exists():
            os.replace(staging / name, content / name)
        elif (content / name).exists():
            (content / name).unlink()
    shutil.rmtree(staging)


def stale_pages(content: Path, pages: dict[str, str]) -> list[tuple[str, str]]:
    """(path, what is wrong) for every generated page on disk that differs from `pages`."""
    on_disk = owned_pages(content)
    problems = []
    for relative in sorted(set(on_disk) | set(pages)):
        if relative not in on_disk:
            problems.append((relative, "missing: the generator writes this page; run `archive build` and commit it"))
        elif relative not in pages:
            problems.append((relative, "stale: the generator no longer writes this page; run `archive build`"))
        elif on_disk[relative] != pages[relative]:
            problems.append((relative, "stale: differs from what the generator writes now; run `archive build`"))
    return problems
