"""Golden outputs of `citewatch parse` for the sample article (regenerate with --regen-golden)."""

from __future__ import annotations

from pathlib import Path

from claims.article import read_article
from reports.article_json import article_json
from reports.csl import notes_to_csl

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample" / "danube-ports.txt"


def test_sample_article_parse_matches_golden(golden) -> None:  # type: ignore[no-untyped-def]
    data = article_json(read_article(SAMPLE))
    data["article"]["path"] = "sample/danube-ports.txt"
    golden("danube-ports.article.json", data)


def test_sample_citations_csl_matches_golden(golden) -> None:  # type: ignore[no-untyped-def]
    golden("danube-ports.csl.json", notes_to_csl(read_article(SAMPLE).notes))


def test_short_forms_carry_the_csl_id_of_their_full_citation() -> None:
    data = article_json(read_article(SAMPLE))
    notes = {n["number"]: n for n in data["notes"]}
    assert notes[7]["citations"][0]["csl_id"] == "note6-0"  # Ibid.
    assert notes[14]["citations"][0]["csl_id"] == "note8-0"  # Dimitrov, "Small Ports...", p. 210
    assert notes[4]["citations"][1]["csl_id"] == "note3-0"
