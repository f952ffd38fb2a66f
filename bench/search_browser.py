"""Search in a real browser on a synthetic archive, over file:// and over a loopback HTTP server.

`python -m bench.search_browser --reports N` writes a synthetic archive of N reports (the text of
`bench.corpus`, spread over outlets, months and registered speakers so the facets have values),
runs the generator, and builds with MkDocs a site of the home and search pages around the
generated search index (`search/`): a query reads only the index, never the report pages, so
building those too would only make the benchmark slower. Then, in Chromium (Debian's, headless),
for each way of opening the site:

- opens the home page and types a word into the header's box: milliseconds from the first
  keystroke to the first results, and from opening the page to them;
- the longest main-thread task (PerformanceObserver `longtask`) from opening the page to the end;
- the JS heap after the search (CDP, after a garbage collection);
- on the search page, the time to apply a facet (and a second one) to a query's results, and to
  an empty query's (browsing every report);
- the bytes of the index the query loaded, and the index's total size.

It prints one JSON line per way of opening the site.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import random
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from bench.corpus import _FIRST, _LAST, iter_report_texts
from bench.corpus import generate as generate_corpus
from generator.addresses import DATA, SEARCH, SEARCH_MANIFEST
from generator.build import Archive, generate
from generator.cache import PageMemo
from generator.dataset import build_dataset
from generator.errors import Problems
from generator.mkdocs_site import run_mkdocs
from generator.models import Block, Passage, Report, ReportDate, SourceDocument, SourceMeta
from generator.project import Project
from generator.registry import load_registry
from generator.render.catalogue import Catalogue
from generator.search_index import build_search_index
from generator.writer import write_pages

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
OUTLETS = ("Xinhua", "TASS", "Reuters", "RIA Novosti", "Associated Press", "Agence France-Presse", "Global Times")
CITIES = ("BEIJING", "MOSCOW", "GENEVA", "NEW DELHI", "CAIRO", "BRASILIA", "ASTANA", "HANOI")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
PER_SOURCE = 5
QUERIES = ("cooperation", "minister", "lavrov", "sovereignty")
"""Words typed into the header's box: common to rarer ones of the synthetic text."""
SERVER_SECONDS = 900
"""The loopback server stops by itself after this long, whatever happens to the benchmark."""

OBSERVE = """
window.__bench = {longest: 0, tasks: 0};
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    window.__bench.tasks += 1;
    window.__bench.longest = Math.max(window.__bench.longest, entry.duration);
  }
}).observe({type: "longtask", buffered: true});
"""

FIRST_RESULTS = """
() => {
  const list = document.querySelector("[data-archive-search] .md-search-result__list");
  const seen = () => list.querySelector(".md-search-result__item:not(.archive-search__entity-item)");
  new MutationObserver((_, observer) => {
    if (seen()) { observer.disconnect(); window.__bench.firstResults = performance.now(); }
  }).observe(list, {childList: true});
}
"""

APPLY_FACET = """
async ([facet, which]) => {
  const page = document.querySelector(".archive-search-page");
  const list = page.querySelector(".archive-search-page__list");
  const boxes = page.querySelectorAll(`fieldset[data-facet="${facet}"] input[type=checkbox]`);
  const box = boxes[Math.min(which, boxes.length - 1)];
  if (!box) return null;
  const done = new Promise(resolve => new MutationObserver((_, observer) => {
    observer.disconnect(); resolve(performance.now());
  }).observe(list, {childList: true}));
  const start = performance.now();
  box.click();
  return (await done) - start;
}
"""

LOADED_SCRIPTS = ("[...document.querySelectorAll('head script[src]')].map(s => s.src)"
                  ".filter(s => s.includes('/search/'))")
"""The index pieces a page loaded (each is a script in the head), to add up their sizes."""


def compilation(number: int, reports: list[list[str]], rng: random.Random) -> str:
    parts = [f"Synthetic compilation {number}", "Reports collected for the search benchmark."]
    for index, paragraphs in enumerate(reports):
        year, month, day = rng.randint(2015, 2025), rng.choice(MONTHS), rng.randint(1, 28)
        parts.append(f"Synthetic report {number} {index}")
        parts.append(f"{rng.choice(CITIES)}, {month} {day}, {year} ({rng.choice(OUTLETS)}) — {paragraphs[0]}")
        parts.extend(paragraphs[1:])
    return "\n\n".join(parts) + "\n"


def people_yml() -> str:
    """Register the corpus's names, so that speakers are found and the speaker facet has thousands of values."""
    entries = [f"- name: {first} {last}\n  role: Official\n  aliases: []\n" for first in _FIRST for last in _LAST]
    return "".join(entries)


def make_archive(root: Path, reports: int, seed: int) -> None:
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_overrides", root / "site_overrides")
    (root / "content" / "sources").mkdir(parents=True)
    for name in ("outlets.yml", "topics.yml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    (root / "content" / "people.yml").write_text(people_yml(), encoding="utf-8")
    texts = [paragraphs for _, paragraphs in iter_report_texts(generate_corpus(reports, seed=seed))]
    rng = random.Random(seed)
    for number, start in enumerate(range(0, len(texts), PER_SOURCE)):
        path = root / "content" / "sources" / f"compilation-{number:06d}.txt"
        path.write_text(compilation(number, texts[start:start + PER_SOURCE], rng), encoding="utf-8")


def direct_archive(root: Path, reports: int, seed: int) -> Archive:
    """Report records made straight from the corpus (no reading, splitting or parallels stage), for
    sizes where the whole generator would take too long: outlets, dates and speakers drawn at random,
    a third of the reports marked as sharing passages."""
    project = Project(root)
    (project.content / "people.yml").write_text(people_yml(), encoding="utf-8")
    for name in ("outlets.yml", "topics.yml"):
        shutil.copy(REPO / "content" / name, project.content / name)
    problems = Problems()
    registry = load_registry(project.content, root, problems)
    assert not problems, problems.items
    rng = random.Random(seed)
    people = sorted(registry.people)
    outlets = sorted(registry.outlets)
    source = SourceDocument(Path("sources/synthetic.txt"), "synthetic", (), SourceMeta(), "0" * 64)
    records, links = [], {}
    for number, (_, paragraphs) in enumerate(iter_report_texts(generate_corpus(reports, seed=seed))):
        speakers = tuple(sorted(set(rng.sample(people, rng.randint(0, 3)))))
        passages = tuple(Passage(f"p-{number:x}-{k}", Block(text, k + 1, k + 1), rng.choice(speakers) if speakers
                                 else None) for k, text in enumerate(paragraphs))
        year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
        report_id = f"{year}-{month:02d}-{day:02d}-synthetic-report-{number}"
        records.append(Report(report_id, f"Synthetic report {number}", True, ReportDate(year, month, day),
                              rng.choice(outlets), None, speakers, (), None, source, 1, len(paragraphs), passages))
        if rng.random() < 1 / 3:
            links[(report_id, passages[0].anchor)] = []
    catalogue = Catalogue(registry, {}, records, links=links)
    pages = {"index.md": "# Synthetic archive\n", **build_search_index(catalogue)}
    return Archive(registry, [], records, [], catalogue, [], pages, PageMemo(None, project.content))


def build_site(root: Path, reports: int, seed: int, direct: bool) -> dict[str, Any]:
    """Generate the archive; build the home and search pages with the whole index around them."""
    project = Project(root)
    start = time.perf_counter()
    archive = direct_archive(root, reports, seed) if direct else generate(project, use_cache=False)
    generate_seconds = time.perf_counter() - start
    start = time.perf_counter()
    build_search_index(archive.catalogue)
    index_seconds = time.perf_counter() - start
    start = time.perf_counter()
    if not direct:
        build_dataset(archive.catalogue, archive.pairs)
    data_seconds = time.perf_counter() - start
    kept = {path: text for path, text in archive.pages.items()
            if path.startswith(f"{SEARCH}/") or path in ("index.md", "search.md")}
    def size(text: str | bytes) -> int:
        return len(text) if isinstance(text, bytes) else len(text.encode("utf-8"))

    def megabytes(prefix: str) -> float:
        return round(sum(size(text) for path, text in archive.pages.items() if path.startswith(prefix)) / 2**20, 2)

    index_bytes = sum(size(text) for path, text in kept.items() if path.startswith(f"{SEARCH}/"))
    sizes = {"terms_mb": megabytes(f"{SEARCH}/terms/"), "docs_mb": megabytes(f"{SEARCH}/docs/"),
             "manifest_mb": megabytes(SEARCH_MANIFEST), "data_mb": megabytes(f"{DATA}/")}
    shutil.rmtree(project.sources, ignore_errors=True)
    for name in ("people.yml", "outlets.yml", "topics.yml"):
        (project.content / name).unlink(missing_ok=True)
    write_pages(project.content, kept)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.split("\nnav:\n")[0] + "\nnav:\n  - Home: index.md\n  - Search: search.md\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    run_mkdocs(project.root, "build", "--quiet")
    return {"reports": len(archive.reports), "passages": sum(len(r.passages) for r in archive.reports),
            "generate_seconds": round(generate_seconds, 1), "index_seconds": round(index_seconds, 1),
            "data_seconds": round(data_seconds, 1), **sizes, "index_mb": round(index_bytes / 2**20, 2),
            "index_files": sum(1 for path in kept if path.startswith(f"{SEARCH}/")),
            "index_kb_per_report": round(index_bytes / 1024 / max(1, len(archive.reports)), 2)}


@contextlib.contextmanager
def loopback_server(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 only, on a free port, for at most SERVER_SECONDS."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    timer = threading.Timer(SERVER_SECONDS, server.shutdown)
    timer.daemon = True
    timer.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        timer.cancel()
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def measure(browser: Any, base: str, site: Path) -> dict[str, Any]:
    """Every query typed into a fresh home page, then facets on the search page; the worst figures."""
    figures: dict[str, Any] = {"first_results_ms": 0.0, "open_to_results_ms": 0.0, "word_results_ms": 0.0,
                               "longest_task_ms": 0.0, "heap_mb": 0.0, "loaded_kb": 0.0}
    for word in QUERIES:
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(OBSERVE)
        cdp = context.new_cdp_session(page)
        page.goto(base + "index.html", wait_until="load")
        box = page.locator("[data-archive-search] .md-search__input")
        page.evaluate(FIRST_RESULTS)
        box.click()
        typed_at = page.evaluate("performance.now()")
        page.keyboard.type(word, delay=30)
        page.wait_for_function("window.__bench.firstResults !== undefined", timeout=30_000)
        first = page.evaluate("window.__bench.firstResults")
        word_at = page.evaluate("performance.now()")
        page.wait_for_function(
            "(w) => [...document.querySelectorAll('[data-archive-search] .md-search-result__item mark')]"
            ".some(m => m.textContent.toLowerCase().startsWith(w))", arg=word, timeout=30_000)
        done = page.evaluate("performance.now()")
        page.wait_for_timeout(300)
        cdp.send("HeapProfiler.collectGarbage")
        heap = cdp.send("Runtime.getHeapUsage")["usedSize"] / 2**20
        loaded = sum((site / src[len(base):]).stat().st_size for src in page.evaluate(LOADED_SCRIPTS))
        longest = page.evaluate("window.__bench.longest")
        figures["first_results_ms"] = max(figures["first_results_ms"], first - typed_at)
        figures["open_to_results_ms"] = max(figures["open_to_results_ms"], first)
        figures["word_results_ms"] = max(figures["word_results_ms"], done - word_at)
        figures["longest_task_ms"] = max(figures["longest_task_ms"], longest)
        figures["heap_mb"] = max(figures["heap_mb"], heap)
        figures["loaded_kb"] = max(figures["loaded_kb"], loaded / 1024)
        context.close()
    figures.update(facets(browser, base))
    return {key: round(value, 1) if isinstance(value, float) else value for key, value in figures.items()}


def facets(browser: Any, base: str) -> dict[str, Any]:
    """Apply two facets to a query's results and one to every report's (an empty query)."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(OBSERVE)
    times = []
    for query in (QUERIES[0], ""):
        page.goto(base + "search.html" + (f"?q={query}" if query else ""), wait_until="load")
        page.wait_for_selector(".archive-search-page[data-ready]", timeout=60_000)
        for facet, which in (("outlet", 0), ("year", 1)) if query else (("speaker", 0),):
            elapsed = page.evaluate(APPLY_FACET, [facet, which])
            if elapsed is not None:
                times.append(elapsed)
    longest = page.evaluate("window.__bench.longest")
    context.close()
    return {"facet_ms": max(times), "facet_longest_task_ms": longest}


def run(reports: int, seed: int, modes: Sequence[str], direct: bool) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
        root = Path(folder)
        if direct:
            shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
            shutil.copytree(REPO / "site_overrides", root / "site_overrides")
            (root / "content").mkdir()
        else:
            make_archive(root, reports, seed)
        built = {"records": "direct" if direct else "generator", **build_site(root, reports, seed, direct)}
        site = root / "site"
        results = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            try:
                for mode in modes:
                    if mode == "file":
                        figures = measure(browser, site.as_uri() + "/", site)
                    else:
                        with loopback_server(site) as base:
                            figures = measure(browser, base, site)
                    results.append({"mode": mode, **built, **figures})
            finally:
                browser.close()
        return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search_browser", description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mode", choices=("file", "http", "both"), default="both")
    parser.add_argument("--direct", action="store_true",
                        help="make the report records straight from the corpus, without the generator's stages")
    args = parser.parse_args(argv)
    modes = ("file", "http") if args.mode == "both" else (args.mode,)
    for result in run(args.reports, args.seed, modes, args.direct):
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
