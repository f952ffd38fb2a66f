"""The search index the generator builds: postings that round-trip, shards in term order, facets that
agree with the reports, and payloads that cannot break out of their script."""

from __future__ import annotations

import bisect
import json
import random
import re
from types import SimpleNamespace
from typing import Any, cast

import pytest

from generator.addresses import SEARCH, SEARCH_MANIFEST, search_docs_shard, search_terms_shard
from generator.build import Archive, generate
from generator.models import Report
from generator.pieces import PACKING, pack, script, unpack
from generator.search_index import (
    DOCS_PER_SHARD,
    SHARD_BYTES,
    STOP_WORDS,
    build_search_index,
    docs_shards,
    js_order,
    ordered_reports,
    tokens,
)
from tests.conftest import FIXTURES, REPO, SEED, ProjectFactory

DIGITS = "[0-9A-Za-z!#$%&()*+;<=>?@^_`{|}~/=-]"  # base85's and base64's
PIECE = re.compile(r'^window\.__archiveSearch\.add\("(\w+)",(null|\d+|"[0-9a-z-]+"),"(' + DIGITS + r'*)"\);\n$')


def piece(text: str) -> tuple[str, object, object]:
    match = PIECE.match(text)
    assert match, text[:80]
    return match[1], json.loads(match[2]), unpack(match[1], match[3])


@pytest.fixture
def archive(make_project: ProjectFactory) -> Archive:
    return generate(make_project(SEED, FIXTURES / "sources" / "digest_tass_reuters_mfa.txt"))


def decode(encoded: str) -> list[int]:
    numbers, value = [], 0
    for gap in encoded.split(","):
        value += int(gap)
        numbers.append(value)
    return numbers


def test_tokens_fold_case_and_accents_and_leave_out_stop_words() -> None:
    assert tokens("The Élysée and Lavrov’s talks, 2024") == ["elysee", "lavrov", "talks", "2024"]
    assert tokens("Ðakovo ŁÓDŹ 北京 under_score") == ["ðakovo", "łodz", "北京", "under", "score"]
    assert not STOP_WORDS & set(tokens("it is of the and to a in"))


def test_every_posting_points_at_a_passage_holding_the_word(archive: Archive) -> None:
    index = build_search_index(archive.catalogue)
    _, _, manifest = piece(index[SEARCH_MANIFEST])
    assert isinstance(manifest, dict)
    reports = ordered_reports(archive.reports)
    texts = [text for r in reports for text in [r.title, *(p.block.text for p in r.passages)]]
    assert manifest["passages"] == len(texts) == sum(manifest["table"]["passages"])
    assert manifest["reports"] == len(reports)
    seen_terms = set()
    for number, start in enumerate(manifest["shards"]):
        kind, key, shard = piece(index[search_terms_shard(number)])
        assert (kind, key) == ("terms", number) and isinstance(shard, dict)
        end = manifest["shards"][number + 1] if number + 1 < len(manifest["shards"]) else None
        for term, encoded in shard.items():
            assert js_order(start) <= js_order(term) and (end is None or js_order(term) < js_order(end))
            for passage in decode(encoded):
                assert term in tokens(texts[passage])
            seen_terms.add(term)
    every_word = {word for text in texts for word in tokens(text)}
    assert seen_terms == every_word
    assert "kazakhstan" in seen_terms and "the" not in seen_terms


def test_shards_keep_to_their_size_budget(make_project: ProjectFactory) -> None:
    paragraphs = "\n\n".join(f"Word{n} alpha{n % 7} beta{n % 11} gamma{n} delta{n * 7}." for n in range(3000))
    project = make_project(texts={"sources/many.txt": f"Many words\n\nLONDON (Reuters) - {paragraphs}\n"})
    index = build_search_index(generate(project).catalogue)
    shards = [piece(text)[2] for path, text in index.items() if path.startswith(f"{SEARCH}/terms/")]
    assert len(shards) > 3
    assert max(len(json.dumps(shard, separators=(",", ":"))) for shard in shards) < SHARD_BYTES + 2_000


def test_reports_are_numbered_newest_first_and_the_facet_table_agrees(archive: Archive) -> None:
    index = build_search_index(archive.catalogue)
    _, _, manifest = piece(index[SEARCH_MANIFEST])
    assert isinstance(manifest, dict)
    reports = ordered_reports(archive.reports)
    dated = [str(r.date) for r in reports if r.date is not None]
    assert dated == sorted(dated, reverse=True) and reports[-1].date is None
    table = manifest["table"]
    doc_starts = [sum(manifest["docs"]["count"][:n]) for n in range(len(manifest["docs"]["count"]) + 1)]
    assert doc_starts[-1] == len(reports) and len(index) == len(manifest["shards"]) + len(doc_starts) + 1
    linked = {report_id for report_id, _ in archive.catalogue.links}
    for number, report in enumerate(reports):
        outlet = table["outlet"][number]
        assert (manifest["outlets"][outlet][0] if outlet >= 0 else None) == report.outlet
        start = sum(table["speakers"]["count"][:number])
        speakers = table["speakers"]["values"][start:start + table["speakers"]["count"][number]]
        assert [manifest["people"][s][0] for s in speakers] == list(report.speakers)
        assert table["parallels"][number] == (report.id in linked)
        month = table["month"][number]
        assert (manifest["months"][month] if month >= 0 else None) == (str(report.date)[:7] if report.date else None)
        shard = next(s for s, start in enumerate(doc_starts) if start > number) - 1
        kind, name, docs = piece(index[search_docs_shard(manifest["docs"]["names"][shard])])
        assert (kind, name) == ("docs", manifest["docs"]["names"][shard]) and isinstance(docs, list)
        doc = docs[number - doc_starts[shard]]
        assert doc[0] == report.id and [p[0] for p in doc[3]] == [p.anchor for p in report.passages]
    assert any(table["parallels"])


def test_index_text_cannot_end_its_script() -> None:
    hostile = ["</script><script>alert(1)</script>", "line\u2028break", "<!-- x -->"]
    for kind in PACKING:
        text = script(kind, "0a1b", hostile)
        payload = text.split(",")[-1]
        assert "</" not in payload and "\\" not in payload and "\u2028" not in payload
        assert payload.count('"') == 2 and payload.endswith('");\n')
        assert piece(text) == (kind, "0a1b", hostile)


def test_adding_reports_never_takes_a_docs_shard_name_away() -> None:
    """A docs shard gone from `content/` makes MkDocs build the whole site again: adding reports, in
    any order, may add a shard or change one (cut in two at most), never remove a name."""
    rng = random.Random(7)
    ids = [f"{rng.randint(2000, 2025)}-report-{n}" for n in range(800)]
    present: list[Report] = []
    shards = docs_shards(present)
    for report_id in ids:
        bisect.insort(present, cast(Report, SimpleNamespace(id=report_id)), key=lambda r: r.id)
        after = docs_shards(present)
        names = {name for name, _ in shards}
        assert names <= {name for name, _ in after}
        changed = [name for name, run in after if (name, run) not in shards]
        assert 1 <= len(changed) <= 2
        shards = after
    assert 800 / len(shards) > DOCS_PER_SHARD / 2 and [r.id for _, run in shards for r in run] == sorted(ids)


@pytest.mark.browser
def test_the_browser_reads_every_packing_back(page: Any) -> None:
    """`archive-search.js` decodes base85 (every length of a last group) and base64, and inflates, to
    what Python packed: its decoding functions, run on a blank page."""
    script_source = (REPO / "site_overrides" / "assets" / "archive-search.js").read_text(encoding="utf-8")
    decoder = script_source[script_source.index("  var DIGITS"):script_source.index("  window.__archiveSearch")]
    cases = [[n, "é" * n, bytes(range(n)).hex()] for n in range(12)]
    for kind in PACKING:
        packed = [pack(kind, case) for case in cases]
        assert len({len(text) % 5 for text in packed}) >= 4 or kind != "docs"
        unpacked = page.evaluate(f"(packed) => {{ {decoder}; return Promise.all(packed.map("
                                 f"p => unpack({json.dumps(kind)}, p))); }}", packed)
        assert unpacked == cases
