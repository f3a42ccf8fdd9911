"""Many URLs -> FetchResults: concurrency across hosts, politeness per host, transient retries.

One coordinator (the caller's thread, inside the generator) decides what starts when; a thread
pool only runs `fetch_url`. So the politeness rules live in one place and need no locks:

- at most `settings.workers` fetches in flight, at most `settings.per_host` per host
  (host = hostname:port), and request starts to one host at least `settings.min_gap` apart;
- a transient result is retried by the one retry policy, sources.retry (backoff with jitter,
  never sooner than Retry-After), without holding a thread while it waits;
- with `robots`, each host's robots.txt is fetched first (politeness counts it), a Crawl-delay
  widens the host's gap, and a disallowed URL is answered without a request (sources.robots);
- with `follow`, a final result may queue more URLs on its host (the soft-404 probe beside a
  page), paced by the same politeness as everything else.
"""

from __future__ import annotations

import _thread
import contextlib
import datetime as dt
import heapq
import itertools
import queue
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sources.addresses import PLAIN_URL
from sources.fetch import Session, fetch_url, make_session
from sources.model import FetchResult
from sources.retry import retry_delay
from sources.robots import Robots, robots_url
from sources.settings import FetchSettings

__all__ = ["fetch_many", "host_key", "retry_delay"]


def host_key(url: str) -> str:
    """The politeness unit: lowercased hostname and port ("example.org:443")."""
    plain = PLAIN_URL.fullmatch(url)  # most URLs: read off without urlsplit's work
    if plain is not None and int(plain["port"] or 0) < 65536:
        port = plain["port"] or (443 if plain["scheme"] == "https" else 80)
        return f"{plain['host']}:{port}"
    parts = urlsplit(url.strip())
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:  # a bad port: fetch_url reports it; it still needs a queue
        return parts.netloc.lower()
    return f"{(parts.hostname or '').lower()}:{port}"


@dataclass(slots=True)
class _Host:
    queue: deque[tuple[str, int]] = field(default_factory=deque)  # (url, attempt) ready to go
    in_flight: int = 0
    last_start: float = float("-inf")
    gap: float = 0.0  # seconds between request starts: min_gap, or robots.txt's Crawl-delay
    robots: str = ""  # "", "asking" or "known"


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


_Finished = queue.SimpleQueue[tuple[int, FetchResult | BaseException]]


class _Workers:
    """Threads that run the crawl's fetch jobs from one queue, at most `size` of them.

    concurrent.futures.ThreadPoolExecutor starts its threads inside submit(), and
    threading.Thread.start() waits until the new thread runs: a crawl opening 100 hosts at once
    held its last first request back by 60-120 ms behind 100 such starts, each waiting its turn
    for the interpreter lock. `_thread.start_new_thread` (threading's own primitive) returns at
    once; a worker is started whenever a job is queued and no worker is free to take it."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._jobs: queue.SimpleQueue[tuple[Callable[..., None], tuple[object, ...]] | None]
        self._jobs = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._alive = 0  # workers started and not ended
        self._free = 0  # workers that will take the next job (started, or done with their last)
        self._ended = threading.Event()
        self._ended.set()

    def submit(self, func: Callable[..., None], *args: object) -> None:
        self._jobs.put((func, args))
        with self._lock:
            if self._alive >= self._size or self._jobs.qsize() <= self._free:
                return
            self._alive += 1
            self._free += 1
            self._ended.clear()
        _thread.start_new_thread(self._work, ())

    def _work(self) -> None:
        try:
            while True:
                job = self._jobs.get()
                with self._lock:
                    self._free -= 1
                if job is None:
                    return
                func, args = job
                func(*args)  # a job reports its own outcome, errors included (_fetch_job)
                with self._lock:
                    self._free += 1
        finally:
            with self._lock:
                self._alive -= 1
                if not self._alive:
                    self._ended.set()

    def close(self, wait: bool) -> None:
        """Drop queued jobs and end the workers; `wait` for jobs in flight to finish (else they
        finish on their own, their results unread)."""
        with contextlib.suppress(queue.Empty):
            while True:
                self._jobs.get_nowait()
        with self._lock:
            alive = self._alive
        for _ in range(alive):
            self._jobs.put(None)
        if wait:
            self._ended.wait()


def _fetch_job(
    finished: _Finished, job: int, url: str, settings: FetchSettings, client: Session
) -> None:
    # runs on a pool thread; the outcome, result or bug, always goes back to the coordinator
    try:
        outcome: FetchResult | BaseException = fetch_url(url, settings, client)
    except BaseException as exc:  # re-raised in the crawl's thread
        outcome = exc
    finished.put((job, outcome))


def _take(
    finished: _Finished, timeout: float | None
) -> list[tuple[int, FetchResult | BaseException]]:
    """Every finished job, waiting up to `timeout` (None: for ever) for the first one."""
    try:
        taken = [finished.get(timeout=timeout)]
    except queue.Empty:
        return []
    while True:
        try:
            taken.append(finished.get_nowait())
        except queue.Empty:
            return taken


def fetch_many(
    urls: Iterable[str],
    settings: FetchSettings,
    *,
    session: Session | None = None,
    on_result: Callable[[FetchResult], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    rng: random.Random | None = None,
    robots: Robots | None = None,
    follow: Callable[[FetchResult], Iterable[str]] | None = None,
    idle: Callable[[], float | None] | None = None,
) -> Generator[FetchResult, None, None]:
    """Fetch each distinct URL once (plus its retries) and yield its final result as it is ready.

    A generator: nothing is fetched until it is iterated (`list(fetch_many(...))` for all at
    once); results come in completion order, exactly one per distinct URL (`result.url` is the
    URL as given; duplicates are dropped). `on_result(result)` and `progress(done, total)` run in
    the iterating thread just before each yield. `sleep` and `clock` are used together for every
    wait the crawl itself decides (backoff, min_gap), so tests can pass a fake pair; `rng` gives
    the jitter. `robots` (a sources.robots.Robots) makes the crawl read and obey robots.txt;
    `follow(result)` names more URLs to fetch after a final result (yielded like the others).
    `idle()` runs in the iterating thread whenever the crawl is about to wait, and returns the
    longest it may wait before calling again (None: as long as it likes), so that a caller
    writing results in batches can flush them while the crawl waits.
    Closing the generator early, or an interrupt, stops at once: fetches in flight are dropped.
    """
    unique = list(dict.fromkeys(urls))
    seen = set(unique)
    total, done = len(unique), 0
    workers, per_host = max(1, settings.workers), max(1, settings.per_host)
    rng = rng or random.Random()
    hosts: dict[str, _Host] = {}
    keys: dict[str, str] = {}  # url -> host_key(url), worked out once per URL

    def key(url: str) -> str:
        found = keys.get(url)
        if found is None:
            found = keys[url] = host_key(url)
        return found

    for url in unique:
        hosts.setdefault(key(url), _Host(gap=settings.min_gap)).queue.append((url, 0))
    delayed: list[tuple[float, int, str, int]] = []  # heap of (ready at, order, url, attempt)
    order = itertools.count()
    running: dict[int, tuple[str, int, bool]] = {}  # job -> url, attempt, robots?
    jobs = itertools.count()
    # finished jobs come back on one queue: concurrent.futures.wait() would hook and unhook a
    # waiter on every running future at each wake, O(workers) lock work per result
    finished_jobs: _Finished = queue.SimpleQueue()
    client = session if session is not None else make_session(settings)
    pool = _Workers(workers)

    def start(url: str, attempt: int, for_robots: bool) -> None:
        job = next(jobs)
        running[job] = (url, attempt, for_robots)
        pool.submit(_fetch_job, finished_jobs, job, url, settings, client)

    finished_ok = False
    try:
        while done < total:
            now = clock()
            while delayed and delayed[0][0] <= now:
                _, _, url, attempt = heapq.heappop(delayed)
                hosts[key(url)].queue.appendleft((url, attempt))
            wake = delayed[0][0] if delayed else None
            ready: list[FetchResult] = []
            for host in hosts.values():
                while host.queue and host.in_flight < per_host and len(running) < workers:
                    if robots is not None and host.robots != "known":
                        if robots.known(host.queue[0][0]):
                            host.robots = "known"
                            host.gap = max(host.gap, robots.crawl_delay(host.queue[0][0]))
                            continue
                        if host.robots == "asking":
                            break  # the host's pages wait for its robots.txt
                    ready_at = host.last_start + host.gap
                    if ready_at > now:
                        wake = ready_at if wake is None else min(wake, ready_at)
                        break
                    if robots is not None and host.robots != "known":
                        target = robots_url(host.queue[0][0])
                        host.robots = "asking"
                        host.in_flight, host.last_start = host.in_flight + 1, now
                        start(target, 0, True)
                        break
                    url, attempt = host.queue.popleft()
                    refused = robots.refusal(url, _utcnow()) if robots is not None else None
                    if refused is not None:
                        ready.append(refused)  # not fetched: no politeness spent
                        continue
                    host.in_flight, host.last_start = host.in_flight + 1, now
                    start(url, attempt, False)
            if not ready:
                timeout = None if wake is None else max(0.0, wake - now)
                limit = idle() if idle is not None else None
                if limit is not None:
                    timeout = limit if timeout is None else min(timeout, limit)
                if not running:
                    sleep(timeout or 0.0)  # nothing in flight: the next start is a time away
                    continue
                finished = _take(finished_jobs, timeout)
            else:
                finished = []
            for job, outcome in finished:
                url, attempt, for_robots = running.pop(job)
                host = hosts[key(url)]
                host.in_flight -= 1
                if isinstance(outcome, BaseException):  # a bug in fetch_url: let it out
                    raise outcome
                result = outcome
                if for_robots:
                    assert robots is not None
                    robots.learn(result)
                    continue
                delay = retry_delay(result, attempt, settings, rng)
                if delay is not None:
                    heapq.heappush(delayed, (clock() + delay, next(order), url, attempt + 1))
                    continue
                ready.append(result)
            for result in ready:
                for extra in follow(result) if follow is not None else ():
                    if extra not in seen:
                        seen.add(extra)
                        total += 1
                        extra_host = hosts.setdefault(key(extra), _Host(gap=settings.min_gap))
                        extra_host.queue.appendleft((extra, 0))  # next on its host
                done += 1
                if on_result is not None:
                    on_result(result)
                if progress is not None:
                    progress(done, total)
                yield result
        finished_ok = True
    finally:
        # an interrupt or an early close must not wait out fetches still in flight
        pool.close(wait=finished_ok)
        if session is None and finished_ok:
            client.close()
