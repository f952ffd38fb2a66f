"""Report openers: datelines (`BEIJING, April 9 (Xinhua) —`) and provenance lines (`(TASS) —`).

The splitter uses them to see where a report begins; the metadata stage reads place,
date and outlet from them. Each style is one regex in `OPENER_STYLES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
MONTH = (
    r"(?P<month>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?"
)
PLACE = r"(?P<place>[A-Z][A-Z.'’ -]*[A-Z.](?:, [A-Z][A-Za-z.'’ -]*[A-Za-z.])?)"
OUTLET = r"\((?P<outlet>[^()]{2,60})\)"
DASH = r"\s*[—–-]{1,2}\s*"

OPENER_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # BEIJING, April 9 (Xinhua) —     WASHINGTON, Jan. 5, 2024 (AP) —
    ("dateline", re.compile(rf"^{PLACE},\s+{MONTH}\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?\s*{OUTLET}{DASH}")),
    # MOSCOW, 9 April 2024 (RIA Novosti) –
    ("dateline", re.compile(rf"^{PLACE},\s+(?P<day>\d{{1,2}})\s+{MONTH}(?:\s+(?P<year>\d{{4}}))?\s*{OUTLET}{DASH}")),
    # MOSCOW, April 9. /TASS/.
    ("dateline", re.compile(rf"^{PLACE},\s+{MONTH}\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?\.\s*"
                            rf"/(?P<outlet>[^/]{{2,40}})/\.?\s*")),
    # LONDON (Reuters) -
    ("dateline", re.compile(rf"^{PLACE}\s+{OUTLET}{DASH}")),
    # (Russian Ministry of Foreign Affairs) —
    ("provenance", re.compile(rf"^{OUTLET}{DASH}")),
)


@dataclass(frozen=True)
class Opener:
    """What a dateline or provenance line says."""

    style: str
    """`dateline` or `provenance`."""
    outlet: str
    place: str | None
    month: int | None
    day: int | None
    year: int | None
    end: int
    """Offset in the paragraph where the report's own words begin."""


def parse_opener(text: str) -> Opener | None:
    for style, pattern in OPENER_STYLES:
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            month = groups.get("month")
            return Opener(
                style=style,
                outlet=" ".join(groups["outlet"].split()),
                place=place_name(groups["place"]) if groups.get("place") else None,
                month=MONTHS[month.lower().rstrip(".")] if month else None,
                day=int(groups["day"]) if groups.get("day") else None,
                year=int(groups["year"]) if groups.get("year") else None,
                end=match.end(),
            )
    return None


def place_name(text: str) -> str:
    """`BEIJING` → `Beijing`, `UNITED NATIONS` → `United Nations`; mixed case is kept."""
    if text.isupper():
        return " ".join(part.capitalize() if part.isalpha() else part for part in text.split(" "))
    return text


FULL_DATE = re.compile(
    rf"(?:{MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}))"
    rf"|(?:(?P<day2>\d{{1,2}})\s+(?P<month2>(?i:january|february|march|april|may|june|july|august|september|october|november|december))\s+(?P<year2>\d{{4}}))"
)
"""`April 9, 2024` or `9 April 2024`, anywhere in a line."""

MONTH_YEAR = re.compile(
    r"\b(?P<month>(?i:january|february|march|april|may|june|july|august|september|october|november|december))\s+(?P<year>\d{4})\b"
)
WEEKDAY = re.compile(r"\b(?:on\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
