"""Rebuild after adding one source: `archive build` with its caches against a clean build, on a synthetic archive.

`python -m bench.rebuild --sources N` writes N-1 compilations of `--per-source` synthetic reports
(the text of `bench.corpus`, with titles and datelines) and builds them (generator and MkDocs), which
fills the caches and `site/`. It then adds one more compilation and times an incremental build
(what `archive build` does) and a clean one (`archive build --no-cache`: no cache, the site from
scratch) of the same archive, and compares everything both wrote under `content/` and `site/`.
It prints one JSON line: sources, reports, incremental_seconds (generate_seconds + site_seconds,
and site_build: whether MkDocs could build incrementally, see generator/sitebuild.py),
clean_seconds, the processor seconds of both (the machine may be shared) and of the incremental
build's generator (generate_cpu_seconds; the rest is MkDocs and swapping the site in), speedup and identical.
`--no-site` leaves MkDocs out; `--no-clean` skips the clean build and the comparison (clean_seconds,
clean_cpu_seconds, speedup and identical are then null), so a large archive costs one clean build (the
first) and the incremental one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.corpus import generate as generate_corpus
from bench.corpus import iter_report_texts
from generator.build import build_site, generate
from generator.project import Project
from generator.sitebuild import last_build
from generator.writer import write_pages

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
    shutil.copytree(REPO / "site_overrides", root / "site_overrides", ignore=shutil.ignore_patterns("__pycache__"))
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


def cpu_seconds() -> float:
    """Processor time of this process and the MkDocs processes it waited for: on a shared machine
    the wall clock also counts other people's work."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_build(project: Project, *, site: bool, use_cache: bool) -> tuple[int, float, float, float, float]:
    """`archive build` (generator.build.build) with its two halves timed: reports, generate and site
    seconds, processor seconds in all and of the generator."""
    start, cpu = time.perf_counter(), cpu_seconds()
    archive = generate(project, use_cache=use_cache)
    write_pages(project.content, archive.pages, unchanged=archive.memo.reused)
    archive.memo.save()
    generated, generator_cpu = time.perf_counter(), cpu_seconds() - cpu
    if site:
        build_site(project, incremental=use_cache, quiet=True)
    return (len(archive.reports), generated - start, time.perf_counter() - generated, cpu_seconds() - cpu,
            generator_cpu)


def snapshot(root: Path) -> dict[str, str]:
    """Digest of every file the build wrote (`content/` and `site/`), by path."""
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for top in ("content", "site") for path in sorted((root / top).rglob("*")) if path.is_file()}


def run(sources: int, per_source: int, seed: int, site: bool = True, compare: bool = True) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-rebuild-") as folder:
        root = Path(folder)
        held = make_archive(root, sources, per_source, seed)
        project = Project(root)
        timed_build(project, site=site, use_cache=True)  # the archive as it was: caches and site filled
        shutil.move(held, project.sources / f"compilation-{sources - 1:05d}.txt")

        reports, generate_seconds, site_seconds, incremental_cpu, generate_cpu = timed_build(project, site=site,
                                                                                             use_cache=True)
        site_build = last_build(root) if site else None
        incremental_seconds = generate_seconds + site_seconds
        result: dict[str, object] = {
            "sources": sources,
            "reports": reports,
            "incremental_seconds": round(incremental_seconds, 2),
            "generate_seconds": round(generate_seconds, 2),
            "site_seconds": round(site_seconds, 2),
            "site_build": site_build,
            "clean_seconds": None,
            "incremental_cpu_seconds": round(incremental_cpu, 2),
            "generate_cpu_seconds": round(generate_cpu, 2),
            "clean_cpu_seconds": None,
            "speedup": None,
            "identical": None,
        }
        if not compare:
            return result
        incremental = snapshot(root)
        shutil.rmtree(root / "site", ignore_errors=True)
        _, clean_generate, clean_site, clean_cpu, _ = timed_build(project, site=site, use_cache=False)
        clean = snapshot(root)
        clean_seconds = clean_generate + clean_site
        result.update({
            "clean_seconds": round(clean_seconds, 2),
            "clean_cpu_seconds": round(clean_cpu, 2),
            "speedup": round(clean_seconds / max(incremental_seconds, 1e-9), 1),
            "identical": incremental == clean,
        })
        return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rebuild", description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=200, help="compilations in the archive")
    parser.add_argument("--per-source", type=int, default=4,
                        help="synthetic reports in each compilation (its editor's lines make one more)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-site", action="store_true", help="leave MkDocs out")
    parser.add_argument("--no-clean", action="store_true",
                        help="skip the clean build and the comparison after the incremental one")
    args = parser.parse_args(argv)
    result = run(args.sources, args.per_source, args.seed, site=not args.no_site, compare=not args.no_clean)
    print(json.dumps(result))
    return 0 if result["identical"] is not False else 1


if __name__ == "__main__":
    sys.exit(main())
