"""Tests of the parallel-passage stage on snippets of the seed compilation.

The literals below are copied from content/sources/000_600d39537292fdeb.txt: the editor's article
(lines 1-45), the Xinhua reports (lines 49-118) and the ministry transcript (lines 121-179).
"""

from __future__ import annotations

import random

import pytest

from generator.parallels import Parallel, PassageText, find_parallels, normalise
from generator.render.compare import word_diff

# editor line 5, third sentence, and Xinhua line 55: neighbours / neighbors
NEIGHBOURS = (
    "Noting that this year marks the 75th anniversary of the establishment of diplomatic ties between the "
    "two countries, Xi said China and Russia have embarked on a new path of harmonious coexistence and "
    "win-win cooperation between major countries and neighbours, which has benefited the two countries and "
    "their peoples and contributed wisdom and strength to international fairness and justice."
)
NEIGHBORS = NEIGHBOURS.replace("neighbours", "neighbors")

# editor line 13 / Xinhua line 65: "He said" / "Lavrov said"
EDITOR_13 = (
    "Lavrov conveyed President Putin’s cordial greetings and good wishes to President Xi. He said that under "
    "the strong leadership of President Xi, China has made achievements that have attracted global attention "
    "and provided important opportunities for other countries to achieve common development, which Russia "
    "deeply admires."
)
XINHUA_65 = EDITOR_13.replace("He said", "Lavrov said")

# editor line 15 / Xinhua line 69 (identical in the seed; a variant with a changed subject is made below)
EDITOR_15 = (
    "He added that Russia is willing to earnestly implement the important consensus reached by the two heads "
    "of state, strengthen bilateral and multilateral coordination, and work with other countries of the "
    "Global South to strengthen solidarity and cooperation in order to contribute to creating a more fair "
    "and just international order."
)

# editor line 37 / transcript line 143: dropped opening clause, "which has lost" / "which lost"
EDITOR_37 = (
    "Regarding the Shanghai Cooperation Organisation, Lavrov said that: “In June, the People’s Republic of "
    "China will replace Kazakhstan as the SCO chair. There are promising opportunities to align the SCO "
    "agendas for advancing this vast Eurasian region with the BRICS programmes, which advocate similar "
    "ideals "
    "and principles on a global scale. This alignment serves to advance the interests of Asia, Africa, and "
    "Latin America, especially amid the declining Western globalisation model which has lost almost all of "
    "its credibility."
)
MFA_143 = (
    "We discussed cooperation within the Shanghai Cooperation Organisation. In June, the People’s Republic "
    "of "
    "China will replace Kazakhstan as the SCO chair. There are promising opportunities to align the SCO "
    "agendas for advancing this vast Eurasian region with the BRICS programmes, which advocate similar "
    "ideals "
    "and principles on a global scale. This alignment serves to advance the interests of Asia, Africa, and "
    "Latin America, especially amid the declining Western globalisation model which lost almost all of its "
    "credibility."
)

# editor line 45 quotes the second half of transcript line 163
EDITOR_45 = (
    "“We will address them within the framework of BRICS and the SCO. At a time when the United States and "
    "its satellites are capable of disrupting steady financing, logistics, transport and investment chains "
    "at any moment, it is time to think about how these issues, such as transition to national currencies, "
    "creating alternative payment platforms, including the decisions in this regard adopted within BRICS, "
    "and "
    "the activities of regional organisations such as the above-mentioned SCO and CELAC (the Community of "
    "Latin American and Caribbean States), can be considered and addressed by different entities.”"
)
MFA_163_LEAD = (
    "My colleague covered in detail the specific economic problems created by the unlawful policy of "
    "unilateral sanctions. "
)
MFA_163 = MFA_163_LEAD + (
    "We will address them within the framework of BRICS and the SCO. At a time when the United States and "
    "its satellites are capable of disrupting steady financing, logistics, transport and investment chains "
    "at any moment, it is time to think about how these issues, such as transition to national currencies, "
    "creating alternative payment platforms, including the decisions in this regard adopted within BRICS, "
    "and "
    "the activities of regional organisations such as the above-mentioned SCO and CELAC, can be considered "
    "and addressed by different entities."
)

# editor bullet line 25 is one passage; here the other side splits it into two paragraphs
BULLET_25 = (
    "  • The two countries should always stay on the right course on major matters of principle. As "
    "permanent members of the UN Security Council and major emerging countries, China and Russia actively "
    "respond to the common aspirations and legitimate concerns of the people of all countries, advocate a "
    "new path of state-to-state relations featuring dialogue and partnership rather than confrontation and "
    "alliance, and actively promote the building of a community with a shared future for humanity."
)
SPLIT_1 = "The two countries should always stay on the right course on major matters of principle."
SPLIT_2 = BULLET_25.split("principle. ", 1)[1]

BULLET_23 = "  • The two countries should always follow the strategic guidance of head-of-state diplomacy."
XINHUA_90 = "The two countries should always follow the strategic guidance of head-of-state diplomacy."


def links(passages: list[PassageText]) -> dict[tuple[str, str, str, str], Parallel]:
    return {(p.a.report_id, p.a.anchor, p.b.report_id, p.b.anchor): p for p in find_parallels(passages)}


def only(passages: list[PassageText]) -> Parallel:
    found = find_parallels(passages)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------------------------
# normalise


def test_normalise_folds_spelling_quotes_and_punctuation() -> None:
    text = "“Neighbours”\u00a0of the Shanghai Cooperation Organisation —  its globalisation, People’s centre"
    norm, offsets = normalise(text)
    assert norm == "neighbors of the shanghai cooperation organization its globalization peoples center"
    assert len(offsets) == len(norm)


def test_normalise_offsets_point_into_the_original_words() -> None:
    norm, offsets = normalise(EDITOR_37)
    assert offsets == sorted(offsets)
    for ch, off in zip(norm, offsets, strict=True):
        if ch == " ":
            assert not EDITOR_37[off].isalnum()
        elif ch != "z":  # the z of a folded -isation stands on the original s
            assert EDITOR_37[off].casefold() == ch
    start = norm.index("organization")
    assert EDITOR_37[offsets[start] : offsets[start + len("organization") - 1] + 1] == "Organisation"
    start = norm.index("peoples")
    assert EDITOR_37[offsets[start] : offsets[start + len("peoples") - 1] + 1] == "People’s"


def test_normalise_neighbours_maps_to_the_original_word() -> None:
    norm, offsets = normalise(NEIGHBOURS)
    i = norm.index("neighbors")
    assert NEIGHBOURS[offsets[i] : offsets[i + len("neighbors") - 1] + 1] == "neighbours"


# --------------------------------------------------------------------------------------------
# kinds of parallel


def test_verbatim_bullet_against_plain_paragraph() -> None:
    p = only([PassageText("editor", "p23", BULLET_23), PassageText("xinhua", "p90", XINHUA_90)])
    assert (p.kind, p.similarity, p.changed_words, p.partial_side) == ("verbatim", 1.0, 0, None)
    assert (p.a.start, p.a.end) == (0, len(BULLET_23))


def test_neighbours_and_curly_quotes_are_verbatim_after_normalisation() -> None:
    straight = NEIGHBORS.replace("’", "'").replace("win-win", "win–win")
    p = only([PassageText("editor", "p5", NEIGHBOURS), PassageText("xinhua", "p55", straight)])
    assert p.kind == "verbatim"


def test_changed_subject_word_is_near_verbatim() -> None:
    p = only(
        [PassageText("editor", "p13", EDITOR_13), PassageText("xinhua", "p65", XINHUA_65.replace("’", "'"))]
    )
    assert (p.kind, p.changed_words, p.partial_side) == ("near-verbatim", 1, None)
    assert 0.95 < p.similarity < 1


def test_changed_opening_words_are_near_verbatim() -> None:
    other = EDITOR_15.replace("He added that", "Lavrov said that")
    p = only([PassageText("editor", "p15", EDITOR_15), PassageText("xinhua", "p69", other)])
    assert (p.kind, p.changed_words) == ("near-verbatim", 2)
    assert (p.a.start, p.a.end, p.b.start, p.b.end) == (0, len(EDITOR_15), 0, len(other))


def test_dropped_opening_clause_is_near_verbatim() -> None:
    p = only([PassageText("editor", "p37", EDITOR_37), PassageText("mfa", "p143", MFA_143)])
    assert p.kind == "near-verbatim"
    assert 1 <= p.changed_words <= 10
    assert p.similarity > 0.9


def test_partial_quote_of_the_second_half_of_a_paragraph() -> None:
    p = only([PassageText("editor", "p45", EDITOR_45), PassageText("mfa", "p163", MFA_163)])
    assert (p.kind, p.partial_side) == ("partial", "b")
    assert (p.a.start, p.a.end) == (0, len(EDITOR_45))
    assert p.b.start == len(MFA_163_LEAD)
    assert MFA_163[p.b.start :].startswith("We will address them")
    assert p.b.end == len(MFA_163)
    assert p.changed_words == 8  # the editor's "(the Community of Latin American and Caribbean States)"


def test_split_paragraph_links_each_part() -> None:
    found = links(
        [
            PassageText("editor", "p25", BULLET_25),
            PassageText("xinhua", "p94", SPLIT_1),
            PassageText("xinhua", "p95", SPLIT_2),
        ]
    )
    assert set(found) == {("editor", "p25", "xinhua", "p94"), ("editor", "p25", "xinhua", "p95")}
    first, second = found[("editor", "p25", "xinhua", "p94")], found[("editor", "p25", "xinhua", "p95")]
    assert first.kind == second.kind == "partial"
    assert first.partial_side == second.partial_side == "a"
    assert BULLET_25[first.a.start : first.a.end] == SPLIT_1
    assert BULLET_25[second.a.start : second.a.end] == SPLIT_2


# --------------------------------------------------------------------------------------------
# what must not be linked


def test_stock_phrase_alone_is_not_a_link() -> None:
    passages = [
        PassageText("editor", "p15", EDITOR_15),
        PassageText(
            "xinhua",
            "p80",
            "Wang said China is willing to work with Russia, in accordance with the important consensus "
            "reached "
            "by the two heads of state, to strengthen the synergy of the two countries’ development plans "
            "and "
            "promote practical cooperation in various fields.",
        ),
        PassageText(
            "tass",
            "p3",
            "The ministers agreed to implement the important consensus reached by the two heads of state "
            "and to "
            "expand trade in agricultural products, energy and machinery before the end of the year.",
        ),
    ]
    assert find_parallels(passages) == []


def test_passages_of_the_same_report_are_never_linked() -> None:
    passages = [PassageText("editor", "p23", BULLET_23), PassageText("editor", "p24", XINHUA_90)]
    assert find_parallels(passages) == []


def test_duplicate_anchor_is_an_error() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        find_parallels([PassageText("r", "p1", "x"), PassageText("r", "p1", "y")])


# --------------------------------------------------------------------------------------------
# determinism and progress


def seed_passages() -> list[PassageText]:
    return [
        PassageText("editor", "p5", NEIGHBOURS),
        PassageText("editor", "p13", EDITOR_13),
        PassageText("editor", "p15", EDITOR_15),
        PassageText("editor", "p23", BULLET_23),
        PassageText("editor", "p25", BULLET_25),
        PassageText("editor", "p37", EDITOR_37),
        PassageText("editor", "p45", EDITOR_45),
        PassageText("xinhua", "p55", NEIGHBORS),
        PassageText("xinhua", "p65", XINHUA_65),
        PassageText("xinhua", "p69", EDITOR_15),
        PassageText("xinhua", "p90", XINHUA_90),
        PassageText("xinhua", "p94", SPLIT_1),
        PassageText("xinhua", "p95", SPLIT_2),
        PassageText("mfa", "p143", MFA_143),
        PassageText("mfa", "p163", MFA_163),
    ]


def test_output_does_not_depend_on_input_order() -> None:
    passages = seed_passages()
    expected = find_parallels(passages)
    assert len(expected) == 8
    keys = [(p.a.report_id, p.a.anchor, p.b.report_id, p.b.anchor) for p in expected]
    assert keys == sorted(keys)
    for seed in range(5):
        shuffled = list(passages)
        random.Random(seed).shuffle(shuffled)
        assert find_parallels(shuffled) == expected


def test_progress_ends_at_total() -> None:
    calls: list[tuple[int, int]] = []
    find_parallels(seed_passages(), progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1] == 3 * len(seed_passages())
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


# --------------------------------------------------------------------------------------------
# word_diff


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (NEIGHBOURS, NEIGHBORS),
        (EDITOR_37, MFA_143),
        (EDITOR_45, MFA_163),
        ("China and Russia will continue  to defend", "  China and Russia will continue to defend "),
        ("", "text"),
    ],
)
def test_word_diff_reconstructs_both_texts(a: str, b: str) -> None:
    diff = word_diff(a, b)
    assert "".join(t for tag, t in diff if tag != "insert") == a
    assert "".join(t for tag, t in diff if tag != "delete") == b
    assert all(t for _, t in diff)


def test_word_diff_shows_spelling_and_quote_changes() -> None:
    diff = word_diff(NEIGHBOURS, NEIGHBORS)
    assert ("delete", "neighbours") in diff
    assert ("insert", "neighbors") in diff
    diff = word_diff("Putin’s cordial greetings", "Putin's cordial greetings")
    assert diff == [("equal", "Putin"), ("delete", "’"), ("insert", "'"), ("equal", "s cordial greetings")]
