"""Canonical URL keys: SURT, as pywb and the Wayback Machine's CDX index compute them (the only
surt import).

`url_key("HTTP://WWW.Example.org/A?b=2&a=1#top") == "org,example)/a?a=1&b=2"`: scheme, `www.`,
letter case, default ports, the fragment and query order do not matter, so `http://` and
`https://`, a `www.` or an upper-case host all find the same snapshots and link history. The
archive keys its lookups, dedupe and history on it; the report still prints the URL as the
article printed it.
"""

from __future__ import annotations

import functools

import surt


@functools.lru_cache(maxsize=1 << 15)  # a check asks for each URL's key several times
def url_key(url: str) -> str:
    """The SURT of `url`; for a string surt cannot read, the string lower-cased."""
    try:
        return str(surt.surt(url.strip()))
    except (ValueError, TypeError, AttributeError, IndexError):
        return url.strip().lower()
