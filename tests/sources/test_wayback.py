"""Finding the archived capture nearest a date: query building, parsing the availability, CDX and
TimeGate answers, and asking a local server that speaks those protocols."""

from __future__ import annotations

import datetime as dt
import json
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

import pytest
from localsite import LocalSite

from sources.model import ArchivedCopy, FetchError, FetchResult
from sources.settings import WaybackSettings
from sources.wayback import (
    availability_query,
    cdx_query,
    find_archived_copy,
    parse_availability,
    parse_cdx,
    parse_timegate,
    parse_timestamp,
    timegate_request,
    timegate_url,
)

UTC = dt.UTC
PAGE = "https://example.org/news/port?id=7"
CDX_HEADER = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]


def _row(stamp: str, status: str = "200") -> list[str]:
    return ["org,example)/news/port?id=7", stamp, PAGE, "text/html", status, "ABC", "1234"]


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def urllib_fetch(url: str) -> FetchResult:
    """A stand-in for sources.fetch.fetch_url (tests only): follows redirects, never raises."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    now = dt.datetime.now(UTC)
    try:
        with opener.open(url, timeout=5) as response:
            return FetchResult(
                url=url,
                fetched_at=now,
                final_url=response.geturl(),
                status=response.status,
                headers=tuple(response.headers.items()),
                body=response.read(),
            )
    except urllib.error.HTTPError as error:
        return FetchResult(
            url=url,
            fetched_at=now,
            final_url=error.geturl(),
            status=error.code,
            headers=tuple(error.headers.items()),
            body=error.read(),
        )
    except (urllib.error.URLError, OSError) as error:
        return FetchResult(url=url, fetched_at=now, error=FetchError.CONNECTION, detail=str(error))


# --- queries ---------------------------------------------------------------------------------


def test_availability_query_asks_for_noon_utc_of_a_date() -> None:
    query = availability_query(PAGE, dt.date(2024, 5, 9), WaybackSettings())
    assert query.startswith("https://archive.org/wayback/available?")
    assert _query(query) == {"url": PAGE, "timestamp": "20240509120000"}


def test_availability_query_converts_an_aware_datetime_to_utc() -> None:
    when = dt.datetime(2024, 5, 9, 14, 34, 56, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert (
        _query(availability_query(PAGE, when, WaybackSettings()))["timestamp"] == "20240509123456"
    )


def test_cdx_query_asks_for_json_status_200_nearest_first() -> None:
    query = cdx_query(PAGE, dt.datetime(2024, 5, 9, 12, 34, 56), WaybackSettings())
    assert query.startswith("https://web.archive.org/cdx/search/cdx?")
    params = _query(query)
    assert params["url"] == PAGE
    assert params["output"] == "json"
    assert params["filter"] == "statuscode:200"
    assert params["closest"] == "20240509123456"
    assert params["sort"] == "closest"
    assert params["fl"].split(",") == CDX_HEADER


def test_timegate_request_sends_accept_datetime_as_an_http_date() -> None:
    url, headers = timegate_request(PAGE, dt.date(2024, 5, 9), WaybackSettings())
    assert url == f"https://web.archive.org/web/{PAGE}"
    assert headers == {"Accept-Datetime": "Thu, 09 May 2024 12:00:00 GMT"}
    assert timegate_url(PAGE, dt.date(2024, 5, 9), WaybackSettings()) == (
        f"https://web.archive.org/web/20240509120000/{PAGE}"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20240509123456", dt.datetime(2024, 5, 9, 12, 34, 56, tzinfo=UTC)),
        ("202405", dt.datetime(2024, 5, 1, tzinfo=UTC)),
        ("20241399000000", None),
        ("2024-05-09", None),
    ],
)
def test_parse_timestamp_pads_short_stamps_and_rejects_bad_ones(
    text: str, expected: dt.datetime | None
) -> None:
    assert parse_timestamp(text) == expected


# --- parsing ---------------------------------------------------------------------------------


def test_parse_availability_reads_the_closest_capture() -> None:
    body = json.dumps(
        {
            "url": PAGE,
            "archived_snapshots": {
                "closest": {
                    "available": True,
                    "url": f"http://web.archive.org/web/20240509123456/{PAGE}",
                    "timestamp": "20240509123456",
                    "status": "200",
                }
            },
        }
    ).encode()
    assert parse_availability(body) == ArchivedCopy(
        url=f"https://web.archive.org/web/20240509123456/{PAGE}",
        original=PAGE,
        captured_at=dt.datetime(2024, 5, 9, 12, 34, 56, tzinfo=UTC),
        status=200,
    )


@pytest.mark.parametrize(
    "body",
    [
        b'{"url": "example.org", "archived_snapshots": {}}',
        b'{"archived_snapshots": {"closest": {"available": false, "url": "x", "timestamp": "2024"}}}',
        b"<html>Service Unavailable</html>",
        b"[]",
        b"",
    ],
)
def test_parse_availability_without_a_capture_is_none(body: bytes) -> None:
    assert parse_availability(body) is None


def test_parse_cdx_picks_the_status_200_capture_nearest_the_date() -> None:
    rows = [
        CDX_HEADER,
        _row("20240501000000"),
        _row("20240509110000", "302"),  # nearest of all, but a redirect
        _row("20240508000000"),
        _row("20240515000000"),
    ]
    copy = parse_cdx(json.dumps(rows).encode(), dt.date(2024, 5, 9))
    assert copy is not None
    assert copy.captured_at == dt.datetime(2024, 5, 8, tzinfo=UTC)
    assert copy.url == f"https://web.archive.org/web/20240508000000/{PAGE}"
    assert copy.original == PAGE
    assert copy.status == 200


def test_parse_cdx_breaks_a_tie_towards_the_earlier_capture() -> None:
    rows = [CDX_HEADER, _row("20240510000000"), _row("20240508000000")]
    copy = parse_cdx(json.dumps(rows).encode(), dt.datetime(2024, 5, 9, tzinfo=UTC))
    assert copy is not None
    assert copy.captured_at == dt.datetime(2024, 5, 8, tzinfo=UTC)


def test_parse_cdx_follows_the_header_row_order() -> None:
    rows = [["timestamp", "statuscode", "original"], ["20240508000000", "200", PAGE]]
    copy = parse_cdx(json.dumps(rows).encode(), dt.date(2024, 5, 9), "http://127.0.0.1:9/web/")
    assert copy is not None
    assert copy.url == f"http://127.0.0.1:9/web/20240508000000/{PAGE}"


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b"",
        json.dumps(
            [CDX_HEADER, _row("20240508000000", "404"), _row("20240509000000", "-")]
        ).encode(),
        b"org,example)/ 20240508000000 https://example.org/ text/html 200 ABC 12",  # not JSON
        b'{"error": "blocked"}',
    ],
)
def test_parse_cdx_without_a_usable_capture_is_none(body: bytes) -> None:
    assert parse_cdx(body, dt.date(2024, 5, 9)) is None


def test_parse_timegate_reads_a_redirect_to_the_memento() -> None:
    headers = [
        ("Location", f"https://web.archive.org/web/20240510061500/{PAGE}"),
        ("Vary", "accept-datetime"),
        (
            "Link",
            f'<{PAGE}>; rel="original", <https://web.archive.org/web/timemap/link/{PAGE}>; rel="timemap"',
        ),
    ]
    assert parse_timegate(headers) == ArchivedCopy(
        url=f"https://web.archive.org/web/20240510061500/{PAGE}",
        original=PAGE,
        captured_at=dt.datetime(2024, 5, 10, 6, 15, tzinfo=UTC),
        source="memento",
    )


def test_parse_timegate_reads_a_memento_answer_by_its_memento_datetime() -> None:
    base = "https://archive.example.net/mementos/abc123"
    copy = parse_timegate({"Memento-Datetime": "Fri, 10 May 2024 06:15:00 GMT"}, base)
    assert copy is not None
    assert copy.url == base
    assert copy.captured_at == dt.datetime(2024, 5, 10, 6, 15, tzinfo=UTC)


def test_parse_timegate_without_a_memento_is_none() -> None:
    assert parse_timegate({"Content-Type": "text/html"}, "https://example.org/") is None
    assert parse_timegate({"Location": "https://example.org/elsewhere"}) is None


# --- asking a local archive ------------------------------------------------------------------


@pytest.fixture(scope="module")
def _server() -> Iterator[LocalSite]:
    with LocalSite() as server:  # one server for the module: stopping one takes half a second
        yield server


@pytest.fixture
def site(_server: LocalSite) -> LocalSite:
    _server.routes.clear()
    _server.hits.clear()
    return _server


class FakeArchive:
    """Availability, CDX and replay endpoints on a LocalSite, recording the queries received."""

    def __init__(
        self, site: LocalSite, available: dict[str, object] | None, cdx_rows: list[list[str]]
    ) -> None:
        self.site = site
        self.available = available
        self.cdx_rows = cdx_rows
        self.queries: dict[str, dict[str, str]] = {}
        site.add_handler("/wayback/available", self._availability)
        site.add_handler("/cdx/search/cdx", self._cdx)
        self.settings = WaybackSettings(
            availability_url=site.url("/wayback/available"), cdx_url=site.url("/cdx/search/cdx")
        )

    def _answer(self, handler: BaseHTTPRequestHandler, name: str, data: object) -> None:
        self.queries[name] = {k: v[0] for k, v in parse_qs(urlsplit(handler.path).query).items()}
        body = json.dumps(data).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def _availability(self, handler: BaseHTTPRequestHandler) -> None:
        snapshots = {"closest": self.available} if self.available else {}
        self._answer(handler, "available", {"url": PAGE, "archived_snapshots": snapshots})

    def _cdx(self, handler: BaseHTTPRequestHandler) -> None:
        self._answer(handler, "cdx", self.cdx_rows)


def test_find_archived_copy_takes_the_availability_answer(site: LocalSite) -> None:
    closest = {
        "available": True,
        "url": site.url(f"/web/20240509123456/{PAGE}"),
        "timestamp": "20240509123456",
        "status": "200",
    }
    archive = FakeArchive(site, closest, [])
    copy = find_archived_copy(PAGE, dt.date(2024, 5, 9), archive.settings, urllib_fetch)
    assert copy is not None
    assert copy.captured_at == dt.datetime(2024, 5, 9, 12, 34, 56, tzinfo=UTC)
    assert archive.queries["available"] == {"url": PAGE, "timestamp": "20240509120000"}
    assert site.hits["/cdx/search/cdx"] == 0


def test_find_archived_copy_falls_back_to_cdx_when_availability_has_nothing(
    site: LocalSite,
) -> None:
    rows = [CDX_HEADER, _row("20240420000000"), _row("20240601000000")]
    archive = FakeArchive(site, None, rows)
    copy = find_archived_copy(PAGE, dt.date(2024, 5, 9), archive.settings, urllib_fetch)
    assert copy is not None
    assert copy.captured_at == dt.datetime(2024, 4, 20, tzinfo=UTC)
    assert copy.url == site.url(f"/web/20240420000000/{PAGE}")
    assert archive.queries["cdx"]["url"] == PAGE
    assert archive.queries["cdx"]["closest"] == "20240509120000"
    assert archive.queries["cdx"]["output"] == "json"


def test_find_archived_copy_skips_an_availability_capture_that_is_not_200(site: LocalSite) -> None:
    rows = [CDX_HEADER, _row("20240508000000")]
    closest = {
        "available": True,
        "url": site.url(f"/web/20240509000000/{PAGE}"),
        "timestamp": "20240509000000",
        "status": "404",
    }
    archive = FakeArchive(site, closest, rows)
    copy = find_archived_copy(PAGE, dt.date(2024, 5, 9), archive.settings, urllib_fetch)
    assert copy is not None
    assert copy.captured_at == dt.datetime(2024, 5, 8, tzinfo=UTC)


def test_find_archived_copy_moves_on_when_availability_fails(site: LocalSite) -> None:
    rows = [CDX_HEADER, _row("20240508000000")]
    archive = FakeArchive(site, None, rows)
    site.add("/wayback/available", b"busy", status=503)
    copy = find_archived_copy(PAGE, dt.date(2024, 5, 9), archive.settings, urllib_fetch)
    assert copy is not None
    assert copy.captured_at == dt.datetime(2024, 5, 8, tzinfo=UTC)


def test_find_archived_copy_asks_the_timegate_last_when_allowed(site: LocalSite) -> None:
    page = "https://example.org/news/port"  # LocalSite routes by path: no query string here
    archive = FakeArchive(site, None, [CDX_HEADER])
    memento = site.add(
        f"/web/20240511080000/{page}",
        b"<html>archived</html>",
        headers={
            "Memento-Datetime": "Sat, 11 May 2024 08:00:00 GMT",
            "Content-Type": "text/html",
        },
    )
    site.add(f"/web/20240509120000/{page}", status=302, headers={"Location": memento})
    without = find_archived_copy(page, dt.date(2024, 5, 9), archive.settings, urllib_fetch)
    copy = find_archived_copy(
        page, dt.date(2024, 5, 9), archive.settings, urllib_fetch, timegate=True
    )
    assert without is None
    assert copy is not None
    assert copy.url == memento
    assert copy.original == page
    assert copy.captured_at == dt.datetime(2024, 5, 11, 8, tzinfo=UTC)


def test_find_archived_copy_with_nothing_archived_is_none(site: LocalSite) -> None:
    archive = FakeArchive(site, None, [])
    assert find_archived_copy(PAGE, dt.date(2024, 5, 9), archive.settings, urllib_fetch) is None


def test_find_archived_copy_when_the_archive_is_unreachable_is_none() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = WaybackSettings(
        availability_url=f"http://127.0.0.1:{port}/wayback/available",
        cdx_url=f"http://127.0.0.1:{port}/cdx/search/cdx",
    )
    assert (
        find_archived_copy(PAGE, dt.date(2024, 5, 9), settings, urllib_fetch, timegate=True) is None
    )


def test_find_archived_copy_when_disabled_asks_nothing(site: LocalSite) -> None:
    archive = FakeArchive(site, None, [])
    settings = WaybackSettings(
        availability_url=archive.settings.availability_url,
        cdx_url=archive.settings.cdx_url,
        enabled=False,
    )
    assert find_archived_copy(PAGE, dt.date(2024, 5, 9), settings, urllib_fetch) is None
    assert sum(site.hits.values()) == 0
