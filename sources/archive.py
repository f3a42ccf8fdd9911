"""The WARC archive of fetched pages: gzip WARC files plus a SQLite index (the only warcio import).

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
redirects, sniffed type, error). A snapshot's offset and length are its first record's, as in a
CDX line. Stored bodies are decoded, so the headers Content-Encoding and Transfer-Encoding are
kept as X-Original-... and Content-Length is the stored length. Imported records are copied as
they are. Crash safety: see sources.archive_index.
"""

from __future__ import annotations

import base64
import datetime as dt
import fcntl
import hashlib
import logging
import os
import re
import sqlite3
import threading
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import IO, Any, TypeVar
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator, WARCIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParserException
from warcio.timeutils import datetime_to_iso_date, iso_date_to_datetime
from warcio.warcwriter import WARCWriter

from sources import __version__
from sources.archive_index import WARCS, ArchiveIndex, Entry, utc
from sources.errors import CitewatchError
from sources.model import FetchError, FetchResult, Snapshot, StateChange
from sources.settings import ArchiveSettings

logger = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_SETTINGS = ArchiveSettings()
RECORDS = RecordBuilder(warc_version="1.1")
INFO = {"software": f"citewatch/{__version__}", "format": "WARC File Format 1.1"}
CHUNK = 1024 * 1024
HTTP_TYPES = ("response", "revisit")
READ_ERRORS = (OSError, EOFError, zlib.error, ArchiveLoadFailed, StatusAndHeadersParserException)


class ArchiveError(CitewatchError):
    """The archive cannot go on: unwritable root, unreadable or damaged WARC, missing record."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


@dataclass(frozen=True, slots=True)
class _Found:
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
        if self.kind in HTTP_TYPES:
            return self.uri.startswith(("http:", "https:"))
        return self.kind == "metadata" and "citewatch-url" in self.fields and not self.links


def payload_digest(body: bytes) -> str:
    """WARC-Payload-Digest of a body: "sha1:" and the SHA-1 in base32, as warcio writes it."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def _warc_date(when: dt.datetime) -> str:
    return str(datetime_to_iso_date(utc(when).replace(tzinfo=None), use_micros=True))


def _clean(value: str) -> str:
    return re.sub(r"[\r\n]+", " ", value)


def _stored_headers(result: FetchResult) -> list[tuple[str, str]]:
    """The response headers made true of the stored, already decoded body."""
    size, headers = str(len(result.body)), []
    for name, value in result.headers:
        lowered = name.lower()
        if lowered in ("content-encoding", "transfer-encoding") or (
            lowered == "content-length" and value.strip() != size
        ):
            headers.append((f"X-Original-{name}", _clean(value)))
        elif lowered != "content-length":
            headers.append((name, _clean(value)))
    return [*headers, ("Content-Length", size)]


def _fields(result: FetchResult) -> bytes:
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
    return "".join(f"{name}: {_clean(value)}\r\n" for name, value in pairs).encode("utf-8")


def _parse_fields(data: bytes) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in data.decode("utf-8", "replace").splitlines():
        name, colon, value = line.partition(":")
        if colon:
            found.setdefault(name.strip().lower(), value.removeprefix(" "))
    return found


def _normal_digest(digest: str) -> str:
    """A SHA-1 digest in base32, whatever base the WARC wrote it in (some tools use hex)."""
    algorithm, _, value = digest.partition(":")
    if algorithm.lower() == "sha1" and re.fullmatch(r"[0-9a-fA-F]{40}", value):
        return "sha1:" + base64.b32encode(bytes.fromhex(value)).decode("ascii")
    return digest


def _inspect(record: Any, records: Any, path: Path) -> _Found:
    """Read one record to its end, check it is whole, and note what pairing and indexing need."""
    headers, kind, http = record.rec_headers, record.rec_type, record.http_headers
    sha1, size, head = hashlib.sha1(), 0, b""
    while chunk := record.raw_stream.read(CHUNK):
        sha1.update(chunk)
        size, head = size + len(chunk), head if len(head) >= 65536 else (head + chunk)[:65536]
    offset = records.get_record_offset()
    expected = record.payload_length if record.payload_length >= 0 else record.length
    if expected is None or size < expected:
        raise ArchiveError(path, f"the record at offset {offset} is cut short; get a whole copy")
    if any(p.startswith("block digest failed") for p in record.digest_checker.problems):
        raise ArchiveError(path, f"the record at offset {offset} is damaged (digest mismatch)")
    digest = "sha1:" + base64.b32encode(sha1.digest()).decode("ascii")
    if kind == "revisit":
        digest = _normal_digest(headers.get_header("WARC-Payload-Digest") or "")
    try:
        date = iso_date_to_datetime(headers.get_header("WARC-Date") or "", tz_aware=True)
    except (ValueError, TypeError, IndexError):
        date = None
    uri = headers.get_header("WARC-Target-URI") or ""
    made_up = uuid.uuid5(uuid.NAMESPACE_URL, f"{kind} {uri} {date} {digest}")
    http = http if kind in HTTP_TYPES and http else None
    status = http.get_statuscode() if http else ""
    is_fields = (record.content_type or "").startswith("application/warc-fields")
    return _Found(
        offset=offset,
        kind=kind,
        record_id=headers.get_header("WARC-Record-ID") or f"<urn:uuid:{made_up}>",
        uri=uri,
        date=date,
        links=tuple(v for k, v in headers.headers if k.lower() == "warc-concurrent-to"),
        status=int(status) if status.isdigit() else None,
        content_type=(http.get_header("Content-Type") or "").split(";")[0].strip().lower()
        if http
        else "",
        digest=digest,
        fields=_parse_fields(head) if kind == "metadata" and is_fields else {},
    )


def _catalog(path: Path) -> list[_Found]:
    """Every record of a WARC file, read through once; a damaged file raises ArchiveError."""
    try:
        with path.open("rb") as stream:
            records = WARCIterator(stream, check_digests=True)
            found = [_inspect(record, records, path) for record in records]
            end, size = records.offset, os.fstat(stream.fileno()).st_size
    except OSError as exc:
        raise ArchiveError(path, f"cannot be read ({exc.strerror}); check the path") from exc
    except READ_ERRORS as exc:
        why = (str(exc).strip() or type(exc).__name__).splitlines()[0][:80]
        raise ArchiveError(
            path, f"is not a readable WARC ({why}); check it with `warcio check`"
        ) from exc
    if not found:
        raise ArchiveError(path, "holds no WARC records; is it the right file?")
    if end < size:
        why = f"has {size - end} bytes after its last whole record"
        raise ArchiveError(path, f"{why}: it is truncated or damaged; get a whole copy")
    return found


def _groups(found: list[_Found]) -> list[list[_Found]]:
    """Each snapshot's records: its first record, then the requests and metadata linked to it
    by WARC-Concurrent-To (either way) or, for a request, by the same URI and date."""
    groups: dict[str, list[_Found]] = {}
    for record in found:
        if record.is_first:
            groups.setdefault(record.record_id, [record])
        elif record.kind in HTTP_TYPES and record.date is None:
            logger.warning("skipping the %s of %s: it has no WARC-Date", record.kind, record.uri)
    linked = {link: key for key, group in groups.items() for link in group[0].links}
    by_time = {(group[0].uri, group[0].date): key for key, group in groups.items()}
    for record in found:
        if record.record_id in groups or record.kind not in ("request", "metadata"):
            continue
        owner = next((link for link in record.links if link in groups), None)
        owner = owner or linked.get(record.record_id)
        if owner is None and record.kind == "request":
            owner = by_time.get((record.uri, record.date))
        if owner is not None:
            groups[owner].append(record)
    return list(groups.values())


def _payload(record: Any) -> bytes:
    return record.content_stream().read() if record.rec_type == "response" else b""


def _headers(record: Any) -> tuple[tuple[str, str], ...]:
    http = record.http_headers if record.rec_type in HTTP_TYPES else None
    return tuple(http.headers) if http else ()


def _warcinfo(name: str) -> bytes:
    out = BytesIO()
    WARCWriter(out, gzip=True, warc_version="1.1").write_record(
        RECORDS.create_warcinfo_record(name, INFO)
    )
    return out.getvalue()


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
            return cls(root, ArchiveIndex(root, settings.max_warc_bytes, _warcinfo), lock)
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
        when, responded = utc(result.fetched_at), result.status is not None
        digest = payload_digest(result.body) if responded else ""
        target = (result.final_url or result.url) if responded else result.url
        with self._appending(self.root):
            original = None
            if responded and result.body and not result.error:
                original = self._index.original(digest)
            first = self._first_record(result, target, digest, original)
            first_id = first.rec_headers.get_header("WARC-Record-ID")
            linked = {"WARC-Date": _warc_date(when), "WARC-Concurrent-To": first_id}
            records = [first]
            if responded or result.request_headers:  # no request record for one never sent
                records.append(self._request_record(result, target, linked))
            if responded:
                records.append(_metadata_record(result.url, _fields(result), linked))
            out = self._index.open_file()
            writer, offset, lengths = WARCWriter(out, gzip=True), out.tell(), []
            for record in records:
                start = out.tell()
                writer.write_record(record)
                lengths.append(out.tell() - start)
            snapshot = Snapshot(
                url=result.url,
                fetched_at=when,
                final_url=result.final_url,
                status=result.status,
                content_type=result.content_type,
                digest=digest,
                warc_file=self._index.location(),
                offset=offset,
                length=lengths[0],
                error=result.error,
                detail=result.detail,
                revisit=original is not None,
            )
            self._index.add(Entry(snapshot, first_id, target, sum(lengths)))
        return snapshot

    def record_state(self, change: StateChange) -> None:
        """Add one observation to the link-state history."""
        with self._mutex:
            self._index.add_state(change)

    def import_warc(self, path: Path) -> int:
        """Copy the snapshots of a WARC made elsewhere (.warc or .warc.gz) into the archive and
        return how many were new: responses and revisits, with their requests and metadata.
        A record already here (same WARC-Record-ID) is skipped, so a second import adds none."""
        path = Path(path)
        with self._mutex:
            groups = _groups(_catalog(path))
            groups = [group for group in groups if not self._index.has_record(group[0].record_id)]
            if groups:
                with path.open("rb") as source, self._appending(path):
                    for group in groups:
                        self._copy_group(source, group, path)
                        self._index.rotate_if_full()
        return len(groups)

    def export_warc(self, path: Path, urls: Iterable[str] | None = None) -> int:
        """Write the snapshots of `urls` (all when None), with the originals their revisits
        point to, into one new gzip WARC at `path`; return how many snapshots it holds."""
        path = Path(path)
        part = path.with_name(path.name + ".part")
        with self._mutex:
            chosen = {entry.record_id: entry for entry in self._index.entries(urls)}
            for entry in list(chosen.values()):
                original = self._index.original(entry.snapshot.digest)
                if entry.snapshot.revisit and original is not None:
                    chosen.setdefault(original.record_id, original)
            entries = sorted(chosen.values(), key=lambda entry: entry.snapshot.fetched_at)
            try:
                with part.open("wb") as out:
                    out.write(_warcinfo(path.name))
                    for entry in entries:
                        self._copy_span(entry, out)
                    out.flush()
                    os.fsync(out.fileno())
                part.replace(path)
            except OSError as exc:
                part.unlink(missing_ok=True)
                raise ArchiveError(
                    path, f"cannot write the export ({exc}); pick another path"
                ) from exc
        return len(entries)

    # Reading

    def snapshots(self, url: str) -> list[Snapshot]:
        """Every snapshot of `url`, oldest first."""
        with self._mutex:
            return [entry.snapshot for entry in self._index.entries([url])]

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

    def state_history(self, url: str) -> list[StateChange]:
        """The link states recorded for `url`, oldest first."""
        with self._mutex:
            return self._index.states(url)

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
        try:
            return self._index.path(snapshot.warc_file)
        except ValueError as exc:
            raise ArchiveError(
                self.root / snapshot.warc_file, f"{exc}; use this archive's"
            ) from exc

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
        with self._mutex:
            try:
                with self._index.appending():
                    yield
            except OSError as exc:
                why = f"cannot copy into the archive ({exc})"
                raise ArchiveError(path, f"{why}; free disk space or fix permissions") from exc

    def _copy_span(self, entry: Entry, out: IO[bytes]) -> None:
        with self._path(entry.snapshot).open("rb") as source:
            source.seek(entry.snapshot.offset)
            left = entry.span
            while left and (chunk := source.read(min(left, CHUNK))):
                out.write(chunk)
                left -= len(chunk)
        if left:
            raise ArchiveError(self.root / entry.snapshot.warc_file, "is shorter than its index")

    def _copy_group(self, source: IO[bytes], group: list[_Found], path: Path) -> None:
        """Append a group's records as they are (a few WARC headers filled in), and index it."""
        out = self._index.open_file()
        offset, lengths = out.tell(), []
        for found in group:
            source.seek(found.offset)
            try:
                record = next(iter(ArchiveIterator(source, no_record_parse=True)))
            except (*READ_ERRORS, StopIteration) as exc:
                raise ArchiveError(
                    path, f"the record at {found.offset} vanished ({exc!r})"
                ) from exc
            headers = record.rec_headers
            headers.replace_header("WARC-Record-ID", found.record_id)
            if found.kind == "response":  # some tools digest the dechunked payload; warcio won't
                headers.replace_header("WARC-Payload-Digest", found.digest)
            packer, start = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS + 16), out.tell()
            out.write(packer.compress(headers.to_bytes()))
            while chunk := record.raw_stream.read(CHUNK):
                out.write(packer.compress(chunk))
            out.write(packer.compress(b"\r\n\r\n") + packer.flush())
            lengths.append(out.tell() - start)
        first = group[0]
        assert first.date is not None  # as is_first checked
        fields = next((f.fields for f in group if "citewatch-url" in f.fields), {})
        status = first.status
        if status is None and first.kind == "revisit":  # a revisit without HTTP headers
            original = self._index.original(first.digest)
            status = original.snapshot.status if original else None
        error = fields.get("error", "")
        snapshot = Snapshot(
            url=fields.get("citewatch-url", first.uri),
            fetched_at=first.date,
            final_url=fields.get("final-url", first.uri if first.kind in HTTP_TYPES else ""),
            status=status,
            content_type=fields.get("content-type", first.content_type),
            digest=first.digest if first.kind in HTTP_TYPES else "",
            warc_file=self._index.location(),
            offset=offset,
            length=lengths[0],
            error=FetchError(error) if error in set(FetchError) else None,
            detail=fields.get("detail", ""),
            revisit=first.kind == "revisit",
        )
        self._index.add(Entry(snapshot, first.record_id, first.uri, sum(lengths)))

    def _first_record(
        self, result: FetchResult, target: str, digest: str, original: Entry | None
    ) -> Any:
        date = {"WARC-Date": _warc_date(result.fetched_at)}
        if result.status is None:
            return _metadata_record(result.url, _fields(result), date)
        phrase = next((s.phrase for s in HTTPStatus if s.value == result.status), "")
        line = f"{result.status} {result.reason or phrase}".strip()
        http = StatusAndHeaders(line, _stored_headers(result), protocol=result.http_version)
        if original is None:
            body, size = BytesIO(result.body), len(result.body)
            return RECORDS.create_warc_record(
                target, "response", body, size, warc_headers_dict=date, http_headers=http
            )
        return RECORDS.create_revisit_record(
            target,
            digest,
            original.target_uri,
            _warc_date(original.snapshot.fetched_at),
            http_headers=http,
            warc_headers_dict={**date, "WARC-Refers-To": original.record_id},
        )

    def _request_record(self, result: FetchResult, target: str, linked: dict[str, str]) -> Any:
        parts = urlsplit(target)
        path = (parts.path or "/").replace(" ", "%20") + (f"?{parts.query}" if parts.query else "")
        headers = [(name, _clean(value)) for name, value in result.request_headers]
        if not any(name.lower() == "host" for name, _ in headers):
            headers.insert(0, ("Host", parts.netloc.rpartition("@")[2]))
        line = f"GET {path} {result.http_version}"
        http = StatusAndHeaders(line, headers, is_http_request=True)
        return RECORDS.create_warc_record(
            target, "request", warc_headers_dict=linked, http_headers=http
        )


def _metadata_record(url: str, fields: bytes, headers: dict[str, str]) -> Any:
    return RECORDS.create_warc_record(
        url, "metadata", BytesIO(fields), len(fields), warc_headers_dict=headers
    )
