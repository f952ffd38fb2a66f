"""Golden pages: the generated `content/` for each case, committed so reviewers see every change.

Refresh after an intended change with `pytest tests/test_golden.py --update-goldens` and read the diff.
"""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest

from generator.build import generate
from generator.readers.text import SYMBOL_BULLET
from generator.render.markup import html_text
from generator.writer import owned_pages, write_pages
from tests.conftest import FIXTURES, SEED, ProjectFactory

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = {
    "seed": (SEED,),
    "digest": (FIXTURES / "sources" / "digest_tass_reuters_mfa.txt",),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_generated_pages_match_golden(case: str, make_project: ProjectFactory, update_goldens: bool) -> None:
    pages = generate(make_project(*CASES[case])).pages
    folder = GOLDEN / case
    if update_goldens:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        write_pages(folder, pages)
    expected = owned_pages(folder)
    assert sorted(pages) == sorted(expected), "pages added or removed; refresh with --update-goldens"
    for path in sorted(pages):
        page, golden = pages[path], expected[path]
        if isinstance(page, bytes) or isinstance(golden, bytes):
            assert page == golden, f"{path} differs from the golden copy; refresh with --update-goldens"
        elif page != golden:
            diff = "".join(difflib.unified_diff(golden.splitlines(True), page.splitlines(True),
                                                f"golden/{case}/{path}", "generated"))
            pytest.fail(f"{path} differs from the golden copy:\n{diff}")


def test_two_builds_are_byte_identical(make_project: ProjectFactory) -> None:
    sources = (SEED, FIXTURES / "sources" / "digest_tass_reuters_mfa.txt")
    first, second = make_project(*sources), make_project(*sources)
    for project in (first, second):
        write_pages(project.content, generate(project).pages)
    files = {p.relative_to(first.content): p.read_bytes() for p in sorted(first.content.rglob("*")) if p.is_file()}
    again = {p.relative_to(second.content): p.read_bytes() for p in sorted(second.content.rglob("*")) if p.is_file()}
    assert files == again


def test_rebuild_removes_pages_of_a_deleted_source(make_project: ProjectFactory) -> None:
    digest = FIXTURES / "sources" / "digest_tass_reuters_mfa.txt"
    project = make_project(SEED, digest)
    write_pages(project.content, generate(project).pages)
    assert (project.content / "compilations" / "digest_tass_reuters_mfa.md").exists()
    (project.sources / digest.name).unlink()
    (project.sources / digest.with_suffix(".yml").name).unlink()
    write_pages(project.content, generate(project).pages)
    remaining = sorted(p.name for p in (project.content / "reports").glob("*.md"))
    assert len(remaining) == 5  # the seed's four reports and the listing
    assert len(list((project.content / "reports").glob("*.json"))) == 4
    assert not (project.content / "compilations" / "digest_tass_reuters_mfa.md").exists()
    assert "TASS" not in (project.content / "reports" / "index.md").read_text()


ALL_SOURCES = sorted([SEED, *(FIXTURES / "sources").glob("*.txt"), *(FIXTURES / "html").glob("*.*"),
                      *(FIXTURES / "encodings").glob("*.*")])


@pytest.mark.parametrize("source", ALL_SOURCES, ids=lambda p: p.name)
def test_conservation_on_every_source(source: Path, make_project: ProjectFactory) -> None:
    """Every block of every source is in exactly one report, compiler's note or dropped entry, and on a page."""
    archive = generate(make_project(source))
    [split] = archive.splits
    placed = [block for draft in split.reports for block in draft.all_blocks]
    placed += [*split.notes, *(d.block for d in split.dropped)]
    assert sorted(map(id, placed)) == sorted(map(id, split.source.blocks))
    compilation = archive.pages[f"compilations/{split.source.name}.md"]
    for report, draft in zip(sorted(archive.reports, key=lambda r: r.first_line), split.reports, strict=True):
        page = re.sub(r'<span class="sentence"[^>]*>|</span>', "", archive.pages[report.page_path])
        for passage in report.passages:
            assert html_text(passage.block.text[passage.block.label_end:]) in page
        assert report.credits == tuple(block.text for block in draft.credits)  # shown in the front matter
    for block in [*split.notes, *(d.block for d in split.dropped)]:
        assert html_text(block.text) in compilation
    if source.suffix == ".txt" and "encodings" not in source.parts:
        # the words of every line of a text source are in some block
        joined = " ".join(" ".join(b.text.split()) for b in split.source.blocks)
        for line in source.read_text(encoding="utf-8").splitlines():
            assert " ".join(SYMBOL_BULLET.sub("", line).split()) in joined


def test_cached_rebuild_after_adding_a_source_equals_a_clean_build(make_project: ProjectFactory) -> None:
    from generator.project import Project

    digest = FIXTURES / "sources" / "digest_tass_reuters_mfa.txt"
    project = make_project(SEED)
    write_pages(project.content, generate(project).pages)  # fills .archive-cache/
    shutil.copy(digest, project.sources / digest.name)
    shutil.copy(digest.with_suffix(".yml"), project.sources / digest.with_suffix(".yml").name)
    cached = generate(project).pages
    assert len(list((project.root / ".archive-cache" / "sources").glob("*.pickle"))) == 2
    clean = generate(project, use_cache=False).pages
    assert cached == clean
    # a stale or foreign cache entry cannot change the result: the key covers the bytes it came from
    (project.sources / digest.name).write_bytes(digest.read_bytes().replace(b"Istanbul", b"Ankara"))
    changed = generate(project).pages
    assert changed == generate(Project(project.root), use_cache=False).pages
    assert "Ankara" in "".join(page for page in changed.values() if isinstance(page, str))
