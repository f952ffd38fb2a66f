"""The held-out corpora `tests/fixtures/realworld-holdout/` and `tests/fixtures/realworld-holdout2/`: outlets
and styles the rules were not written against (see their READMEs). Each is well formed, and the generator gets
no value of it WRONG and refuses none of its sources (unknown is allowed: the held-out figures in the README's
"Metadata fidelity" are what it fills)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from bench.fidelity import CORPUS, load_gold, measure, normalise
from generator.errors import Problems
from generator.schemas import schema_problems
from generator.yamlfile import load_yaml

HOLDOUTS = [CORPUS.parent / "realworld-holdout", CORPUS.parent / "realworld-holdout2"]
FIELDS = ["date", "outlet", "place", "speakers", "attribution"]


def source_path(corpus: Path, stem: str) -> Path:
    return next(p for p in (corpus / "sources").glob(f"{stem}.*") if p.suffix in (".txt", ".html"))


def source_text(corpus: Path, stem: str) -> str:
    path = source_path(corpus, stem)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return normalise(text)


def stems(corpus: Path) -> set[str]:
    return {p.stem for p in (corpus / "sources").iterdir() if p.suffix in (".txt", ".html")}


@pytest.mark.parametrize("corpus", HOLDOUTS, ids=lambda p: p.name)
def test_holdout_is_big_and_shares_no_source_with_another_corpus(corpus: Path) -> None:
    gold = load_gold(corpus, None)
    assert len(gold.sources) >= 16
    others = [CORPUS] + [c for c in HOLDOUTS if c != corpus]
    assert not set(gold.sources) & set().union(*(stems(other) for other in others))
    assert {"edited", "verbatim", "partial"} <= {pair.kind for pair in gold.positives}
    assert gold.negatives


@pytest.mark.parametrize("corpus", HOLDOUTS, ids=lambda p: p.name)
def test_every_holdout_quote_stands_in_its_source_and_every_name_is_registered(corpus: Path) -> None:
    gold = load_gold(corpus, None)
    quotes = [(r.source, q) for r in gold.reports for q, _ in r.attributions] + gold.not_passages
    quotes += [side for pair in gold.positives + gold.negatives + gold.either for side in (pair.a, pair.b)]
    texts = {stem: source_text(corpus, stem) for stem in gold.sources}
    assert [(s, q) for s, q in quotes if normalise(q) not in texts[s]] == []
    people = {e["name"] for e in yaml.safe_load((corpus / "people.yml").read_text(encoding="utf-8"))}
    outlets = {e["name"] for e in yaml.safe_load((corpus / "outlets.yml").read_text(encoding="utf-8"))}
    for report in gold.reports:
        assert report.values.get("outlet") in outlets | {None}, report
        assert set(report.values.get("speakers") or ()) <= people, report
        assert {speaker for _, speaker in report.attributions} <= people | {None}, report
        line = source_path(corpus, report.source).read_text(encoding="utf-8").split("\n")[report.line - 1]
        assert line.strip(), report
    for path in sorted((corpus / "sources").glob("*.yml")):
        problems = Problems()
        schema_problems("sidecar", load_yaml(path, path.name), path.name, problems)
        assert problems.items == []


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("corpus", HOLDOUTS, ids=lambda p: p.name)
def test_holdout_has_no_wrong_value(holdout_results, corpus: Path, field: str) -> None:  # type: ignore[no-untyped-def]
    result = holdout_results(corpus)
    assert result.fields[field].wrong == 0, [m for m in result.misses if " wrong" in m]


@pytest.mark.parametrize("corpus", HOLDOUTS, ids=lambda p: p.name)
def test_holdout_links_no_formula_and_refuses_no_source(holdout_results, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    result = holdout_results(corpus)
    assert result.negatives_linked == 0
    assert result.precision >= 0.98
    assert not result.left_out


@pytest.fixture(scope="module")
def holdout_results():  # type: ignore[no-untyped-def]
    """One build per corpus, shared by the tests of this module."""
    results = {}

    def result_of(corpus: Path):  # type: ignore[no-untyped-def]
        if corpus not in results:
            results[corpus] = measure(None, corpus)
        return results[corpus]

    return result_of
