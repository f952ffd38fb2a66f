"""A cache of per-source stage results, keyed by content hashes, under `.archive-cache/` (git-ignored).

A key covers everything a result depends on: the bytes of the source and its sidecar,
the registries, and the generator's own code. So a cached result is exactly what a clean
run would compute, and a build that uses the cache writes the same bytes as one that does not.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

FOLDER = ".archive-cache"


@cache
def code_fingerprint() -> str:
    """Digest of the generator's source files: any change to the code starts a fresh cache."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def content_key(*parts: bytes | str) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class StageCache:
    """Results of one stage by key; `None` folder means no caching at all."""

    def __init__(self, root: Path | None, stage: str):
        self.folder = root / FOLDER / stage if root else None
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> Any | None:
        if self.folder is None:
            return None
        path = self.folder / f"{key}.pickle"
        try:
            with open(path, "rb") as handle:
                value = pickle.load(handle)  # noqa: S301 - our own files, written by `put` below
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # write to a temporary file first, so a crash never leaves a truncated entry under the real name
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.folder / f"{key}.pickle")
