"""Report openers, credit lines and dates, as outlets write them.

* **Openers** (`OPENER_STYLES`): datelines such as `BEIJING, April 9 (Xinhua) —`, `BEIJING:`,
  `Beijing, April 9 —`, `MOSCOW, April 9. /TASS/.`, `WASHINGTON (AP) —`, `NEW DELHI, April 9 (PTI)`,
  `ISLAMABAD, Apr 9 (APP):`, `МОСКВА, 9 апр — РИА Новости.`, `新华社北京4月9日电`, and provenance
  lines such as `(TASS) —`. The splitter starts a report at one; the metadata stage reads place,
  date and outlet from it.
* **Credit lines** (`credit_line`): bylines, `Source: Xinhua`, `— Reuters`, `(With inputs from
  agencies)`, `Editor: NAME`, `Published: Sep 19, 2023 10:51 PM`, a line that is only a date and
  time, photo captions and `Photo:` credits. They are the report's metadata, never passages.
* **Dates** (`parse_date`): a date written out in English, Russian or Chinese is parsed by
  `dateparser` (chosen over `python-dateutil` by measurement, see the README), with its precision.
  The regular expressions here only find *where* a date stands.

Why this module is long: openers, credit lines and date lines share one vocabulary of months,
weekdays, outlets and places, and each pattern is documented beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import dateparser

from generator.models import ReportDate

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan", "января", "январь", "янв"), ("february", "feb", "февраля", "февраль", "фев"),
         ("march", "mar", "марта", "март", "мар"), ("april", "apr", "апреля", "апрель", "апр"),
         ("may", "мая", "май"), ("june", "jun", "июня", "июнь", "июн"), ("july", "jul", "июля", "июль", "июл"),
         ("august", "aug", "августа", "август", "авг"), ("september", "sep", "sept", "сентября", "сентябрь", "сен"),
         ("october", "oct", "октября", "октябрь", "окт"), ("november", "nov", "ноября", "ноябрь", "ноя"),
         ("december", "dec", "декабря", "декабрь", "дек")],
        start=1,
    )
    for name in names
}
DAY_FIRST_MONTHS = {
    name: number
    for number, names in enumerate(
        [("ene", "enero", "janv", "janvier", "janeiro"), ("febrero", "févr", "février", "fev", "fevereiro"),
         ("marzo", "mars", "março"), ("abr", "abril", "avr", "avril"), ("mayo", "mai", "maio"),
         ("junio", "juin", "junho"), ("julio", "juil", "juillet", "julho"), ("ago", "agosto", "août"),
         ("set", "septiembre", "setiembre", "septembre", "setembro"), ("octubre", "octobre", "out", "outubro"),
         ("noviembre", "novembre", "novembro"), ("dic", "diciembre", "déc", "décembre", "dez", "dezembro")],
        start=1,
    )
    for name in names
}
"""Months as Spanish, French and Portuguese datelines write them after the day (`BEIJING, 2 dic (Xinhua)`)."""
MONTH = (
    r"(?P<month>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|янв|фев|мар|апр|июн|июл|авг|сен|окт|ноя|дек))\.?"
)
CAPS_PLACE = r"(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ.'’ -]*[A-ZА-ЯЁ.](?:, [A-Z][A-Za-z.'’ -]*[A-Za-z.])?)"
"""`BEIJING`, `UNITED NATIONS`, `WASHINGTON, D.C.`, `МОСКВА`: a wire dateline's place in capitals."""
MIXED_PLACE = r"(?P<place>[A-Z][a-z]+(?:(?:[ -](?:de|da|do|del|es|al|el|of|on|sur))?[ -][A-Z][a-z]+){0,2})"
"""`Beijing`, `New Delhi`, `Rio de Janeiro`: read as a place only where a date or an outlet follows it."""
OUTLET = r"\((?P<outlet>[^()]{2,60})\)"
DASH = r"\s*[—–-]{1,2}\s*"
DASH_OR_COLON = r"\s*(?:[—–-]{1,2}|:)\s*"
MONTH_DAY = rf"{MONTH}\s+(?P<day>\d{{1,2}})(?:,?\s*(?P<year>\d{{4}}))?"
DAY_FIRST_MONTH = MONTH.replace("(?i:", "(?i:" + "|".join(sorted(DAY_FIRST_MONTHS, key=len, reverse=True)) + "|", 1)
DAY_MONTH = rf"(?P<day>\d{{1,2}})\s+{DAY_FIRST_MONTH}(?:,?\s+(?P<year>\d{{4}})(?:\s*г\.)?)?"


def _styles() -> tuple[tuple[str, re.Pattern[str]], ...]:
    styles: list[tuple[str, re.Pattern[str]]] = []
    for place in (CAPS_PLACE, MIXED_PLACE):
        for date in (MONTH_DAY, DAY_MONTH):
            head = rf"^{place}[,.]\s+{date}"
            # BEIJING, April 9 (Xinhua) —   NEW DELHI, April 9 (PTI)   ISLAMABAD, Apr 9 (APP):
            styles.append(("dateline", re.compile(rf"{head}\.?\s*{OUTLET}(?:{DASH_OR_COLON}|\s+)")))
            # MOSCOW, April 9. /TASS/.
            styles.append(("dateline", re.compile(rf"{head}\.?\s*/(?P<outlet>[^/]{{2,40}})/\.?\s*")))
            # МОСКВА, 9 апр — РИА Новости.   MOSCOW, April 9 — RIA Novosti.
            styles.append(("dateline", re.compile(
                rf"{head}{DASH}(?P<outlet>(?:[A-ZА-ЯЁ][\w-]*\s?){{1,3}})\.\s+")))
            # Beijing, April 9 —   BEIJING, April 9:
            styles.append(("dateline", re.compile(rf"{head}{DASH_OR_COLON}")))
    # LONDON (Reuters) -   Beijing (Xinhua) —
    styles.append(("dateline", re.compile(rf"^{CAPS_PLACE}\s+{OUTLET}{DASH_OR_COLON}")))
    styles.append(("dateline", re.compile(rf"^{MIXED_PLACE}\s+{OUTLET}{DASH}")))
    # Pretoria - International Relations Minister …
    styles.append(("dateline", re.compile(rf"^{MIXED_PLACE}\s+[—–-]{{1,2}}\s+(?=[A-Z])")))
    # BEIJING —   BEIJING:
    styles.append(("dateline", re.compile(rf"^{CAPS_PLACE}{DASH_OR_COLON}(?=\S)")))
    # 新华社北京4月9日电
    styles.append(("dateline", re.compile(
        r"^(?P<outlet>[\u4e00-\u9fff]{1,5}社)(?P<place>[\u4e00-\u9fff]{2,8}?)(?:(?P<year>\d{4})年)?"
        r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日电\s*(?:[（(][^）)]{0,30}[）)])?\s*")))
    # (Russian Ministry of Foreign Affairs) —
    styles.append(("provenance", re.compile(rf"^{OUTLET}{DASH}")))
    return tuple(styles)


OPENER_STYLES = _styles()
"""Each style is one regex; the first that matches a paragraph's start wins."""

LABEL_WORDS = frozenset({
    "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "SECRETARY", "MINISTER", "PRESIDENT", "QUESTION",
    "ANSWER", "MODERATOR", "Q", "A", "SPOKESPERSON", "SPOKESMAN", "SPOKESWOMAN", "AMBASSADOR", "PARTICIPANT",
    "OPERATOR", "JOURNALIST", "CORRESPONDENT", "REPORTER", "HOST", "INTERVIEWER", "CHAIRMAN", "CHAIR",
    "NOTE", "UPDATE", "EDITOR", "SOURCE", "PHOTO", "BREAKING", "WATCH", "READ", "ALSO", "ВОПРОС", "ОТВЕТ",
})
"""Words of a transcript's speaker label (`MR PRICE:`, `QUESTION:`) or a site's label: never a dateline's place."""


@dataclass(frozen=True)
class Opener:
    """What a dateline or provenance line says."""

    style: str
    """`dateline` or `provenance`."""
    outlet: str | None
    """The outlet as written (`Xinhua`, `AP`); None for a place-only dateline (`BEIJING:`)."""
    place: str | None
    month: int | None
    day: int | None
    year: int | None
    end: int
    """Offset in the paragraph where the report's own words begin."""


def parse_opener(text: str) -> Opener | None:
    for style, pattern in OPENER_STYLES:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        place = groups.get("place")
        if place and not groups.get("day") and not groups.get("outlet") and (
                set(place.replace(",", " ").split()) & LABEL_WORDS or len(place.strip(". ")) < 3
                or text.rstrip().endswith("?")):
            continue  # `QUESTION:`, `MR PRICE:`, `AFP: … ?` are a transcript's turns
        month = groups.get("month")
        outlet = groups.get("outlet")
        return Opener(
            style=style,
            outlet=" ".join(outlet.split()) if outlet else None,
            place=place_name(place) if place else None,
            month=(int(month) if month.isdigit() else month_number(month)) if month else None,
            day=int(groups["day"]) if groups.get("day") else None,
            year=int(groups["year"]) if groups.get("year") else None,
            end=match.end(),
        )
    return None


def month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or DAY_FIRST_MONTHS[key]


def place_name(text: str) -> str:
    """`BEIJING` → `Beijing`, `UNITED NATIONS` → `United Nations`; mixed case is kept."""
    if text.isupper():
        return " ".join(part.capitalize() if part.isalpha() else part for part in text.split(" "))
    return text


# --- dates --------------------------------------------------------------------------------------

FULL_DATE = re.compile(
    rf"(?:{MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}))"
    rf"|(?:(?P<day2>\d{{1,2}})\s+(?P<month2>(?i:january|february|march|april|may|june|july|august|september"
    rf"|october|november|december|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября"
    rf"|декабря))\s+(?P<year2>\d{{4}}))"
    rf"|(?P<year3>\d{{4}})年(?P<month3>\d{{1,2}})月(?P<day3>\d{{1,2}})日"
)
"""`April 9, 2024`, `9 April 2024`, `9 апреля 2024`, `2024年4月9日`, anywhere in a line."""

MONTH_YEAR = re.compile(
    r"\b(?P<month>(?i:january|february|march|april|may|june|july|august|september|october|november|december))"
    r"\s+(?P<year>\d{4})\b"
)
WEEKDAY = re.compile(r"\b(?:on\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

TIME_OF_DAY = re.compile(
    r"(?<![\d.])\d{1,2}[:.h]\d{2}(?::\d{2})?(?![.\d])\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"|\b(?:GMT|UTC|BST|EDT|EST|CDT|CST|PDT|PST|IST|PKT|SAST|MSK|CET|CEST|HKT|JST|KST|BJT)(?:\s*[+-]\s*\d{1,2})?\b"
)
"""A time and a time zone: the report's date does not need them, and they confuse parsers."""
AMBIGUOUS_NUMERIC = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/\d{2,4}\s*$")
DATE_PARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["year"],
    "PREFER_DAY_OF_MONTH": "first",
}
"""Absolute dates only: `5 hours ago` or a bare `Tuesday` must not become today's date."""
_DATE_PARSER = dateparser.date.DateDataParser(languages=["en", "ru", "zh"], settings=DATE_PARSER_SETTINGS)


@lru_cache(maxsize=4096)
def parse_date(text: str) -> ReportDate | None:
    """A written date with its precision (`9 апреля 2024 г.` → 2024-04-09, `April 2024` → 2024-04); else None.

    Unknown rather than wrong: `04/09/2024` (April 9 or 4 September?) and dates without a year give None.
    """
    cleaned = " ".join(TIME_OF_DAY.sub(" ", text).replace("|", " ").split()).strip(" ,·•-–—")
    if not cleaned or not re.search(r"\d{4}", cleaned):
        return None
    ambiguous = AMBIGUOUS_NUMERIC.match(cleaned)
    if ambiguous and int(ambiguous.group(1)) <= 12 and int(ambiguous.group(2)) <= 12:
        return None
    try:
        found = _DATE_PARSER.get_date_data(cleaned)
    except (ValueError, OverflowError):
        return None
    if found.date_obj is None:
        return None
    day = found.date_obj.date()
    if found.period == "year":
        return ReportDate(day.year)
    if found.period == "month":
        return ReportDate(day.year, day.month)
    return ReportDate.of(day)


def first_full_date(text: str) -> tuple[ReportDate, re.Match[str]] | None:
    """The first date with day, month and year written in `text`, and where it stands."""
    for match in FULL_DATE.finditer(text):
        date = parse_date(match.group())
        if date is not None and date.precision == "day":
            return date, match
    return None


# --- credit lines -------------------------------------------------------------------------------

CreditKind = Literal["byline", "source", "editor", "inputs", "timestamp", "photo", "place"]

NAME_WORD = r"[A-Z][\w.'’-]*"
NAMES = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,7}}"
TIMESTAMP_LABEL = (
    r"(?P<label>(?i:published time|publication time|published(?:\s+on|\s+at)?|publish(?=\s*[:：])|first published"
    r"|updated?(?:\s+on|\s+at)?|last updated|posted(?:\s+on)?|issued(?:\s+on)?|release date|released|publication date"
    r"|date|time)"
    r"|опубликовано|обновлено|дата публикации"
    r"|发布时间|更新时间|时间|日期)"
)
CREDIT_STYLES: tuple[tuple[CreditKind, re.Pattern[str]], ...] = (
    # 2024-06-03 21:16:40 来源：新华网 (Xinhuanet's Chinese pages)
    ("source", re.compile(r"^(?P<date>\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s+"
                          r"(?:来源|Source)\s*[:：]\s*(?P<outlet>\S.{0,40})$", re.IGNORECASE)),
    # Source: Xinhua| 2024-04-09 21:35:41|Editor: huaxia
    ("source", re.compile(r"^(?:Source|来源)\s*[:：]\s*(?P<outlet>[^|｜]{2,60}?)\s*[|｜]\s*(?P<date>[^|｜]{6,40}?)"
                          r"\s*[|｜]\s*(?:Editor|编辑)\s*[:：].{1,60}$", re.IGNORECASE)),
    # wire service tags and sign-offs: `(END)`, `(ATTN: UPDATES with …)`, `(LEAD)`, a reporter's address
    ("source", re.compile(r"^\((?:END|MORE|LEAD|URGENT|ATTN:[^()]{1,120})\)$|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")),
    ("source", re.compile(r"^(?:Tags|Topics|Теги|Темы|标签)\s*[:：].{1,200}$")),
    ("source", re.compile(r"^From\s*:\s*(?P<outlet>[^:]{2,160})$")),  # gov.uk: `From: ORGANISATION and NAME`
    ("source", re.compile(r"^(?i:forwarded from|reposted from)\s*:?\s*(?P<outlet>\S.{1,60})$")),  # channel reposts
    # `Press Release No. 78`; a UN document symbol `SG/SM/22391`
    ("source", re.compile(r"^(?i:press release|press statement|statement|note to the press|communiqu[ée])"
                          r"\s+(?:No\.?|Nº|N°|#)\s*\d[\d/.-]*$|^[A-Z]{1,6}(?:/[A-Z]{1,6}){0,3}/\d{2,6}$")),
    ("source", re.compile(r"^(?:Sources?|Courtesy|Credit|Via|来源|Источник)\s*[:：]\s*(?P<outlet>[^|｜;]{2,60}?)"
                          r"(?:\s*[|｜;].{0,80})?$", re.IGNORECASE)),
    ("source", re.compile(r"^(?:[—–-]{1,2}|==)\s*"
                          r"(?P<outlet>[A-Z][\w.&'’/-]*(?:\s+(?:[A-Z&][\w.&'’/-]*|of)){0,3})\.?$")),
    ("inputs", re.compile(r"^\(?\s*(?i:with\s+(?:inputs?|additional reporting|agency inputs)\s+from)\s+"
                          r"(?P<outlet>[\w ,&./’'-]{2,80}?)\s*\)?\.?$")),
    ("inputs", re.compile(r"^.{0,80}\b(?i:contributed to this report|contributed reporting)\.?$")),
    ("byline", re.compile(r"^(?:(?:Our|Staff|Special|Senior|Diplomatic|Political|Foreign|Own|Web)\s+)?"
                          r"(?i:correspondent|reporter|writer|staff reporter|news desk|desk)$"
                          r"|^(?P<staff>(?:The\s+)?[A-Z][\w.&' -]{0,30})\s"
                          r"(?:Bureau|Desk|Staff|News Desk|Web Desk|Report|Press Team|Press Office|Press Service"
                          r"|Newsroom)"
                          r"(?:\s*/\s*[\w.]+)?$"
                          r"|^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3},\s+[\w .'’-]{0,40}(?i:correspondent|reporter"
                          r"|editor|writer|bureau chief)$")),
    ("byline", re.compile(r"^(?i:the following is attributable to)\s+(?P<names>.{3,80}?):?$"
                          r"|^(?i:office of the spokesperson)$")),
    ("source", re.compile(r"^[a-z]{2,4}(?:[-/][a-z]{2,4}){1,4}$")),  # AFP's sign-off `bur-ach/jj`
    ("source", re.compile(r"^(?P<outlet>(?:PTI|APP|IANS|ANI|UNI|TNN))(?:[ /][A-Za-z]{2,4}){0,4}$"
                          r"|^(?P<outlet2>[A-Z]{2,4})$|^/(?P<outlet3>[^/]{2,40})/?$"
                          r"|^(?P<domain>(?i:[a-z0-9-]+\.)+(?i:com|in|cn|ru|org|net|co\.za|pk|uk))$")),
    ("timestamp", re.compile(r"^\d{1,2}\s*(?i:min|mins|minutes?) read$")),
    ("timestamp", re.compile(r"^\d{1,2}\s*(?i:h|hr|hrs|m|min|mins|d|hours?|minutes?|days?|w|wk|weeks?|mo|months?|y|yr"
                             r"|years?)(?:\s+ago)?$")),
    ("editor", re.compile(r"^(?:【纠错】\s*)?【\s*(?:责任编辑|编辑)\s*[:：][^】]{1,30}】$")),
    ("editor", re.compile(r"^[(（]\s*(?i:web editor|editor|editors|responsible editor|责编|责任编辑)\s*[:：]"
                          r".{1,80}[)）]$")),
    ("inputs", re.compile(r"^\(?\s*(?i:additional reporting by|reporting by|writing by|editing by|compiled by)\s+"
                          r"[A-Z][^()]{1,150}?\)?\.?$")),
    ("editor", re.compile(r"^(?:(?i:editor|editors|responsible editor|chief editor|web editor|editing)\s*[:：]"
                          r"|(?i:edited by)\s|责任编辑\s*[:：]|编辑\s*[:：]|Редактор\s*[:：])\s*\S.{0,60}$")),
    ("byline", re.compile(rf"^(?i:reporters?|writers?|correspondents?|authors?)\s*[:：]\s*{NAMES}"
                          rf"(?:\s*(?:,|and|&)\s*{NAMES}){{0,3}}$")),  # `Reporter: NAME` (no outlet)
    ("byline", re.compile(rf"^(?i:by|written by|story by|report by)\s+(?P<names>{NAMES}"
                          rf"(?:\s*(?:,|and|&|\||/|—|–|-)\s*{NAMES}){{0,4}})\s*\.?$")),
    ("photo", re.compile(r"^\(?\s*(?i:photos?|photograph|picture|image|file photo|photo credit|caption|video)"
                         r"(?:\s*[:：/]|\s*$|\s+by\s).{0,300}$|^(?:Фото|图片|图)\s*[:：/].{0,200}$")),
    ("photo", re.compile(r"^.{0,400}(?:\((?:(?i:photo|photos|file photo|image)\s*[:/]\s*)?[A-Z][\w .&-]{1,40}/"
                         r"[\w .'’-]{1,60}\)|\[(?i:photo|file photo)(?:/[^\]]{1,40})?\]|\((?i:photo|file photo)"
                         r"\s*:\s*[^)]{1,60}\))\s*$")),
)
"""Each kind of credit line is a regex over the whole line."""

BYLINE_NAME = re.compile(
    rf"^(?P<names>{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}})(?:(?:\s+in\s+|,\s+[\w .'’-]{{0,40}}"
    r"(?i:correspondent|reporter|editor),\s+|\s*[,—–-]\s*(?i:reporting from)\s+)"
    r"(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?))?$"
)
"""A byline without `By`: `Jan Gerber`, `Amy Lin in Beijing`, `Laura Bicker, China correspondent, Beijing`.
A headline can look like this, so it counts only where the page marks it as a byline or it stands
next to another credit line."""
PLACE_LINE = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,30}$")
"""`GOA` alone under a byline: where the report was filed."""
LONE_WORD = re.compile(r"^[A-Z][\w.&'’-]{1,19}$")
"""`Xinhua` alone under a headline, next to a date line: a credit."""


def loose_credit(text: str) -> Credit | None:
    """A line that is a credit only next to another one (see `split.credit_flags`): a bare byline or place."""
    if PLACE_LINE.match(text) and " " not in text.strip():
        return Credit("place", place=place_name(text.strip()))
    byline = BYLINE_NAME.match(text)
    if byline:
        return Credit("byline", outlet_text=byline.group("names"), place=byline.group("place"))
    if LONE_WORD.match(text):
        return Credit("byline", outlet_text=text)
    return None

DATE_WORDS = re.compile(
    r"(?i:\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?"
    r"|[а-яё]+|\bг\.|[年月日]|\d+(?:st|nd|rd|th)?|[:.,/|·•\s()+-]|\b[ap]\.?m\.?|\bat\b|\b(?:gmt|utc|bst|edt|est|cdt|cst|pdt"
    r"|pst|ist|pkt|sast|msk|cet|cest|hkt|jst|kst|bjt)\b|[—–])"
)
"""What a line that is only a date and time is made of (`April 9, 2024 | 10:15 AM`, `2023-02-24 10:20`)."""


@dataclass(frozen=True)
class Credit:
    """A line that is metadata of a report."""

    kind: CreditKind
    outlet_text: str | None = None
    """The words that may name an outlet (`Xinhua` of `Source: Xinhua`), to look up in the registry."""
    date: ReportDate | None = None
    """For a timestamp: the date it gives."""
    updated: bool = False
    """The timestamp says when the report was updated, not when it was published."""
    place: str | None = None
    """For a byline such as `NAME in Beijing` or `NAME, China correspondent, Beijing`: where it was filed."""


def credit_line(text: str) -> Credit | None:
    """What kind of credit, byline, timestamp or caption line `text` is, if it is one."""
    if len(text) > 500:
        return None
    stamp = timestamp_line(text)
    if stamp is not None:
        return stamp
    agency = re.match(r"^\((?P<outlet>[^()]{2,30})\)\s+(?P<rest>.{6,60})$", text)
    if agency and timestamp_line(agency.group("rest")):  # `(Xinhua) 09:12, May 07, 2023`
        found = timestamp_line(agency.group("rest"))
        return Credit("source", outlet_text=agency.group("outlet"), date=found.date if found else None)
    parts = [part for part in re.split(r"\s*[|｜•·\u3000]\s*|\s+/\s+|\s+[-–]\s+", text) if part]
    if len(parts) > 1:  # `TNN | May 6, 2023, 01:12 IST`, `2023年08月23日05:08 | 来源：人民网`
        read = [c for c in (credit_line(part) for part in parts) if c]
        if len(read) < len(parts) and any(c.kind == "timestamp" for c in read):
            # a header of names, a date, a time and sections: `Bernama · 1 day ago`, `NAME |03.06.2024 - Update : …`,
            # `KYODO NEWS - May 13, 2024 - 21:40 | World, All`
            read = [c for c in (credit_line(part) or header_part(part) for part in parts) if c]
        if len(read) == len(parts):
            dated = next((c for c in read if c.date), None)
            named = [c for c in read if c.outlet_text]
            return Credit(named[0].kind if named else "timestamp",
                          outlet_text=" / ".join(c.outlet_text for c in named if c.outlet_text) or None,
                          date=dated.date if dated else None, updated=bool(dated and dated.updated))
    for kind, pattern in CREDIT_STYLES:
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        date = parse_date(groups["date"]) if groups.get("date") else None
        outlet = (groups.get("outlet") or groups.get("outlet2") or groups.get("outlet3") or groups.get("domain")
                  or groups.get("names") or groups.get("staff"))
        return Credit(kind, outlet_text=outlet.strip() if outlet else None, date=date, place=groups.get("place"))
    return None


DOCUMENT_KIND = re.compile(r"(?i:press release|press statement|statement|joint statement|speech|interview|readout"
                           r"|article|news|remarks|communiqu[ée]|edited)")
"""`02.12.2024 - Press release`, `3mo • Edited`: what kind of document a header's date belongs to."""


def header_part(text: str) -> Credit | None:
    """A part of a header line next to its date: a name (`Kremlin`, `Mehmet Yilmaz`, `KYODO NEWS`), a time
    (`21:40`) or a list of sections (`World, All`)."""
    if DOCUMENT_KIND.fullmatch(text):
        return Credit("timestamp")
    if LONE_WORD.match(text) or BYLINE_NAME.fullmatch(text) or PLACE_LINE.match(text):
        return Credit("byline", outlet_text=text)
    if TIME_OF_DAY.fullmatch(text) or re.fullmatch(r"[A-Z][\w&]*(?:,\s*[A-Z][\w&]*){0,3}", text):
        return Credit("timestamp")
    return None


def timestamp_line(text: str) -> Credit | None:
    """`Published: Sep 19, 2023 10:51 PM`, `Updated 10:51 PM, Sep 19, 2023`, `2023-02-24 10:20`."""
    labelled = re.match(rf"^{TIMESTAMP_LABEL}\s*[:：]?\s*(?P<rest>.{{1,80}})$", text)
    if labelled:
        rest = labelled.group("rest")
        if not re.match(r"(?i:update|last updated)", labelled.group("label")):
            rest = re.split(r"\s+(?i:updated?|last updated)\b", rest)[0]  # `Published 21/02/2024 Updated …`
        updated = bool(re.match(r"(?i:update|last updated|обновлено|更新)", labelled.group("label")))
        if labelled.group("label").casefold() == "update" and parse_date(rest) is None:
            return None  # `Update: 5 killed …` is a headline; `Update : 03.06.2024` a date line
        if re.search(r"\d", rest) and len(rest.split()) <= 12 and not re.search(r"[.!?]\s+[A-Z]", rest):
            return Credit("timestamp", date=parse_date(rest), updated=updated)
        return None
    if len(text) <= 60 and re.search(r"\d{4}", text) and not DATE_WORDS.sub("", text):
        date = parse_date(text)
        if date is not None and date.precision == "day":
            return Credit("timestamp", date=date)
        numeric = re.search(r"\b\d{1,2}[/.]\d{1,2}[/.](\d{4})\b", text)
        if numeric:
            # `04/09/2024 08:55 PM`: a date line; where day and month are ambiguous it gives only the year
            return Credit("timestamp", date=date or ReportDate(int(numeric.group(1))))
    return None
