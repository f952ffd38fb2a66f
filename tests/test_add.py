"""`archive add`: a contributor's file comes in under a clean name, with a sidecar, never overwriting."""

from __future__ import annotations

import pytest
import yaml

from generator.cli import main
from generator.project import Project
from tests.conftest import FIXTURES, SEED, ProjectFactory

DIGEST = FIXTURES / "sources" / "digest_tass_reuters_mfa.txt"


def add(project: Project, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--project", str(project.root), "add", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_copies_writes_sidecar_and_reports_what_it_made(make_project: ProjectFactory,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED)
    code, out, _ = add(project, str(DIGEST), capsys=capsys)
    assert code == 0
    name = "weekly-digest-what-was-said-about-the-grain-corridor"
    copied = project.sources / f"{name}.txt"
    assert copied.read_bytes() == DIGEST.read_bytes()
    sidecar = yaml.safe_load((project.sources / f"{name}.yml").read_text())
    assert sidecar == {"title": "Weekly digest: what was said about the grain corridor"}
    assert "4 report(s) cut from it" in out
    # the summary says where each value came from
    assert ("2023-03-03 (from the dateline, year from the rest of the source) · TASS (from the dateline) · "
            "Moscow (from the dateline) · speakers: Maria Zakharova") in out
    assert "dropped line 36 (comment section)" in out
    assert (project.content / "reports" / "index.md").read_text().count("TASS") == 1


def test_add_never_overwrites_and_refuses_the_same_file_twice(make_project: ProjectFactory,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED)
    add(project, str(DIGEST), capsys=capsys)
    code, _, err = add(project, str(DIGEST), capsys=capsys)
    assert code == 1 and "this exact file is already in the archive" in err
    edited = project.root / "edited.txt"
    edited.write_bytes(DIGEST.read_bytes() + b"\nOne more line.\n")
    code, _, _ = add(project, str(edited), capsys=capsys)
    assert code == 0
    assert (project.sources / "weekly-digest-what-was-said-about-the-grain-corridor-2.txt").exists()


@pytest.mark.parametrize("name", ["../escape", "/etc/passwd", "UPPER", "a" * 61, "dot.dot"])
def test_add_rejects_unsafe_names(name: str, make_project: ProjectFactory, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED)
    code, _, err = add(project, str(DIGEST), "--name", name, capsys=capsys)
    assert code == 1 and "--name" in err
    assert sorted(p.name for p in project.sources.iterdir()) == [SEED.name, SEED.with_suffix(".yml").name]


def test_names_from_hostile_titles_are_safe(make_project: ProjectFactory, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED)
    hostile = project.root / "hostile.txt"
    hostile.write_text("../../etc/passwd " + "x" * 200 + "\n\nLONDON (Reuters) - Text.\n")
    code, _, _ = add(project, str(hostile), capsys=capsys)
    assert code == 0
    [added] = [p for p in project.sources.glob("*.txt") if p.name != SEED.name]
    assert added.parent == project.sources and len(added.stem) <= 60
    assert added.stem == "etc-passwd"  # cut at a word boundary within the length limit


def test_add_takes_the_source_back_out_when_its_build_fails(make_project: ProjectFactory,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED)
    before = sorted(p.name for p in project.sources.iterdir())
    unknown = project.root / "lemonde.txt"
    unknown.write_text("Un titre\n\nPARIS, May 1, 2024 (Le Monde) — Texte.\n")
    code, _, err = add(project, str(unknown), capsys=capsys)
    assert code == 1
    assert "unknown outlet 'Le Monde'" in err and "was not added" in err
    assert sorted(p.name for p in project.sources.iterdir()) == before


def test_a_newline_in_the_added_file_name_gives_a_sidecar_that_parses(make_project: ProjectFactory,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED)
    odd = project.root / "a\nb: [x.txt"
    odd.write_text("A title\n\nLONDON (Reuters) - Lavrov said nothing.\n")
    code, _, err = add(project, str(odd), capsys=capsys)
    assert code == 0, err
    [sidecar] = [p for p in project.sources.glob("*.yml") if p.stem != SEED.stem]
    assert yaml.safe_load(sidecar.read_text()) == {"title": "A title"}


def test_add_refuses_the_name_of_a_listing_page(make_project: ProjectFactory,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED)
    source = project.root / "x.txt"
    source.write_text("Index\n\nLONDON (Reuters) - Lavrov said nothing.\n")
    code, _, err = add(project, str(source), "--name", "index", capsys=capsys)
    assert code == 1 and "--name 'index': its page would replace the list of compilations" in err
    assert not (project.sources / "index.txt").exists()


def test_add_rejects_unknown_kinds_and_binary_files(make_project: ProjectFactory,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED)
    pdf = project.root / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    assert add(project, str(pdf), capsys=capsys)[0] == 1
    binary = project.root / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    code, _, err = add(project, str(binary), capsys=capsys)
    assert code == 1 and "binary file" in err
    assert sorted(p.name for p in project.sources.iterdir()) == [SEED.name, SEED.with_suffix(".yml").name]


def test_add_lists_parallels_and_refuses_a_duplicate_compilation(make_project: ProjectFactory,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    html = FIXTURES / "html" / "wordpress_compilation.html"
    project = make_project(SEED)
    code, out, _ = add(project, str(html), capsys=capsys)
    assert code == 0
    assert "1 parallel passage(s) with other reports:" in out
    assert "partial in unknown outlet: Lavrov in Beijing: what the agencies" in out
    before = sorted(p.name for p in project.sources.iterdir())
    code, _, err = add(project, str(FIXTURES / "html" / "wordpress_compilation.txt"), capsys=capsys)
    assert code == 1
    assert "was not added: duplicate source: every report is already in the archive" in err
    assert "content/reports/2024-04-10-lavrov-in-beijing-what-the-agencies-and-the-ministry.md" in err
    assert sorted(p.name for p in project.sources.iterdir()) == before
