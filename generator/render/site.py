"""Every generated file of the archive, by its docs-relative address. Pure: the writer writes them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from generator.addresses import (
    FEED,
    GLOSSARY,
    HOME,
    OUTLET_INDEX,
    PEOPLE_INDEX,
    compilation_page,
    original_copy,
    report_csl,
)
from generator.models import Report, SplitSource
from generator.render.browse import (
    render_compilations,
    render_glossary,
    render_outlet,
    render_outlets_index,
    render_people_index,
    render_person,
    render_reports_and_timeline,
    render_shared_passages,
    render_topics,
)
from generator.render.catalogue import Catalogue
from generator.render.citations import csl_json
from generator.render.compare import render_compare
from generator.render.compilation import render_compilation
from generator.render.feed import atom_feed
from generator.render.home import render_home
from generator.render.listing import Memo, render_every_time
from generator.render.report import render_report
from generator.reuse import ReportPair

__all__ = ["Memo", "render_every_time", "render_pages", "report_key"]


def report_key(source_keys: dict[str, str], report: Report) -> tuple[str, str, int]:
    """What stands for a report in a memo's inputs: the cache key of its source, its id and its first line."""
    return source_keys.get(report.source.name, ""), report.id, report.first_line


def render_originals(splits: Iterable[SplitSource], compress: Callable[[str], bytes]) -> dict[str, bytes]:
    """Every source's text as the archive read it (the lines its reports cite), gzip-compressed to
    download (`generator/addresses.py`, `original_copy`); `compress` keeps what the last build made."""
    return {original_copy(split.source.name): compress(split.source.text) for split in splits}


def render_pages(catalogue: Catalogue, pairs: list[ReportPair], memo: Memo = render_every_time,
                 source_keys: dict[str, str] | None = None) -> dict[str, str]:
    """Every generated file, by docs-relative path.

    Report, CSL-JSON, compilation and compare pages, and the pages of long listings, go through `memo`
    with what each is made of: a report stands for itself by the cache key of its source
    (`source_keys`), its id and its first line.
    """
    made_of = partial(report_key, source_keys or {})
    reports, splits = catalogue.reports, list(catalogue.splits.values())

    pages: dict[str, str] = {}
    for report in reports:
        compilation = catalogue.compilation_title(report.source.name)
        links = [catalogue.links.get((report.id, passage.anchor), []) for passage in report.passages]
        notes = catalogue.annotations.get(report.id, [])
        pages[report.page_path] = memo(report.page_path, (made_of(report), links, notes),
                                            partial(render_report, report, catalogue))
        pages[report_csl(report.id)] = memo(report_csl(report.id), made_of(report),
                                                 partial(csl_json, report, compilation, catalogue.site_url))
    for split in splits:
        source = split.source
        own = catalogue.by_source[source.name]
        pages[compilation_page(source.name)] = memo(compilation_page(source.name),
                                                         tuple(made_of(report) for report in own),
                                                         partial(render_compilation, split, own, catalogue))
    for name in catalogue.registry.people:
        pages.update(render_person(name, catalogue, memo, made_of))
    for name in catalogue.registry.outlets:
        pages.update(render_outlet(name, catalogue, memo, made_of))
    pages.update(render_reports_and_timeline(reports, memo, made_of))
    pages.update(render_compilations(catalogue, memo))
    pages[PEOPLE_INDEX] = render_people_index(catalogue)
    pages[OUTLET_INDEX] = render_outlets_index(catalogue)
    pages.update(render_topics(catalogue, memo, made_of))
    pages[GLOSSARY] = render_glossary(catalogue)
    pages[FEED] = atom_feed(reports, catalogue.site_url, None)
    for pair in pairs:
        pages[pair.page] = memo(pair.page, (made_of(pair.a), made_of(pair.b), pair.parallels),
                                     partial(render_compare, pair))
    pages.update(render_shared_passages(pairs, reports, memo, made_of))
    pages[HOME] = render_home(catalogue, pairs)
    return pages
