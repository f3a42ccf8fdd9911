"""The WARC archive: real WARC files, real SQLite, warcio's own tools as the judge."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sources.archive import Archive, ArchiveError, payload_digest
from sources.model import FetchError, FetchResult, Hop, LinkState, Snapshot, StateChange
from sources.settings import ArchiveSettings

REPO = Path(__file__).resolve().parents[2]
WARC_DATA = Path(__file__).resolve().parents[1] / "data" / "warc"
T0 = dt.datetime(2026, 3, 2, 9, 30, 15, 250000, tzinfo=dt.UTC)
PAGE = b"<html><head><title>Danube ports</title></head><body><p>Tonnage rose 4%.</p></body></html>"


def fetched(url: str, body: bytes = PAGE, when: dt.datetime = T0, **changes: object) -> FetchResult:
    fields: dict[str, object] = {
        "url": url,
        "fetched_at": when,
        "final_url": url,
        "status": 200,
        "reason": "OK",
        "request_headers": (("User-Agent", "citewatch-test"), ("Accept-Encoding", "gzip")),
        "headers": (("Content-Type", "text/html; charset=utf-8"),),
        "body": body,
        "content_type": "text/html",
        "declared_type": "text/html",
    }
    fields.update(changes)
    return FetchResult(**fields)  # type: ignore[arg-type]


def warcio(*args: str) -> subprocess.CompletedProcess[str]:
    """Run warcio's command line (`warcio check`, `warcio index`) as its own process."""
    command = [sys.executable, "-m", "warcio.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def warc_files(root: Path) -> list[Path]:
    return sorted((root / "warcs").iterdir())


def comparable(snapshot: Snapshot) -> tuple[object, ...]:
    """What a snapshot says, leaving out where its records happen to be."""
    s = snapshot
    return (s.url, s.fetched_at, s.final_url, s.status, s.content_type, s.digest, s.error)


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive.open(tmp_path / "archive") as opened:
        yield opened


def test_stored_page_reads_back_with_its_status_and_headers(archive: Archive) -> None:
    snapshot = archive.store(fetched("https://example.org/ports"))

    assert archive.read_payload(snapshot) == PAGE
    assert (snapshot.status, snapshot.content_type, snapshot.revisit) == (200, "text/html", False)
    assert snapshot.digest == payload_digest(PAGE)
    assert snapshot.fetched_at == T0
    assert snapshot.warc_file.startswith("warcs/citewatch-")
    assert ("Content-Type", "text/html; charset=utf-8") in archive.read_headers(snapshot)
    assert archive.snapshots("https://example.org/ports") == [snapshot]
    assert archive.latest("https://example.org/ports") == snapshot
    assert archive.has("https://example.org/ports")
    assert not archive.has("https://example.org/elsewhere")
    assert archive.latest("https://example.org/elsewhere") is None


def test_decoded_body_is_stored_without_the_encoding_headers_it_no_longer_has(
    archive: Archive,
) -> None:
    headers = (
        ("Content-Type", "text/html"),
        ("Content-Encoding", "gzip"),
        ("Transfer-Encoding", "chunked"),
        ("Content-Length", "61"),
    )
    snapshot = archive.store(fetched("https://example.org/gz", headers=headers))

    stored = dict(archive.read_headers(snapshot))
    assert "Content-Encoding" not in stored and "Transfer-Encoding" not in stored
    assert stored["Content-Length"] == str(len(PAGE))
    assert stored["X-Original-Content-Encoding"] == "gzip"
    assert stored["X-Original-Transfer-Encoding"] == "chunked"
    assert stored["X-Original-Content-Length"] == "61"
    assert archive.read_payload(snapshot) == PAGE
    assert warcio("check", *map(str, warc_files(archive.root))).returncode == 0


def test_snapshots_come_oldest_first_and_latest_is_the_newest(archive: Archive) -> None:
    url = "https://example.org/changing"
    days = [T0 + dt.timedelta(days=n) for n in (2, 0, 1)]
    for n, when in enumerate(days):
        archive.store(fetched(url, body=PAGE + str(n).encode(), when=when))

    assert [s.fetched_at for s in archive.snapshots(url)] == sorted(days)
    latest = archive.latest(url)
    assert latest is not None and latest.fetched_at == max(days)
    assert archive.urls() == [url]


def test_identical_payload_is_stored_once_as_a_revisit(archive: Archive) -> None:
    body = random.Random(7).randbytes(5000)
    first = archive.store(fetched("https://example.org/a", body=body))
    again = archive.store(fetched("https://example.org/a", body, T0 + dt.timedelta(days=7)))
    elsewhere = archive.store(fetched("https://mirror.example/a", body, T0 + dt.timedelta(days=8)))

    assert not first.revisit and again.revisit and elsewhere.revisit
    assert again.digest == first.digest == elsewhere.digest
    assert archive.read_payload(again) == body
    assert archive.read_payload(elsewhere) == body
    assert again.length < first.length / 4  # headers only
    index = warcio(
        "index",
        "-f",
        "offset,warc-type,WARC-Profile,WARC-Refers-To-Date",
        *[str(path) for path in warc_files(archive.root)],
    )
    revisits = [json.loads(line) for line in index.stdout.splitlines() if '"revisit"' in line]
    assert len(revisits) == 2
    assert {r["WARC-Profile"] for r in revisits} == {
        "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
    }
    assert {r["WARC-Refers-To-Date"] for r in revisits} == {"2026-03-02T09:30:15.250000Z"}


def test_failed_fetch_is_kept_as_a_metadata_record(archive: Archive) -> None:
    dns = FetchResult(
        url="https://gone.example/notice",
        fetched_at=T0,
        error=FetchError.DNS,
        detail="Name or service not known",
    )
    timeout = FetchResult(
        url="https://slow.example/report",
        fetched_at=T0,
        request_headers=(("User-Agent", "citewatch-test"),),
        error=FetchError.TIMEOUT,
        detail="read timed out after 20 s",
        transient=True,
    )
    unsent, sent = archive.store(dns), archive.store(timeout)

    assert (unsent.status, unsent.error, unsent.digest) == (None, FetchError.DNS, "")
    assert unsent.detail == "Name or service not known"
    assert (sent.error, sent.detail) == (FetchError.TIMEOUT, "read timed out after 20 s")
    assert archive.read_payload(unsent) == b""
    assert archive.read_headers(unsent) == ()
    index = warcio(
        "index", "-f", "offset,warc-type,warc-target-uri", *map(str, warc_files(archive.root))
    )
    records = [
        (r["warc-type"], r.get("warc-target-uri"))
        for r in map(json.loads, index.stdout.splitlines())
    ]
    assert records == [
        ("warcinfo", None),
        ("metadata", "https://gone.example/notice"),  # no request record: none was sent
        ("metadata", "https://slow.example/report"),
        ("request", "https://slow.example/report"),
    ]


def test_link_state_history_round_trips_in_time_order(tmp_path: Path) -> None:
    url = "https://example.org/ports"
    changes = [
        StateChange(url, T0 + dt.timedelta(days=2), LinkState.FAILING, 404, "Not Found"),
        StateChange(url, T0, LinkState.OK, 200),
        StateChange(url, T0 + dt.timedelta(days=9), LinkState.DEAD, 410, "Gone"),
    ]
    with Archive.open(tmp_path) as archive:
        for change in changes:
            archive.record_state(change)
        archive.record_state(StateChange("https://other.example/", T0, LinkState.BLOCKED, 403))
    with Archive.open(tmp_path) as archive:
        history = archive.state_history(url)
        other = archive.state_history("https://other.example/")

    assert history == sorted(changes, key=lambda change: change.checked_at)
    assert [change.state for change in other] == [LinkState.BLOCKED]
    assert history[0].checked_at.tzinfo is dt.UTC


def test_warcio_check_and_index_accept_the_files_and_agree_with_the_index(
    tmp_path: Path,
) -> None:
    settings = ArchiveSettings(max_warc_bytes=1500)  # rotate after a snapshot or two
    with Archive.open(tmp_path, settings) as archive:
        stored = [
            archive.store(fetched(f"https://example.org/{n}", body=PAGE + bytes([65 + n % 3])))
            for n in range(6)
        ]
        stored.append(archive.store(FetchResult(url="https://x.example/", fetched_at=T0)))
    files = warc_files(tmp_path)

    assert len(files) > 1 and all(path.name.endswith(".warc.gz") for path in files)
    check = warcio("check", "-v", *map(str, files))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "digest pass" in check.stdout
    index = warcio("index", "-f", "filename,offset,length,warc-type", *map(str, files))
    assert index.returncode == 0, index.stderr
    lines = [json.loads(line) for line in index.stdout.splitlines()]
    records = {(r["filename"], int(r["offset"])): (int(r["length"]), r["warc-type"]) for r in lines}
    for snapshot in stored:
        kind = records[(Path(snapshot.warc_file).name, snapshot.offset)]
        assert kind[0] == snapshot.length
        expected = (
            "metadata"
            if snapshot.status is None
            else ("revisit" if snapshot.revisit else "response")
        )
        assert kind[1] == expected


CHILD = """
import datetime as dt, random, sys
from pathlib import Path
from sources.archive import Archive
from sources.model import FetchResult
from sources.settings import ArchiveSettings

def page(n):
    return random.Random(n // 2).randbytes({size})

with Archive.open(Path(sys.argv[1]), ArchiveSettings(max_warc_bytes={max_bytes})) as archive:
    for n in range(100_000):
        when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=n)
        url = f"https://example.org/{{n}}"
        archive.store(FetchResult(url=url, fetched_at=when, final_url=url, status=200, body=page(n)))
        print(n, flush=True)
"""
CHILD_PAGE_BYTES = 40_000


def child_page(n: int) -> bytes:
    return random.Random(n // 2).randbytes(CHILD_PAGE_BYTES)  # as in CHILD: pairs repeat


def test_killed_writer_loses_no_indexed_snapshot_and_leaves_whole_warcs(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    script = tmp_path / "store_forever.py"
    script.write_text(CHILD.format(size=CHILD_PAGE_BYTES, max_bytes=300_000))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, str(script), str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert child.stdout is not None
        reported = [child.stdout.readline() for _ in range(25)]
        assert all(line.strip() for line in reported), child.stderr and child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        reported += child.stdout.read().splitlines()  # stores that returned before the kill
    finally:
        child.kill()
        child.wait(timeout=10)
    confirmed = len(reported)  # store() returned for each of these, so they must survive
    assert child.returncode == -signal.SIGKILL
    closed = warc_files(root)[0].read_bytes()
    second_record = closed.index(b"\x1f\x8b\x08", 1)
    (torn,) = (root / "warcs").glob("*.open")
    with torn.open("ab") as stream:  # as if killed halfway through writing a record
        stream.write(closed[second_record : second_record + CHILD_PAGE_BYTES // 2])

    with Archive.open(root) as archive:
        urls = archive.urls()
        snapshots = [s for url in urls for s in archive.snapshots(url)]
        for snapshot in snapshots:
            n = int(snapshot.url.rsplit("/", 1)[1])
            assert archive.read_payload(snapshot) == child_page(n), snapshot
        after = archive.store(fetched("https://example.org/after-recovery"))
        assert archive.read_payload(after) == PAGE
    files = warc_files(root)

    assert not list((root / "warcs").glob("*.open"))
    assert len(files) > 1  # the kill came after at least one rotation
    assert confirmed <= len(snapshots) <= confirmed + 1
    assert {f"https://example.org/{n}" for n in range(confirmed)} <= set(urls)
    assert sum(s.revisit for s in snapshots) >= confirmed // 2 - 1
    check = warcio("check", *map(str, files))
    assert check.returncode == 0, check.stdout + check.stderr


def test_second_process_cannot_open_an_archive_in_use(tmp_path: Path) -> None:
    with Archive.open(tmp_path), pytest.raises(ArchiveError, match="another citewatch run"):
        Archive.open(tmp_path)


def test_warc_from_warcio_writer_is_imported_with_its_revisit(archive: Archive) -> None:
    added = archive.import_warc(WARC_DATA / "warcio-writer.warc.gz")

    assert added.added == 3  # two responses and a revisit; their request rides along
    assert added.skipped == {  # what belongs to no web snapshot is counted and said
        "resource records of non-web URIs": 1,
        "metadata records linked to no snapshot": 1,
    }
    assert "skipped 2 records" in added.describe()
    assert archive.urls() == ["https://example.org/gone", "https://example.org/report"]
    original, revisit = archive.snapshots("https://example.org/report")
    assert (original.status, original.content_type, original.revisit) == (200, "text/html", False)
    assert original.fetched_at == dt.datetime(2024, 3, 1, 10, 0, 1, tzinfo=dt.UTC)
    assert (revisit.status, revisit.revisit, revisit.digest) == (200, True, original.digest)
    report = (
        b"<html><head><title>Port report</title></head><body><p>Tonnage rose 4%.</p></body></html>"
    )
    assert archive.read_payload(original) == report  # decoded from its Content-Encoding
    assert archive.read_payload(revisit) == report
    (gone,) = archive.snapshots("https://example.org/gone")
    assert gone.status == 404
    assert warcio("check", *map(str, warc_files(archive.root))).returncode == 0


def test_import_pairs_a_request_by_uri_and_date_in_an_uncompressed_warc(archive: Archive) -> None:
    assert archive.import_warc(WARC_DATA / "handmade.warc").added == 1

    (notice,) = archive.snapshots("http://harbour.example/notice")
    assert archive.read_payload(notice) == b"<html><body>Harbour notice</body></html>"
    index = warcio("index", "-f", "offset,warc-type", *map(str, warc_files(archive.root)))
    types = [json.loads(line)["warc-type"] for line in index.stdout.splitlines()]
    assert types == ["warcinfo", "response", "request"]
    assert warcio("check", *map(str, warc_files(archive.root))).returncode == 0


def test_importing_the_same_warc_twice_adds_nothing(archive: Archive) -> None:
    assert archive.import_warc(WARC_DATA / "warcio-writer.warc.gz").added == 3
    assert archive.import_warc(WARC_DATA / "handmade.warc").added == 1
    before = {url: archive.snapshots(url) for url in archive.urls()}

    assert archive.import_warc(WARC_DATA / "warcio-writer.warc.gz").added == 0
    assert archive.import_warc(WARC_DATA / "handmade.warc").added == 0
    assert {url: archive.snapshots(url) for url in archive.urls()} == before


def test_export_then_import_into_a_fresh_archive_keeps_payloads_statuses_and_dates(
    tmp_path: Path,
) -> None:
    results = [
        fetched(
            "https://example.org/a",
            final_url="https://example.org/a/",
            hops=(Hop("https://example.org/a", 301, "https://example.org/a/"),),
        ),
        fetched("https://example.org/b", body=b"%PDF-1.7 tables", content_type="application/pdf"),
        fetched("https://example.org/a", when=T0 + dt.timedelta(days=3)),  # a revisit
        fetched("https://example.org/big", status=200, error=FetchError.TOO_LARGE, detail="cap"),
        FetchResult("https://gone.example/", T0, error=FetchError.TIMEOUT, detail="read timeout"),
    ]
    with Archive.open(tmp_path / "first") as first:
        for result in results:
            first.store(result)
        expected = {url: first.snapshots(url) for url in first.urls()}
        payloads = {url: [first.read_payload(s) for s in snaps] for url, snaps in expected.items()}
        assert first.export_warc(tmp_path / "out.warc.gz") == len(results)
    assert warcio("check", str(tmp_path / "out.warc.gz")).returncode == 0

    with Archive.open(tmp_path / "second") as second:
        assert second.import_warc(tmp_path / "out.warc.gz").added == len(results)
        got = {url: second.snapshots(url) for url in second.urls()}
        assert {
            url: [second.read_payload(s) for s in snaps] for url, snaps in got.items()
        } == payloads

    assert {url: [comparable(s) for s in snaps] for url, snaps in got.items()} == {
        url: [comparable(s) for s in snaps] for url, snaps in expected.items()
    }
    assert [s.revisit for s in got["https://example.org/a"]] == [False, True]
    assert [s.detail for s in got["https://gone.example/"]] == ["read timeout"]


def test_export_of_a_revisit_brings_its_original_along(archive: Archive, tmp_path: Path) -> None:
    archive.store(fetched("https://example.org/a"))
    archive.store(fetched("https://example.org/b", when=T0 + dt.timedelta(days=1)))  # revisit
    archive.store(fetched("https://example.org/c", body=b"unrelated"))

    assert archive.export_warc(tmp_path / "b.warc.gz", ["https://example.org/b"]) == 2
    with Archive.open(tmp_path / "fresh") as fresh:
        fresh.import_warc(tmp_path / "b.warc.gz")
        assert fresh.urls() == ["https://example.org/a", "https://example.org/b"]
        (revisit,) = fresh.snapshots("https://example.org/b")
        assert fresh.read_payload(revisit) == PAGE


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.warc.gz", "truncated"),
        ("not-a-warc.warc.gz", "not a readable WARC"),
        ("make_fixtures.py", "not a readable WARC"),
        ("no-such-file.warc", "cannot be read"),
    ],
)
def test_unreadable_warc_raises_archive_error_and_imports_nothing(
    archive: Archive, name: str, message: str
) -> None:
    with pytest.raises(ArchiveError, match=message) as raised:
        archive.import_warc(WARC_DATA / name)

    assert raised.value.path == WARC_DATA / name
    assert archive.urls() == []


def test_unwritable_archive_root_raises_archive_error(tmp_path: Path) -> None:
    occupied = tmp_path / "a-file"
    occupied.write_text("not a directory")

    with pytest.raises(ArchiveError, match="cannot write an archive here") as raised:
        Archive.open(occupied)
    assert raised.value.path == occupied
