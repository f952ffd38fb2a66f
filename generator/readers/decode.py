"""Bytes → text, with one clear error for files that are not text.

Contributors save pages and paste transcripts from wherever they find them, so a
source may come in UTF-8, UTF-16 without a byte-order mark, or the legacy code page
of its country. The evidence is weighed strongest first:

1. A byte-order mark says exactly what the file is.
2. NUL bytes: UTF-16/UTF-32 text without a BOM shows them in a fixed pattern (ASCII
   text in UTF-16 has a NUL in every other byte); any other NUL means a binary file.
3. Strict UTF-8. Legacy text with bytes above 0x7F is almost never valid UTF-8, while
   a browser that re-saves a page as UTF-8 may leave its old `<meta charset>` behind,
   so a clean UTF-8 decoding outranks the charset a page declares.
4. The charset the file declares (HTML `<meta charset>`), if its bytes decode with it.
5. A guess among GB18030, Windows-1251 and Windows-1252, each accepted only when the
   decoded text reads like Chinese, Russian or Western text respectively.

No third-party detector: these few deterministic rules give the same answer on every
machine, and a wrong guess is refused (with the line of the first odd byte) rather
than turned into mojibake that would end up in the archive.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable

from generator.errors import Problem, ProblemError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

DECLARED_EQUIVALENTS = {"iso8859-1": "cp1252", "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030"}
"""Labels that pages declare but that browsers (per the WHATWG Encoding standard) read as a superset."""

CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
"""C0 controls that no text file holds (tab, line feed, form feed and carriage return excepted)."""

WORD = re.compile(r"[^\W\d_]+")
"""A run of letters, in any script."""

WESTERN_ONE_LETTER_WORDS = frozenset("àáèéìíòóùú")
"""Words of one accented letter: French and Portuguese `à`, Italian `è`, Spanish `ó`, and the like."""

MIN_EVIDENCE = 3
"""Hanzi, or letters in one Cyrillic word, needed before a guess is believed: two stray bytes
(`\xff\xfe` → `яю`) can look like a word, three seldom do."""

UTF16_ASCII_SHARE = 0.5
"""UTF-16 without BOM is assumed only when at least half the characters are ASCII (a NUL high byte)."""


def decode_source(data: bytes, path: str, declared: str | None = None) -> str:
    """Decode a source file and normalise its line endings to `\\n`.

    `declared` is the charset the file names for itself (an HTML page's `<meta charset>`).
    Raises `SourceDecodeError` naming the line of the first byte that could not be read,
    so a contributor can find it in an editor.
    """
    if not data.strip():
        raise SourceDecodeError(Problem(path, 1, "file is empty"))
    text = decode_bytes(data, path, declared).lstrip("\ufeff")
    if not text.strip():
        raise SourceDecodeError(Problem(path, 1, "file is empty"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, path: str, declared: str | None) -> str:
    """Pick the encoding by the rules in the module docstring and decode with it."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return decode_strictly(data, name, path)
    if b"\x00" in data:
        wide = utf16_or_utf32_without_bom(data)
        if wide is None:
            line = line_of(data[: data.index(b"\x00")].decode("latin-1"))
            raise SourceDecodeError(Problem(
                path, line, "binary file: NUL byte; sources must be text or HTML "
                            "(UTF-16 text with few ASCII characters needs a byte-order mark)"))
        return wide
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if near_utf8(data):
        line = line_of(data[:first_bad].decode("utf-8"))
        raise SourceDecodeError(Problem(
            path, line, f"not valid UTF-8: byte 0x{data[first_bad]:02x} at offset {first_bad} cannot be read, though "
                        "the rest of the file is UTF-8; read in another encoding the file would turn into mojibake "
                        "(`â€™` for `’`): fix or remove that byte"))
    encoding = declared_encoding(declared)
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass  # a wrong declaration is common in saved pages; fall back to reading the bytes
    for name, reads_as in LEGACY_GUESSES:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if not CONTROL.search(text) and reads_as(text):
            return text
    line = line_of(data[:first_bad].decode("utf-8"))
    raise SourceDecodeError(Problem(
        path, line,
        f"cannot decode: byte 0x{data[first_bad]:02x} at offset {first_bad} is not UTF-8, and the text does not "
        "read as GB18030, Windows-1251 or Windows-1252 either; save the file as UTF-8"))


UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")
"""One well-formed UTF-8 character beyond ASCII."""


def near_utf8(data: bytes) -> bool:
    """At least as many well-formed UTF-8 characters beyond ASCII as stray bytes: UTF-8 with a few bad bytes.

    Legacy text seldom holds a well-formed UTF-8 sequence: an accented letter of Windows-1252 is
    followed by an ASCII letter, not by a byte 0x80-0xBF; a Cyrillic letter of Windows-1251 by
    another letter; a GB18030 pair has the shape of a UTF-8 pair about one time in twelve.
    """
    sequences = UTF8_SEQUENCE.findall(data)
    stray = sum(1 for byte in data if byte > 0x7F) - sum(map(len, sequences))
    return bool(sequences) and len(sequences) >= stray


def decode_strictly(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = line_of(data[: exc.start].decode(encoding, errors="replace"))
        raise SourceDecodeError(
            Problem(path, line, f"cannot decode as {encoding}: byte 0x{data[exc.start]:02x} at offset {exc.start}")
        ) from None


def utf16_or_utf32_without_bom(data: bytes) -> str | None:
    """The text, if the NUL bytes sit where UTF-32 or ASCII-heavy UTF-16 puts them; else None.

    UTF-32 (BMP text) has NULs in both high bytes of every unit; UTF-16 has them in the high
    byte of every ASCII character and, for text, in no low byte.
    """
    candidates: list[str] = []
    if len(data) % 4 == 0:
        quarters = [data[i::4] for i in range(4)]
        if not quarters[2].strip(b"\x00") and not quarters[3].strip(b"\x00"):
            candidates.append("utf-32-le")
        if not quarters[0].strip(b"\x00") and not quarters[1].strip(b"\x00"):
            candidates.append("utf-32-be")
    if len(data) % 2 == 0:
        units = len(data) // 2
        even, odd = data[0::2].count(0), data[1::2].count(0)
        if odd >= UTF16_ASCII_SHARE * units and even == 0:
            candidates.append("utf-16-le")
        if even >= UTF16_ASCII_SHARE * units and odd == 0:
            candidates.append("utf-16-be")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not CONTROL.search(text):
            return text
    return None


def declared_encoding(label: str | None) -> str | None:
    """The codec for a declared charset label, or None if Python does not know it.

    A declared UTF-16/UTF-32 is ignored: the declaration was readable as ASCII, so the file
    is not in those encodings (browsers do the same).
    """
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None
    return DECLARED_EQUIVALENTS.get(name, name)


def reads_as_chinese(text: str) -> bool:
    """Nearly all non-ASCII characters are common hanzi or Chinese punctuation.

    The 3,755 level-1 hanzi of GB2312 cover almost all of modern Chinese text. Cyrillic or
    accented Latin bytes that happen to pair up into valid GB18030 land mostly on rare
    characters, so this test tells them apart.
    """
    high = [c for c in text if ord(c) > 0x7F]
    if len(high) < MIN_EVIDENCE:
        return False
    return sum(map(is_common_chinese, high)) >= 0.8 * len(high)


def is_common_chinese(char: str) -> bool:
    try:
        lead = char.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= lead <= 0xA3 or 0xB0 <= lead <= 0xD7  # symbols, full-width forms, level-1 hanzi


def reads_as_cyrillic(text: str) -> bool:
    """Non-ASCII characters form Cyrillic words of ordinary shape, mostly in lower case.

    Western text read as Windows-1251 puts Cyrillic letters inside Latin words (`café` →
    `cafй`), Chinese text read so gives words of random case; Russian gives neither.
    """
    high = [c for c in text if ord(c) > 0x7F]
    words = [w for w in WORD.findall(text) if all(is_cyrillic(c) for c in w) and well_cased(w)]
    letters = "".join(words)
    if not any(len(w) >= MIN_EVIDENCE for w in words):
        return False
    symbols = sum(1 for c in high if not unicodedata.category(c).startswith("L"))
    lower = sum(1 for c in letters if c.islower())
    return len(letters) + symbols >= 0.9 * len(high) and lower >= 0.5 * len(letters)


def is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def well_cased(word: str) -> bool:
    """`слово`, `Слово` or `СЛОВО`, not `сЛоВо`."""
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


def reads_as_western(text: str) -> bool:
    """Accented letters sit in words with plain ASCII letters; the other non-ASCII characters are signs.

    This is what accents (`café`, `Grüße`) and typographic signs (`’`, `—`, `€`) look like. A word
    made only of accented letters is mojibake (`Ïðèâåò` is Russian read as Windows-1252), unless
    it is one of the accented one-letter words (`à`, `è`, `ó`); a stray `ÿ` between spaces is no
    text in any Western language.
    """
    high = sum(1 for c in text if ord(c) > 0x7F)
    if not high:
        return False
    letters = sum(
        sum(1 for c in word if ord(c) > 0x7F)
        for word in WORD.findall(text)
        if any(c.isascii() for c in word) or word in WESTERN_ONE_LETTER_WORDS
    )
    signs = sum(1 for c in text if ord(c) > 0x7F and not unicodedata.category(c).startswith("L"))
    return letters + signs >= 0.9 * high


LEGACY_GUESSES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("gb18030", reads_as_chinese),
    ("cp1251", reads_as_cyrillic),
    ("cp1252", reads_as_western),
)
"""Tried in this order: the strictest test first, Windows-1252 (which decodes nearly anything) last."""


def line_of(prefix: str) -> int:
    """1-based line number of the character just after `prefix`, counting `\\r\\n`, `\\r` and `\\n` breaks."""
    return prefix.count("\n") + prefix.count("\r") - prefix.count("\r\n") + 1


class SourceDecodeError(ProblemError):
    """A source's bytes cannot be read as text."""
