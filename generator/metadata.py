"""Metadata of a report: each field computed by one small processor with a typed result.

`describe_report` reads top to bottom as the list of fields: each processor sees a `ReportContext`
(the draft, its opener and credit lines, the registries, what the rest of the source says) plus
exactly the values it depends on, passed as arguments, and returns its own small record (the
value and where it came from). Problems and warnings go to the context, so every one of them is
reported in the same run.

Precedence, field by field (the README documents it): the sidecar's entry for the report, then
the report's own lines (dateline, credit and date lines, title), then the saved page's metadata,
then the source's sidecar fields (`publisher`, `published`, `url`). Page metadata and source
fields describe the publisher's own text, so they apply to reports the publisher wrote: those
before any compiler's note. A date in the body is an event date, used only when nothing else
dates the report.

Why this module is long: the processors share the context, the speaker patterns and the sentence
splitter, and the list of fields reads best in one place; each processor is small.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator.datelines import (
    MONTH_YEAR,
    MONTHS,
    PLACE_LINE,
    WEEKDAY,
    WEEKDAYS,
    Credit,
    Opener,
    credit_line,
    first_full_date,
    loose_credit,
    parse_opener,
    place_name,
)
from generator.errors import Problem, Problems
from generator.models import (
    Block,
    DateSource,
    Origins,
    OutletSource,
    Passage,
    PlaceSource,
    Report,
    ReportDate,
    ReportDraft,
    SentenceSpeaker,
    SourceMeta,
    SplitSource,
    Warning_,
)
from generator.registry import Registry
from generator.text import slugify, text_digest
from generator.yamlfile import SHOWN, shown

SPEECH_VERBS = (
    r"said|says|noted|notes|stressed|stresses|added|adds|asked|told|urged|expressed|conveyed"
    r"|elaborated|emphasi[sz]ed|pointed out|stated|states|remarked|continued|underlined|underscored|highlighted"
    r"|called(?!\s+on\s+(?:[A-Z][\w.'’-]*\s+){1,6}(?:on|at|in|during)\b)|warned|replied|answered|declared|announced|explained|insisted|reiterated|proposed|suggested|affirmed"
    r"|hoped|believes|congratulated|extended|recalled|argued|wrote|commented|concluded|described|praised"
    r"|defended|hailed|pressed|critici[sz]ed|accused|condemned|acknowledged|assured|vowed|promised"
    r"|reaffirmed|rejected|dismissed|voiced|questioned|cautioned|admitted|claimed|maintained|observed|saying"
)
ADVERBS = (r"(?:(?:also|further|then|again|once again|later|has|had|have|just|earlier|repeatedly|yesterday|today"
           r"|(?:late |early )?on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\s+)*")
"""Words between a name and its speech verb: `Lavrov also said`, `Jaishankar on Friday said`."""
RUSSIAN_VERBS = r"(?:заявил|сказал|отметил|подчеркнул|добавил|сообщил|указал|признал|пояснил)а?"
CHINESE_VERBS = r"(?:表示|指出|强调|说|认为|称|介绍|说明)"
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
APPOSITIVE = r"(?:\s*,\s*(?=[a-z]|[A-Z][\w-]*[’']s\s)[^“”\"]{1,250}?,)?"
"""`Wang Yi, a member of …, director of …, said`: a clause after the name that opens in lower case
(or with a possessive, `Russia's top diplomat`), so a list of names is never taken for one."""
SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9А-ЯЁ])|(?<=[。！？])[”’」]*")
ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Prof|No|Nos|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|Inc|Ltd|Co|Jr|Sr|Lt|Col|Adm|Capt|Amb)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$"
)
"""A full stop after these does not end a sentence (`Mr. Wang`, `U.S. officials`)."""
NOT_A_NAME = frozenset("""
The A An This That These Those It He She They We I You His Her Their Our Its Mr Mrs Ms Dr China Chinese Russia
Russian Russia's China's United States America American Ukraine Ukrainian India Indian Pakistan Pakistani Beijing
Moscow Washington Foreign Ministry Minister Ministers President Presidents Prime Premier Office Council Committee
Agency Agencies News Government State Department Spokesperson Spokesman Spokeswoman Secretary General Deputy
Vice Senior Ambassador Embassy Party Communist Central Political Bureau Kremlin White House Commission Security
National People's Republic Federation Affairs Statement Sources Officials Official Analysts Experts Both Side Sides
Xinhua Reuters Tass TASS Associated Press AP AFP Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
February March April May June July August September October November December Director Chairman Leader Head
Police Army Military Court Parliament Senate Congress Assembly Union European Nations Western Eastern Global South
North Times Post Daily Herald Tribune Dawn Global Observer Express Report Reporter Correspondent Editor Saturday
""".split())
"""Capitalised words that are not a person's name: an organisation, a place, a title, a weekday."""
UNKNOWN_SPEAKER = re.compile(
    rf"(?<![\w’'-])((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s){{1,2}}[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
    rf"(?:\s*,[^,“”\"]{{1,120}},)?\s+{ADVERBS}(?:{SPEECH_VERBS})\b"
    rf"|[,”\"]\s*(?:said|added|noted|says)\s+((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s){{1,2}}[A-Z][a-z]+)\b"
)
"""`Mao Ning said`, `…,” said Ma Zhaoxu`: two or three capitalised words before a speech verb."""


@dataclass(frozen=True)
class SourceFacts:
    """What the source as a whole says: for reports that say nothing themselves, and for inferring years."""

    year: int | None
    """The year the rest of the source points to, for datelines that omit it."""
    page: SourceMeta
    """What the saved page's own metadata says (HTML meta tags, JSON-LD); empty for text."""
    sidecar: SourceMeta
    """The sidecar's source-level fields."""
    notes: tuple[Block, ...] = ()
    """Compiler's notes: one that names a single registered outlet credits the reports after it."""


@dataclass
class ReportContext:
    """What a field processor may look at, and where it reports trouble."""

    draft: ReportDraft
    opener: Opener | None
    credits: tuple[Credit, ...]
    """The draft's credit lines, read (same order as `draft.credits`)."""
    registry: Registry
    facts: SourceFacts
    display: str
    """The source's path as contributors see it (`content/sources/x.txt`)."""
    sidecar_display: str
    problems: Problems
    warnings: list[Warning_] = field(default_factory=list)

    @property
    def publishers(self) -> bool:
        """The report is the publisher's own text (no compiler's note before it): page and source fields apply."""
        return not self.draft.after_note

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Warning_(path=self.display, line=line, message=message))


@dataclass(frozen=True)
class Dated:
    date: ReportDate | None
    source: DateSource | None


@dataclass(frozen=True)
class Credited:
    outlet: str | None
    source: OutletSource | None


@dataclass(frozen=True)
class Placed:
    place: str | None
    source: PlaceSource | None


def describe_source(split: SplitSource, registry: Registry, display: str,
                    sidecar_display: str, problems: Problems) -> tuple[list[Report], list[Warning_]]:
    """Describe every report of one source, adding what is wrong to `problems`; each warning is given once."""
    facts = SourceFacts(source_year(split), split.source.meta, split.sidecar.meta, split.notes)
    reports: list[Report] = []
    warnings: list[Warning_] = []
    for draft in split.reports:
        opener = parse_opener(draft.blocks[0].text) if draft.blocks[0].kind == "paragraph" else None
        credits = tuple(credit_line(block.text) or loose_credit(block.text) or Credit("photo")
                        for block in draft.credits)
        context = ReportContext(draft, opener, credits, registry, facts, display, sidecar_display,
                                problems)
        reports.append(describe_report(context, split))
        warnings.extend(context.warnings)
    first_of_each: dict[str, Warning_] = {}
    for warning in warnings:  # `Ma Zhaoxu speaks …` once per source, at the first line it happens
        first_of_each.setdefault(warning.message, warning)
    return reports, list(first_of_each.values())


def describe_report(context: ReportContext, split: SplitSource) -> Report:
    """Every field of one report, each from its processor, in the order the values depend on each other."""
    draft = context.draft
    title = title_of(context)
    dated = date_of(context)
    credited = outlet_of(context)
    placed = place_of(context)
    passages = passages_of(context)
    speakers = speakers_of(context, passages)
    mentions = mentions_of(context, title, speakers)
    return Report(
        id=id_of(context, title, dated.date),
        title=title,
        title_from_source=draft.title is not None,
        date=dated.date,
        outlet=credited.outlet,
        place=placed.place,
        speakers=speakers,
        mentions=mentions,
        url=draft.override.url if draft.override else None,
        source=split.source,
        first_line=draft.first_line,
        last_line=draft.last_line,
        passages=passages,
        id_pinned=bool(draft.override and draft.override.id),
        origins=Origins(date=dated.source, outlet=credited.source, place=placed.source),
        credits=tuple(block.text for block in draft.credits),
    )


def source_year(split: SplitSource) -> int | None:
    """The year most often stated in the source's titles, datelines, date lines, sidecar and page metadata."""
    years: Counter[int] = Counter()
    for draft in split.reports:
        for block in ([draft.title_block] if draft.title_block else []) + draft.blocks[:1]:
            found = first_full_date(block.text)
            if found:
                years[found[0].year] += 1
        opener = parse_opener(draft.blocks[0].text)
        if opener and opener.year:
            years[opener.year] += 1
        for block in draft.credits:
            credit = credit_line(block.text)
            if credit and credit.date:
                years[credit.date.year] += 1
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


def outlet_of(context: ReportContext) -> Credited:
    """Sidecar entry; the dateline; a credit line (`Source: Xinhua`, `— Reuters`, `By AFP`); the address the
    sidecar gives the report; for the publisher's own text, the page's publisher and address, then the
    sidecar's `publisher` and `url` (an address names an outlet through its `domains`)."""
    registry = context.registry
    override = context.draft.override
    if override and override.outlet:
        canonical = registry.outlet(override.outlet)
        if canonical is None:
            context.problems.append(Problem(context.sidecar_display, override.sidecar_line,
                                            f"unknown outlet {shown(override.outlet)}: add it to content/outlets.yml: "
                                            f"{outlet_entry(override.outlet)}"))
            return Credited(None, None)
        return Credited(canonical, "sidecar")
    if context.opener and context.opener.outlet:
        canonical = registry.outlet(context.opener.outlet)
        if canonical:
            return Credited(canonical, "dateline")
        # a dateline's outlet is the report's own word: the build stops until the registry knows it
        context.problems.append(Problem(context.display, context.draft.blocks[0].line,
                                        f"unknown outlet {shown(context.opener.outlet)}: add it, or an alias, to "
                                        f"content/outlets.yml: {outlet_entry(context.opener.outlet)}"))
        return Credited(None, None)
    if context.opener and context.opener.place and registry.outlet(context.opener.place):
        return Credited(registry.outlet(context.opener.place), "dateline")  # `KYODO NEWS - May 13, 2024 - 21:40`
    previous: Credit | None = None
    for block, credit in zip(context.draft.credits, context.credits, strict=True):
        if credit.kind == "place" and registry.outlet(block.text):  # `REUTERS` alone, signing the report off
            return Credited(registry.outlet(block.text), "credit-line")
        if credit.outlet_text and credit.kind in ("source", "byline"):
            canonical = registry.outlet_in(credit.outlet_text) or next(
                (o for o in map(registry.outlet_for_url, DOMAIN_IN.findall(credit.outlet_text)) if o), None)
            canonical = canonical or spokesperson_outlet(registry, credit.outlet_text)
            if canonical:
                return Credited(canonical, "credit-line")
            place_line = previous is not None and previous.kind == "byline" and PLACE_LINE.match(block.text)
            if credit.kind == "source" and not place_line:  # `GOA` under a byline is a place, not an outlet
                unknown_outlet(context, credit.outlet_text, block.line, "a credit line")
        previous = credit
    if context.draft.after_note:
        note = next((n for n in reversed(context.facts.notes) if n.line < context.draft.first_line), None)
        named = set(registry.outlets_named_in(note.text)) if note else set()
        if len(named) == 1:  # a readout that only the compiler's note credits
            return Credited(named.pop(), "compiler-note")
    found = registry.outlet_for_url(override.url if override else None)
    if found:
        return Credited(found, "url")
    if context.publishers:
        page, sidecar = context.facts.page, context.facts.sidecar
        candidates: list[tuple[str | None, OutletSource]] = [
            (page.publisher and registry.outlet(page.publisher), "page-metadata"),
            (registry.outlet_for_url(page.url), "url"),
            (sidecar.publisher and registry.outlet(sidecar.publisher), "source"),
            (registry.outlet_for_url(sidecar.url), "url"),
        ]
        for found, origin in candidates:
            if found:
                return Credited(found, origin)
        for publisher, where in ((page.publisher, "the page's metadata"), (sidecar.publisher, "the sidecar")):
            if publisher and not registry.outlet(publisher):
                unknown_outlet(context, publisher, context.draft.first_line, where)
    return Credited(None, None)


DOMAIN_IN = re.compile(r"(?i)\b(?:[a-z0-9-]+\.)+(?:com|in|cn|ru|org|net|co\.za|pk|uk)\b")
"""A web domain written in a credit line (`TIMESOFINDIA.COM`): its outlet, if `outlets.yml` lists it."""


def spokesperson_outlet(registry: Registry, text: str) -> str | None:
    """`attributable to Spokesperson Matthew Miller`: the one outlet the registered person's role names."""
    found = registry.person_pattern().search(text)
    person = registry.people.get(registry.person(found.group(1)) or "") if found else None
    named = registry.outlets_named_in(person.role) if person and person.role else []
    return named[0] if len(named) == 1 else None


def unknown_outlet(context: ReportContext, spelling: str, line: int, where: str) -> None:
    """Left unknown, never guessed: the contributor gets the entry to paste."""
    context.warn(line, f"outlet {shown(spelling)} in {where} is not in content/outlets.yml, so the outlet is left "
                       f"unknown; if it is an outlet, add: {outlet_entry(spelling)}")


def outlet_entry(spelling: str) -> str:
    return f"- {{name: {yaml_flow(spelling)}, kind: news agency, aliases: []}}"


def yaml_flow(text: str) -> str:
    """The name as YAML in a ready entry; a name too long for a message (80 characters) is left to fill in."""
    text = " ".join(text.split())
    if len(text) > SHOWN:
        return "…"
    return text if re.fullmatch(r"[A-Za-z][\w .'’-]*", text) else '"' + text.replace('"', '\\"') + '"'


def place_of(context: ReportContext) -> Placed:
    override = context.draft.override
    if override and override.place:
        return Placed(override.place, "sidecar")
    if context.opener and context.opener.place and not context.registry.person(context.opener.place.title()) \
            and not context.registry.outlet(context.opener.place):  # `KYODO NEWS - May 13, 2024` names no place
        return Placed(context.opener.place, "dateline")
    previous: Credit | None = None
    blocks, credits = context.draft.credits, context.credits
    for index, (block, credit) in enumerate(zip(blocks, credits, strict=True)):
        if credit.place and credit.kind == "byline":  # `Amy Lin in Beijing`
            return Placed(credit.place, "credit-line")
        if credit.kind in ("byline", "place") and re.fullmatch(r"[A-Z][a-z]{2,}|[A-Z]{3,}", block.text) \
                and not context.registry.outlet(block.text) and not context.registry.person(block.text) \
                and any(credits[j].kind == "timestamp" and credits[j].date
                        and (blocks[j].line == block.end_line + 1 or block.line == blocks[j].end_line + 1)
                        for j in (index - 1, index + 1) if 0 <= j < len(blocks)):
            return Placed(place_name(block.text), "credit-line")  # `Kathmandu` over `January 04, 2024`
        under_byline = previous is not None and previous.kind == "byline"
        if under_byline and PLACE_LINE.match(block.text) and not context.registry.outlet(block.text):
            return Placed(place_name(block.text), "credit-line")  # `GOA` on the line under the byline
        previous = credit
    title = context.draft.title_block.text if context.draft.title_block else ""
    found = first_full_date(title)
    if found:
        before = title[: found[1].start()].rstrip(" ,")
        candidate = before.rsplit(",", 1)[-1].strip() if "," in before else ""
        if re.fullmatch(r"(?:[A-Z][\w'’-]+ ?){1,3}", candidate):
            return Placed(candidate, "title")
    return Placed(None, None)


def date_of(context: ReportContext) -> Dated:
    """Sidecar entry; dateline (its year inferred if missing); date line; title; for the publisher's own
    text, the page's metadata, then the sidecar's `published`; last, a date in the body (an event date)."""
    override = context.draft.override
    if override and override.date:
        return Dated(override.date, "sidecar")
    stamps = [c.date for c in context.credits if c.date and not c.updated]
    opener = context.opener
    first = context.draft.blocks[0]
    if opener and opener.month and opener.day:
        year = opener.year or (stamps[0].year if stamps else context.facts.year)
        if year is None:
            context.warn(first.line, "dateline gives no year and nothing else in the source does; date left empty")
        else:
            try:
                date = ReportDate(year, opener.month, opener.day)
            except ValueError:
                context.problems.append(Problem(context.display, first.line,
                                                "dateline names a day that does not exist"))
                return Dated(None, None)
            check_weekday(context, date, first)
            return Dated(date, "dateline" if opener.year else "dateline-year-inferred")
    if stamps:
        return Dated(stamps[0], "date-line")
    updated = [c.date for c in context.credits if c.date]
    title = context.draft.title_block.text if context.draft.title_block else ""
    found = first_full_date(title)
    if found:
        return Dated(found[0], "title")
    month = MONTH_YEAR.search(title)
    if month:
        return Dated(ReportDate(int(month.group("year")), MONTHS[month.group("month").lower()]), "title")
    if updated:  # only an `Updated …` line: the report stood in this form on that day
        return Dated(updated[0], "date-line")
    if context.publishers:
        if context.facts.page.published:
            return Dated(context.facts.page.published, "page-metadata")
        if context.facts.sidecar.published:
            return Dated(context.facts.sidecar.published, "source")
    for block in context.draft.blocks:
        found = first_full_date(block.text)
        if found:
            return Dated(found[0], "body")
    return Dated(None, None)


def check_weekday(context: ReportContext, date: ReportDate, block: Block) -> None:
    """A weekday in the opening paragraph ("on Tuesday") must agree with the date."""
    match = WEEKDAY.search(block.text)
    weekday = WEEKDAYS[date.first_day.weekday()]
    if match and weekday != match.group("weekday").lower():
        context.warn(block.line, f"the text says {match.group('weekday')} but {date.iso} is a "
                                 f"{weekday.capitalize()}")


def passages_of(context: ReportContext) -> tuple[Passage, ...]:
    """Anchor every block and attribute it, sentence by sentence where its sentences have several speakers."""
    attributions = attribute_speakers(context)
    seen: Counter[str] = Counter()
    passages = []
    for block, sentences in zip(context.draft.blocks, attributions, strict=True):
        prefix = {"paragraph": "p", "list_item": "li", "heading": "h", "caption": "p"}[block.kind]
        anchor = f"{prefix}-{text_digest(block.text)}"
        seen[anchor] += 1
        if seen[anchor] > 1:  # the same words twice in one report
            anchor = f"{anchor}-{seen[anchor]}"
        speakers = [s.speaker for s in sentences if s.speaker]
        mixed = len({s.speaker for s in sentences}) > 1  # two speakers, or narration before the speech
        passages.append(Passage(anchor=anchor, block=block, speaker=speakers[0] if speakers else None,
                                sentences=tuple(sentences) if mixed else ()))
    return tuple(passages)


def sentence_spans(text: str, opener_end: int = 0) -> list[tuple[int, int]]:
    """Where each sentence of a paragraph starts and ends; never inside a quotation, never after `Mr.`,
    never inside the dateline (`MOSCOW, March 3. /TASS/.` opens the first sentence)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text, opener_end):
        before = text[start:match.start()]
        open_quotes = before.count("“") - before.count("”") + before.count('"') % 2
        if re.fullmatch(r"\s*(?:\d{1,3}|[a-z]|[ivx]{1,5})\.", before):
            continue  # `3. EAM stated …`: a numbered paragraph's number is not a sentence
        if open_quotes > 0 or ABBREVIATION.search(text[max(0, match.start() - 12):match.start()].rstrip("”\"’)")):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@dataclass(frozen=True)
class SpeakerPatterns:
    """The regexes that find who speaks, built from the registry once per report."""

    subject: re.Pattern[str]
    role_subject: re.Pattern[str]
    inverted: re.Pattern[str]
    according: re.Pattern[str]
    foreign: re.Pattern[str]
    """Russian and Chinese: `Лавров заявил`, `— заявил Лавров`, `По словам Джайшанкара`, `王毅表示`."""

    @classmethod
    def of(cls, registry: Registry) -> SpeakerPatterns:
        names = registry.person_alternation()
        roles = registry.role_alternation()
        verb = rf"\s+{ADVERBS}(?:{SPEECH_VERBS})\b"
        return cls(
            subject=re.compile(rf"(?<![\w’'-])({names})(?![\w-]){APPOSITIVE}{verb}"),
            role_subject=re.compile(rf"(?<![\w’'-])(?:[Tt]he\s+)?(?i:({roles}))(?![\w-]){APPOSITIVE}{verb}"),
            # `Лавров заявил`, `Ибрагим, в свою очередь, отметил` (a parenthetical between name and verb)
            foreign=re.compile(rf"({names})(?:{CHINESE_VERBS}|[а-яё]{{0,3}}(?:,(?:\s+[а-яё]+){{1,4}},)?\s+{RUSSIAN_VERBS}\b)"
                               rf"|[,—–-]\s*(?:[—–-]\s*)?{RUSSIAN_VERBS}\s+(?:[а-яё]+\s+){{0,4}}?({names})"
                               rf"|(?:[Пп]о словам|^Об этом\s+{RUSSIAN_VERBS})\s+(?:[а-яёА-ЯЁ]+\s+){{0,6}}?({names})"),
            inverted=re.compile(rf"[,”\"]\s*(?:said|added|noted|says)\s+(?:(?:[A-Z][\w.]*|the) ){{0,4}}?"
                                rf"({names}|(?i:{roles}))(?![\w-])"),
            according=re.compile(rf"\b[Aa]ccording to (?:(?:[A-Z][\w.]*|the) ){{0,4}}?({names}|(?i:{roles}))(?![\w-])"),
        )

    def named(self, registry: Registry, text: str) -> str | None:
        """The person a speech verb, `according to` or `, said` names in `text`: the earliest one."""
        found: list[tuple[int, str | None]] = []
        for pattern in (self.subject, self.inverted, self.according):
            found.extend((m.start(1), registry.person(m.group(1)) or registry.person_by_role(m.group(1)))
                         for m in pattern.finditer(text))
        found.extend((m.start(1), registry.person_by_role(m.group(1))) for m in self.role_subject.finditer(text))
        for m in self.foreign.finditer(text):
            group = next(g for g in (1, 2, 3) if m.group(g))
            found.append((m.start(group), registry.person(m.group(group)) or russian_case(registry, m.group(group))))
        people = sorted((start, person) for start, person in found if person)
        return people[0][1] if people else None


INTRODUCTION = re.compile(
    rf"^(?:\S+\s+){{0,10}}(?:{SPEECH_VERBS})(?:\s+(?:reporters|journalists|the (?:media|press)))?:$")
"""A short paragraph that introduces the next one as someone's words: `Foreign Secretary David Lammy said:`."""
FOLLOWING_WORDS = re.compile(
    r"\s(?:issued|made|released|delivered|gave)\s+the\s+following\s+(?:statement|remarks|message|comments?)\b[^:]{0,160}:$")
"""`NAME issued the following statement in Beijing today …:`: the next paragraphs are NAME's words."""
GENERIC_ROLE = re.compile(
    rf"(?<![\w’'-])[Tt]he\s+(?P<qualifiers>(?:[A-Za-z.-]+\s+){{0,3}}?)"
    rf"(?P<noun>(?i:minister|president|secretary|spokeswoman|spokesperson|spokesman|premier|chancellor))"
    rf"(?![\w-]){APPOSITIVE}\s+{ADVERBS}(?:{SPEECH_VERBS})\b"
)
"""`the foreign minister said`, `The Secretary reiterated`: a role without a name."""
BACK_REFERENCE = re.compile(r"^(?:Об этом|Как|This was|That was|This is what)\b")
"""A sentence that attributes the sentences before it: `Об этом заявил Лавров`, `This was stated by …`."""


def role_holder(registry: Registry, text: str, current: str | None, named: list[str]) -> str | None:
    """Who `the foreign minister said` means: the current speaker if their registered role fits, else the one
    person named so far whose role fits; with two candidates, nobody (unknown rather than wrong)."""
    match = GENERIC_ROLE.search(text)
    if not match:
        return None
    words = [w.casefold()[:4] for w in (*match.group("qualifiers").split(), match.group("noun"))]

    def fits(name: str | None) -> bool:
        person = registry.people.get(name or "")
        role = person.role.casefold() if person and person.role else ""
        return bool(role) and all(word in role for word in words)

    if fits(current):
        return current
    candidates = {name for name in named if fits(name)}
    return candidates.pop() if len(candidates) == 1 else None


def russian_case(registry: Registry, name: str) -> str | None:
    """`Джайшанкара` (genitive) → the person registered as `Джайшанкар`."""
    for cut in (1, 2, 3):
        person = registry.person(name[:-cut]) if len(name) > cut + 1 else None
        if person:
            return person
    return None


def attribute_speakers(context: ReportContext) -> list[list[SentenceSpeaker]]:
    """Who speaks in each sentence of each block: a speaker turn's label, or the person a speech verb names."""
    registry = context.registry
    patterns = SpeakerPatterns.of(registry)
    names = registry.person_alternation()

    title = context.draft.title_block.text if context.draft.title_block else (context.draft.title or "")
    title_match = re.search(TITLE_SPEAKER.format(name=names), title, re.IGNORECASE)
    title_speaker = registry.person(next(g for g in title_match.groups() if g)) if title_match else None
    labelled = any(b.speaker_label and label_speaker(b.speaker_label, registry, title_speaker) != "?"
                   for b in context.draft.blocks)
    transcript = labelled or title_speaker is not None

    result: list[list[SentenceSpeaker]] = []
    people = registry.person_pattern()
    subject = re.compile(rf"[“\"‘(]?(?:(?i:the\s+(?:{registry.role_alternation()}))|{names})(?![\w-])")
    named_so_far: list[str] = []  # people named so far, for `the minister said`
    current: str | None = title_speaker
    main: str | None = title_speaker  # who answers `A:` turns: the title's speaker, else the first one named
    previous: str | None = None
    quoting = False  # an introduced quotation is still open at the end of the previous paragraph
    for index, block in enumerate(context.draft.blocks):
        whole: str | None = None
        label = block.speaker_label
        resolved = label_speaker(label, registry, main) if label else "?"
        sentences: list[SentenceSpeaker]
        by_turn = True
        if label and resolved != "?":
            whole = current = resolved
        elif label and labelled and block.text.rstrip().endswith("?"):
            whole = "Questioner"  # `Bloomberg: … Can you confirm?`: a journalist's question
        elif label and labelled:
            context.warn(block.line, f"speaker label {shown(label)} is not in content/people.yml, so the turn is not "
                                     f"attributed; to attribute it, add: {person_entry(label)}")
        elif transcript and current is not None:
            # In a transcript, words relayed inside a turn belong to whoever holds the turn.
            whole = current
        else:
            by_turn = False
        if by_turn:
            sentences = [SentenceSpeaker(0, len(block.text), whole)]
            quoting = False
        else:
            sentences = []
            spoken: str | None = None  # the speaker of the block's last attributed sentence
            opener_end = context.opener.end if index == 0 and context.opener else 0
            for start, end in sentence_spans(block.text, opener_end):
                text = block.text[start:end]
                speaker = patterns.named(registry, text)
                named_so_far.extend(registry.person(m.group(1)) or "" for m in people.finditer(text))
                if speaker is None:
                    speaker = role_holder(registry, text, current, named_so_far)
                if speaker and BACK_REFERENCE.match(text):  # `… weapons. Об этом заявил Лавров.`
                    sentences = [SentenceSpeaker(s.start, s.end, s.speaker or speaker) for s in sentences]
                if speaker is None:
                    report_unknown_speaker(context, block, text)
                    if current and (PRONOUN_SPEECH.search(text) or QUOTATION.search(text)):
                        speaker = current
                    elif not subject.match(text):  # `Fidan arrived …`, `The Turkish minister is …`: narration
                        speaker = spoken
                spoken = speaker or spoken
                current = speaker or current
                sentences.append(SentenceSpeaker(start, end, speaker))
            before = context.draft.blocks[index - 1] if index else None
            introduced = before is not None and before.text.endswith(":") and (
                block.kind == "list_item" or INTRODUCTION.search(before.text) is not None)
            following = FOLLOWING_WORDS.search(before.text) if before is not None else None
            if following and before is not None and previous is None:
                # the one person named before `issued the following statement`
                named = {registry.person(m.group(1)) for m in people.finditer(before.text[:following.start()])}
                previous = named.pop() if len(named) == 1 else None
            carried = introduced or following is not None or quoting
            if not any(s.speaker for s in sentences) and carried:
                # `NAME said:` and the words on the next line; a quotation that runs on over paragraphs
                sentences = [SentenceSpeaker(0, len(block.text), previous)]
            quoting = carried and previous is not None and open_quote(block.text)
        first = next((s.speaker for s in sentences if s.speaker), None)
        if main is None and first in registry.people:
            main = first
        previous = first
        result.append(sentences)
    return result


def open_quote(text: str) -> bool:
    """A paragraph that opens a quotation it does not close (the next paragraph goes on with it)."""
    return text.lstrip().startswith(("“", '"')) and (text.count("“") > text.count("”") or text.count('"') % 2 == 1)


def report_unknown_speaker(context: ReportContext, block: Block, sentence: str) -> None:
    """`Mao Ning said` where no Mao Ning is registered: listed with the entry to paste, never silently dropped."""
    for match in UNKNOWN_SPEAKER.finditer(sentence):
        name = match.group(1) or match.group(2)
        words = name.split()
        if any(w in NOT_A_NAME or context.registry.person(w) for w in words) or context.registry.person(name):
            continue
        context.warn(block.line, f"{shown(name)} speaks but is not in content/people.yml, so the words are not "
                                 f"attributed; to attribute them, add: {person_entry(name)}")


def person_entry(name: str) -> str:
    return f"- {{name: {yaml_flow(name)}, role: …, aliases: []}}"


def label_speaker(label: str, registry: Registry, main_speaker: str | None) -> str | None:
    """`Sergey Lavrov` → the person; `Question` → `Questioner`; an unknown label → `?`."""
    label = re.sub(r"\s*\([^()]*\)$", "", label)  # `Anwar Ibrahim (retranslated)`
    person = registry.person(label)
    if person:
        return person
    if label.lower() in ROLE_LABELS:
        return ROLE_LABELS[label.lower()] or main_speaker
    if registry.outlet(label):
        return "Questioner"  # `AFP:`, `Reuters:` at a briefing: a journalist of that outlet asks
    return "?"


def speakers_of(context: ReportContext, passages: tuple[Passage, ...]) -> tuple[str, ...]:
    """People whose own words the report carries, in order of first appearance."""
    override = context.draft.override
    if override and override.speakers is not None:
        names = []
        for spelling in override.speakers:
            person = context.registry.person(spelling)
            if person is None:
                context.problems.append(Problem(context.sidecar_display, override.sidecar_line,
                                                f"unknown person {shown(spelling)}: add them to content/people.yml: "
                                                f"{person_entry(spelling)}"))
            else:
                names.append(person)
        return tuple(dict.fromkeys(names))
    people = context.registry.people
    return tuple(dict.fromkeys(s for p in passages for s in p.speakers if s in people))


def mentions_of(context: ReportContext, title: str, speakers: tuple[str, ...]) -> tuple[str, ...]:
    """People named in the report who do not speak in it, in order of first appearance."""
    pattern = context.registry.person_pattern()
    texts = [title] + [b.text for b in context.draft.blocks]
    named = [context.registry.person(m.group(1)) for text in texts for m in pattern.finditer(text)]
    return tuple(dict.fromkeys(n for n in named if n and n not in speakers))


def id_of(context: ReportContext, title: str, date: ReportDate | None) -> str:
    """`2024-04-09-xi-meets-russian-foreign-minister`: readable, and stable while title and date are."""
    override = context.draft.override
    if override and override.id:
        return override.id
    return f"{date.iso if date else 'undated'}-{slugify(title)}"
