"""Every kind of file a pull request can add, each carrying a script and a reference to another host,
built and opened in Chromium over file://: nothing runs, nothing is requested, nothing foreign is published.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.build import build
from generator.project import Project
from tests.conftest import REPO, SEED

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAYLOAD = ('<script>window.pwned = 1</script><img src="https://evil.example/i.png" onerror="window.pwned = 1">'
           " [x](javascript:window.pwned=1) ![i](https://evil.example/p.png) [y](//evil.example/y)")
TALKS = "2024-04-09-chinese-russian-fms-hold-talks"


def with_entry(name: str, entry: dict[str, object]) -> str:
    return (REPO / "content" / name).read_text(encoding="utf-8") + yaml.safe_dump([entry], allow_unicode=True)


def html_page(title: str, day: int) -> str:
    return (f'<html><head><title>{title}</title><script>window.pwned = 1</script>'
            '<link rel="stylesheet" href="https://evil.example/s.css"></head><body><article>'
            f"<h1>{title}</h1><p>LONDON, May {day}, 2024 (Reuters) - On day {day} Lavrov said {PAYLOAD} "
            '<iframe src="https://evil.example/f"></iframe></p></article></body></html>')


INPUTS: dict[str, str] = {
    "sources/hostile-text.txt": (f"A title {PAYLOAD}\n\nLONDON, May 1, 2024 (Reuters) - Lavrov said {PAYLOAD} "
                                 "about the BRICS.\n"),
    "sources/hostile-text.yml": yaml.safe_dump({"title": f"Compilation {PAYLOAD}", "description": PAYLOAD,
                                                "url": "https://evil.example/post", "publisher": PAYLOAD}),
    "sources/hostile-page.html": html_page("Page one", 3),
    "sources/hostile-upper.HTML": html_page("Page two", 4),
    "people.yml": with_entry("people.yml", {"name": "Evil Person", "role": PAYLOAD, "description": PAYLOAD}),
    "outlets.yml": with_entry("outlets.yml", {"name": "Evil Outlet", "url": "https://evil.example/",
                                              "description": PAYLOAD}),
    "glossary.yml": with_entry("glossary.yml", {"term": "EVIL", "expansion": PAYLOAD, "description": PAYLOAD}),
    "topics.yml": with_entry("topics.yml", {"name": "Evil topic", "keywords": ["Lavrov"], "description": PAYLOAD}),
    f"annotations/{TALKS}.yml": yaml.safe_dump([{"quote": "Chine believes", "author": PAYLOAD, "body": PAYLOAD}]),
}
STRAY = {"notes.md": f"# Notes\n\n{PAYLOAD}\n", "sources/notes.md": f"# Notes\n\n{PAYLOAD}\n"}
"""Refused by `archive check`; `mkdocs build` run by hand must not publish them either."""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-site")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_overrides", root / "site_overrides")
    (root / "content" / "sources").mkdir(parents=True)
    shutil.copy(SEED, root / "content" / "sources")
    for relative, text in INPUTS.items():
        (root / "content" / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / relative).write_text(text, encoding="utf-8")
    build(Project(root), site=False)
    for relative, text in STRAY.items():
        (root / "content" / relative).write_text(text, encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "generator", "check", "--no-site"], cwd=root, text=True,
                             capture_output=True, check=False)
    assert checked.returncode == 1
    assert all(f"content/{relative}:1: " in checked.stderr for relative in STRAY), checked.stderr
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=root, check=True,
                   env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    return root / "site"


def test_nothing_foreign_is_published(hostile_site: Path) -> None:
    names = {p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*") if p.is_file()}
    assert not {"notes.html", "sources/notes.html", "sources/hostile-page.html", "sources/hostile-upper.HTML"} & names
    assert not [n for n in names if n.endswith(".yml") or n.startswith("annotations/")]
    loads = re.compile(r"""<(?:script|img|iframe|link|source|video|audio|embed|object)\b[^>]*?"""
                       r"""(?:src|href|data)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)
    carried = [name for name in names if name.endswith(".html")
               and "window.pwned" in (hostile_site / name).read_text(encoding="utf-8")]
    assert len(carried) >= 8  # the payload is there, as text, on the pages of every input kind
    for name in sorted(names):
        if name.endswith(".html"):
            text = (hostile_site / name).read_text(encoding="utf-8")
            assert not loads.findall(text), name
            assert "<script>window.pwned" not in text, name


def test_no_page_runs_a_script_or_requests_another_host(hostile_site: Path, page) -> None:  # type: ignore[no-untyped-def]
    outside: list[str] = []
    page.on("request", lambda request: request.url.startswith(("file:", "data:", "blob:", "about:"))
            or request.url.startswith("http://127.0.0.1") or outside.append(request.url))
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for html in pages:
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("window.pwned === undefined"), html
        for link in page.locator("a[href^='javascript:'], a[href^='//']").all():
            pytest.fail(f"{html}: live link {link.get_attribute('href')}")
    originals = sorted(hostile_site.glob("compilations/*.original.txt.gz"))
    assert originals
    for original in originals:  # the sources' text, compressed: a browser saves it, it never shows it
        with page.expect_download():
            page.evaluate("url => { const a = document.createElement('a'); a.href = url; a.click(); }",
                          original.as_uri())
        assert page.evaluate("window.pwned === undefined")
    assert outside == []
