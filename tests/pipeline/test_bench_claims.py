"""The claims benchmark's corpus and harness, on a tiny corpus: correctness only, never timings."""

from __future__ import annotations

import json
from pathlib import Path

from claims.extract import find_facts
from claims.facts import FactKind, Verdict
from pipeline.bench_claims import PLANS, main, make_corpus, run_claims_benchmark


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another() -> None:
    assert make_corpus(50, 20, seed=1) == make_corpus(50, 20, seed=1)
    assert make_corpus(50, 20, seed=2) != make_corpus(50, 20, seed=1)


def test_pages_are_about_ten_kilobytes_in_the_four_languages() -> None:
    pages, _ = make_corpus(1, 40, seed=1)
    assert all(9_000 <= len(p.text) <= 12_000 and p.events for p in pages)
    assert {p.lang for p in pages} == {"en", "tr", "sr", "sq"}
    assert len({p.url for p in pages}) == 40


def test_each_claim_cites_one_or_two_pages_and_states_a_date_a_figure_and_a_country() -> None:
    pages, claims = make_corpus(50, 20, seed=1)
    assert {c.plan for c in claims} == set(PLANS)
    for claim in claims:
        assert 1 <= len(claim.docs) <= 2 and all(0 <= i < len(pages) for i in claim.docs)
        kinds = {f.kind for f in find_facts(claim.text)}
        assert {FactKind.DATE, FactKind.FIGURE, FactKind.PARTY} <= kinds, claim.text


def test_every_claim_gets_a_verdict() -> None:
    figures = run_claims_benchmark(claims=50, docs=20, seed=1)
    assert sum(figures["verdicts"].values()) == 50
    assert set(figures["verdicts"]) <= {str(v) for v in Verdict}
    assert sum(sum(v.values()) for v in figures["verdicts_by_plan"].values()) == 50
    assert figures["pairs"] >= 50 and figures["windows"] > 20
    assert {"prepare_s", "check_s", "raw_rapidfuzz_s", "matcher_ratio", "cores"} <= figures.keys()


def test_command_writes_the_figures_as_json(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    assert main(["--claims", "10", "--docs", "5", "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert (figures["claims"], figures["docs"]) == (10, 5)
