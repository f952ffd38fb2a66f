"""Decoding sources: BOMs, UTF-16 without BOM, declared charsets and legacy code pages, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.readers.decode import SourceDecodeError, decode_source
from generator.readers.text import read_text_source
from tests.conftest import FIXTURES

RUSSIAN = (
    "Министр иностранных дел России Сергей Лавров провёл переговоры с китайским коллегой Ван И в Пекине.\n"
    "Стороны обсудили подготовку визита президента в Китай и сотрудничество в рамках БРИКС.\n"
)
CHINESE = (
    "新华社北京4月9日电 国家主席习近平9日在北京会见俄罗斯外长拉夫罗夫。\n"
    "习近平请拉夫罗夫转达对普京总统的诚挚问候。双方表示，愿加强各领域务实合作。\n"
)
FRENCH = (
    "Le ministre russe des Affaires étrangères a déclaré que les négociations « se poursuivront » à Genève.\n"
    "Ça reste à voir, a répondu son homologue — sans préciser la date.\n"
)
GERMAN = (
    "Der russische Außenminister äußerte sich in Peking zu den Gesprächen über die Ukraine.\n"
    "„Wir begrüßen den Dialog“, sagte er am Dienstag.\n"
)


def fails(data: bytes, declared: str | None = None) -> SourceDecodeError:
    with pytest.raises(SourceDecodeError) as caught:
        decode_source(data, "content/sources/x.txt", declared)
    return caught.value


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "cp1251"),
        (CHINESE, "gb18030"),
        (FRENCH, "cp1252"),
        (GERMAN, "cp1252"),
        (RUSSIAN, "utf-8"),
        (CHINESE, "utf-8"),
        (FRENCH, "utf-8"),
    ],
    ids=["russian-cp1251", "chinese-gb18030", "french-cp1252", "german-cp1252", "russian-utf8", "chinese-utf8",
         "french-utf8"],
)
def test_legacy_and_utf8_text_is_recognised(text: str, encoding: str) -> None:
    assert decode_source(text.encode(encoding), "x.txt") == text


@pytest.mark.parametrize("text", [RUSSIAN, CHINESE, FRENCH, GERMAN], ids=["russian", "chinese", "french", "german"])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_marks_decide(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = "\ufeff".encode("utf-16-be") + data
    assert decode_source(data, "x.txt") == text


@pytest.mark.parametrize("text", [FRENCH, GERMAN, "Title\n\nBody.\n"], ids=["french", "german", "ascii"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_by_their_nul_pattern(text: str, encoding: str) -> None:
    assert decode_source(text.encode(encoding), "x.txt") == text


def test_utf16_without_bom_and_few_ascii_characters_is_refused_with_a_hint() -> None:
    error = fails("Привет, мир".encode("utf-16-le"))
    assert "binary" in error.problem.message and "byte-order mark" in error.problem.message


@pytest.mark.parametrize(
    "data",
    [b"Title\r\n\r\nBody.\r\n", b"Title\r\rBody.\r", b"Title\n\nBody.\n", "Title\r\n\r\nBody.\r\n".encode("utf-16-le")],
    ids=["crlf", "cr", "lf", "utf16-crlf"],
)
def test_line_endings_become_newlines(data: bytes) -> None:
    assert decode_source(data, "x.txt") == "Title\n\nBody.\n"


def test_legacy_text_keeps_its_line_endings_normalised() -> None:
    assert decode_source(RUSSIAN.replace("\n", "\r\n").encode("cp1251"), "x.txt") == RUSSIAN


def test_declared_charset_reads_what_detection_cannot() -> None:
    koi8 = RUSSIAN.encode("koi8-r")  # not among the guesses; only the declaration tells
    assert decode_source(koi8, "x.html", declared="KOI8-R") == RUSSIAN


def test_declared_latin1_is_read_as_windows_1252_like_browsers_do() -> None:
    assert decode_source(b"\x93Quoted\x94 \x96 text", "x.html", declared="iso-8859-1") == "“Quoted” – text"


@pytest.mark.parametrize("declared", ["utf-8", "no-such-charset", "utf-16"])
def test_wrong_unknown_or_impossible_declaration_falls_back_to_detection(declared: str) -> None:
    assert decode_source(RUSSIAN.encode("cp1251"), "x.html", declared=declared) == RUSSIAN


def test_valid_utf8_outranks_a_stale_declaration() -> None:
    assert decode_source(RUSSIAN.encode("utf-8"), "x.html", declared="windows-1251") == RUSSIAN


@pytest.mark.parametrize("data", [b"", b"  \n\n", b"\xef\xbb\xbf", b"\xff\xfe \x00\n\x00"],
                         ids=["empty", "blank", "bom-only", "utf16-blank"])
def test_empty_files(data: bytes) -> None:
    error = fails(data)
    assert error.problem.line == 1 and "empty" in error.problem.message


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"text\n\x00\x01\x02", 2),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", 3),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x10\x00\xff\x01\nendstream\n", 6),
    ],
    ids=["nul", "png", "pdf"],
)
def test_binary_files_are_refused_at_the_first_nul(data: bytes, line: int) -> None:
    error = fails(data)
    assert error.problem.line == line and "binary file" in error.problem.message


@pytest.mark.parametrize(
    ("data", "line", "byte"),
    [
        (b"ok\nok\nbad \xff byte\n", 3, "0xff"),  # one stray letter between spaces is no language
        (b"Title\n\nok\n\xff\xfe broken\n", 4, "0xff"),  # `яю` in Windows-1251: too short to be a word
        (b"line one\r\nline two\r\nbad \x81\x81 here\r\n", 3, "0x81"),
        (b"one\rtwo\rthree \x9d\rfour", 3, "0x9d"),
    ],
    ids=["stray-letter", "two-stray-bytes", "crlf", "cr"],
)
def test_undecodable_bytes_name_their_line(data: bytes, line: int, byte: str) -> None:
    error = fails(data)
    assert error.problem.line == line
    assert "cannot decode" in error.problem.message and byte in error.problem.message
    assert str(error.problem).startswith(f"content/sources/x.txt:{line}: ")


def test_bad_byte_after_a_bom_names_its_line() -> None:
    error = fails(b"\xef\xbb\xbfone\ntwo \xff\n")
    assert error.problem.line == 2 and "utf-8-sig" in error.problem.message


def test_text_no_guess_fits_is_refused_rather_than_turned_into_mojibake() -> None:
    # All capitals: too little to call it Russian, and as Windows-1252 it would read `ÇÀßÂËÅÍÈÅ ÌÈÄ`.
    error = fails("ЗАЯВЛЕНИЕ МИД\n".encode("cp1251"))
    assert error.problem.line == 1 and "cannot decode" in error.problem.message


def test_saved_gb18030_text_file_reads_into_blocks() -> None:
    path = FIXTURES / "encodings" / "xinhua_gb18030.txt"
    doc = read_text_source(path.read_bytes(), Path("sources") / path.name, path.name)
    assert [b.line for b in doc.blocks] == [1, 3, 5]
    assert doc.blocks[0].text == "习近平会见俄罗斯外长拉夫罗夫"
    assert doc.blocks[1].text.startswith("新华社北京4月9日电 国家主席习近平")
