"""sources.crawl against real servers on 127.0.0.1 and 127.0.0.2: politeness, concurrency, retries."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler

import pytest
from localsite import LocalSite

from sources.crawl import fetch_many, host_key, retry_delay
from sources.model import FetchError, FetchResult
from sources.settings import FetchSettings

FAST = FetchSettings(
    connect_timeout=1.0,
    read_timeout=1.0,
    deadline=3.0,
    workers=8,
    per_host=2,
    min_gap=0.0,
    retries=3,
    backoff=0.5,
    max_backoff=30.0,
    allow_loopback=True,
)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalSite]:
    with LocalSite() as running:
        yield running


@pytest.fixture
def site(server: LocalSite) -> Iterator[LocalSite]:
    yield server
    server.routes.clear()
    server.hits.clear()


@dataclass
class FakeTime:
    """A clock that only moves when the crawl sleeps, and a record of every sleep."""

    now: float = 1000.0
    waits: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


@dataclass
class Tracker:
    """A handler that counts requests in flight and records when each started and ended."""

    hold: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: int = 0
    peak: int = 0
    spans: list[tuple[float, float]] = field(default_factory=list)

    def __call__(self, h: BaseHTTPRequestHandler) -> None:
        start = time.monotonic()
        with self.lock:
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
        time.sleep(self.hold)
        with self.lock:  # before answering: the client may start the next one as soon as it reads
            self.in_flight -= 1
            self.spans.append((start, time.monotonic()))
        h.send_response(200)
        h.send_header("Content-Length", "2")
        h.end_headers()
        h.wfile.write(b"ok")


def _sequence(*answers: tuple[int, dict[str, str]]):  # type: ignore[no-untyped-def]
    """A handler answering with each (status, headers) in turn, the last one from then on."""
    count = iter(range(10**6))

    def handler(h: BaseHTTPRequestHandler) -> None:
        status, headers = answers[min(next(count), len(answers) - 1)]
        h.send_response(status)
        for name, value in headers.items():
            h.send_header(name, value)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return handler


def test_per_host_concurrency_never_exceeds_the_limit(site: LocalSite) -> None:
    tracker = Tracker(hold=0.1)
    site.add_handler("*", tracker)
    urls = [site.url(f"/p{n}") for n in range(7)]
    results = list(fetch_many(urls, FAST))
    assert sorted(r.url for r in results) == sorted(urls)
    assert all(r.status == 200 for r in results)
    assert tracker.peak == FAST.per_host


def test_min_gap_spaces_request_starts_to_one_host(site: LocalSite) -> None:
    tracker = Tracker()
    site.add_handler("*", tracker)
    settings = replace(FAST, per_host=4, min_gap=0.15)
    list(fetch_many([site.url(f"/g{n}") for n in range(4)], settings))
    starts = sorted(start for start, _ in tracker.spans)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) == 4 and min(gaps) >= 0.15 - 0.03  # arrival jitter on a busy machine


def test_different_hosts_are_fetched_concurrently() -> None:
    first, second = Tracker(hold=0.25), Tracker(hold=0.25)
    with LocalSite("127.0.0.1") as a, LocalSite("127.0.0.2") as b:
        a.add_handler("*", first)
        b.add_handler("*", second)
        started = time.monotonic()
        results = list(fetch_many([a.url("/one"), b.url("/one")], replace(FAST, per_host=1)))
        took = time.monotonic() - started
    assert [r.status for r in results] == [200, 200]
    (a_start, a_end), (b_start, b_end) = first.spans[0], second.spans[0]
    assert a_start < b_end and b_start < a_end  # the two requests overlapped in time
    assert took < 0.45  # one after the other would take 0.5 s


def test_transient_503_is_retried_until_it_succeeds(site: LocalSite) -> None:
    url = site.add_handler("/flaky", _sequence((503, {}), (503, {}), (200, {})))
    fake = FakeTime()
    [result] = fetch_many([url], FAST, sleep=fake.sleep, clock=fake.clock, rng=random.Random(1))
    assert result.status == 200 and result.error is None and site.hits["/flaky"] == 3
    assert len(fake.waits) == 2
    assert 0.25 <= fake.waits[0] <= 0.5 and 0.5 <= fake.waits[1] <= 1.0  # backoff doubles


def test_404_is_final_and_not_retried(site: LocalSite) -> None:
    fake = FakeTime()
    [result] = fetch_many([site.url("/missing")], FAST, sleep=fake.sleep, clock=fake.clock)
    assert result.status == 404 and site.hits["/missing"] == 1 and fake.waits == []


def test_retries_stop_after_the_limit_and_the_last_attempt_is_returned(site: LocalSite) -> None:
    url = site.add("/down", status=503)
    fake = FakeTime()
    results = list(fetch_many([url], replace(FAST, retries=2), sleep=fake.sleep, clock=fake.clock))
    assert [r.status for r in results] == [503] and results[0].transient
    assert site.hits["/down"] == 3 and len(fake.waits) == 2


def test_429_retry_after_is_honoured(site: LocalSite) -> None:
    url = site.add_handler("/busy", _sequence((429, {"Retry-After": "7"}), (200, {})))
    fake = FakeTime()
    [result] = fetch_many([url], replace(FAST, backoff=0.1), sleep=fake.sleep, clock=fake.clock)
    assert result.status == 200 and site.hits["/busy"] == 2
    assert len(fake.waits) == 1 and 7.0 <= fake.waits[0] <= FAST.max_backoff


def test_retry_after_longer_than_max_backoff_is_not_retried_early(site: LocalSite) -> None:
    url = site.add("/later", status=429, headers={"Retry-After": "3600"})
    fake = FakeTime()
    [result] = fetch_many([url], FAST, sleep=fake.sleep, clock=fake.clock)
    assert (result.status, result.retry_after) == (429, 3600.0)
    assert site.hits["/later"] == 1 and fake.waits == []


def test_duplicates_are_fetched_once_with_progress_and_callbacks(site: LocalSite) -> None:
    a, b = site.add("/a", "A"), site.add("/b", "B")
    seen: list[FetchResult] = []
    ticks: list[tuple[int, int]] = []
    results = list(
        fetch_many(
            [a, b, a, a, b], FAST, on_result=seen.append, progress=lambda d, t: ticks.append((d, t))
        )
    )
    assert sorted(r.url for r in results) == [a, b] and seen == results
    assert site.hits["/a"] == 1 and site.hits["/b"] == 1
    assert ticks == [(1, 2), (2, 2)]


def test_failures_are_results_and_each_url_gets_exactly_one(site: LocalSite) -> None:
    urls = [
        site.add("/ok", "fine"),
        "ftp://example.org/x",
        "http://nowhere.invalid/",
        site.url("/nope"),
    ]
    fake = FakeTime()
    results = {r.url: r for r in fetch_many(urls, FAST, sleep=fake.sleep, clock=fake.clock)}
    assert set(results) == set(urls)
    assert results["ftp://example.org/x"].error is FetchError.BAD_SCHEME
    assert results["http://nowhere.invalid/"].error is FetchError.DNS
    assert results[site.url("/nope")].status == 404 and results[urls[0]].body == b"fine"
    assert fake.waits == []


def test_nothing_is_fetched_until_the_generator_is_iterated(site: LocalSite) -> None:
    results = fetch_many([site.add("/lazy", "x")], FAST)
    assert site.hits["/lazy"] == 0
    assert [r.body for r in results] == [b"x"]


# --- pure parts ---------------------------------------------------------------------------


def _result(transient: bool = True, retry_after: float | None = None) -> FetchResult:
    return FetchResult(
        url="http://example.org/",
        fetched_at=dt.datetime.now(dt.UTC),
        transient=transient,
        retry_after=retry_after,
    )


@pytest.mark.parametrize(("attempt", "low", "high"), [(0, 0.5, 1.0), (1, 1.0, 2.0), (2, 2.0, 4.0)])
def test_retry_delay_doubles_with_jitter(attempt: int, low: float, high: float) -> None:
    settings = FetchSettings(backoff=1.0, retries=5)
    delays = {retry_delay(_result(), attempt, settings, random.Random(seed)) for seed in range(20)}
    assert all(d is not None and low <= d <= high for d in delays) and len(delays) > 1


def test_retry_delay_is_capped_and_respects_retry_after() -> None:
    settings = FetchSettings(backoff=1.0, max_backoff=10.0, retries=20)
    rng = random.Random(0)
    assert (retry_delay(_result(), 15, settings, rng) or 99) <= 10.0
    assert retry_delay(_result(retry_after=8.0), 0, settings, rng) == 8.0
    assert retry_delay(_result(retry_after=11.0), 0, settings, rng) is None
    assert retry_delay(_result(transient=False), 0, settings, rng) is None
    assert retry_delay(_result(), 20, settings, rng) is None


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://Example.org/a", "example.org:443"),
        ("http://example.org/a", "example.org:80"),
        ("http://127.0.0.2:8080/", "127.0.0.2:8080"),
        ("https://example.org:443/plain?q=1", "example.org:443"),  # read off the plain form
        ("https://example.org:99999/a", "example.org:99999"),  # a bad port: the netloc
        ("HTTPS://user@Example.org:8443/a b#f", "example.org:8443"),
        ("http://[::1]:8080/", "::1:8080"),
    ],
)
def test_host_key(url: str, key: str) -> None:
    assert host_key(url) == key
