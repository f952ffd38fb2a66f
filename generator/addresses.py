"""Every address in the archive: where each generated page, file and listing lives, and each slug.

Paths are docs-relative (inside `content/`, MkDocs' docs_dir) unless named otherwise. The models,
the renderers, the writer and the build ask this module; nothing else spells a page's path, and
`tests/test_structure.py` checks `mkdocs.yml` and the writer against it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from generator.errors import Problem, Problems
from generator.text import slugify
from generator.yamlfile import shown

if TYPE_CHECKING:
    from generator.registry import Registry

DOCS_DIR = "content"
"""MkDocs' docs_dir, relative to the project root."""
SOURCES_DIR = "sources"
SITE_DIR = "site"
SLUG_LIMIT = 80
"""Longest slug of a person's or outlet's page name."""

SOURCE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
"""File names of sources the build accepts: safe in a URL as they are, since pages link to them."""
NEW_SOURCE_STEM = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
"""Stems `archive add` gives new sources: a stricter form of `SOURCE_NAME` (lower case, no dot)."""
NEW_SOURCE_STEM_LIMIT = 60

REPORTS, COMPILATIONS, PEOPLE, OUTLETS, COMPARE = "reports", "compilations", "people", "outlets", "compare"
SEARCH, DATA = "search", "data"
TIMELINE_PAGES, TOPIC_PAGES = "timeline", "topics"
"""The pages of the timeline (and of the list of all reports), and of each topic, when too long for one page."""
"""The search index's pieces (`generator/search_index.py`) and the archive as data (`generator/dataset.py`)."""
HOME, TIMELINE, TOPICS, GLOSSARY, FEED = "index.md", "timeline.md", "topics.md", "glossary.md", "feed.xml"
SEARCH_PAGE, DATA_PAGE = "search.md", "data.md"
REPORT_INDEX = f"{REPORTS}/index.md"
COMPILATION_INDEX = f"{COMPILATIONS}/index.md"
PEOPLE_INDEX = f"{PEOPLE}/index.md"
OUTLET_INDEX = f"{OUTLETS}/index.md"
COMPARE_INDEX = f"{COMPARE}/index.md"

OWNED_DIRS = (REPORTS, COMPILATIONS, PEOPLE, OUTLETS, COMPARE, SEARCH, DATA, TIMELINE_PAGES, TOPIC_PAGES)
"""Folders of `content/` the generator writes whole: everything in them is generated."""
OWNED_FILES = (HOME, TIMELINE, TOPICS, GLOSSARY, FEED, SEARCH_PAGE, DATA_PAGE)
"""Single generated files at the top of `content/`."""
NOT_IN_NAV = tuple(f"/{folder}/" for folder in (REPORTS, COMPILATIONS, PEOPLE, OUTLETS, COMPARE, TIMELINE_PAGES,
                                                 TOPIC_PAGES))
"""Folders whose pages are reached from their listings, never from the sidebar (`not_in_nav` in mkdocs.yml)."""
SEARCH_DIR = f"{SEARCH}/"
SEARCH_MANIFEST = f"{SEARCH}/manifest.js"
"""The search index's first piece: where each term shard starts, the facet values and table."""


def search_terms_shard(number: int) -> str:
    return f"{SEARCH}/terms/{number}.js"


def search_docs_shard(name: str) -> str:
    return f"{SEARCH}/docs/{name}.js"


def data_file(name: str) -> str:
    return f"{DATA}/{name}"


def report_page(report_id: str) -> str:
    return f"{REPORTS}/{report_id}.md"


def report_csl(report_id: str) -> str:
    """The report's CSL-JSON file, beside its page."""
    return f"{REPORTS}/{report_id}.json"


def compilation_page(name: str) -> str:
    return f"{COMPILATIONS}/{name}.md"


def original_copy(name: str) -> str:
    """Docs path of a source's text as the site serves it: gzip-compressed, beside its compilation
    page, to download (a fifth to a half of its size; the site republishes every source in full).

    Compressed, a saved web page can never run its scripts on the archive's site either: a browser
    saves a `.gz` file, it does not show it.
    """
    return f"{COMPILATIONS}/{name}.original.txt.gz"


@lru_cache(maxsize=65536)  # listings ask for it once per report and row
def person_page(name: str) -> str:
    return f"{PEOPLE}/{slugify(name, limit=SLUG_LIMIT)}.md"


@lru_cache(maxsize=65536)
def outlet_page(name: str) -> str:
    return f"{OUTLETS}/{slugify(name, limit=SLUG_LIMIT)}.md"


def listing_part(page: str, key: str) -> str:
    """A page of a long listing, in a folder named after the listing's page: `timeline.md` →
    `timeline/2024.md`, `people/x.md` → `people/x/2024-04.md` (keys: `generator.render.listing`)."""
    return f"{page[:-3]}/{key}.md"


def topic_pages(name: str) -> str:
    """Prefix of the pages of a topic's reports, as `listing_part(TOPICS, prefix + key)` gives them:
    `topics/<topic>/2024.md`."""
    return f"{slugify(name, limit=SLUG_LIMIT)}/"


def topic_anchor(name: str) -> str:
    """The topic's section on the topics page."""
    return f"topic-{slugify(name, limit=SLUG_LIMIT)}"


def compare_page(a_id: str, b_id: str) -> str:
    """The side-by-side page of two reports that share passages (`a_id` sorts first)."""
    return f"{COMPARE}/{a_id}--{b_id}.md"


def html_path(path: str) -> str:
    """Where MkDocs puts a page (`use_directory_urls: false`): `reports/x.md` → `reports/x.html`."""
    return path[:-3] + ".html" if path.endswith(".md") else path


def annotations_file(report_id: str) -> str:
    return f"annotations/{report_id}.yml"


def sidecar_of(source_path: str) -> str:
    """`sources/x.txt` → `sources/x.yml` (any path form, same folder)."""
    return source_path.rsplit(".", 1)[0] + ".yml"


def display_path(path: PurePath | str, root: Path | None = None) -> str:
    """How every path is shown to contributors: from the project root, with `/` (`content/sources/x.txt`).

    Without `root`, `path` is docs-relative; with it, `path` is a real path, shown relative to
    `root` (or whole, when it lies outside the project).
    """
    if root is None:
        return f"{DOCS_DIR}/{PurePath(path).as_posix()}"
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def registry_page_problems(registry: Registry, problems: Problems) -> None:
    """Two people (or outlets) whose names give the same page, or a name that gives a listing's page, to `problems`."""
    named: list[tuple[str, dict[str, int], Callable[[str], str]]] = [
        ("people", {name: person.line for name, person in registry.people.items()}, person_page),
        ("outlets", {name: outlet.line for name, outlet in registry.outlets.items()}, outlet_page),
    ]
    for kind, lines, page_of in named:
        pages: dict[str, str] = {}
        for name, line in sorted(lines.items()):
            page = page_of(name)
            if page.endswith("/index.md") or page in pages:
                other = f"the page of {shown(pages[page])}" if page in pages else "the listing page"
                problems.append(Problem(display_path(f"{kind}.yml"), line,
                                        f"{shown(name)} would get the page {page}, which is {other}; change the name"))
            pages[page] = name
