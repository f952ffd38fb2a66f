"""A cache of per-source stage results, keyed by content hashes, under `.archive-cache/` (git-ignored).

A key covers everything a result depends on: the bytes of the source and its sidecar,
the registries, and the generator's own code. So a cached result is exactly what a clean
run would compute, and a build that uses the cache writes the same bytes as one that does not.

Entries are pickles, and unpickling runs code; so each entry is signed with a key that lives
outside the project (`~/.cache/annotated-archive/cache.key`) and an entry that does not carry
this machine's signature (one committed to a pull request, say) is ignored, never loaded.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

FOLDER = ".archive-cache"


SIGNATURE = 32


@cache
def signing_key() -> bytes:
    """This machine's key for signing entries, made on first use, kept outside any project."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "annotated-archive"
    path = folder / "cache.key"
    try:
        key = path.read_bytes()
        if len(key) == SIGNATURE:
            return key
    except OSError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(SIGNATURE)
    handle, temporary = tempfile.mkstemp(dir=folder)
    with os.fdopen(handle, "wb") as out:
        out.write(key)
    os.replace(temporary, path)
    return path.read_bytes()


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

    def get(self, key: str) -> Any | None:
        if self.folder is None:
            return None
        try:
            data = (self.folder / f"{key}.pickle").read_bytes()
        except OSError:
            return None
        signature, payload = data[:SIGNATURE], data[SIGNATURE:]
        if not hmac.compare_digest(signature, hmac.new(signing_key(), payload, hashlib.sha256).digest()):
            return None  # not written by this machine: never unpickle it
        try:
            value = pickle.loads(payload)  # noqa: S301 - signed above with this machine's key
        except Exception:
            # an entry written by an older version of the code may not load: that is a miss, not an error
            return None
        return value

    def put(self, key: str, value: Any) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # write to a temporary file first, so a crash never leaves a truncated entry under the real name
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(hmac.new(signing_key(), payload, hashlib.sha256).digest() + payload)
        os.replace(temporary, self.folder / f"{key}.pickle")
