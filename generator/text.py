"""Small word helpers every stage shares: slugs, truncation at a word, "-N" numbering, plurals.

Each exists once so that two pages never disagree on how a name becomes a slug or where a
long title is cut.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Container

CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
     "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g", "u"],
    strict=True,
))
"""Russian and Ukrainian letters in Latin, so that names and titles in Cyrillic give readable slugs."""


def text_digest(text: str) -> str:
    """Eight hex digits that depend on the text's own words only (not on spacing)."""
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=4).hexdigest()


def slugify(text: str, limit: int = 60) -> str:
    """Lower-case ASCII words joined by dashes; a script without a Latin spelling gets a digest instead.

    The digest depends on the text only, so two titles in Chinese never share a slug and adding a
    source never renames another's page.
    """
    latin = "".join(CYRILLIC.get(char, char) for char in text.lower())
    ascii_text = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    letters = sum(char.isalnum() for char in text)
    spelled = letters and sum(char.isalnum() for char in slug) >= letters * 2 / 3
    slug = truncate_at_word(slug, limit, separator="-")
    if letters and not spelled:
        # most of the text had no Latin spelling: keep what there is, and make it unique
        slug = "-".join(part for part in (slug[: limit - 9].strip("-"), text_digest(text)) if part)
    return slug or "report"


def truncate_at_word(text: str, limit: int, ellipsis: str = "", separator: str = " ") -> str:
    """`text` if it fits in `limit` characters, else cut at the last `separator` before it, plus `ellipsis`."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(separator, 1)[0] + ellipsis


def numbered(base: str, taken: Container[str]) -> str:
    """`base`, or the first of `base-2`, `base-3` … not in `taken`."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def plural(count: int, noun: str) -> str:
    """`1 report`, `4 reports`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
