"""The `archive` command as a contributor meets it: exit codes, messages, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.project import Project
from tests.conftest import SEED, ProjectFactory


def run(project: Project, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--project", str(project.root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(project: Project) -> dict[str, bytes]:
    return {p.relative_to(project.root).as_posix(): p.read_bytes()
            for p in sorted(project.content.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_build_then_check_passes(make_project: ProjectFactory, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED)
    code, out, _ = run(project, "build", "--no-site", capsys=capsys)
    assert code == 0
    assert "4 reports from 1 source(s)" in out
    assert "000_600d39537292fdeb.txt:181: dropped (comment section): Leave a Reply" in out
    code, out, _ = run(project, "check", capsys=capsys)
    assert code == 0, out


def test_check_names_stale_and_extra_pages(make_project: ProjectFactory, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED)
    run(project, "build", "--no-site", capsys=capsys)
    page = next((project.content / "reports").glob("2024-04-09-xi*.md"))
    page.write_text(page.read_text() + "edited by hand\n")
    (project.content / "reports" / "orphan.md").write_text("---\ntitle: x\n---\n")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert f"content/reports/{page.name}:1: stale: differs" in err
    assert "content/reports/orphan.md:1: stale: the generator no longer writes this page" in err


BAD_INPUTS = {
    "undecodable bytes": ({"sources/bad.txt": b"Title\n\nok\n\x98\x81 broken\n"},
                          "content/sources/bad.txt:4: cannot decode"),
    "empty file": ({"sources/empty.txt": b""}, "content/sources/empty.txt:1: file is empty"),
    "binary file": ({"sources/bin.txt": b"\x89PNG\x00\x00"}, "content/sources/bin.txt:1: binary file"),
    "sidecar does not parse": (
        {"sources/a.txt": "T\n\nBody.\n", "sources/a.yml": "title: [unclosed\n"},
        "content/sources/a.yml:2: YAML does not parse"),
    "sidecar unknown key": (
        {"sources/a.txt": "T\n\nBody.\n", "sources/a.yml": "title: x\npublsher: y\n"},
        "content/sources/a.yml:2: unknown key 'publsher'"),
    "sidecar impossible date": (
        {"sources/a.txt": "T\n\nBody.\n", "sources/a.yml": "published: 2024-02-30\n"},
        "content/sources/a.yml:1: 'published' is not a real date"),
    "report with no text": (
        {"sources/a.txt": "Alpha\n\nBeta\n\nLONDON (Reuters) - Text.\n"},
        "content/sources/a.txt:1: report 'Alpha' has no text"),
    "unknown outlet": ({"sources/a.txt": "T\n\nPARIS, May 1, 2024 (Le Monde) — Text.\n"},
                       "content/sources/a.txt:3: unknown outlet 'Le Monde'"),
    "unknown person in sidecar": (
        {"sources/a.txt": "T\n\nBody.\n", "sources/a.yml": "reports:\n  - line: 1\n    speakers: [Nobody Known]\n"},
        "content/sources/a.yml:2: unknown person 'Nobody Known'"),
    "duplicate alias in registry": (
        {"people.yml": "- name: A B\n  aliases: [AB]\n- name: C D\n  aliases: [AB]\n", "sources/a.txt": "T\n\nBody.\n"},
        "content/people.yml:4: alias 'AB' of 'C D' is already an alias of 'A B'"),
    "unknown kind of file": ({"sources/a.pdf": b"%PDF"}, "content/sources/a.pdf:1: unknown kind of source"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gets_one_clear_line_and_nothing_is_written(
    case: str, make_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    texts, expected = BAD_INPUTS[case]
    project = make_project(SEED)
    run(project, "build", "--no-site", capsys=capsys)
    before = snapshot(project)
    for relative, text in texts.items():
        path = project.content / relative
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    code, _, err = run(project, "build", "--no-site", capsys=capsys)
    assert code == 1
    assert expected in err, err
    assert "nothing was written" in err
    after = {k: v for k, v in snapshot(project).items() if k not in {f"content/{r}" for r in texts}}
    assert after == {k: v for k, v in before.items() if k not in {f"content/{r}" for r in texts}}


def test_all_problems_are_reported_in_one_run(make_project: ProjectFactory, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(texts={"sources/a.txt": b"", "sources/b.txt": "T\n\nBody.\n",
                                  "sources/b.yml": "x: 1\ny: 2\n"})
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("content/")]
    assert lines == ["content/sources/a.txt:1: file is empty", "content/sources/b.yml:1: unknown key 'x' "
                     "(allowed: description, joins, language, published, publisher, reports, title, url)",
                     "content/sources/b.yml:2: unknown key 'y' "
                     "(allowed: description, joins, language, published, publisher, reports, title, url)"]


def test_module_entry_point_and_outside_a_project(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 3
    assert "no mkdocs.yml" in result.stderr


@pytest.mark.slow
def test_check_finds_a_broken_anchor_in_the_built_site(make_project: ProjectFactory,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    talks = "2024-04-09-chinese-russian-fms-hold-talks"
    note = ("- quote: Chine believes\n  author: me\n"
            "  body: See [the meeting](2024-04-09-xi-meets-russian-foreign-minister.html#p-00000000).\n")
    project = make_project(SEED, texts={f"annotations/{talks}.yml": note})
    run(project, "build", "--no-site", capsys=capsys)
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert (f"site/reports/{talks}.html:1: link to 2024-04-09-xi-meets-russian-foreign-minister.html#p-00000000: "
            "no element with id 'p-00000000'") in err


def test_front_matter_of_every_page_fits_the_published_schema(make_project: ProjectFactory,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    from generator.errors import Problems
    from generator.schemas import schema_problems

    project = make_project(SEED)
    run(project, "build", "--no-site", capsys=capsys)
    pages = sorted((project.content / "reports").glob("2*.md")) + sorted((project.content / "reports").glob("u*.md"))
    assert len(pages) == 4
    for page in pages:
        front = yaml.safe_load(page.read_text().split("---\n")[1])
        front["date"] = str(front["date"]) if front["date"] else None
        problems = Problems()
        schema_problems("report", front, str(page), problems)
        assert problems.items == []
        front["speakers"] = "Sergey Lavrov"
        schema_problems("report", front, str(page), problems)
        assert problems.items


@pytest.mark.slow
def test_serve_regenerates_and_serves_on_loopback(make_project: ProjectFactory) -> None:
    import socket
    import time
    import urllib.request

    project = make_project(SEED)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline, page = time.monotonic() + 60, ""
        while time.monotonic() < deadline and not page:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/reports/index.html", timeout=2) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        assert "Xi meets Russian foreign minister" in page
        assert (project.content / "reports" / "index.md").exists()
    finally:
        server.terminate()
        server.wait(timeout=20)
    # The engine went with `archive serve`: nothing answers on its port any more.
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/reports/index.html", timeout=2)
