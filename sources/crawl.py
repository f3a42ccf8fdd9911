"""Many URLs -> FetchResults: concurrency across hosts, politeness per host, transient retries.

One coordinator (the caller's thread, inside the generator) decides what starts when; a thread
pool only runs `fetch_url`. So the politeness rules live in one place and need no locks:

- at most `settings.workers` fetches in flight, at most `settings.per_host` per host
  (host = hostname:port), and request starts to one host at least `settings.min_gap` apart;
- a transient result (timeout, reset, no network, 429, 5xx) is retried up to `settings.retries`
  times after `backoff * 2**attempt` seconds (capped at `max_backoff`, with jitter), and never
  sooner than its Retry-After. A Retry-After longer than `max_backoff` is not retried at all:
  coming back earlier than the server asked would be rude, so the 429/503 is the final result.
"""

from __future__ import annotations

import heapq
import itertools
import random
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sources.fetch import Session, fetch_url, make_session
from sources.model import FetchResult
from sources.settings import FetchSettings


def host_key(url: str) -> str:
    """The politeness unit: lowercased hostname and port ("example.org:443")."""
    parts = urlsplit(url.strip())
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:  # a bad port: fetch_url reports it; it still needs a queue
        return parts.netloc.lower()
    return f"{(parts.hostname or '').lower()}:{port}"


def retry_delay(
    result: FetchResult, attempt: int, settings: FetchSettings, rng: random.Random
) -> float | None:
    """Seconds to wait before attempt `attempt + 1` of `result.url`, or None if `result` is final.

    "Equal jitter": a random point in the upper half of the exponential step, so that many
    clients backing off from one server do not come back in step."""
    if not result.transient or attempt >= settings.retries:
        return None
    step = min(settings.backoff * 2**attempt, settings.max_backoff)
    delay = rng.uniform(step / 2, step)
    if result.retry_after is not None:
        if result.retry_after > settings.max_backoff:
            return None
        delay = max(delay, result.retry_after)
    return delay


@dataclass(slots=True)
class _Host:
    queue: deque[tuple[str, int]] = field(default_factory=deque)  # (url, attempt) ready to go
    in_flight: int = 0
    last_start: float = float("-inf")


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
) -> Iterator[FetchResult]:
    """Fetch each distinct URL once (plus its retries) and yield its final result as it is ready.

    A generator: nothing is fetched until it is iterated (`list(fetch_many(...))` for all at
    once); results come in completion order, exactly one per distinct URL (`result.url` is the
    URL as given; duplicates are dropped). `on_result(result)` and `progress(done, total)` run in
    the iterating thread just before each yield. `sleep` and `clock` are used together for every
    wait the crawl itself decides (backoff, min_gap), so tests can pass a fake pair; `rng` gives
    the jitter. Closing the generator early waits for the fetches in flight, then stops.
    """
    unique = list(dict.fromkeys(urls))
    total, done = len(unique), 0
    workers, per_host = max(1, settings.workers), max(1, settings.per_host)
    rng = rng or random.Random()
    hosts: dict[str, _Host] = {}
    for url in unique:
        hosts.setdefault(host_key(url), _Host()).queue.append((url, 0))
    delayed: list[tuple[float, int, str, int]] = []  # heap of (ready at, order, url, attempt)
    order = itertools.count()
    running: dict[Future[FetchResult], tuple[str, int]] = {}
    client = session if session is not None else make_session(settings)
    pool = ThreadPoolExecutor(workers, thread_name_prefix="citewatch-fetch")
    try:
        while done < total:
            now = clock()
            while delayed and delayed[0][0] <= now:
                _, _, url, attempt = heapq.heappop(delayed)
                hosts[host_key(url)].queue.appendleft((url, attempt))
            wake = delayed[0][0] if delayed else None
            for host in hosts.values():
                while host.queue and host.in_flight < per_host and len(running) < workers:
                    ready_at = host.last_start + settings.min_gap
                    if ready_at > now:
                        wake = ready_at if wake is None else min(wake, ready_at)
                        break
                    url, attempt = host.queue.popleft()
                    host.in_flight, host.last_start = host.in_flight + 1, now
                    running[pool.submit(fetch_url, url, settings, client)] = (url, attempt)
            timeout = None if wake is None else max(0.0, wake - now)
            if not running:
                sleep(timeout or 0.0)  # nothing in flight: the next start is a time away
                continue
            finished, _ = wait(running, timeout=timeout, return_when=FIRST_COMPLETED)
            for future in finished:
                url, attempt = running.pop(future)
                hosts[host_key(url)].in_flight -= 1
                result = future.result()  # an exception here is a bug in fetch_url: let it out
                delay = retry_delay(result, attempt, settings, rng)
                if delay is not None:
                    heapq.heappush(delayed, (clock() + delay, next(order), url, attempt + 1))
                    continue
                done += 1
                if on_result is not None:
                    on_result(result)
                if progress is not None:
                    progress(done, total)
                yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if session is None:
            client.close()
