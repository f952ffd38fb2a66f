"""A real browser on the built site, opened from disk over file:// with no server and no network.

Uses Debian's chromium (`make test` installs it); Playwright's own browser download is never used.
Without the browser the tests are skipped, except under CI, where that is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import Project, build
from tests.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own archive, built into a temporary folder."""
    root = tmp_path_factory.mktemp("browser-site")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_overrides", root / "site_overrides")
    shutil.copytree(REPO / "content", root / "content")
    build(Project(root))
    return root / "site"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; CI must run browser tests (make test installs chromium)")
        pytest.skip(f"{CHROMIUM} not installed; run `make test` to install it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.remote_requests = []  # type: ignore[attr-defined]
    page.on("request", lambda request: request.url.startswith("file:") or page.remote_requests.append(request.url))
    yield page
    context.close()


def test_offline_search_finds_the_transcript_and_anchor_links_work(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "index.html").as_uri())
    search = page.locator(".md-search__input")
    search.click()
    search.press_sequentially("Kazakhstan", delay=30)  # Material searches on key events, not on `fill`
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    transcript = page.locator(".md-search-result__item a[href*='reports/2024-04-09-foreign-minister-sergey-lavrovs']",
                              has_text="Sergey Lavrov’s remarks").first
    assert transcript.count() == 1
    transcript.click()
    page.wait_for_load_state("load")
    assert "2024-04-09-foreign-minister-sergey-lavrovs-remarks" in page.url
    passage = page.locator("p.passage", has_text="replace Kazakhstan as the SCO chair")
    anchor = passage.get_attribute("id")
    assert anchor and anchor.startswith("p-")
    passage.hover()
    passage.locator("a.passage-anchor").click()
    assert page.url.endswith(f"#{anchor}")
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == anchor
    assert page.remote_requests == []  # type: ignore[attr-defined]


def test_report_page_shows_metadata_and_links_back_to_the_source(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "reports" / "2024-04-09-xi-meets-russian-foreign-minister.html").as_uri())
    facts = page.locator(".report-facts").inner_text()
    assert "Xinhua" in facts and "9 April 2024" in facts and "Beijing" in facts
    assert "Xi Jinping, Sergey Lavrov" in facts
    page.locator(".report-facts a", has_text="original text").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("sources/000_600d39537292fdeb.txt")
    assert page.remote_requests == []  # type: ignore[attr-defined]
