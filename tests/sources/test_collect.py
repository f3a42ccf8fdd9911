"""The sources stage end to end against real local servers: states, archive, resume, offline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from localsite import LocalSite

from sources.archive import Archive
from sources.collect import CitedUrl, SourcesSettings, cited_urls, collect_sources
from sources.model import LinkState, StateChange
from sources.notes import parse_notes
from sources.settings import FetchSettings, WaybackSettings

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"
# Fetch times are the real clock's (they go into the WARC records), so the run's `now` is too.
NOW = dt.datetime.now(dt.UTC)
ARTICLE = (
    b"<html><head><title>Port deal signed</title></head><body><article>"
    + (b"<p>The two ministries signed the port agreement on Monday in Vidin. " * 30)
    + b"</p></article></body></html>"
)
GONE = b"<html><head><title>Page not found</title></head><body>Sorry.</body></html>"


def settings(wayback: str | None = None) -> SourcesSettings:
    fetch = FetchSettings(
        allow_loopback=True, min_gap=0.0, connect_timeout=2, read_timeout=2, deadline=4, retries=0
    )
    way = WaybackSettings(
        enabled=wayback is not None,
        availability_url=f"{wayback}/wayback/available" if wayback else "",
        cdx_url=f"{wayback}/cdx" if wayback else "",
    )
    return SourcesSettings(fetch=fetch, wayback=way, network_probe=None)


@pytest.fixture
def site():  # type: ignore[no-untyped-def]
    with LocalSite() as s:
        s.add("/story", ARTICLE, headers={"Content-Type": "text/html; charset=utf-8"})
        s.add("/gone", GONE, status=404, headers={"Content-Type": "text/html"})
        s.add(
            "/",
            b"<html><title>Home</title><body>Welcome</body></html>",
            headers={"Content-Type": "text/html"},
        )
        s.add("/moved", status=301, headers={"Location": "/"})
        s.add("/soft", GONE, headers={"Content-Type": "text/html"})
        s.add("/private", b"no", status=403)
        s.add(
            "/report.pdf",
            (DATA / "report.pdf").read_bytes(),
            headers={"Content-Type": "application/pdf"},
        )
        s.add(
            "/index.htm",
            (DATA / "resmi-gazete-index-20210805.htm").read_bytes(),
            headers={"Content-Type": "text/html"},
        )
        yield s


def _cited(site: LocalSite) -> list[CitedUrl]:
    paths = ["/story", "/gone", "/moved", "/soft", "/private", "/report.pdf"]
    return [CitedUrl(site.url(p), (i + 1,), dt.date(2024, 5, 9)) for i, p in enumerate(paths)]


def test_each_link_gets_its_state_and_every_fetch_is_archived(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Archive.open(tmp_path / "a") as archive:
        sources = collect_sources(_cited(site), archive, settings(), now=NOW)
        states = {urlsplit(s.url).path: s.state for s in sources}
        assert states == {
            "/story": LinkState.OK,
            "/gone": LinkState.FAILING,
            "/moved": LinkState.SOFT_404,
            "/soft": LinkState.SOFT_404,
            "/private": LinkState.BLOCKED,
            "/report.pdf": LinkState.OK,
        }
        story = sources[0]
        assert story.text is not None and "port agreement" in story.text.text
        assert sources[-1].text is not None and sources[-1].text.text.strip()
        assert all(archive.has(s.url) for s in sources)
        assert all(len(archive.state_history(s.url)) == 1 for s in sources)


def test_rerun_soon_after_fetches_nothing_again(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cited = _cited(site)
    with Archive.open(tmp_path / "a") as archive:
        collect_sources(cited, archive, settings(), now=NOW)
    hits = dict(site.hits)
    with Archive.open(tmp_path / "a") as archive:
        again = collect_sources(cited, archive, settings(), now=NOW + dt.timedelta(hours=1))
    assert dict(site.hits) == hits
    assert {s.state for s in again} >= {LinkState.OK, LinkState.FAILING}


def test_offline_run_reads_the_archive_only(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cited = _cited(site)
    with Archive.open(tmp_path / "a") as archive:
        collect_sources(cited, archive, settings(), now=NOW)
        archive.export_warc(tmp_path / "all.warc.gz")
    hits = dict(site.hits)
    with Archive.open(tmp_path / "fresh") as fresh:
        fresh.import_warc(tmp_path / "all.warc.gz")
        offline = collect_sources(cited, fresh, settings(), now=NOW, online=False)
    assert dict(site.hits) == hits
    states = {urlsplit(s.url).path: s.state for s in offline}
    assert states["/story"] is LinkState.OK and states["/private"] is LinkState.BLOCKED
    assert states["/gone"] is LinkState.FAILING


def test_missing_from_the_archive_offline_is_unreachable(tmp_path: Path) -> None:
    cited = [CitedUrl("https://nowhere.example/x", (1,))]
    with Archive.open(tmp_path / "a") as archive:
        (source,) = collect_sources(cited, archive, settings(), now=NOW, online=False)
    assert source.state is LinkState.UNREACHABLE and "not in the archive" in source.detail


def test_dead_after_failures_on_two_earlier_days_and_today(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = site.url("/gone")
    with Archive.open(tmp_path / "a") as archive:
        for days in (2, 1):
            archive.record_state(
                StateChange(url, NOW - dt.timedelta(days=days), LinkState.FAILING, 404, "HTTP 404")
            )
        (source,) = collect_sources([CitedUrl(url, (1,))], archive, settings(), now=NOW)
    assert source.state is LinkState.DEAD
    assert [c.state for c in source.history] == [
        LinkState.FAILING,
        LinkState.FAILING,
        LinkState.DEAD,
    ]


def test_archived_copy_nearest_the_retrieved_date_and_drift(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with LocalSite() as wayback:
        old = (
            b"<html><body><article><p>"
            + b"An entirely different older text about rivers. " * 40
            + b"</p></article></body></html>"
        )

        def available(handler):  # type: ignore[no-untyped-def]
            query = parse_qs(urlsplit(handler.path).query)
            body = json.dumps(
                {
                    "archived_snapshots": {
                        "closest": {
                            "available": True,
                            "status": "200",
                            "timestamp": "20240509101010",
                            "url": wayback.url(f"/web/20240509101010/{query['url'][0]}"),
                        }
                    }
                }
            ).encode()
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)

        wayback.add_handler("/wayback/available", available)
        wayback.add("*", old, headers={"Content-Type": "text/html"})
        cited = [CitedUrl(site.url("/story"), (1,), dt.date(2024, 5, 9))]
        with Archive.open(tmp_path / "a") as archive:
            (source,) = collect_sources(cited, archive, settings(wayback.url("")), now=NOW)
            assert source.archived_copy is not None
            assert source.archived_copy.captured_at.date() == dt.date(2024, 5, 9)
            assert source.drift is not None and source.drift > 0.9
            assert "archived copy" in str(source.extra["drift_reference"])
            # the capture is archived too, and the site's robots.txt, read before the page
            assert len(archive.urls()) == 3
            assert site.url("/robots.txt") in archive.urls()


def test_gazette_issue_page_gives_its_own_number_and_date(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cited = [CitedUrl(site.url("/index.htm"), (6,))]
    notes = parse_notes(["1. *T.C. Resmî Gazete*, No. 31559 (August 5, 2021)."])
    assert cited_urls(notes)[0].gazette is not None
    with Archive.open(tmp_path / "a") as archive:
        gazette = cited_urls(notes)[0].gazette
        cited = [CitedUrl(site.url("/index.htm"), (1,), None, gazette)]
        (source,) = collect_sources(cited, archive, settings(), now=NOW)
    assert source.extra["issue"] == {"number": 31559, "date": "2021-08-05", "mukerrer": False}


def test_cited_urls_collects_notes_and_the_earliest_retrieved_date() -> None:
    notes = parse_notes(
        [
            '1. "A," *S*, retrieved May 9, 2024, from <https://x.example/a>.',
            '2. "A," *S*, retrieved May 1, 2024, from <https://x.example/a>.',
            "3. *T.C. Resmî Gazete*, No. 21247 (June 3, 1992).",
        ]
    )
    found = {c.url: c for c in cited_urls(notes)}
    assert found["https://x.example/a"].notes == (1, 2)
    assert found["https://x.example/a"].retrieved == dt.date(2024, 5, 1)
    assert "https://www.resmigazete.gov.tr/arsiv/21247.pdf" in found


def test_no_network_makes_everything_unreachable_quickly(tmp_path: Path) -> None:
    cited = [CitedUrl(f"https://site{i}.example/page", (i,)) for i in range(1, 30)]
    probe = SourcesSettings(network_probe="network-probe.invalid")
    with Archive.open(tmp_path / "a") as archive:
        sources = collect_sources(cited, archive, probe, now=NOW)
        assert archive.urls() == []  # nothing was even tried
    assert {s.state for s in sources} == {LinkState.UNREACHABLE}
    assert all("no network" in s.detail for s in sources)
