"""The one retry policy: which fetch results are worth another attempt, and after how long.

Used by sources.crawl, which both `--direct` runs and the Prefect tasks call, so Retry-After is
honoured the same way everywhere. Written here rather than taken from tenacity or stamina: those
retry by sleeping inside the call they wrap, which would hold a worker thread and the host's
politeness slot for the whole wait (a 60 s Retry-After would stall a crawl of 50 hosts); the crawl
needs the policy as a number ("try again at t + d") to put the URL on its timer heap instead.

- only transient results are retried (timeouts, resets, no network, 408, 429, 5xx);
- at most `settings.retries` extra attempts;
- "equal jitter": a random point in the upper half of `backoff * 2**attempt` (capped at
  `max_backoff`), so many clients backing off from one server do not come back in step;
- never sooner than the server's Retry-After; a Retry-After longer than `max_backoff` is not
  retried at all (coming back earlier than asked would be rude, so the 429/503 is final).
"""

from __future__ import annotations

import random

from sources.model import FetchResult
from sources.settings import FetchSettings


def retry_delay(
    result: FetchResult, attempt: int, settings: FetchSettings, rng: random.Random
) -> float | None:
    """Seconds to wait before attempt `attempt + 1` of `result.url`, or None if `result` is
    final (`attempt` counts from 0, the first try)."""
    if not result.transient or attempt >= settings.retries:
        return None
    step = min(settings.backoff * 2**attempt, settings.max_backoff)
    delay = rng.uniform(step / 2, step)
    if result.retry_after is not None:
        if result.retry_after > settings.max_backoff:
            return None
        delay = max(delay, result.retry_after)
    return delay
