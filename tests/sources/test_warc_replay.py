"""WARC that other tools replay: redirect hops as their own records, ARC and `resource` import,
skipped records counted, and an exported WARC replayed in pywb."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pytest
from localsite import LocalSite

from sources.archive import Archive
from sources.fetch import fetch_url
from sources.settings import FetchSettings

REPO = Path(__file__).resolve().parents[2]
LOCAL = FetchSettings(allow_loopback=True)
HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = b"<html><head><title>Port</title></head><body><p>Vidin port reopened.</p></body></html>"
MOVED = b"<html><head><title>New</title></head><body><p>The moved report.</p></body></html>"


def _blocks(path: Path) -> list[tuple[str, str, bytes]]:
    """(WARC-Type, WARC-Target-URI, block) of each record, read by hand: gzip members, then
    headers, without the archive's own reader."""
    data = gzip.decompress(path.read_bytes())
    found = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        fields = dict(
            line.split(": ", 1) for line in head.decode().splitlines()[1:] if ": " in line
        )
        size = int(fields["Content-Length"])
        block, data = rest[:size], rest[size + 4 :]
        found.append((fields["WARC-Type"], fields.get("WARC-Target-URI", ""), block))
    return found


def _records(path: Path) -> list[tuple[str, str, str]]:
    """(WARC-Type, WARC-Target-URI, HTTP status line) of each record."""
    return [
        (kind, uri, block.split(b"\r\n", 1)[0].decode() if block.startswith(b"HTTP/") else "")
        for kind, uri, block in _blocks(path)
    ]


def test_each_redirect_hop_is_its_own_response_record(tmp_path: Path) -> None:
    with LocalSite() as site:
        site.add("/new", MOVED, headers=HTML)
        old = site.add("/old", status=301, headers={"Location": "/new"})
        result = fetch_url(old, LOCAL)
    with Archive.open(tmp_path / "a") as archive:
        (snapshot,) = [archive.store(result)]
        archive.export_warc(tmp_path / "out.warc.gz")
        assert archive.read_payload(snapshot) == MOVED  # the snapshot still reads the page
    records = _records(tmp_path / "out.warc.gz")
    responses = [(uri, status) for kind, uri, status in records if kind == "response"]
    assert (site.url("/new"), "HTTP/1.1 200 OK") in responses
    assert (old, "HTTP/1.1 301 Moved Permanently") in responses
    with Archive.open(tmp_path / "b") as again:  # the hop rides with its snapshot on import
        summary = again.import_warc(tmp_path / "out.warc.gz")
        assert (summary.added, summary.skipped) == (1, {})
        (back,) = again.snapshots(old)
        assert back.final_url == site.url("/new") and again.read_payload(back) == MOVED


def test_a_redirect_hop_keeps_its_response_headers(tmp_path: Path) -> None:
    with LocalSite() as site:
        site.add("/new", MOVED, headers=HTML)
        old = site.add(
            "/old", b"moved", status=302,
            headers={"Location": "/new", "Cache-Control": "max-age=60", "Set-Cookie": "s=1"},
        )  # fmt: skip
        result = fetch_url(old, LOCAL)
    with Archive.open(tmp_path / "a") as archive:
        archive.store(result)
        archive.export_warc(tmp_path / "out.warc.gz")
    blocks = _blocks(tmp_path / "out.warc.gz")
    (hop,) = [b for kind, uri, b in blocks if (kind, uri) == ("response", old)]
    head, _, body = hop.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0] == "HTTP/1.1 302 Found" and body == b""  # the hop's body is not kept ...
    for header in ("Location: /new", "Cache-Control: max-age=60", "Set-Cookie: s=1"):
        assert header in lines
    # ... so its length says so, and the length the site sent is kept beside it
    assert "Content-Length: 0" in lines and "X-Original-Content-Length: 5" in lines


def _arc(records: list[tuple[str, str, bytes]]) -> bytes:
    """An ARC v1 file, one gzip member per record as crawlers wrote them: the filedesc
    header record, then one record per (url, date, body)."""
    version = b"1 0 citewatch-test\nURL IP-address Archive-date Content-type Archive-length\n"
    head = b"filedesc://test.arc 0.0.0.0 20110101000000 text/plain %d\n" % len(version)
    members = [head + version + b"\n"]
    for url, date, body in records:
        http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(
            body
        )
        http += body
        line = b"%s 192.0.2.1 %s text/html %d\n" % (url.encode(), date.encode(), len(http))
        members.append(line + http + b"\n")
    return b"".join(gzip.compress(member) for member in members)


def test_arc_files_import_and_a_second_import_adds_nothing(tmp_path: Path) -> None:
    arc = tmp_path / "old-crawl.arc.gz"
    arc.write_bytes(_arc([("http://example.org/story", "20110304050607", PAGE)]))
    with Archive.open(tmp_path / "a") as archive:
        assert archive.import_warc(arc).added == 1
        (snapshot,) = archive.snapshots("http://example.org/story")
        assert snapshot.status == 200 and snapshot.content_type == "text/html"
        assert snapshot.fetched_at == dt.datetime(2011, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
        assert archive.read_payload(snapshot) == PAGE
        assert archive.import_warc(arc).added == 0


def _warc_record(kind: str, uri: str, date: str, block: bytes, content_type: str) -> bytes:
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{len(block)}-0001>"
        f"\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def test_resource_records_import_and_what_is_skipped_is_counted(tmp_path: Path) -> None:
    warc = tmp_path / "browser.warc"
    warc.write_bytes(
        _warc_record("resource", "https://example.org/doc", "2024-05-09T10:00:00Z", PAGE, "text/html")
        + _warc_record("resource", "urn:pageinfo:x", "2024-05-09T10:00:00Z", b"{}", "application/json")
    )  # fmt: skip
    with Archive.open(tmp_path / "a") as archive:
        summary = archive.import_warc(warc)
        assert summary.added == 1
        assert summary.skipped == {"resource records of non-web URIs": 1}
        assert "1 new snapshots; skipped 1 records" in summary.describe()
        (snapshot,) = archive.snapshots("https://example.org/doc")
        assert snapshot.status == 200 and snapshot.content_type == "text/html"
        assert archive.read_payload(snapshot) == PAGE


def _pywb_bin() -> Path:
    """pywb lives in its own virtualenv (it pins redis 2.10, which Prefect's redis >= 6 cannot
    share): $CITEWATCH_PYWB, else .venv-pywb/bin beside the repository (see .ci/run)."""
    where = Path(os.environ.get("CITEWATCH_PYWB") or REPO / ".venv-pywb" / "bin")
    if not (where / "wayback").exists():
        pytest.skip(f"pywb is not installed at {where}: python -m venv .venv-pywb && "
                    ".venv-pywb/bin/pip install pywb")  # fmt: skip
    return where


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # hand the 3xx back, to look at it


def _get(url: str) -> tuple[int, str, bytes]:
    """(status, Location, body) of one GET, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.headers.get("Location", ""), response.read()
    except urllib.error.HTTPError as answer:  # a 3xx or 4xx comes back as an error here
        return answer.code, answer.headers.get("Location", ""), answer.read()


@pytest.mark.slow
def test_pywb_replays_a_page_a_redirected_citation_and_a_revisit(tmp_path: Path) -> None:
    pywb = _pywb_bin()
    with LocalSite() as site:
        page = site.add("/story", PAGE, headers=HTML)
        site.add("/new", MOVED, headers=HTML)
        old = site.add("/old", status=301, headers={"Location": "/new"})
        with Archive.open(tmp_path / "a") as archive:
            first = archive.store(fetch_url(page, LOCAL))
            time.sleep(1.1)  # a second capture one second later: same payload, a revisit
            again = archive.store(fetch_url(page, LOCAL))
            moved = archive.store(fetch_url(old, LOCAL))
            assert again.revisit and not first.revisit
            archive.export_warc(tmp_path / "export.warc.gz")
    home = tmp_path / "pywb"
    home.mkdir()
    for step in (["init", "cites"], ["add", "cites", str(tmp_path / "export.warc.gz")]):
        subprocess.run([pywb / "wb-manager", *step], cwd=home, check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [pywb / "wayback", "--port", str(port), "--bind", "127.0.0.1"],
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)

        def replay(url: str, when: dt.datetime) -> tuple[int, str, bytes]:
            # id_: the capture as it was served, headers and body not rewritten
            return _get(f"http://127.0.0.1:{port}/cites/{when:%Y%m%d%H%M%S}id_/{url}")

        assert replay(page, first.fetched_at) == (200, "", PAGE)
        assert replay(page, again.fetched_at) == (200, "", PAGE)  # the revisit, resolved
        status, location, _ = replay(old, moved.fetched_at)  # the cited URL's own redirect
        assert (status, location) == (301, "/new")  # the hop's own headers, as the site sent
        assert replay(urljoin(old, location), moved.fetched_at) == (200, "", MOVED)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_imported_urls_are_enrolled_for_the_link_check(tmp_path: Path) -> None:
    from sources.collect import enrol_imported, tracked_urls

    arc = tmp_path / "old.arc.gz"
    arc.write_bytes(_arc([("http://example.org/story", "20110304050607", PAGE)]))
    with Archive.open(tmp_path / "a") as archive:
        summary = archive.import_warc(arc)
        assert tracked_urls(archive) == []  # imported, not yet followed
        assert enrol_imported(archive, summary.urls) == 1
        assert tracked_urls(archive) == ["http://example.org/story"]
        assert enrol_imported(archive, summary.urls) == 0  # once
