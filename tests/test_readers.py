"""Reading text sources: encodings, line endings, blocks, bullets and speaker labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.readers.decode import SourceDecodeError, decode_source
from generator.readers.text import blocks_from_lines, read_text_source


def test_blank_lines_separate_paragraphs_and_inner_breaks_fold() -> None:
    blocks = blocks_from_lines(["First line", "continues here.", "", "", "Second."])
    assert [(b.text, b.line, b.end_line) for b in blocks] == [("First line continues here.", 1, 2), ("Second.", 5, 5)]


def test_each_bullet_is_its_own_list_item() -> None:
    blocks = blocks_from_lines(["Principles:", "  • one", "  • two", "    wrapped", "— three", "1. four"])
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Principles:"), ("list_item", "one"), ("list_item", "two wrapped"),
        ("list_item", "three"), ("list_item", "1. four"),
    ]


def test_speaker_labels_only_on_sentences() -> None:
    turn, headline = blocks_from_lines(["Question: What now?", "", "Lavrov: China and Russia working together"])
    assert turn.speaker_label == "Question"
    assert headline.speaker_label is None


@pytest.mark.parametrize(
    "data",
    [
        b"Title\r\n\r\nBody.\r\n",
        "\ufeffTitle\n\nBody.\n".encode(),
        b"Title\r\rBody.\r",
        "Title\n\nBody.\n".encode("utf-16"),
    ],
    ids=["crlf", "utf8-bom", "cr", "utf16"],
)
def test_encodings_and_line_endings(data: bytes) -> None:
    assert decode_source(data, "x.txt") == "Title\n\nBody.\n"


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"", 1, "empty"),
        (b"  \n\n", 1, "empty"),
        (b"ok\nok\nbad \xff byte\n", 3, "cannot decode"),
        (b"text\n\x00\x01\x02", 2, "binary"),
    ],
)
def test_undecodable_files_name_the_line(data: bytes, line: int, words: str) -> None:
    with pytest.raises(SourceDecodeError) as caught:
        decode_source(data, "content/sources/x.txt")
    assert caught.value.problem.line == line
    assert words in caught.value.problem.message
    assert str(caught.value.problem).startswith("content/sources/x.txt")


def test_source_document_keeps_lines_and_digest() -> None:
    doc = read_text_source(b"A title\n\nBEIJING, May 1 (Xinhua) -- Text.\n", Path("sources/a.txt"), "a.txt")
    assert doc.name == "a"
    assert [b.line for b in doc.blocks] == [1, 3]
    assert len(doc.sha256) == 64
