"""Reading the archive: people, outlets, timeline, topics, annotations, glossary, citations, feed."""

from __future__ import annotations

import json
import re

import feedparser
import pytest

from generator.build import Archive, generate
from generator.errors import InputErrors
from tests.conftest import FIXTURES, REGISTRIES, SEED, ProjectFactory

DIGEST = FIXTURES / "sources" / "digest_tass_reuters_mfa.txt"
TRANSCRIPT = "2024-04-09-foreign-minister-sergey-lavrovs-remarks-and-answers-to"
TALKS = "2024-04-09-chinese-russian-fms-hold-talks"


@pytest.fixture
def archive(make_project: ProjectFactory) -> Archive:
    """The seed with the repository's own annotations, glossary and topics, and the digest fixture."""
    project = make_project(SEED, DIGEST, content=(*REGISTRIES, "glossary.yml", "topics.yml", "annotations"))
    return generate(project)


def test_lavrov_page_lists_all_four_seed_reports_and_links_to_his_paragraphs(archive: Archive) -> None:
    page = archive.pages["people/sergey-lavrov.md"]
    speaks = page.split("## Speaks in")[1].split("## Statements")[0]
    seed_reports = [r for r in archive.reports if r.source.name.startswith("000")]
    assert len(seed_reports) == 4
    for report in seed_reports:
        assert f'href="../reports/{report.id}.html"' in speaks
    transcript = next(r for r in archive.reports if r.id == TRANSCRIPT)
    lavrov_passages = [p for p in transcript.passages if p.speaker == "Sergey Lavrov"]
    assert lavrov_passages
    for passage in lavrov_passages:
        assert f'href="../reports/{TRANSCRIPT}.html#{passage.anchor}"' in page
    questions = [p for p in transcript.passages if p.speaker == "Questioner"]
    assert len(questions) == 2 and not any(f'#{p.anchor}"' in page for p in questions)


def test_people_index_and_mentions(archive: Archive) -> None:
    index = archive.pages["people/index.md"]
    assert "[Sergey Lavrov](sergey-lavrov.md)" in index
    putin = archive.pages["people/vladimir-putin.md"]
    assert "## Speaks in 0 reports" in putin and "## Named in" in putin


def test_outlet_pages_and_timeline(archive: Archive) -> None:
    xinhua = archive.pages["outlets/xinhua.md"]
    assert "## 2 reports" in xinhua
    assert "xi-meets-russian-foreign-minister.html" in xinhua and "chinese-russian-fms-hold-talks.html" in xinhua
    assert "## 1 report\n" in archive.pages["outlets/tass.md"]
    timeline = archive.pages["timeline.md"]
    headings = re.findall(r"^## (.+)$", timeline, re.MULTILINE)
    assert headings == ["April 2024", "March 2023", "Undated"]
    assert timeline.index("xi-meets") < timeline.index("March 2023") < timeline.index("talks-in-istanbul")


def test_topics_tag_reports_and_list_them(archive: Archive) -> None:
    transcript = archive.pages[f"reports/{TRANSCRIPT}.md"]
    tags = transcript.split("tags:\n")[1].split("\nurl:")[0]
    assert "- Ukraine" in tags and "- Taiwan" in tags and "- Grain deal" not in tags
    assert "[Ukraine](../topics.md#topic-ukraine)" in transcript
    topics = archive.pages["topics.md"]
    ukraine = topics.split("### Ukraine { #topic-ukraine }\n")[1].split("###")[0]
    assert f'href="reports/{TRANSCRIPT}.html"' in ukraine
    assert "### Grain deal { #topic-grain-deal }\n" in topics


def test_annotations_render_at_their_quoted_words(archive: Archive) -> None:
    page = archive.pages[f"reports/{TALKS}.md"]
    assert re.search(r'<mark class="annotated" id="note-p-[0-9a-f]{8}-2-text">Chine believes</mark>'
                     r'<button type="button" class="annotation-marker" popovertarget="note-p-[0-9a-f]{8}-2"', page)
    assert 'popover class="annotation-note"' in page and "<strong>Misspelling in the source</strong>" in page
    transcript = archive.pages[f"reports/{TRANSCRIPT}.md"]
    assert ">Rafaelo Grossi</mark>" in transcript and ">“12 points”</mark>" in transcript


def test_glossary_abbreviations_expand_on_hover(archive: Archive) -> None:
    page = archive.pages[f"reports/{TRANSCRIPT}.md"]
    assert '<abbr title="International Atomic Energy Agency">IAEA</abbr>' in page
    assert '<abbr title="Zaporozhye Nuclear Power Plant">ZNPP</abbr>' in page
    assert "| CELAC | Community of Latin American and Caribbean States |" in archive.pages["glossary.md"]


def test_every_report_has_provenance_and_citations(archive: Archive) -> None:
    for report in archive.reports:
        page = archive.pages[report.page_path]
        assert "**Source:**" in page and f"lines {report.first_line}–{report.last_line}" in page
        assert "## Cite this" in page and "```bibtex\n@misc{" + report.id in page
        [item] = json.loads(archive.pages[f"reports/{report.id}.json"])
        assert item["id"] == report.id and item["title"] == report.title
        assert item["URL"] == f"reports/{report.id}.html"
    talks = json.loads(archive.pages[f"reports/{TALKS}.json"])[0]
    assert talks["issued"] == {"date-parts": [[2024, 4, 9]]} and talks["author"] == [{"literal": "Xinhua"}]


def test_feed_parses_and_lists_dated_reports_newest_first(archive: Archive) -> None:
    feed = feedparser.parse(archive.pages["feed.xml"])
    assert not feed.bozo, feed.bozo_exception
    dated = [r for r in archive.reports if r.date]
    assert len(feed.entries) == len(dated) == 7  # the digest's own article is dated by its sidecar
    stamps = [entry.updated for entry in feed.entries]
    assert stamps == sorted(stamps, reverse=True)
    assert feed.entries[0].title in {r.title for r in dated}


BROKEN_NOTES = {
    "not found": ("- quote: words that are nowhere\n  body: x\n  author: me\n", 1, "is not in the text"),
    "ambiguous": ("- quote: Wang said\n  body: x\n  author: me\n", 1, "stands 5 times in report"),
    "missing author": ("- quote: Chine believes\n  body: x\n", 1, "note has no `author`"),
    "unknown key": ("- quote: Chine believes\n  body: x\n  author: me\n  colour: red\n", 4, "unknown key 'colour'"),
    "bad date": ("- quote: Chine believes\n  body: x\n  author: me\n  date: 2024-13-01\n", 4, "not a real date"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_NOTES))
def test_broken_annotation_is_an_error_with_file_and_line(case: str, make_project: ProjectFactory) -> None:
    text, line, words = BROKEN_NOTES[case]
    project = make_project(SEED, texts={f"annotations/{TALKS}.yml": "# a comment\n" + text})
    with pytest.raises(InputErrors) as caught:
        generate(project)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == (f"content/annotations/{TALKS}.yml", line + 1)
    assert words in problem.message


def test_prefix_chooses_among_repeated_quotes(make_project: ProjectFactory) -> None:
    note = "- quote: Russian\n  prefix: 'with Minister of Foreign Affairs of the '\n  body: x\n  author: me\n"
    project = make_project(SEED, texts={f"annotations/{TALKS}.yml": note})
    [annotation] = generate(project).catalogue.annotations[TALKS]
    assert annotation.quote == "Russian" and annotation.start > 0


def test_annotation_for_an_unknown_report(make_project: ProjectFactory) -> None:
    project = make_project(SEED, texts={"annotations/no-such-report.yml": "[]\n"})
    with pytest.raises(InputErrors) as caught:
        generate(project)
    assert "no report has the id 'no-such-report'" in str(caught.value)


def test_a_topic_keyword_tags_only_as_a_whole_word(archive: Archive) -> None:
    """`report_topics` looks for a keyword as text first, then as a whole word: `SCO` is not in `SCOTLAND`."""
    import dataclasses

    from generator.registry import Topic
    from generator.render.catalogue import report_topics

    report = archive.reports[0]
    passage = dataclasses.replace(report.passages[0], block=dataclasses.replace(
        report.passages[0].block, text="SCOTLAND and the sanctionsregime; the SCO met."))
    registry = dataclasses.replace(archive.registry, topics={
        name: Topic(name, keywords, None, 1) for name, keywords in
        (("SCO", ("SCO",)), ("Sanctions", ("sanctions",)), ("Scotland", ("Scotland",)))})
    tagged = dataclasses.replace(report, title="A report", passages=[passage])
    assert report_topics(tagged, registry) == ["SCO"]
