"""Canonical URL keys (SURT): archive lookups, dedupe and link history match URL variants."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from localsite import LocalSite

from sources.archive import Archive
from sources.collect import CitedUrl, SourcesSettings, collect_sources
from sources.model import FetchResult, LinkState, StateChange
from sources.settings import FetchSettings, WaybackSettings
from sources.urlkey import url_key

NOW = dt.datetime.now(dt.UTC)
PAGE = (
    b"<html><head><title>T</title></head><body><p>"
    + b"Words of a page. " * 40
    + b"</p></body></html>"
)


def test_url_key_ignores_scheme_www_case_fragment_and_query_order() -> None:
    key = url_key("https://example.org/a?a=1&b=2")
    for variant in (
        "http://example.org/a?b=2&a=1",
        "HTTPS://WWW.Example.ORG/a?a=1&b=2#section-2",
        "https://example.org:443/a?a=1&b=2",
    ):
        assert url_key(variant) == key
    assert url_key("https://example.org/b") != key
    assert url_key("http://127.0.0.1:8001/a") != url_key("http://127.0.0.1:8002/a")


def test_archive_lookups_and_history_find_every_spelling(tmp_path: Path) -> None:
    stored = "http://www.Example.org/report?id=7#top"
    with Archive.open(tmp_path / "a") as archive:
        archive.store(FetchResult(stored, NOW, stored, 200, body=PAGE, content_type="text/html"))
        archive.record_state(StateChange(stored, NOW, LinkState.OK, 200, "HTTP 200"))
        asked = "https://example.org/report?id=7"
        assert archive.has(asked)
        (snapshot,) = archive.snapshots(asked)
        assert snapshot.url == stored  # the snapshot keeps the URL as fetched
        assert archive.latest(asked) == snapshot
        assert [c.state for c in archive.state_history(asked)] == [LinkState.OK]


def test_an_index_made_before_keys_gets_them_on_open(tmp_path: Path) -> None:
    root = tmp_path / "a"
    url = "https://example.org/old"
    with Archive.open(root) as archive:
        archive.store(FetchResult(url, NOW, url, 200, body=PAGE, content_type="text/html"))
        archive.record_state(StateChange(url, NOW, LinkState.OK, 200, "HTTP 200"))
    db = sqlite3.connect(root / "index.sqlite")  # as an older citewatch left it: no keys
    for table in ("snapshots", "link_states"):
        db.execute(f"UPDATE {table} SET urlkey = NULL")
    db.commit()
    db.close()
    with Archive.open(root) as archive:
        assert archive.has("http://www.example.org/old")
        assert archive.state_history("HTTP://EXAMPLE.ORG/old#x")


def test_two_spellings_of_one_cited_url_are_fetched_once(tmp_path: Path) -> None:
    settings = SourcesSettings(
        fetch=FetchSettings(allow_loopback=True, min_gap=0.0, retries=0),
        wayback=WaybackSettings(enabled=False),
        network_probe=None,
        probe_siblings=False,
    )
    with LocalSite() as site, Archive.open(tmp_path / "a") as archive:
        url = site.add("/Story", PAGE, headers={"Content-Type": "text/html"})
        cited = [CitedUrl(url, (1,)), CitedUrl(url + "#para-3", (2,))]
        sources = collect_sources(cited, archive, settings, now=NOW)
        assert site.hits["/Story"] == 1
        assert [s.url for s in sources] == [url, url + "#para-3"]  # printed as cited
        assert [s.state for s in sources] == [LinkState.OK, LinkState.OK]
