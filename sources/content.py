"""A response body's content: gzip/deflate undone within a size cap, and its sniffed media type."""

from __future__ import annotations

import json
import re
import zlib

from sources.addresses import FetchStop
from sources.model import FetchError

# Only what Inflater decodes under a size cap: no brotli or zstd (urllib3 would decode them
# without one, and neither library is installed); a server sending them anyway gets its body
# archived as sent and marked UNDECODABLE, never read.
ACCEPT_ENCODING = "gzip, deflate"


class Inflater:
    """One gzip/deflate layer undone incrementally, never past `cap` bytes out (bomb guard)."""

    def __init__(self, coding: str) -> None:
        self.coding, self.pending, self.produced, self.members = coding, b"", 0, 0
        self.inflater: zlib._Decompress | None = None

    def _wbits(self, head: bytes) -> int:
        if self.coding != "deflate":
            return 32 + zlib.MAX_WBITS  # gzip, or zlib sent as gzip
        wrapped = head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
        return zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS  # servers send both "deflates"

    def feed(self, data: bytes, cap: int) -> bytes:
        self.pending += data
        out = bytearray()
        while len(self.pending) >= 2 or (self.inflater and self.pending):
            if self.inflater is None:
                self.inflater = zlib.decompressobj(self._wbits(self.pending))
            data, self.pending = self.pending, b""
            try:
                # max_length stops a bomb inside zlib, before the output is allocated
                out += self.inflater.decompress(data, cap - self.produced - len(out) + 1)
            except zlib.error as exc:
                if self.members:  # junk after a complete stream: ignored, as browsers do
                    break
                detail = f"{self.coding} body is corrupt: {exc}"
                raise FetchStop(FetchError.CONNECTION, detail) from exc
            if self.produced + len(out) > cap:
                detail = f"{self.coding} body decodes to more than the {cap}-byte cap"
                raise FetchStop(FetchError.DECOMPRESSION_BOMB, detail)
            if self.inflater.eof:  # a gzip body may hold several members
                self.members += 1
                self.pending, self.inflater = self.inflater.unused_data, None
        self.produced += len(out)
        return bytes(out)


def inflaters(content_encoding: str) -> tuple[list[Inflater], str]:
    """The decoders to apply in order for a Content-Encoding, or none and a note saying why."""
    codings = [c.strip().lower() for c in content_encoding.split(",")]
    codings = [c for c in codings if c not in ("", "identity", "none")]
    if any(c not in ("gzip", "x-gzip", "deflate") for c in codings):
        return [], f"Content-Encoding {content_encoding!r} not decoded; body kept as sent"
    return [Inflater(c) for c in reversed(codings)], ""


_MAGIC = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif",
          b"\x1f\x8b": "application/gzip", b"PK\x03\x04": "application/zip"}  # fmt: skip
_HTML = re.compile(
    rb"<(!doctype html|html|head|body|script|iframe|h1|div|table|a|title|p|!--)[\s>]"
)
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def sniff_type(data: bytes) -> str:
    """The media type the first bytes show ("" for no body), in the spirit of WHATWG sniffing."""
    if b"%PDF-" in data[:1024]:  # some servers put junk before the header; readers accept it
        return "application/pdf"
    media = next((m for magic, m in _MAGIC.items() if data.startswith(magic)), "")
    if media or not data:
        return media
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(b"<?xml"):
        return "text/html" if b"<html" in head else "application/xml"
    if _HTML.match(head):
        return "text/html"
    if head[:1] in (b"{", b"["):
        try:
            json.loads(data)
            return "application/json"
        except ValueError:
            pass
    return "application/octet-stream" if _BINARY.search(head) else "text/plain"


def media_type(body: bytes, declared: str) -> str:
    """The declared type when it is as specific as the sniffed one and agrees; else the sniffed."""
    sniffed = sniff_type(body)
    family = {"application/xml": "xml", "application/json": "json", "text/html": "html"}
    generic = sniffed in ("", "text/plain", "application/octet-stream")
    if declared and (generic or family.get(sniffed, "\0") in declared):
        return declared  # the header is as specific and agrees (text/css, application/rss+xml)
    return sniffed
