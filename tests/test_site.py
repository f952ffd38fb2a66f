"""The built site: MkDocs strict build, search index and data files, no request to another host, no broken link."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest

from generator.addresses import SEARCH_MANIFEST
from generator.build import build
from generator.errors import Problems
from generator.pieces import read_script
from generator.sitecheck import check_site
from tests.conftest import DIGEST, SEED, ProjectFactory, new_project

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = new_project(tmp_path_factory.mktemp("site-build") / "archive", SEED, DIGEST)
    build(project)
    return project.root / "site"


def test_every_report_has_a_page_and_the_original_is_shipped(built: Path) -> None:
    reports = sorted(p.name for p in (built / "reports").glob("*.html"))
    assert len(reports) == 9  # 4 + 4 reports and the listing
    # compressed, to download, and not as it stands in content/sources/
    original = built / "compilations" / "000_600d39537292fdeb.original.txt.gz"
    assert gzip.decompress(original.read_bytes()) == SEED.read_bytes()
    assert original.stat().st_size < SEED.stat().st_size / 3
    assert not (built / "sources").exists()
    compilation = (built / "compilations" / "000_600d39537292fdeb.html").read_text(encoding="utf-8")
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() in compilation
    assert 'href="000_600d39537292fdeb.original.txt.gz"' in compilation


def test_the_frame_every_page_repeats_carries_no_repeated_weight(built: Path) -> None:
    """The site's description on the home page only; no inline SVG icon, search box or tab script in
    a report page's frame (the search box is built by archive-search.js, icons drawn by CSS)."""
    description = '<meta name="description" content="News reports and official transcripts'
    assert description in (built / "index.html").read_text(encoding="utf-8")
    report = (built / "reports" / "2024-04-09-xi-meets-russian-foreign-minister.html").read_text(encoding="utf-8")
    frame = report.split('<article class="md-content__inner md-typeset">')[0] + report.split("</article>")[1]
    assert description not in report and "<svg" not in frame and "md-search__input" not in frame
    assert "__tabbed_" not in frame and "__md_scope" not in frame and "null" not in frame
    assert 'href="../search.html"' in frame and 'src="../assets/archive-scope.js"' in frame
    # nor the theme's files for Material's own search, which the site does not have
    assert (built / "assets" / "javascripts" / "bundle.a5f9d56c.min.js").exists()
    assert not (built / "assets" / "javascripts" / "lunr").exists()
    assert not (built / "assets" / "javascripts" / "workers").exists()
    assert not list((built / "assets").rglob("*.map"))


def test_search_ships_once_inside_the_site_as_scripts(built: Path) -> None:
    index = (built / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/archive-search.js"' in index and 'data-archive-search' in index
    manifest = (built / SEARCH_MANIFEST).read_text(encoding="utf-8")
    assert manifest.startswith('window.__archiveSearch.add("manifest",null,"')
    assert isinstance(read_script(manifest), dict)
    assert any("Kazakhstan" in json.dumps(read_script(p.read_text(encoding="utf-8")), ensure_ascii=False)
               for p in (built / "search" / "docs").glob("*.js"))
    # Material's own index (and the offline plugin's copy of it) is gone: the index ships once.
    assert not (built / "search" / "search_index.json").exists() and not (built / "search" / "search_index.js").exists()
    assert "iframe-worker" not in index
    assert "fonts.googleapis" not in index and "unpkg.com" not in index
    assert (built / "search.html").exists() and (built / "data" / "datapackage.json").exists()


def test_no_broken_links_anchors_or_remote_loads(built: Path) -> None:
    problems = Problems()
    check_site(built, problems)
    assert [str(p) for p in problems.items] == []


def test_sidebar_lists_only_the_short_navigation(built: Path) -> None:
    nav = re.findall(r'href=\\"([^"\\]+)\\"', (built / "assets" / "site-nav.js").read_text(encoding="utf-8"))
    assert "../reports/index.html" in nav and not any("2024-04-09-" in href for href in nav)


def test_pages_outside_the_navigation_load_it_from_one_script(built: Path) -> None:
    """Report, compare, compilation, person and outlet pages: the navigation from assets/site-nav.js, the
    table of contents only where it has three entries or more; pages in the navigation carry it."""
    def sidebars(page: str) -> tuple[int, int, int]:
        html = (built / page).read_text(encoding="utf-8")
        return (html.count("md-sidebar--primary"), html.count('<script src="../assets/site-nav.js">'),
                html.count("md-sidebar--secondary"))
    compare = next(p for p in (built / "compare").glob("*--*.html"))
    assert sidebars("reports/2024-04-09-xi-meets-russian-foreign-minister.html") == (0, 1, 0)
    assert sidebars(compare.relative_to(built).as_posix()) == (0, 1, 0)
    assert sidebars("people/xi-jinping.html") == (0, 1, 1)  # its contents list several sections
    assert sidebars("compilations/000_600d39537292fdeb.html")[:2] == (0, 1)
    assert sidebars("reports/index.html")[:2] == (1, 0)
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "md-sidebar--primary" in home and "site-nav.js" not in home
    assert "passage-anchor" not in (built / "reports" / "2024-04-09-xi-meets-russian-foreign-minister.html").read_text(
        encoding="utf-8")  # written by archive-page.js from the passage's id


def test_source_text_is_text_not_markup(make_project: ProjectFactory) -> None:
    hostile = ("Title <b>bold</b>\n\nLONDON (Reuters) - <script>alert(1)</script> {{ config }} {% if x %} "
               "*stars* [link](javascript:alert(2)) <img src=x onerror=alert(3)>.\n")
    project = make_project(texts={"sources/hostile.txt": hostile})
    build(project)
    [page] = [p for p in (project.root / "site" / "reports").glob("*.html") if p.name != "index.html"]
    html = page.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "onerror=alert(3)" in html.replace("&lt;img src=x ", "")
    assert 'href="javascript:' not in html
    assert "*stars*" in html and "[link](javascript:alert(2))" in html
    assert "&#123;&#123; config &#125;&#125;" in html or "{{ config }}" in html


def test_compact_drops_line_breaks_beside_blocks_and_keeps_those_that_show() -> None:
    """`compact`: a line break between two tags goes where one is a block's (it never shows); between
    two inline elements it is a space a reader sees, and inside `<pre>` it is the text (one beside a
    `<pre>`, `<script>` or `<style>` is left as it is)."""
    from generator.sitebuild import compact

    page = ("<html>\n  <head>\n    <meta charset=\"utf-8\">\n    <title>x</title>\n  </head>\n<body>\n"
            "<p>a <a href=\"#\">b</a>\n<a href=\"#\">c</a></p>\n<ul>\n  <li>x</li>\n</ul>\n"
            "<pre>\n  kept\n</pre>\n</body>")
    assert compact(page) == ('<html><head><meta charset="utf-8"><title>x</title></head><body>'
                             '<p>a <a href="#">b</a>\n<a href="#">c</a></p><ul><li>x</li></ul>\n<pre>\n  kept\n</pre>'
                             "\n</body>")
