"""Metadata of a report: each field computed by one small processor.

`FIELD_PROCESSORS` is the table: adding a field is one line there plus its function.
Each processor sees a `ReportContext` (the draft, its opener, the registries, what the
rest of the source says) and returns the field's value; problems and warnings go to
the context, so every one of them is reported in the same run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.datelines import FULL_DATE, MONTH_YEAR, MONTHS, WEEKDAY, WEEKDAYS, Opener, parse_opener
from generator.errors import Problem
from generator.models import Block, DatePrecision, Passage, Report, ReportDraft, SplitSource, Warning_
from generator.registry import Registry
from generator.yamlfile import shown

PRECISION_BY_LENGTH: dict[int, DatePrecision] = {4: "year", 7: "month", 10: "day"}
"""`2024` → year, `2024-04` → month, `2024-04-09` → day."""

SPEECH_VERBS = (
    r"said|says|noted|notes|stressed|stresses|added|adds|asked|told|urged|expressed|conveyed"
    r"|elaborated|emphasi[sz]ed|pointed out|stated|states|remarked|continued|underlined|underscored|highlighted"
    r"|called|warned|replied|answered|declared|announced|explained|insisted|reiterated|proposed|suggested|affirmed"
    r"|hoped|believes|congratulated|extended|recalled|argued|wrote|commented|concluded"
)
ADVERBS = r"(?:(?:also|further|then|again|once again|later|has|had|have|just|earlier|repeatedly)\s+)*"
PRONOUN_SPEECH = re.compile(rf"\b(?:he|she)\s+{ADVERBS}(?:{SPEECH_VERBS})\b|\baccording to (?:him|her)\b",
                            re.IGNORECASE)
QUOTATION = re.compile(r"[“\"]\s*[A-Z]")
ROLE_LABELS = {
    "q": "Questioner", "question": "Questioner", "a": None, "answer": None,
    "moderator": "Moderator", "host": "Host", "interviewer": "Interviewer",
    "correspondent": "Questioner", "journalist": "Questioner", "reporter": "Questioner",
}
"""Speaker labels that name a role, not a person. `None`: the answer of the report's main speaker."""
TITLE_SPEAKER = (
    r"({name})[’']s (?:remarks|statement|speech|address|interview|answers|comments|article|op-ed|opening remarks)"
    r"|(?:remarks|statement|speech|address|interview|article|comments) (?:by|of|from|with) (?:[\w.]+ ){{0,6}}?({name})"
)


@dataclass
class ReportContext:
    """What a field processor may look at, and where it reports trouble."""

    draft: ReportDraft
    opener: Opener | None
    registry: Registry
    source_year: int | None
    """The year the rest of the source points to, for datelines that omit it."""
    display: str
    """The source's path as contributors see it (`content/sources/x.txt`)."""
    sidecar_display: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Warning_(path=self.display, line=line, message=message))


def describe_source(split: SplitSource, registry: Registry, display: str,
                    sidecar_display: str) -> tuple[list[Report], list[Problem], list[Warning_]]:
    """Run every field processor on every report of one source."""
    year = source_year(split)
    reports, problems, warnings = [], [], []
    for draft in split.reports:
        opener = parse_opener(draft.blocks[0].text) if draft.blocks[0].kind == "paragraph" else None
        context = ReportContext(draft, opener, registry, year, display, sidecar_display)
        for name, processor in FIELD_PROCESSORS:
            context.values[name] = processor(context)
        values = context.values
        reports.append(Report(
            id=values["id"],
            title=values["title"],
            title_from_source=draft.title is not None,
            date=values["date"][0],
            date_precision=values["date"][1],
            outlet=values["outlet"],
            place=values["place"],
            speakers=values["speakers"],
            mentions=values["mentions"],
            url=draft.override.url if draft.override else None,
            source=split.source,
            first_line=draft.first_line,
            last_line=draft.last_line,
            passages=values["passages"],
            id_pinned=bool(draft.override and draft.override.id),
        ))
        problems.extend(context.problems)
        warnings.extend(context.warnings)
    return reports, problems, warnings


def source_year(split: SplitSource) -> int | None:
    """The year most often stated in the source's titles, datelines and sidecar."""
    years: Counter[int] = Counter()
    for draft in split.reports:
        for block in ([draft.title_block] if draft.title_block else []) + draft.blocks[:1]:
            for match in FULL_DATE.finditer(block.text):
                years[int(match.group("year") or match.group("year2"))] += 1
        opener = parse_opener(draft.blocks[0].text)
        if opener and opener.year:
            years[opener.year] += 1
    for published in (split.sidecar.meta.published, split.source.meta.published):
        if published:
            years[published.year] += 1
    if not years:
        return None
    return max(years.items(), key=lambda item: (item[1], item[0]))[0]


# --- field processors -------------------------------------------------------------------------


def title_of(context: ReportContext) -> str:
    draft = context.draft
    if draft.title:
        return draft.title
    # No title line: the opening words of the report, after its dateline.
    text = draft.blocks[0].text[context.opener.end:] if context.opener else draft.blocks[0].text
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    words = sentence.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


def outlet_of(context: ReportContext) -> str | None:
    override = context.draft.override
    if override and override.outlet:
        canonical = context.registry.outlet(override.outlet)
        if canonical is None:
            context.problems.append(Problem(context.sidecar_display, override.sidecar_line,
                                            f"unknown outlet {shown(override.outlet)}: add it to content/outlets.yml"))
        return canonical
    if context.opener:
        canonical = context.registry.outlet(context.opener.outlet)
        if canonical is None:
            context.problems.append(Problem(
                context.display, context.draft.blocks[0].line,
                f"unknown outlet {shown(context.opener.outlet)}: add it, or an alias, to content/outlets.yml"))
        return canonical
    return None


def place_of(context: ReportContext) -> str | None:
    override = context.draft.override
    if override and override.place:
        return override.place
    if context.opener and context.opener.place:
        return context.opener.place
    title = context.draft.title_block.text if context.draft.title_block else ""
    match = FULL_DATE.search(title)
    if match:
        before = title[: match.start()].rstrip(" ,")
        candidate = before.rsplit(",", 1)[-1].strip() if "," in before else ""
        if re.fullmatch(r"(?:[A-Z][\w'’-]+ ?){1,3}", candidate):
            return candidate
    return None


def date_of(context: ReportContext) -> tuple[dt.date | str | None, DatePrecision | None]:
    """Date and its precision: sidecar, then dateline (year inferred if missing), then title."""
    override = context.draft.override
    if override and override.date:
        precision = PRECISION_BY_LENGTH[len(override.date)]
        value: dt.date | str = dt.date.fromisoformat(override.date) if precision == "day" else override.date
        return value, precision
    opener = context.opener
    first = context.draft.blocks[0]
    if opener and opener.month and opener.day:
        year = opener.year or context.source_year
        if year is None:
            context.warn(first.line, "dateline gives no year and nothing else in the source does; date left empty")
            return None, None
        try:
            date = dt.date(year, opener.month, opener.day)
        except ValueError:
            context.problems.append(Problem(context.display, first.line, "dateline names a day that does not exist"))
            return None, None
        check_weekday(context, date, first)
        return date, "day"
    title = context.draft.title_block.text if context.draft.title_block else ""
    match = FULL_DATE.search(title)
    if match:
        month = MONTHS[(match.group("month") or match.group("month2")).lower().rstrip(".")]
        day = int(match.group("day") or match.group("day2"))
        return dt.date(int(match.group("year") or match.group("year2")), month, day), "day"
    match = MONTH_YEAR.search(title)
    if match:
        return f"{match.group('year')}-{MONTHS[match.group('month').lower()]:02d}", "month"
    return None, None


def check_weekday(context: ReportContext, date: dt.date, block: Block) -> None:
    """A weekday in the opening paragraph ("on Tuesday") must agree with the date."""
    match = WEEKDAY.search(block.text)
    if match and WEEKDAYS[date.weekday()] != match.group("weekday").lower():
        context.warn(block.line, f"the text says {match.group('weekday')} but {date.isoformat()} is a "
                                 f"{WEEKDAYS[date.weekday()].capitalize()}")


def passages_of(context: ReportContext) -> tuple[Passage, ...]:
    """Anchor every block and attribute it to whoever speaks in it."""
    speakers = attribute_speakers(context)
    seen: Counter[str] = Counter()
    passages = []
    for block, speaker in zip(context.draft.blocks, speakers, strict=True):
        prefix = {"paragraph": "p", "list_item": "li", "heading": "h"}[block.kind]
        anchor = f"{prefix}-{text_digest(block.text)}"
        seen[anchor] += 1
        if seen[anchor] > 1:  # the same words twice in one report
            anchor = f"{anchor}-{seen[anchor]}"
        passages.append(Passage(anchor=anchor, block=block, speaker=speaker))
    return tuple(passages)


def text_digest(text: str) -> str:
    """Eight hex digits that depend on the passage's own words only."""
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=4).hexdigest()


def attribute_speakers(context: ReportContext) -> list[str | None]:
    """Who speaks in each block: a speaker turn's label, or the person a speech verb names."""
    registry = context.registry
    names = registry.person_alternation()
    subject = re.compile(rf"(?<![\w’'-])({names})(?![\w-])(?:\s*,[^,“”\"]{{1,120}},)?\s+{ADVERBS}(?:{SPEECH_VERBS})\b")
    inverted = re.compile(rf"[,”\"]\s*(?:said|added|noted|says)\s+(?:[A-Z][\w.]* ){{0,4}}?({names})(?![\w-])")
    according = re.compile(rf"\baccording to (?:[A-Z][\w.]* ){{0,4}}?({names})(?![\w-])")

    title = context.draft.title_block.text if context.draft.title_block else (context.draft.title or "")
    title_match = re.search(TITLE_SPEAKER.format(name=names), title, re.IGNORECASE)
    title_speaker = registry.person(next(g for g in title_match.groups() if g)) if title_match else None
    labelled = any(b.speaker_label and label_speaker(b.speaker_label, registry, title_speaker) != "?"
                   for b in context.draft.blocks)
    transcript = labelled or title_speaker is not None

    def named_in(index: int, block: Block, current: str | None, previous: str | None) -> str | None:
        """Reported speech: a speech verb after a name, `he said` or a quotation, a list after a colon."""
        found = [m for pattern in (subject, inverted, according) for m in pattern.finditer(block.text)]
        if found:
            return registry.person(min(found, key=lambda m: m.start(1)).group(1))
        if current and (PRONOUN_SPEECH.search(block.text) or QUOTATION.search(block.text)):
            return current
        if block.kind == "list_item" and index and context.draft.blocks[index - 1].text.endswith(":"):
            return previous
        return None

    result: list[str | None] = []
    current: str | None = title_speaker
    main: str | None = title_speaker  # who answers `A:` turns: the title's speaker, else the first one named
    for index, block in enumerate(context.draft.blocks):
        speaker: str | None = None
        label = block.speaker_label
        resolved = label_speaker(label, registry, main) if label else "?"
        if label and resolved != "?":
            speaker = current = resolved
        elif label and labelled:
            context.warn(block.line, f"speaker label {shown(label)} is not in content/people.yml")
        elif transcript and current is not None:
            # In a transcript, words relayed inside a turn belong to whoever holds the turn.
            speaker = current
        else:
            speaker = named_in(index, block, current, result[-1] if result else None)
            current = speaker or current
        if main is None and speaker in registry.people:
            main = speaker
        result.append(speaker)
    return result


def label_speaker(label: str, registry: Registry, main_speaker: str | None) -> str | None:
    """`Sergey Lavrov` → the person; `Question` → `Questioner`; an unknown label → `?`."""
    person = registry.person(label)
    if person:
        return person
    if label.lower() in ROLE_LABELS:
        return ROLE_LABELS[label.lower()] or main_speaker
    return "?"


def speakers_of(context: ReportContext) -> tuple[str, ...]:
    """People whose own words the report carries, in order of first appearance."""
    override = context.draft.override
    if override and override.speakers is not None:
        names = []
        for spelling in override.speakers:
            person = context.registry.person(spelling)
            if person is None:
                context.problems.append(Problem(context.sidecar_display, override.sidecar_line,
                                                f"unknown person {shown(spelling)}: add them to content/people.yml"))
            else:
                names.append(person)
        return tuple(dict.fromkeys(names))
    people = context.registry.people
    return tuple(dict.fromkeys(p.speaker for p in context.values["passages"] if p.speaker in people))


def mentions_of(context: ReportContext) -> tuple[str, ...]:
    """People named in the report who do not speak in it, in order of first appearance."""
    pattern = context.registry.person_pattern()
    texts = [context.values["title"]] + [b.text for b in context.draft.blocks]
    named = [context.registry.person(m.group(1)) for text in texts for m in pattern.finditer(text)]
    speakers = set(context.values["speakers"])
    return tuple(dict.fromkeys(n for n in named if n and n not in speakers))


def id_of(context: ReportContext) -> str:
    """`2024-04-09-xi-meets-russian-foreign-minister`: readable, and stable while title and date are."""
    override = context.draft.override
    if override and override.id:
        return override.id
    date = context.values["date"][0]
    prefix = date.isoformat() if isinstance(date, dt.date) else (date or "undated")
    return f"{prefix}-{slugify(context.values['title'])}"


CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
     "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g", "u"],
    strict=True,
))
"""Russian and Ukrainian letters in Latin, so that names and titles in Cyrillic give readable slugs."""


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
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    if letters and not spelled:
        # most of the text had no Latin spelling: keep what there is, and make it unique
        slug = "-".join(part for part in (slug[: limit - 9].strip("-"), text_digest(text)) if part)
    return slug or "report"


FIELD_PROCESSORS: tuple[tuple[str, Callable[[ReportContext], Any]], ...] = (
    ("title", title_of),
    ("outlet", outlet_of),
    ("place", place_of),
    ("date", date_of),
    ("passages", passages_of),
    ("speakers", speakers_of),
    ("mentions", mentions_of),
    ("id", id_of),
)
"""Field name → processor, in the order they run (later ones may read earlier values)."""
