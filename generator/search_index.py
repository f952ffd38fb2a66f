"""The site's search index, built here at build time and split so a query loads only what it needs.

Everything is a script that registers itself (`window.__archiveSearch.add(kind, key, packed)`),
because a page opened from disk (`file://`) may load scripts but not fetch files. `packed` is the
piece's JSON deflated (raw deflate, RFC 1951) and in base85 or base64 (`generator.pieces.PACKING`),
which the browser decodes and inflates with `DecompressionStream` from a Blob (no fetch either): a
third to two thirds of the JSON's size, as the text compresses. The pieces:

- `search/manifest.js`: where the term shards start, the facet values (outlets, people, months,
  topics) with their pages, and a compact per-report facet table (outlet, month, speakers, topics,
  has parallels, how many passages it has). Loaded when the search box gets the focus.
- `search/terms/<n>.js`: postings of a range of terms, in term order, cut to a size budget, so a
  word loads one shard (a prefix the few shards that cover it).
- `search/docs/<name>.js`: what a result shows (id, title, date, passages with anchor, speaker and
  text) for a run of about `DOCS_PER_SHARD` reports; only the shards of the results on screen are
  loaded. Where a run ends depends only on the reports in it, and a shard is named after the report
  that ends it (see `docs_shards`), so adding a report makes again one shard, not every one after it.

Reports are numbered newest first, so browsing (an empty query) shows contiguous numbers and loads
one or two document shards. Passages are numbered across the archive; each report's first number
stands for its title. The browser tokenises exactly as `tokens` does (see `archive-search.js`).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import operator
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path

from generator.addresses import (
    OUTLET_INDEX,
    PEOPLE_INDEX,
    REPORT_INDEX,
    SEARCH_MANIFEST,
    SEARCH_PAGE,
    TIMELINE,
    TOPICS,
    html_path,
    outlet_page,
    person_page,
    search_docs_shard,
    search_terms_shard,
    topic_anchor,
)
from generator.cache import PageMemo
from generator.models import Report
from generator.pieces import runs, script
from generator.render.catalogue import Catalogue
from generator.render.markup import GENERATED_NOTE, date_text, front_matter
from generator.render.site import report_key

SHARD_BYTES = 48_000
"""Target size of a term shard's JSON before it is packed: a query loads a few of these, never the whole index."""
DOCS_PER_SHARD = 16
"""Reports per document shard on average (a run ends after a report whose id hashes to 0 modulo this);
a page of results loads at most one shard per result."""
INDEX_VERSION = 2

WORD = re.compile(r"[^\W_]+")
STOP_WORDS = frozenset("""
a an and are as at be by for from has have he her his i in is it its of on or s she t that the their
them they this to was were will with
""".split())
"""Words in nearly every passage: indexing them would make their shards the largest and help no query."""


NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """Lower case without accents, as the browser folds what the reader types."""
    text = text.lower()
    if text.isascii():
        return text
    # Every mark goes, as `\p{M}` in the browser: accents, and vowel signs of other scripts alike.
    text = unicodedata.normalize("NFKD", text)
    marks = [ord(c) for c in set(NON_ASCII.findall(text)) if is_mark(c)]
    return text.translate(dict.fromkeys(marks)) if marks else text


@functools.cache
def is_mark(character: str) -> bool:
    """A mark (Unicode category M): `re` has no `\\p{M}`."""
    return unicodedata.category(character).startswith("M")


def tokens(text: str) -> list[str]:
    """The indexed words of a text, in order (stop words left out)."""
    return [word for word in WORD.findall(fold(text)) if word not in STOP_WORDS]


def js_order(term: str) -> bytes:
    """Sort key matching JavaScript's string comparison (UTF-16 code units), used by the shard lookup."""
    return term.encode("utf-16-be")


def date_key(report: Report) -> str:
    """`2024-04-09`, `2024-04` or `2024` (ISO text sorts as the dates do); empty when undated."""
    return report.date.iso if report.date is not None else ""


def ordered_reports(reports: Iterable[Report]) -> list[Report]:
    """Newest first, undated last, ties by id: the order of browsing and of report numbers."""
    by_id = sorted(reports, key=lambda r: r.id)
    return sorted(by_id, key=date_key, reverse=True)


def report_month(report: Report) -> str | None:
    """`2024-04`, or `2024` for a report dated only by year."""
    key = date_key(report)
    return key[:7] if key else None


def topic_href(name: str) -> str:
    """The topic's section on the topics page."""
    return f"{html_path(TOPICS)}#{topic_anchor(name)}"


@dataclass(frozen=True)
class FacetValues:
    """Facet values in a fixed order; reports refer to them by position."""

    outlets: list[str]
    people: list[str]
    months: list[str]
    topics: list[str]


def encode_postings(numbers: list[int]) -> str:
    """Ascending numbers as decimal gaps joined by commas. Deflated, decimal gaps came out smaller
    than base-36 ones (5.2 MB against 5.3 MB of term shards at 12,000 reports), and they are made
    in C (`str` of each gap) instead of digit by digit in Python."""
    return ",".join(map(str, map(operator.sub, numbers, chain((0,), numbers))))


def facet_values(reports: list[Report], catalogue: Catalogue) -> FacetValues:
    people = set(catalogue.registry.people)
    for report in reports:
        people.update(report.speakers)
    return FacetValues(
        outlets=sorted(catalogue.registry.outlets),
        people=sorted(people),
        months=sorted({m for r in reports if (m := report_month(r))}),
        topics=sorted(catalogue.registry.topics),
    )


def build_search_index(catalogue: Catalogue, memo: PageMemo | None = None,
                       source_keys: dict[str, str] | None = None) -> dict[str, str]:
    """Every file of the search index, by docs-relative path.

    With `memo` (the build's `PageMemo`), a rebuild reuses what did not change: the words of each
    report's passages (by its texts), and the docs shards (by their reports and the numbers of the
    people who speak in them, see `generator.render.site.render_pages`). The term shards and the
    manifest are made again: a report added anywhere renumbers the passages after it.
    """
    memo = memo or PageMemo(None, Path())
    reports = ordered_reports(catalogue.reports)
    topics = catalogue.topics
    values = facet_values(reports, catalogue)
    position = {kind: {name: i for i, name in enumerate(names)} for kind, names in vars(values).items()}

    postings: dict[str, list[int]] = defaultdict(list)
    number = 0
    for report in reports:
        texts = (report.title, *(p.block.text for p in report.passages))
        for terms in memo.value(("search terms", texts_digest(texts)), partial(text_terms, texts)):
            for term in terms.split():
                postings[term].append(number)
            number += 1

    pages: dict[str, str] = {}
    shard_starts = term_shards(postings, pages)
    made_of = partial(report_key, source_keys or {})
    shards = docs_shards(reports)
    for name, run in shards:
        pages[search_docs_shard(name)] = docs_shard(name, run, position["people"], memo, made_of)

    speakers = [[position["people"][name] for name in r.speakers if name in position["people"]] for r in reports]
    report_topic_numbers = [[position["topics"][name] for name in topics[r.id]] for r in reports]
    linked = {report_id for report_id, _anchor in catalogue.links}
    manifest = {
        "version": INDEX_VERSION,
        "reports": len(reports),
        "passages": number,
        "docs": {"names": [name for name, _ in shards], "count": [len(run) for _, run in shards]},
        "shards": shard_starts,
        "stopWords": sorted(STOP_WORDS),
        "outlets": [[name, html_path(outlet_page(name))] for name in values.outlets],
        "people": [[name, html_path(person_page(name)), *person_aliases(name, catalogue)] for name in values.people],
        "topics": [[name, topic_href(name)] for name in values.topics],
        "months": values.months,
        "table": {
            "outlet": [position["outlets"].get(r.outlet, -1) if r.outlet else -1 for r in reports],
            "month": [position["months"][m] if (m := report_month(r)) else -1 for r in reports],
            "parallels": [int(r.id in linked) for r in reports],
            "speakers": compressed_lists(speakers),
            "topics": compressed_lists(report_topic_numbers),
            "passages": [1 + len(r.passages) for r in reports],
        },
    }
    pages[SEARCH_MANIFEST] = script("manifest", None, manifest)
    pages[SEARCH_PAGE] = render_search_page()
    return pages


def person_aliases(name: str, catalogue: Catalogue) -> list[str]:
    person = catalogue.registry.people.get(name)
    return sorted(set(person.aliases) - {name}) if person else []


def compressed_lists(lists: list[list[int]]) -> dict[str, list[int]]:
    """Lists of numbers as one flat list and the length of each (the browser adds them up into
    where each starts: lengths are the shorter to ship)."""
    return {"count": [len(numbers) for numbers in lists], "values": [n for numbers in lists for n in numbers]}


def term_shards(postings: dict[str, list[int]], pages: dict[str, str]) -> list[str]:
    """Write term shards of about `SHARD_BYTES` each into `pages`; returns each shard's first term."""
    starts: list[str] = []
    shard: dict[str, str] = {}
    size = 0

    def flush() -> None:
        pages[search_terms_shard(len(starts) - 1)] = script("terms", len(starts) - 1, shard)

    for term in sorted(postings, key=js_order):
        encoded = encode_postings(postings[term])
        if not starts or size >= SHARD_BYTES:
            if starts:
                flush()
            starts.append(term)
            shard, size = {}, 0
        shard[term] = encoded
        size += len(term) + len(encoded) + 6
    if starts:
        flush()
    return starts


def texts_digest(texts: tuple[str, ...]) -> str:
    """What stands for a report's texts in the memo's key: a digest of each, with its length."""
    digest = hashlib.blake2b(digest_size=20)
    for text in texts:
        data = text.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def text_terms(texts: tuple[str, ...]) -> tuple[str, ...]:
    """Each text's indexed words, each once, space-separated (a word holds no space): what the
    postings are made of, kept from one build to the next."""
    return tuple(" ".join(dict.fromkeys(tokens(text))) for text in texts)


def docs_shards(reports: list[Report]) -> list[tuple[str, list[Report]]]:
    """The docs shards' names and reports: runs of about `DOCS_PER_SHARD` reports (see `runs`), each
    named after the report that ends it (a digest of its id), the last run `last`. So adding a report
    changes one shard or cuts one in two, and no name goes away, which would make MkDocs build the
    whole site again. Runs have no cap for the same reason (a cap moves with every report added
    before it): at 100,000 reports the longest run is about ten times the average."""
    cut = runs(reports, operator.attrgetter("id"), DOCS_PER_SHARD) if reports else []
    shards: list[tuple[str, list[Report]]] = []
    taken: set[str] = set()
    for number, run in enumerate(cut):
        name = hashlib.sha256(run[-1].id.encode("utf-8")).hexdigest()[:12] if number + 1 < len(cut) else "last"
        while name in taken:  # two digests alike: deterministic, and all but impossible
            name = hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
        taken.add(name)
        shards.append((name, run))
    return shards


def shard_of(starts: list[str], term: str) -> int:
    """The term shard that holds `term` (if any does), as the browser finds it: the last that starts at or before it."""
    return max(0, bisect.bisect_right([js_order(start) for start in starts], js_order(term)) - 1)


def docs_shard(name: str, reports: list[Report], people: dict[str, int], memo: PageMemo,
               made_of: Callable[[Report], object]) -> str:
    speakers = sorted({p.speaker for report in reports for p in report.passages if p.speaker})
    inputs = (name, tuple(made_of(report) for report in reports),
              tuple((speaker, people.get(speaker)) for speaker in speakers))
    return memo.page(search_docs_shard(name), inputs,
                     lambda: script("docs", name, [document(report, people) for report in reports]))


def document(report: Report, people: dict[str, int]) -> list[object]:
    """What a result shows of a report: id, title, date, and each passage's anchor, speaker and text."""
    return [report.id, report.title, date_text(report.date) if report.date is not None else "",
            [[p.anchor, people.get(p.speaker, -1) if p.speaker else -1, p.block.text] for p in report.passages]]


FACETS = (
    ("outlet", "Outlet"),
    ("speaker", "Speaker"),
    ("year", "Year"),
    ("month", "Month"),
    ("topic", "Topic"),
    ("parallels", "Shared passages"),
)
"""The search page's facets: the script fills each group with its values and counts."""


def render_search_page() -> str:
    """The full search page: a labelled form, one group of checkboxes a facet, and the results.

    `archive-search.js` fills the facets and results; without scripts the page says search needs them.
    """
    groups = "\n".join(
        f'<fieldset class="archive-facet" data-facet="{name}" hidden>\n<legend>{label}</legend>\n'
        f'<div class="archive-facet__values"></div>\n</fieldset>' for name, label in FACETS)
    return (front_matter({"title": "Search"}, [GENERATED_NOTE]) +
            "\n# Search\n\n"
            '<div class="archive-search-page" markdown="0">\n'
            f'<form class="archive-search-page__form" role="search" action="{html_path(SEARCH_PAGE)}">\n'
            '<label for="archive-search-page-query">Search the reports</label>\n'
            '<input type="search" id="archive-search-page-query" name="q" autocomplete="off" spellcheck="false">\n'
            '<button type="submit" class="md-button md-button--primary">Search</button>\n'
            "</form>\n"
            '<noscript><p>Search needs JavaScript. Browse the reports by '
            f'<a href="{html_path(REPORT_INDEX)}">list</a>, <a href="{html_path(TIMELINE)}">date</a>, '
            f'<a href="{html_path(PEOPLE_INDEX)}">person</a>, <a href="{html_path(OUTLET_INDEX)}">outlet</a> or '
            f'<a href="{html_path(TOPICS)}">topic</a> instead.</p></noscript>\n'
            '<div class="archive-search-page__body">\n'
            '<div class="archive-search-page__facets" role="group" aria-label="Filter the results">\n'
            f"{groups}\n"
            '<button type="button" class="archive-search-page__clear md-button" hidden>Clear filters</button>\n'
            "</div>\n"
            '<div class="archive-search-page__results">\n'
            '<p class="archive-search-page__status" role="status" aria-live="polite"></p>\n'
            '<div class="archive-search-page__entities"></div>\n'
            '<ol class="archive-search-page__list"></ol>\n'
            '<button type="button" class="archive-search-page__more md-button" hidden>More results</button>\n'
            "</div>\n</div>\n</div>\n")
