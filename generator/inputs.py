"""What a pull request may put in the published inputs: an allow-list of file kinds.

MkDocs publishes what stands in `content/` (its docs_dir) and copies static files from
`site_overrides/` (the theme's custom_dir), so everything there is checked by kind before
anything is read: sources and their sidecars, registries, annotations, the generated pages,
and the theme overrides that are part of the project. Anything else (a stray Markdown page
that MkDocs would render with its raw HTML, a script, a symbolic link to a file outside the
project) is an error naming the file, and neither `archive build` nor `archive check` goes on.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from generator.addresses import (
    DOCS_DIR,
    OWNED_DIRS,
    OWNED_FILES,
    SOURCE_NAME,
    SOURCES_DIR,
    compilation_page,
    display_path,
)
from generator.errors import Problem, Problems
from generator.readers import SUFFIXES
from generator.writer import STAGING

SOURCES = SOURCES_DIR
ANNOTATIONS = "annotations"
REGISTRY_FILES = ("people.yml", "outlets.yml", "glossary.yml", "topics.yml")
"""Registries at the top of `content/`; contributors edit them, MkDocs never publishes them."""

OVERRIDES = "site_overrides"
OVERRIDE_FILES = ("assets/archive-page.js", "assets/archive-search.js", "assets/archive-scope.js", "assets/site-nav.js")
"""Scripts of the theme and the vendored files, by exact path: a new script is a change to this list (code)."""

def input_problems(root: Path, problems: Problems) -> None:
    """Every file under `content/` and `site_overrides/` that is not of a kind the archive allows, to `problems`."""
    for top, kind_of in ((root / DOCS_DIR, content_kind), (root / OVERRIDES, override_kind)):
        if top.is_symlink():
            problems.append(Problem(display_path(top, root), 1, "is a symbolic link; it must be a real folder"))
            continue
        generated = tuple(f"{folder}/" for folder in OWNED_DIRS) if top.name == DOCS_DIR else ()
        for relative, kind, message in walk(top):
            if kind == FILE:  # at 10,000 reports content/ holds 30,000 files, nearly all generated
                message = None if relative.startswith(generated) else kind_of(PurePosixPath(relative))
            if message:
                problems.append(Problem(display_path(top / relative, root), 1, message))


FILE, FOLDER, OTHER = "file", "folder", "other"


def walk(top: Path) -> list[tuple[str, str, str | None]]:
    """Every entry under `top` as (relative path, kind, why a folder or a link may not stand there),
    sorted, without following symbolic links; a refused folder is not entered. The directory
    entries say what each is: no entry is stat'ed, no Path made for it."""
    entries: list[tuple[str, str, str | None]] = []

    def visit(folder: str, prefix: str) -> None:
        for entry in os.scandir(folder):
            relative = f"{prefix}{entry.name}"
            if entry.is_symlink():
                entries.append((relative, OTHER, "is a symbolic link; the archive takes only regular files "
                                                 "(a link could publish a file from outside the project)"))
            elif entry.is_dir(follow_symlinks=False):
                refused = folder_problem(top.name, PurePosixPath(relative))
                entries.append((relative, FOLDER, refused))
                if refused is None:
                    visit(entry.path, f"{relative}/")
            elif entry.is_file(follow_symlinks=False):
                entries.append((relative, FILE, None))
            else:
                entries.append((relative, OTHER, "is not a regular file"))

    if top.is_dir():
        visit(str(top), "")
    return sorted(entries, key=lambda entry: entry[0].split("/"))


def folder_problem(top: str, relative: PurePosixPath) -> str | None:
    """Why a folder may not stand here, or None."""
    parts = relative.parts
    if top != DOCS_DIR:
        return None  # theme overrides may be organised freely; their files are checked by kind
    if parts[0].startswith(STAGING):
        return "left behind by an interrupted build; run `archive build`, which removes it"
    if parts[0] in OWNED_DIRS:
        return None
    if len(parts) == 1 and parts[0] in (SOURCES, ANNOTATIONS):
        return None
    if parts[0] == SOURCES:
        return "folders in content/sources/ are not read; move its files up"
    return f"unknown folder in content/ (allowed: {', '.join((SOURCES, ANNOTATIONS, *OWNED_DIRS))})"


def content_kind(relative: PurePosixPath) -> str | None:
    """Why a file may not stand at this docs-relative path, or None when it may."""
    parts = relative.parts
    if len(parts) == 1:
        if parts[0] in REGISTRY_FILES or parts[0] in OWNED_FILES:
            return None
        return ("not a file the archive reads or writes (allowed here: "
                f"{', '.join(REGISTRY_FILES)} and the generated pages); MkDocs would publish it as it is")
    if parts[0] in OWNED_DIRS:
        return None  # generated: `archive check` compares them with what the generator writes
    if parts[0] == SOURCES and len(parts) == 2:
        return source_kind(relative.name)
    if parts[0] == ANNOTATIONS and len(parts) == 2:
        return None if relative.suffix == ".yml" else "annotation files are `<report id>.yml`"
    return "not a file the archive reads or writes"


def source_kind(name: str) -> str | None:
    suffix = PurePosixPath(name).suffix
    if suffix == ".yml":
        return None  # a sidecar; one without a source is reported by `source_files`
    if suffix.lower() not in SUFFIXES:
        return (f"unknown kind of source (known: {', '.join(SUFFIXES)} in any letter case, "
                "with a `.yml` sidecar); MkDocs would publish it as it is")
    if not SOURCE_NAME.match(name):
        return "rename the file: use letters, digits, '.', '-' and '_' (`archive add` picks such a name)"
    return None


def override_kind(relative: PurePosixPath) -> str | None:
    """Theme overrides: stylesheets, the vendored shim, MkDocs hooks and Material's template overrides."""
    path = relative.as_posix()
    if path in OVERRIDE_FILES:
        return None
    if relative.parts[0] == "assets" and relative.suffix.lower() == ".css":
        return None
    if relative.parts[0] == "hooks" and len(relative.parts) == 2 and relative.suffix == ".py":
        return None
    if relative.parts[0] not in ("assets", "hooks") and relative.suffix == ".html":
        return None  # a Jinja template overriding one of Material's, not a published page
    return ("not a kind of theme file the archive allows (assets/*.css, hooks/*.py, template overrides *.html, "
            f"{', '.join(OVERRIDE_FILES)}); MkDocs would publish it")


def source_files(content: Path, root: Path, problems: Problems) -> list[Path]:
    """Every source file in `content/sources/`, sorted; the sidecars that have no source go to `problems`.

    Call after `input_problems` found nothing: other kinds of file are refused there.
    """
    folder = content / SOURCES
    entries = sorted(folder.iterdir()) if folder.is_dir() and not folder.is_symlink() else []
    files = [path for path in entries if path.is_file() and not path.is_symlink() and source_kind(path.name) is None
             and path.suffix != ".yml"]
    claimed: dict[str, Path] = {}
    for path in files:
        message = stem_problem(path.stem, claimed)
        if message:
            problems.append(Problem(display_path(path, root), 1, message))
        claimed.setdefault(path.stem.casefold(), path)
    stems = {path.stem for path in files}
    for sidecar in entries:
        if sidecar.suffix == ".yml" and sidecar.stem not in stems:
            problems.append(Problem(display_path(sidecar, root), 1, "sidecar without a source file next to it"))
    return files


RESERVED_NAMES = frozenset({"index"})
"""Source names whose compilation page would replace a listing page (`compilations/index.md`)."""


def stem_problem(stem: str, claimed: dict[str, Path]) -> str | None:
    """Why a source may not be called `stem`: its pages would replace another's. `claimed`: casefolded stems taken."""
    if stem.casefold() in RESERVED_NAMES:
        return f"a source may not be named {stem!r}: its page would replace the list of compilations; rename it"
    other = claimed.get(stem.casefold())
    if other is not None:
        return (f"has the name of {other.name} (letter case aside): both would get the page "
                f"{compilation_page(stem)} and share one sidecar; rename one")
    return None
