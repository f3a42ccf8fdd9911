"""The WARC archive of fetched pages: gzip WARC files plus a SQLite index (warcio's owner).

On-disk layout under the archive root:

    <root>/
      index.sqlite                                    the index (WAL mode: -wal, -shm beside it)
      lock                                            flock-ed by the one process using it
      warcs/
        citewatch-20261124T172052Z-00001.warc.gz        closed WARC, one gzip member per record
        citewatch-20261124T180311Z-00002.warc.gz.open   the WARC being appended to

Every WARC file opens with a warcinfo record and is closed past `max_warc_bytes`. A stored fetch
is a group of adjacent records: the `response` (a `revisit` when the same payload is archived
already; when no HTTP response came, a `metadata` record describing the failure), the `request`
(if one was sent), and a `metadata` record with what WARC headers cannot hold (cited URL,
redirects, sniffed type, error). A body cut short by a cap, the deadline or a dropped connection
is stored as far as it came, its response record marked `WARC-Truncated` (length, time or
disconnect) and its snapshot keeping the error: it is evidence, never read as a page. A
snapshot's offset and length are its first record's, as in a CDX line. Stored bodies are
decoded, so the headers Content-Encoding and Transfer-Encoding are kept as X-Original-... and
Content-Length is the stored length. Imported records are copied as they are
(sources.archive_transfer, the other warcio importer). Crash safety: see sources.archive_index.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import sqlite3
import threading
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import IO, Any, TypeVar
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date

from sources import archive_transfer
from sources.archive_index import WARCS, ArchiveIndex, Entry, utc
from sources.archive_records import (
    HTTP_TYPES,
    ArchiveError,
    clean,
    hop_headers,
    metadata_fields,
    payload_digest,
    stored_headers,
)
from sources.archive_transfer import (
    READ_ERRORS,
    ImportSummary,
    appending,
    warc_path,
    warcinfo,
)
from sources.model import TRUNCATIONS, FetchResult, Hop, Snapshot, StateChange
from sources.settings import ArchiveSettings

__all__ = ["Archive", "ArchiveError", "payload_digest"]

T = TypeVar("T")

DEFAULT_SETTINGS = ArchiveSettings()


def _warc_date(when: dt.datetime) -> str:
    return str(datetime_to_iso_date(utc(when).replace(tzinfo=None), use_micros=True))


def _payload(record: Any) -> bytes:
    return record.content_stream().read() if record.rec_type in ("response", "resource") else b""


def _headers(record: Any) -> tuple[tuple[str, str], ...]:
    http = record.http_headers if record.rec_type in HTTP_TYPES else None
    return tuple(http.headers) if http else ()


class Archive:
    """A WARC archive and its index. Open with `Archive.open(root)`; close, or use `with`."""

    def __init__(self, root: Path, index: ArchiveIndex, lock: IO[bytes]) -> None:
        self.root, self._index, self._lock = root, index, lock
        self._mutex = threading.RLock()

    @classmethod
    def open(cls, root: Path, settings: ArchiveSettings = DEFAULT_SETTINGS) -> Archive:
        """Open or create the archive at `root`, recovering what a killed run left open."""
        root = Path(root)
        try:
            (root / WARCS).mkdir(parents=True, exist_ok=True)
            lock = (root / "lock").open("ab")
        except OSError as exc:
            why = exc.strerror or exc
            raise ArchiveError(
                root, f"cannot write an archive here ({why}); pick another root"
            ) from exc
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return cls(root, ArchiveIndex(root, settings.max_warc_bytes, warcinfo), lock)
        except BlockingIOError:
            lock.close()
            raise ArchiveError(
                root, "another citewatch run has it open; wait for it to end"
            ) from None
        except (OSError, sqlite3.Error) as exc:
            lock.close()
            raise ArchiveError(
                root, f"cannot open the archive ({exc}); check permissions or restore index.sqlite"
            ) from exc

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close (rename) the WARC being appended to and release the archive."""
        with self._mutex:
            if not self._lock.closed:
                try:
                    self._index.close()
                finally:
                    self._lock.close()

    # Writing

    def store(self, result: FetchResult) -> Snapshot:
        """Archive one fetch; the snapshot is on disk and indexed when this returns."""
        return self.store_many([result])[0]

    def store_many(self, results: Sequence[FetchResult]) -> list[Snapshot]:
        """Archive several fetches under one commit (one fsync of the WARC and one of the
        index for all): on disk and indexed when this returns, or none of them is."""
        with self._appending(self.root):
            out = self._index.open_file()
            written = _Written(out.tell())
            snapshots = [self._append(result, written) for result in results]
            out.write(b"".join(written.chunks))
            return snapshots

    def _append(self, result: FetchResult, written: _Written) -> Snapshot:
        when, responded = utc(result.fetched_at), result.status is not None
        digest = payload_digest(result.body) if responded else ""
        target = (result.final_url or result.url) if responded else result.url
        original = None
        if responded and result.body and not result.error:
            original = self._index.original(digest)
        first_id, first = _first_record(result, target, digest, original)
        linked = [("WARC-Date", _warc_date(when)), ("WARC-Concurrent-To", first_id)]
        records = [first]
        if responded or result.request_headers:  # no request record for one never sent
            records.append(_request_record(result, target, linked))
        if responded:
            records.append(_metadata_record(result.url, metadata_fields(result), linked)[1])
            records += [_hop_record(hop, linked) for hop in result.hops]
        offset = written.end
        for record in records:
            written.add(record)
        snapshot = Snapshot(
            url=result.url,
            fetched_at=when,
            final_url=result.final_url,
            status=result.status,
            content_type=result.content_type,
            digest=digest,
            warc_file=self._index.location(),
            offset=offset,
            length=len(first),
            error=result.error,
            detail=result.detail,
            revisit=original is not None,
        )
        self._index.add(Entry(snapshot, first_id, target, written.end - offset))
        return snapshot

    def record_state(self, change: StateChange) -> None:
        """Add one observation to the link-state history."""
        self.record_states([change])

    def record_states(self, changes: Sequence[StateChange]) -> None:
        """Add several observations under one commit."""
        with self._mutex:
            self._index.add_states(changes)

    def import_warc(self, path: Path) -> ImportSummary:
        """Copy the snapshots of a WARC or ARC made elsewhere (.warc, .warc.gz, .arc, .arc.gz)
        into the archive: responses, revisits and resource records, with their requests,
        metadata and redirect hops. A record already here (same WARC-Record-ID) is not copied
        again; records that belong to no snapshot are counted by reason (`.describe()`)."""
        with self._mutex:
            return archive_transfer.import_warc(self._index, Path(path))

    def export_warc(self, path: Path, urls: Iterable[str] | None = None) -> int:
        """Write the snapshots of `urls` (all when None), with the originals their revisits
        point to, into one new gzip WARC at `path`; return how many snapshots it holds."""
        with self._mutex:
            return archive_transfer.export_warc(self._index, Path(path), urls)

    # Reading

    def snapshots(self, url: str) -> list[Snapshot]:
        """Every snapshot of `url`, oldest first."""
        with self._mutex:
            return [entry.snapshot for entry in self._index.entries([url])]

    def snapshots_of(self, urls: Iterable[str]) -> dict[str, list[Snapshot]]:
        """Every snapshot of each of `urls`, oldest first, by canonical key (sources.urlkey)."""
        with self._mutex:
            found = self._index.entries_by_key(urls)
        return {key: [entry.snapshot for entry in entries] for key, entries in found.items()}

    def latest(self, url: str) -> Snapshot | None:
        with self._mutex:
            entry = self._index.latest(url)
        return entry.snapshot if entry else None

    def has(self, url: str) -> bool:
        with self._mutex:
            return self._index.has(url)

    def urls(self) -> list[str]:
        with self._mutex:
            return self._index.urls()

    def due_links(self, now: dt.datetime, within: dt.timedelta) -> list[str]:
        """The links with a link-state history not fetched within `within` of `now`."""
        with self._mutex:
            return self._index.due_links(now - within)

    def state_history(self, url: str) -> list[StateChange]:
        """The link states recorded for `url`, oldest first."""
        with self._mutex:
            return self._index.states(url)

    def state_histories(self, urls: Iterable[str]) -> dict[str, list[StateChange]]:
        """The link states of each of `urls`, oldest first, by canonical key."""
        with self._mutex:
            return self._index.states_by_key(urls)

    def read_payload(self, snapshot: Snapshot) -> bytes:
        """The body as served, decoded from chunking and Content-Encoding (a revisit's comes
        from its original); empty for a fetch that got no response."""
        if snapshot.revisit:
            with self._mutex:
                original = self._index.original(snapshot.digest)
            if original is None:
                raise ArchiveError(
                    self.root / snapshot.warc_file,
                    f"the original of the revisit of {snapshot.url} is not in the archive; "
                    "import the WARC that holds it",
                )
            snapshot = original.snapshot
        return self._read(snapshot, _payload)

    def read_headers(self, snapshot: Snapshot) -> tuple[tuple[str, str], ...]:
        """The HTTP response headers as stored (a revisit's own); empty without a response."""
        return self._read(snapshot, _headers)

    # Internals

    def _path(self, snapshot: Snapshot) -> Path:
        return warc_path(self._index, snapshot.warc_file)

    def _read(self, snapshot: Snapshot, take: Callable[[Any], T]) -> T:
        with self._mutex:  # so that closing a WARC cannot rename it between lookup and open
            path = self._path(snapshot)
            try:
                with path.open("rb") as stream:
                    stream.seek(snapshot.offset)
                    return take(next(iter(ArchiveIterator(stream))))
            except (*READ_ERRORS, StopIteration) as exc:
                why = f"cannot read the record at offset {snapshot.offset} ({exc!r})"
                raise ArchiveError(path, f"{why}; run `warcio check` on it") from exc

    @contextmanager
    def _appending(self, path: Path) -> Iterator[None]:
        """The index's append-then-commit-or-undo block, with OS errors as ArchiveError."""
        with self._mutex, appending(self._index, path):
            yield


class _Written:
    """The gzip members of one `store_many`, written to the WARC file in one go at its end."""

    def __init__(self, start: int) -> None:
        self.end, self.chunks = start, list[bytes]()

    def add(self, member: bytes) -> None:
        self.chunks.append(member)
        self.end += len(member)


# The records citewatch writes are serialised here rather than by warcio's RecordBuilder and
# WARCWriter: those look every WARC header up by a linear, lower-casing scan and cost about
# 0.7 ms of pure Python per fetch, on the one interpreter lock the crawl needs too (the nightly
# check's profile: a third of its time). The bytes are the same WARC/1.1 records (warcio
# still builds the HTTP header blocks, reads every record back, and the tests check the files
# with `warcio check` and replay them in pywb); each record is its own gzip member.
GZIP_LEVEL = 6  # warcio uses 9: a few percent smaller for several times the CPU
WARC_TYPES = {
    "response": "application/http; msgtype=response",
    "revisit": "application/http; msgtype=response",
    "request": "application/http; msgtype=request",
    "metadata": "application/warc-fields",
}
EMPTY_DIGEST = payload_digest(b"")


def _record(
    kind: str,
    uri: str,
    headers: Sequence[tuple[str, str]],
    http: StatusAndHeaders | None = None,
    payload: bytes = b"",
    digest: str = "",
) -> tuple[str, bytes]:
    """One WARC/1.1 record of `kind` as a gzip member, and its WARC-Record-ID. `headers` go
    first (WARC-Date, links); `digest` is the payload's, when the caller has it already."""
    record_id = f"<urn:uuid:{uuid.uuid4()}>"
    http_bytes = http.to_ascii_bytes() if http is not None else b""
    block = http_bytes + (b"" if kind == "revisit" else payload)
    fields = [*headers, ("WARC-Type", kind), ("WARC-Record-ID", record_id)]
    fields.append(("WARC-Target-URI", uri))
    if kind != "revisit":
        digest = digest or payload_digest(payload)
        fields.append(("WARC-Payload-Digest", digest))
    fields += [
        ("WARC-Block-Digest", digest if http is None else payload_digest(block)),
        ("Content-Type", WARC_TYPES[kind]),
        ("Content-Length", str(len(block))),
    ]
    head = "WARC/1.1\r\n" + "".join(f"{name}: {value}\r\n" for name, value in fields) + "\r\n"
    data = head.encode("utf-8") + block + b"\r\n\r\n"
    return record_id, zlib.compress(data, GZIP_LEVEL, wbits=31)


def _first_record(
    result: FetchResult, target: str, digest: str, original: Entry | None
) -> tuple[str, bytes]:
    date = [("WARC-Date", _warc_date(result.fetched_at))]
    if result.status is None:
        return _metadata_record(result.url, metadata_fields(result), date)
    http = StatusAndHeaders(
        _status_line(result.status, result.reason), stored_headers(result),
        protocol=result.http_version,
    )  # fmt: skip
    if original is None:
        truncated = TRUNCATIONS.get(result.error) if result.error else None
        if truncated:  # the body stored is what came before the cap, deadline or hang-up
            date.append(("WARC-Truncated", truncated))
        return _record("response", target, date, http, result.body, digest)
    return _record(
        "revisit",
        target,
        [
            *date,
            ("WARC-Refers-To", original.record_id),
            ("WARC-Profile", RecordBuilder.REVISIT_PROFILE_1_1),
            ("WARC-Refers-To-Target-URI", original.target_uri),
            ("WARC-Refers-To-Date", _warc_date(original.snapshot.fetched_at)),
            ("WARC-Payload-Digest", digest),
        ],
        http,
    )


def _status_line(status: int, reason: str = "") -> str:
    return f"{status} {reason or _PHRASES.get(status, '')}".strip()


_PHRASES = {s.value: s.phrase for s in HTTPStatus}


def _request_record(result: FetchResult, target: str, linked: list[tuple[str, str]]) -> bytes:
    parts = urlsplit(target)
    path = (parts.path or "/").replace(" ", "%20") + (f"?{parts.query}" if parts.query else "")
    headers = [(name, clean(value)) for name, value in result.request_headers]
    if not any(name.lower() == "host" for name, _ in headers):
        headers.insert(0, ("Host", parts.netloc.rpartition("@")[2]))
    http = StatusAndHeaders(f"GET {path} {result.http_version}", headers, is_http_request=True)
    return _record("request", target, linked, http, digest=EMPTY_DIGEST)[1]


def _hop_record(hop: Hop, linked: list[tuple[str, str]]) -> bytes:
    """A redirect hop as its own response record, so a replay tool (pywb, the Wayback
    Machine) asked for the cited URL answers with its redirect. The fetcher keeps each hop's
    status and headers (sources.model.Hop), not its body, which is stored empty."""
    headers = hop_headers(hop)
    http = StatusAndHeaders(_status_line(hop.status), headers, protocol="HTTP/1.1")
    return _record("response", hop.url, linked, http, digest=EMPTY_DIGEST)[1]


def _metadata_record(url: str, fields: bytes, headers: list[tuple[str, str]]) -> tuple[str, bytes]:
    return _record("metadata", url, headers, payload=fields)
