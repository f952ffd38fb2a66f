"""One `archive` run at a time per project: two builds writing `content/` at once would mix their trees."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import ArchiveError

LOCK_FILE = ".archive-cache/build.lock"
"""In the cache folder, which git ignores; the lock is held on the open file, never by its existence,
so a killed run leaves nothing to clean up."""


class BuildLocked(ArchiveError):
    """Another run holds the project's lock."""


@contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold the project's lock for the block, or raise `BuildLocked` at once if another run holds it."""
    path = root / LOCK_FILE
    path.parent.mkdir(exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(f"another archive build is running in {root}; wait for it to finish "
                              "and run this again") from None
        yield
    finally:
        os.close(descriptor)
