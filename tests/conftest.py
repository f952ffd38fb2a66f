"""Shared fixtures: throwaway archive projects built from the repo's config and registries.

Every test that needs a project makes it with `new_project` (through the `make_project`
fixture, or directly for a module-scoped fixture), so there is one recipe for a project.
Nothing changes the working directory: commands get the project's root.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.project import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = REPO / "content" / "sources" / "000_600d39537292fdeb.txt"
DIGEST = FIXTURES / "sources" / "digest_tass_reuters_mfa.txt"
REGISTRIES = ("people.yml", "outlets.yml")

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/ from the generator")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def new_project(root: Path, *sources: Path, texts: dict[str, str | bytes] | None = None,
                content: tuple[str, ...] = REGISTRIES) -> Project:
    """A project at `root` with the repo's mkdocs.yml and theme overrides, the repo's `content` files
    named (registries by default; folders are copied whole), the given sources with their sidecars,
    and `texts` written at their docs-relative paths."""
    (root / "content" / "sources").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_overrides", root / "site_overrides")
    for name in content:
        if (REPO / "content" / name).is_dir():
            shutil.copytree(REPO / "content" / name, root / "content" / name, dirs_exist_ok=True)
        else:
            shutil.copy(REPO / "content" / name, root / "content" / name)
    for source in sources:
        shutil.copy(source, root / "content" / "sources" / source.name)
        if source.with_suffix(".yml").exists():
            shutil.copy(source.with_suffix(".yml"), root / "content" / "sources" / source.with_suffix(".yml").name)
    for relative, text in (texts or {}).items():
        target = root / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
    return Project(root)


ProjectFactory = Callable[..., Project]


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """`make_project(*sources, texts=…, content=…)`: a fresh `new_project` in this test's folder."""

    made = 0

    def factory(*sources: Path, texts: dict[str, str | bytes] | None = None,
                content: tuple[str, ...] = REGISTRIES) -> Project:
        nonlocal made
        made += 1
        return new_project(tmp_path / f"archive{made}", *sources, texts=texts, content=content)

    return factory


def copy_archive(root: Path) -> Project:
    """The repository's own archive (config, theme overrides, all of content/) copied into `root`, ready to build."""
    return new_project(root, content=tuple(sorted(p.name for p in (REPO / "content").iterdir())))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright; skipped without it, except under CI, where that fails."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; CI must run browser tests (make test installs chromium)")
        pytest.skip(f"{CHROMIUM} not installed; run `make test` to install it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own archive, built once into a temporary folder; tests only read it."""
    from generator.build import build

    project = copy_archive(tmp_path_factory.mktemp("seed-site") / "archive")
    build(project)
    return project.root / "site"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser page that records what a test may want to rule out: requests to another host
    (`remote_requests`), alert/confirm dialogs and script errors (`dialogs`), and error responses or
    requests that never got one (`failed`)."""
    context = browser.new_context()
    page = context.new_page()
    page.remote_requests, page.dialogs, page.failed = [], [], []
    page.on("request", lambda r: r.url.startswith(("file:", "http://127.0.0.1:")) or page.remote_requests.append(r.url))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: page.dialogs.append(f"error: {error}"))
    page.on("response", lambda r: r.status < 400 or page.failed.append(f"{r.status} {r.url}"))
    # a request the page itself abandoned by navigating away (a favicon, say) did not fail to load
    page.on("requestfailed", lambda r: r.failure == "net::ERR_ABORTED" or page.failed.append(f"failed {r.url}"))
    yield page
    context.close()


def search_results(page: Any, query: str) -> Any:
    """Type `query` into the header search box as a reader would; the result links, once the first is shown."""
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(query, delay=30)  # search runs on key events
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    return results
