"""Nightly link-check benchmark: `check_links` over N archived URLs on a local site, against the
crawler's own time for the same URLs and politeness, with the check's peak memory.

    python -m pipeline.bench_links --urls 1000 --urls 10000 [--json FILE]

Each size runs in a child process of its own (so its peak resident memory is its own): the
site (pipeline.benchsite: 50 hosts as ports of 127.0.0.1, 100 ms a request, 10% dead) is
crawled once by `fetch_many` alone (the crawler's time), then archived as a previous night left
it (every URL fetched and judged two days ago), then checked by `sources.collect.check_links`,
the step the nightly flow runs: robots.txt, soft-404 probes, archiving each fetch, link states
and drift. The same FetchSettings in both: 2 requests at once per host, no gap, no retries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.benchsite import BenchSite
from sources.archive import Archive
from sources.collect import SourcesSettings, check_links
from sources.crawl import fetch_many
from sources.linkrot import classify
from sources.settings import FetchSettings, WaybackSettings

TARGET_RATIO = 1.3
TARGET_FLAT_MB = 100


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(urls: int, hosts: int = 50, delay: float = 0.1, per_host: int = 2) -> dict[str, Any]:
    """One size, in this process: crawler time, then the check's time and the peak memory."""
    fetch = FetchSettings(
        allow_loopback=True, allow_private=True, per_host=per_host, min_gap=0.0,
        workers=hosts * per_host, retries=0,
    )  # fmt: skip
    settings = SourcesSettings(
        fetch=fetch, wayback=WaybackSettings(enabled=False), network_probe=None
    )
    now = dt.datetime.now(dt.UTC)
    with BenchSite(hosts, urls, 0.1, delay) as site, tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        for _ in fetch_many(site.urls, fetch):
            pass
        crawl = time.perf_counter() - started
        then = now - dt.timedelta(days=2)
        with Archive.open(Path(tmp)) as archive:  # last night's state of the archive
            for result in fetch_many(site.urls, fetch):
                result = replace(result, fetched_at=then)
                archive.store(result)
                archive.record_state(classify(result))
        before = _peak_mb()
        started = time.perf_counter()
        with Archive.open(Path(tmp)) as archive:
            recorded = check_links(archive, settings, now=now, due_after=dt.timedelta(hours=20))
        check = time.perf_counter() - started
    states: dict[str, int] = {}
    for c in recorded.checks:
        states[c.change.state.value] = states.get(c.change.state.value, 0) + 1
    return {
        "urls": urls, "hosts": hosts, "delay_s": delay, "per_host": per_host,
        "crawl_s": round(crawl, 3), "check_s": round(check, 3),
        "ratio": round(check / crawl, 3) if crawl else None,
        "met_ratio": check <= TARGET_RATIO * crawl, "checked": len(recorded.checks),
        "states": states, "peak_mb_before_check": round(before, 1), "peak_mb": round(_peak_mb(), 1),
    }  # fmt: skip


def run_links_benchmark(sizes: Sequence[int] = (1000, 10000)) -> list[dict[str, Any]]:
    """Each size in a child process; the figures of each, with memory flatness on the last."""
    root = str(Path(__file__).resolve().parents[1])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
    }
    rows = []
    for size in sizes:
        child = subprocess.run(
            [sys.executable, "-m", "pipeline.bench_links", "--child", str(size)],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
        if child.returncode != 0:
            raise RuntimeError(f"bench_links at {size} URLs failed: {child.stderr.strip()[-400:]}")
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
    if len(rows) > 1:
        growth = rows[-1]["peak_mb"] - rows[0]["peak_mb"]
        rows[-1] |= {"peak_growth_mb": round(growth, 1), "met_flat": growth <= TARGET_FLAT_MB}
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench_links", description=__doc__)
    parser.add_argument("--urls", type=int, action="append", help="a size (repeatable)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child)))
        return 0
    rows = run_links_benchmark(tuple(args.urls or (1000, 10000)))
    print("urls | crawl_s | check_s | ratio (target <= 1.3) | peak MB | states")
    for row in rows:
        print(
            f"{row['urls']} | {row['crawl_s']} | {row['check_s']} | {row['ratio']} | "
            f"{row['peak_mb']} | {row['states']}"
        )
    if "peak_growth_mb" in rows[-1]:
        print(f"peak memory growth {rows[0]['urls']} -> {rows[-1]['urls']} URLs: "
              f"{rows[-1]['peak_growth_mb']} MB (target <= {TARGET_FLAT_MB})")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
