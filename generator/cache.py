"""A cache of per-source stage results, keyed by content hashes, under `.archive-cache/` (git-ignored).

A key covers everything a result depends on: the bytes of the source and its sidecar,
the registries, and the generator's own code. So a cached result is exactly what a clean
run would compute, and a build that uses the cache writes the same bytes as one that does not.

Entries are pickles, and unpickling runs code; so each entry is signed with a key that lives
outside the project (`~/.cache/annotated-archive/cache.key`) and an entry that does not carry
this machine's signature (one committed to a pull request, say) is ignored, never loaded.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import os
import pickle
import secrets
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

FOLDER = ".archive-cache"
T = TypeVar("T")


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

    def put(self, key: str, value: Any, *, only: bool = False) -> None:
        """Store `value` under `key`; with `only`, drop every other entry of the stage (one that is
        replaced whole each build, and whose key changes only with the code, would pile up)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # write to a temporary file first, so a crash never leaves a truncated entry under the real name
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(hmac.new(signing_key(), payload, hashlib.sha256).digest() + payload)
        os.replace(temporary, self.folder / f"{key}.pickle")
        if only:
            for entry in self.folder.glob("*.pickle"):
                if entry.name != f"{key}.pickle":
                    entry.unlink(missing_ok=True)


class PageMemo:
    """Rendered pages by a key of everything they are made from, so a rebuild renders only what changed.

    The text itself is not stored twice: it is what the last build wrote into `content/`. A page
    is taken from there when its key is the one it was rendered with and the file is still the
    one written then (same size and modification time); otherwise it is rendered again.
    `reused` names the pages taken from disk, which the writer keeps as they are.
    """

    KEY = "written pages"

    def __init__(self, root: Path | None, content: Path, *context: bytes | str):
        self.cache = StageCache(root, "pages")
        self.content = content
        self.context = content_key(*context)
        """Inputs every page shares: registries, the site's address."""
        stored = self.cache.get(content_key(self.KEY))
        self.previous: dict[str, tuple[str, int, int]] = stored if isinstance(stored, dict) else {}
        """Page path → (its key, size and modification time of the file written) at the last build."""
        self.keys: dict[str, str] = {}
        self.reused: set[str] = set()
        self.values = StageCache(root, "values")
        stored = self.values.get(content_key(self.VALUES))
        self.previous_values: dict[str, object] = stored if isinstance(stored, dict) else {}
        """Key → value made at the last build: what is not a page of its own (a compressed piece of
        a data table, the words of a report's passages)."""
        self.used_values: dict[str, object] = {}

    VALUES = "made values"

    def value(self, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """What `make()` gives, taken from the last build when it was made of the same `inputs`
        (as for `page`: they must determine the value); only the values used are kept for the next."""
        key = content_key(self.context, repr(inputs))
        if key not in self.used_values:
            self.used_values[key] = self.previous_values[key] if key in self.previous_values else make()
        return cast(T, self.used_values[key])

    def compressed(self, text: str) -> bytes:
        """`text` as one gzip member (deterministic: modification time 0, no file name), taken from
        the last build when the same text was compressed then."""
        data = text.encode("utf-8")
        return self.value(("gzip", hashlib.sha256(data).hexdigest()), lambda: gzip.compress(data, 9, mtime=0))

    def page(self, path: str, inputs: tuple[object, ...], render: Callable[[], str]) -> str:
        """The page's text: from disk when its inputs are unchanged, else `render()`.

        `inputs` must determine the page: strings, numbers and dataclass records whose repr shows
        every field (content keys of sources stand for what was read from them).
        """
        key = content_key(self.context, repr(inputs))
        self.keys[path] = key
        previous = self.previous.get(path)
        if previous is not None and previous[0] == key:
            target = os.path.join(self.content, path)
            try:
                status = os.stat(target)
                if (status.st_size, status.st_mtime_ns) == previous[1:]:
                    with open(target, "rb") as file:
                        text = file.read().decode("utf-8")
                    self.reused.add(path)
                    return text
            except (OSError, UnicodeDecodeError):
                pass
        return render()

    def save(self) -> None:
        """Remember the pages as written; call once `content/` holds them."""
        if self.cache.folder is None:
            return
        written = {}
        for path, key in self.keys.items():
            if path in self.reused:  # read back from disk just now, under the same key: the writer kept it
                written[path] = self.previous[path]
                continue
            try:
                status = os.stat(os.path.join(self.content, path))
            except OSError:
                continue
            written[path] = (key, status.st_size, status.st_mtime_ns)
        self.cache.put(content_key(self.KEY), written, only=True)
        self.values.put(content_key(self.VALUES), self.used_values, only=True)
