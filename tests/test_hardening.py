"""Inputs found in review: hostile text in every field, collisions, odd names and shapes."""

from __future__ import annotations

import os
from pathlib import Path

import feedparser
import pytest

from generator.build import build, generate
from generator.cache import StageCache, content_key
from generator.errors import InputErrors
from generator.models import ReportDate
from tests.conftest import SEED, ProjectFactory

TALKS = "2024-04-09-chinese-russian-fms-hold-talks"


def body(page: str) -> str:
    """A generated page without its front matter (data, which no browser sees)."""
    return page.split("---\n", 2)[2]


def problems_of(project) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(InputErrors) as caught:
        generate(project)
    return [str(p) for p in caught.value.problems]


@pytest.mark.slow
def test_a_hostile_headline_is_text_in_the_page_header_and_title(make_project: ProjectFactory) -> None:
    project = make_project(texts={"sources/x.txt": "Alert <script>alert(1)</script> & more\n\n"
                                                   "LONDON (Reuters) - Lavrov said nothing.\n"})
    build(project)
    [page] = [p for p in (project.root / "site" / "reports").glob("*.html") if p.name != "index.html"]
    html = page.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "<title>Alert &lt;script&gt;alert(1)&lt;/script&gt; &amp; more - " in html


def test_annotation_links_only_to_web_addresses_and_loads_no_image(make_project: ProjectFactory) -> None:
    body = ("[bad](javascript:alert(1)) ![img](https://evil.example/x.png) <https://example.org/ok> "
            "[page](../compilations/index.html) <b>raw</b>\\n\\n[r]: javascript:alert(5)")
    note = f'- quote: Chine believes\n  author: me\n  body: "{body} [ref][r]"\n'
    archive = generate(make_project(SEED, texts={f"annotations/{TALKS}.yml": note}))
    popover = archive.pages[f"reports/{TALKS}.md"].split('popover class="annotation-note"')[1].split("</div></div>")[0]
    assert 'href="javascript:' not in popover and "<img" not in popover and "evil.example" not in popover
    assert '<a href="https://example.org/ok">https://example.org/ok</a>' in popover
    assert '<a href="../compilations/index.html">page</a>' in popover
    assert "&lt;b&gt;raw&lt;/b&gt;" in popover and ">img<" not in popover.replace("img</", "")


def test_urls_that_could_break_out_are_text(make_project: ProjectFactory) -> None:
    sidecar = 'url: "https://a.example/\\n\\n[click](javascript:alert(8))"\n'
    problems = problems_of(make_project(SEED, texts={"sources/000_600d39537292fdeb.yml": sidecar}))
    assert problems and problems[0].startswith("content/sources/000_600d39537292fdeb.yml:1: url: ")
    page = ('<html><head><meta property="og:url" content="https://a.example/&#10;&#10;[x](javascript:alert(1))">'
            "</head><body><article><h1>Title</h1><p>LONDON (Reuters) - Text.</p></article></body></html>")
    archive = generate(make_project(texts={"sources/page.html": page}))
    compilation = body(archive.pages["compilations/page.md"])
    assert "**Address:** https://a\\.example/ \\[x\\]\\(javascript:alert\\(1\\)\\)" in compilation or \
        "**Address:** https://a.example/" in compilation
    assert '<a href="https://a.example/' not in compilation and 'href="javascript' not in compilation


def test_outlet_url_is_not_markup(make_project: ProjectFactory) -> None:
    outlets = ('- name: Xinhua\n  url: \'x"><img src=x onerror=alert(1)>\'\n- name: Reuters\n'
               "- name: TASS\n- name: Ministry of Foreign Affairs of the Russian Federation\n"
               "  aliases: [Russian Ministry of Foreign Affairs]\n")
    archive = generate(make_project(SEED, texts={"outlets.yml": outlets}))
    page = body(archive.pages["outlets/xinhua.md"])
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_symbolic_link_is_refused(make_project: ProjectFactory, tmp_path: Path) -> None:
    project = make_project(SEED)
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret title\n\nroot:x:0:0\n")
    os.symlink(secret, project.sources / "pw.txt")
    assert problems_of(project) == ["content/sources/pw.txt:1: is a symbolic link; the archive takes only regular "
                                    "files (a link could publish a file from outside the project)"]


def test_control_characters_do_not_break_the_feed(make_project: ProjectFactory) -> None:
    text = "A title\n\nLONDON, May 1, 2024 (Reuters) - Form\x0cfeed and bell\x07 here.\n"
    feed = feedparser.parse(generate(make_project(texts={"sources/ctl.txt": text})).pages["feed.xml"])
    assert not feed.bozo and len(feed.entries) == 1


def test_pinned_ids_clash_is_an_error_and_generated_ids_never_overwrite(make_project: ProjectFactory) -> None:
    texts: dict[str, str | bytes] = {f"sources/{name}.txt": f"Title {name}\n\nLONDON (Reuters) - Text of {name}.\n"
                                     for name in ("a", "b", "c")}
    texts.update({"sources/a.yml": "reports:\n  - line: 1\n    id: same\n",
                  "sources/b.yml": "reports:\n  - line: 1\n    id: same\n"})
    assert problems_of(make_project(texts=texts)) == [
        "content/sources/b.txt:1: report id 'same' cannot be used: also pinned by content/sources/a.txt; "
        "pin another id in the sidecar"]
    texts["sources/b.yml"] = "reports:\n  - line: 1\n    id: same-2\n"
    texts["sources/c.yml"] = "reports:\n  - line: 1\n    title: same\n"
    archive = generate(make_project(texts=texts))
    ids = sorted(r.id for r in archive.reports)
    assert len(set(ids)) == 3 and "same" in ids and "same-2" in ids


def test_names_in_other_scripts_get_their_own_pages(make_project: ProjectFactory) -> None:
    people = "- name: Сергей Лавров\n- name: 王毅\n- name: 李强\n"
    archive = generate(make_project(SEED, texts={"people.yml": people}))
    pages = sorted(p for p in archive.pages if p.startswith("people/") and p != "people/index.md")
    assert len(pages) == 3 and "people/sergey-lavrov.md" in pages
    assert any("would get the page people/index.md" in p
               for p in problems_of(make_project(SEED, texts={"people.yml": "- name: Index\n"})))


def test_notes_on_headings_render_and_quotes_must_not_take_in_a_label(make_project: ProjectFactory) -> None:
    page = ("<html><body><article><h1>Briefing</h1><p>MOSCOW, April 9. /TASS/. Lavrov spoke.</p>"
            "<h2>Ukraine crisis</h2><p><strong>Question:</strong> What now?</p></article></body></html>")
    report = "undated-briefing"  # the TASS dateline gives no year and nothing else does
    heading = "- quote: Ukraine crisis\n  body: A heading note.\n  author: me\n"
    archive = generate(make_project(texts={"sources/b.html": page, f"annotations/{report}.yml": heading}))
    assert '<button type="button" class="annotation-marker"' in archive.pages[f"reports/{report}.md"]
    label = "- quote: 'Question: What'\n  body: x\n  author: me\n"
    problems = problems_of(make_project(texts={"sources/b.html": page, f"annotations/{report}.yml": label}))
    assert any("takes in the speaker label 'Question'" in p for p in problems)


@pytest.mark.parametrize(("file", "text", "words"), [
    ("glossary.yml", "- term: ''\n  expansion: nothing\n", "'term' is empty"),
    ("topics.yml", "- name: Everything\n  keywords: ['']\n", "'keywords' must list non-empty names"),
    ("people.yml", "- name: A Person\n  aliases: [1, 2]\n", "'aliases' must list non-empty names"),
    ("people.yml", "- name: ''\n", "'name' is empty"),
])
def test_registry_values_that_would_break_pages(file: str, text: str, words: str, make_project: ProjectFactory) -> None:
    assert any(words in p and p.startswith(f"content/{file}:") for p in
               problems_of(make_project(SEED, texts={file: text})))


def test_source_names_must_be_url_safe(make_project: ProjectFactory) -> None:
    project = make_project(texts={"sources/my file é#1.txt": "T\n\nBody.\n"})
    assert problems_of(project) == ["content/sources/my file é#1.txt:1: rename the file: use letters, digits, '.', "
                                    "'-' and '_' (`archive add` picks such a name)"]


def test_question_and_cjk_headlines_are_titles(make_project: ProjectFactory) -> None:
    text = ("Is a multipolar world order finally here?\n\nWASHINGTON (AP) — Blinken said the talks went on.\n\n"
            "北京会谈\n\nBEIJING, April 11, 2024 (Xinhua) — Wang Yi said the talks were good.\n")
    archive = generate(make_project(texts={"sources/q.txt": text}))
    assert [r.title for r in archive.reports] == ["Is a multipolar world order finally here?", "北京会谈"]


def test_a_transcript_lead_and_answer_turns_go_to_the_named_speaker(make_project: ProjectFactory) -> None:
    text = ("Lavrov on the talks\n\nMOSCOW, April 10, 2024 (TASS) — Russian Foreign Minister Sergey Lavrov said "
            "the talks went well.\n\nQ: What was agreed?\n\nA: A plan of consultations.\n")
    [report] = generate(make_project(texts={"sources/t.txt": text})).reports
    assert report.speakers == ("Sergey Lavrov",)
    assert [p.speaker for p in report.passages] == ["Sergey Lavrov", "Questioner", "Sergey Lavrov"]
    assert report.date == ReportDate(2024, 4, 10)


def test_a_cache_entry_not_signed_here_is_never_loaded(tmp_path: Path) -> None:
    cache = StageCache(tmp_path, "sources")
    key = content_key("x")
    cache.put(key, ["kept"])
    assert StageCache(tmp_path, "sources").get(key) == ["kept"]
    entry = tmp_path / ".archive-cache" / "sources" / f"{key}.pickle"
    import pickle

    entry.write_bytes(b"\0" * 32 + pickle.dumps(["planted"]))
    assert StageCache(tmp_path, "sources").get(key) is None
