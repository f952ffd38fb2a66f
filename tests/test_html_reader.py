"""Reading saved web pages: the article without the site, its structure, metadata and source lines."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from generator.build import generate
from generator.models import Block, Report, ReportDate, SourceDocument
from generator.readers import reader_for
from generator.readers.decode import SourceDecodeError
from generator.readers.html import read_html_source
from tests.conftest import FIXTURES, ProjectFactory

WORDPRESS = FIXTURES / "html" / "wordpress_compilation.html"
WORDPRESS_TEXT = FIXTURES / "html" / "wordpress_compilation.txt"
HOSTILE = FIXTURES / "html" / "hostile.html"
COMMENT = "Great roundup, thanks!"


def read(path: Path) -> SourceDocument:
    return read_html_source(path.read_bytes(), Path("sources") / path.name, f"content/sources/{path.name}")


def read_page(markup: str | bytes) -> list[Block]:
    data = markup.encode("utf-8") if isinstance(markup, str) else markup
    return list(read_html_source(data, Path("sources/page.html"), "content/sources/page.html").blocks)


def texts(blocks: list[Block] | tuple[Block, ...]) -> list[str]:
    return [block.text for block in blocks]


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the fixture that holds `needle`, which must occur once."""
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line]
    assert len(lines) == 1, f"{needle!r} is on lines {lines}"
    return lines[0]


# --- the WordPress fixture ------------------------------------------------------------------------


def test_reader_is_registered_for_html_suffixes() -> None:
    assert reader_for(Path("a.html")) is read_html_source
    assert reader_for(Path("a.HTM")) is read_html_source


def test_page_metadata() -> None:
    meta = read(WORDPRESS).meta
    assert meta.title == "Lavrov in Beijing: what the agencies and the ministry reported"
    assert meta.url == "https://diplomaticdigest.example.org/2024/04/10/lavrov-in-beijing/"  # canonical over og:url
    assert meta.publisher == "Diplomatic Digest"
    assert meta.published == ReportDate(2024, 4, 10)
    assert meta.language == "en-US"


@pytest.mark.parametrize(
    "furniture",
    ["Skip to content", "Statements, readouts and wire copy", "Home", "About us", "Menu", "Posted on", "Editor",
     "Share this", "Twitter", "Related", "Grain talks in Istanbul", "Posted in", "Post navigation",
     "Security Council vote", "One thought on", "Ivan Petrov", COMMENT, "Reply", "Your email address",
     "Post Comment", "Recent Posts", "Proudly powered", "sharing_js_options", "wp--preset", "jquery"],
)
def test_site_furniture_is_left_out(furniture: str) -> None:
    assert not [text for text in texts(read(WORDPRESS).blocks) if furniture in text]


def test_article_title_heading_and_order() -> None:
    blocks = read(WORDPRESS).blocks
    title_line = line_of(WORDPRESS, '<h1 class="entry-title">')
    assert blocks[0] == Block("Lavrov in Beijing: what the agencies and the ministry reported", title_line, title_line,
                              kind="heading")
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings[1:] == [
        "Wang Yi holds talks with Russian foreign minister in Beijing",
        "Foreign Minister Sergey Lavrov’s answers to media questions following talks with Wang Yi, Beijing, "
        "April 9, 2024",
    ]
    assert [b.line for b in blocks] == sorted(b.line for b in blocks)


def test_list_items_are_one_block_each() -> None:
    items = [b for b in read(WORDPRESS).blocks if b.kind == "list_item"]
    assert texts(items) == [
        "ensuring the success of the next meeting between the two heads of state;",
        "expanding trade settled in national currencies and securing logistics chains;",
        "strengthening coordination at the United Nations and in the Group of Twenty.",
    ]
    assert [b.line for b in items] == [line_of(WORDPRESS, "<li>ensuring"), line_of(WORDPRESS, "<li>expanding"),
                                       line_of(WORDPRESS, "<li>strengthening")]


def test_bold_labels_make_speaker_turns() -> None:
    turns = [(b.speaker_label, b.text.split(": ")[0], b.line) for b in read(WORDPRESS).blocks if b.speaker_label]
    assert turns == [
        ("Question", "Question", line_of(WORDPRESS, "Western capitals say")),
        ("Sergey Lavrov", "Sergey Lavrov", line_of(WORDPRESS, "Our relations are not")),
        ("Question", "Question", line_of(WORDPRESS, "When will President Putin")),
        ("Sergey Lavrov", "Sergey Lavrov", line_of(WORDPRESS, "The dates will be")),
    ]


def test_blockquote_nbsp_and_single_br() -> None:
    blocks = read(WORDPRESS).blocks
    by_start = {b.text[:20]: b for b in blocks}
    quote = by_start["“China and Russia ar"]
    assert quote.kind == "paragraph" and quote.line == line_of(WORDPRESS, "<p>“China and Russia")
    assert "compare them. Where a report" in by_start["We have gathered the"].text  # &nbsp; is a space
    intro = by_start["Sergey Lavrov spent "]  # a single <br /> is a space; the block spans both lines
    assert "made public at first, and the reports" in intro.text
    assert (intro.line, intro.end_line) == (line_of(WORDPRESS, "Sergey Lavrov spent"),
                                            line_of(WORDPRESS, "and the reports that followed"))


def test_lines_point_at_the_elements() -> None:
    blocks = read(WORDPRESS).blocks
    for needle in ["BEIJING, April 9 (Xinhua)", "BEIJING, April 9. /TASS/.", "<strong>Lavrov: BRICS",
                   "The following articles were", "(Russian Ministry of Foreign Affairs)"]:
        line = line_of(WORDPRESS, needle)
        found = [b for b in blocks if b.line == line]
        assert len(found) == 1 and found[0].end_line == line, needle
        assert needle.replace("<strong>", "") in found[0].text


# --- hostile content --------------------------------------------------------------------------------


def test_hostile_code_is_removed_and_visible_text_kept() -> None:
    doc = read(HOSTILE)
    joined = "\n".join(texts(doc.blocks))
    for code in ["alert(0)", "alert(1)", "alert(2)", "alert(3)", "alert(5)", "alert(6)", "in-title", "onerror",
                 "javascript:", "document.cookie", "iframe fallback", "commented-out", "enable JavaScript",
                 "styled away", "Template content", "svg text", "Hidden paragraph", "object fallback", "<img"]:
        assert code not in joined, code
    for visible in ["click me", "{{ config }}", "{% raw %}", "{# note #}", "*markdown* [x](y) `code`",
                    "<script>alert(4)</script>", "A paragraph with a handler."]:
        assert visible in joined, visible
    assert doc.blocks[0].text == "Statement on the talks"
    assert texts(doc.blocks)[1] == "MOSCOW, April 9. /TASS/. First paragraph. It goes on."
    assert doc.meta.title == "Statement on the talks"  # no og:title: the <h1>, without its script


# --- structure rules, on small pages ---------------------------------------------------------------


def test_double_br_is_a_paragraph_break_and_single_br_a_space() -> None:
    blocks = read_page("<body><p>One\n<br>two.<br>\n<br>\nThree.</p></body>")
    assert [(b.text, b.line, b.end_line) for b in blocks] == [("One two.", 1, 2), ("Three.", 4, 4)]


@pytest.mark.parametrize(
    ("markup", "label", "text"),
    [
        ("<p><strong>Question:</strong> What now?</p>", "Question", "Question: What now?"),
        ("<p><b>Sergey Lavrov</b>: We agreed</p>", "Sergey Lavrov", "Sergey Lavrov: We agreed"),
        ("<p> <b>Q:</b>Why?</p>", "Q", "Q: Why?"),
        ("<p><strong>Maria</strong> <strong>Zakharova:</strong> yes</p>", "Maria Zakharova", "Maria Zakharova: yes"),
        ("<p>Mao Ning: China has noted the reports.</p>", "Mao Ning", "Mao Ning: China has noted the reports."),
        ("<p><strong>One two three four five six:</strong> text.</p>", None, "One two three four five six: text."),
        ("<p><strong>Question:</strong></p>", None, "Question:"),
        ("<p><strong>Lavrov: talks in Beijing</strong></p>", None, "Lavrov: talks in Beijing"),
        ("<p>Text with <b>bold:</b> inside.</p>", None, "Text with bold: inside."),
        ("<p><b>note:</b> lower case.</p>", None, "note: lower case."),
    ],
)
def test_speaker_labels(markup: str, label: str | None, text: str) -> None:
    [block] = read_page(markup)
    assert (block.speaker_label, block.text) == (label, text)


def test_divs_with_direct_text_nested_lists_and_list_paragraphs() -> None:
    blocks = read_page(
        "<body><div>Loose text <em>in</em> a div<div>inner div</div>tail</div>"
        "<ul><li>outer<ul><li>inner</li></ul>after</li><li><p>para in item</p></li></ul>"
        "<table><tr><td>cell one</td><td>cell two</td></tr></table></body>"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Loose text in a div"), ("paragraph", "inner div"), ("paragraph", "tail"),
        ("list_item", "outer"), ("list_item", "inner"), ("list_item", "after"), ("list_item", "para in item"),
        ("paragraph", "cell one"), ("paragraph", "cell two"),
    ]


def test_without_an_article_the_body_is_read_without_site_parts() -> None:
    blocks = read_page(
        "<body><header><h1>Site name</h1><nav><a href='/'>Home</a></nav></header>"
        "<div class='social-links share-bar'>Share on X</div>"
        "<h2>Report title</h2><p>BEIJING, May 1 (Xinhua) -- Text.</p>"
        "<div class='yarpp-related'><p>Other post</p></div>"
        "<ol class='comment-list'><li><p>A comment.</p></li></ol>"
        "<div id='respond'><h3>Leave a Reply</h3></div>"
        "<form><p>Name</p></form><aside><p>Widget</p></aside><footer><p>© 2024</p></footer></body>"
    )
    assert texts(blocks) == ["Report title", "BEIJING, May 1 (Xinhua) -- Text."]


def test_article_header_keeps_its_headings_only() -> None:
    blocks = read_page(
        "<body><header class='site-header'><p>Site</p></header>"
        "<article><header class='entry-header'><h1>Post title</h1><div class='entry-meta'>Posted on May 2</div>"
        "</header><div class='entry-content'><p>Body.</p></div></article>"
        "<ol class='comment-list'><li><article class='comment-body'>"
        "<p>A comment that is longer than the post, much longer indeed.</p></article></li></ol></body>"
    )
    assert [(b.kind, b.text) for b in blocks] == [("heading", "Post title"), ("paragraph", "Body.")]


def test_article_whose_own_class_looks_like_furniture_is_still_read() -> None:
    blocks = read_page("<body class='related-posts-on'><article class='post tag-market-share'><p>Text.</p>"
                       "<div class='share'>Tweet</div></article></body>")
    assert texts(blocks) == ["Text."]


def test_lines_survive_multiline_tags_comments_and_removed_parts() -> None:
    blocks = read_page(
        "<body>\n"                              # 1
        "<p\n"                                  # 2
        '  class="x">First</p>\n'               # 3
        "<script>\n\n\n</script>\n"             # 4-7
        "<!-- a\ncomment -->\n"                 # 8-9
        "<p>Second\nparagraph</p>\n"            # 10-11
        "</body>\n"
    )
    assert [(b.text, b.line, b.end_line) for b in blocks] == [("First", 3, 3), ("Second paragraph", 10, 11)]


# --- metadata fallbacks and charsets ------------------------------------------------------------------


def test_metadata_fallbacks() -> None:
    page = ("<html><head><title>Page title</title><meta property='og:url' content='https://e.example/a'></head>"
            "<body><main><p>Posted <time datetime='2023-03-05'>5 March</time></p><p>Text.</p></main></body></html>")
    meta = read_html_source(page.encode(), Path("sources/p.html"), "p.html").meta
    assert (meta.title, meta.url, meta.published, meta.publisher, meta.language) == (
        "Page title", "https://e.example/a", ReportDate(2023, 3, 5), None, None)
    with_h1 = read_html_source(b"<title>T</title><h1>Heading</h1><p>x</p>", Path("sources/p.html"), "p.html").meta
    assert with_h1.title == "Heading"


@pytest.mark.parametrize(
    "head",
    ['<meta charset="windows-1251">', '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'],
)
def test_declared_charset_is_used(head: str) -> None:
    text = "Лавров: переговоры в Пекине прошли конструктивно."
    encoding = "koi8-r" if "koi8" in head else "cp1251"
    [block] = read_page(f"<html><head>{head}</head><body><p>{text}</p></body></html>".encode(encoding))
    assert block.text == text


def test_saved_windows_1251_page() -> None:
    path = FIXTURES / "encodings" / "briefing_cp1251.html"
    doc = read(path)
    assert doc.meta.publisher == "Министерство иностранных дел Российской Федерации"
    assert doc.meta.language == "ru"
    assert [(b.kind, b.speaker_label, b.line) for b in doc.blocks] == [
        ("heading", None, 11), ("paragraph", "Вопрос", 12), ("paragraph", "М.В.Захарова", 13)]
    assert doc.blocks[2].text.startswith("М.В.Захарова: Переговоры прошли в конструктивной")
    assert "Главная" not in " ".join(texts(doc.blocks))


def test_utf16_page_and_undecodable_page() -> None:
    [block] = read_page("\ufeff<p>Déclaration du ministère.</p>".encode("utf-16-le"))
    assert block.text == "Déclaration du ministère."
    with pytest.raises(SourceDecodeError) as caught:
        read_page(b"<p>ok</p>\n<p>bad \xff byte</p>")
    assert caught.value.problem.line == 2 and caught.value.problem.path == "content/sources/page.html"


# --- end to end -----------------------------------------------------------------------------------------


def test_wordpress_page_builds_into_reports(make_project: ProjectFactory) -> None:
    archive = generate(make_project(WORDPRESS))
    meta = archive.splits[0].source.meta
    assert (meta.publisher, meta.published, meta.url) == (
        "Diplomatic Digest", ReportDate(2024, 4, 10), "https://diplomaticdigest.example.org/2024/04/10/lavrov-in-beijing/")
    assert [(r.title[:40], r.outlet, str(r.date)) for r in archive.reports] == [
        ("Lavrov in Beijing: what the agencies and", None, "2024-04-10"),  # the editor's article: the page's date
        ("Wang Yi holds talks with Russian foreign", "Xinhua", "2024-04-09"),
        ("Lavrov: BRICS foreign ministers will mee", "TASS", "2024-04-09"),
        ("Foreign Minister Sergey Lavrov’s answers", "Ministry of Foreign Affairs of the Russian Federation",
         "2024-04-09"),
    ]
    assert [b.text[:30] for b in archive.splits[0].notes] == ["The following articles were or"]
    transcript = archive.reports[-1]
    assert transcript.speakers == ("Sergey Lavrov",)
    assert [p.speaker for p in transcript.passages][1:4] == ["Questioner", "Sergey Lavrov", "Sergey Lavrov"]
    for name, generated in archive.pages.items():
        page = gzip.decompress(generated).decode("utf-8") if isinstance(generated, bytes) else generated
        if name.endswith(".original.txt.gz"):
            assert COMMENT in page  # the unchanged original, served as text, keeps everything
            continue
        assert COMMENT not in page, name
        assert "Ivan Petrov" not in page, name
    assert "Diplomatic Digest" in archive.pages["compilations/wordpress_compilation.md"]


def test_html_and_pasted_text_give_the_same_reports(make_project: ProjectFactory) -> None:
    """The acceptance criterion: a saved page yields what the equivalent text source yields."""
    from_html = generate(make_project(WORDPRESS))
    # the text says nothing about itself: its sidecar states the date the page's metadata gives
    sidecar = {"sources/wordpress_compilation.yml": "published: 2024-04-10\n"}
    from_text = generate(make_project(WORDPRESS_TEXT, texts=sidecar))

    def summary(reports: list[Report]) -> list[tuple[object, ...]]:
        return [
            (r.id, r.title, r.title_from_source, r.outlet, r.date, r.place, r.speakers, r.mentions,
             [(p.anchor, p.block.kind, p.block.text, p.block.speaker_label, p.speaker) for p in r.passages])
            for r in reports
        ]

    assert summary(from_html.reports) == summary(from_text.reports)
    # and the same parallels: the editor quotes Wang Yi's remark from the Xinhua report in both
    parallels = [[(p.a, p.b, p.kind, p.similarity) for pair in archive.pairs for p in pair.parallels]
                 for archive in (from_html, from_text)]
    assert parallels[0] == parallels[1] and len(parallels[0]) == 1
    assert texts(from_html.splits[0].notes) == texts(from_text.splits[0].notes)
    assert from_text.warnings == []
    # the page names its publisher, which is not an outlet of the registry: listed with the entry to paste
    assert [w.message.split(",")[0] for w in from_html.warnings] == [
        "outlet 'Diplomatic Digest' in the page's metadata is not in content/outlets.yml"]
    assert from_text.splits[0].source.meta.publisher is None  # the text says nothing about itself
