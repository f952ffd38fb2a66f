"""Generated files cut into pieces a rebuild makes again one at a time, and the search index's
pieces packed into scripts.

`runs` cuts a sequence where its items say, not where they stand, so an item added changes one
run: the search index's docs shards and the data tables' gzip members are such runs. `script`
packs a piece of the search index: its JSON deflated and in base85 or base64, registered with
`window.__archiveSearch.add(kind, key, packed)` (see `generator/search_index.py`).
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def runs(items: list[T], name: Callable[[T], str], every: int) -> list[list[T]]:
    """`items` cut into runs: a run ends after an item whose name hashes to 0 modulo `every` (about
    `every` items a run). Where a run ends depends only on the items near it, so an item added
    changes its own run alone (or cuts it in two), not every run after it."""
    cut: list[list[T]] = []
    run: list[T] = []
    for item in items:
        run.append(item)
        if ends_a_run(name(item), every):
            cut.append(run)
            run = []
    if run or not cut:
        cut.append(run)
    return cut


def ends_a_run(name: str, every: int) -> bool:
    return zlib.crc32(name.encode("utf-8")) % every == 0


Packing = tuple[int, Callable[[bytes], bytes], Callable[[str], bytes]]
PACKING: dict[str, Packing] = {
    "docs": (9, base64.b85encode, base64.b85decode),
    "terms": (5, base64.b64encode, base64.b64decode),
    "manifest": (9, base64.b64encode, base64.b64decode),
}
"""Each kind of piece's deflate level and digits. Docs shards, most of the index and made once
(kept by the memo), take base85 (RFC 1924's digits, as `base64.b85encode` writes them: 5 characters
for 4 bytes, where base64 takes 5.33, 6 % less) at level 9. Term shards are made again every build
(a report added renumbers the passages after it), so they take what is fast to make: level 5 (at
12,000 reports 0.3 s instead of 2.4 s at level 9, for 2 % more bytes) and base64, which Python
writes in C (its base85 is Python, 0.3 s more for them). Neither set of digits holds a quote,
backslash or line end, nor `<` and `/` together, so text from the sources stays inert in the
script's string whatever it holds."""


def pack(kind: str, data: object) -> str:
    """`data` as JSON, deflated (raw deflate: the same bytes every build) and in the digits of its kind."""
    level, encode, _decode = PACKING[kind]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    deflate = zlib.compressobj(level, zlib.DEFLATED, -15)
    return encode(deflate.compress(text) + deflate.flush()).decode("ascii")


def unpack(kind: str, packed: str) -> object:
    """What `pack` packed (for tests and benchmarks; the browser does the same in `archive-search.js`)."""
    return json.loads(zlib.decompress(PACKING[kind][2](packed), -15).decode("utf-8"))


def read_script(text: str) -> object:
    """The data of a piece of the index written by `script` (for tests and benchmarks)."""
    kind = text[text.index('add("') + 5:text.index('",')]
    return unpack(kind, text[text.rindex(',"') + 2:text.rindex('");')])


def script(kind: str, key: int | str | None, data: object) -> str:
    """One piece of the index as a script that hands its packed data to the search code."""
    return f'window.__archiveSearch.add("{kind}",{json.dumps(key)},"{pack(kind, data)}");\n'
