"""Benchmark: the verify-article flow's overhead over calling the stage functions directly,
and the default `citewatch verify` against `citewatch verify --direct` side by side.

Runs on an article with the network left out (no fetching, no Wayback). The flow runs against
a temporary Prefect server started once (`prefect_test_harness`); the two commands run in this
process with no server configured (PREFECT_API_URL unset, an empty PREFECT_HOME), as a user
without Prefect set up has them. Each figure is the median of several runs after a first,
warming one. `python -m pipeline.bench_flow [ARTICLE] [--runs N]`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from claims.article import read_article
from pipeline.stages import (
    SourceOptions,
    check_article,
    check_claims,
    gather_sources,
    write_outputs,
)
from sources.collect import SourcesSettings
from sources.settings import WaybackSettings

BRIEF = Path(__file__).resolve().parents[1].parent / "shared" / "article"
OFFLINE = SourcesSettings(wayback=WaybackSettings(enabled=False), network_probe="offline.invalid")


def _direct(article_path: Path, work: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    article = read_article(article_path)
    options = SourceOptions(archive=work / "archive", settings=OFFLINE)
    sources = gather_sources(article, options, now, lambda _: None)
    report = check_article(article, sources, now, check_claims(article, sources))
    write_outputs(report, work / "direct", work / "decisions.sqlite")


def _medians(funcs: list[Any], runs: int) -> list[tuple[float, float]]:
    """(first, median of the rest) of each function, the runs interleaved (a, b, a, b, ...)
    so that a busy machine slows each alike."""
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(runs + 1):
        for func, kept in zip(funcs, times, strict=True):
            started = time.perf_counter()
            func()
            kept.append(time.perf_counter() - started)
    return [(kept[0], statistics.median(kept[1:])) for kept in times]


def run_flow_benchmark(article: Path, runs: int = 5) -> dict[str, Any]:
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.testing.utilities import prefect_test_harness

    from pipeline.flows import verify_article_flow

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with prefect_test_harness(server_startup_timeout=180):
            (first_direct, direct), (first_flow, flowed) = _medians(
                [
                    lambda: _direct(article, work),
                    lambda: verify_article_flow(
                        article=str(article),
                        out=str(work / "flow"),
                        archive=str(work / "archive"),
                        online=False,
                        wayback=False,
                        decisions=str(work / "decisions.sqlite"),
                    ),
                ],
                runs,
            )
    return {
        "article": article.name,
        "cores": os.cpu_count(),
        "direct_first_s": round(first_direct, 3),
        "direct_s": round(direct, 3),
        "flow_first_s": round(first_flow, 3),
        "flow_s": round(flowed, 3),
        "overhead_s": round(flowed - direct, 3),
        "target_overhead_s": 1.5,
        "met": flowed - direct < 1.5,
    }


def _command(args: list[str]) -> None:
    from pipeline.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(args)
    if code != 0:
        raise RuntimeError(f"citewatch {' '.join(args)} exited {code}")


def run_default_benchmark(article: Path, runs: int = 5) -> dict[str, Any]:
    """`citewatch verify ARTICLE` (the default mode) against the same with --direct."""
    saved = {k: os.environ.get(k) for k in ("PREFECT_API_URL", "PREFECT_HOME")}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ.pop("PREFECT_API_URL", None)
        os.environ["PREFECT_HOME"] = str(work / "prefect-home")
        try:
            common = [
                "verify", str(article), "--offline", "--no-wayback",
                "--archive", str(work / "archive"), "--decisions", str(work / "d.sqlite"),
            ]  # fmt: skip
            (_, direct), (_, default) = _medians(
                [
                    lambda: _command([*common, "--out", str(work / "d"), "--direct"]),
                    lambda: _command([*common, "--out", str(work / "v")]),
                ],
                runs,
            )
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    return {
        "article": article.name,
        "direct_s": round(direct, 3),
        "default_s": round(default, 3),
        "ratio": round(default / direct, 2) if direct else None,
        "target_ratio": 1.5,
        "met": default <= 1.5 * direct,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench_flow", description=__doc__)
    parser.add_argument(
        "article", nargs="?", type=Path, default=BRIEF / "balkans-military-activism.txt"
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.article.exists():
        print(f"bench_flow: error: {args.article} not found; give an article", file=sys.stderr)
        return 2
    result = run_flow_benchmark(args.article, args.runs)
    print(
        f"flow overhead on {result['article']} ({result['cores']} cores, median of "
        f"{args.runs} after a first run)"
    )
    print(
        f"  stage functions directly: {result['direct_s']:.3f} s "
        f"(first {result['direct_first_s']:.3f} s)"
    )
    print(
        f"  verify-article flow on a Prefect server: {result['flow_s']:.3f} s "
        f"(first {result['flow_first_s']:.3f} s)"
    )
    print(
        f"  overhead: {result['overhead_s']:.3f} s (target < 1.5 s: "
        f"{'met' if result['met'] else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
