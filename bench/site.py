"""The whole build at scale and what the site weighs: generate `content/`, then MkDocs, on a synthetic archive.

`python -m bench.site --sources N` writes N compilations (as `bench.rebuild` does), runs a clean
build (generator, then MkDocs) and prints one JSON line: reports, files, generate_seconds,
mkdocs_seconds, site_mb, kb_per_report (all of `site/`, in bytes of its files) and `kinds`: for
each kind of file (report pages, their CSL-JSON, compare pages, ...) its files, MB, KB per report
and KB per file, with `over_budget` naming every kind whose files weigh more on average than
`BUDGET` allows (the exit code is 1 then). GitHub Pages publishes at most 1 GB, so
`largest_archive_on_pages` is the number of reports of this kind that fit, from kb_per_report.

`python -m bench.site --corpus tests/fixtures/realworld [--corpus ...]` builds the same way from real
sources instead: every source and sidecar of each corpus folder (the layout of `bench.fidelity`'s),
with their `people.yml` and `outlets.yml` merged (an entry named in two corpora keeps the union of
its aliases and domains). Both modes print `words_per_report` (of the reports' passages),
`per_report_kb` (the kinds a report adds to: its page, CSL-JSON, compare and compilation pages, source
file, search index, data export), `fixed_kb` (the others: theme assets, listings, person and outlet
pages, which at a few hundred reports weigh far more a report than at 10,000) and `projection`: what
a report of this text weighs in an archive of 10,000 reports as long as the synthetic ones. In it a
report page keeps its measured frame, facts and citation and gains the missing words as its
passages carry them (HTML-escaped bytes a word); the source file, search index and data export gain
them compressed as this text compresses as a whole (gzip -9 of all the passages, times the copies of
the text each carries: `TEXT_COPIES`); compare and compilation pages weigh what they weigh a page
here, as many a report as in the synthetic archive at scale, and the listings, person and outlet
pages and theme what they weigh a report there (`SYNTHETIC`). The budgets are checked
in both modes; only the synthetic one exits 1 when a kind is over (they are set on its reports).
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import yaml

from bench.rebuild import REPO, make_archive
from generator.build import Archive, build_site, generate
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
    "report page": 8.8,
    "report CSL-JSON": 0.4,
    "compare page": 5.0,
    "compilation page": 4.8,
    "source file": 6.0,
}
"""Average weight of one file of each kind a report adds (measured at 2,001 reports: 8.39, 0.36, 4.75,
4.47 and 5.46 KB; see the README's *Size*). A synthetic report's passages are ~475 words (~3.3 KB
of text); the rest of its page is the theme's frame (~2.7 KB: head, header, scripts; the navigation
comes from one script, assets/site-nav.js), its facts, links to its parallels and its citation. A
source file is a compilation's text gzip-compressed (synthetic text compresses to a third, real text
to about half). The theme's assets are a fixed 0.3 MB whatever the archive."""


PER_REPORT = ("report page", "report CSL-JSON", "compare page", "compilation page", "source file",
              "search index", "data export")
"""Kinds a report adds a file or bytes to; the others (listings, person and outlet pages, the theme)
are fixed or grow with the listings' rows."""
TEXT_COPIES = {"source file": 1.0, "search index": 1.4, "data export": 2.0}
"""Kinds that carry the reports' text compressed, and how many times: the sources once, the search
index once in its docs shards plus postings that grow with the words (the term shards weigh 0.4 of the
docs shards in the synthetic run), the data export twice (`reports.jsonl` and `passages.jsonl`)."""
SYNTHETIC_WORDS_PER_REPORT = 475
"""Words of a synthetic report's passages (`bench.corpus`, measured by `bench.site`; ~3.3 KB of text)."""
SYNTHETIC = {"compare page": 1050 / 2001, "compilation page": 400 / 2001, "rows and theme": 0.54 + 0.52 + 0.03}
"""The synthetic archive at scale (`--sources 400`, 2,001 reports, measured on 2026-11-30): compare and
compilation pages a report, and the KB a report of the rows of the listings and of person and outlet
pages, which do not grow with a report's text, plus the theme's 0.3 MB spread over 10,000 reports."""


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


def merged_registry(files: Sequence[Path]) -> list[dict[str, object]]:
    """The entries of several `people.yml` or `outlets.yml`: one per name, in first-seen order, with
    the union of the list fields (aliases, role aliases, domains) of every corpus that names it."""
    merged: dict[str, dict[str, object]] = {}
    for path in files:
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            kept = merged.setdefault(entry["name"], {})
            for key, value in entry.items():
                if isinstance(value, list):
                    known = kept.setdefault(key, [])
                    assert isinstance(known, list)
                    known.extend(v for v in value if v not in known)
                else:
                    kept.setdefault(key, value)
    return list(merged.values())


def make_real_archive(root: Path, corpora: Sequence[Path]) -> None:
    """A project of every source and sidecar of the corpus folders, with their registries merged."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_overrides", root / "site_overrides", ignore=shutil.ignore_patterns("__pycache__"))
    sources = root / "content" / "sources"
    sources.mkdir(parents=True)
    for name in ("people.yml", "outlets.yml"):
        found = [corpus / name for corpus in corpora if (corpus / name).is_file()] or [REPO / "content" / name]
        (root / "content" / name).write_text(yaml.safe_dump(merged_registry(found), allow_unicode=True,
                                                            sort_keys=False), encoding="utf-8")
    for corpus in corpora:
        for path in sorted((corpus / "sources").iterdir()):
            if path.is_file():
                if (sources / path.name).exists():
                    raise SystemExit(f"{path}: a source of this name is in another corpus already")
                shutil.copy(path, sources / path.name)


def texts_of(archive: Archive) -> list[str]:
    return [passage.block.text for report in archive.reports for passage in report.passages]


def project(weight: dict[str, object], texts: Sequence[str]) -> dict[str, object]:
    """What a report of this text weighs in an archive of 10,000 reports of synthetic length (see the
    module's docstring): KB a report by kind, and all in."""
    kinds, reports = weight["kinds"], weight["reports"]
    assert isinstance(kinds, dict) and isinstance(reports, int)
    words = sum(len(text.split()) for text in texts)
    extra_words = SYNTHETIC_WORDS_PER_REPORT * reports / words - 1  # words to add, as a share of the words
    page_text = sum(len(html.escape(text, quote=False).encode()) for text in texts)
    compressed = len(gzip.compress("\n".join(texts).encode(), 9, mtime=0))
    projected: dict[str, float] = {}
    for kind in PER_REPORT:
        if kind not in kinds:
            continue
        measured = kinds[kind]["kb_per_report"]
        if kind == "report page":  # the frame, facts and citation as measured, more text
            projected[kind] = measured + page_text * extra_words / 1024 / reports
        elif kind in TEXT_COPIES:  # more text, compressed as well as this text compresses as a whole
            projected[kind] = measured + TEXT_COPIES[kind] * compressed * extra_words / 1024 / reports
        elif kind in SYNTHETIC:  # as heavy a page, as many a report as the synthetic archive has
            projected[kind] = kinds[kind]["kb_per_file"] * SYNTHETIC[kind]
        else:
            projected[kind] = measured
    projected["rows and theme"] = SYNTHETIC["rows and theme"]
    total = sum(projected.values())
    return {"text_gzip_ratio": round(compressed / len("\n".join(texts).encode()), 3),
            "kinds": {kind: round(kb, 2) for kind, kb in projected.items()}, "kb_per_report": round(total, 1),
            "largest_archive_on_pages": int(PAGES_LIMIT_BYTES / (total * 1024))}


def build_and_weigh(root: Path) -> dict[str, object]:
    """A clean build of the project at `root` (generator, then MkDocs), timed and weighed."""
    project_ = Project(root)
    start = time.perf_counter()
    archive = generate(project_, use_cache=False)
    write_pages(project_.content, archive.pages)
    generate_seconds = time.perf_counter() - start
    start = time.perf_counter()
    build_site(project_, incremental=False, quiet=True)  # as `archive build --no-cache` does
    mkdocs_seconds = time.perf_counter() - start
    reports = len(archive.reports)
    weight = weigh(root / "site", reports)
    texts = texts_of(archive)
    kinds = weight["kinds"]
    assert isinstance(kinds, dict)
    return {
        "reports": reports,
        "files": len(archive.pages),
        "words_per_report": round(sum(len(text.split()) for text in texts) / reports),
        "generate_seconds": round(generate_seconds, 2),
        "mkdocs_seconds": round(mkdocs_seconds, 2),
        **weight,
        "per_report_kb": round(sum(kinds[k]["kb_per_report"] for k in PER_REPORT if k in kinds), 2),
        "fixed_kb": round(sum(v["kb_per_report"] for k, v in kinds.items() if k not in PER_REPORT), 2),
        "projection": project({**weight, "reports": reports}, texts),
    }


def run(sources: int, per_source: int, seed: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-site-") as folder:
        root = Path(folder)
        held = make_archive(root, sources, per_source, seed)
        shutil.move(held, root / "content" / "sources" / held.name)
        return build_and_weigh(root)


def run_corpus(corpora: Sequence[Path]) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-site-") as folder:
        root = Path(folder)
        make_real_archive(root, corpora)
        return {"corpora": [str(c) for c in corpora], **build_and_weigh(root)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.site", description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=400)
    parser.add_argument("--per-source", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, action="append",
                        help="build from the real sources of this corpus folder instead (sources/, people.yml, "
                             "outlets.yml, as tests/fixtures/realworld); may be given more than once")
    args = parser.parse_args(argv)
    if args.corpus:
        result = run_corpus([corpus.resolve() for corpus in args.corpus])
    else:
        result = run(args.sources, args.per_source, args.seed)
    print(json.dumps(result))
    return 1 if result["over_budget"] and not args.corpus else 0


if __name__ == "__main__":
    sys.exit(main())
