"""The whole build at scale and what the site weighs: generate `content/`, then MkDocs, on a synthetic archive.

`python -m bench.site --sources N` writes N compilations (as `bench.rebuild` does), runs a clean
build (generator, then MkDocs) and prints one JSON line: reports, files, generate_seconds,
mkdocs_seconds, site_mb, kb_per_report (all of `site/`, in bytes of its files) and `kinds`: for
each kind of file (report pages, their CSL-JSON, compare pages, ...) its files, MB, KB per report
and KB per file, with `over_budget` naming every kind whose files weigh more on average than
`BUDGET` allows (the exit code is 1 then). GitHub Pages publishes at most 1 GB, so
`largest_archive_on_pages` is the number of reports of this kind that fit, from kb_per_report.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from bench.rebuild import make_archive
from generator.build import build_site, generate
from generator.project import Project
from generator.writer import write_pages

PAGES_LIMIT_BYTES = 10**9
"""GitHub Pages: a published site may be no larger than 1 GB."""

KINDS: dict[tuple[str, str], str] = {
    ("reports", ".html"): "report page",
    ("reports", ".json"): "report CSL-JSON",
    ("compare", ".html"): "compare page",
    ("compilations", ".html"): "compilation page",
    ("compilations", ".gz"): "source file",
    ("people", ".html"): "person or outlet page",
    ("outlets", ".html"): "person or outlet page",
    ("search", ""): "search index",
    ("data", ""): "data export",
    ("assets", ""): "theme assets",
}
"""Kinds of files by their folder in `site/` and suffix ("" for any); anything else is "listing or other"."""
LISTINGS = ("reports/index.html", "compare/index.html", "compilations/index.html", "people/index.html",
            "outlets/index.html")

BUDGET_KB_PER_FILE = {
    "report page": 9.0,
    "report CSL-JSON": 0.4,
    "compare page": 5.5,
    "compilation page": 5.0,
    "source file": 6.0,
}
"""Average weight of one file of each kind a report adds (measured at 2,000 and 10,000 reports: 8.6,
0.36, 5.0, 4.7 and 5.5 KB; see the README's *Size*). A synthetic report is ~600 words (~4 KB of
text); the rest of its page is the theme's frame (~2.7 KB: head, header, scripts; the navigation
comes from one script, assets/site-nav.js), its facts, links to its parallels and its citation. A
source file is a compilation's text gzip-compressed (synthetic text compresses to a third, real text
to about half). The theme's assets are a fixed 0.3 MB whatever the archive."""


def kind_of(relative: str) -> str:
    folder, _, name = relative.partition("/")
    if not name or relative in LISTINGS or name.startswith("index/"):  # a paged listing: compare/index/2024.html
        return "listing or other"
    return KINDS.get((folder, Path(name).suffix)) or KINDS.get((folder, ""), "listing or other")


def weigh(site: Path, reports: int) -> dict[str, object]:
    """Size of the built site by kind of file, per report and per file, and the kinds over budget."""
    files: dict[str, int] = defaultdict(int)
    sizes: dict[str, int] = defaultdict(int)
    for path in site.rglob("*"):
        if path.is_file():
            kind = kind_of(path.relative_to(site).as_posix())
            files[kind] += 1
            sizes[kind] += path.stat().st_size
    total = sum(sizes.values())
    kinds = {kind: {"files": files[kind], "mb": round(sizes[kind] / 2**20, 2),
                    "kb_per_report": round(sizes[kind] / 1024 / reports, 2),
                    "kb_per_file": round(sizes[kind] / 1024 / files[kind], 2)}
             for kind in sorted(sizes)}
    per_report = total / reports
    return {
        "site_mb": round(total / 2**20, 1),
        "kb_per_report": round(per_report / 1024, 1),
        "largest_archive_on_pages": int(PAGES_LIMIT_BYTES / per_report),
        "kinds": kinds,
        "over_budget": sorted(kind for kind, budget in BUDGET_KB_PER_FILE.items()
                              if kind in kinds and kinds[kind]["kb_per_file"] > budget),
    }


def run(sources: int, per_source: int, seed: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-site-") as folder:
        root = Path(folder)
        held = make_archive(root, sources, per_source, seed)
        shutil.move(held, root / "content" / "sources" / held.name)
        project = Project(root)
        start = time.perf_counter()
        archive = generate(project, use_cache=False)
        write_pages(project.content, archive.pages)
        generate_seconds = time.perf_counter() - start
        start = time.perf_counter()
        build_site(project, incremental=False, quiet=True)  # as `archive build --no-cache` does
        mkdocs_seconds = time.perf_counter() - start
        return {
            "reports": len(archive.reports),
            "files": len(archive.pages),
            "generate_seconds": round(generate_seconds, 2),
            "mkdocs_seconds": round(mkdocs_seconds, 2),
            **weigh(root / "site", len(archive.reports)),
        }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.site", description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=400)
    parser.add_argument("--per-source", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    result = run(args.sources, args.per_source, args.seed)
    print(json.dumps(result))
    return 1 if result["over_budget"] else 0


if __name__ == "__main__":
    sys.exit(main())
