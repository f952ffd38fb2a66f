"""Accessibility: axe-core in Chromium over every page type, and the site used with the keyboard alone.

axe-core is vendored (`tests/vendor/axe-core/`, MPL-2.0, licence beside it), so the tests need no
network. Every page type must have no serious or critical violation of the WCAG 2.x A/AA rules or of
axe's best practices. To cover a new page type, add it to PAGE_TYPES.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, search_results

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}
ONCE_FOUND = {"aria-dialog-name", "landmark-unique", "nested-interactive", "link-in-text-block", "color-contrast"}
"""Rules this site once broke (see the README): failures at any impact."""


def one(pattern: str) -> Callable[[Path], str]:
    """The first page (in name order) matching `pattern`, other than a listing."""
    def find(site: Path) -> str:
        pages = sorted(p for p in site.glob(pattern) if p.name != "index.html")
        assert pages, f"no page matches {pattern}"
        return pages[0].relative_to(site).as_posix()
    return find


def fixed(path: str) -> Callable[[Path], str]:
    return lambda site: path


PAGE_TYPES: dict[str, Callable[[Path], str]] = {
    "home": fixed("index.html"),
    "report": one("reports/*.html"),
    "compare": one("compare/*.html"),
    "person": one("people/*.html"),
    "outlet": one("outlets/*.html"),
    "compilation": one("compilations/*.html"),
    "timeline": fixed("timeline.html"),
    "topics": fixed("topics.html"),
    "glossary": fixed("glossary.html"),
    "reports listing": fixed("reports/index.html"),
    "people listing": fixed("people/index.html"),
    "outlets listing": fixed("outlets/index.html"),
    "compilations listing": fixed("compilations/index.html"),
    "shared passages": fixed("compare/index.html"),
    "data": fixed("data.html"),
}


def axe_violations(page: Any) -> list[str]:
    """Serious and critical axe violations on the page as it is now, one line per rule and node.

    The 404 page is checked where it works, under a base path (tests/test_base_path.py): opened
    from disk it cannot load its stylesheets, which are addressed from the site's root."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')[:160]!r}"
            for v in result["violations"] if v["impact"] in BLOCKING or v["id"] in ONCE_FOUND for node in v["nodes"]]


LIGHTER_TEMPLATES = {"main.html", "partials/logo.html", "partials/nav.html", "partials/javascripts/base.html",
                     "partials/javascripts/content.html"}
"""Templates that make the frame every page repeats lighter (see README, *Rebuilds and site size*):
main.html extends Material's base.html and replaces only its `site_meta`, `site_nav`, `config` and
`footer` blocks (site_nav with assets/site-nav.js, the static template that draws the navigation of
pages outside it); logo.html leaves the logo to archive.css; nav.html writes a plain link to another page on
one line; javascripts/base.html loads Material's inline helpers from a file; javascripts/content.html
writes Material's tab scripts only where there are tabs. All are checked against Material's below."""
OWN_TEMPLATES = {"partials/archive-search.html"}
"""The archive's own partial: the header's search box (Material's markup, run by archive-search.js)."""
MATERIAL_SEARCH = re.compile(r'    {% if "material/search" in config.plugins %}.*?(?=    {% if config.repo_url %})',
                             re.S)
ARCHIVE_SEARCH = re.compile(r"    {#- The archive's own search.*?"
                            r'{% include "partials/archive-search.html" %}\n', re.S)
TEMPLATE_NOTE = re.compile(r"^{#-.*?-#}\n", re.S)
NAV_LINK = re.compile(r"      {#- A page other than this one.*?{% else %}\n"
                      r"(      {{ item.render\(nav_item, path, 1\) }}\n)      {% endif %}\n", re.S)
"""partials/nav.html: where a plain link to another page is written on one line, else Material's item."""
SITE_NAV_BLOCK = re.compile(r"^ *{% block site_nav %}\n(.*?)^ *{% endblock %}\n", re.S | re.M)
SITE_NAV_NOTE = re.compile(r"  {#- Material's block with two changes.*?-#}\n.*?{%- set toc_size = [^\n]*\n", re.S)
SCRIPTED_NAV = re.compile(r"    {% if page and page\.file and page not in nav\.pages and not hidden %}\n"
                          r"    <script src=\"{{ 'assets/site-nav\.js' \| url }}\"></script>\n"
                          r"    {% else %}\n((?:.*\n)*?)    {% endif %}\n")
"""main.html's site_nav: a page outside the navigation loads the sidebar from assets/site-nav.js, else Material's."""
SHORT_TOC = ' and toc_size >= 3 %}'
"""main.html's site_nav: the table of contents only where it lists three entries or more."""
MENU_ICON = re.compile(r"    {#- The menu button's icon drawn by archive.css.*?{% if config.theme.icon.menu %}\n(.*?)"
                       r"    {% else %}\n.*?{% endif %}\n", re.S)
"""The header's menu button: Material's where mkdocs.yml names an icon, else one archive.css draws."""
LOGO_TOOLTIP = ' title="{{ config.site_name | e }}" class="md-'
"""The logo's link in Material's header and navigation: a tooltip that repeats its aria-label (left out)."""


def test_theme_overrides_are_the_reviewed_ones() -> None:
    import material

    materials = Path(material.__file__).parent / "templates"
    ours = REPO / "site_overrides"
    assert sorted(p.relative_to(ours).as_posix() for p in ours.rglob("*.html")) == sorted(
        [*OWN_TEMPLATES, *LIGHTER_TEMPLATES, "partials/header.html"])
    # the header is Material's with its search plugin's box swapped for the archive's and its menu
    # icon drawn by archive.css, nothing else
    header = (ours / "partials" / "header.html").read_text(encoding="utf-8")
    material_header = (materials / "partials" / "header.html").read_text(encoding="utf-8")
    assert len(ARCHIVE_SEARCH.findall(header)) == 1 and len(MATERIAL_SEARCH.findall(material_header)) == 1
    assert len(MENU_ICON.findall(header)) == 1
    assert material_header.count(LOGO_TOOLTIP) == 1 and LOGO_TOOLTIP not in header
    assert TEMPLATE_NOTE.sub("", ARCHIVE_SEARCH.sub("", MENU_ICON.sub(r"\1", header))) == TEMPLATE_NOTE.sub(
        "", MATERIAL_SEARCH.sub("", material_header)).replace(LOGO_TOOLTIP, ' class="md-')


def test_lighter_templates_change_only_what_they_say() -> None:
    import material

    base = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    main = (REPO / "site_overrides" / "main.html").read_text(encoding="utf-8")
    assert '{% extends "base.html" %}' in main
    assert re.findall(r"{%-? block (\w+)", main) == ["site_meta", "site_nav", "config", "footer"]
    # the sidebars: Material's block, but for the navigation from a script outside it and no short contents
    [materials_block], [our_block] = SITE_NAV_BLOCK.findall(base), SITE_NAV_BLOCK.findall(main)
    assert len(SCRIPTED_NAV.findall(our_block)) == 1 and our_block.count(SHORT_TOC) == 1
    assert textwrap.dedent(SCRIPTED_NAV.sub(r"\1", SITE_NAV_NOTE.sub("", our_block)).replace(SHORT_TOC, " %}")) == (
        textwrap.dedent(materials_block))
    # the script draws Material's sidebar as the block does (never hidden: a hidden one stays in the page)
    script = (REPO / "site_overrides" / "assets" / "site-nav.js").read_text(encoding="utf-8")
    [sidebar] = re.findall(r"{%- set sidebar -%}\n(.*?){%- endset -%}", script, re.S)
    [materials_sidebar] = re.findall(r"^ *(<div class=\"md-sidebar md-sidebar--primary\".*?^ *</div>\n)(?= *{% endif)",
                                     materials_block, re.S | re.M)
    assert sidebar == re.sub(r"(?m)^ +", "", materials_sidebar).replace(" {{ hidden }}>", ">")
    # the same search worker and a subset of the same translations as Material's own config block
    assert re.findall(r"assets/javascripts/workers/search\.\w+\.min\.js", main) == re.findall(
        r"assets/javascripts/workers/search\.\w+\.min\.js", base)
    assert set(re.findall(r'"((?:clipboard|search)\.[\w.]+)"', main)) <= set(re.findall(r'lang\.t\("([\w.]+)"\)', base))
    logo = (REPO / "site_overrides" / "partials" / "logo.html").read_text(encoding="utf-8")
    assert "<svg" not in logo and "archive-logo" in (REPO / "site_overrides" / "assets" / "archive.css").read_text()
    # the navigation: Material's, with a plain link to another page written on one line
    nav = (REPO / "site_overrides" / "partials" / "nav.html").read_text(encoding="utf-8")
    assert len(NAV_LINK.findall(nav)) == 1 and LOGO_TOOLTIP not in nav
    assert TEMPLATE_NOTE.sub("", NAV_LINK.sub(r"\1", nav)) == TEMPLATE_NOTE.sub(
        "", (Path(material.__file__).parent / "templates" / "partials" / "nav.html").read_text(encoding="utf-8")
    ).replace(LOGO_TOOLTIP, ' class="md-')
    materials = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    ours = REPO / "site_overrides" / "partials" / "javascripts"
    # Material's tab scripts as they are, inside one condition: the tabs extension is on
    tabs = TEMPLATE_NOTE.sub("", (materials / "content.html").read_text(encoding="utf-8"))
    assert TEMPLATE_NOTE.sub("", (ours / "content.html").read_text(encoding="utf-8")) == (
        '{% if "pymdownx.tabbed" in config.markdown_extensions %}\n' + tabs + "{% endif %}\n")
    # Material's helpers as they are where `extra.scope` is set, else the same code from a file
    helpers = TEMPLATE_NOTE.sub("", (materials / "base.html").read_text(encoding="utf-8"))
    assert helpers in (ours / "base.html").read_text(encoding="utf-8")
    scope = (REPO / "site_overrides" / "assets" / "archive-scope.js").read_text(encoding="utf-8").splitlines()[-1]
    assert "<script>" + scope.replace('new URL("..",document.currentScript.src)', 'new URL("{{ config.extra.scope '
                                      '| d(base_url) }}",location)') + "</script>\n" == helpers


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_accessibility_violation(site: Path, page: Any, kind: str) -> None:
    page.goto((site / PAGE_TYPES[kind](site)).as_uri())
    page.wait_for_load_state("load")
    assert axe_violations(page) == []


def test_no_serious_accessibility_violation_with_search_open(site: Path, page: Any) -> None:
    page.goto((site / "index.html").as_uri())
    search_results(page, "Lavrov")
    assert axe_violations(page) == []


def test_no_serious_accessibility_violation_on_the_search_page_with_facets(site: Path, page: Any) -> None:
    page.goto((site / "search.html").as_uri() + "?q=lavrov&speaker=Sergey+Lavrov")
    page.wait_for_selector(".archive-search-page[data-ready]")
    assert page.locator("fieldset[data-facet] input:checked").count() == 1
    assert axe_violations(page) == []


# --- the keyboard alone ------------------------------------------------------------------------------

def tab_to(page: Any, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches `selector`, as a keyboard user would reach it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def first_page_with(site: Path, pattern: str, marker: str) -> Path:
    return next(p for p in sorted(site.glob(pattern)) if marker in p.read_text(encoding="utf-8"))


def test_search_with_the_keyboard_alone(site: Path, page: Any) -> None:
    page.goto((site / "index.html").as_uri())
    tab_to(page, "input.md-search__input, label[for=__search]")
    if page.evaluate("document.activeElement.tagName") == "LABEL":  # the search button on narrow screens
        page.keyboard.press("Enter")
    page.keyboard.type("Kazakhstan", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href') || ''")
    assert focused, "ArrowDown did not move to a search result"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0].split("#")[0].endswith(focused.split("?")[0].split("#")[0].lstrip("./"))


def test_annotation_note_opens_and_closes_with_the_keyboard(site: Path, page: Any) -> None:
    report = first_page_with(site, "reports/*.html", "popovertarget=")
    page.goto(report.as_uri())
    tab_to(page, "button[popovertarget]")
    note = page.locator("#" + page.evaluate("document.activeElement.getAttribute('popovertarget')"))
    assert not note.is_visible()
    page.keyboard.press("Enter")
    assert note.is_visible() and note.inner_text().strip()
    page.keyboard.press("Escape")
    assert not note.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('popovertarget')"), "focus did not return to the marker"


def test_compare_page_is_reached_and_left_with_the_keyboard(site: Path, page: Any) -> None:
    report = first_page_with(site, "reports/*.html", 'class="parallel-compare"')
    page.goto(report.as_uri())
    tab_to(page, "a.parallel-compare")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/compare/" in page.url and page.locator("del, ins").count() > 0
    tab_to(page, "article a[href*='reports/']")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/reports/" in page.url and target.split("/")[-1].split("#")[0] in page.url


def test_facets_with_the_keyboard_alone(site: Path, page: Any) -> None:
    page.goto((site / "search.html").as_uri())
    page.wait_for_selector(".archive-search-page[data-ready]")
    status = page.locator(".archive-search-page__status")
    assert status.inner_text() == "4 reports"
    tab_to(page, "fieldset[data-facet='outlet'] input")
    label = page.evaluate("document.activeElement.labels[0].textContent")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked"), "Space did not choose the focused facet value"
    page.wait_for_function("document.querySelector('.archive-search-page__status').textContent !== '4 reports'")
    count = int(label.rsplit("(", 1)[1].split(")")[0])
    assert status.inner_text() == (f"{count} report" if count == 1 else f"{count} reports")
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('.archive-search-page__status').textContent === '4 reports'")
    # a result is reached from the facets with Tab alone, and Enter opens it
    tab_to(page, ".archive-search-page__list a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/reports/" in page.url
