"""Deterministic synthetic archives with planted parallel passages, for benchmarking.

Why synthetic: a benchmark needs archives of 10^3..10^5 reports with a *known* answer.  Real
compilations are few and nobody has marked every parallel in them.  So reports are generated from
a small grammar of diplomatic-news phrasing (the vocabulary of Xinhua / foreign-ministry reports),
with enough slots and word lists that unrelated reports do not share long runs of words by
chance, and then later reports borrow passages from earlier ones the way the seed compilation
does:

* verbatim copies (possibly with other quote marks, bullets, spacing or British spelling),
* near-verbatim copies (changed subject "Foreign Minister Wang said" -> "He said", a dropped or
  added opening clause, a dropped or added filler word, spelling and quote styles),
* partial quotes (an editor's paragraph quoting one or two sentences of a longer paragraph),
* tail quotes (a new lead-in sentence, then the rest of the paragraph: partial on both sides),
* a paragraph split into several, and several consecutive paragraphs merged into one.

Stock phrases ("the important consensus reached by the two heads of state") are sprinkled over
many reports; they must not be detected.  The planted truth is the set of passage pairs that
share text; a passage is borrowed by at most one partial/split/merge derivation, and whole copies
of one passage form a family whose every pair is in the truth.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.parallels import PassageText

TruthPair = tuple[str, str, str, str]
"""(report_id, anchor, report_id, anchor) with the first (report_id, anchor) the smaller."""


@dataclass(frozen=True)
class Corpus:
    """A generated archive and what was planted in it."""

    passages: list[PassageText]
    truth: set[TruthPair]
    stock_phrases: tuple[str, ...]


# --------------------------------------------------------------------------------------------
# Vocabulary

_FIRST = (
    "Wang", "Li", "Zhang", "Chen", "Liu", "Zhao", "Sergey", "Maria", "Anna", "Dmitry", "Olga", "Ivan",
    "Ahmed", "Fatima", "Omar", "Leila", "Kwame", "Amina", "Thabo", "Grace", "Ravi", "Priya", "Arjun",
    "Carlos", "Lucia", "Mateo", "Sofia", "Jean", "Claire", "Hans", "Ingrid", "Kenji", "Yuki", "Min-jun",
    "Nguyen", "Siti", "Rahim", "Ali", "Elena", "Pedro", "Nadia", "Tariq", "Aisha", "Viktor", "Irina",
)  # fmt: skip
_LAST = (
    "Yi", "Qiang", "Wei", "Ming", "Jun", "Hong", "Lavrov", "Zakharova", "Petrova", "Ivanov", "Sokolov",
    "Kuznetsov", "Morozov", "Volkova", "Hassan", "Karimi", "Haddad", "Mensah", "Okafor", "Dlamini",
    "Nkosi", "Sharma", "Patel", "Singh", "Mehta", "Garcia", "Fernandez", "Lopes", "Santos", "Dubois",
    "Moreau", "Schmidt", "Weber", "Tanaka", "Sato", "Park", "Kim", "Tran", "Rahman", "Abdullah",
    "Nasser", "Mansour", "Popescu", "Novak", "Horvat", "Kowalski", "Silva", "Costa", "Rossi",
)  # fmt: skip
_TITLES = (
    "Foreign Minister", "President", "Prime Minister", "Vice Premier", "Deputy Foreign Minister",
    "Ambassador", "spokesperson", "Trade Minister", "Defense Minister", "Finance Minister",
    "Energy Minister", "Special Envoy", "Secretary-General", "State Councilor", "Senator",
)  # fmt: skip
_COUNTRIES = (
    "China", "Russia", "India", "Brazil", "South Africa", "Egypt", "Ethiopia", "Iran", "Indonesia",
    "Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Pakistan", "Vietnam", "Laos", "Cambodia",
    "Thailand", "Malaysia", "Mongolia", "Belarus", "Serbia", "Hungary", "Turkey", "Saudi Arabia",
    "the United Arab Emirates", "Qatar", "Algeria", "Nigeria", "Kenya", "Tanzania", "Angola",
    "Argentina", "Mexico", "Cuba", "Venezuela", "Bolivia", "Nicaragua", "Chile", "Peru", "Colombia",
    "Sri Lanka", "Nepal", "Bangladesh", "Myanmar", "Syria", "Iraq", "Azerbaijan", "Armenia", "Georgia",
)  # fmt: skip
_CITIES = (
    "Beijing", "Moscow", "New Delhi", "Brasilia", "Pretoria", "Cairo", "Addis Ababa", "Tehran",
    "Jakarta", "Astana", "Tashkent", "Bishkek", "Dushanbe", "Islamabad", "Hanoi", "Vientiane",
    "Phnom Penh", "Bangkok", "Kuala Lumpur", "Ulaanbaatar", "Minsk", "Belgrade", "Budapest", "Ankara",
    "Riyadh", "Abu Dhabi", "Doha", "Algiers", "Abuja", "Nairobi", "Kazan", "Shanghai", "Geneva",
    "Vladivostok", "Sochi", "Xiamen", "Johannesburg", "Havana", "Caracas", "La Paz", "Lima",
)  # fmt: skip
_ORGS = (
    "the United Nations", "the Shanghai Cooperation Organization", "BRICS", "ASEAN", "the African Union",
    "the G20", "the World Trade Organization", "the European Union", "APEC", "the Arab League",
    "the Eurasian Economic Union", "the IAEA", "the World Health Organization", "CELAC", "the OSCE",
    "the UN Security Council", "the New Development Bank", "the Asian Infrastructure Investment Bank",
)  # fmt: skip
_NOUNS = (
    "cooperation", "trade", "investment", "security", "stability", "development", "dialogue",
    "partnership", "connectivity", "infrastructure", "energy", "agriculture", "education", "tourism",
    "culture", "finance", "technology", "innovation", "governance", "sovereignty", "multilateralism",
    "globalization", "modernization", "integration", "consultation", "coordination", "prosperity",
    "peace", "diplomacy", "transparency", "inclusiveness", "solidarity", "friendship", "trust",
    "industrialization", "digitalization", "urbanization", "logistics", "shipping", "aviation",
    "healthcare", "science", "research", "labor", "defense", "counterterrorism", "demining",
    "reconstruction", "food security", "energy security", "climate action", "poverty reduction",
    "people-to-people exchange", "mutual trust", "the rule of law", "fair competition",
    "economic recovery", "regional integration", "nuclear safety", "arms control", "disarmament",
    "maritime security", "cybersecurity", "public health", "vocational training", "e-commerce",
    "the digital economy", "green development", "the energy transition", "customs clearance",
    "local currency settlement", "financial stability", "capacity building", "behavior",
)  # fmt: skip
_NOUNS_PL = (
    "relations", "ties", "exchanges", "projects", "sanctions", "consultations", "negotiations",
    "initiatives", "principles", "mechanisms", "platforms", "interests", "concerns", "challenges",
    "opportunities", "reforms", "markets", "supply chains", "neighbors", "partners", "institutions",
    "investors", "enterprises", "universities", "think tanks", "ports", "railways", "pipelines",
    "corridors", "free trade zones", "industrial parks", "programs", "centers", "organizations",
    "delegations", "agreements", "memoranda", "roadmaps", "joint ventures", "payment systems",
    "hotspot issues", "grain exports", "fertilizer supplies", "energy prices", "tariffs",
    "visa procedures", "student exchanges", "media outlets", "youth festivals", "trade fairs",
)  # fmt: skip
_ADJ = (
    "bilateral", "multilateral", "practical", "strategic", "comprehensive", "mutual", "economic",
    "regional", "global", "international", "sustainable", "balanced", "inclusive", "long-term", "fair",
    "equal", "stable", "peaceful", "pragmatic", "open", "transparent", "reliable", "innovative",
    "substantive", "fruitful", "constructive", "unprecedented", "steady", "new", "broad", "deep",
    "high-level", "people-centered", "independent", "legitimate", "unilateral", "illegal", "closed",
    "favorable", "modernized", "organized", "specialized", "centralized", "harmonized", "stabilized",
    "industrial", "agricultural", "financial", "technological", "cultural", "humanitarian",
    "cross-border", "maritime", "digital", "green", "low-carbon", "resilient", "diversified",
)  # fmt: skip
_VERBS = (
    ("strengthen", "strengthened", "strengthening"), ("deepen", "deepened", "deepening"),
    ("expand", "expanded", "expanding"), ("promote", "promoted", "promoting"),
    ("advance", "advanced", "advancing"), ("support", "supported", "supporting"),
    ("enhance", "enhanced", "enhancing"), ("consolidate", "consolidated", "consolidating"),
    ("uphold", "upheld", "upholding"), ("safeguard", "safeguarded", "safeguarding"),
    ("oppose", "opposed", "opposing"), ("reject", "rejected", "rejecting"),
    ("implement", "implemented", "implementing"), ("coordinate", "coordinated", "coordinating"),
    ("facilitate", "facilitated", "facilitating"), ("foster", "fostered", "fostering"),
    ("prioritize", "prioritized", "prioritizing"), ("harmonize", "harmonized", "harmonizing"),
    ("stabilize", "stabilized", "stabilizing"), ("recognize", "recognized", "recognizing"),
    ("mobilize", "mobilized", "mobilizing"), ("modernize", "modernized", "modernizing"),
    ("explore", "explored", "exploring"), ("discuss", "discussed", "discussing"),
    ("review", "reviewed", "reviewing"), ("welcome", "welcomed", "welcoming"),
    ("resume", "resumed", "resuming"), ("launch", "launched", "launching"),
    ("diversify", "diversified", "diversifying"), ("protect", "protected", "protecting"),
    ("encourage", "encouraged", "encouraging"), ("accelerate", "accelerated", "accelerating"),
    ("improve", "improved", "improving"), ("build", "built", "building"),
    ("develop", "developed", "developing"), ("integrate", "integrated", "integrating"),
    ("finalize", "finalized", "finalizing"), ("emphasize", "emphasized", "emphasizing"),
    ("organize", "organized", "organizing"), ("analyze", "analyzed", "analyzing"),
    ("criticize", "criticized", "criticizing"), ("realize", "realized", "realizing"),
)  # fmt: skip
_ADV = (
    "further", "jointly", "actively", "firmly", "steadily", "resolutely", "closely", "comprehensively",
    "effectively", "gradually", "constantly", "vigorously", "earnestly", "consistently", "swiftly",
)  # fmt: skip
_MODALS = (
    "will", "should", "must", "would", "can", "are ready to", "are willing to", "will continue to",
    "have agreed to", "need to", "intend to", "are determined to", "stand ready to", "hope to",
)  # fmt: skip
_SAY = (
    "said", "noted", "stressed", "added", "pointed out", "emphasized", "stated", "underlined",
    "told reporters", "recalled", "observed", "reiterated", "announced", "explained",
)  # fmt: skip
_PREPS = (
    "in", "within", "across", "through", "under", "for", "in the field of", "in the area of", "amid",
    "on the basis of", "in line with", "with regard to", "beyond", "around",
)  # fmt: skip
_TIMES = (
    "On Tuesday", "Last week", "Earlier this year", "Next month", "On Monday", "In June",
    "On the sidelines of the summit", "During the visit", "At the press conference", "Later that day",
)  # fmt: skip
_INTROS = (
    "At the same time", "In addition", "In this context", "Speaking to reporters", "In his remarks",
    "Meanwhile", "Furthermore", "For its part", "In particular", "Regarding the talks",
)  # fmt: skip
_ACTORS_FIXED = (
    "the two countries", "both sides", "the two sides", "the international community",
    "all parties concerned", "developing countries", "the Global South", "the two governments",
    "member states", "the two ministries", "regional countries", "the two neighbors",
)  # fmt: skip
_STOCK = (
    "the important consensus reached by the two heads of state",
    "a community with a shared future for humanity",
    "the purposes and principles of the UN Charter",
    "the spirit of mutual respect and win-win cooperation",
    "the basic norms governing international relations",
    "a more just and reasonable international order",
    "the comprehensive strategic partnership of coordination",
    "the legitimate concerns of all parties",
    "the principle of equality and mutual benefit",
    "true multilateralism and the international system",
)  # fmt: skip
_STOCK_VERBS = ("implement", "uphold", "follow", "respect", "advance", "build", "adhere to", "act upon")
_FILLERS = ("also", "further", "fully", "always")
_YEARS = range(2015, 2025)
_MONTH_COUNTS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")
_TRADE = (
    ("Trade", "Bilateral trade", "Two-way trade", "Trade turnover", "Mutual trade", "Commerce"),
    ("reached", "hit", "amounted to", "stood at", "totaled", "climbed to", "rose to", "exceeded"),
    ("billion U.S. dollars", "billion dollars", "billion yuan", "billion rubles", "billion euros"),
    tuple(f"the first {k} months of {y}" for k in _MONTH_COUNTS for y in _YEARS)
    + tuple(f"the {q} quarter of {y}" for q in ("first", "second", "third", "fourth") for y in _YEARS)
    + tuple(str(y) for y in range(2010, 2025)),
    ("up", "an increase of", "a rise of", "a gain of", "growing", "down", "a decline of"),
    ("from a year earlier", "year on year", "on the previous year", "compared with a year ago",
     "over the same period last year"),
    ("according to", "data from", "figures released by", "statistics published by", "a report by"),
)  # fmt: skip

_BRITISH = {
    "neighbors": "neighbours", "neighboring": "neighbouring", "organization": "organisation",
    "organizations": "organisations", "globalization": "globalisation", "modernization": "modernisation",
    "industrialization": "industrialisation", "digitalization": "digitalisation",
    "urbanization": "urbanisation", "favorable": "favourable", "labor": "labour", "behavior": "behaviour",
    "defense": "defence", "centers": "centres", "programs": "programmes", "modernized": "modernised",
    "organized": "organised", "specialized": "specialised", "centralized": "centralised",
    "harmonized": "harmonised", "stabilized": "stabilised", "fertilizer": "fertiliser",
    "people-centered": "people-centred",
}  # fmt: skip
for _base, _past, _ing in _VERBS:
    for _form in (_base, _past, _ing):
        if "iz" in _form or "yz" in _form:
            _BRITISH[_form] = _form.replace("iz", "is").replace("yz", "ys")
_BRITISH_RE = re.compile(r"\b(" + "|".join(sorted(_BRITISH, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _britishise(text: str) -> str:
    """British spelling of the words the grammar can produce (first-letter case kept)."""

    def repl(m: re.Match[str]) -> str:
        word = m.group(1)
        british = _BRITISH[word.lower()]
        return british[0].upper() + british[1:] if word[0].isupper() else british

    return _BRITISH_RE.sub(repl, text)


_STRAIGHT = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'"})


# --------------------------------------------------------------------------------------------
# Grammar


@dataclass
class _Para:
    """A generated paragraph kept in structured form so that variants can be derived from it."""

    sentences: list[str]
    item: bool = False
    intro: str | None = None
    """Opening clause before the first sentence, e.g. "At the same time"."""
    lead: tuple[str, str] | None = None
    """(person, surname) when the first sentence starts with a person."""
    state: str = "own"
    """own (unused) / family (whole copies exist) / consumed / derived."""
    copies: list[tuple[str, str]] = field(default_factory=list)

    def words(self) -> int:
        return sum(s.count(" ") + 1 for s in self.sentences)


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


class _Writer:
    """Sentence and paragraph generator over the vocabulary above."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.c = rng.choice

    def person(self) -> tuple[str, str]:
        last = self.c(_LAST)
        return f"{self.c(_TITLES)} {self.c(_FIRST)} {last}", last

    def np(self) -> str:
        c, r = self.c, self.rng.random()
        if r < 0.25:
            return f"{c(_ADJ)} {c(_NOUNS)}"
        if r < 0.45:
            return f"{c(_ADJ)} {c(_NOUNS_PL)}"
        if r < 0.6:
            return f"{c(_NOUNS)} {c(_NOUNS_PL)}"
        if r < 0.75:
            return f"the {c(_NOUNS)} of {c(_ADJ)} {c(_NOUNS_PL)}"
        if r < 0.9:
            return f"{c(_NOUNS)}, {c(_NOUNS)} and {c(_NOUNS)}"
        return f"{c(_ADJ)} {c(_NOUNS_PL)} with {c(_COUNTRIES)}"

    def actor(self) -> str:
        c, r = self.c, self.rng.random()
        if r < 0.35:
            a, b = self.rng.sample(_COUNTRIES, 2)
            return f"{a} and {b}"
        if r < 0.6:
            return c(_COUNTRIES)
        if r < 0.75:
            return f"{c(_ORGS)} members"
        return c(_ACTORS_FIXED)

    def vp(self) -> str:
        c = self.c
        adv = f"{c(_ADV)} " if self.rng.random() < 0.4 else ""
        pp = f" {c(_PREPS)} {self.np()}" if self.rng.random() < 0.6 else ""
        return f"{adv}{c(_VERBS)[0]} {self.np()}{pp}"

    def clause(self, stock: bool = False) -> str:
        c = self.c
        if stock:
            return f"{self.actor()} {c(_MODALS)} {c(_STOCK_VERBS)} {c(_STOCK)} and {self.vp()}"
        return f"{self.actor()} {c(_MODALS)} {self.vp()}"

    def sentence(self, *, stock: bool = False, lead_person: tuple[str, str] | None = None) -> str:
        """One sentence; with `lead_person` it starts with that person."""
        c, rng = self.c, self.rng
        if lead_person is not None or stock:
            person = lead_person[0] if lead_person else self.person()[0]
            return f"{person} {c(_SAY)} that {self.clause(stock)}."
        r = rng.random()
        if r < 0.2:
            return f"{self.person()[0]} {c(_SAY)} that {self.clause()}."
        if r < 0.32:
            return f"{_cap(self.clause())}, {self.person()[0]} {c(_SAY)}."
        if r < 0.42:
            return (
                f"{c(_TIMES)}, {self.person()[0]} met with {self.person()[0]} in {c(_CITIES)} "
                f"to discuss {self.np()} and {self.np()}."
            )
        if r < 0.5:
            a, b = rng.sample(_COUNTRIES, 2)
            amount = f"{rng.randint(2, 240)}.{rng.randint(0, 9)}"
            change = f"{rng.randint(2, 40)}.{rng.randint(0, 9)}"
            return (
                f"{c(_TRADE[0])} between {a} and {b} {c(_TRADE[1])} {amount} {c(_TRADE[2])} "
                f"in {c(_TRADE[3])}, {c(_TRADE[4])} {change} percent {c(_TRADE[5])}, "
                f"{c(_TRADE[6])} {c(_ORGS)}."
            )
        if r < 0.6:
            topics = f"{self.np()}, {self.np()} and {c(_NOUNS_PL)}"
            return f"The two sides exchanged views on {topics} in {c(_CITIES)}."
        if r < 0.72:
            return f"{_cap(self.clause())}, {c(_VERBS)[2]} {self.np()} {c(_PREPS)} {self.np()}."
        if r < 0.8:
            return f"According to {self.person()[0]}, {self.clause()}."
        if r < 0.9:
            verb = c(_VERBS)
            return (
                f"{self.person()[0]} also {verb[1]} the importance of {self.np()}, adding that "
                f"{self.clause()}."
            )
        return f"As {c(_ADJ)} {c(_NOUNS_PL)} {c(_PREPS)} {self.np()} grow, {self.clause()}."

    def paragraph(self, target_words: int, stock_rate: float) -> _Para:
        rng = self.rng
        para = _Para(sentences=[])
        if rng.random() < 0.35:
            para.lead = self.person()
            if rng.random() < 0.5:
                para.intro = self.c(_INTROS)
            para.sentences.append(self.sentence(lead_person=para.lead))
        stock_at = rng.randrange(4) if rng.random() < stock_rate else -1
        while para.words() < target_words - 8 or not para.sentences:
            para.sentences.append(self.sentence(stock=len(para.sentences) == stock_at))
        return para

    def list_items(self) -> list[_Para]:
        """A bulleted list: one clause-like sentence per item, as in a list of principles."""
        c = self.c
        return [
            _Para(
                sentences=[f"{_cap(self.clause())}, {c(_VERBS)[2]} {self.np()} {c(_PREPS)} {self.np()}."],
                item=True,
            )
            for _ in range(self.rng.randint(3, 5))
        ]


def _render(para: _Para, british: bool, straight: bool, rng: random.Random) -> str:
    """Final text of a paragraph in a report's house style, with the odd typographic noise."""
    sentences = list(para.sentences)
    if para.intro:
        sentences[0] = f"{para.intro}, {sentences[0]}"
    text = " ".join(sentences)
    if british:
        text = _britishise(text)
    if straight:
        text = text.translate(_STRAIGHT)
    r = rng.random()
    if r < 0.05:
        text = text.replace(". ", ".  ", 1)
    elif r < 0.08:
        text = text.replace(" ", "\u00a0", 1)
    if para.item:
        text = rng.choice(("• ", "— ", "- ", "")) + text
    return text


# --------------------------------------------------------------------------------------------
# Derivations: each returns new paragraphs for the borrowing report, or None if the origin does
# not fit.


def _near_verbatim(origin: _Para, w: _Writer) -> _Para:
    """A whole copy with one to three small edits besides house style."""
    rng = w.rng
    new = _Para(sentences=list(origin.sentences), item=origin.item, intro=origin.intro, lead=origin.lead)
    edits = rng.sample(("subject", "clause", "filler", "punct"), rng.randint(1, 3))
    for edit in edits:
        if edit == "subject" and new.lead is not None:
            person, surname = new.lead
            who = rng.choice((surname, "He", "She", "The minister"))
            if new.intro:
                who = who if who == surname else who.lower()
            new.sentences[0] = new.sentences[0].replace(person, who, 1)
            new.lead = None
        elif edit == "clause":
            if new.intro:
                new.intro = None
            elif new.lead is not None:
                new.intro = w.c(_INTROS)
        elif edit == "filler":
            i = rng.randrange(len(new.sentences))
            s = new.sentences[i]
            for filler in _FILLERS:
                if f" {filler} " in s:
                    new.sentences[i] = s.replace(f" {filler} ", " ", 1)
                    break
            else:
                new.sentences[i] = s.replace(" will ", " will also ", 1)
        elif edit == "punct":
            i = rng.randrange(len(new.sentences))
            new.sentences[i] = new.sentences[i].replace(", ", " – ", 1)
    return new


def _quote(origin: _Para, w: _Writer) -> list[_Para] | None:
    """An editor's paragraph quoting one or two consecutive sentences of the origin."""
    rng = w.rng
    n = len(origin.sentences)
    if n < 2:
        return None
    start = rng.randrange(n)
    chosen = [origin.sentences[start]]
    if start + 1 < n and (len(chosen[0].split()) < 16 or rng.random() < 0.3) and n > 2:
        chosen.append(origin.sentences[start + 1])
    if sum(len(s.split()) for s in chosen) < 16 or len(chosen) == n:
        return None
    person, surname = w.person()
    intro = rng.choice(
        (f"{surname} noted:", f"In his remarks, {person} said:", f"Commenting on {w.np()}, {surname} said:",
         f"{person} also addressed the issue:", "The statement read:")
    )  # fmt: skip
    return [_Para(sentences=[f"{intro} “{' '.join(chosen)}”"])]


def _tail_quote(origin: _Para, w: _Writer) -> list[_Para] | None:
    """A new lead-in sentence, then the rest of the origin paragraph as a quote."""
    if len(origin.sentences) < 3:
        return None
    person, _ = w.person()
    lead_in = f"{person} also addressed {w.np()} {w.c(_PREPS)} {w.np()}:"
    return [_Para(sentences=[lead_in, "“" + " ".join(origin.sentences[1:]) + "”"])]


def _split(origin: _Para, w: _Writer) -> list[_Para] | None:
    """The origin's sentences spread over two or three paragraphs."""
    s = origin.sentences
    if len(s) < 3:
        return None
    cuts = sorted(w.rng.sample(range(1, len(s)), 2 if len(s) >= 5 else 1))
    parts = [s[i:j] for i, j in zip([0, *cuts], [*cuts, len(s)], strict=True)]
    if any(sum(len(x.split()) for x in part) < 16 for part in parts):
        return None
    return [_Para(sentences=part, intro=origin.intro if k == 0 else None) for k, part in enumerate(parts)]


# --------------------------------------------------------------------------------------------
# The archive


@dataclass
class _Report:
    rid: str
    british: bool
    straight: bool
    paras: list[_Para]
    anchors: list[str]


_WINDOW = 200
"""Reports borrow from the last this many reports (news is reprinted while it is news)."""


def _pair(ra: str, aa: str, rb: str, ab: str) -> TruthPair:
    return (ra, aa, rb, ab) if (ra, aa) < (rb, ab) else (rb, ab, ra, aa)


def generate(
    n_reports: int,
    *,
    seed: int = 0,
    words_per_report: int = 600,
    borrow_rate: float = 0.35,
    stock_rate: float = 0.3,
) -> Corpus:
    """Generate `n_reports` reports of about `words_per_report` words, with planted parallels.

    Deterministic for given arguments.  `borrow_rate` is the share of reports that reprint one to
    three passages of recent reports; `stock_rate` the share of paragraphs using a stock phrase.
    """
    rng = random.Random(seed)
    w = _Writer(rng)
    passages: list[PassageText] = []
    truth: set[TruthPair] = set()
    recent: list[_Report] = []
    kinds = ("verbatim", "near", "near", "quote", "quote", "tail", "split", "merge")

    for idx in range(n_reports):
        rid = f"r{idx:06d}"
        n_par = rng.randint(8, 12)
        own: list[_Para] = []
        while len(own) < n_par:
            if rng.random() < 0.1:
                own.extend(w.list_items())
            else:
                own.append(w.paragraph(max(30, words_per_report // n_par + rng.randint(-20, 20)), stock_rate))
        # derived paragraphs and the origins they come from: (para, [(origin report, origin index)], whole)
        derived: list[tuple[list[_Para], list[tuple[_Report, int]], bool]] = []
        if recent and rng.random() < borrow_rate:
            used: set[int] = set()  # a report borrows a passage once
            for _ in range(rng.randint(1, 3)):
                got = _borrow(rng.choice(recent), rng.choice(kinds), w, used)
                if got is not None:
                    derived.append(got)
        paras = list(own)
        for new, _, _ in derived:
            at = rng.randint(0, len(paras))
            paras[at:at] = new
            for p in new:
                p.state = "derived"
        report = _Report(rid, rng.random() < 0.5, rng.random() < 0.3, paras, [])
        report.anchors = [f"p{i + 1}" for i in range(len(paras))]
        where = {id(p): a for p, a in zip(paras, report.anchors, strict=True)}
        for new, origins, whole in derived:
            for p in new:
                for orep, oi in origins:
                    origin = orep.paras[oi]
                    truth.add(_pair(orep.rid, orep.anchors[oi], rid, where[id(p)]))
                    if whole:
                        for cr, ca in origin.copies:
                            truth.add(_pair(cr, ca, rid, where[id(p)]))
                        origin.copies.append((rid, where[id(p)]))
        for p, anchor in zip(paras, report.anchors, strict=True):
            passages.append(PassageText(rid, anchor, _render(p, report.british, report.straight, rng)))
        recent.append(report)
        if len(recent) > _WINDOW:
            recent.pop(0)
    return Corpus(passages, truth, _STOCK)


def _borrow(
    origin_report: _Report, kind: str, w: _Writer, used: set[int]
) -> tuple[list[_Para], list[tuple[_Report, int]], bool] | None:
    """Derive new paragraphs of `kind` from an unused paragraph of `origin_report` (not one in
    `used`, the ids of paragraphs the borrowing report already took; the taken one is added)."""
    rng = w.rng
    paras = origin_report.paras
    for _ in range(4):
        i = rng.randrange(len(paras))
        origin = paras[i]
        if origin.state in ("derived", "consumed") or id(origin) in used:
            continue
        used.add(id(origin))
        if kind in ("verbatim", "near"):
            if origin.words() < 14:
                continue
            new = (
                _Para(list(origin.sentences), origin.item, origin.intro, origin.lead)
                if kind == "verbatim"
                else _near_verbatim(origin, w)
            )
            origin.state = "family"
            return [new], [(origin_report, i)], True
        if origin.state != "own" or origin.item:
            continue
        if kind == "merge":
            if i + 1 >= len(paras) or paras[i + 1].state != "own" or paras[i + 1].item:
                continue
            nxt = paras[i + 1]
            origin.state = nxt.state = "consumed"
            merged = _Para(sentences=origin.sentences + nxt.sentences, intro=origin.intro)
            return [merged], [(origin_report, i), (origin_report, i + 1)], False
        made = {"quote": _quote, "tail": _tail_quote, "split": _split}[kind](origin, w)
        if made is not None:
            origin.state = "consumed"
            return made, [(origin_report, i)], False
    return None


def iter_report_texts(corpus: Corpus) -> Iterator[tuple[str, list[str]]]:
    """(report_id, passage texts) in order: handy for eyeballing a generated archive."""
    current: str | None = None
    texts: list[str] = []
    for p in corpus.passages:
        if p.report_id != current:
            if current is not None:
                yield current, texts
            current, texts = p.report_id, []
        texts.append(p.text)
    if current is not None:
        yield current, texts
