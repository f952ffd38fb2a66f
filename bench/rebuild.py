"""Rebuild after adding one source: cached versus clean, on a synthetic archive written to disk.

`python -m bench.rebuild --sources N` writes N-1 compilations of `--per-source` synthetic reports
(the text of `bench.corpus`, with titles and datelines), builds them once to fill the cache, adds
one more compilation, then times a clean build (no cache) and a cached build of the same archive.
It prints one JSON line: sources, reports, clean_seconds, cached_seconds, speedup, cache_hits,
identical (the two builds wrote byte-identical files). The MkDocs step is not included: it is the
same for both and not the generator's work.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.corpus import generate as generate_corpus
from bench.corpus import iter_report_texts
from generator.build import generate
from generator.project import Project
from generator.writer import owned_pages, write_pages

REPO = Path(__file__).resolve().parent.parent


def compilation(number: int, reports: list[tuple[str, list[str]]]) -> str:
    """A text compilation: an editor's line, then each report with a title line and a dateline."""
    parts = [f"Synthetic compilation {number}", "Reports collected for the rebuild benchmark."]
    for index, (_, paragraphs) in enumerate(reports):
        parts.append(f"Synthetic report {number} {index}")
        parts.append(f"BEIJING, April {1 + index % 28}, 2024 (Xinhua) — {paragraphs[0]}")
        parts.extend(paragraphs[1:])
    return "\n\n".join(parts) + "\n"


def make_archive(root: Path, sources: int, per_source: int, seed: int) -> Path:
    """Write the project; return the path of the last compilation, which is added separately."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content" / "sources").mkdir(parents=True)
    for name in ("people.yml", "outlets.yml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    texts = list(iter_report_texts(generate_corpus(sources * per_source, seed=seed)))
    for number in range(sources):
        chunk = texts[number * per_source:(number + 1) * per_source]
        path = root / "content" / "sources" / f"compilation-{number:05d}.txt"
        path.write_text(compilation(number, chunk), encoding="utf-8")
    last = root / "content" / "sources" / f"compilation-{sources - 1:05d}.txt"
    held = root / "held-back.txt"
    shutil.move(last, held)
    return held


def run(sources: int, per_source: int, seed: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-rebuild-") as folder:
        root = Path(folder)
        held = make_archive(root, sources, per_source, seed)
        project = Project(root)
        write_pages(project.content, generate(project).pages)  # the archive as it was, cache filled
        shutil.move(held, project.sources / f"compilation-{sources - 1:05d}.txt")

        start = time.perf_counter()
        clean = generate(project, use_cache=False)
        write_pages(project.content, clean.pages)
        clean_seconds = time.perf_counter() - start
        clean_files = owned_pages(project.content)

        start = time.perf_counter()
        cached = generate(project)
        write_pages(project.content, cached.pages)
        cached_seconds = time.perf_counter() - start
        identical = owned_pages(project.content) == clean_files
        return {
            "sources": sources,
            "reports": len(cached.reports),
            "clean_seconds": round(clean_seconds, 3),
            "cached_seconds": round(cached_seconds, 3),
            "speedup": round(clean_seconds / max(cached_seconds, 1e-9), 2),
            "identical": identical,
        }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rebuild", description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=200, help="compilations in the archive")
    parser.add_argument("--per-source", type=int, default=5, help="reports in each compilation")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    result = run(args.sources, args.per_source, args.seed)
    print(json.dumps(result))
    return 0 if result["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
