"""Find parallel passages: the same text carried, with small differences, by different reports.

Why this shape
--------------
An archive holds tens of thousands of reports, so comparing every passage with every other one
is out of the question (10,000 reports make ~5·10^9 passage pairs).  The stage therefore works
like a search engine and only ever aligns passages that already share rare text:

1. Every passage is *normalised* into a matching copy: case, quote and dash styles, bullets,
   punctuation and British/American spelling are folded away, because wire copies, transcripts
   and an editor's reprint differ in exactly those things.
2. The normalised words are cut into overlapping word 5-grams ("shingles"), hashed to ints.
   Of those, only the *winnowed fingerprints* are kept: the minimum hash of every window of
   `_WINDOW` consecutive shingles.  Winnowing (Schleimer, Wilkerson & Aiken 2003) guarantees that
   any run of `_SHINGLE + _WINDOW - 1` (= 12) identical words in two passages yields at least one
   common fingerprint, while keeping only ~2/9 of the shingles.  That guarantee is what lets a
   quote of one sentence, or one part of a split paragraph, be found inside a long paragraph
   without indexing sentences separately.
3. Shingles found in many distinct reports are stock phrases ("the important consensus reached by
   the two heads of state"); shingles found in only one report cannot link anything, and they are
   the vast majority.  A sketch (one saturating byte counter per hash bucket) counts the reports of
   every shingle, and both sorts are blanked out *before* winnowing, so that they can neither
   become fingerprints nor hide a rare shingle next to them.  Only fingerprints of text that
   repeats reach a dictionary, so memory stays proportional to that text; the report count of each
   fingerprint is then checked exactly.
4. Passages in different reports that share rare fingerprints become candidate pairs, counted
   through the inverted index (never pair by pair).
5. Each candidate is verified by a word-level alignment (rapidfuzz `Indel` opcodes on token ids);
   the best-scoring contiguous stretch of the alignment is the matched region, which decides the
   kind (verbatim / near-verbatim / partial), the similarity and the changed-word count.  A match
   must contain at least `MIN_MATCH_WORDS` aligned words and cover half of the shorter passage (or
   be long in its own right); a partial match also needs that many words in non-stock 5-grams, so
   a stock phrase with a few common words around it never makes a link on its own.  Short matches
   must be close copies, and a match with a changed figure inside must be long: a formula with
   other names or figures filled in ("trade reached X billion dollars") is not a copy.

Everything is deterministic: passages are processed in (report_id, anchor) order, token ids come
from blake2b (not the per-process randomised `hash()` of `str`), shingle hashes are `hash()` of
tuples of those ints (which CPython computes without randomisation), and output is sorted.

Why this module is long: normalising, the index and the verification share private token ids,
constants and the winnowing guarantee stated above; apart, each would expose the others' internals.
How parallels are shown (the word diff, the compare pages) lives in `generator/render/compare.py`.
"""

from __future__ import annotations

import re
from array import array
from collections import deque
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b
from itertools import pairwise
from typing import Literal

from rapidfuzz.distance import Indel

__all__ = [
    "MIN_MATCH_WORDS",
    "MatchKind",
    "Parallel",
    "PassageText",
    "Span",
    "find_parallels",
    "normalise",
]

MatchKind = Literal["verbatim", "near-verbatim", "partial"]
PartialSide = Literal["a", "b", "both"]


@dataclass(frozen=True)
class PassageText:
    """One passage (paragraph, list item, speaker turn) of one report, as given to the stage."""

    report_id: str
    """Passages with the same report_id are never linked to each other."""
    anchor: str
    """Unique within a report."""
    text: str
    """Original text (curly quotes etc.)."""


@dataclass(frozen=True)
class Span:
    """The matched region of one passage, as char offsets into its original text."""

    report_id: str
    anchor: str
    start: int
    end: int


@dataclass(frozen=True)
class Parallel:
    """Two passages of different reports that carry the same text."""

    a: Span
    """The side with the smaller (report_id, anchor)."""
    b: Span
    kind: MatchKind
    """verbatim: identical after normalisation; near-verbatim: the whole passages match with a few
    changed words; partial: only a part of one (or both) passages is shared."""
    similarity: float
    """0..1 (share of aligned words in the matched regions), rounded to 3 decimals."""
    changed_words: int
    """Word tokens inserted, deleted or replaced inside the matched region."""
    partial_side: PartialSide | None
    """For a partial match, which passage is only partly covered; None otherwise."""


# --------------------------------------------------------------------------------------------
# Tuning.  Changing these changes which links are made, so they are module constants, not options.

MIN_MATCH_WORDS = 12
"""Fewest aligned words a match needs; stock phrases are shorter than this."""
LONG_MATCH_WORDS = 25
"""A match this long counts even if it covers less than half of both passages."""
MIN_INFORMATIVE_WORDS = MIN_MATCH_WORDS
"""Aligned words that must sit in 5-grams which are not stock phrases (see `_informative_words`)."""
MIN_COVERAGE = 0.5
"""Otherwise a match must cover this share of the shorter passage's words."""
MIN_SIMILARITY = 0.7
"""Least share of aligned words inside the matched region."""
MIN_SIMILARITY_SHORT = 0.85
MAX_CHANGES_SHORT = 2
"""A match shorter than LONG_MATCH_WORDS must be this close and have at most this many changed
words inside: a short run of common phrasing with other names filled in is not a copy."""
NUMBER_CHANGE_MIN_WORDS = 2 * LONG_MATCH_WORDS
"""A match with a changed number inside needs this many aligned words: otherwise it is the same
formula with other figures, not a copy (a long copy with a corrected figure still counts)."""
MAX_END_SLACK = 8
"""Unmatched words at the ends of a passage still allowed for a whole-passage (near-verbatim) match,
e.g. a dropped opening clause "Regarding the SCO, Lavrov said that:"."""
END_SLACK_SHARE = 0.15
"""... but at most this share of the passage (and at least 2 words)."""
MAX_REPORTS_PER_FINGERPRINT = 20
"""A shingle (or fingerprint) seen in more distinct reports than this is a stock phrase: ignored."""
SHORT_PASSAGE_WORDS = 2 * (MIN_MATCH_WORDS + 7)
"""Pairs sharing a single fingerprint are only verified if one side is this short: a longer side
could only be covered by half if the match were long enough to leave two fingerprints."""

_SHINGLE = 5
_WINDOW = 8  # _SHINGLE + _WINDOW - 1 == MIN_MATCH_WORDS: the winnowing guarantee
_ID_MASK = (1 << 62) - 1

# --------------------------------------------------------------------------------------------
# Normalisation

_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:[-‐‑–'’ʼ‘`´][^\W_]+)*")
"""A number ("21.7", "1,000") or a word: letters/digits with inner hyphens (or an unspaced en dash,
"win–win") and apostrophes ("head-of-state", "People’s").  A changed number is one changed word."""

_OUR_STEMS = (
    "neighbour", "colour", "favour", "honour", "labour", "behaviour", "harbour", "humour", "rumour",
    "vigour", "endeavour", "armour", "savour", "flavour", "odour", "fervour", "valour", "rigour",
    "clamour", "splendour", "saviour", "candour", "ardour", "demeanour", "parlour", "vapour", "tumour",
)  # fmt: skip
_RE_STEMS = (
    "centre", "theatre", "metre", "litre", "fibre", "calibre", "sombre", "spectre", "meagre",
    "lustre", "sabre", "kilometre", "centimetre", "millimetre", "manoeuvre",
)  # fmt: skip
_LL_STEMS = (
    "travel", "cancel", "label", "model", "fuel", "signal", "level", "counsel", "channel", "marshal",
    "total", "equal", "dial", "rival", "tunnel", "quarrel", "funnel", "shovel", "pedal", "spiral",
)  # fmt: skip
_WORD_MAP: dict[str, str] = {
    "programme": "program", "programmes": "programs", "grey": "gray", "aluminium": "aluminum",
    "judgement": "judgment", "judgements": "judgments", "acknowledgement": "acknowledgment",
    "ageing": "aging", "enrol": "enroll", "enrolment": "enrollment", "fulfil": "fulfill",
    "fulfilment": "fulfillment", "skilful": "skillful", "cheque": "check", "cheques": "checks",
    "tyre": "tire", "tyres": "tires", "plough": "plow", "practise": "practice", "practised": "practiced",
    "practising": "practicing", "licence": "license", "licences": "licenses", "defence": "defense",
    "defences": "defenses", "offence": "offense", "offences": "offenses", "pretence": "pretense",
    "learnt": "learned", "spelt": "spelled", "burnt": "burned", "dreamt": "dreamed",
    "jewellery": "jewelry", "paediatric": "pediatric", "encyclopaedia": "encyclopedia",
    "oestrogen": "estrogen", "foetus": "fetus", "anaemia": "anemia", "mould": "mold",
    "moult": "molt", "smoulder": "smolder", "storey": "story", "draught": "draft", "kerb": "curb",
    "sceptical": "skeptical", "sceptic": "skeptic", "scepticism": "skepticism",
}  # fmt: skip
for _stem in _OUR_STEMS:
    _WORD_MAP[_stem] = _stem[:-2] + "r"
for _stem in _RE_STEMS:
    _am = _stem[:-2] + "er" if _stem != "manoeuvre" else "maneuver"
    for _suffix in ("", "s"):
        _WORD_MAP[_stem + _suffix] = _am + _suffix
    _WORD_MAP[_stem[:-1] + "ed"] = _am + "ed"  # centred -> centered
    _WORD_MAP[_stem[:-1] + "ing"] = _am + "ing"  # centring -> centering
for _stem in _LL_STEMS:
    for _suffix in ("ed", "ing", "er", "ers", "or", "ors"):
        _WORD_MAP[_stem + "l" + _suffix] = _stem + _suffix

_IZE_SUFFIXES = (
    ("isations", "izations"), ("isation", "ization"), ("ising", "izing"), ("isers", "izers"),
    ("iser", "izer"), ("ised", "ized"), ("ises", "izes"), ("ise", "ize"),
    ("ysing", "yzing"), ("ysed", "yzed"), ("yses", "yzes"), ("yse", "yze"),
    ("ogues", "ogs"), ("ogue", "og"),
)  # fmt: skip


_IZE_ENDINGS = tuple(british for british, _ in _IZE_SUFFIXES)


def _fold_word(word: str) -> str:
    """Fold one casefolded word to American spelling.

    Only the matching copy uses this, and both sides are folded the same way, so over-folding
    ("wise" -> "wize") is harmless; what matters is that real variants meet.
    """
    mapped = _WORD_MAP.get(word)
    if mapped is not None:
        return mapped
    if "our" in word:
        for stem in _OUR_STEMS:
            if word.startswith(stem):  # neighbours, favourable, honoured, behaviours
                return stem[:-2] + "r" + word[len(stem) :]
    if len(word) > 5 and word.endswith(_IZE_ENDINGS):
        for british, american in _IZE_SUFFIXES:
            if word.endswith(british):
                return word[: -len(british)] + american
    return word


_CONNECTOR_SPLIT = re.compile(r"[-‐‑–'’ʼ‘`´,]")


@lru_cache(maxsize=1 << 17)
def _normal_token(raw: str) -> str:
    """The matching form of one token as the tokeniser found it: each part of a compound is folded
    on its own ("people-centred" -> "peoplecentered"), then the parts are joined."""
    return "".join(_fold_word(part) for part in _CONNECTOR_SPLIT.split(raw.casefold()))


def _char_offsets(normal: str, original: str, start: int) -> list[int]:
    """For each char of a normalised token, the offset of the original char it comes from: chars
    are matched in order ("People’s" -> "peoples" skips the apostrophe); a char the folding made up
    (the z of "organization") takes the position where it stands in the original."""
    out: list[int] = []
    j, n = 0, len(original)
    for ch in normal:
        k = j
        while k < n and original[k].casefold() != ch:
            k += 1
        if k < n:
            out.append(start + k)
            j = k + 1
        else:
            out.append(start + min(j, n - 1))
            j = min(j + 1, n)
    return out


def _tokens_with_offsets(text: str) -> tuple[list[str], list[int], list[int]]:
    """Normalised tokens of `text` and each one's [start, end) in the original."""
    tokens: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _TOKEN.finditer(text):
        tokens.append(_normal_token(m.group()))
        starts.append(m.start())
        ends.append(m.end())
    return tokens, starts, ends


def normalise(text: str) -> tuple[str, list[int]]:
    """Matching copy of `text` plus, for each char of the copy, its offset in the original.

    The copy is casefolded; quotes, dashes, bullets, punctuation and non-breaking spaces are gone;
    words are joined by single spaces; inner hyphens and apostrophes are dropped; British spellings
    are folded to American (-our/-or, -ise/-ize, -isation/-ization, -yse/-yze, -ogue/-og, -re/-er
    for a list of words, -lled/-led, defence/defense, programme/program ...).  Each char of a word
    maps to the original char it comes from, a char the folding made up to where it stands in the
    original word (see `_char_offsets`); a separating space maps to the char just after the
    previous word.
    """
    tokens, starts, ends = _tokens_with_offsets(text)
    parts: list[str] = []
    offsets: list[int] = []
    for i, (token, start, end) in enumerate(zip(tokens, starts, ends, strict=True)):
        if i:
            parts.append(" ")
            offsets.append(ends[i - 1])
        parts.append(token)
        offsets.extend(_char_offsets(token, text[start:end], start))
    return "".join(parts), offsets


class _TokenIds(dict[str, int]):
    """Raw token -> stable 62-bit id of its normalised form, filled on first sight.

    A dict with `__missing__` lets `map(ids.__getitem__, tokens)` run at C speed for every word
    already seen, which is nearly all of them.
    """

    def __init__(self) -> None:
        super().__init__()
        self._by_normal: dict[str, int] = {}
        self.numbers: set[int] = set()
        """Ids of tokens that contain a digit."""

    def __missing__(self, raw: str) -> int:
        normal = _normal_token(raw)
        value = self._by_normal.get(normal)
        if value is None:
            digest = blake2b(normal.encode("utf-8"), digest_size=8).digest()
            value = int.from_bytes(digest, "little") & _ID_MASK
            self._by_normal[normal] = value
            if any(ch.isdigit() for ch in normal):
                self.numbers.add(value)
        self[raw] = value
        return value

    def of(self, text: str) -> list[int]:
        """Token ids of one passage's text."""
        return list(map(self.__getitem__, _TOKEN.findall(text)))


NEUTRAL = 1 << 62
"""Token id of a folded name, role or formula: larger than any word's id (those are masked to 62 bits)."""

FORMULAS = (
    "Member of the Political Bureau of the CPC Central Committee",
    "member of the Political Bureau of the Communist Party of China Central Committee",
    "member of the Standing Committee of the Political Bureau of the CPC Central Committee",
    "General Secretary of the CPC Central Committee", "Chairman of the Central Military Commission",
    "director of the Office of the Central Foreign Affairs Commission", "State Councilor", "Foreign Minister",
    "Minister of Foreign Affairs", "Minister of Foreign Affairs of the Russian Federation",
    "Foreign Ministry Spokesperson", "Foreign Ministry Spokeswoman", "Foreign Ministry Spokesman",
    "Chinese President", "Russian President", "Russian Foreign Minister", "Chinese Foreign Minister",
    "President", "Premier", "Prime Minister", "Vice President", "Vice Premier", "Secretary of State",
    "Deputy Foreign Minister", "Ambassador", "Special Envoy", "the People's Republic of China",
    "the Russian Federation", "PRC", "issues of common concern", "international and regional issues",
    "comprehensive strategic partnership of coordination for a new era",
    "the implementation of the agreements reached at the highest level", "the schedule of upcoming bilateral contacts",
    "Particular attention was paid to", "exchanged views on", "topical issues on the international agenda",
    "issues of mutual interest", "the current state and prospects of bilateral relations",
    "had an in-depth exchange of views on", "held talks with", "met with",
)
"""Protocol formulas that open or fill reports of any meeting: with people's names and roles they count for
nothing toward a match, so two reports of different meetings are never linked by them alone, however few
reports the archive holds (document frequency cannot tell a formula in ten reports)."""

_CONNECTORS = ("of", "the", "and")
"""Words that join formulas and names into one run (`… Central Committee and State Councilor and Foreign
Minister Wang Yi`)."""


@dataclass(frozen=True)
class _Folds:
    """For two folded passages: a key per token (which run a `NEUTRAL` stands for) and its original words."""

    keys_a: list[int]
    keys_b: list[int]
    lengths_a: list[int]
    lengths_b: list[int]


class _Neutral:
    """Folds each run of names, roles and formulas in a passage into one `NEUTRAL` token.

    A folded run counts for nothing toward a match; one run standing for another (`Xi asked …` /
    `The Chinese leader asked …`) is one changed word, so a reprint with a substitution stays a copy.
    """

    def __init__(self, phrases: Sequence[str], token_ids: _TokenIds) -> None:
        by_pair: dict[tuple[int, int], set[tuple[int, ...]]] = {}
        singles: set[int] = set()
        for phrase in phrases:
            ids = tuple(token_ids.of(phrase))
            if len(ids) == 1:
                singles.add(ids[0])
            elif ids:
                by_pair.setdefault((ids[0], ids[1]), set()).add(ids)
        # longest first, so `Wang Yi` beats `Wang`; a phrase's first two words find it without a scan
        self.by_pair = {pair: sorted(found, key=len, reverse=True) for pair, found in by_pair.items()}
        self.singles = frozenset(singles)
        self.connectors = frozenset(token_ids.of(" ".join(_CONNECTORS)))

    def _phrase_end(self, ids: list[int], i: int) -> int:
        for phrase in self.by_pair.get((ids[i], ids[i + 1]), ()) if i + 1 < len(ids) else ():
            if tuple(ids[i : i + len(phrase)]) == phrase:
                return i + len(phrase)
        return i + 1 if ids[i] in self.singles else i

    def fold(self, ids: list[int]) -> tuple[list[int], list[int], list[int]]:
        """Folded ids, each folded token's first original token, and a key per folded token that tells
        two different runs apart (the id itself for a word)."""
        by_pair, singles = self.by_pair, self.singles
        hits = [i for i, pair in enumerate(pairwise(ids)) if pair in by_pair]
        hits += [i for i, token in enumerate(ids) if token in singles]
        if not hits:
            return ids, list(range(len(ids))), ids
        out: list[int] = []
        starts: list[int] = []
        keys: list[int] = []
        i, n = 0, len(ids)
        for hit in sorted(set(hits)):
            end = self._phrase_end(ids, hit) if hit >= i else hit
            if end == hit:
                continue
            while True:  # P (connector+ P)* is one run; side by side (`… Xi. Lavrov said`) they stay two
                k = end
                while k < n and ids[k] in self.connectors:
                    k += 1
                further = self._phrase_end(ids, k) if end < k < n else k
                if further == k:
                    break
                end = further
            out.extend(ids[i:hit])
            starts.extend(range(i, hit))
            keys.extend(ids[i:hit])
            out.append(NEUTRAL)
            starts.append(hit)
            keys.append(hash(tuple(ids[hit:end])) & _ID_MASK)
            i = end
        out.extend(ids[i:])
        starts.extend(range(i, n))
        keys.extend(ids[i:])
        return out, starts, keys


def _shingles(ids: list[int]) -> list[int]:
    """Hashes of the word 5-grams of one passage, in order."""
    return list(map(hash, zip(ids, ids[1:], ids[2:], ids[3:], ids[4:], strict=False)))


_LOW32 = (1 << 32) - 1
_INCREMENT = bytes([*range(1, 256), 255])
"""Translation table: a sketch counter plus one, saturating at 255."""
_SKIP = 1 << 32
"""Stands in for a shingle that may not be a fingerprint; larger than any hash, so never a minimum."""


def _winnow(shingles: list[int]) -> set[int]:
    """Winnowed fingerprints: the minimum of every window of `_WINDOW` shingles (see the module
    docstring); windows of nothing but `_SKIP` give none."""
    s = shingles
    if len(s) <= _WINDOW:
        found = {min(s)} if s else set()
    else:
        found = set(map(min, zip(s, s[1:], s[2:], s[3:], s[4:], s[5:], s[6:], s[7:], strict=False)))
    found.discard(_SKIP)
    return found


# --------------------------------------------------------------------------------------------
# Verification


@dataclass(frozen=True)
class _Alignment:
    """Outcome of aligning two token lists: the matched region and what it means."""

    a_start: int  # token range in a; the whole passage when that side is fully covered
    a_end: int
    b_start: int
    b_end: int
    a_whole: bool
    b_whole: bool
    kind: MatchKind
    similarity: float
    changed_words: int


def _end_slack(n: int) -> int:
    return min(MAX_END_SLACK, max(2, round(END_SLACK_SHARE * n)))


_Block = tuple[int, int, int, int]
"""An equal run of an alignment: a[a0:a1] == b[b0:b1]."""


def _best_stretch(blocks: list[_Block]) -> tuple[int, list[_Block]]:
    """Best-scoring contiguous run of equal blocks (Kadane): +1 per aligned word, -1 per word of
    the longer side of each gap between blocks.  On a tie the longer region wins."""
    best = cur = 0
    best_lo = best_hi = cur_lo = 0
    prev_a = prev_b = 0
    for i, (a0, a1, b0, b1) in enumerate(blocks):
        gain = a1 - a0
        gap = max(a0 - prev_a, b0 - prev_b) if i else 0
        if cur - gap > 0:
            cur += gain - gap
        else:
            cur, cur_lo = gain, i
        if cur > best or (cur == best and cur_lo == best_lo):
            best, best_lo, best_hi = cur, cur_lo, i
        prev_a, prev_b = a1, b1
    return best, blocks[best_lo : best_hi + 1]


def _equal_blocks(a: list[int], b: list[int], reverse: bool) -> list[_Block]:
    """Equal runs of the Indel (LCS) alignment, in order; with `reverse`, of the reversed lists,
    mapped back.  An LCS is not unique: when a phrase of the shorter passage also occurs elsewhere
    in the longer one, one direction may scatter the match while the other keeps it together."""
    if not reverse:
        return [
            (op.src_start, op.src_end, op.dest_start, op.dest_end)
            for op in Indel.opcodes(a, b)
            if op.tag == "equal"
        ]
    la, lb = len(a), len(b)
    ops = list(Indel.opcodes(a[::-1], b[::-1]))
    return [
        (la - op.src_end, la - op.src_start, lb - op.dest_end, lb - op.dest_start)
        for op in reversed(ops)
        if op.tag == "equal"
    ]


def _informative_words(a: list[int], region: list[_Block], stock: Callable[[int], bool]) -> int:
    """Words of the region covered by an aligned 5-gram that is not a stock phrase's.

    A stock phrase plus a few words of common phrasing around it can reach MIN_MATCH_WORDS; what
    it cannot do is contain twelve words that sit in rarer 5-grams.
    """
    covered = 0
    last = -1  # last token index already counted
    for a0, a1, _b0, _b1 in region:
        if a1 - a0 < _SHINGLE:
            continue
        for j, h in enumerate(_shingles(a[a0:a1]), a0):
            if not stock(h):
                covered += j + _SHINGLE - max(j, last + 1)
                last = j + _SHINGLE - 1
    return covered


def _align(
    a: list[int],
    b: list[int],
    numbers: Set[int] = frozenset(),
    stock: Callable[[int], bool] | None = None,
    folds: _Folds | None = None,
) -> _Alignment | None:
    """Align two passages' token ids; return the match if it passes the thresholds.

    The global Indel (LCS) alignment is cut into equal blocks separated by gaps and the best
    contiguous stretch of it is the matched region (see `_best_stretch`).  This finds a quote
    inside a longer paragraph and bridges a changed word inside a copy, but does not let two
    distant stock phrases chain into a match.  `numbers` are the ids of numeric tokens: a short
    match with a changed number inside is a formula with other figures, not a copy.  `stock` tells
    whether a 5-gram hash belongs to a stock phrase (see `_informative_words`).  `folds` (see
    `_Neutral.fold`) tell folded names and formulas apart: those count for nothing toward a match, unless
    all of one passage stands in the other with the same names (then it is a copy, names included); one
    standing where another stood is one changed word.
    """
    len_a, len_b = len(a), len(b)
    if folds is None and (len_a < MIN_MATCH_WORDS or len_b < MIN_MATCH_WORDS):
        return None
    keys = (folds.keys_a, folds.keys_b) if folds else None
    if a == b:
        swapped = sum(x != y for x, y in zip(*keys, strict=True)) if keys else 0
        words = sum(folds.lengths_a) if folds and not swapped else len_a - a.count(NEUTRAL)
        if words < MIN_MATCH_WORDS:
            return None  # the same formula with other names: two different meetings
        kind: MatchKind = "near-verbatim" if swapped else "verbatim"
        return _Alignment(0, len_a, 0, len_b, True, True, kind, 1.0, swapped)
    # The LCS length bounds the aligned words of any region; most candidates fail here, cheaply.
    lcs = (len_a + len_b - Indel.distance(a, b)) // 2
    if folds is None and (lcs < MIN_MATCH_WORDS or (lcs < LONG_MATCH_WORDS and lcs < MIN_COVERAGE * min(len_a, len_b))):
        return None
    score, region = _best_stretch(_equal_blocks(a, b, reverse=False))
    if score < len_a - _end_slack(len_a) or score < len_b - _end_slack(len_b):  # not clearly whole
        score_r, region_r = _best_stretch(_equal_blocks(a, b, reverse=True))
        if score_r > score:
            region = region_r
    if not region:
        return None
    matched = sum(op[1] - op[0] for op in region)
    a_start, a_end = region[0][0], region[-1][1]
    b_start, b_end = region[0][2], region[-1][3]
    counted = matched - sum(a[op[0] : op[1]].count(NEUTRAL) for op in region)  # names and formulas: nothing
    contained = (a_start, a_end) == (0, len_a) or (b_start, b_end) == (0, len_b)  # every word, none left over
    same_names = contained and folds is not None and all(
        folds.keys_a[op[0] + k] == folds.keys_b[op[2] + k] for op in region for k in range(op[1] - op[0]))
    if same_names and folds:
        # all of one passage stands in the other with the same names: a copy, names included
        counted = sum(sum(folds.lengths_a[op[0] : op[1]]) for op in region)
    if counted < MIN_MATCH_WORDS:
        return None
    region_similarity = 2 * matched / (a_end - a_start + b_end - b_start)
    if region_similarity < MIN_SIMILARITY:
        return None
    if counted < LONG_MATCH_WORDS and matched < MIN_COVERAGE * min(len_a, len_b):
        return None
    inner_changes = 0
    if folds:
        inner_changes = sum(folds.keys_a[op[0] + k] != folds.keys_b[op[2] + k] for op in region
                            for k in range(op[1] - op[0]) if a[op[0] + k] == NEUTRAL)
    changed_number = False
    for prev, op in pairwise(region):
        inner_changes += max(op[0] - prev[1], op[2] - prev[3])
        if numbers and not changed_number:
            changed_number = any(t in numbers for t in a[prev[1] : op[0]]) or any(
                t in numbers for t in b[prev[3] : op[2]]
            )
    if counted < LONG_MATCH_WORDS and (
        inner_changes > MAX_CHANGES_SHORT or region_similarity < MIN_SIMILARITY_SHORT
    ):
        return None  # a short match must be close
    if changed_number and matched < NUMBER_CHANGE_MIN_WORDS:
        return None  # a formula with other figures filled in ("trade reached X billion"), not a copy
    a_whole = a_start + (len_a - a_end) <= _end_slack(len_a)
    b_whole = b_start + (len_b - b_end) <= _end_slack(len_b)
    if stock is not None and not (a_whole and b_whole) and not same_names:
        # A whole-passage copy is a copy even if its words are common phrasing: a passage made of
        # stock phrases only has no fingerprints and never gets here.  A part is judged stricter.
        if _informative_words(a, region, stock) < MIN_INFORMATIVE_WORDS:
            return None
    lead_a, trail_a = (a_start, len_a - a_end) if a_whole else (0, 0)
    lead_b, trail_b = (b_start, len_b - b_end) if b_whole else (0, 0)
    changed = inner_changes + max(lead_a, lead_b) + max(trail_a, trail_b)
    if a_whole:
        a_start, a_end = 0, len_a
    if b_whole:
        b_start, b_end = 0, len_b
    similarity = round(2 * matched / (a_end - a_start + b_end - b_start), 3)
    match_kind: MatchKind = "near-verbatim" if a_whole and b_whole else "partial"
    return _Alignment(a_start, a_end, b_start, b_end, a_whole, b_whole, match_kind, similarity, changed)


def _char_span(
    text: str, starts: list[int], ends: list[int], lo: int, hi: int, whole: bool
) -> tuple[int, int]:
    """Char range of tokens [lo, hi) in the original text, widened over attached punctuation
    (an opening quote, a closing full stop) so the compare view highlights what a reader expects."""
    if whole or not starts:
        return 0, len(text)
    start, end = starts[lo], ends[hi - 1]
    while start > 0 and not text[start - 1].isspace() and not text[start - 1].isalnum():
        start -= 1
    while end < len(text) and not text[end].isspace() and not text[end].isalnum():
        end += 1
    return start, end


def _parallel(pa: PassageText, pb: PassageText, al: _Alignment,
              folded: tuple[list[int], list[int]] | None = None) -> Parallel:
    """Turn a token-level alignment into the public record with char offsets.

    `folded` gives, for each side, the first original token of each folded token (see `_Neutral.fold`).
    """
    _, sa, ea = _tokens_with_offsets(pa.text)
    _, sb, eb = _tokens_with_offsets(pb.text)
    fa, fb = folded or (list(range(len(sa))), list(range(len(sb))))
    a0, a1 = _char_span(pa.text, sa, ea, *_original_range(fa, len(sa), al.a_start, al.a_end), al.a_whole)
    b0, b1 = _char_span(pb.text, sb, eb, *_original_range(fb, len(sb), al.b_start, al.b_end), al.b_whole)
    side: PartialSide | None = None
    if al.kind == "partial":
        side = "both" if not (al.a_whole or al.b_whole) else ("a" if not al.a_whole else "b")
    return Parallel(
        a=Span(pa.report_id, pa.anchor, a0, a1),
        b=Span(pb.report_id, pb.anchor, b0, b1),
        kind=al.kind,
        similarity=al.similarity,
        changed_words=al.changed_words,
        partial_side=side,
    )


def _lengths(starts: list[int], n_original: int) -> list[int]:
    """Original words behind each folded token."""
    return [end - start for start, end in zip(starts, [*starts[1:], n_original], strict=True)]


def _original_range(starts: list[int], n_original: int, lo: int, hi: int) -> tuple[int, int]:
    """Folded token range [lo, hi) as a range of the original tokens."""
    return (starts[lo] if lo < len(starts) else n_original), (starts[hi] if hi < len(starts) else n_original)


# --------------------------------------------------------------------------------------------
# The stage


def _sketch_size(n_items: int) -> int:
    """Power of two with ~4 slots per shingle occurrence, between 2^16 and 2^28 bytes."""
    size = 1 << 16
    while size < 4 * n_items and size < (1 << 28):
        size <<= 1
    return size


def _indexed_shingles(ids: list[int], folding: _Neutral) -> list[int]:
    """Low 32 bits of the shingles a passage is indexed by (pass 1): of its words and, for a short
    passage, of its words with neutral names folded too."""
    shingles = list(map(_LOW32.__and__, _shingles(ids)))
    if len(ids) <= SHORT_PASSAGE_WORDS:  # a longer copy shares a run of 12 words even with a name swapped
        folded = folding.fold(ids)[0]
        if len(folded) < len(ids):  # index the folded words too: a copy with a name swapped for a role
            shingles.extend(map(_LOW32.__and__, _shingles(folded)))
    return shingles


_Folded = tuple[list[int], list[int], list[int]]
"""A passage's token ids with neutral runs folded, where each starts, and what each stands for."""


def _verify(pa: PassageText, pb: PassageText, folded_a: _Folded, folded_b: _Folded, tokens: tuple[int, int],
            numbers: Set[int], stock: Callable[[int], bool]) -> Parallel | None:
    """Verify one candidate pair (`tokens`: each passage's word count before folding)."""
    (ids_a, starts_a, keys_a), (ids_b, starts_b, keys_b) = folded_a, folded_b
    folds = None
    if len(ids_a) < tokens[0] or len(ids_b) < tokens[1]:
        folds = _Folds(keys_a, keys_b, _lengths(starts_a, tokens[0]), _lengths(starts_b, tokens[1]))
    alignment = _align(ids_a, ids_b, numbers, stock, folds)
    return None if alignment is None else _parallel(pa, pb, alignment, (starts_a, starts_b))


def find_parallels(
    passages: Sequence[PassageText],
    *,
    progress: Callable[[int, int], None] | None = None,
    neutral: Sequence[str] = (),
    index: dict[str, object] | None = None,
) -> list[Parallel]:
    """All parallels between passages of different reports, sorted by (a, b) report_id and anchor.

    `progress(done, total)` is called now and then; `total` is three times the number of passages
    (shingling, indexing, verification on one scale) and the last call has done == total.
    `neutral`: names and role phrases (registered people's, say) that count for nothing toward a match,
    like the protocol `FORMULAS`; each run of them is folded into one token.
    Raises ValueError if two passages share (report_id, anchor).
    `index`, when given, receives the stage's index (sketch, shingles, postings), from which
    `generator.parallels_update` brings the result up to date when passages are added.
    """
    items = sorted(passages, key=lambda p: (p.report_id, p.anchor))
    n = len(items)
    for prev, cur in pairwise(items):
        if prev.report_id == cur.report_id and prev.anchor == cur.anchor:
            raise ValueError(f"duplicate passage {cur.report_id!r} / {cur.anchor!r}")
    total = 3 * n
    step = max(1, n // 100)

    def tick(done: int) -> None:
        if progress is not None:
            progress(done, total)

    # Pass 1: shingles of every passage, kept in one flat array (4 bytes each), and per report
    # added to a sketch of document frequency: one saturating byte counter per hash bucket.
    # Collisions only over-count, which at worst treats a rare shingle as a stock one.
    token_ids = _TokenIds()
    folding = _Neutral([*FORMULAS, *neutral], token_ids)
    report_of = array("l", bytes(8 * n))
    n_tokens = array("l", bytes(8 * n))
    sh_flat = array("I")  # low 32 bits of each shingle hash: all the sketch and the index need
    sh_offsets = array("q", [0])
    estimated = sum(len(p.text) for p in items) // 6
    size = _sketch_size(estimated)
    mask = size - 1
    sketch = bytearray(size)

    def count_report(shingles: array[int]) -> None:
        """Add one to the sketch counter of every distinct shingle bucket of one report.  Gather,
        translate and scatter all run in C: this touches every shingle of the archive, so a Python
        loop here would dominate the running time."""
        buckets = list(set(map(mask.__and__, shingles)))
        raised = bytes(map(sketch.__getitem__, buckets)).translate(_INCREMENT)
        deque(map(sketch.__setitem__, buckets, raised), maxlen=0)

    report_index = -1
    report_first = 0
    for pid, passage in enumerate(items):
        if pid == 0 or passage.report_id != items[pid - 1].report_id:
            if pid:
                count_report(sh_flat[report_first:])
            report_index += 1
            report_first = len(sh_flat)
        report_of[pid] = report_index
        ids = token_ids.of(passage.text)
        n_tokens[pid] = len(ids)
        sh_flat.extend(_indexed_shingles(ids, folding))
        sh_offsets.append(len(sh_flat))
        if pid % step == 0:
            tick(pid)
    if n:
        count_report(sh_flat[report_first:])
    tick(n)

    # Pass 2: fingerprints.  Shingles seen in one report only (cannot link anything) or in too many
    # (stock phrases) are blanked out *before* winnowing, so they can neither be chosen nor hide
    # the rare shingle next to them.  Postings map a fingerprint to a passage id until a second
    # passage shows up, then to a list.
    cap = MAX_REPORTS_PER_FINGERPRINT
    linking = bytes(1 if 2 <= v <= cap else 0 for v in range(256))
    postings: dict[int, int | list[int]] = {}
    for pid in range(n):
        shingles = sh_flat[sh_offsets[pid] : sh_offsets[pid + 1]].tolist()
        flags = bytes(map(sketch.__getitem__, map(mask.__and__, shingles))).translate(linking)
        if 1 in flags:
            blanked = [h if f else _SKIP for h, f in zip(shingles, flags, strict=True)]
            for h in _winnow(blanked):
                seen = postings.get(h)
                if seen is None:
                    postings[h] = pid
                elif isinstance(seen, int):
                    postings[h] = [seen, pid]
                else:
                    seen.append(pid)
        if pid % step == 0:
            tick(n + pid)
    if index is not None:
        index.update(sketch=sketch, shingles=sh_flat, offsets=sh_offsets, n_tokens=n_tokens, postings=postings)
    del sh_flat, sh_offsets

    # Candidate pairs: shared fingerprints, counted per pair key pa * n + pb (pa < pb).  The
    # report count is checked exactly here, the sketch having only estimated it.
    shared: dict[int, int] = {}
    for pids in postings.values():
        if isinstance(pids, int):
            continue
        reports = {report_of[p] for p in pids}
        if len(reports) < 2 or len(reports) > cap:
            continue
        for i, pa in enumerate(pids):
            ra = report_of[pa]
            for pb in pids[i + 1 :]:
                if report_of[pb] != ra:
                    key = pa * n + pb
                    shared[key] = shared.get(key, 0) + 1
    del postings
    candidates = sorted(
        key
        for key, count in shared.items()
        if count > 1 or min(n_tokens[key // n], n_tokens[key % n]) <= SHORT_PASSAGE_WORDS
    )
    del shared
    tick(2 * n)

    # Verification.  Token ids are recomputed for candidate passages only (cheap, and far less
    # memory than keeping every passage's tokens).
    id_cache: dict[int, tuple[list[int], list[int], list[int]]] = {}

    def ids_of(pid: int) -> tuple[list[int], list[int], list[int]]:
        cached = id_cache.get(pid)
        if cached is None:
            cached = id_cache[pid] = folding.fold(token_ids.of(items[pid].text))
        return cached

    def stock(h: int) -> bool:
        return sketch[h & mask] > cap  # mask < 2**32: the same bucket as the stored low bits

    found: list[Parallel] = []
    vstep = max(1, len(candidates) // 100)
    for k, key in enumerate(candidates):
        pa, pb = divmod(key, n)
        parallel = _verify(items[pa], items[pb], ids_of(pa), ids_of(pb), (n_tokens[pa], n_tokens[pb]),
                           token_ids.numbers, stock)
        if parallel is not None:
            found.append(parallel)
        if k % vstep == 0:
            tick(2 * n + n * k // len(candidates))
    tick(total)
    return found
