"""The fault site's faults against the sources stage: each ends within its deadline, is
unreachable or unread, and leaves no claim to judge; the control page is read."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from pipeline.faultsite import FAULTS, FaultSite
from sources.archive import Archive
from sources.collect import CitedUrl, SourcesSettings, collect_sources
from sources.model import LinkState
from sources.settings import FetchSettings, WaybackSettings

FAST = SourcesSettings(
    fetch=FetchSettings(
        allow_loopback=True,
        connect_timeout=1,
        read_timeout=1,
        deadline=1.0,
        retries=0,
        min_gap=0.0,
        per_host=4,
        max_bytes=2 * 2**20,
        max_decoded_bytes=4 * 2**20,
    ),
    wayback=WaybackSettings(enabled=False),
    network_probe=None,
    probe_siblings=False,
)
UNREAD = ["/gzip-bomb", "/gzip-gzip-bomb", "/brotli-bomb", "/endless", "/endless-chunked",
          "/slow-body", "/slow-headers", "/endless-headers", "/long-header", "/silent",
          "/huge-length", "/big-html-chunked", "/reset-mid-body"]  # fmt: skip
READ = ["/ok", "/utf16-page"]


@pytest.mark.slow
def test_each_fault_is_unreachable_within_its_deadline_and_the_control_is_read(
    tmp_path: Path,
) -> None:
    assert set(UNREAD + READ) <= set(FAULTS)
    with FaultSite() as site, Archive.open(tmp_path / "archive") as archive:
        cited = [CitedUrl(site.url(p), (i,)) for i, p in enumerate(UNREAD + READ, 1)]
        started = time.monotonic()
        sources = collect_sources(cited, archive, FAST, now=dt.datetime.now(dt.UTC))
        elapsed = time.monotonic() - started
    by_path = {s.url.rsplit("/", 1)[-1]: s for s in sources}
    for path in UNREAD:
        source = by_path[path.lstrip("/")]
        assert source.state is LinkState.UNREACHABLE, (path, source.detail)
        assert source.text is None or not source.text.text, path
    for path in READ:
        source = by_path[path.lstrip("/")]
        assert source.state is LinkState.OK and source.text is not None
        assert "port agreement" in source.text.text, path
    # 15 fetches, four at a time, none past its one-second deadline (plus scheduling slack)
    assert elapsed < 15
