"""The held-out corpus `tests/fixtures/realworld-holdout/`: outlets and styles the rules were not written
against (see its README). It is well formed, and the generator gets no value of it WRONG (unknown is allowed:
the held-out figures in the README's "Metadata fidelity" are what it fills)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from bench.fidelity import CORPUS, load_gold, measure, normalise
from generator.schemas import schema_problems
from generator.yamlfile import load_yaml

HOLDOUT = CORPUS.parent / "realworld-holdout"
SOURCES = HOLDOUT / "sources"


def source_path(stem: str) -> Path:
    return next(p for p in SOURCES.glob(f"{stem}.*") if p.suffix in (".txt", ".html"))


def source_text(stem: str) -> str:
    text = source_path(stem).read_text(encoding="utf-8")
    if source_path(stem).suffix == ".html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return normalise(text)


def test_holdout_is_big_and_uses_none_of_the_tuning_corpus_sources() -> None:
    gold = load_gold(HOLDOUT, None)
    assert len(gold.sources) >= 16
    assert not set(gold.sources) & {p.stem for p in (CORPUS / "sources").iterdir()}
    assert {"edited", "verbatim", "partial"} <= {pair.kind for pair in gold.positives}
    assert gold.negatives


def test_every_holdout_quote_stands_in_its_source_and_every_name_is_registered() -> None:
    gold = load_gold(HOLDOUT, None)
    quotes = [(r.source, q) for r in gold.reports for q, _ in r.attributions] + gold.not_passages
    quotes += [side for pair in gold.positives + gold.negatives + gold.either for side in (pair.a, pair.b)]
    texts = {stem: source_text(stem) for stem in gold.sources}
    assert [(s, q) for s, q in quotes if normalise(q) not in texts[s]] == []
    people = {e["name"] for e in yaml.safe_load((HOLDOUT / "people.yml").read_text(encoding="utf-8"))}
    outlets = {e["name"] for e in yaml.safe_load((HOLDOUT / "outlets.yml").read_text(encoding="utf-8"))}
    for report in gold.reports:
        assert report.values.get("outlet") in outlets | {None}, report
        assert set(report.values.get("speakers") or ()) <= people, report
        assert {speaker for _, speaker in report.attributions} <= people | {None}, report
        assert source_path(report.source).read_text(encoding="utf-8").split("\n")[report.line - 1].strip(), report
    for path in sorted(SOURCES.glob("*.yml")):
        assert schema_problems("sidecar", load_yaml(path, path.name), path.name) == []


@pytest.mark.parametrize("field", ["date", "outlet", "place", "speakers", "attribution"])
def test_holdout_has_no_wrong_value(holdout_result, field: str) -> None:  # type: ignore[no-untyped-def]
    assert holdout_result.fields[field].wrong == 0, [m for m in holdout_result.misses if " wrong" in m]


def test_holdout_links_no_formula_and_refuses_no_source(holdout_result) -> None:  # type: ignore[no-untyped-def]
    assert holdout_result.negatives_linked == 0
    assert holdout_result.precision >= 0.98
    assert not holdout_result.left_out


@pytest.fixture(scope="module")
def holdout_result():  # type: ignore[no-untyped-def]
    return measure(None, HOLDOUT)
