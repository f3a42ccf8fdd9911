"""Hostile sources end to end: a body cut short is archived as truncated and never read."""

from __future__ import annotations

import datetime as dt
import gzip
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from localsite import LocalSite
from warcio.archiveiterator import ArchiveIterator

from sources.archive import Archive
from sources.collect import CitedUrl, SourcesSettings, collect_sources
from sources.model import FetchError, LinkState
from sources.settings import FetchSettings, WaybackSettings

NOW = dt.datetime.now(dt.UTC)
PAGE = b"<html><body><article>" + b"<p>The port agreement was signed on Monday.</p>" * 50
SETTINGS = SourcesSettings(
    fetch=FetchSettings(
        allow_loopback=True,
        min_gap=0.0,
        connect_timeout=1,
        read_timeout=1,
        deadline=0.6,
        retries=0,
        max_bytes=64 * 1024,
        max_decoded_bytes=256 * 1024,
    ),
    wayback=WaybackSettings(enabled=False),
    network_probe=None,
    probe_siblings=False,
)


def _stall_mid_body(h: BaseHTTPRequestHandler) -> None:
    try:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(PAGE) * 2))
        h.end_headers()
        h.wfile.write(PAGE)  # half of what it announced, then nothing
        h.wfile.flush()
        time.sleep(2)
    except OSError:
        pass
    h.close_connection = True


def _dribble_headers(h: BaseHTTPRequestHandler) -> None:
    try:
        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X: y" * 100:
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
            time.sleep(0.2)  # the status line alone outlasts the deadline
    except OSError:
        pass
    h.close_connection = True


@pytest.fixture
def site():  # type: ignore[no-untyped-def]
    with LocalSite() as s:
        s.add_handler("/stalls", _stall_mid_body)
        s.add_handler("/slow-headers", _dribble_headers)
        bomb = gzip.compress(b"\0" * 4_000_000)
        s.add("/bomb", bomb, headers={"Content-Encoding": "gzip", "Content-Type": "text/html"})
        s.add("/br", b"\x8b\x03\x80" * 100, headers={"Content-Encoding": "br"})
        s.add("/whole", PAGE + b"</article></body></html>", headers={"Content-Type": "text/html"})
        yield s


@pytest.mark.parametrize(
    ("path", "error", "truncated"),
    [
        ("/stalls", FetchError.TIMEOUT, "time"),
        ("/slow-headers", FetchError.TIMEOUT, None),  # no response: a metadata record only
        ("/bomb", FetchError.DECOMPRESSION_BOMB, "length"),
        ("/br", FetchError.UNDECODABLE, None),  # whole, but as sent
    ],
)
def test_a_page_cut_short_is_unreachable_archived_as_truncated_and_never_read(
    site: LocalSite, tmp_path: Path, path: str, error: FetchError, truncated: str | None
) -> None:
    with Archive.open(tmp_path / "a") as archive:
        cited = [CitedUrl(site.url(path), (1,)), CitedUrl(site.url("/whole"), (2,))]
        hostile, whole = collect_sources(cited, archive, SETTINGS, now=NOW)
        snapshot = archive.latest(site.url(path))
    assert snapshot is not None and snapshot.error is error and not snapshot.complete
    closed = tmp_path / "a" / snapshot.warc_file.removesuffix(".open")  # closed with the archive
    with closed.open("rb") as stream:
        stream.seek(snapshot.offset)
        marked = next(iter(ArchiveIterator(stream))).rec_headers.get_header("WARC-Truncated")
    assert hostile.state is LinkState.UNREACHABLE and error.value in hostile.detail
    assert hostile.text is None  # nothing parsed from a body that is not whole
    assert marked == truncated
    assert whole.state is LinkState.OK and whole.text is not None and "port" in whole.text.text
