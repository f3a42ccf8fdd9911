"""robots.txt: each host's rules, read once per run, asked before every fetch (the only protego
import).

`Robots` is one run's memory of the hosts' rules. sources.crawl fetches a host's
`/robots.txt` before its first page (the fetch goes through the same politeness and is handed to
`keep`, so the archive holds it like any response), then asks `refusal(url)` before each URL.
The rules of RFC 9309, with one choice of ours:

- 2xx: the rules that name `citewatch` (the product token of our User-Agent) apply, else `*`;
- 4xx (no robots.txt): everything is allowed;
- 5xx or no answer: the RFC lets a crawler assume "disallow everything"; citewatch fetches the
  page anyway, once, as a reader following the citation would, because a server that cannot
  serve robots.txt usually cannot serve the page either, and the page's own failure is the
  finding the report needs (a `blocked` here would hide a dead site).

A `Crawl-delay` raises the host's gap between requests (capped at `MAX_CRAWL_DELAY`).
Disallowed URLs are not fetched: their result is a `FetchError.ROBOTS`, which sources.linkrot
judges `blocked` with the reason "robots.txt". `obey_robots=False` in SourcesSettings (the
CLI's `--ignore-robots`) lifts all this for a one-off editorial check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

from sources.model import FetchError, FetchResult

AGENT = "citewatch"
MAX_CRAWL_DELAY = 30.0  # seconds; a larger Crawl-delay would stall a nightly check for hours


def robots_url(url: str) -> str:
    """The robots.txt governing `url` (same scheme, host and port)."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "/robots.txt", "", ""))


class Robots:
    """The robots.txt rules of the hosts met in one run, keyed by robots.txt URL."""

    def __init__(self, keep: Callable[[FetchResult], object] | None = None) -> None:
        self._rules: dict[str, Protego | None] = {}  # None: everything allowed
        self._keep = keep

    def known(self, url: str) -> bool:
        return robots_url(url) in self._rules

    def learn(self, result: FetchResult) -> None:
        """Take the rules from a fetch of a robots.txt (and hand the fetch to `keep`)."""
        if self._keep is not None:
            self._keep(result)
        rules = None
        if result.status is not None and 200 <= result.status < 300 and not result.error:
            text = result.body.decode("utf-8", "replace")
            try:
                rules = Protego.parse(text)
            except ValueError:  # protego is lenient; a file it cannot read allows everything
                rules = None
        self._rules[result.url] = rules

    def crawl_delay(self, url: str) -> float:
        rules = self._rules.get(robots_url(url))
        delay = rules.crawl_delay(AGENT) if rules is not None else None
        return min(float(delay), MAX_CRAWL_DELAY) if delay else 0.0

    def refusal(self, url: str, now: dt.datetime) -> FetchResult | None:
        """The result standing for `url` when robots.txt disallows it, else None."""
        rules = self._rules.get(robots_url(url))
        if rules is None or rules.can_fetch(url, AGENT):
            return None
        return FetchResult(
            url=url,
            fetched_at=now,
            error=FetchError.ROBOTS,
            detail=f"robots.txt at {robots_url(url)} disallows it for {AGENT}; not fetched",
        )
