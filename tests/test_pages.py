"""Rendering helpers: front matter reads back exactly; escaping keeps source text as text."""

from __future__ import annotations

import datetime as dt
import html

import markdown
import pytest
import yaml

from generator.render.markup import front_matter, html_text, md_text

TRICKY = [
    "Xi meets Russian foreign minister",
    "Lavrov: China and Russia working",
    "yes", "No", "null", "~", "true", "2024-04-09", "12", "1e3", "0x1F",
    "- dash first", "# hash first", "ends with colon:", "a #comment", "quote \" and \\ backslash",
    "‘curly’ “quotes”", "Foreign Minister Sergey Lavrov’s remarks", "tab\tand\nnewline", "[not a list]",
    "{not: a map}", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick`", "|pipe", ">fold", "",
    " leading space", "trailing space ", "Ministry of Foreign Affairs of the People's Republic of China",
    "😀 emoji", "\u2028line separator",
]


@pytest.mark.parametrize("text", TRICKY)
def test_front_matter_reads_back_what_was_written(text: str) -> None:
    fields = {"title": text, "date": dt.date(2024, 4, 9), "count": 3, "flag": False, "nothing": None,
              "list": [text, "plain"], "empty": [], "source": {"path": text, "lines": [1, 2]}}
    written = front_matter(fields, ["a comment"])
    assert written.startswith("---\n# a comment\n") and written.endswith("\n---\n")
    assert yaml.safe_load(written.split("---\n")[1]) == {**fields, "title": html.escape(text, quote=False)}


def test_md_text_shows_markdown_syntax_as_text() -> None:
    hostile = "*stars* _under_ [link](javascript:x) <b>bold</b> `code` # hash | pipe &amp; \\back"
    rendered = markdown.markdown(md_text(hostile), extensions=["tables"])
    assert rendered == ("<p>*stars* _under_ [link](javascript:x) &lt;b&gt;bold&lt;/b&gt; `code` # hash | pipe "
                        "&amp;amp; \\back</p>")


def test_html_text_escapes_markup_and_template_braces() -> None:
    assert html_text('<script>x</script> {{ config }} {% if %} "q"') == (
        "&lt;script&gt;x&lt;/script&gt; &#123;&#123; config &#125;&#125; &#123;% if %&#125; &quot;q&quot;")
