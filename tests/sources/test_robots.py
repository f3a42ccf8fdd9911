"""robots.txt: read once per host per run, archived, obeyed by verify and by the link check."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from localsite import LocalSite

from sources.archive import Archive
from sources.collect import CitedUrl, SourcesSettings, check_links, collect_sources
from sources.model import FetchError, FetchResult, LinkState, StateChange
from sources.robots import Robots, robots_url
from sources.settings import FetchSettings, WaybackSettings

PAGE = (
    b"<html><head><title>T</title></head><body><p>"
    + b"A page of text. " * 50
    + b"</p></body></html>"
)
HTML = {"Content-Type": "text/html"}
ROBOTS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: citewatch\nDisallow: /members\n"
NOW = dt.datetime.now(dt.UTC)
SETTINGS = SourcesSettings(
    fetch=FetchSettings(allow_loopback=True, min_gap=0.0, retries=0, deadline=5),
    wayback=WaybackSettings(enabled=False),
    network_probe=None,
)


def _site(site: LocalSite) -> list[str]:
    site.add("/robots.txt", ROBOTS, headers={"Content-Type": "text/plain"})
    return [
        site.add("/open", PAGE, headers=HTML),
        site.add("/members/list", PAGE, headers=HTML),  # the group naming citewatch applies
        site.add("/private/x", PAGE, headers=HTML),
    ]


def test_verify_reads_robots_once_archives_it_and_blocks_what_it_disallows(
    tmp_path: Path,
) -> None:
    with LocalSite() as site, Archive.open(tmp_path / "a") as archive:
        urls = _site(site)
        cited = [CitedUrl(url, (i + 1,)) for i, url in enumerate(urls)]
        sources = collect_sources(cited, archive, SETTINGS, now=NOW)
        assert site.hits["/robots.txt"] == 1
        assert site.hits["/members/list"] == 0  # the group naming citewatch, not `*`, applies
        assert site.hits["/private/x"] == 1  # `*` does not apply when citewatch has its group
        assert [s.state for s in sources] == [LinkState.OK, LinkState.BLOCKED, LinkState.OK]
        assert sources[1].detail.startswith("robots.txt:")
        (kept,) = archive.snapshots(site.url("/robots.txt"))
        assert archive.read_payload(kept) == ROBOTS


def test_ignoring_robots_fetches_everything(tmp_path: Path) -> None:
    with LocalSite() as site, Archive.open(tmp_path / "a") as archive:
        urls = _site(site)
        cited = [CitedUrl(url, (i + 1,)) for i, url in enumerate(urls)]
        settings = replace(SETTINGS, obey_robots=False)
        sources = collect_sources(cited, archive, settings, now=NOW)
        assert site.hits["/robots.txt"] == 0 and site.hits["/members/list"] == 1
        assert all(s.state is LinkState.OK for s in sources)


def test_the_link_check_obeys_robots_too(tmp_path: Path) -> None:
    root, then = tmp_path / "a", NOW - dt.timedelta(days=2)
    with LocalSite() as site:
        urls = _site(site)
        with Archive.open(root) as archive:
            for url in urls:
                archive.store(FetchResult(url, then, url, 200, body=PAGE, content_type="text/html"))
                archive.record_state(StateChange(url, then, LinkState.OK, 200, "HTTP 200"))
            recorded = check_links(archive, SETTINGS, now=NOW, due_after=dt.timedelta(hours=20))
        assert site.hits["/members/list"] == 0 and site.hits["/open"] == 1
    states = {c.url: c.change.state for c in recorded.checks}
    assert states == {urls[0]: LinkState.OK, urls[1]: LinkState.BLOCKED, urls[2]: LinkState.OK}


def test_missing_or_failing_robots_allow_everything_and_crawl_delay_is_read() -> None:
    robots = Robots()
    url = "https://example.org/a/page"
    robots.learn(FetchResult(robots_url(url), NOW, status=404))
    assert robots.refusal(url, NOW) is None
    other = "https://example.net/b"
    robots.learn(FetchResult(robots_url(other), NOW, error=FetchError.TIMEOUT))
    assert robots.refusal(other, NOW) is None
    third = "http://example.com:8080/x"
    rules = b"User-agent: *\nCrawl-delay: 4\nDisallow: /x\n"
    robots.learn(FetchResult(robots_url(third), NOW, status=200, body=rules))
    assert robots_url(third) == "http://example.com:8080/robots.txt"
    assert robots.crawl_delay(third) == 4.0
    refused = robots.refusal(third, NOW)
    assert refused is not None and refused.error is FetchError.ROBOTS
