"""Offline pages packed into a WARC as the fetcher would store them (sources.packing)."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

from sources.archive import Archive
from sources.packing import OfflinePage, pack_pages

WHEN = dt.datetime(2024, 5, 9, 10, 0, tzinfo=dt.UTC)
IRI = "https://www.aa.com.tr/tr/gundem/bakan-cumhurbaşkanı-ile-görüştü/3023173"


def test_a_page_at_a_non_ascii_address_is_packed_and_found_by_the_printed_address(
    tmp_path: Path,
) -> None:
    body = "<html><body><p>Bakan Güler görüştü.</p></body></html>".encode()
    pages = [OfflinePage(IRI, body), OfflinePage("https://example.org/a", b"<p>a</p>", "latin-1")]
    out = tmp_path / "pages.warc.gz"
    assert pack_pages(pages, out, WHEN, "citewatch test") == 2
    raw = gzip.decompress(out.read_bytes())
    # The request line is what went on the wire: percent-encoded UTF-8, plain ASCII.
    assert (
        b"GET /tr/gundem/bakan-cumhurba%C5%9Fkan%C4%B1-ile-g%C3%B6r%C3%BC%C5%9Ft%C3%BC/3023173"
        in raw
    )
    with Archive.open(tmp_path / "archive") as archive:
        archive.import_warc(out)
        snapshot = archive.latest(IRI)
        assert snapshot is not None and snapshot.status == 200
        assert archive.read_payload(snapshot) == body
        other = archive.latest("https://example.org/a")
        assert other is not None
        assert dict(archive.read_headers(other))["Content-Type"] == "text/html; charset=latin-1"
