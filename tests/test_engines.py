"""Every supported engine builds the same mkdocs.yml and content/, and keeps untrusted titles inert.

Escaping does not rely on `hooks:` (Zensical ignores them): the generator writes titles HTML-escaped
into the front matter, which every engine's theme prints as HTML.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.build import build
from generator.mkdocs_site import ENGINES
from generator.pieces import read_script
from generator.project import Project
from tests.conftest import ProjectFactory, copy_archive, search_results

pytestmark = pytest.mark.slow

HOSTILE_TITLE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def build_with(engine: str, project: Project) -> Path:
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("ARCHIVE_ENGINE", engine)
        build(project)
    return project.root / "site"


@pytest.fixture(scope="module")
def seed_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {engine: build_with(engine, copy_archive(tmp_path_factory.mktemp(engine) / "archive"))
            for engine in ENGINES}


def without_generator_tag(path: Path) -> bytes:
    """A built file, less the `<meta name="generator">` line that names the engine."""
    return b"\n".join(line for line in path.read_bytes().split(b"\n") if b'<meta name="generator"' not in line)


def test_every_engine_builds_the_same_site(seed_sites: dict[str, Path]) -> None:
    reference, *others = (seed_sites[engine] for engine in ENGINES)
    files = sorted(p.relative_to(reference) for p in reference.rglob("*") if p.is_file())
    assert len([f for f in files if f.parts[0] == "reports" and f.suffix == ".html"]) >= 5
    for site in others:
        assert sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()) == files
        differing = [str(f) for f in files if f.suffix != ".gz"
                     and without_generator_tag(reference / f) != without_generator_tag(site / f)]
        assert differing == [], f"{site}: {differing[:5]}"


def test_an_unknown_engine_is_refused(make_project: ProjectFactory) -> None:
    from generator.errors import SiteBuildError

    with pytest.raises(SiteBuildError, match="ARCHIVE_ENGINE='sphinx' is not one of mkdocs, properdocs"):
        build_with("sphinx", make_project())


@pytest.mark.browser
@pytest.mark.parametrize("engine", ENGINES)
def test_a_hostile_title_is_text_everywhere_with_each_engine(engine: str, make_project: ProjectFactory,
                                                             page: Any) -> None:
    project = make_project(texts={"sources/hostile-title.txt": f"{HOSTILE_TITLE}\n\n"
                                                               "LONDON (Reuters) - Lavrov said nothing new.\n"})
    site = build_with(engine, project)
    [report] = (site / "reports").glob("*-script-alert-1-*.html")
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    assert page.title() == f"{HOSTILE_TITLE} - Annotated Diplomatic Archive"
    assert page.locator("[data-md-component=header-topic]").inner_text().strip() == HOSTILE_TITLE
    assert page.locator("article h1").inner_text() == HOSTILE_TITLE
    assert page.locator("img[src=x], head script:not([src])").count() <= page.evaluate(
        "document.querySelectorAll('head script:not([src])').length")  # nothing added by the title
    assert page.locator("header img, article img, title img").count() == 0
    # the search index carries the title as data, and no `</` that could end its script
    shards = [p.read_text(encoding="utf-8") for p in sorted((site / "search" / "docs").glob("*.js"))]
    assert any(report.stem in json.dumps(read_script(shard)) for shard in shards)
    assert not any("</" in shard for shard in shards)
    page.goto((site / "index.html").as_uri())
    results = search_results(page, "alert")
    listed = next(link for link in results.all() if report.name in (link.get_attribute("href") or ""))
    assert HOSTILE_TITLE in listed.inner_text()
    assert page.locator(".md-search-result img").count() == 0
    assert page.dialogs == []
