"""The claim check on the claim corpus: the brief's article against pages written in the
sources' languages (tests/data/claimcorpus), packed as a WARC, scored against its truth file.
`python -m pipeline.bench_verdicts` prints the same figure with each miss."""

from __future__ import annotations

import json

import pytest

from pipeline.bench_verdicts import ARTICLE, CORPUS, score_corpus

pytestmark = pytest.mark.skipif(
    not ARTICLE.is_file(), reason=f"the brief's article is not at {ARTICLE} (../shared)"
)


def test_the_corpus_covers_forty_claims_in_every_language_of_the_sources() -> None:
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))["claims"]
    assert len(truth) >= 40
    pages = (CORPUS / "pages.py").read_text(encoding="utf-8")
    for lang in ("en", "tr", "sr", "sr-Cyrl", "bs", "hr", "sq", "bg", "mk", "ro"):
        assert f'"{lang}",' in pages, lang
    verdicts = {c["verdict"] for c in truth}
    assert {"supported", "partly-supported", "contradicted"} <= verdicts


def test_verdicts_are_right_and_nothing_is_falsely_contradicted() -> None:
    scored = score_corpus()
    assert not scored.missing, scored.missing
    assert scored.false_contradictions == (), scored.wrong
    assert scored.share >= 0.95, scored.wrong
