"""Settings of the sources stage in one place, with their defaults and why."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sources import __version__

USER_AGENT = f"citewatch/{__version__} (citation checker: fetches and archives cited pages)"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # between bytes
    deadline: float = 60.0  # the whole attempt: connect, headers, body, redirects included
    max_bytes: int = 25 * 1024 * 1024  # body as sent (compressed)
    # body after Content-Encoding: no more than sources.text.TextBudget reads (32 MiB)
    max_decoded_bytes: int = 32 * 1024 * 1024
    max_redirects: int = 10
    # Politeness: one host sees at most `per_host` requests at once, `min_gap` seconds apart.
    per_host: int = 2
    min_gap: float = 1.0
    workers: int = 16  # requests in flight across hosts
    retries: int = 3  # extra attempts on transient failures only
    backoff: float = 1.0  # first wait; doubles each retry, with jitter
    max_backoff: float = 60.0
    # Tests serve pages on 127.0.0.1 and must say so; real runs refuse private targets.
    allow_loopback: bool = False
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class LinkSettings:
    dead_after_failures: int = 3  # 404/410/NXDOMAIN seen this many times ...
    dead_after_days: float = 1.0  # ... each at least this far apart, before a link is dead
    drift_threshold: float = 0.3  # share of main text changed that counts as drift


@dataclass(frozen=True, slots=True)
class ArchiveSettings:
    root: Path = Path("citewatch-archive")
    max_warc_bytes: int = 1024 * 1024 * 1024  # a WARC file is closed past this size


@dataclass(frozen=True, slots=True)
class WaybackSettings:
    availability_url: str = "https://archive.org/wayback/available"
    cdx_url: str = "https://web.archive.org/cdx/search/cdx"
    timeout: float = 20.0
    enabled: bool = True
