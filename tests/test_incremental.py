"""Incremental builds write what clean builds write: the parallels, the pages, `content/` and `site/`."""

from __future__ import annotations

import gzip
import hashlib
import os
import random
from pathlib import Path

import pytest
from mkdocs.config import load_config

from bench.corpus import generate as generate_corpus
from generator.addresses import SEARCH, data_file, search_docs_shard
from generator.build import build, generate
from generator.cache import FOLDER, StageCache
from generator.models import Report
from generator.parallels import PassageText, find_parallels
from generator.parallels_update import parallels_with_index
from generator.pieces import read_script
from generator.project import Project
from generator.sitebuild import dirty_is_safe, docs_files, site_inputs
from generator.writer import write_pages
from tests.conftest import FIXTURES, SEED, ProjectFactory

DOCS_SHARDS = search_docs_shard("x").removesuffix("x.js")

WORDPRESS = FIXTURES / "html" / "wordpress_compilation.html"
"""Quotes one of the seed's reports: adding it changes the links of pages that were there."""
DIGEST = FIXTURES / "sources" / "digest_tass_reuters_mfa.txt"


NEUTRAL = ("Sergey Lavrov", "Wang Yi", "Foreign Minister", "Trade Minister", "Special Envoy")
"""Names and roles that count for nothing toward a match, as the registries give them to the stage."""


@pytest.mark.parametrize("neutral", [(), NEUTRAL], ids=["plain", "with neutral names"])
def test_parallels_updated_for_added_reports_equal_a_whole_run(neutral: tuple[str, ...]) -> None:
    passages = list(generate_corpus(160, seed=3).passages)
    held = sorted(random.Random(3).sample(sorted({p.report_id for p in passages}), 9))
    current = [p for p in passages if p.report_id not in held]
    found, index = parallels_with_index(current, None, neutral=neutral)
    assert found == find_parallels(current, neutral=neutral)
    changed = False
    for group in (held[:1], held[1:]):
        current += [p for p in passages if p.report_id in group]
        before = found
        found, index = parallels_with_index(current, index, neutral=neutral)
        assert found == find_parallels(current, neutral=neutral)
        changed |= found != before
    assert changed, "the held-back reports share passages with the others"
    more = (*neutral, "Viktor Petrova")
    _, other = parallels_with_index(current, index, neutral=more)
    assert other is not index and other.neutral == more, "other neutral names: a whole run"


SHARED = ("The two sides agreed to deepen cooperation on grain shipments across the Black Sea and to meet "
          "again in Istanbul before the end of the year to review progress.")


def shared_by(reports: int) -> list[PassageText]:
    """`reports` reports that all carry one passage, each with a passage of its own."""
    rng = random.Random(reports)
    words = "trade energy summit ministry delegation pipeline harvest treaty border visit".split()
    return [passage for number in range(reports) for passage in (
        PassageText(f"r{number:03d}", "p1", SHARED),
        PassageText(f"r{number:03d}", "p2", " ".join(rng.choice(words) for _ in range(40))),
    )]


def test_a_passage_in_one_report_too_many_becomes_a_stock_phrase() -> None:
    """In 20 reports the passage links them all; a 21st report makes it stock, and every link goes."""
    twenty = shared_by(20)
    found, index = parallels_with_index(twenty, None)
    assert len([p for p in found if p.a.anchor == p.b.anchor == "p1"]) == 20 * 19 // 2
    everything = shared_by(21)
    updated, _ = parallels_with_index(everything, index)
    assert updated == find_parallels(everything)
    assert not [p for p in updated if p.a.anchor == "p1"]


def test_an_edited_or_removed_passage_runs_the_whole_stage() -> None:
    passages = shared_by(6)
    _, index = parallels_with_index(passages, None)
    edited = [*passages[:-1], PassageText(passages[-1].report_id, "p2", SHARED)]
    found, _ = parallels_with_index(edited, index)
    assert found == find_parallels(edited)
    _, index = parallels_with_index(passages, None)
    removed = passages[2:]
    found, _ = parallels_with_index(removed, index)
    assert found == find_parallels(removed)


def files_of(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for top in ("content", "site") for path in sorted((root / top).rglob("*")) if path.is_file()}


def page_by_page(project: Project) -> Project:
    """Material's search plugin gathers from every page, so with it every build is clean (see
    `generator.sitebuild`); this archive goes without it to test the incremental build."""
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - search\n", ""))
    return project


def reprint_of(report: Report) -> str:
    """A compilation that reprints the longest passage of `report`, so that report gets a link to it."""
    passage = max(report.passages, key=lambda p: len(p.block.text))
    return ("Reprints\n\nReports collected by a reader.\n\nA reprinted statement\n\n"
            f"MOSCOW, April 10, 2024 (TASS) — The ministry published a statement.\n\n{passage.block.text}\n")


def test_adding_a_source_rebuilds_only_what_changed_and_equals_a_clean_build(make_project: ProjectFactory) -> None:
    project = page_by_page(make_project(SEED, DIGEST))
    first = build(project)
    site = project.root / "site"
    before = {path: path.stat().st_mtime_ns for path in site.rglob("*.html")}
    quoted = next(r for r in first.reports if r.source.name == SEED.stem)
    old_page = site / quoted.page_path.replace(".md", ".html")
    held = project.root / "held.html"  # a second name for the live page's file
    os.link(old_page, held)
    old_bytes = held.read_bytes()
    (project.sources / "reprint.txt").write_text(reprint_of(quoted), encoding="utf-8")
    archive = build(project)
    assert held.read_bytes() == old_bytes, "the build replaced the page, it did not write into the live site's file"
    assert old_page.read_bytes() != old_bytes

    assert {pair.page for pair in archive.pairs} > {pair.page for pair in first.pairs}
    rendered = {path for path, mtime in before.items() if path.stat().st_mtime_ns != mtime}
    assert site / quoted.page_path.replace(".md", ".html") in rendered, "its links changed"
    assert len(rendered) < len(before) // 2, "pages whose Markdown did not change are not rendered again"
    assert archive.memo.reused

    clean = page_by_page(make_project(SEED, DIGEST, texts={"sources/reprint.txt": reprint_of(quoted)}))
    build(clean, use_cache=False)
    assert files_of(project.root) == files_of(clean.root)


def test_pages_whose_inputs_changed_are_rendered_again(make_project: ProjectFactory) -> None:
    project = make_project(SEED, DIGEST)
    build(project, site=False)
    report = next(r for r in generate(project).reports if r.source.name == SEED.stem)
    quote = report.passages[1].block.text.split()[:3]
    (project.content / "annotations").mkdir(exist_ok=True)
    (project.content / "annotations" / f"{report.id}.yml").write_text(
        f"- quote: {' '.join(quote)!r}\n  body: A note.\n  author: Tester\n", encoding="utf-8")
    edited = project.content / "compilations" / f"{DIGEST.stem}.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "hand edit\n", encoding="utf-8")

    archive = generate(project)
    assert report.page_path not in archive.memo.reused and f"reports/{report.id}.json" in archive.memo.reused
    assert f"compilations/{DIGEST.stem}.md" not in archive.memo.reused
    assert {path for path in archive.pages if path.startswith(DOCS_SHARDS)} <= archive.memo.reused, \
        "the search index's text did not change"
    assert archive.pages == generate(project, use_cache=False).pages


def test_search_docs_shards_are_made_again_only_where_reports_changed(make_project: ProjectFactory) -> None:
    project = make_project(SEED, DIGEST)
    first = build(project, site=False)
    shards = {path for path in first.pages if path.startswith(DOCS_SHARDS)}
    again = generate(project).memo
    assert shards and shards <= again.reused
    assert set(again.used_values) == set(again.previous_values) != set(), "data members and words made once"
    quoted = next(r for r in first.reports if r.source.name == SEED.stem)
    (project.sources / "reprint.txt").write_text(reprint_of(quoted), encoding="utf-8")
    archive = generate(project)
    new_shards = {path for path in archive.pages if path.startswith(DOCS_SHARDS)}
    made = new_shards - archive.memo.reused
    assert made and len(made) <= 2, "the new report changes the shard it falls into (and may cut it in two)"
    assert archive.pages == generate(project, use_cache=False).pages


def test_a_dirty_build_is_taken_only_when_it_equals_a_clean_one(make_project: ProjectFactory) -> None:
    project = page_by_page(make_project(SEED))
    write_pages(project.content, generate(project).pages)
    (project.root / "site").mkdir()
    config = load_config(str(project.root / "mkdocs.yml"))
    inputs, files = site_inputs(config), docs_files(config)
    record: dict[str, object] = {"inputs": inputs, "files": files}
    assert dirty_is_safe(config, record, inputs, files)
    assert dirty_is_safe(config, record, inputs, [*files, "reports/new.md"])
    assert not dirty_is_safe(config, None, inputs, files)
    report = next(name for name in files if name.startswith("reports/2024") and name.endswith(".md"))
    assert dirty_is_safe(config, record, inputs, [name for name in files if name != report]), \
        "a page outside the navigation: its output is deleted before the build"
    assert not dirty_is_safe(config, record, inputs, [name for name in files if name != "timeline.md"]), \
        "a page of the navigation is in every page's sidebar"
    config["nav"] = None
    assert not dirty_is_safe(config, record, inputs, [name for name in files if name != report]), \
        "without `nav` every page is in the navigation"
    config = load_config(str(project.root / "mkdocs.yml"))
    (project.root / "site_overrides" / "assets" / "archive.css").write_text("/* changed */\n")
    assert not dirty_is_safe(config, record, site_inputs(config), files)
    # A plugin that gathers from every page (Material's search, here put back) means a clean build.
    searched = make_project(SEED).root / "mkdocs.yml"
    text = searched.read_text(encoding="utf-8")
    assert text.count("\nplugins: []") == 1
    searched.write_text(text.replace("\nplugins: []", "\nplugins:\n  - search\n#"), encoding="utf-8")
    with_search = load_config(str(searched))
    assert "material/search" in with_search.plugins
    assert not dirty_is_safe(with_search, record, site_inputs(with_search), files)


def test_a_stage_replaced_whole_keeps_one_entry(tmp_path: Path) -> None:
    """The parallels index and the page memo are replaced each build; old code's entries do not pile up."""
    cache = StageCache(tmp_path, "index")
    cache.put("old", [1])
    cache.put("other", [2])
    cache.put("new", [3], only=True)
    assert cache.get("new") == [3] and cache.get("old") is None and cache.get("other") is None
    assert len(list((tmp_path / FOLDER / "index").glob("*.pickle"))) == 1


def test_a_topic_added_and_a_source_edited_reach_the_search_words_and_data_kept_from_the_last_build(
        make_project: ProjectFactory) -> None:
    """The words of each report and the compressed data members are kept by what they are made of:
    a topic added to the registry, or a passage edited, must make them again."""
    project = make_project(SEED, DIGEST, content=("people.yml", "outlets.yml", "topics.yml"))
    build(project, site=False)
    topics = project.content / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8") + "- name: Central Asia\n  keywords: [Kazakhstan]\n",
                      encoding="utf-8")
    archive = build(project, site=False)
    assert archive.pages == generate(project, use_cache=False).pages
    reports = gzip.decompress(bytes(archive.pages[data_file("reports.jsonl.gz")])).decode("utf-8")
    assert '"Central Asia"' in reports

    source = project.sources / SEED.name
    source.write_text(source.read_text(encoding="utf-8").replace("Kazakhstan", "Zanzibaria"), encoding="utf-8")
    archive = generate(project)
    assert archive.pages == generate(project, use_cache=False).pages
    terms = [read_script(str(text)) for path, text in archive.pages.items() if path.startswith(f"{SEARCH}/terms/")]
    assert any("zanzibaria" in shard for shard in terms if isinstance(shard, dict))
    assert not any("kazakhstan" in shard for shard in terms if isinstance(shard, dict))
