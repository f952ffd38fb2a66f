"""One large source: does generating the archive take time proportional to the source's size?

`python -m bench.large_source --mb 1 2 4 8 16` writes, for each size, a project whose only source
is one text compilation of about N MB: reports of `bench.corpus` text (with the parallels it plants
between reports, here all within the one source), each with a title line and a Xinhua dateline, as
`bench.rebuild` writes them. It then runs `generate()` and the writer (and `mkdocs build` with
`--mkdocs`), each size in a fresh process so that the peak memory is that size's own, and prints one
JSON line per size: mb, bytes, reports, seconds, seconds_per_mb, peak_rss_mb. `--alike` gives every
report the same title (the case that once made report ids quadratic).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.corpus import generate as generate_corpus
from bench.corpus import iter_report_texts
from generator.build import build_site, generate
from generator.project import Project
from generator.writer import write_pages

REPO = Path(__file__).resolve().parent.parent
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def report_text(number: int, paragraphs: list[str], alike: bool) -> str:
    """One report: a title line, a dateline on the first paragraph, the other paragraphs."""
    title = "Foreign Minister meets counterpart" if alike else f"Report {number}: {' '.join(paragraphs[0].split()[:8])}"
    dateline = f"BEIJING, {MONTHS[number // 28 % 12]} {1 + number % 28}, {2000 + number // 336 % 25} (Xinhua) — "
    return "\n\n".join([title, dateline + paragraphs[0], *paragraphs[1:]])


def shortened(paragraphs: list[str], words: int) -> list[str]:
    """The first paragraphs of a report, as many as make up about `words` words (at least one)."""
    kept: list[str] = []
    count = 0
    for paragraph in paragraphs:
        if kept and count + len(paragraph.split()) > words:
            break
        kept.append(paragraph)
        count += len(paragraph.split())
    return kept


def source_text(size: int, *, words: int, alike: bool, seed: int) -> tuple[str, int]:
    """A compilation of at least `size` bytes (UTF-8) and how many reports it holds."""
    parts = ["A large compilation", "Reports collected for the large-source benchmark."]
    total = sum(len(p.encode()) + 2 for p in parts)
    batch, reports = 0, 0
    while total < size:
        corpus = generate_corpus(200, seed=seed * 1000 + batch, words_per_report=words)
        for _, generated in iter_report_texts(corpus):
            paragraphs = shortened(generated, words)
            text = report_text(reports, paragraphs, alike)
            parts.append(text)
            total += len(text.encode()) + 2
            reports += 1
            if total >= size:
                break
        batch += 1
    return "\n\n".join(parts) + "\n", reports


def make_project(root: Path, text: str) -> Project:
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content" / "sources").mkdir(parents=True)
    for name in ("people.yml", "outlets.yml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    (root / "content" / "sources" / "large.txt").write_text(text, encoding="utf-8")
    return Project(root)


def run_one(mb: float, *, words: int, alike: bool, seed: int, mkdocs: bool) -> dict[str, object]:
    """Build one project of `mb` MB in this process and measure it."""
    text, reports = source_text(int(mb * 1_000_000), words=words, alike=alike, seed=seed)
    with tempfile.TemporaryDirectory(prefix="bench-large-") as folder:
        project = make_project(Path(folder), text)
        start = time.perf_counter()
        archive = generate(project, use_cache=False)
        generated = time.perf_counter()
        write_pages(project.content, archive.pages)
        seconds = time.perf_counter() - start
        result: dict[str, object] = {
            "mb": mb, "bytes": len(text.encode()), "written_reports": reports,
            "reports": len(archive.reports), "pages": len(archive.pages),
            "seconds": round(seconds, 2), "generate_seconds": round(generated - start, 2),
            "write_seconds": round(seconds - (generated - start), 2), "seconds_per_mb": round(seconds / mb, 2),
        }
        if mkdocs:
            start = time.perf_counter()
            shutil.copytree(REPO / "site_overrides", project.root / "site_overrides")
            build_site(project, incremental=False, quiet=True)
            result["mkdocs_seconds"] = round(time.perf_counter() - start, 2)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.large_source", description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 2, 4, 8, 16], help="sizes of the source")
    parser.add_argument("--words", type=int, default=600, help="words per report (about 6 bytes each)")
    parser.add_argument("--alike", action="store_true", help="every report has the same title")
    parser.add_argument("--mkdocs", action="store_true", help="also time `mkdocs build --strict`")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--here", action="store_true", help="measure in this process (one size)")
    args = parser.parse_args(argv)
    options = {"words": args.words, "alike": args.alike, "seed": args.seed, "mkdocs": args.mkdocs}
    if args.here:
        for mb in args.mb:
            print(json.dumps(run_one(mb, **options)), flush=True)
        return 0
    first: dict[str, Any] | None = None
    for mb in args.mb:
        flags = [f"--words={args.words}", f"--seed={args.seed}", *(["--alike"] if args.alike else []),
                 *(["--mkdocs"] if args.mkdocs else [])]
        out = subprocess.run([sys.executable, "-m", "bench.large_source", "--here", "--mb", str(mb), *flags],
                             cwd=REPO, check=True, stdout=subprocess.PIPE, text=True).stdout
        result = json.loads(out.strip().splitlines()[-1])
        first = first or result
        # time per MB relative to the smallest size: stays near 1 when the build is linear
        ratio = result["seconds_per_mb"] / max(first["seconds_per_mb"], 1e-9)
        result["per_mb_vs_first"] = round(ratio, 2)
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
