"""Every generated file of the archive, by its docs-relative address. Pure: the writer writes them."""

from __future__ import annotations

from generator.addresses import (
    COMPARE_INDEX,
    COMPILATION_INDEX,
    FEED,
    GLOSSARY,
    HOME,
    OUTLET_INDEX,
    PEOPLE_INDEX,
    REPORT_INDEX,
    TIMELINE,
    TOPICS,
    compilation_page,
    original_copy,
    outlet_page,
    person_page,
    report_csl,
)
from generator.render.browse import (
    render_glossary,
    render_outlet,
    render_outlets_index,
    render_people_index,
    render_person,
    render_report_index,
    render_timeline,
    render_topics,
)
from generator.render.catalogue import Catalogue
from generator.render.citations import csl_json
from generator.render.compare import render_compare, render_overview
from generator.render.compilation import render_compilation, render_compilation_index
from generator.render.feed import atom_feed
from generator.render.home import render_home
from generator.render.report import render_report
from generator.reuse import ReportPair


def render_pages(catalogue: Catalogue, pairs: list[ReportPair]) -> dict[str, str]:
    """Every generated file, by docs-relative path."""
    reports, splits = catalogue.reports, list(catalogue.splits.values())
    pages: dict[str, str] = {}
    for report in reports:
        compilation = catalogue.compilation_title(report.source.name)
        pages[report.page_path] = render_report(report, catalogue)
        pages[report_csl(report.id)] = csl_json(report, compilation, catalogue.site_url)
    for split in splits:
        source = split.source
        pages[compilation_page(source.name)] = render_compilation(split, catalogue.by_source[source.name], catalogue)
        original = original_copy(source.path, source.name)
        if original != source.path.as_posix():
            pages[original] = source.text
    for name in catalogue.registry.people:
        pages[person_page(name)] = render_person(name, catalogue)
    for name in catalogue.registry.outlets:
        pages[outlet_page(name)] = render_outlet(name, catalogue)
    pages[REPORT_INDEX] = render_report_index(reports)
    pages[COMPILATION_INDEX] = render_compilation_index(splits, catalogue.by_source)
    pages[PEOPLE_INDEX] = render_people_index(catalogue)
    pages[OUTLET_INDEX] = render_outlets_index(catalogue)
    pages[TIMELINE] = render_timeline(reports)
    pages[TOPICS] = render_topics(catalogue)
    pages[GLOSSARY] = render_glossary(catalogue)
    pages[FEED] = atom_feed(reports, catalogue.site_url, None)
    for pair in pairs:
        pages[pair.page] = render_compare(pair)
    pages[COMPARE_INDEX] = render_overview(pairs, reports)
    pages[HOME] = render_home(catalogue, pairs)
    return pages
