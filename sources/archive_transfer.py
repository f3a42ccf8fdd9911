"""WARC files in and out of the archive: import a WARC (or ARC) made elsewhere, export snapshots
to one.

An import reads the file through once (every record whole, digests checked; an ARC file through
warcio's ARC-to-WARC conversion), groups the records into snapshots (sources.archive_records:
responses, revisits and `resource` records, with their requests, metadata and redirect hops),
skips those already archived (same WARC-Record-ID) and counts by reason the records that belong
to none, and copies the rest as they are, a few WARC headers filled in, one gzip member per
record. An export
copies the stored bytes of the chosen snapshots, and the originals their revisits point to, into
a new gzip WARC written beside its destination as `.part`, then renamed. Shares warcio with
sources.archive.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import os
import uuid
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator, WARCIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeadersParserException
from warcio.timeutils import iso_date_to_datetime
from warcio.warcwriter import WARCWriter

from sources import __version__
from sources.archive_index import ArchiveIndex, Entry
from sources.archive_records import (
    HTTP_TYPES,
    ArchiveError,
    Found,
    group_records,
    normal_digest,
    parse_fields,
    skip_reason,
)
from sources.model import FetchError, Snapshot

RECORDS = RecordBuilder(warc_version="1.1")
INFO = {"software": f"citewatch/{__version__}", "format": "WARC File Format 1.1"}
CHUNK = 1024 * 1024
READ_ERRORS = (OSError, EOFError, zlib.error, ArchiveLoadFailed, StatusAndHeadersParserException)


def warcinfo(name: str) -> bytes:
    """The gzipped warcinfo record a WARC file called `name` opens with."""
    out = BytesIO()
    WARCWriter(out, gzip=True, warc_version="1.1").write_record(
        RECORDS.create_warcinfo_record(name, INFO)
    )
    return out.getvalue()


@contextmanager
def appending(index: ArchiveIndex, path: Path) -> Iterator[None]:
    """The index's append-then-commit-or-undo block, with OS errors as ArchiveError on `path`."""
    try:
        with index.appending():
            yield
    except OSError as exc:
        why = f"cannot copy into the archive ({exc})"
        raise ArchiveError(path, f"{why}; free disk space or fix permissions") from exc


def warc_path(index: ArchiveIndex, warc_file: str) -> Path:
    """Where a snapshot's `warc_file` is now; ArchiveError when it is outside the archive."""
    try:
        return index.path(warc_file)
    except ValueError as exc:
        raise ArchiveError(index.warcs.parent / warc_file, f"{exc}; use this archive's") from exc


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did: snapshots added, snapshots already archived, and the records it
    left out, counted by reason (warcinfo records are never counted: they describe a file)."""

    added: int
    already: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    urls: tuple[str, ...] = ()  # the URLs of the snapshots added

    def describe(self) -> str:
        text = f"{self.added} new snapshots"
        if self.already:
            text += f", {self.already} already archived"
        if self.skipped:
            parts = ", ".join(f"{n} {why}" for why, n in self.skipped.items())
            text += f"; skipped {sum(self.skipped.values())} records ({parts})"
        return text


def _is_arc(path: Path) -> bool:
    """An ARC file (plain or gzipped) starts with its filedesc:// header."""
    try:
        with path.open("rb") as raw:
            start = raw.read(2)
            raw.seek(0)
            head = gzip.GzipFile(fileobj=raw).read(11) if start == b"\x1f\x8b" else raw.read(11)
    except (OSError, EOFError):
        return False
    return head == b"filedesc://"


def import_warc(index: ArchiveIndex, path: Path) -> ImportSummary:
    """Copy the snapshots of the WARC or ARC at `path` that are not archived yet."""
    arc = _is_arc(path)
    found = _catalog(path, arc)
    groups = group_records(found)
    grouped = {record.record_id for group in groups for record in group}
    skipped = Counter(
        skip_reason(record)
        for record in found
        if record.record_id not in grouped and record.kind != "warcinfo"
    )
    new = [group for group in groups if not index.has_record(group[0].record_id)]
    urls: list[str] = []
    if new:
        with path.open("rb") as source, appending(index, path):
            for group in new:
                urls.append(_copy_group(index, source, group, path, arc))
                index.rotate_if_full()
    added = tuple(dict.fromkeys(urls))
    return ImportSummary(len(new), len(groups) - len(new), dict(skipped), added)


def export_warc(index: ArchiveIndex, path: Path, urls: Iterable[str] | None) -> int:
    """Write the snapshots of `urls` (all when None) and their revisits' originals to `path`."""
    part = path.with_name(path.name + ".part")
    chosen = {entry.record_id: entry for entry in index.entries(urls)}
    for entry in list(chosen.values()):
        original = index.original(entry.snapshot.digest)
        if entry.snapshot.revisit and original is not None:
            chosen.setdefault(original.record_id, original)
    entries = sorted(chosen.values(), key=lambda entry: entry.snapshot.fetched_at)
    try:
        with part.open("wb") as out:
            out.write(warcinfo(path.name))
            for entry in entries:
                _copy_span(index, entry, out)
            out.flush()
            os.fsync(out.fileno())
        part.replace(path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise ArchiveError(path, f"cannot write the export ({exc}); pick another path") from exc
    return len(entries)


def _inspect(record: Any, records: Any, path: Path, arc: bool = False) -> Found:
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
        digest = normal_digest(headers.get_header("WARC-Payload-Digest") or "")
    try:
        date = iso_date_to_datetime(headers.get_header("WARC-Date") or "", tz_aware=True)
    except (ValueError, TypeError, IndexError):
        date = None
    uri = headers.get_header("WARC-Target-URI") or ""
    made_up = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{kind} {uri} {date} {digest}')}>"
    http = http if kind in HTTP_TYPES and http else None
    status = http.get_statuscode() if http else ""
    is_fields = (record.content_type or "").startswith("application/warc-fields")
    content_type = (http.get_header("Content-Type") or "") if http else ""
    if kind == "resource":  # a resource record holds the document itself: its type is the record's
        content_type, status = record.content_type or "", "200"
    return Found(
        offset=offset,
        kind=kind,
        # an ARC record has no id: warcio makes a random one, which would defeat re-import
        record_id=made_up if arc else (headers.get_header("WARC-Record-ID") or made_up),
        uri=uri,
        date=date,
        links=tuple(v for k, v in headers.headers if k.lower() == "warc-concurrent-to"),
        status=int(status) if status.isdecimal() else None,
        content_type=content_type.split(";")[0].strip().lower(),
        digest=digest,
        fields=parse_fields(head) if kind == "metadata" and is_fields else {},
    )


def _catalog(path: Path, arc: bool = False) -> list[Found]:
    """Every record of a WARC (or ARC) file, read through once; a damaged file raises
    ArchiveError."""
    try:
        with path.open("rb") as stream:
            records = (
                ArchiveIterator(stream, check_digests=True, arc2warc=True)
                if arc
                else WARCIterator(stream, check_digests=True)
            )
            found = [_inspect(record, records, path, arc) for record in records]
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


def _copy_span(index: ArchiveIndex, entry: Entry, out: IO[bytes]) -> None:
    with warc_path(index, entry.snapshot.warc_file).open("rb") as source:
        source.seek(entry.snapshot.offset)
        left = entry.span
        while left and (chunk := source.read(min(left, CHUNK))):
            out.write(chunk)
            left -= len(chunk)
    if left:
        where = index.warcs.parent / entry.snapshot.warc_file
        raise ArchiveError(where, "is shorter than its index")


def _copy_group(
    index: ArchiveIndex, source: IO[bytes], group: list[Found], path: Path, arc: bool = False
) -> str:
    """Append a group's records as they are (a few WARC headers filled in), and index it;
    return the snapshot's URL."""
    out = index.open_file()
    offset, lengths = out.tell(), []
    for found in group:
        source.seek(found.offset)
        try:
            record = next(iter(ArchiveIterator(source, no_record_parse=True, arc2warc=arc)))
        except (*READ_ERRORS, StopIteration) as exc:
            raise ArchiveError(path, f"the record at {found.offset} vanished ({exc!r})") from exc
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
        original = index.original(first.digest)
        status = original.snapshot.status if original else None
    error = fields.get("error", "")
    snapshot = Snapshot(
        url=fields.get("citewatch-url", first.uri),
        fetched_at=first.date,
        final_url=fields.get(
            "final-url", first.uri if first.kind in (*HTTP_TYPES, "resource") else ""
        ),
        status=status,
        content_type=fields.get("content-type", first.content_type),
        digest=first.digest if first.kind in (*HTTP_TYPES, "resource") else "",
        warc_file=index.location(),
        offset=offset,
        length=lengths[0],
        error=FetchError(error) if error in set(FetchError) else None,
        detail=fields.get("detail", ""),
        revisit=first.kind == "revisit",
    )
    index.add(Entry(snapshot, first.record_id, first.uri, sum(lengths)))
    return snapshot.url
