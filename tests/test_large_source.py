"""One large source builds in time proportional to its size (issue 9): `bench.large_source` and its guards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.large_source import make_project, source_text
from generator import writer
from generator.build import generate

ROOT = Path(__file__).resolve().parent.parent


def test_writing_pages_flushes_the_disk_once_not_once_per_page(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"fsync": 0, "sync": 0}
    real_fsync, real_sync = os.fsync, os.sync

    def fsync(fd: int) -> None:
        calls["fsync"] += 1
        real_fsync(fd)

    def sync() -> None:
        calls["sync"] += 1
        real_sync()

    monkeypatch.setattr(writer.os, "fsync", fsync)
    monkeypatch.setattr(writer.os, "sync", sync)
    content = tmp_path / "content"
    content.mkdir()
    pages = {f"reports/r{number:04d}.md": f"# Report {number}\n" for number in range(300)}
    writer.write_pages(content, pages)
    # one fsync per page made 6,300 pages take 36 s on the shared machine (10 s in all now)
    assert calls["fsync"] + calls["sync"] <= 3
    assert calls["sync"] >= 1  # the staged pages are on disk before the journal commits them
    assert writer.owned_pages(content) == pages


def generation_seconds(folder: Path, size: int) -> float:
    """CPU seconds of `generate()` on one source of `size` bytes of short reports, all titled alike."""
    text, _ = source_text(size, words=40, alike=True, seed=0)
    project = make_project(folder, text)
    started = time.process_time()
    generate(project, use_cache=False)
    return time.process_time() - started


@pytest.mark.slow
def test_one_source_four_times_larger_takes_at_most_six_times_as_long(tmp_path: Path) -> None:
    (tmp_path / "small").mkdir()
    (tmp_path / "large").mkdir()
    # CPU time, not wall time: other processes on the machine do not count; linear gives about 4
    # (less, with the fixed costs), a quadratic step 16
    small = generation_seconds(tmp_path / "small", 100_000)
    large = generation_seconds(tmp_path / "large", 400_000)
    assert large / small < 6, (small, large)


@pytest.mark.slow
def test_benchmark_prints_one_json_line_per_size() -> None:
    out = subprocess.run([sys.executable, "-m", "bench.large_source", "--mb", "0.02", "0.04", "--words", "40"],
                         cwd=ROOT, capture_output=True, text=True, check=True, timeout=300).stdout
    results = [json.loads(line) for line in out.strip().splitlines()]
    assert [r["mb"] for r in results] == [0.02, 0.04]
    for result in results:
        assert result["bytes"] >= result["mb"] * 1_000_000
        assert result["reports"] >= result["written_reports"] > 10
        assert result["seconds"] >= result["generate_seconds"] > 0
        assert result["peak_rss_mb"] > 0
    assert results[0]["per_mb_vs_first"] == 1.0
