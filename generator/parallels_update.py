"""Bring the parallels of an archive up to date after passages were added, without redoing the stage.

`find_parallels` over a whole archive reads every passage again; adding one source of five
reports changes only a little of what it computes. This module keeps what the stage built (the
report-frequency sketch, the bucket of every shingle, each passage's fingerprints, the postings
and the parallels found) and, when the new archive is the old one plus passages of new reports,
redoes only what those passages can change:

1. the new reports are counted into the sketch; a bucket whose status changes (a shingle now in
   two reports, so it may link; or in more than `MAX_REPORTS_PER_FINGERPRINT`, so it is a stock
   phrase) marks every old passage that has a shingle in it as *affected*;
2. the fingerprints of the new and the affected passages are winnowed again and the postings
   updated;
3. every pair with a side among those passages, and every pair sharing a fingerprint whose
   postings changed, is judged again (candidate rule, then verification); every other pair keeps
   its verdict, since nothing it depends on changed.

The result is the list `find_parallels` returns on the whole archive, in the same order: a test
(`tests/test_incremental.py`) compares the two on archives with planted parallels and stock
phrases. Anything else (a passage removed or edited, a new passage in an old report, a sketch
that must grow) runs the whole stage and keeps its index for the next time.
"""

from __future__ import annotations

import dataclasses
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from hashlib import blake2b
from itertools import combinations

from generator.parallels import (
    _SKIP,
    FORMULAS,
    MAX_REPORTS_PER_FINGERPRINT,
    SHORT_PASSAGE_WORDS,
    Parallel,
    PassageText,
    _indexed_shingles,
    _Neutral,
    _sketch_size,
    _TokenIds,
    _verify,
    _winnow,
    find_parallels,
)

Progress = Callable[[int, int], None]
PassageKey = tuple[str, str]
"""(report id, anchor): a passage's identity."""


def text_digest(text: str) -> bytes:
    return blake2b(text.encode("utf-8"), digest_size=16).digest()


@dataclass
class ParallelIndex:
    """What the parallels stage built for one archive. Passages are numbered by *serial*: in sorted
    order at the last whole run, then in the order they were added (so nothing is renumbered)."""

    neutral: tuple[str, ...]
    """The neutral names and roles the stage ran with: others mean a whole run."""
    keys: list[PassageKey]
    digests: list[bytes]
    """Digest of each passage's text: an edited passage means a whole run."""
    sketch: bytearray
    """Saturating count of reports per shingle bucket, as `find_parallels` makes it."""
    buckets: array[int]
    """Sketch bucket of every shingle, passage after passage."""
    offsets: array[int]
    """Where each passage's shingles start in `buckets` (one more entry than passages)."""
    n_tokens: array[int]
    fingerprints: list[tuple[int, ...]]
    postings: dict[int, list[int]]
    """Fingerprint → serials of the passages that have it."""
    parallels: list[Parallel]

    @classmethod
    def from_stage(cls, items: Sequence[PassageText], index: dict[str, object], parallels: list[Parallel],
                   neutral: tuple[str, ...]) -> ParallelIndex:
        """The index `find_parallels` filled (passages in its sorted order)."""
        sketch = index["sketch"]
        shingles, offsets, n_tokens, raw_postings = (index["shingles"], index["offsets"], index["n_tokens"],
                                                     index["postings"])
        assert isinstance(sketch, bytearray) and isinstance(shingles, array) and isinstance(offsets, array)
        assert isinstance(n_tokens, array) and isinstance(raw_postings, dict)
        postings = {h: [pids] if isinstance(pids, int) else list(pids) for h, pids in raw_postings.items()}
        found: list[list[int]] = [[] for _ in items]
        for h, pids in postings.items():
            for pid in pids:
                found[pid].append(h)
        return cls(
            neutral=neutral,
            keys=[(p.report_id, p.anchor) for p in items],
            digests=[text_digest(p.text) for p in items],
            sketch=sketch,
            buckets=array("I", map((len(sketch) - 1).__and__, shingles)),
            offsets=offsets,
            n_tokens=n_tokens,
            fingerprints=[tuple(sorted(hs)) for hs in found],
            postings=postings,
            parallels=parallels,
        )


def parallels_with_index(passages: Sequence[PassageText], previous: ParallelIndex | None,
                         progress: Progress | None = None,
                         neutral: Sequence[str] = ()) -> tuple[list[Parallel], ParallelIndex]:
    """`find_parallels(passages, neutral=neutral)` and the index for next time, from `previous` where it can."""
    items = sorted(passages, key=lambda p: (p.report_id, p.anchor))
    usable = previous is not None and previous.neutral == tuple(neutral)
    added = added_passages(items, previous) if previous is not None and usable else None
    if previous is not None and added is not None:
        if not added:
            return previous.parallels, previous
        parallels = add_passages(previous, items, added)
        return parallels, dataclasses.replace(previous)  # a new object: the caller stores what changed
    index: dict[str, object] = {}
    parallels = find_parallels(items, progress=progress, neutral=neutral, index=index)
    return parallels, ParallelIndex.from_stage(items, index, parallels, tuple(neutral))


def added_passages(items: list[PassageText], previous: ParallelIndex) -> list[PassageText] | None:
    """The passages new since `previous`, if the archive is the old one plus new reports; else None."""
    if _sketch_size(sum(len(p.text) for p in items) // 6) != len(previous.sketch):
        return None
    old = dict(zip(previous.keys, previous.digests, strict=True))
    old_reports = {report_id for report_id, _ in previous.keys}
    added, kept = [], 0
    for item in items:
        digest = old.get((item.report_id, item.anchor))
        if digest is None:
            if item.report_id in old_reports:
                return None  # a new passage in an old report changes that report's sketch counts
            added.append(item)
        elif digest != text_digest(item.text):
            return None
        else:
            kept += 1
    return added if kept == len(previous.keys) else None


def add_passages(index: ParallelIndex, items: list[PassageText], added: list[PassageText]) -> list[Parallel]:
    """Update `index` in place for the `added` passages (of new reports); return all parallels."""
    cap = MAX_REPORTS_PER_FINGERPRINT
    sketch, mask = index.sketch, len(index.sketch) - 1
    token_ids = _TokenIds()
    folding = _Neutral([*FORMULAS, *index.neutral], token_ids)
    text_of = {(p.report_id, p.anchor): p.text for p in items}
    n_old = len(index.keys)

    def pair(a: int, b: int) -> tuple[int, int]:
        """The passage that sorts first comes first, as `find_parallels` orients a pair."""
        return (a, b) if index.keys[a] < index.keys[b] else (b, a)

    # 1. the new reports in the sketch; buckets whose status changes mark the old passages in them
    before: dict[int, int] = {}
    shingles_of: dict[int, list[int]] = {}
    report_buckets: set[int] = set()
    for position, item in enumerate(added):
        serial = len(index.keys)
        ids = token_ids.of(item.text)
        shingles = _indexed_shingles(ids, folding)
        shingles_of[serial] = shingles
        index.keys.append((item.report_id, item.anchor))
        index.digests.append(text_digest(item.text))
        index.n_tokens.append(len(ids))
        index.fingerprints.append(())
        index.buckets.extend(map(mask.__and__, shingles))
        index.offsets.append(len(index.buckets))
        report_buckets.update(map(mask.__and__, shingles))
        if position + 1 == len(added) or added[position + 1].report_id != item.report_id:
            for bucket in report_buckets:
                before.setdefault(bucket, sketch[bucket])
                sketch[bucket] = min(255, sketch[bucket] + 1)
            report_buckets = set()
    changed = bytearray(len(sketch))
    for bucket, value in before.items():
        if status(value) != status(sketch[bucket]):
            changed[bucket] = 1
    affected = set(range(n_old, len(index.keys)))
    hits = bytes(map(changed.__getitem__, index.buckets[:index.offsets[n_old]]))
    position = hits.find(1)
    while position != -1:
        serial = bisect_right(index.offsets, position) - 1
        affected.add(serial)
        position = hits.find(1, index.offsets[serial + 1])

    # 2. fingerprints of the new and affected passages, and the postings
    recheck: set[tuple[int, int]] = set()
    touched: set[int] = set()
    new_prints: dict[int, tuple[int, ...]] = {}
    for serial in sorted(affected):
        shingles = shingles_of.get(serial) or _indexed_shingles(token_ids.of(text_of[index.keys[serial]]), folding)
        new_prints[serial] = fingerprints(shingles, sketch, mask)
        for h in index.fingerprints[serial]:  # partners it had: their shared counts may drop
            recheck.update(pair(serial, other) for other in index.postings[h] if other != serial)
    for serial, prints in new_prints.items():
        old, new = set(index.fingerprints[serial]), set(prints)
        for h in old - new:
            index.postings[h].remove(serial)
            if not index.postings[h]:
                del index.postings[h]
        for h in new - old:
            index.postings.setdefault(h, []).append(serial)
        touched.update(old ^ new)
        index.fingerprints[serial] = prints
    for serial, prints in new_prints.items():
        for h in prints:
            recheck.update(pair(serial, other) for other in index.postings[h] if other != serial)
    for h in touched:
        recheck.update(pair(a, b) for a, b in combinations(index.postings.get(h, ()), 2))

    # 3. the candidate rule and verification for those pairs; every other verdict stands
    report_count: dict[int, int] = {}

    def reports_of(h: int) -> int:
        if h not in report_count:
            report_count[h] = len({index.keys[s][0] for s in index.postings[h]})
        return report_count[h]

    def stock(h: int) -> bool:
        return sketch[h & mask] > cap

    folded: dict[int, tuple[list[int], list[int], list[int]]] = {}
    found: list[Parallel] = []
    for a, b in recheck:
        key_a, key_b = index.keys[a], index.keys[b]
        if key_a[0] == key_b[0]:
            continue
        shared = sum(1 for h in set(index.fingerprints[a]) & set(index.fingerprints[b]) if 2 <= reports_of(h) <= cap)
        if not (shared > 1 or (shared and min(index.n_tokens[a], index.n_tokens[b]) <= SHORT_PASSAGE_WORDS)):
            continue
        for serial in (a, b):
            if serial not in folded:
                folded[serial] = folding.fold(token_ids.of(text_of[index.keys[serial]]))
        parallel = _verify(PassageText(*key_a, text_of[key_a]), PassageText(*key_b, text_of[key_b]), folded[a],
                           folded[b], (index.n_tokens[a], index.n_tokens[b]), token_ids.numbers, stock)
        if parallel is not None:
            found.append(parallel)
    serial_of = {key: serial for serial, key in enumerate(index.keys)}
    kept = [p for p in index.parallels
            if (serial_of[(p.a.report_id, p.a.anchor)], serial_of[(p.b.report_id, p.b.anchor)]) not in recheck]
    index.parallels = sorted(kept + found, key=lambda p: (p.a.report_id, p.a.anchor, p.b.report_id, p.b.anchor))
    return index.parallels


def status(count: int) -> tuple[bool, bool]:
    """(may link, is a stock phrase) for a sketch count, as `find_parallels` reads it."""
    return 2 <= count <= MAX_REPORTS_PER_FINGERPRINT, count > MAX_REPORTS_PER_FINGERPRINT


def fingerprints(shingles: list[int], sketch: bytearray, mask: int) -> tuple[int, ...]:
    """A passage's winnowed fingerprints, shingles that cannot link blanked out first (pass 2)."""
    linking = [2 <= sketch[h & mask] <= MAX_REPORTS_PER_FINGERPRINT for h in shingles]
    if not any(linking):
        return ()
    return tuple(sorted(_winnow([h if flag else _SKIP for h, flag in zip(shingles, linking, strict=True)])))


