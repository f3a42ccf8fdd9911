"""The archive's books: its SQLite index and the WARC files the index vouches for.

sources.archive and sources.archive_transfer build and read WARC records; this module never
parses them. It appends them under a crash-safe protocol: bytes go to `warcs/<name>.open`, are
flushed and fsynced, and only then are the snapshot rows committed together with the file's
committed end. On open, a file a killed run left `.open` is cut back to its committed end and
renamed `<name>`.

    warc_files   name, created_at, committed_end (bytes known good), closed
    snapshots    url, fetched_at, status, final_url, content_type, digest, warc_file, offset,
                 length, error, detail, revisit; record_id (the first record's WARC-Record-ID,
                 unique, so re-imports add nothing), target_uri, span (bytes of all the
                 snapshot's records, which are adjacent)
    link_states  url, checked_at, state, status, detail
    (both also keep `urlkey`, the URL's SURT (sources.urlkey): every lookup by URL goes through
    it, so http/https, `www.`, letter case and fragments find the same rows)

Times are stored as fixed-width UTC text, so text order is time order.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sources.model import FetchError, LinkState, Snapshot, StateChange
from sources.urlkey import url_key

logger = logging.getLogger(__name__)

WARCS = "warcs"
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
SCHEMA = """
CREATE TABLE IF NOT EXISTS warc_files (name TEXT PRIMARY KEY, created_at TEXT NOT NULL,
    committed_end INTEGER NOT NULL DEFAULT 0, closed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS snapshots (id INTEGER PRIMARY KEY, url TEXT NOT NULL,
    fetched_at TEXT NOT NULL, status INTEGER, final_url TEXT NOT NULL,
    content_type TEXT NOT NULL, digest TEXT NOT NULL, warc_file TEXT NOT NULL,
    offset INTEGER NOT NULL, length INTEGER NOT NULL, error TEXT, detail TEXT NOT NULL,
    revisit INTEGER NOT NULL, record_id TEXT NOT NULL UNIQUE, target_uri TEXT NOT NULL,
    span INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS snapshots_by_url ON snapshots (url, fetched_at);
CREATE INDEX IF NOT EXISTS snapshots_by_digest ON snapshots (digest) WHERE revisit = 0;
CREATE TABLE IF NOT EXISTS link_states (id INTEGER PRIMARY KEY, url TEXT NOT NULL,
    checked_at TEXT NOT NULL, state TEXT NOT NULL, status INTEGER, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS link_states_by_url ON link_states (url, checked_at);
"""
KEYED = """
CREATE INDEX IF NOT EXISTS snapshots_by_key ON snapshots (urlkey, fetched_at);
CREATE INDEX IF NOT EXISTS link_states_by_key ON link_states (urlkey, checked_at);
"""
COLUMNS = (
    "url, fetched_at, status, final_url, content_type, digest, warc_file, offset, length, "
    "error, detail, revisit, record_id, target_uri, span"
)
SELECT = f"SELECT {COLUMNS} FROM snapshots"


@dataclass(frozen=True, slots=True)
class Entry:
    """A snapshot with what the archive needs to find, pair and copy its records."""

    snapshot: Snapshot
    record_id: str  # WARC-Record-ID of the first record (response, revisit or metadata)
    target_uri: str  # WARC-Target-URI of the first record
    span: int  # bytes from the snapshot's offset to the end of its last record


def utc(when: dt.datetime) -> dt.datetime:
    """The same instant in UTC; a naive time is taken to be UTC already."""
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)


def _time(when: dt.datetime) -> str:
    return utc(when).strftime(TIME_FORMAT)


def _parse_time(text: str) -> dt.datetime:
    # fromisoformat reads TIME_FORMAT ("...T01:02:03.000004Z") ten times faster than strptime
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


def _open_name(path: Path) -> Path:
    return path.with_name(path.name + ".open")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _entry(row: sqlite3.Row) -> Entry:
    snapshot = Snapshot(
        url=row["url"],
        fetched_at=_parse_time(row["fetched_at"]),
        final_url=row["final_url"],
        status=row["status"],
        content_type=row["content_type"],
        digest=row["digest"],
        warc_file=row["warc_file"],
        offset=row["offset"],
        length=row["length"],
        error=FetchError(row["error"]) if row["error"] else None,
        detail=row["detail"],
        revisit=bool(row["revisit"]),
    )
    return Entry(snapshot, row["record_id"], row["target_uri"], row["span"])


class ArchiveIndex:
    """The index (one SQLite connection, WAL mode) and the WARC file being appended to.

    `preamble(name)` gives the bytes every new WARC file starts with (its warcinfo record).
    """

    def __init__(self, root: Path, max_bytes: int, preamble: Callable[[str], bytes]) -> None:
        self.warcs, self.max_bytes, self.preamble = root / WARCS, max_bytes, preamble
        self.db = sqlite3.connect(root / "index.sqlite", check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed row must survive power loss, as the fsynced bytes it points to do.
        self.db.execute("PRAGMA synchronous = FULL")
        self.db.executescript(SCHEMA)
        self._add_url_keys()
        self.file: IO[bytes] | None = None
        self.name = ""
        self._recover()

    def _add_url_keys(self) -> None:
        """Give an index made before SURT keys its `urlkey` columns (once, on open)."""
        for table in ("snapshots", "link_states"):
            columns = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
            if "urlkey" not in columns:
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN urlkey TEXT")
            rows = self.db.execute(f"SELECT DISTINCT url FROM {table} WHERE urlkey IS NULL")
            self.db.executemany(
                f"UPDATE {table} SET urlkey = ? WHERE url = ? AND urlkey IS NULL",
                [(url_key(url), url) for (url,) in rows.fetchall()],
            )
        self.db.executescript(KEYED)
        self.db.commit()

    def close(self) -> None:
        try:
            self.close_file()
        finally:
            self.db.close()

    # WARC files

    def path(self, warc_file: str) -> Path:
        """Where a snapshot's `warc_file` is now: `<name>`, or `<name>.open` while appended to."""
        path = (self.warcs.parent / warc_file).resolve()
        if not path.is_relative_to(self.warcs.resolve()):
            raise ValueError(f"{warc_file} is not in the archive's {WARCS}/ folder")
        return path if path.exists() else _open_name(path)

    def _recover(self) -> None:
        for row in self.db.execute("SELECT * FROM warc_files WHERE closed = 0").fetchall():
            name, end = row["name"], row["committed_end"]
            path = self.warcs / name
            if end == 0:  # created, but not even its warcinfo was committed
                _open_name(path).unlink(missing_ok=True)
                self.db.execute("DELETE FROM warc_files WHERE name = ?", (name,))
            elif _open_name(path).exists():
                logger.warning("%s was left open by a killed run: cut back to %d bytes", name, end)
                with _open_name(path).open("r+b") as stream:
                    stream.truncate(end)
                    os.fsync(stream.fileno())
                _open_name(path).rename(path)
                _fsync_dir(self.warcs)
            self.db.execute("UPDATE warc_files SET closed = 1 WHERE name = ?", (name,))
        self.db.commit()

    def open_file(self) -> IO[bytes]:
        """The WARC file to append to; a new one, preamble committed, if none is open."""
        if self.file is not None:
            return self.file
        now = dt.datetime.now(dt.UTC)
        number = self.db.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM warc_files")
        name = f"citewatch-{now:%Y%m%dT%H%M%SZ}-{number.fetchone()[0]:05d}.warc.gz"
        self.db.execute(
            "INSERT INTO warc_files (name, created_at) VALUES (?, ?)", (name, _time(now))
        )
        self.db.commit()
        self.file, self.name = _open_name(self.warcs / name).open("xb"), name
        self.file.write(self.preamble(name))
        self._commit()
        _fsync_dir(self.warcs)
        return self.file

    def location(self) -> str:
        """The open file as a snapshot's `warc_file`: relative to the archive root."""
        return f"{WARCS}/{self.name}"

    def _commit(self) -> None:
        assert self.file is not None
        self.file.flush()
        os.fsync(self.file.fileno())
        end = self.file.tell()
        self.db.execute("UPDATE warc_files SET committed_end = ? WHERE name = ?", (end, self.name))
        self.db.commit()

    def close_file(self) -> None:
        if self.file is None:
            return
        self.file.close()
        self.file, path = None, self.warcs / self.name
        _open_name(path).rename(path)
        _fsync_dir(self.warcs)
        self.db.execute("UPDATE warc_files SET closed = 1 WHERE name = ?", (self.name,))
        self.db.commit()

    def rotate_if_full(self) -> None:
        if self.file is not None and self.file.tell() >= self.max_bytes:
            self._commit()
            self.close_file()

    @contextmanager
    def appending(self) -> Iterator[None]:
        """Commit what the block appended (via `open_file`) and indexed, or undo all of it."""
        try:
            yield
            if self.file is not None:
                self._commit()
        except BaseException:
            self.db.rollback()
            if self.file is not None:
                row = self.db.execute(
                    "SELECT committed_end FROM warc_files WHERE name = ?", (self.name,)
                )
                self.file.truncate(row.fetchone()[0])
                self.file.seek(0, os.SEEK_END)
            raise
        self.rotate_if_full()

    # Snapshots

    def add(self, entry: Entry) -> None:
        s = entry.snapshot
        self.db.execute(
            f"INSERT INTO snapshots ({COLUMNS}, urlkey) VALUES ({', '.join('?' * 16)})",
            (
                s.url,
                _time(s.fetched_at),
                s.status,
                s.final_url,
                s.content_type,
                s.digest,
                s.warc_file,
                s.offset,
                s.length,
                s.error.value if s.error else None,
                s.detail,
                int(s.revisit),
                entry.record_id,
                entry.target_uri,
                entry.span,
                url_key(s.url),
            ),
        )

    def has_record(self, record_id: str) -> bool:
        found = self.db.execute("SELECT 1 FROM snapshots WHERE record_id = ?", (record_id,))
        return found.fetchone() is not None

    def original(self, digest: str) -> Entry | None:
        """The first complete response with this payload digest: what a revisit points to."""
        row = self.db.execute(
            f"{SELECT} WHERE digest = ? AND digest != '' AND revisit = 0 AND status IS NOT NULL "
            "AND error IS NULL ORDER BY id LIMIT 1",
            (digest,),
        ).fetchone()
        return _entry(row) if row else None

    def entries(self, urls: Iterable[str] | None = None) -> list[Entry]:
        """Entries of these URLs (all when None), oldest first."""
        if urls is None:
            return [_entry(row) for row in self.db.execute(f"{SELECT} ORDER BY fetched_at, id")]
        found = [
            _entry(row)
            for key in dict.fromkeys(url_key(url) for url in urls)
            for row in self.db.execute(f"{SELECT} WHERE urlkey = ? ORDER BY fetched_at, id", (key,))
        ]
        return sorted(found, key=lambda entry: entry.snapshot.fetched_at)

    def entries_by_key(self, urls: Iterable[str]) -> dict[str, list[Entry]]:
        """The entries of many URLs in a few queries, by canonical key, each oldest first."""
        found: dict[str, list[Entry]] = {}
        query = f"{SELECT.replace('SELECT ', 'SELECT urlkey, ', 1)} WHERE urlkey IN ({{}}) "
        for keys in _chunks(list(dict.fromkeys(url_key(url) for url in urls))):
            marks = ", ".join("?" * len(keys))
            for row in self.db.execute(query.format(marks) + "ORDER BY fetched_at, id", keys):
                found.setdefault(row["urlkey"], []).append(_entry(row))
        return found

    def latest(self, url: str) -> Entry | None:
        query = f"{SELECT} WHERE urlkey = ? ORDER BY fetched_at DESC, id DESC LIMIT 1"
        row = self.db.execute(query, (url_key(url),)).fetchone()
        return _entry(row) if row else None

    def has(self, url: str) -> bool:
        found = self.db.execute("SELECT 1 FROM snapshots WHERE urlkey = ? LIMIT 1", (url_key(url),))
        return found.fetchone() is not None

    def urls(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT DISTINCT url FROM snapshots ORDER BY 1")]

    def due_links(self, cutoff: dt.datetime) -> list[str]:
        """Every URL with a link-state history (one spelling per key) whose latest snapshot
        is at or before `cutoff`, or that has none: in one query, for a check of many links."""
        query = """
            SELECT k.url FROM (SELECT urlkey, MIN(url) AS url FROM link_states GROUP BY urlkey) k
            LEFT JOIN (SELECT urlkey, MAX(fetched_at) AS last FROM snapshots GROUP BY urlkey) s
            ON s.urlkey = k.urlkey WHERE s.last IS NULL OR s.last <= ? ORDER BY k.url"""
        return [row[0] for row in self.db.execute(query, (_time(cutoff),))]

    # Link-state history

    def add_state(self, change: StateChange) -> None:
        self.add_states([change])

    def add_states(self, changes: Iterable[StateChange]) -> None:
        self.db.executemany(
            "INSERT INTO link_states (url, checked_at, state, status, detail, urlkey) "
            "VALUES (?,?,?,?,?,?)",
            [
                (
                    change.url,
                    _time(change.checked_at),
                    change.state.value,
                    change.status,
                    change.detail,
                    url_key(change.url),
                )
                for change in changes
            ],
        )
        self.db.commit()

    def states(self, url: str) -> list[StateChange]:
        query = "SELECT * FROM link_states WHERE urlkey = ? ORDER BY checked_at, id"
        return [_state(row) for row in self.db.execute(query, (url_key(url),))]

    def states_by_key(self, urls: Iterable[str]) -> dict[str, list[StateChange]]:
        """The link-state histories of many URLs in a few queries, by canonical key."""
        found: dict[str, list[StateChange]] = {}
        query = "SELECT * FROM link_states WHERE urlkey IN ({}) ORDER BY checked_at, id"
        for keys in _chunks(list(dict.fromkeys(url_key(url) for url in urls))):
            for row in self.db.execute(query.format(", ".join("?" * len(keys))), keys):
                found.setdefault(row["urlkey"], []).append(_state(row))
        return found


def _state(row: sqlite3.Row) -> StateChange:
    return StateChange(
        row["url"], _parse_time(row["checked_at"]), LinkState(row["state"]), row["status"],
        row["detail"],
    )  # fmt: skip


def _chunks(keys: list[str], size: int = 500) -> Iterator[list[str]]:
    """`keys` in slices small enough for SQLite's limit on parameters (999 before 3.32)."""
    for start in range(0, len(keys), size):
        yield keys[start : start + size]
