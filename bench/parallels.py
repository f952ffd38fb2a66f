"""Benchmark of the parallel-passage stage: `python -m bench.parallels --reports N`.

Prints one JSON line: archive size, wall time of `find_parallels` (corpus generation not counted),
peak RSS of the process, precision and recall against the planted truth, and, for N <= 2000,
the time of the obvious baseline that aligns every pair of passages from different reports with
the same verification.  When the baseline has too many pairs to run in reasonable time, a random
sample of pairs is timed and the total is extrapolated; the output then says
`"baseline_estimated": true`.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import sys
import time
from collections.abc import Sequence

from bench.corpus import Corpus, TruthPair, generate
from generator.parallels import PassageText, _align, _TokenIds, find_parallels

BASELINE_MAX_REPORTS = 2000
"""The baseline is only run (or estimated) up to this many reports."""
BASELINE_FULL_PAIRS = 300_000
"""Up to this many pairs the baseline really aligns them all; beyond, it is sampled."""
BASELINE_SAMPLE = 30_000


def _score(found: set[TruthPair], truth: set[TruthPair]) -> tuple[float, float]:
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    return round(precision, 4), round(recall, 4)


def _baseline(passages: Sequence[PassageText], truth: set[TruthPair], seed: int) -> dict[str, object]:
    """Align every cross-report pair (or a sample, extrapolated) with the stage's own verifier."""
    start = time.perf_counter()
    ids = _TokenIds()
    tokens = [ids.of(p.text) for p in passages]
    reports = [p.report_id for p in passages]
    tokenise_seconds = time.perf_counter() - start
    n = len(passages)
    per_report: dict[str, int] = {}
    for r in reports:
        per_report[r] = per_report.get(r, 0) + 1
    total_pairs = (n * n - sum(c * c for c in per_report.values())) // 2
    out: dict[str, object] = {"baseline_pairs": total_pairs}
    if total_pairs <= BASELINE_FULL_PAIRS:
        found: set[TruthPair] = set()
        t0 = time.perf_counter()
        for i in range(n):
            ti, ri = tokens[i], reports[i]
            for j in range(i + 1, n):
                if reports[j] != ri and _align(ti, tokens[j], ids.numbers) is not None:
                    a, b = passages[i], passages[j]
                    key = (a.report_id, a.anchor, b.report_id, b.anchor)
                    found.add(key if key[:2] < key[2:] else (*key[2:], *key[:2]))
        out["baseline_seconds"] = round(tokenise_seconds + time.perf_counter() - t0, 3)
        out["baseline_estimated"] = False
        out["baseline_precision"], out["baseline_recall"] = _score(found, truth)
        return out
    rng = random.Random(seed)
    sample: list[tuple[int, int]] = []
    while len(sample) < BASELINE_SAMPLE:
        i, j = rng.randrange(n), rng.randrange(n)
        if reports[i] != reports[j]:
            sample.append((i, j))
    t0 = time.perf_counter()
    for i, j in sample:
        _align(tokens[i], tokens[j], ids.numbers)
    per_pair = (time.perf_counter() - t0) / len(sample)
    out["baseline_seconds"] = round(tokenise_seconds + per_pair * total_pairs, 1)
    out["baseline_estimated"] = True
    return out


def run(n_reports: int, *, seed: int = 0, baseline: bool = True, progress: bool = False) -> dict[str, object]:
    """Generate an archive, time the stage on it and score the result."""
    corpus: Corpus = generate(n_reports, seed=seed)
    gc.collect()

    def show(done: int, total: int) -> None:
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    start = time.perf_counter()
    parallels = find_parallels(corpus.passages, progress=show if progress else None)
    seconds = time.perf_counter() - start
    if progress:
        print(file=sys.stderr)
    found = {(p.a.report_id, p.a.anchor, p.b.report_id, p.b.anchor) for p in parallels}
    precision, recall = _score(found, corpus.truth)
    result: dict[str, object] = {
        "reports": n_reports,
        "passages": len(corpus.passages),
        "planted": len(corpus.truth),
        "found": len(found),
        "seconds": round(seconds, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "precision": precision,
        "recall": recall,
    }
    if baseline and n_reports <= BASELINE_MAX_REPORTS:
        result.update(_baseline(corpus.passages, corpus.truth, seed))
        result["speedup"] = round(float(result["baseline_seconds"]) / max(seconds, 1e-9), 1)  # type: ignore[arg-type]
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.parallels", description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=2000, help="number of reports to generate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--baseline",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=f"time the all-pairs baseline (only for <= {BASELINE_MAX_REPORTS} reports)",
    )
    parser.add_argument("--progress", action="store_true", help="show progress on stderr")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.reports, seed=args.seed, baseline=args.baseline, progress=args.progress)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
