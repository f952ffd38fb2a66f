"""Writing the generated pages into `content/`: all of them or none, and nothing stale.

The generator owns the files and folders `generator/addresses.py` names inside the docs directory;
contributors own everything else there (sources, sidecars, registries).

A run writes every new or changed page into a staging folder first, then commits a
journal (one rename) that lists each page to move in and each stale page to remove, and
only then applies it. Killed before the commit, the next run drops the staging folder and
the old tree stands; killed after, the next run applies the journal to the end. Pages whose
bytes do not change are never rewritten, so they keep their modification time (what
`mkdocs build --dirty` goes by).
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
from collections.abc import Iterator, Mapping, Set
from contextlib import contextmanager
from pathlib import Path

from generator.addresses import OWNED_DIRS, OWNED_FILES

STAGING = ".archive-staging"
BINARY_SUFFIXES = (".gz",)
"""Generated files that are bytes, not UTF-8 text (the compressed data files)."""
JOURNAL = "journal.json"
"""Inside the staging folder; its presence is the commit point of a run."""


def owned_files(content: Path) -> dict[str, str]:
    """The generated files on disk now: docs-relative path → path on disk (a string: at 10,000 reports
    a Path per file, pathlib's rglob or a stat per file cost a second)."""
    root = str(content)
    files = {name: os.path.join(root, name) for name in OWNED_FILES if os.path.isfile(os.path.join(root, name))}
    for directory in OWNED_DIRS:
        files.update(files_under(os.path.join(root, directory), directory))
    return dict(sorted(files.items()))


def files_under(folder: str, prefix: str) -> dict[str, str]:
    """Regular files under `folder` (symbolic links not followed), by `prefix/relative path`; the
    directory entries say what each is, so no file is stat'ed."""
    found: dict[str, str] = {}
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return found
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            found.update(files_under(entry.path, f"{prefix}/{entry.name}"))
        elif entry.is_file(follow_symlinks=False):
            found[f"{prefix}/{entry.name}"] = entry.path
    return found


def owned_pages(content: Path) -> dict[str, str | bytes]:
    """The generated pages on disk now, by docs-relative path: bytes for a binary file, else text
    (a text file that is not UTF-8 reads as mangled text)."""
    return {relative: data if relative.endswith(BINARY_SUFFIXES) else data.decode("utf-8", errors="replace")
            for relative, data in ((relative, read(path)) for relative, path in owned_files(content).items())}


def read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def encode(page: str | bytes) -> bytes:
    return page.encode("utf-8") if isinstance(page, str) else page


def write_pages(content: Path, pages: Mapping[str, str | bytes], unchanged: Set[str] = frozenset()) -> None:
    """Make the generated tree on disk equal `pages`, as one committed change (see the module docstring).

    `unchanged` names pages known to be on disk as they are (the page memo read them from there),
    which are not read again to compare: at 10,000 reports that is most of the tree.
    """
    recover(content)
    staging = content / STAGING
    on_disk = owned_files(content)
    encoded = {relative: encode(page) for relative, page in sorted(pages.items())
               if relative not in unchanged or relative not in on_disk}
    changed = [relative for relative, data in encoded.items()
               if relative not in on_disk or read(on_disk[relative]) != data]
    stale = sorted(set(on_disk) - set(pages))
    try:
        (staging / "new").mkdir(parents=True)
        for number, relative in enumerate(changed):
            (staging / "new" / str(number)).write_bytes(encoded[relative])
        # every staged page on disk before the commit point, flushed once: an fsync per page made
        # writing a large source's thousands of pages the slowest step (one journal commit each)
        os.sync()
        journal = {"write": changed, "remove": stale}
        write_synced(staging / f"{JOURNAL}.tmp", json.dumps(journal).encode("utf-8"))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    os.replace(staging / f"{JOURNAL}.tmp", staging / JOURNAL)  # the commit point
    apply_journal(content)


def write_synced(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def recover(content: Path) -> None:
    """Finish a committed run that was interrupted, or drop one that never committed; remove old leftovers."""
    staging = content / STAGING
    if (staging / JOURNAL).is_file():
        apply_journal(content)
    for leftover in sorted(content.glob(f"{STAGING}*")) if content.is_dir() else []:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover)
        else:
            leftover.unlink()


def apply_journal(content: Path) -> None:
    """Move each staged page into place and remove each stale one; safe to run again after a kill."""
    staging = content / STAGING
    journal = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
    for number, relative in enumerate(journal["write"]):
        staged, target = staging / "new" / str(number), content / relative
        if staged.exists():  # else moved in before the interruption
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
    for relative in journal["remove"]:
        (content / relative).unlink(missing_ok=True)
    emptied = {relative.split("/", 1)[0] for relative in journal["remove"]}  # only a removal empties a folder
    for directory in OWNED_DIRS:
        if directory in emptied:
            remove_empty_folders(content / directory)
        (content / directory).mkdir(exist_ok=True)
    shutil.rmtree(staging)


def remove_empty_folders(folder: Path) -> None:
    """Bottom-up, so a folder emptied of empty folders goes too (os.walk: pathlib's rglob over every
    page cost seconds at 10,000 reports)."""
    for here, dirs, files in os.walk(folder, topdown=False) if folder.is_dir() else []:
        if here != str(folder) and not files and not any(os.path.exists(os.path.join(here, d)) for d in dirs):
            os.rmdir(here)


def stale_pages(content: Path, pages: Mapping[str, str | bytes]) -> list[tuple[str, str]]:
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


SITE_STAGING = ".archive-site-staging"
SITE_OLD = ".archive-site-old"


def recover_site(site: Path) -> None:
    """Put back the old site if a run was killed between its two renames; remove staging leftovers."""
    staging, old = site.with_name(SITE_STAGING), site.with_name(SITE_OLD)
    if old.is_dir() and not site.exists():
        old.rename(site)
    for leftover in (staging, old):
        if leftover.is_dir():
            shutil.rmtree(leftover)


@contextmanager
def staged_site(site: Path, *, linked: bool = False) -> Iterator[Path]:
    """A folder beside `site` for MkDocs to build into; swapped in whole when the build succeeds.

    With `linked` it starts as the live site, every file hard-linked (so with its modification
    time, what a dirty build goes by, and in a fraction of a second where a copy of 10,000 reports
    takes many). MkDocs itself rewrites files in place, which would write through a link into the
    live site: `generator.sitebuild`, the only builder given a linked folder, makes it replace
    each file it writes instead.
    """
    recover_site(site)
    staging = site.with_name(SITE_STAGING)
    try:
        if linked and site.is_dir():
            link_tree(site, staging)
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if not site.exists():
        staging.rename(site)
    elif exchange(staging, site):
        shutil.rmtree(staging)  # now the old site
    else:  # no atomic exchange here: two renames, which `recover_site` completes after a kill
        site.rename(site.with_name(SITE_OLD))
        staging.rename(site)
        shutil.rmtree(site.with_name(SITE_OLD))


def link_tree(source: Path, target: Path) -> None:
    """`target` as a copy of `source` whose files are hard links (copies where linking fails)."""
    for folder, _, names in os.walk(source):
        into = os.path.join(target, os.path.relpath(folder, source))
        os.makedirs(into, exist_ok=True)
        for name in names:
            try:
                os.link(os.path.join(folder, name), os.path.join(into, name), follow_symlinks=False)
            except OSError:
                shutil.copy2(os.path.join(folder, name), os.path.join(into, name))


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`); False where it is not available."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return bool(renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0)
