"""Writes the WARC fixtures of tests/sources/test_archive.py next to this file.

    .venv/bin/python tests/data/warc/make_fixtures.py

- warcio-writer.warc.gz: what Webrecorder-style tools write, made with warcio's own WARCWriter
  (WARC/1.0, gzip per record): a warcinfo; a gzip-encoded 200 response with its request; a 404
  response without a request; a revisit of the first page (identical-payload-digest, no
  request); a resource record and a lone metadata record, which an import ignores.
- handmade.warc: uncompressed, written by hand the way older crawlers did: the request comes
  first and is tied to its response only by the same URI and date, the response has no
  WARC-Record-ID, no digests and no Content-Type, and its body is chunked.
- truncated.warc.gz: warcio-writer.warc.gz cut off inside its third record.
- not-a-warc.warc.gz: a gzipped HTML page.

Record ids, dates and gzip headers are fixed, so a rerun rewrites the same bytes.
"""

from __future__ import annotations

import gzip
import zlib
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
REPORT = b"<html><head><title>Port report</title></head><body><p>Tonnage rose 4%.</p></body></html>"
MISSING = b"<html><body><h1>Not Found</h1></body></html>"
CHUNKED_BODY = b"<html><body>Harbour notice</body></html>"


def _ids(number: int) -> dict[str, str]:
    return {"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>"}


def warcio_writer() -> bytes:
    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    info = writer.create_warcinfo_record("warcio-writer.warc.gz", {"software": "warcio fixture"})
    info.rec_headers.replace_header("WARC-Record-ID", _ids(1)["WARC-Record-ID"])
    info.rec_headers.replace_header("WARC-Date", "2024-03-01T10:00:00Z")
    writer.write_record(info)

    encoded = gzip.compress(REPORT, mtime=0)
    http = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Encoding", "gzip"),
            ("Content-Length", str(len(encoded))),
        ],
        protocol="HTTP/1.1",
    )
    date = {"WARC-Date": "2024-03-01T10:00:01Z"}
    response = writer.create_warc_record(
        "https://example.org/report",
        "response",
        payload=BytesIO(encoded),
        length=len(encoded),
        http_headers=http,
        warc_headers_dict={**_ids(2), **date},
    )
    request = writer.create_warc_record(
        "https://example.org/report",
        "request",
        http_headers=StatusAndHeaders(
            "GET /report HTTP/1.1", [("Host", "example.org")], is_http_request=True
        ),
        warc_headers_dict={**_ids(3), **date},
    )
    writer.write_request_response_pair(request, response)

    missing = writer.create_warc_record(
        "https://example.org/gone",
        "response",
        payload=BytesIO(MISSING),
        length=len(MISSING),
        http_headers=StatusAndHeaders(
            "404 Not Found",
            [("Content-Type", "text/html"), ("Content-Length", str(len(MISSING)))],
            protocol="HTTP/1.1",
        ),
        warc_headers_dict={**_ids(4), "WARC-Date": "2024-03-01T10:00:02Z"},
    )
    writer.write_record(missing)

    revisit = writer.create_revisit_record(
        "https://example.org/report",
        response.rec_headers.get_header("WARC-Payload-Digest"),
        "https://example.org/report",
        "2024-03-01T10:00:01Z",
        http_headers=StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        ),
        warc_headers_dict={**_ids(5), "WARC-Date": "2024-03-08T10:00:00Z"},
    )
    writer.write_record(revisit)

    png = b"\x89PNG\r\n\x1a\n not really"
    writer.write_record(
        writer.create_warc_record(
            "urn:pageinfo:https://example.org/report",
            "resource",
            payload=BytesIO(png),
            length=len(png),
            warc_content_type="image/png",
            warc_headers_dict={**_ids(6), "WARC-Date": "2024-03-01T10:00:03Z"},
        )
    )
    note = b"via: fixture\r\n"
    writer.write_record(
        writer.create_warc_record(
            "https://example.org/report",
            "metadata",
            payload=BytesIO(note),
            length=len(note),
            warc_headers_dict={**_ids(7), "WARC-Date": "2024-03-01T10:00:04Z"},
        )
    )
    return out.getvalue()


def handmade() -> bytes:
    def record(headers: list[str], block: bytes) -> bytes:
        lines = ["WARC/1.0", *headers, f"Content-Length: {len(block)}"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"

    date = "WARC-Date: 2019-06-30T08:15:00Z"
    uri = "WARC-Target-URI: http://harbour.example/notice"
    request = b"GET /notice HTTP/1.1\r\nHost: harbour.example\r\n\r\n"
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(CHUNKED_BODY), CHUNKED_BODY)
    response = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        + chunked
    )
    return record(
        ["WARC-Type: request", "WARC-Record-ID: <urn:uuid:handmade-request>", uri, date], request
    ) + record(["WARC-Type: response", uri, date], response)


def main() -> None:
    written = warcio_writer()
    (HERE / "warcio-writer.warc.gz").write_bytes(written)
    (HERE / "handmade.warc").write_bytes(handmade())
    members = _member_offsets(written)
    cut = (members[2] + members[3]) // 2
    (HERE / "truncated.warc.gz").write_bytes(written[:cut])
    page = b"<!doctype html><html><body>Not an archive</body></html>\n"
    (HERE / "not-a-warc.warc.gz").write_bytes(gzip.compress(page, mtime=0))


def _member_offsets(data: bytes) -> list[int]:
    """Where each gzip member (each record) starts."""
    offsets, position = [], 0
    while position < len(data):
        offsets.append(position)
        stream = zlib.decompressobj(31)
        stream.decompress(data[position:])
        position = len(data) - len(stream.unused_data)
    return offsets


if __name__ == "__main__":
    main()
