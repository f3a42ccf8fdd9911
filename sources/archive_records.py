"""What citewatch puts in WARC records and reads back from them, without warcio and without I/O.

Digests, response headers made true of a stored (decoded) body, the `metadata` record's
warc-fields, and how the records of an imported WARC group into snapshots. Also `ArchiveError`,
which every archive module raises (sources.archive re-exports it).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from sources.errors import CitewatchError
from sources.model import FetchResult, Hop

logger = logging.getLogger(__name__)

HTTP_TYPES = ("response", "revisit")
FIRST_TYPES = (*HTTP_TYPES, "resource")  # records that can start a snapshot


class ArchiveError(CitewatchError):
    """The archive cannot go on: unwritable root, unreadable or damaged WARC, missing record."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


@dataclass(frozen=True, slots=True)
class Found:
    """One record of a WARC being imported, as the first reading pass saw it."""

    offset: int
    kind: str
    record_id: str
    uri: str
    date: dt.datetime | None
    links: tuple[str, ...]  # WARC-Concurrent-To
    status: int | None
    content_type: str
    digest: str
    fields: dict[str, str] = field(default_factory=dict)  # a metadata record's warc-fields

    @property
    def is_first(self) -> bool:
        """Whether the record starts a snapshot: a response, revisit or citewatch failure."""
        if self.date is None:
            return False
        if self.is_hop:
            return False
        if self.kind in FIRST_TYPES:
            return self.uri.startswith(("http:", "https:"))
        return self.kind == "metadata" and "citewatch-url" in self.fields and not self.links

    @property
    def is_hop(self) -> bool:
        """A redirect hop written beside its snapshot's response (linked by
        WARC-Concurrent-To): part of that snapshot, not one of its own."""
        redirect = self.status is not None and 300 <= self.status < 400
        return self.kind == "response" and redirect and bool(self.links)


def payload_digest(body: bytes) -> str:
    """WARC-Payload-Digest of a body: "sha1:" and the SHA-1 in base32, as warcio writes it."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def normal_digest(digest: str) -> str:
    """A SHA-1 digest in base32, whatever base the WARC wrote it in (some tools use hex)."""
    algorithm, _, value = digest.partition(":")
    if algorithm.lower() == "sha1" and re.fullmatch(r"[0-9a-fA-F]{40}", value):
        return "sha1:" + base64.b32encode(bytes.fromhex(value)).decode("ascii")
    return digest


def clean(value: str) -> str:
    """A header value on one line: CR and LF runs become a space."""
    if "\r" not in value and "\n" not in value:  # nearly always: no regex needed
        return value
    return re.sub(r"[\r\n]+", " ", value)


def stored_headers(result: FetchResult) -> list[tuple[str, str]]:
    """The response headers made true of the stored, already decoded body."""
    return _true_of(result.headers, len(result.body))


def hop_headers(hop: Hop) -> list[tuple[str, str]]:
    """A redirect hop's response headers made true of its stored body, which is empty (a
    hop recorded without its headers keeps its Location)."""
    return _true_of(hop.headers or (("Location", hop.location),), 0)


def _true_of(received: tuple[tuple[str, str], ...], stored: int) -> list[tuple[str, str]]:
    size, headers = str(stored), []
    for name, value in received:
        lowered = name.lower()
        if lowered in ("content-encoding", "transfer-encoding") or (
            lowered == "content-length" and value.strip() != size
        ):
            headers.append((f"X-Original-{name}", clean(value)))
        elif lowered != "content-length":
            headers.append((name, clean(value)))
    return [*headers, ("Content-Length", size)]


def metadata_fields(result: FetchResult) -> bytes:
    """The warc-fields of a fetch's `metadata` record: what WARC headers cannot hold."""
    pairs = [
        ("citewatch-url", result.url),
        ("final-url", result.final_url),
        ("content-type", result.content_type),
        ("declared-type", result.declared_type),
        *(("hop", f"{hop.status} {hop.url} {hop.location}") for hop in result.hops),
        ("elapsed", f"{result.elapsed:.3f}"),
        *([("error", result.error.value)] if result.error else []),
        ("detail", result.detail),
    ]
    return "".join(f"{name}: {clean(value)}\r\n" for name, value in pairs).encode("utf-8")


def parse_fields(data: bytes) -> dict[str, str]:
    """warc-fields as a dict of lowercased names; the first of a repeated name wins."""
    found: dict[str, str] = {}
    for line in data.decode("utf-8", "replace").splitlines():
        name, colon, value = line.partition(":")
        if colon:
            found.setdefault(name.strip().lower(), value.removeprefix(" "))
    return found


def skip_reason(record: Found) -> str:
    """Why an imported record that belongs to no snapshot was left out, in a few words."""
    if record.kind in FIRST_TYPES and record.date is None:
        return f"{record.kind} records without a WARC-Date"
    if record.kind in FIRST_TYPES:
        return f"{record.kind} records of non-web URIs"
    if record.kind in ("request", "metadata") or record.is_hop:
        return f"{'redirect' if record.is_hop else record.kind} records linked to no snapshot"
    return f"{record.kind} records"


def group_records(found: list[Found]) -> list[list[Found]]:
    """Each snapshot's records: its first record, then the requests, metadata and redirect hops
    linked to it by WARC-Concurrent-To (either way) or, for a request, by the same URI and
    date. What belongs to none is left out (`skip_reason` says why)."""
    groups: dict[str, list[Found]] = {}
    for record in found:
        if record.is_first:
            groups.setdefault(record.record_id, [record])
        elif record.kind in HTTP_TYPES and record.date is None:
            logger.warning("skipping the %s of %s: it has no WARC-Date", record.kind, record.uri)
    linked = {link: key for key, group in groups.items() for link in group[0].links}
    by_time = {(group[0].uri, group[0].date): key for key, group in groups.items()}
    for record in found:
        if record.record_id in groups or not (
            record.kind in ("request", "metadata") or record.is_hop
        ):
            continue
        owner = next((link for link in record.links if link in groups), None)
        owner = owner or linked.get(record.record_id)
        if owner is None and record.kind == "request":
            owner = by_time.get((record.uri, record.date))
        if owner is not None:
            groups[owner].append(record)
    return list(groups.values())
