"""Smoke test of the parallel-passage benchmark: it runs, prints its JSON line, meets the targets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.corpus import generate

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_benchmark_prints_one_json_line_meeting_targets() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bench.parallels", "--reports", "50"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    lines = out.strip().splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    for key in (
        "reports",
        "passages",
        "seconds",
        "peak_rss_mb",
        "precision",
        "recall",
        "baseline_seconds",
        "speedup",
    ):
        assert key in result
    assert result["reports"] == 50
    assert result["precision"] >= 0.98
    assert result["recall"] >= 0.95


def test_corpus_is_deterministic_and_plants_every_kind() -> None:
    first, second = generate(30, seed=7), generate(30, seed=7)
    assert first.passages == second.passages
    assert first.truth == second.truth
    assert first.truth
    assert generate(30, seed=8).passages != first.passages
    texts = [p.text for p in first.passages]
    assert any(stock in text for stock in first.stock_phrases for text in texts)


def bench_result(*command: str) -> dict[str, Any]:
    """Run `python -m bench.<command>`; its exit code must be 0 and its last line is the JSON result."""
    result = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.slow
def test_rebuild_benchmark_smoke_run() -> None:
    """`python -m bench.rebuild` on a tiny archive: an incremental rebuild writes what a clean one does."""
    report = bench_result("bench.rebuild", "--sources", "6", "--per-source", "3", "--no-site")
    assert set(report) == {"sources", "reports", "incremental_seconds", "generate_seconds", "site_seconds",
                           "site_build", "clean_seconds", "incremental_cpu_seconds", "generate_cpu_seconds",
                           "clean_cpu_seconds", "speedup",
                           "identical"}
    assert report["sources"] == 6 and report["reports"] == 6 * 4 and report["identical"] is True


@pytest.mark.slow
def test_rebuild_benchmark_without_the_clean_build_reports_no_comparison() -> None:
    """`--no-clean`: the incremental build is timed, the clean build and the comparison are skipped."""
    report = bench_result("bench.rebuild", "--sources", "4", "--per-source", "2", "--no-site", "--no-clean")
    assert report["reports"] == 4 * 3 and report["incremental_cpu_seconds"] >= report["generate_cpu_seconds"] > 0
    assert report["clean_seconds"] is None and report["speedup"] is None and report["identical"] is None


def test_same_output_compare_ignores_only_sitemap_dates(tmp_path: Path) -> None:
    """`bench.same_output compare`: a changed byte anywhere is a difference, a sitemap's build date is not."""
    import gzip

    from bench.same_output import compare

    for side, day in (("a", b"2026-11-28"), ("b", b"2026-11-29")):
        sitemap = b"<url><loc>x</loc><lastmod>" + day + b"</lastmod></url>"
        (tmp_path / side / "site").mkdir(parents=True)
        (tmp_path / side / "site" / "sitemap.xml").write_bytes(sitemap)
        (tmp_path / side / "site" / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap, mtime=0))
        (tmp_path / side / "page.md").write_text("same\n")
    assert compare(tmp_path / "a", tmp_path / "b") == []
    (tmp_path / "b" / "page.md").write_text("changed\n")
    (tmp_path / "b" / "extra.md").write_text("new\n")
    assert compare(tmp_path / "a", tmp_path / "b") == [f"only in {tmp_path / 'b'}: extra.md", "differs: page.md"]


@pytest.mark.slow
def test_site_benchmark_weighs_each_kind_of_page_within_its_budget() -> None:
    """`python -m bench.site` on a tiny archive: each kind of page a report adds stays within its budget
    (the benchmark exits 1 when one is over)."""
    report = bench_result("bench.site", "--sources", "6", "--per-source", "3")
    assert report["over_budget"] == []
    kinds = report["kinds"]
    assert kinds["report page"]["files"] == report["reports"] and kinds["report CSL-JSON"]["files"] == report["reports"]
    assert kinds["compare page"]["files"] > 0 and kinds["theme assets"]["files"] > 0
    assert abs(report["largest_archive_on_pages"] * report["kb_per_report"] * 1024 - 10**9) < 10**9 / 100


@pytest.mark.slow
def test_rebuild_benchmark_with_the_site_builds_it_incrementally_and_identically() -> None:
    """With MkDocs: the incremental site build is taken (no plugin gathers from every page) and equals a clean one."""
    report = bench_result("bench.rebuild", "--sources", "5", "--per-source", "2")
    assert report["site_build"] == "incremental" and report["identical"] is True


@pytest.mark.slow
@pytest.mark.browser
def test_search_browser_benchmark_smoke_run() -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium not installed; run `make test` to install it")
    out = subprocess.run(
        [sys.executable, "-m", "bench.search_browser", "--reports", "30", "--direct", "--mode", "file"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=300,
    ).stdout
    [line] = out.strip().splitlines()
    result = json.loads(line)
    assert result["mode"] == "file" and result["reports"] >= 30
    assert 0 < result["first_results_ms"] < 10_000 and 0 < result["facet_ms"] < 10_000
    assert result["index_files"] >= 3 and result["loaded_kb"] > 0 and result["heap_mb"] > 0


@pytest.mark.slow
def test_site_benchmark_on_real_sources_weighs_them_and_projects_to_synthetic_length() -> None:
    """`python -m bench.site --corpus`: the real fixture corpora built together (their registries merged),
    the per-report kinds apart from the fixed ones, and a projection that adds the words a report lacks."""
    report = bench_result("bench.site", "--corpus", "tests/fixtures/realworld-holdout",
                          "--corpus", "tests/fixtures/realworld-holdout2")
    sources = [p for corpus in ("realworld-holdout", "realworld-holdout2")
               for p in (ROOT / "tests" / "fixtures" / corpus / "sources").iterdir() if p.suffix != ".yml"]
    kinds = report["kinds"]
    assert kinds["source file"]["files"] == kinds["compilation page"]["files"] == len(sources)
    assert kinds["report page"]["files"] == report["reports"] > len(sources) / 2
    assert 0 < report["words_per_report"] < 475  # the fixtures are shorter than a synthetic report
    assert report["per_report_kb"] + report["fixed_kb"] == pytest.approx(report["kb_per_report"], abs=0.1)
    projected = report["projection"]["kinds"]
    assert set(projected) == {"report page", "report CSL-JSON", "compare page", "compilation page", "source file",
                              "search index", "data export", "rows and theme"}
    for kind in ("report page", "source file", "search index", "data export"):
        assert projected[kind] > kinds[kind]["kb_per_report"]  # more words weigh more
    assert projected["report CSL-JSON"] == kinds["report CSL-JSON"]["kb_per_report"]
    assert report["projection"]["kb_per_report"] == pytest.approx(sum(projected.values()), abs=0.1)
    assert 0.2 < report["projection"]["text_gzip_ratio"] < 0.6
