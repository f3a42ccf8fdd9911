"""`citewatch bench`: timings that print figures (never timed tests).

Each figure is the best of several runs in this process, so interpreter start and imports are
excluded; the machine's core count is printed beside them and written with them as JSON.
"""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from claims.article import read_article
from claims.checks import run_checks

BRIEF_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "article"


def best_of(func: Callable[[], object], runs: int) -> float:
    func()  # warm caches and lazy imports
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return min(times)


def bench_parse(article_dir: Path, runs: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for name, target in (("parse .txt", 0.3), ("parse .pdf", 3.0)):
        suffix = name.split()[-1]
        paths = sorted(article_dir.glob(f"*{suffix}"))
        if not paths:
            rows.append({"name": name, "skipped": f"no {suffix} article in {article_dir}"})
            continue
        path = paths[0]
        seconds = best_of(partial(read_article, path), runs)
        rows.append(
            {
                "name": name,
                "input": paths[0].name,
                "seconds": round(seconds, 4),
                "target_seconds": target,
                "met": seconds < target,
            }
        )
    return rows


def bench_checks(article_dir: Path, runs: int) -> list[dict[str, Any]]:
    paths = sorted(article_dir.glob("*.txt"))
    if not paths:
        return [{"name": "checks", "skipped": f"no .txt article in {article_dir}"}]
    article = read_article(paths[0])
    seconds = best_of(partial(run_checks, article, strict=True), runs)
    return [
        {
            "name": "checks",
            "input": paths[0].name,
            "seconds": round(seconds, 4),
            "target_seconds": 0.5,
            "met": seconds < 0.5,
        }
    ]


def run(article_dir: Path = BRIEF_DIR, runs: int = 5, out: Path | None = None) -> int:
    machine = {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    rows = bench_parse(article_dir, runs) + bench_checks(article_dir, runs)
    print(f"citewatch bench ({machine['cores']} cores, Python {machine['python']})")
    print(f"{'benchmark':<14} {'input':<34} {'seconds':>9} {'target':>8}  met")
    for row in rows:
        if "skipped" in row:
            print(f"{row['name']:<14} skipped: {row['skipped']}")
            continue
        print(
            f"{row['name']:<14} {row['input']:<34} {row['seconds']:>9.4f} "
            f"{row['target_seconds']:>8.2f}  {'yes' if row['met'] else 'NO'}"
        )
    if out is not None:
        out.write_text(json.dumps({"machine": machine, "results": rows}, indent=2) + "\n")
        print(f"wrote {out}")
    return 0
