"""The site published under a base path, as on a GitHub project site (`https://USER.github.io/REPO/`).

The archive is built with `SITE_URL` set, as the Pages workflow does, and served under `/archive/`
from a loopback HTTP server that answers a missing page with `404.html`, as GitHub Pages does.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from generator.build import build
from tests.conftest import copy_archive, search_results
from tests.test_a11y import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PREFIX = "/archive/"


class UnderPrefix(SimpleHTTPRequestHandler):
    """Serves `directory` at PREFIX only; anything else, or a missing file, gets the site's 404 page."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith(PREFIX):
            self.path = "/" + self.path[len(PREFIX):]
            local = Path(self.translate_path(self.path))
            if local.is_file() or (local / "index.html").is_file():
                return super().send_head()
        page = Path(self.directory) / "404.html"
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@dataclass(frozen=True)
class Served:
    site: Path
    base: str
    """The site's address, ending in PREFIX."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    project = copy_archive(tmp_path_factory.mktemp("base-path") / "archive")
    site = project.root / "site"
    site.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(UnderPrefix, directory=str(site)))
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("SITE_URL", base)
        build(project)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served(site, base)
    server.shutdown()
    server.server_close()


def stylesheets_applied(page: Any) -> list[str]:
    """Addresses of the stylesheets the browser loaded and parsed (a stylesheet that failed has no rules)."""
    return page.evaluate("""() => [...document.styleSheets]
        .filter(sheet => sheet.href && sheet.cssRules.length > 0).map(sheet => sheet.href)""")


@pytest.mark.parametrize("missing", ["no-such-page.html", "reports/2024/no/such/report.html"])
def test_the_404_page_is_styled_at_any_depth(served: Served, page: Any, missing: str) -> None:
    response = page.goto(served.base + missing)
    assert response.status == 404
    page.wait_for_load_state("load")
    sheets = stylesheets_applied(page)
    assert any(re.search(r"/archive/assets/stylesheets/main\.[0-9a-f]+\.min\.css$", href) for href in sheets), sheets
    assert any(href.endswith("/archive/assets/archive.css") for href in sheets), sheets
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.failed == [f"404 {served.base}{missing}"]  # the page itself; every asset loaded
    assert axe_violations(page) == []
    page.locator(".md-header__button.md-logo").click()
    page.wait_for_load_state("load")
    assert page.url in (served.base, served.base + "index.html")


def test_search_finds_a_report_and_opens_it_under_the_base_path(served: Served, page: Any) -> None:
    page.goto(served.base + "index.html")
    results = search_results(page, "Kazakhstan")
    report = next(link for link in results.all() if "reports/" in link.get_attribute("href"))
    href = report.get_attribute("href")
    report.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(served.base + "reports/"), (href, page.url)
    assert page.locator("article h1").count() == 1
    # the navigation that assets/site-nav.js draws on a page outside it links under the base path
    nav = page.eval_on_selector_all(".md-sidebar--primary a.md-nav__link", "links => links.map(a => a.href)")
    assert served.base + "timeline.html" in nav and all(link.startswith(served.base) for link in nav)
    assert page.failed == []


def test_permanent_link_in_the_citation_is_absolute_and_resolves(served: Served, page: Any) -> None:
    report = next(p for p in sorted((served.site / "reports").glob("*.html")) if p.name != "index.html")
    page.goto(served.base + f"reports/{report.name}")
    permanent = page.locator("p", has_text="Permanent link:").locator("a").first
    assert permanent.inner_text() == served.base + f"reports/{report.name}"
    title = page.locator("article h1").inner_text()
    response = page.goto(permanent.inner_text())
    assert response.status == 200 and page.locator("article h1").inner_text() == title
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical == served.base + f"reports/{report.name}"
    assert page.failed == []


def test_sitemap_and_feed_carry_the_base_address(served: Served) -> None:
    sitemap = (served.site / "sitemap.xml").read_text()
    assert f"<loc>{served.base}reports/" in sitemap
    assert f'xml:base="{served.base}"' in (served.site / "feed.xml").read_text()


def test_the_same_build_still_works_opened_from_disk(served: Served, page: Any) -> None:
    page.goto((served.site / "reports" / "index.html").as_uri())
    results = search_results(page, "Kazakhstan")
    results.first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(served.site.as_uri() + "/") and page.locator("article h1").count() == 1
    assert page.remote_requests == [] and page.failed == []
