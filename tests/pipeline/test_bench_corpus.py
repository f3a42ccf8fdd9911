"""The scale benchmark's corpus and harness on one tiny article: correctness only, never timings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from claims.article import read_article
from pipeline.bench_corpus import STAGES, Size, corpus_sites, gather_local, run_size, write_article
from sources.model import LinkState


def test_tiny_corpus_parses_and_every_cited_url_gets_a_state(tmp_path: Path) -> None:
    with corpus_sites(2) as (site, server):
        plan = write_article(tmp_path / "a.txt", 0, 5, site, server, seed=1)
        article = read_article(plan.path)
        sources = gather_local(article, tmp_path / "archive", dt.datetime.now(dt.UTC))
    assert len(article.notes) == plan.notes == 5
    assert "dead" in plan.urls.values()
    assert {s.url for s in sources} == set(plan.urls)
    states = {s.url: s.state for s in sources}
    for url, kind in plan.urls.items():
        if kind == "dead":
            assert states[url] is LinkState.FAILING, url
        elif kind == "fact":
            assert states[url] is LinkState.OK, url


def test_a_size_run_reports_every_stage_and_counts_urls_and_claims() -> None:
    figures = run_size(Size(articles=1, notes=5, hosts=2))
    assert {f"{s}_s" for s in STAGES} <= figures.keys()
    assert figures["notes"] == 5 and figures["claims"] == 5
    assert figures["urls"] == sum(figures["states"].values()) == 4
    assert figures["dominant"] in STAGES
