"""The site's search index, built here at build time and split so a query loads only what it needs.

Everything is a script that registers itself (`window.__archiveSearch.add(kind, key, data)`),
because a page opened from disk (`file://`) may load scripts but not fetch files. The pieces:

- `search/manifest.js`: where the term shards start, the facet values (outlets, people, months,
  topics) with their pages, and a compact per-report facet table (outlet, month, speakers, topics,
  has parallels, how many passages it has). Loaded when the search box gets the focus.
- `search/terms/<n>.js`: postings of a range of terms, in term order, cut to a size budget, so a
  word loads one shard (a prefix the few shards that cover it).
- `search/docs/<n>.js`: what a result shows (id, title, date, passages with anchor, speaker and
  text) for `DOCS_PER_SHARD` reports; only the shards of the results on screen are loaded.

Reports are numbered newest first, so browsing (an empty query) shows contiguous numbers and loads
one or two document shards. Passages are numbered across the archive; each report's first number
stands for its title. The browser tokenises exactly as `tokens` does (see `archive-search.js`).
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

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
from generator.models import Report
from generator.render.catalogue import Catalogue
from generator.render.markup import GENERATED_NOTE, date_text, front_matter
from generator.render.site import Memo, render_every_time, report_key

SHARD_BYTES = 48_000
"""Target size of a term shard: a query loads a few of these, never the whole index."""
DOCS_PER_SHARD = 16
"""Reports per document shard; a page of results loads at most one shard per result."""
INDEX_VERSION = 1

WORD = re.compile(r"[^\W_]+")
STOP_WORDS = frozenset("""
a an and are as at be by for from has have he her his i in is it its of on or s she t that the their
them they this to was were will with
""".split())
"""Words in nearly every passage: indexing them would make their shards the largest and help no query."""


def fold(text: str) -> str:
    """Lower case without accents, as the browser folds what the reader types."""
    text = text.lower()
    if text.isascii():
        return text
    # Every mark goes, as `\p{M}` in the browser: accents, and vowel signs of other scripts alike.
    return marks().sub("", unicodedata.normalize("NFKD", text))


@functools.cache
def marks() -> re.Pattern[str]:
    """A character class of every mark (Unicode category M), built once: `re` has no `\\p{M}`."""
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")


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


def script(kind: str, key: int | None, data: object) -> str:
    """One piece of the index as a script that hands its data to the search code."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # `</` cannot end the script early, and U+2028/9 are line ends to older parsers.
    payload = payload.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'window.__archiveSearch.add("{kind}",{json.dumps(key)},{payload});\n'


def encode_postings(numbers: list[int]) -> str:
    """Ascending numbers as base-36 gaps joined by commas: about three bytes a posting."""
    previous, parts = 0, []
    for number in numbers:
        parts.append(base36(number - previous))
        previous = number
    return ",".join(parts)


DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(number: int) -> str:
    if number < 36:
        return DIGITS[number]
    digits = []
    while number:
        number, rest = divmod(number, 36)
        digits.append(DIGITS[rest])
    return "".join(reversed(digits))


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


def build_search_index(catalogue: Catalogue, memo: Memo = render_every_time,
                       source_keys: dict[str, str] | None = None) -> dict[str, str]:
    """Every file of the search index, by docs-relative path.

    Docs shards go through `memo` (see `generator.render.site.render_pages`) with what they are made
    of: their reports and the numbers of the people who speak in them, so a rebuild that adds a
    report makes again only the shards from where it stands in the order.
    """
    reports = ordered_reports(catalogue.reports)
    topics = catalogue.topics
    values = facet_values(reports, catalogue)
    position = {kind: {name: i for i, name in enumerate(names)} for kind, names in vars(values).items()}

    postings: dict[str, list[int]] = defaultdict(list)
    number = 0
    for report in reports:
        for text in [report.title, *(p.block.text for p in report.passages)]:
            for term in set(tokens(text)):
                postings[term].append(number)
            number += 1

    pages: dict[str, str] = {}
    shard_starts = term_shards(postings, pages)
    made_of = partial(report_key, source_keys or {})
    for start in range(0, len(reports), DOCS_PER_SHARD):
        pages[search_docs_shard(start // DOCS_PER_SHARD)] = docs_shard(
            start // DOCS_PER_SHARD, reports[start:start + DOCS_PER_SHARD], position["people"], memo, made_of)

    speakers = [[position["people"][name] for name in r.speakers if name in position["people"]] for r in reports]
    report_topic_numbers = [[position["topics"][name] for name in topics[r.id]] for r in reports]
    linked = {report_id for report_id, _anchor in catalogue.links}
    manifest = {
        "version": INDEX_VERSION,
        "reports": len(reports),
        "passages": number,
        "docsPerShard": DOCS_PER_SHARD,
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


def shard_of(starts: list[str], term: str) -> int:
    """The term shard that holds `term` (if any does), as the browser finds it: the last that starts at or before it."""
    return max(0, bisect.bisect_right([js_order(start) for start in starts], js_order(term)) - 1)


def docs_shard(number: int, reports: list[Report], people: dict[str, int], memo: Memo,
               made_of: Callable[[Report], object]) -> str:
    speakers = sorted({p.speaker for report in reports for p in report.passages if p.speaker})
    inputs = (number, tuple(made_of(report) for report in reports),
              tuple((name, people.get(name)) for name in speakers))
    return memo(search_docs_shard(number), inputs,
                lambda: script("docs", number, [document(report, people) for report in reports]))


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
