"""Checks on the built site: every internal link and `#anchor` resolves, nothing loads from another host.

MkDocs validates links written in Markdown; links inside the raw HTML the generator
writes are checked here, over the HTML as a browser would read it.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.addresses import SEARCH_DIR, SITE_DIR
from generator.errors import Problem, ProblemKind, Problems

LOADING_ATTRS = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                 ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loads: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            if tag == "a" and name == "href":
                self.links.append(value)
            if (tag, name) in LOADING_ATTRS:
                if tag == "link" and name == "href" and dict(attrs).get("rel") in ("canonical", "alternate"):
                    continue
                self.loads.append((tag, value))


def check_site(site: Path, problems: Problems, *,
               skip_prefixes: tuple[str, ...] = (SEARCH_DIR, "assets/", "404.html")) -> None:
    """Broken internal links and anchors, and anything a page would load from another host, added to `problems`.

    `404.html` is skipped: it is served by a web server for any path, so its links are absolute.
    """
    pages: dict[str, _PageParser] = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(skip_prefixes):
            continue
        parser = _PageParser()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[relative] = parser
    for page, parser in pages.items():
        for tag, url in parser.loads:
            if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                problems.append(site_problem(page, f"<{tag}> loads {url} from another host"))
        for href in parser.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path))) \
                if parts.path else page
            if parts.path and not (site / target).exists():
                problems.append(site_problem(page, f"link to {href}: no such file"))
                continue
            if parts.fragment and target.endswith(".html"):
                ids = pages[target].ids if target in pages else _ids_of(site / target)
                if unquote(parts.fragment) not in ids:
                    problems.append(site_problem(page, f"link to {href}: no element with id {parts.fragment!r}"))


def site_problem(page: str, message: str) -> Problem:
    return Problem(f"{SITE_DIR}/{page}", 0, message, kind=ProblemKind.SITE)


def _ids_of(path: Path) -> set[str]:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.ids
