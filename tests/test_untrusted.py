"""A pull request is untrusted input: every kind of file it can add is checked or inert (issue 9)."""

from __future__ import annotations

import dataclasses
import gzip
import os
import time
from pathlib import Path

import pathspec
import pytest
from mkdocs.config import load_config

from generator.addresses import OWNED_DIRS, OWNED_FILES
from generator.build import generate
from generator.errors import InputErrors, Problems
from generator.ids import unique_ids
from generator.inputs import REGISTRY_FILES
from generator.lock import project_lock
from generator.readers.decode import SourceDecodeError, decode_source
from generator.render.notes import note_body_html
from generator.yamlfile import YamlError, load_yaml
from tests.conftest import REPO, SEED, ProjectFactory
from tests.test_cli import run, snapshot

SCRIPT = "<script>document.title='pwned'</script><img src=https://evil.example/x.png>"
TALKS = "2024-04-09-chinese-russian-fms-hold-talks"


def problems_of(project) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(InputErrors) as caught:
        generate(project)
    return [str(p) for p in caught.value.problems]


def refused_by_build_and_check(project, capsys, expected: str) -> None:  # type: ignore[no-untyped-def]
    """`archive build` and `archive check` both exit 1 naming the file, and the build writes nothing."""
    before = snapshot(project)
    for command in ("build", "check"):
        code, _, err = run(project, command, "--no-site", capsys=capsys)
        assert code == 1, err
        assert expected in err, err
        assert "Traceback" not in err
    assert snapshot(project) == before
    assert not (project.root / "site").exists()


# 1–3: only allowed kinds of file, no symbolic links


@pytest.mark.parametrize(("relative", "expected"), [
    ("sources/notes.md", "content/sources/notes.md:1: unknown kind of source"),
    ("notes.md", "content/notes.md:1: not a file the archive reads or writes"),
    ("reports-extra/x.html", "content/reports-extra:1: unknown folder in content/"),
    ("annotations/x.md", "content/annotations/x.md:1: annotation files are `<report id>.yml`"),
    ("sources/x.js", "content/sources/x.js:1: unknown kind of source"),
    ("assets/x.js", "content/assets:1: unknown folder in content/"),
])
def test_a_file_of_another_kind_in_content_is_refused(make_project: ProjectFactory,
                                                      capsys: pytest.CaptureFixture[str],
                                                      relative: str, expected: str) -> None:
    project = make_project(SEED, texts={relative: f"# Notes\n\n{SCRIPT}\n[x](javascript:alert(1))\n"})
    refused_by_build_and_check(project, capsys, expected)


@pytest.mark.parametrize("relative", ["assets/evil.js", "evil.svg", "hooks/evil.txt", "assets/x.html"])
def test_a_file_of_another_kind_in_site_overrides_is_refused(make_project: ProjectFactory,
                                                             capsys: pytest.CaptureFixture[str], relative: str) -> None:
    project = make_project(SEED)
    target = project.root / "site_overrides" / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(SCRIPT)
    refused_by_build_and_check(project, capsys, f"site_overrides/{relative}:1: not a kind of theme file")


@pytest.mark.parametrize("where", ["leak.txt", "sources/leak.txt", "sources/000_600d39537292fdeb.yml",
                                   "annotations/x.yml", "people.yml", "reports/x.md", "sources/folder"])
def test_a_symbolic_link_anywhere_in_content_is_refused(make_project: ProjectFactory,
                                                        capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                        where: str) -> None:
    project = make_project(SEED)
    secret = tmp_path / "environ"
    secret.write_text("title: SECRET=hunter2\n")
    link = project.content / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    os.symlink(secret if where != "sources/folder" else tmp_path, link)
    refused_by_build_and_check(project, capsys, f"content/{where}:1: is a symbolic link")
    _, _, err = run(project, "check", capsys=capsys)
    assert "hunter2" not in err


def test_a_dangling_link_and_a_linked_theme_file_are_refused(make_project: ProjectFactory,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED)
    os.symlink("/nonexistent/file", project.content / "dangling.txt")
    os.symlink("/etc/passwd", project.root / "site_overrides" / "assets" / "passwd.css")
    refused_by_build_and_check(project, capsys, "content/dangling.txt:1: is a symbolic link")
    _, _, err = run(project, "check", "--no-site", capsys=capsys)
    assert "site_overrides/assets/passwd.css:1: is a symbolic link" in err


def test_mkdocs_publishes_only_generated_pages() -> None:
    """`exclude_docs` in mkdocs.yml lets through exactly the generator's files (sources only as the
    generator's compressed copies)."""
    config = load_config(str(REPO / "mkdocs.yml"))  # as MkDocs reads it, with its default exclusions
    spec = pathspec.GitIgnoreSpec.from_lines([".*", "/templates/"]) + config["exclude_docs"]
    published = [*OWNED_FILES, *(f"{d}/x.md" for d in OWNED_DIRS), "reports/x.json", "compilations/x.original.txt.gz",
                 "assets/archive.css", "assets/archive-search.js",
                 "search/manifest.js", "data/reports.jsonl.gz"]
    withheld = [*REGISTRY_FILES, "annotations/x.yml", "sources/x.txt", "sources/X.TXT", "sources/x.yml",
                "sources/x.html", "sources/x.HTML",
                "sources/x.Htm", "sources/notes.md", "notes.md", "leak.txt", ".archive-staging/index.md",
                "sources/x.md", "evil.js"]
    assert [path for path in published if spec.match_file(path)] == []
    assert [path for path in withheld if not spec.match_file(path)] == []


@pytest.mark.slow
def test_an_upper_case_html_source_is_published_only_as_compressed_text(make_project: ProjectFactory,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    page = f"<html><body><h1>Evil</h1>{SCRIPT}<p>LONDON (Reuters) - Lavrov said nothing.</p></body></html>"
    project = make_project(SEED, texts={"sources/evil.HTML": page})
    code, _, err = run(project, "build", capsys=capsys)
    assert code == 0, err
    site = project.root / "site"
    assert not (site / "sources" / "evil.HTML").exists()
    assert "<script>" in gzip.decompress((site / "compilations" / "evil.original.txt.gz").read_bytes()).decode()
    for name in REGISTRY_FILES:
        assert not (site / name).exists()
    assert not (site / "annotations").exists() and not list((site / "sources").glob("*.yml"))


# 4: bounded YAML


def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("relative", "text"), [
    ("sources/000_600d39537292fdeb.yml", "title: x\n" + alias_bomb().replace("a0: ", "description: ", 1)),
    ("people.yml", "- name: X\n  aliases: &a [*a]\n"),
    ("people.yml", "".join(f"- name: P{level}\n  aliases: {line.split(': ', 1)[1]}\n"
                           for level, line in enumerate(alias_bomb().splitlines()))),
], ids=["sidecar description", "recursive alias", "people aliases"])
def test_alias_bombs_are_refused_at_once(make_project: ProjectFactory, relative: str, text: str) -> None:
    project = make_project(SEED, texts={relative: text})
    started = time.perf_counter()
    with pytest.raises(YamlError):
        load_yaml(project.content / relative, relative)
    assert time.perf_counter() - started < 0.5  # expanded, the first bomb is 9⁹ (387 million) strings
    problems = problems_of(project)
    assert any(p.startswith(f"content/{relative}:") and "aliases expand to more than" in p for p in problems), problems


def test_a_huge_yaml_file_is_refused_unread(make_project: ProjectFactory) -> None:
    project = make_project(SEED, texts={"glossary.yml": "- term: X\n  expansion: " + "x" * 3_000_000 + "\n"})
    started = time.perf_counter()
    with pytest.raises(YamlError):
        load_yaml(project.content / "glossary.yml", "glossary.yml")
    assert time.perf_counter() - started < 0.5
    assert problems_of(project) == ["content/glossary.yml:1: file is larger than 2,000,000 bytes; "
                                    "a registry, sidecar or annotation file is never this big"]


def test_messages_show_at_most_80_characters_of_a_value(make_project: ProjectFactory) -> None:
    long = "Z" * 5000
    project = make_project(SEED, texts={
        "sources/000_600d39537292fdeb.yml": f"language: {long}\nreports:\n  - line: 49\n    outlet: {long}\n",
        "people.yml": f"- name: {long}\n- name: {long}\n",
    })
    problems = problems_of(project)
    assert problems and all(p.count("Z") <= 80 for p in problems), problems


# 5, 6: one build at a time; a killed build leaves the old state or one the next build completes


def test_a_second_build_in_the_same_folder_is_refused(make_project: ProjectFactory,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED)
    with project_lock(project.root):
        code, _, err = run(project, "build", "--no-site", capsys=capsys)
    assert code == 4
    assert f"archive: another archive build is running in {project.root}" in err
    assert not (project.content / "reports").exists()
    code, _, err = run(project, "build", "--no-site", capsys=capsys)
    assert code == 0, err


def test_unchanged_pages_keep_their_modification_time(make_project: ProjectFactory,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED)
    assert run(project, "build", "--no-site", capsys=capsys)[0] == 0
    pages = {p: p.stat().st_mtime_ns for p in project.content.rglob("*.md")}
    old = project.content / "reports" / "gone.md"
    old.write_text("stale\n")
    time.sleep(0.01)
    assert run(project, "build", "--no-site", capsys=capsys)[0] == 0
    assert {p: p.stat().st_mtime_ns for p in project.content.rglob("*.md")} == pages
    assert not old.exists()
    assert not list(project.content.glob(".archive-staging*"))


def test_a_build_killed_after_its_commit_is_completed_by_the_next(make_project: ProjectFactory,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import writer

    project = make_project(SEED)
    assert run(project, "build", "--no-site", capsys=capsys)[0] == 0
    (project.sources / "second.txt").write_text("Second report\n\nLONDON (Reuters) - Lavrov said little.\n")

    def killed(content: Path) -> None:
        raise KeyboardInterrupt  # the journal is committed; nothing of it is applied yet

    monkeypatch.setattr(writer, "apply_journal", killed)
    with pytest.raises(KeyboardInterrupt):
        run(project, "build", "--no-site", capsys=capsys)
    monkeypatch.undo()
    assert (project.content / ".archive-staging" / "journal.json").exists()
    code, _, err = run(project, "check", "--no-site", capsys=capsys)
    assert code == 1 and "content/.archive-staging:1: left behind by an interrupted build" in err
    assert run(project, "build", "--no-site", capsys=capsys)[0] == 0
    assert (project.content / "compilations" / "second.md").exists()
    assert not list(project.content.glob(".archive-staging*"))
    assert run(project, "check", "--no-site", capsys=capsys)[0] == 0


# 7: collisions


def test_a_source_named_index_is_refused(make_project: ProjectFactory, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(SEED, texts={"sources/index.txt": "Index\n\nLONDON (Reuters) - Lavrov said nothing.\n"})
    refused_by_build_and_check(project, capsys, "content/sources/index.txt:1: a source may not be named 'index'")


def test_two_sources_with_one_name_are_refused(make_project: ProjectFactory) -> None:
    text = "A title\n\nLONDON (Reuters) - Lavrov said nothing.\n"
    project = make_project(texts={"sources/twin.txt": text, "sources/Twin.html": f"<p>{text}</p>"})
    assert problems_of(project) == ["content/sources/twin.txt:1: has the name of Twin.html (letter case aside): both "
                                    "would get the page compilations/twin.md and share one sidecar; rename one"]


def test_a_sidecar_pinning_the_id_index_is_refused_at_its_line(make_project: ProjectFactory) -> None:
    project = make_project(SEED, texts={"sources/000_600d39537292fdeb.yml": "reports:\n  - line: 49\n    id: index\n"})
    problems = problems_of(project)
    assert len(problems) == 1 and problems[0].startswith("content/sources/000_600d39537292fdeb.yml:3: reports.0.id:")


def test_a_pinned_id_with_a_double_dash_is_refused(make_project: ProjectFactory) -> None:
    """Compare pages are named `<id>--<id>`: ids with `--` could give two pairs one page."""
    project = make_project(SEED, texts={"sources/000_600d39537292fdeb.yml": "reports:\n  - line: 49\n    id: a--b\n"})
    assert problems_of(project)[0].startswith("content/sources/000_600d39537292fdeb.yml:3: reports.0.id:")


# 8: mojibake


def test_utf8_with_one_bad_byte_is_refused_at_its_line() -> None:
    data = "Putin’s visit — «talks»\n".encode() + b"Second line, caf\xe9 here.\n"
    with pytest.raises(SourceDecodeError) as caught:
        decode_source(data, "content/sources/x.txt")
    assert str(caught.value.problem).startswith("content/sources/x.txt:2: not valid UTF-8: byte 0xe9 at offset ")


def test_legacy_encodings_are_still_read() -> None:
    assert decode_source("Le café du matin à Paris.\n".encode("cp1252"), "x") == "Le café du matin à Paris.\n"
    assert decode_source("Привет, это проверка.\n".encode("cp1251"), "x") == "Привет, это проверка.\n"


# 9: linear ids


def test_many_reports_with_one_title_get_ids_in_linear_time() -> None:
    archive_report = generate_seed_report()
    reports = [dataclasses.replace(archive_report, first_line=line) for line in range(1, 40_001)]
    started = time.perf_counter()
    problems = Problems()
    numbered = unique_ids(reports, lambda r: "x", problems)
    assert time.perf_counter() - started < 2.0  # one by one from -2 each time: 8·10⁸ steps
    assert not problems and len({r.id for r in numbered}) == 40_000
    assert numbered[-1].id == f"{archive_report.id}-40000"


def generate_seed_report():  # type: ignore[no-untyped-def]
    from generator.project import Project

    return next(r for r in generate(Project(REPO)).reports if not r.id_pinned)


# 10: all problems of a run together


def test_sidecar_registry_and_annotation_problems_come_in_one_run(make_project: ProjectFactory) -> None:
    sidecar = ("colour: blue\nlanguage: 12\nreports:\n  - line: 9999\n  - line: 49\n    outlet: Le Monde\n"
               "    speakers: [Nobody Known]\n    date: 2024-02-30\n")
    project = make_project(SEED, texts={
        "sources/000_600d39537292fdeb.yml": sidecar,
        f"annotations/{TALKS}.yml": "- quote: Chine believes\n  body: x\n  colour: red\n",
        "annotations/missing-report.yml": "- quote: q\n  colour: red\n  author: a\n  body: b\n",
    })
    outlets = (REPO / "content" / "outlets.yml").read_text() + "- name: Xinhua2\n  aliases: Xin\n"
    (project.content / "outlets.yml").write_text(outlets)
    problems = problems_of(project)
    sidecar_display = "content/sources/000_600d39537292fdeb.yml"
    for expected in (f"{sidecar_display}:1: unknown key 'colour'", f"{sidecar_display}:2: language:",
                     f"{sidecar_display}:4: `line: 9999`", f"{sidecar_display}:5: unknown outlet 'Le Monde'",
                     f"{sidecar_display}:5: unknown person 'Nobody Known'", f"{sidecar_display}:8: 'date' is not",
                     "content/outlets.yml:", f"content/annotations/{TALKS}.yml:1: note has no `author`",
                     f"content/annotations/{TALKS}.yml:3: unknown key 'colour'",
                     "content/annotations/missing-report.yml:2: unknown key 'colour'"):
        assert any(p.startswith(expected) for p in problems), (expected, problems)


# 11: the smaller items


def test_code_spans_in_notes_are_escaped_once() -> None:
    assert "<code>a &lt; b &amp;&amp; c</code>" in note_body_html("see `a < b && c`")


def test_a_protocol_relative_link_in_a_note_is_text() -> None:
    rendered = note_body_html("[x](//evil.example/a) [y](/\\evil.example/b) [z](../reports/index.html)")
    assert "evil.example" not in rendered
    assert '<a href="../reports/index.html">z</a>' in rendered
    assert "//evil" not in rendered and "\\evil" not in rendered


def test_messages_without_a_line_say_line_1(make_project: ProjectFactory) -> None:
    note = "- quote: x\n  body: b\n  author: a\n"
    assert problems_of(make_project(SEED, texts={"annotations/nobody.yml": note})) == [
        "content/annotations/nobody.yml:1: no report has the id 'nobody'; name the file after a report id"]
    assert problems_of(make_project(SEED, texts={"sources/empty.txt": b""})) == [
        "content/sources/empty.txt:1: file is empty"]


def test_a_yaml_file_that_is_not_utf8_is_refused_at_the_bad_byte(make_project: ProjectFactory) -> None:
    project = make_project(SEED, texts={"sources/000_600d39537292fdeb.yml": b"title: ok\npublisher: caf\xe9\n"})
    assert problems_of(project) == ["content/sources/000_600d39537292fdeb.yml:2: not UTF-8 text: byte 0xe9 "
                                    "cannot be read; save the file as UTF-8"]
