"""A compilation of another shape: other outlets, dateline styles, an untitled report, a comment thread."""

from __future__ import annotations

import pytest

from generator.build import Archive, generate
from generator.models import ReportDate
from tests.conftest import FIXTURES, ProjectFactory

DIGEST = FIXTURES / "sources" / "digest_tass_reuters_mfa.txt"


@pytest.fixture
def digest(make_project: ProjectFactory) -> Archive:
    return generate(make_project(DIGEST))


def test_reports_and_their_metadata(digest: Archive) -> None:
    got = [(r.first_line, r.outlet, r.date, r.place, r.speakers, r.title_from_source)
           for r in sorted(digest.reports, key=lambda r: r.first_line)]
    assert got == [
        # the editor's own article, before the compiler's note: the sidecar's `published` dates it
        (1, None, ReportDate(2023, 3, 5), None, (), True),
        # TASS style `MOSCOW, March 3. /TASS/.`, no title line, year from elsewhere in the source
        (9, "TASS", ReportDate(2023, 3, 3), "Moscow", ("Maria Zakharova",), False),
        # Reuters style `ISTANBUL (Reuters) -` has no date: the sidecar gives it
        (15, "Reuters", ReportDate(2023, 3, 2), "Istanbul", ("Maria Zakharova", "Antony Blinken"), True),
        # provenance opener with an alias of the Chinese ministry; date from the title
        (23, "Ministry of Foreign Affairs of the People's Republic of China", ReportDate(2023, 3, 3), None,
         ("Mao Ning",), True),
    ]


def test_untitled_report_gets_its_opening_words_as_title(digest: Archive) -> None:
    tass = next(r for r in digest.reports if r.outlet == "TASS")
    assert tass.title.startswith("Russian Foreign Ministry Spokeswoman Maria Zakharova said on Friday")
    assert "The source gives this report no title" in digest.pages[tass.page_path]


def test_reader_comments_and_share_lines_are_in_no_report(digest: Archive) -> None:
    [split] = digest.splits
    assert {d.reason for d in split.dropped} == {"site boilerplate", "comment section"}
    for report in digest.reports:
        page = digest.pages[report.page_path]
        assert "reader's comment" not in page
        assert "Share this" not in page


def test_transcript_turns_and_list_items(digest: Archive) -> None:
    briefing = next(r for r in digest.reports if r.first_line == 23)
    assert [p.speaker for p in briefing.passages[1:]] == ["Questioner", "Mao Ning", "Mao Ning", "Mao Ning"]
    assert [p.block.kind for p in briefing.passages[-2:]] == ["list_item", "list_item"]


def test_sidecar_metadata_reaches_the_compilation_page(digest: Archive) -> None:
    page = digest.pages["compilations/digest_tass_reuters_mfa.md"]
    assert "Grain Watch Blog" in page
    assert "2023-03-05" in page
    reuters = next(r for r in digest.reports if r.outlet == "Reuters")
    assert reuters.url == "https://example.org/reuters/istanbul-talks"
