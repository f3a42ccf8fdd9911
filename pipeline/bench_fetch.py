"""Fetch benchmark: citewatch's crawler against the ideal time and LinkChecker, on a local site.

    python -m pipeline.bench_fetch --runs 3 [--json FILE]

A figure-printing benchmark, never a timed test. The site (pipeline.benchsite) runs in its own
process on 127.0.0.1 only. The ideal time is each host's URLs in batches of `per_host`, `delay`
each, for the slowest host: perfect parallelism across hosts, the per-host cap, no gaps.
The issue's target is 1.15 times the ideal (`TARGET_RATIO`). LinkChecker (not a dependency of
citewatch) is compared when its executable is found: the path in $CITEWATCH_LINKCHECKER, else
`linkchecker` on PATH, else beside this interpreter. It is given as many threads as citewatch has
workers, no robots.txt, and a request-rate ceiling it only honours because the site sends a
`LinkChecker` header.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.benchsite import BenchSite, PortStats, is_dead
from sources.crawl import fetch_many, host_key
from sources.fetch import make_session
from sources.settings import FetchSettings

SKIPPED = "skipped: install linkchecker (pip install linkchecker)"
LINKCHECKER_ENV = "CITEWATCH_LINKCHECKER"  # the executable's path, e.g. in a venv of its own
TARGET_RATIO = 1.15  # the crawler's time against the ideal, at most (issue 13)
LINKCHECKER_RC = "[checking]\nmaxrequestspersecond=1000\n"  # past 10/s needs the site's header


@dataclass(frozen=True, slots=True)
class CheckRun:
    """One checker's pass over the site: wall time, the site's busy span, verdicts, politeness."""

    seconds: float  # as the caller timed it (LinkChecker's includes its interpreter start)
    span: float  # the site's clock: first request in to last answer out
    alive: Mapping[str, bool]  # URL -> answered below 400
    peak_per_host: int
    served: int


def ideal_seconds(urls: Sequence[str], per_host: int, delay: float) -> float:
    """The slowest host's URLs in full batches of `per_host`, `delay` seconds a batch."""
    counts = Counter(host_key(url) for url in urls)
    return max((math.ceil(n / per_host) for n in counts.values()), default=0) * delay


def _site_figures(stats: Mapping[int, PortStats]) -> tuple[float, int, int]:
    firsts = [s.first for s in stats.values() if s.first is not None]
    lasts = [s.last for s in stats.values() if s.last is not None]
    span = max(lasts) - min(firsts) if firsts and lasts else 0.0
    peak = max((s.peak for s in stats.values()), default=0)
    return span, peak, sum(s.served for s in stats.values())


def run_citewatch(site: BenchSite, per_host: int, workers: int) -> CheckRun:
    """`fetch_many` over every planned URL, with politeness reduced to the per-host cap."""
    settings = FetchSettings(
        allow_loopback=True, per_host=per_host, min_gap=0.0, workers=workers, retries=0
    )
    session = make_session(settings)
    site.stats(reset=True)
    # each run starts from a collected heap: the collector stays on, but a full collection owed
    # by the runs before (their results, the site's startup) is not paid inside this one's time
    gc.collect()
    try:
        started = time.perf_counter()
        results = list(fetch_many(site.urls, settings, session=session))
        seconds = time.perf_counter() - started
    finally:
        session.close()
    alive = {r.url: r.status is not None and r.status < 400 for r in results}
    span, peak, served = _site_figures(site.stats(reset=True))
    return CheckRun(seconds, span, alive, peak, served)


def find_linkchecker() -> Path | None:
    """The executable named by $CITEWATCH_LINKCHECKER, else `linkchecker` on PATH, else beside
    this interpreter (an unactivated venv). A named path that is no executable is an error: the
    benchmark would otherwise skip the comparison it was asked for."""
    named = os.environ.get(LINKCHECKER_ENV, "").strip()
    if named:
        found = shutil.which(named)
        if found is None:
            raise RuntimeError(f"${LINKCHECKER_ENV} is {named!r}, which is not an executable")
        return Path(found)
    beside = str(Path(sys.executable).parent)
    found = shutil.which("linkchecker") or shutil.which("linkchecker", path=beside)
    return Path(found) if found else None


def linkchecker_version(exe: Path) -> str:
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60).stdout
    return out.splitlines()[0].strip() if out else "unknown"


def linkchecker_command(exe: Path, config: Path, index_url: str, threads: int) -> list[str]:
    """Check the index and the links on it (recursion level 1), all of them, every URL logged."""
    return [
        str(exe), "--config", str(config), "--threads", str(threads), "--no-robots",
        "--check-extern", "--recursion-level", "1", "--timeout", "20", "--no-status",
        "--verbose", "--output", "csv", index_url,
    ]  # fmt: skip


def parse_linkchecker_csv(text: str) -> dict[str, bool]:
    """LinkChecker's CSV output (`-o csv -v`) -> {URL as linked: valid}; comments skipped."""
    rows = csv.DictReader((line for line in io.StringIO(text) if not line.startswith("#")),
                          delimiter=";")  # fmt: skip
    return {row["urlname"]: row["valid"] == "True" for row in rows if row.get("urlname")}


def _clean_env(home: Path) -> dict[str, str]:
    # no proxy may take loopback traffic elsewhere; no user config may change the settings
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    return env | {"HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home),
                  "NO_PROXY": "*", "no_proxy": "*"}  # fmt: skip


def run_linkchecker(exe: Path, site: BenchSite, threads: int) -> tuple[CheckRun, list[str]]:
    """LinkChecker from the site's index; returns the run and the command line used."""
    with tempfile.TemporaryDirectory(prefix="citewatch-lc-") as tmp:
        home = Path(tmp)
        home.chmod(0o755)  # run as root, LinkChecker drops to `nobody`, who must read the config
        config = home / "linkcheckerrc"
        config.write_text(LINKCHECKER_RC, encoding="utf-8")
        config.chmod(0o644)
        command = linkchecker_command(exe, config, site.index_url, threads)
        site.stats(reset=True)
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=_clean_env(home),
                              timeout=600, check=False)  # fmt: skip
        seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: some links are broken, as planned
        raise RuntimeError(f"linkchecker exited {done.returncode}: {done.stderr.strip()[-500:]}")
    alive = parse_linkchecker_csv(done.stdout)
    alive.pop(site.index_url, None)
    span, peak, served = _site_figures(site.stats(reset=True))
    return CheckRun(seconds, span, alive, peak, served), command


def compare_verdicts(ours: Mapping[str, bool], theirs: Mapping[str, bool]) -> list[str]:
    """URLs on which the two disagree, or that only one of them checked; sorted."""
    return sorted(u for u in ours.keys() | theirs.keys() if ours.get(u) != theirs.get(u))


def run_fetch_benchmark(
    urls: int = 1000,
    hosts: int = 50,
    delay: float = 0.1,
    per_host: int = 2,
    dead_share: float = 0.1,
    *,
    linkchecker: bool = True,
) -> dict[str, Any]:
    """One pass of citewatch, then of LinkChecker if asked and installed; JSON-ready figures."""
    workers = hosts * per_host  # enough for every host to hold its cap at once
    with BenchSite(hosts, urls, dead_share, delay) as site:
        ideal = ideal_seconds(site.urls, per_host, delay)
        ours = run_citewatch(site, per_host, workers)
        expected = {url: not is_dead(url) for url in site.urls}
        figures: dict[str, Any] = {
            "urls": urls, "hosts": hosts, "delay_s": delay, "per_host": per_host,
            "dead": sum(is_dead(u) for u in site.urls), "workers": workers,
            "cores": os.cpu_count(), "ideal_s": round(ideal, 3),
            "citewatch_s": round(ours.seconds, 3), "citewatch_site_span_s": round(ours.span, 3),
            "ratio_to_ideal": round(ours.seconds / ideal, 3) if ideal else None,
            "target_ratio": TARGET_RATIO, "met_target": ours.seconds <= TARGET_RATIO * ideal,
            "peak_per_host": ours.peak_per_host, "cap_honoured": ours.peak_per_host <= per_host,
            "served": ours.served, "verdict_errors": compare_verdicts(ours.alive, expected),
        }  # fmt: skip
        try:
            exe = find_linkchecker() if linkchecker else None
        except RuntimeError as error:  # said in the table's row, not as a traceback
            figures["linkchecker"] = f"skipped: {error}"
            return figures
        if exe is None:
            figures["linkchecker"] = SKIPPED if linkchecker else "skipped: not asked"
            return figures
        theirs, command = run_linkchecker(exe, site, workers)
    mismatches = compare_verdicts(ours.alive, theirs.alive)
    figures |= {
        "linkchecker": linkchecker_version(exe), "linkchecker_command": command,
        "linkchecker_config": LINKCHECKER_RC, "linkchecker_s": round(theirs.seconds, 3),
        "linkchecker_site_span_s": round(theirs.span, 3),
        "linkchecker_peak_per_host": theirs.peak_per_host, "linkchecker_served": theirs.served,
        # against LinkChecker's busy span, not its wall time: its interpreter start is not counted
        "citewatch_at_least_as_fast": ours.seconds <= theirs.span,
        "verdicts_agree": len(site.urls) - len(mismatches), "verdict_mismatches": mismatches,
    }  # fmt: skip
    return figures


_COLUMNS = ("ideal_s", "citewatch_s", "ratio_to_ideal", "peak_per_host", "linkchecker_s",
            "linkchecker_site_span_s", "linkchecker_peak_per_host", "verdicts_agree")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench_fetch", description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--urls", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    args = parser.parse_args(argv)
    runs = []
    print("run | " + " | ".join(_COLUMNS))
    for number in range(1, max(1, args.runs) + 1):
        run = run_fetch_benchmark(args.urls, args.hosts, args.delay, args.per_host)
        runs.append(run)
        print(f"{number} | " + " | ".join(str(run.get(c, "-")) for c in _COLUMNS))
    last = runs[-1]
    print(f"cores: {last['cores']}; linkchecker: {last['linkchecker']}")
    if "linkchecker_command" in last:
        print("command: " + " ".join(last["linkchecker_command"]))
        print("config: " + last["linkchecker_config"].replace("\n", " "))
    if args.json:
        args.json.write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")
    correct = all(
        r["cap_honoured"] and not r["verdict_errors"] and not r.get("verdict_mismatches")
        for r in runs
    )
    return 0 if correct else 1  # correctness only: the figures are for reading, not a gate


if __name__ == "__main__":
    sys.exit(main())
