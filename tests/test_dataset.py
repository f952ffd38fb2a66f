"""The archive as data: `data/` validates against its own `datapackage.json` (checked by the
`frictionless` validator), every record is there, and the files cross-reference each other."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from frictionless import Package

from generator.addresses import DATA
from generator.build import Archive, generate
from generator.dataset import PIECE_EVERY, REPORT_FIELDS, RESOURCES
from generator.pieces import runs
from generator.render.report import report_front_matter
from generator.writer import write_pages
from tests.conftest import FIXTURES, SEED, ProjectFactory


@pytest.fixture
def archive(make_project: ProjectFactory) -> Archive:
    return generate(make_project(SEED, FIXTURES / "sources" / "digest_tass_reuters_mfa.txt"))


def data_folder(archive: Archive, tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    write_pages(folder, archive.pages)
    return folder / DATA


def validate(folder: Path) -> list[str]:
    report = Package(str(folder / "datapackage.json")).validate()
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + [
        error.message for error in report.errors]


def unzipped(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in unzipped(path).splitlines()]


def test_data_files_validate_against_the_data_package(archive: Archive, tmp_path: Path) -> None:
    folder = data_folder(archive, tmp_path)
    assert validate(folder) == []
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} == {path for _n, path, *_ in RESOURCES}
    for resource in package["resources"]:
        assert all(field["description"] for field in resource["schema"]["fields"])
        assert (resource.get("compression") == "gz") == resource["path"].endswith(".gz")
    assert {r["name"] for r in package["resources"] if r.get("compression")} == {
        "reports", "passages", "parallels", "parallels-jsonl"}


def test_compressed_files_are_deterministic_gzip(archive: Archive, tmp_path: Path) -> None:
    """No file name and modification time 0 in the header (RFC 1952): the same bytes on every build."""
    folder = data_folder(archive, tmp_path)
    for path in sorted(folder.glob("*.gz")):
        header = path.read_bytes()[:10]
        assert header[:3] == b"\x1f\x8b\x08" and header[3] == 0, path.name  # deflate, no FNAME/FEXTRA/FCOMMENT
        assert header[4:8] == b"\0\0\0\0", path.name
        assert unzipped(path)


def test_every_front_matter_field_is_a_declared_column(archive: Archive) -> None:
    declared = {name for name, _type, _description in REPORT_FIELDS}
    for report in archive.reports:
        assert set(report_front_matter(report, archive.catalogue)) <= declared


def test_a_wrong_value_fails_validation(archive: Archive, tmp_path: Path) -> None:
    folder = data_folder(archive, tmp_path)
    rows = list(csv.reader(io.StringIO(unzipped(folder / "parallels.csv.gz"))))
    rows[1][rows[0].index("similarity")] = "very similar"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (folder / "parallels.csv.gz").write_bytes(gzip.compress(out.getvalue().encode("utf-8")))
    (folder / "passages.jsonl.gz").write_bytes(gzip.compress(b'{"id": "x#p-1", "report": "x"}\n'))
    problems = validate(folder)
    assert any("parallels" in p and "similarity" in p for p in problems)
    assert any("passages" in p for p in problems)


def test_every_record_is_in_the_data_and_references_resolve(archive: Archive, tmp_path: Path) -> None:
    folder = data_folder(archive, tmp_path)
    reports = jsonl(folder / "reports.jsonl.gz")
    passages = jsonl(folder / "passages.jsonl.gz")
    parallels = jsonl(folder / "parallels.jsonl.gz")
    assert sorted(r["id"] for r in reports) == sorted(r.id for r in archive.reports)
    assert len(passages) == sum(len(r.passages) for r in archive.reports)
    assert len(parallels) == sum(len(pair.parallels) for pair in archive.pairs) > 0
    assert len(list(csv.DictReader(io.StringIO(unzipped(folder / "parallels.csv.gz"))))) == len(parallels)
    passage_ids = {p["id"] for p in passages}
    by_id = {p["id"]: p for p in passages}
    for parallel in parallels:
        assert parallel["a_passage"] in passage_ids and parallel["b_passage"] in passage_ids
        a_text = str(by_id[parallel["a_passage"]]["text"])
        assert 0 <= int(str(parallel["a_start"])) < int(str(parallel["a_end"])) <= len(a_text)
    report = next(r for r in reports if r["id"] == "2024-04-09-xi-meets-russian-foreign-minister")
    assert report["outlet"] == "Xinhua" and report["date"] == "2024-04-09"
    assert report["text"] == "\n\n".join(str(p["text"]) for p in passages if p["report"] == report["id"])
    assert "Tuesday met with Russian Foreign Minister Sergey Lavrov" in str(report["text"])
    people = json.loads((folder / "people.json").read_text(encoding="utf-8"))
    lavrov = next(p for p in people if p["name"] == "Sergey Lavrov")
    assert lavrov["speaker_in"] >= 4 and (tmp_path / "content" / str(lavrov["page"]).replace(".html", ".md")).exists()
    outlets = json.loads((folder / "outlets.json").read_text(encoding="utf-8"))
    assert sum(int(o["reports"]) for o in outlets) == sum(1 for r in archive.reports if r.outlet)


def test_a_table_is_compressed_in_runs_that_a_new_report_leaves_alone() -> None:
    """Where a gzip member ends depends on the reports around it: a report added changes one member."""
    ids = [f"r-{n:04d}" for n in range(600)]
    before = runs(ids, str, PIECE_EVERY)
    assert len(before) > 3 and [name for run in before for name in run] == ids
    after = runs(sorted([*ids, "r-0300a"]), str, PIECE_EVERY)
    changed = [run for run in after if run not in before]
    assert len(changed) == 1 and "r-0300a" in changed[0]
