"""Pages written offline packed into a WARC as if citewatch had fetched them.

The sample's sources (sample/make_sources_warc.py) and the claim corpus
(tests/data/claimcorpus/make_warc.py) are pages at the addresses their notes cite; this is the
one place that turns such a page into a fetch record. Each is stored the way `sources.fetch`
stores a fetch: `url` as the note prints it, `final_url` as it went on the wire
(`sources.addresses.encode_url`: an internationalised address, "cumhurbaşkanı" in a path, is
percent-encoded UTF-8), so the WARC's request line is the ASCII one a server would have seen,
and a lookup by the printed address finds the page (archive keys are SURTs of either form).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sources.addresses import encode_url
from sources.archive import Archive
from sources.model import FetchResult


@dataclass(frozen=True, slots=True)
class OfflinePage:
    """A page's bytes at the address a note cites, with the charset its server would declare."""

    url: str
    body: bytes
    charset: str = "utf-8"
    content_type: str = "text/html"


def offline_fetch(page: OfflinePage, fetched_at: dt.datetime, agent: str) -> FetchResult:
    """The record `sources.fetch` would have made of a 200 answer with `page.body`."""
    return FetchResult(
        url=page.url,
        fetched_at=fetched_at,
        final_url=encode_url(page.url),
        status=200,
        reason="OK",
        request_headers=(("User-Agent", agent),),
        headers=(
            ("Content-Type", f"{page.content_type}; charset={page.charset}"),
            ("Content-Length", str(len(page.body))),
        ),
        body=page.body,
        content_type=page.content_type,
        declared_type=page.content_type,
    )


def pack_pages(pages: Iterable[OfflinePage], out: Path, fetched_at: dt.datetime, agent: str) -> int:
    """Write `pages` to the WARC `out` (replaced), each fetched at `fetched_at` by `agent`;
    the number of snapshots written."""
    with tempfile.TemporaryDirectory() as tmp, Archive.open(Path(tmp)) as archive:
        archive.store_many([offline_fetch(page, fetched_at, agent) for page in pages])
        return archive.export_warc(out)
