"""The splitting and metadata rules on small inputs of many shapes (none of them the seed)."""

from __future__ import annotations

import yaml

from generator.build import generate
from generator.models import ReportDate
from tests.conftest import ProjectFactory


def build_text(make_project: ProjectFactory, text: str, sidecar: str | None = None):  # type: ignore[no-untyped-def]
    texts: dict[str, str | bytes] = {"sources/case.txt": text}
    if sidecar is not None:
        texts["sources/case.yml"] = sidecar
    return generate(make_project(texts=texts))


def test_single_report_with_day_first_dateline_and_year(make_project: ProjectFactory) -> None:
    archive = build_text(make_project, "MOSCOW, 9 April 2024 (RIA Novosti) – Peskov said the talks went well.\n")
    [report] = archive.reports
    assert (report.outlet, report.date, report.place, report.speakers) == (
        "RIA Novosti", ReportDate(2024, 4, 9), "Moscow", ("Dmitry Peskov",))
    assert not report.title_from_source


def test_year_is_inferred_from_the_rest_of_the_source_and_weekday_checked(make_project: ProjectFactory) -> None:
    text = (
        "Talks on Monday\n\nWASHINGTON, Jan. 8 (AP) — Blinken said on Monday that talks would go on.\n\n"
        "Ministry statement of January 9, 2024\n\n(State Department) — The Department said nothing more.\n"
    )
    archive = build_text(make_project, text)
    first = min(archive.reports, key=lambda r: r.first_line)
    assert first.date == ReportDate(2024, 1, 8)
    assert not archive.warnings  # 8 January 2024 was a Monday


def test_weekday_contradiction_is_a_warning(make_project: ProjectFactory) -> None:
    text = "Talks\n\nWASHINGTON, Jan. 8, 2024 (AP) — Blinken said on Friday that talks would go on.\n"
    archive = build_text(make_project, text)
    [warning] = archive.warnings
    assert "Friday" in warning.message and "Monday" in warning.message
    assert str(warning).startswith("content/sources/case.txt:3:")


def test_month_only_date_from_title(make_project: ProjectFactory) -> None:
    archive = build_text(make_project, "Lavrov's remarks to the press, April 2024\n\nGood afternoon. We met.\n")
    [report] = archive.reports
    assert report.date == ReportDate(2024, 4) and report.date.precision == "month"
    assert report.speakers == ("Sergey Lavrov",)
    front = yaml.safe_load(archive.pages[report.page_path].split("---\n")[1])
    assert (front["date"], front["date_precision"]) == ("2024-04", "month")


def test_heading_without_dateline_stays_inside_the_report(make_project: ProjectFactory) -> None:
    text = "Main title\n\nFirst paragraph.\n\nA subheading\n\nSecond paragraph.\n"
    archive = build_text(make_project, text)
    [report] = archive.reports
    assert [p.block.text for p in report.passages] == ["First paragraph.", "A subheading", "Second paragraph."]


def test_sidecar_adds_and_removes_boundaries(make_project: ProjectFactory) -> None:
    text = "One\n\nFirst text.\n\nTwo\n\nSecond text.\n\nTHREE\n\nLONDON (Reuters) - Third text.\n"
    plain = build_text(make_project, text)
    assert len(plain.reports) == 2
    corrected = build_text(make_project, text, "reports:\n  - line: 5\n    title: Second report\njoins: [9]\n")
    assert [(r.first_line, r.title) for r in corrected.reports] == [(1, "One"), (5, "Second report")]


def test_he_said_goes_to_the_last_speaker_not_the_last_name(make_project: ProjectFactory) -> None:
    text = ("BEIJING, May 2, 2024 (Xinhua) — Wang Yi met Antony Blinken. Wang said ties matter. "
            "He spoke of Putin and Zelensky.\n\nHe added that peace was needed.\n")
    [report] = build_text(make_project, text).reports
    assert report.speakers == ("Wang Yi",)
    assert set(report.mentions) == {"Antony Blinken", "Vladimir Putin", "Volodymyr Zelensky"}
    assert [p.speaker for p in report.passages] == ["Wang Yi", "Wang Yi"]


def test_anchor_ids_do_not_move_when_other_text_changes(make_project: ProjectFactory) -> None:
    before = build_text(make_project, "Title\n\nAlpha paragraph.\n\nBeta paragraph.\n")
    after = build_text(make_project, "Title\n\nA new first paragraph.\n\nAlpha paragraph.\n\nBeta, edited.\n")
    anchors_before = {p.block.text: p.anchor for p in before.reports[0].passages}
    anchors_after = {p.block.text: p.anchor for p in after.reports[0].passages}
    assert anchors_before["Alpha paragraph."] == anchors_after["Alpha paragraph."]
    assert len(set(anchors_after.values())) == 3


def test_repeated_paragraph_gets_distinct_anchors(make_project: ProjectFactory) -> None:
    [report] = build_text(make_project, "Title\n\nSame words.\n\nSame words.\n").reports
    assert report.passages[0].anchor != report.passages[1].anchor
