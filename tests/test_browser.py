"""A real browser on the built site, opened from disk over file:// with no server and no network.

Uses Debian's chromium (`make test` installs it); Playwright's own browser download is never used.
Without the browser the tests are skipped, except under CI, where that is a failure.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from generator.build import build
from tests.conftest import SEED

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_offline_search_finds_the_transcript_and_anchor_links_work(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "index.html").as_uri())
    search = page.locator(".md-search__input")
    search.click()
    search.press_sequentially("Kazakhstan", delay=30)  # Material searches on key events, not on `fill`
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    transcript = page.locator(".md-search-result__item a[href*='reports/2024-04-09-foreign-minister-sergey-lavrovs']",
                              has_text="Sergey Lavrov’s remarks").first
    assert transcript.count() == 1
    transcript.click()
    page.wait_for_load_state("load")
    assert "2024-04-09-foreign-minister-sergey-lavrovs-remarks" in page.url
    passage = page.locator("p.passage", has_text="replace Kazakhstan as the SCO chair")
    anchor = passage.get_attribute("id")
    assert anchor and anchor.startswith("p-")
    passage.hover()
    passage.locator("a.passage-anchor").click()
    assert page.url.endswith(f"#{anchor}")
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == anchor
    assert page.remote_requests == []  # type: ignore[attr-defined]


def test_report_page_shows_metadata_and_links_back_to_the_source(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "reports" / "2024-04-09-xi-meets-russian-foreign-minister.html").as_uri())
    facts = page.locator(".report-facts").inner_text()
    assert "Xinhua" in facts and "9 April 2024" in facts and "Beijing" in facts
    assert "Xi Jinping, Sergey Lavrov" in facts
    with page.expect_download() as download:  # the source's text, compressed: saved, not shown
        page.locator(".report-facts a", has_text="original text").click()
    assert download.value.url.endswith("compilations/000_600d39537292fdeb.original.txt.gz")
    assert gzip.decompress(Path(download.value.path()).read_bytes()) == SEED.read_bytes()
    assert page.remote_requests == []  # type: ignore[attr-defined]


def test_speaker_page_links_to_the_paragraph(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "index.html").as_uri())
    page.locator(".md-nav__link", has_text="People").first.click()
    page.locator("a", has_text="Sergey Lavrov").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("people/sergey-lavrov.html")
    assert page.locator("h2", has_text="Speaks in 4 reports").count() == 1
    statement = page.locator("li a", has_text="replace Kazakhstan as the SCO chair").first
    statement.click()
    page.wait_for_load_state("load")
    anchor = page.url.rsplit("#", 1)[1]
    target = page.locator(f"#{anchor}")
    assert "Kazakhstan" in target.inner_text()
    assert target.get_attribute("data-speaker") == "Sergey Lavrov"
    assert target.is_visible()
    assert page.remote_requests == []  # type: ignore[attr-defined]


def test_annotation_marker_opens_its_note(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "reports" / "2024-04-09-chinese-russian-fms-hold-talks.html").as_uri())
    mark = page.locator("mark.annotated", has_text="Chine believes")
    note_id = mark.get_attribute("id").removesuffix("-text")
    note = page.locator(f"#{note_id}")
    assert not note.is_visible()
    page.locator(f"button[popovertarget='{note_id}']").click()
    assert note.is_visible()
    assert "Misspelling in the source" in note.inner_text()
    page.keyboard.press("Escape")
    assert not note.is_visible()


def test_abbreviation_expands_on_hover(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "reports" / "2024-04-09-foreign-minister-sergey-lavrovs-remarks-and-answers-to.html").as_uri())
    abbr = page.locator("abbr", has_text="IAEA").first
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    # Material's tooltips feature moves the title into a tooltip shown on hover
    tooltip = page.locator(".md-tooltip2, .md-tooltip", has_text="International Atomic Energy Agency").first
    tooltip.wait_for(state="visible", timeout=5000)


def test_citation_is_copied_to_the_clipboard(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "reports" / "2024-04-09-xi-meets-russian-foreign-minister.html").as_uri())
    page.evaluate("""() => {
        window.__copied = [];
        document.addEventListener('copy', () => window.__copied.push(String(document.getSelection())), true);
        if (navigator.clipboard) {
            navigator.clipboard.writeText = text => { window.__copied.push(text); return Promise.resolve(); };
        }
    }""")
    block = page.locator("pre", has=page.locator("code.language-text")).first
    block.hover()
    block.locator("button.md-clipboard, .md-code__button[data-md-type=copy]").first.click()
    page.wait_for_function("window.__copied.length > 0", timeout=5000)
    copied = page.evaluate("window.__copied.join('\\n')")
    assert "Xinhua. “Xi meets Russian foreign minister.” 9 April 2024, Beijing." in copied
    assert "reports/2024-04-09-xi-meets-russian-foreign-minister.html" in copied
    context.close()


def test_hostile_page_builds_to_a_site_where_nothing_runs(browser, make_project) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import FIXTURES

    project = make_project(FIXTURES / "html" / "hostile.html")
    build(project)
    site = project.root / "site"
    assert not (site / "sources" / "hostile.html").exists()
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    remote: list[str] = []
    page.on("request", lambda request: request.url.startswith("file:") or remote.append(request.url))
    [report] = [p for p in (site / "reports").glob("*.html") if p.name != "index.html"]
    assert "<script" in gzip.decompress((site / "compilations" / "hostile.original.txt.gz").read_bytes()).decode()
    for target in (report, site / "compilations" / "hostile.html"):
        page.goto(target.as_uri())
        page.wait_for_load_state("load")
        page.mouse.click(5, 5)
        for paragraph in page.locator("p.passage").all():
            paragraph.click()
        for link in page.locator("a", has_text="click me").all():
            assert not (link.get_attribute("href") or "").startswith("javascript:")
    page.goto(report.as_uri())
    text = page.locator("article").inner_text()
    for visible in ("click me", "{{ config }}", "{% raw %}", "*markdown* [x](y)", "<script>alert(4)</script>",
                    "A paragraph with a handler."):
        assert visible in text
    assert page.evaluate("document.cookie") == ""
    assert page.locator("article script, article iframe, article img, article [onclick]").count() == 0
    assert dialogs == [] and remote == []
    context.close()


def test_parallel_link_lands_on_the_twin_paragraph(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "reports" / "undated-lavrov-china-and-russia-working-to-establish-a-fair.html").as_uri())
    source = page.locator("p.passage", has_text="replace Kazakhstan as the SCO chair")
    link = page.locator(f"#{source.get_attribute('id')} + .parallels a.parallel").first
    assert "near-verbatim" in link.inner_text()
    link.click()
    page.wait_for_load_state("load")
    assert "2024-04-09-foreign-minister-sergey-lavrovs-remarks" in page.url
    anchor = page.url.rsplit("#", 1)[1]
    twin = page.locator(f"#{anchor}")
    assert "replace Kazakhstan as the SCO chair" in twin.inner_text()
    assert twin.is_visible()
    # and back: the twin links to the editor's paragraph
    back = page.locator(f"#{anchor} + .parallels a.parallel").first
    back.click()
    page.wait_for_load_state("load")
    assert "undated-lavrov-china-and-russia" in page.url
    assert page.locator(f"#{page.url.rsplit('#', 1)[1]}").inner_text().startswith("Regarding the Shanghai")
    compare = page.locator("a.parallel-compare").first
    compare.click()
    page.wait_for_load_state("load")
    assert "/compare/" in page.url and page.locator("del, ins").count() > 0
    assert page.remote_requests == []  # type: ignore[attr-defined]


def facet(page, name: str, value: str):  # type: ignore[no-untyped-def]
    return page.locator(f"fieldset[data-facet='{name}'] .archive-facet__value", has_text=value).locator("input")


def test_search_page_marks_words_combines_two_facets_and_lands_on_the_passage(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "index.html").as_uri())
    box = page.locator("[data-archive-search] .md-search__input")
    box.click()
    box.press_sequentially("kazakhstan", delay=20)
    page.locator("[data-archive-search] .md-search-result__item mark", has_text="Kazakhstan").first.wait_for(
        timeout=15000)
    with page.expect_navigation():
        box.press("Enter")
    assert "search.html?q=kazakhstan" in page.url
    results = page.locator(".archive-search-page")
    page.wait_for_selector(".archive-search-page[data-ready]")
    assert page.locator(".archive-search-page__status").inner_text() == "2 matching reports"
    assert page.locator(".archive-search-page__list mark").first.inner_text() == "Kazakhstan"
    assert "(2)" in page.locator("fieldset[data-facet='speaker'] label", has_text="Sergey Lavrov").inner_text()
    facet(page, "speaker", "Sergey Lavrov").check()
    facet(page, "year", "2024").check()
    page.wait_for_function("document.querySelector('.archive-search-page__status').textContent === '1 matching report'")
    # the other facets count what choosing them would give, within the two chosen
    assert "(1)" in page.locator("fieldset[data-facet='outlet'] label").first.inner_text()
    assert "year=2024" in page.url and "speaker=Sergey+Lavrov" in page.url
    result = results.locator(".archive-search-page__list a").first
    assert "Sergey Lavrov’s remarks" in result.inner_text()
    href = result.get_attribute("href")
    assert href and "reports/2024-04-09-foreign-minister-sergey-lavrovs" in href and "#p-" in href
    with page.expect_navigation():
        result.click()
    target = page.locator(":target")
    assert "Kazakhstan" in target.inner_text() and target.is_visible()
    assert page.url.split("#")[1] == target.get_attribute("id")
    assert page.remote_requests == []  # type: ignore[attr-defined]


def test_browsing_with_an_empty_query_counts_every_report(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "search.html").as_uri())
    page.wait_for_selector(".archive-search-page[data-ready]")
    assert page.locator(".archive-search-page__status").inner_text() == "4 reports"
    dates = page.locator(".archive-search-page__list .archive-search__facts").all_inner_texts()
    assert "9 April 2024" in dates[0]  # newest first, the undated report last
    facet(page, "outlet", "Xinhua").check()
    page.wait_for_function("document.querySelector('.archive-search-page__status').textContent === '2 reports'")
    titles = page.locator(".archive-search-page__list .archive-search__title").all_inner_texts()
    assert sorted(titles) == ["Chinese, Russian FMs hold talks", "Xi meets Russian foreign minister"]
    page.locator(".archive-search-page__clear").click()
    page.wait_for_function("document.querySelector('.archive-search-page__status').textContent === '4 reports'")


def test_header_search_is_keyboard_usable_and_lists_people(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "index.html").as_uri())
    page.keyboard.press("/")
    box = page.locator("[data-archive-search] .md-search__input")
    assert page.evaluate("document.activeElement.id") == "archive-search-input"
    box.press_sequentially("lavrov", delay=20)
    person = page.locator("[data-archive-search] a.archive-search__entity", has_text="Sergey Lavrov")
    person.wait_for(timeout=15000)
    page.locator("[data-archive-search] .md-search-result__list[data-query='lavrov']").wait_for(timeout=15000)
    assert person.get_attribute("href").endswith("people/sergey-lavrov.html")
    assert "matching report" in page.locator("#archive-search-status").inner_text()
    box.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('archive-search__entity')")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/reports/" in page.url and "#p-" in page.url


def test_search_shows_hostile_source_text_as_text(make_project, page) -> None:  # type: ignore[no-untyped-def]
    hostile = ("Title <img src=x onerror=window.__pwned=1> zebra\n\nLONDON (Reuters) - The zebra said "
               "<script>window.__pwned=2</script> and <b onmouseover=window.__pwned=3>bold</b>.\n\n"
               "Talks at the Élysée and in Łódź.\n")
    project = make_project(texts={"sources/hostile.txt": hostile})
    build(project)
    page.goto((project.root / "site" / "search.html").as_uri() + "?q=zebra")
    page.wait_for_selector(".archive-search-page[data-ready]")
    item = page.locator(".archive-search-page__list li").first
    assert "<img src=x onerror=window.__pwned=1>" in item.inner_text()
    assert "<script>window.__pwned=2</script>" in item.inner_text()
    assert item.locator("img, script, b").count() == 0
    assert item.locator("mark").first.inner_text().lower() == "zebra"
    assert page.evaluate("window.__pwned") is None
    # the browser folds case and accents as the generator did when it built the index
    page.goto((project.root / "site" / "search.html").as_uri() + "?q=ELYSEE%20%C5%82odz")
    page.wait_for_selector(".archive-search-page[data-ready]")
    assert page.locator(".archive-search-page__status").inner_text() == "1 matching report"
    assert page.locator(".archive-search-page__list mark").all_inner_texts() == ["Élysée", "Łódź"]


def test_header_search_is_a_link_without_javascript_and_the_box_with_it(site: Path, browser, page) -> None:  # type: ignore[no-untyped-def]
    """Pages carry only a link to the search page; archive-search.js puts Material's box in its place."""
    report = (site / "reports" / "2024-04-09-xi-meets-russian-foreign-minister.html").as_uri()
    search_page = (site / "search.html").as_uri()
    context = browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(report)
        link = plain.locator("header a[data-archive-search-link]")
        assert link.is_visible() and link.get_attribute("title") == "Search"
        assert plain.locator(".md-search").count() == 0
        with plain.expect_navigation():
            link.click()
        assert plain.url == search_page and plain.locator("noscript").count() == 1
    finally:
        context.close()
    page.goto(report)
    assert page.locator("a[data-archive-search-link]").count() == 0
    assert page.locator("header label.md-header__button[for=__search]").count() == 1
    assert page.locator("header [data-archive-search] form").evaluate("form => form.action") == search_page
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_pages_outside_the_navigation_draw_it_from_one_script(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """A report page gets Material's navigation from assets/site-nav.js, with the links a listing at its
    depth carries, as the drawer of a small screen; without JavaScript it has neither nor the menu button."""
    report = (site / "reports" / "2024-04-09-xi-meets-russian-foreign-minister.html").as_uri()
    links = "nodes => nodes.map(a => a.href)"
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript, viewport={"width": 600, "height": 900})
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            page.goto((site / "reports" / "index.html").as_uri())
            listing = page.eval_on_selector_all(".md-sidebar--primary a", links)
            page.goto(report)
            menu = page.locator('header label.md-header__button[for="__drawer"]')
            if not javascript:
                assert page.locator(".md-sidebar").count() == 0 and not menu.is_visible()
                continue
            assert page.eval_on_selector_all(".md-sidebar--primary a", links) == listing and len(listing) > 5
            assert page.locator(".md-sidebar--secondary").count() == 0 and errors == []
            timeline = page.locator(".md-sidebar--primary a.md-nav__link", has_text="Timeline")
            in_view = "a => a.getBoundingClientRect().right > 0 && a.getBoundingClientRect().left < innerWidth"
            assert not timeline.evaluate(in_view)  # the drawer is closed
            menu.click()
            page.wait_for_function(in_view, arg=timeline.element_handle())  # the drawer opened
            timeline.click()
            page.wait_for_load_state("load")
            assert page.url == (site / "timeline.html").as_uri()
        finally:
            context.close()


def test_every_passage_links_to_itself(make_project, page) -> None:  # type: ignore[no-untyped-def]
    """The pilcrow links that archive-page.js writes from the passages' ids: one per paragraph and list
    item, a list item's before the links to its twins."""
    shared = "- The two sides agreed to extend the grain corridor for sixty days and to open three more ports.\n"
    project = make_project(texts={
        "sources/geneva.txt": "Talks in Geneva\n\nGENEVA (Reuters) - The ministers met on Monday in the city.\n\n"
                              f"{shared}\n- Both delegations will meet again in June.\n",
        "sources/beijing.txt": "Talks end in Geneva\n\nBEIJING, May 2 (Xinhua) -- Officials spoke on Tuesday.\n\n"
                               f"{shared}"})
    build(project)
    [report] = (project.root / "site" / "reports").glob("*talks-in-geneva*.html")
    page.goto(report.as_uri())
    passages = page.eval_on_selector_all(".md-typeset :is(p, li).passage[id]", "nodes => nodes.map(n => n.id)")
    anchors = page.eval_on_selector_all(
        ".md-typeset .passage > a.passage-anchor", "nodes => nodes.map(a => [a.parentNode.id, a.getAttribute('href')])")
    assert len(passages) == 3 and anchors == [[anchor, f"#{anchor}"] for anchor in passages]
    twin = page.locator("li.passage:has(> .parallels)")
    assert twin.evaluate("li => li.querySelector('.passage-anchor').nextElementSibling.className") == "parallels"
