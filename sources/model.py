"""The types the sources stage passes around: fetch results, snapshots, link states, sources.

`FetchResult` is one attempt at one URL (sources.fetch); `Snapshot` is a fetch kept in the
archive (sources.archive); `LinkState` is what the history of fetches says about a link
(sources.linkrot); `ArchivedCopy` is a public archive's capture (sources.wayback); `Source` is
everything citewatch knows about one cited URL, as the report shows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class LinkState(StrEnum):
    OK = "ok"
    REDIRECTED = "redirected"  # ends somewhere else; to a site's home page: a likely soft 404
    BLOCKED = "blocked"  # 401, 403, 429, bot walls: alive, but not readable by us
    SOFT_404 = "soft-404"  # 200, but the page says it is gone, or any sibling path gives it
    SERVER_ERROR = "server-error"  # 5xx
    UNREACHABLE = "unreachable"  # no network, DNS failure, timeout: says nothing about the link
    FAILING = "failing"  # 404/410/NXDOMAIN seen, but not yet often or long enough to be dead
    DEAD = "dead"  # 404, 410 or a domain gone, repeatedly, spread over time


class FetchError(StrEnum):
    """Why a fetch produced no usable response (data, not an exception: a dead link is normal)."""

    TIMEOUT = "timeout"  # connect, read or total deadline
    DNS = "dns"  # the name does not resolve
    NO_NETWORK = "no-network"  # nothing resolves or connects at all
    CONNECTION = "connection"  # refused, reset, TLS failure
    TOO_LARGE = "too-large"  # body over the size cap
    DECOMPRESSION_BOMB = "decompression-bomb"  # decompressed body over its cap
    REDIRECT_LOOP = "redirect-loop"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    BLOCKED_ADDRESS = "blocked-address"  # private, loopback, link-local or multicast target
    BAD_SCHEME = "bad-scheme"  # not http(s)
    INVALID_URL = "invalid-url"
    ROBOTS = "robots"  # robots.txt disallows it for citewatch: not fetched
    UNDECODABLE = "undecodable"  # a Content-Encoding citewatch does not decode (br, zstd)


# Errors that leave a response's body cut short, with the WARC-Truncated reason each gives
# (WARC 1.1, section 5.13); UNDECODABLE keeps the whole body, but as sent, still compressed.
TRUNCATIONS = {
    FetchError.TOO_LARGE: "length",
    FetchError.DECOMPRESSION_BOMB: "length",
    FetchError.TIMEOUT: "time",
    FetchError.CONNECTION: "disconnect",
}


@dataclass(frozen=True, slots=True)
class Hop:
    """One redirect: the URL asked, the status it answered, where it pointed and the response
    headers that said so (kept in the hop's own WARC record)."""

    url: str
    status: int
    location: str
    headers: tuple[tuple[str, str], ...] = ()  # the hop's response headers, in wire order


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One attempt at one URL, with or without an HTTP response."""

    url: str
    fetched_at: dt.datetime  # UTC
    final_url: str = ""
    status: int | None = None
    reason: str = ""
    http_version: str = "HTTP/1.1"
    request_headers: tuple[tuple[str, str], ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""  # decoded from Content-Encoding, at most the size cap
    content_type: str = ""  # sniffed from the bytes, falling back to the declared type
    declared_type: str = ""  # the Content-Type header's media type
    hops: tuple[Hop, ...] = ()
    elapsed: float = 0.0
    error: FetchError | None = None
    detail: str = ""  # the error in words
    transient: bool = False  # worth retrying: timeouts, resets, 429, 5xx
    retry_after: float | None = None  # seconds, from a 429/503 Retry-After

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)

    @property
    def complete(self) -> bool:
        """A response whose body was read whole and decoded: only such a body may be parsed."""
        return self.status is not None and self.error is None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A fetch kept in the archive: where its records are and what they held."""

    url: str
    fetched_at: dt.datetime
    final_url: str
    status: int | None
    content_type: str
    digest: str  # "sha1:BASE32" payload digest, as WARC-Payload-Digest
    warc_file: str  # relative to the archive root
    offset: int
    length: int
    error: FetchError | None = None
    detail: str = ""
    revisit: bool = False  # stored as a revisit record: same payload as an earlier snapshot

    @property
    def complete(self) -> bool:
        """A response whose body was stored whole and decoded: only such a body may be parsed
        (a truncated one is kept, marked WARC-Truncated, as evidence of what came)."""
        return self.status is not None and self.error is None


@dataclass(frozen=True, slots=True)
class StateChange:
    """One observation of a link's health, kept in the link-state history."""

    url: str
    checked_at: dt.datetime
    state: LinkState
    status: int | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ArchivedCopy:
    """A public archive's capture of a URL (the Wayback Machine's, or another Memento's)."""

    url: str  # the capture's own address
    original: str
    captured_at: dt.datetime
    status: int | None = None
    source: str = "wayback"


@dataclass(frozen=True, slots=True)
class PageText:
    """What a snapshot says: its main text, title and publication date."""

    text: str
    title: str = ""
    published: dt.date | None = None
    language: str = ""
    encoding: str = ""
    note: str = ""  # why the text is empty though the body is not (over the reading budget)


@dataclass(frozen=True, slots=True)
class Source:
    """Everything known about one cited URL, for the report."""

    url: str
    notes: tuple[int, ...]
    state: LinkState
    detail: str = ""
    final_url: str = ""
    snapshots: tuple[Snapshot, ...] = ()
    history: tuple[StateChange, ...] = ()
    archived_copy: ArchivedCopy | None = None
    text: PageText | None = None  # the live page (citewatch's latest snapshot)
    archived_text: PageText | None = None  # the public archive's copy nearest the retrieved date
    drift: float | None = None  # 0-1 share of main text changed since the reference copy
    extra: dict[str, object] = field(default_factory=dict)
