"""Long listings on pages by year, month and part, linked both ways; a rebuild rewrites only the pages a
report falls on."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from generator.addresses import COMPARE_INDEX, COMPILATION_INDEX, REPORT_INDEX, TIMELINE, TOPICS, listing_part
from generator.build import build, generate
from generator.errors import Problems
from generator.models import Report, ReportDate
from generator.render import listing
from generator.render.feed import ENTRIES, atom_feed
from generator.render.listing import listing_pages
from generator.sitebuild import last_build
from generator.sitecheck import check_site
from tests.conftest import DIGEST, FIXTURES, REGISTRIES, SEED, ProjectFactory, new_project
from tests.test_incremental import files_of, page_by_page, reprint_of

LIMIT = 2
WITH_TOPICS = (*REGISTRIES, "topics.yml")
WORDPRESS = FIXTURES / "html" / "wordpress_compilation.html"
HREF = re.compile(r'href="([^"#]+)|\]\(([^)#]+)')
"""A link in raw HTML or in Markdown."""


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of at most about two reports, so the seed and the digest (8 reports) fill several."""
    monkeypatch.setattr(listing, "PAGE_LIMIT", LIMIT)


def linked(page: str, text: str) -> list[str]:
    """Docs-relative `.md` paths of the pages `text` (the page at `page`) links to."""
    folder = Path(page).parent
    return [(folder / (html or markdown)).as_posix().replace(".html", ".md") for html, markdown in HREF.findall(text)]


def resolved(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[Report]:
    """The seed's and the digest's reports: April 2024, March 2023 and undated."""
    return generate(new_project(tmp_path_factory.mktemp("paging"), SEED, DIGEST), use_cache=False).reports


def test_pages_by_year_then_month_then_part(reports: list[Report]) -> None:
    pages = listing_pages(reports, LIMIT)
    keys = [page.key for page in pages]
    assert keys[0].startswith("2024-04-part-") and keys[-1].startswith("undated")
    assert any(key.startswith("2023-") for key in keys), "2023 holds more than LIMIT reports: pages by month"
    assert all(len(page.rows) <= LIMIT * 2 for page in pages)
    assert sorted(r.id for page in pages for r in page.rows) == sorted(r.id for r in reports)
    # within a year of more than LIMIT reports, the year-only reports get the year's own page
    year_only = dataclasses.replace(reports[0], id="year-only", date=ReportDate(2024))
    assert "2024" in [page.key for page in listing_pages([*reports, year_only], LIMIT)]
    assert [page.key for page in listing_pages(reports, 100)] == ["2024", "2023", "undated"]


def test_adding_a_report_changes_only_the_page_it_falls_on(reports: list[Report]) -> None:
    """Unless the report makes its month cross the limit (or double its parts), which reshapes that month."""
    before = {page.key: [r.id for r in page.rows] for page in listing_pages(reports, LIMIT)}
    alone = 0
    for number in range(16):
        new = dataclasses.replace(reports[number % len(reports)], id=f"added-{number}")
        after = {page.key: [r.id for r in page.rows] for page in listing_pages([*reports, new], LIMIT)}
        changed = {key for key in after if after[key] != before.get(key)}
        groups = {key.split("-part-")[0] for key in changed}
        assert len(groups) == 1 and any(new.id in after[key] for key in changed)
        group = groups.pop()
        if len(changed) > 1:
            parts = sorted(key for key in after if key.startswith(f"{group}-part-"))
            assert len(parts) > len([key for key in before if key.startswith(f"{group}-part-")]), "parts doubled"
        alone += len(changed) == 1
    assert alone >= 4


def test_listing_pages_link_to_each_other_and_hold_every_report(small_pages: None,
                                                                  make_project: ProjectFactory) -> None:
    project = make_project(SEED, DIGEST, WORDPRESS, content=WITH_TOPICS)
    archive = build(project)
    problems = Problems()
    check_site(project.root / "site", problems)
    assert not problems.items, problems.items
    pages = archive.pages
    timeline = sorted(path for path in pages if path.startswith("timeline/"))
    assert len(timeline) >= 3
    for index in (TIMELINE, REPORT_INDEX):
        listed = [resolved(path) for path in linked(index, str(pages[index])) if "/timeline/" in f"/{resolved(path)}"]
        assert sorted(listed) == timeline, index
        counts = [int(n) for n in re.findall(r"</a>: (\d+) reports?</li>", str(pages[index]))]
        assert sum(counts) == len(archive.reports)
    shown = [link for path in timeline for link in linked(path, str(pages[path])) if "/reports/" in f"/{link}"]
    assert sorted(resolved(link) for link in shown) == sorted(r.page_path for r in archive.reports)
    order = [resolved(path) for path in linked(TIMELINE, str(pages[TIMELINE]))]
    for number, path in enumerate(order):
        text = str(pages[path])
        assert ("← newer:" in text) == (number > 0) and ("older:" in text) == (number < len(order) - 1)
        neighbours = {resolved(link) for link in linked(path, text)}
        assert TIMELINE in neighbours
        assert number == 0 or order[number - 1] in neighbours
        assert number == len(order) - 1 or order[number + 1] in neighbours
    lavrov = str(pages["people/sergey-lavrov.md"])
    assert listing_part("people/sergey-lavrov.md", "undated") in {resolved(p) for p in
                                                                 linked("people/sergey-lavrov.md", lavrov)}
    assert "Each page also lists the passages attributed to Sergey Lavrov" in lavrov
    ukraine = [resolved(path) for path in linked(TOPICS, str(pages[TOPICS])) if path.startswith("topics/ukraine/")]
    assert len(ukraine) >= 2 and all(TOPICS in {resolved(p) for p in linked(path, str(pages[path]))}
                                     for path in ukraine)
    overview = str(pages[COMPARE_INDEX])
    shared = [resolved(path) for path in linked(COMPARE_INDEX, overview) if path.startswith("compare/index/")]
    counted = sum(int(n) for n in re.findall(r"</a>: (\d+) pairs?</li>", overview))
    assert len(shared) >= 2 and counted == len(archive.pairs)
    compared = {resolved(link) for path in shared for link in linked(path, str(pages[path]))}
    assert {pair.page for pair in archive.pairs} <= compared and COMPARE_INDEX in compared
    sources = str(pages[COMPILATION_INDEX])
    cut = [resolved(path) for path in linked(COMPILATION_INDEX, sources) if path.startswith("compilations/index/")]
    assert len(cut) >= 2 and "3 compilations, on pages by the date of each one's newest report" in sources
    listed = {resolved(link) for path in cut for link in linked(path, str(pages[path]))}
    assert {f"compilations/{source.stem}.md" for source in (SEED, DIGEST, WORDPRESS)} <= listed
    again = generate(make_project(SEED, DIGEST, WORDPRESS, content=WITH_TOPICS), use_cache=False)
    assert archive.pages == again.pages


def test_a_short_listing_stays_one_page(make_project: ProjectFactory) -> None:
    pages = generate(make_project(SEED, DIGEST)).pages
    assert not [path for path in pages if path.startswith("timeline/")
                or (path.count("/") > 1 and path.startswith(("people/", "outlets/")))]
    assert "<table>" in str(pages[REPORT_INDEX])


@pytest.mark.slow
def test_a_rebuild_rewrites_only_the_pages_a_report_falls_on_and_equals_a_clean_build(
        small_pages: None, make_project: ProjectFactory) -> None:
    project = page_by_page(make_project(SEED, DIGEST))
    first = build(project)
    content = project.root / "content"
    before = {path: path.stat().st_mtime_ns for path in (content / "timeline").rglob("*.md")}
    assert len(before) >= 3
    quoted = next(r for r in first.reports if r.source.name == SEED.stem)
    (project.sources / "reprint.txt").write_text(reprint_of(quoted), encoding="utf-8")
    archive = build(project)
    assert last_build(project.root) == "incremental"
    problems = Problems()
    check_site(project.root / "site", problems)
    assert not problems.items, problems.items
    new = {r.page_path for r in archive.reports if r.source.name == "reprint"}
    assert new
    rewritten = [path for path, mtime in before.items() if path.stat().st_mtime_ns != mtime]
    assert 0 < len(rewritten) < len(before)
    for path in rewritten:
        page = path.relative_to(content).as_posix()
        assert new & {resolved(link) for link in linked(page, path.read_text(encoding="utf-8"))}, page
    site = project.root / "site"
    nav = re.findall(r'href=\\"([^"\\]+)\\"', (site / "assets" / "site-nav.js").read_text(encoding="utf-8"))
    assert "../timeline.html" in nav and not [href for href in nav if "timeline/" in href], "not in the sidebar"
    assert all('<script src="../assets/site-nav.js">' in path.read_text(encoding="utf-8")
               for path in (site / "timeline").glob("*.html")), "pages outside the navigation"
    clean = page_by_page(make_project(SEED, DIGEST, texts={"sources/reprint.txt": reprint_of(quoted)}))
    build(clean, use_cache=False)
    assert files_of(project.root) == files_of(clean.root)


@pytest.mark.slow
def test_a_listing_that_reshapes_removes_its_old_pages_and_the_site_stays_incremental(
        small_pages: None, make_project: ProjectFactory) -> None:
    """A year that outgrows one page is cut into months: its old page leaves content/ and site/, and
    MkDocs still builds only what changed (the removed page is outside the navigation)."""
    quoted = next(r for r in generate(make_project(SEED), use_cache=False).reports if r.date)
    dated = [reprint_of(quoted).replace("April 10, 2024", f"May {day}, 2022") for day in (2, 3, 4)]
    project = page_by_page(make_project(SEED, DIGEST, texts={"sources/may-2.txt": dated[0]}))
    build(project)
    year = project.root / "content" / "timeline" / "2022.md"
    assert year.is_file(), "one report of 2022 fits one page"
    for day, text in zip((3, 4), dated[1:], strict=True):
        (project.sources / f"may-{day}.txt").write_text(text, encoding="utf-8")
    build(project)
    assert not year.exists() and not (project.root / "site" / "timeline" / "2022.html").exists()
    assert last_build(project.root) == "incremental"
    clean = page_by_page(make_project(SEED, DIGEST, texts={f"sources/may-{day}.txt": text
                                                           for day, text in zip((2, 3, 4), dated, strict=True)}))
    build(clean, use_cache=False)
    assert files_of(project.root) == files_of(clean.root)


def test_the_feed_holds_the_newest_reports_only(reports: list[Report]) -> None:
    """The feed does not grow with the archive: the `ENTRIES` newest dated reports, newest first."""
    many = [dataclasses.replace(reports[0], id=f"day-{day}", date=ReportDate(2030 + day // 365, 1 + day % 12, 1))
            for day in range(ENTRIES + 30)]
    ids = re.findall(r"report:(day-\d+)</id>", atom_feed([*reports, *many], None, None))
    newest = sorted(many, key=lambda r: (r.date.year, r.date.month or 0, r.id) if r.date else (0, 0, r.id),
                    reverse=True)
    assert ids == [r.id for r in newest[:ENTRIES]]
