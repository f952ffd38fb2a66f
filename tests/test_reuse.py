"""Parallel passages in the archive: links both ways, compare pages, the overview, duplicate sources."""

from __future__ import annotations

import re

import pytest

from generator.build import Archive, generate
from generator.errors import InputErrors, ProblemKind
from tests.conftest import FIXTURES, SEED, ProjectFactory, new_project

EDITOR = "undated-lavrov-china-and-russia-working-to-establish-a-fair"
MEETING = "2024-04-09-xi-meets-russian-foreign-minister"
TALKS = "2024-04-09-chinese-russian-fms-hold-talks"
TRANSCRIPT = "2024-04-09-foreign-minister-sergey-lavrovs-remarks-and-answers-to"


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    """The seed alone, generated once for the module (the parallels are what is under test)."""
    return generate(new_project(tmp_path_factory.mktemp("seed") / "archive", SEED), use_cache=False)


def line_of(archive: Archive, report_id: str, anchor: str) -> int:
    report = next(r for r in archive.reports if r.id == report_id)
    return next(p.block.line for p in report.passages if p.anchor == anchor)


def pairs_by_line(archive: Archive) -> set[tuple[int, int, str]]:
    found = set()
    for pair in archive.pairs:
        for parallel in pair.parallels:
            lines = sorted((line_of(archive, parallel.a.report_id, parallel.a.anchor),
                            line_of(archive, parallel.b.report_id, parallel.b.anchor)))
            found.add((lines[0], lines[1], parallel.kind))
    return found


def test_every_reprinted_or_quoted_paragraph_of_the_editor_is_linked(seed: Archive) -> None:
    found = {(a, b) for a, b, _ in pairs_by_line(seed)}
    # the editor's article (lines 1-45) against the Xinhua meeting report (49-69)
    assert {(7, 59), (9, 61), (11, 63), (13, 65), (15, 69)} <= found
    # against the Xinhua talks report (72-118): the lead-in and all five principles
    assert {(19, 86), (21, 88), (23, 90), (24, 92), (25, 94), (26, 96), (27, 98)} <= found
    # against the ministry transcript (121-179): the quotes, whole and partial
    assert {(29, 133), (31, 135), (35, 139), (37, 143), (39, 147), (41, 151), (45, 163)} <= found
    assert 19 <= len(found) <= 23
    assert all(a <= 45 < b for a, b in found)  # nothing links the wire reports to each other


def test_kinds_of_match(seed: Archive) -> None:
    kinds = {(a, b): kind for a, b, kind in pairs_by_line(seed)}
    assert kinds[(7, 59)] == "verbatim"
    assert kinds[(9, 61)] == "near-verbatim"  # Organisation / Organization, ", Xi said"
    assert kinds[(37, 143)] == "near-verbatim"  # dropped "Lavrov said that:" and "has lost" / "lost"
    assert kinds[(39, 147)] == "partial"
    assert kinds[(45, 163)] == "partial"


def test_stock_phrase_alone_makes_no_link(seed: Archive) -> None:
    found = {(a, b) for a, b, _ in pairs_by_line(seed)}
    # line 80 of the talks report shares only "the consensus reached by the two heads of state" with line 15
    assert not any(80 in pair for pair in found)


def test_links_go_both_ways_with_kind_and_similarity(seed: Archive) -> None:
    links = seed.catalogue.links
    for pair in seed.pairs:
        for parallel in pair.parallels:
            forward = links[(parallel.a.report_id, parallel.a.anchor)]
            backward = links[(parallel.b.report_id, parallel.b.anchor)]
            assert any(link.anchor == parallel.b.anchor for link in forward)
            assert any(link.anchor == parallel.a.anchor for link in backward)
    page = seed.pages[f"reports/{EDITOR}.md"]
    assert re.search(rf'<a class="parallel" href="{MEETING}.html#p-[0-9a-f]{{8}}">Xinhua: Xi meets Russian '
                     r'foreign minister \(verbatim\)</a>', page)
    meeting = seed.pages[f"reports/{MEETING}.md"]
    assert f'href="{EDITOR}.html#' in meeting and 'class="parallels"' in meeting


def test_compare_pages_show_the_real_differences(seed: Archive) -> None:
    def changed(page: str, tag: str) -> list[str]:
        return [" ".join(text.split()) for text in re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.DOTALL)]

    meeting = seed.pages[f"compare/{MEETING}--{EDITOR}.md"]
    assert "neighbors" in changed(meeting, "del") and "neighbours" in changed(meeting, "ins")
    transcript = seed.pages[f"compare/{TRANSCRIPT}--{EDITOR}.md"]
    inserted = changed(transcript, "ins")
    assert any("Lavrov said that:" in text for text in inserted)  # the editor's lead-in
    assert "has" in inserted  # "which has lost" in the editor's text, "which lost" in the transcript
    talks = seed.pages[f"compare/{TALKS}--{EDITOR}.md"]
    assert "globalization" in changed(talks, "del") and "globalisation" in changed(talks, "ins")
    assert ("The two sides", "They") in zip(changed(talks, "del"), changed(talks, "ins"), strict=False)


def test_compare_page_shows_a_passage_shared_whole_once_and_a_partial_one_side_by_side(seed: Archive) -> None:
    meeting = seed.pages[f"compare/{MEETING}--{EDITOR}.md"]
    sections = re.findall(r'<section class="compare-pair" id="(p-\w+)--(p-\w+)">(.*?)</section>', meeting)
    assert len(sections) == 6
    for left, right, body in sections:  # each links to both its passages, by side, not by title again
        assert (f'<a href="../reports/{MEETING}.html#{left}">left</a> · '
                f'<a href="../reports/{EDITOR}.html#{right}">right</a></p>') in body
        assert "Xi meets" not in body
    whole = [body for _, _, body in sections if 'class="compare-sides"' not in body]
    identical = [body for body in whole if "identical in both" in body]
    assert len(identical) == 2 and all("<del>" not in b and "<ins>" not in b for b in identical)
    # shared whole with a changed word: one text, the left's word struck through, the right's underlined
    near = next(body for body in whole if "near-verbatim, 1 word differs" in body)
    assert near.count("<p>") == 1 and "<del>Lavrov </del><ins>He </ins>said" in near
    partial = next(body for _, _, body in sections if "partial: part of the right passage" in body)
    assert partial.count("<p>") == 2 and 'class="compare-context"' in partial


def test_overview_lists_pairs_and_draws_the_network(seed: Archive) -> None:
    overview = seed.pages["compare/index.md"]
    assert overview.count(">side by side</a>") == 3
    svg = re.search(r"<svg class=\"reuse-network\".*?</svg>", overview)
    assert svg and svg.group(0).count("<line ") == 3 and svg.group(0).count("<circle ") == 4
    assert "http://www.w3.org/2000/svg" in svg.group(0) and "<script" not in svg.group(0)
    home = seed.pages["index.md"]
    assert "## Who reprints whom" in home and "## Most-quoted passages" in home


def test_same_compilation_as_html_and_as_text_is_a_duplicate(make_project: ProjectFactory) -> None:
    html = FIXTURES / "html" / "wordpress_compilation.html"
    text = FIXTURES / "html" / "wordpress_compilation.txt"
    project = make_project(html)
    (project.sources / "zz_pasted.txt").write_bytes(text.read_bytes())
    with pytest.raises(InputErrors) as caught:
        generate(project)
    [problem] = caught.value.problems
    assert problem.path == "content/sources/zz_pasted.txt"
    assert "duplicate source: every report is already in the archive (content/reports/" in problem.message
    # what the problem is travels as data: `archive add` takes such a file back without reading the text
    assert problem.kind is ProblemKind.DUPLICATE_SOURCE
    assert str(problem).endswith("; remove this file, or keep it only if it adds reports")


def test_one_report_reprinted_in_another_compilation_is_a_parallel_not_a_duplicate(
        make_project: ProjectFactory) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    reprint = "A reader's post\n\nWe found this report useful.\n\n" + "\n".join(lines[48:69]) + "\n"
    project = make_project(SEED, texts={"sources/reprint.txt": reprint})
    archive = generate(project)
    assert any(r.source.name == "reprint" for r in archive.reports)
    assert any({p.a.report_id, p.b.report_id} & {r.id for r in archive.reports if r.source.name == "reprint"}
               for pair in archive.pairs for p in pair.parallels)


def test_each_report_lists_the_reports_it_shares_with(seed: Archive) -> None:
    editor = seed.pages[f"reports/{EDITOR}.md"]
    shared = editor.split("## Shared with other reports")[1].split("## Cite this")[0]
    assert shared.count("[side by side](../compare/") == 3
    assert f"({MEETING}.md): 6 shared passages" in shared
    assert "## Shared with other reports" in seed.pages[f"reports/{TALKS}.md"]
