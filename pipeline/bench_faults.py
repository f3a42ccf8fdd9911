"""Benchmark: peak memory and time of a verify whose article cites every fault of the fault site.

The verify runs in a child process (`python -m pipeline.bench_faults --child ...`), the stages
called directly with the default caps and budgets, against `pipeline.faultsite` in another
child; only the deadline is shorter than the default (so that the slow faults end sooner) and
retries are off. Memory is the verify's process tree (it and the text-extraction children it
forks), sampled from /proc every 50 ms and summed, and the kernel's peak of the largest single
process (wait4). `python -m pipeline.bench_faults [--deadline S]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.faultsite import CLAIM, FAULTS, FaultSite

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
TARGET_MB = 1024


def write_fault_article(folder: Path, urls: list[str]) -> Path:
    """A text article with one claim per URL, each in its own note."""
    sentences = " ".join(
        f"As source {i} reports, {CLAIM[0].lower()}{CLAIM[1:]}{str(i).translate(SUPERSCRIPT)}"
        for i, _ in enumerate(urls, 1)
    )
    notes = "\n".join(
        f'{i}. "Port agreement signed," *Fault Herald*, (March 12, 2021), retrieved May 9, '
        f"2024, from <{url}>."
        for i, url in enumerate(urls, 1)
    )
    path = folder / "fault-article.txt"
    path.write_text(f"Faults\n\nIntro\n\n{sentences}\n\nNotes\n\n{notes}\n", encoding="utf-8")
    return path


def _child(article_path: Path, work: Path, deadline: float) -> dict[str, Any]:
    """The verify itself (in the child process): stages called directly."""
    from claims.article import read_article
    from pipeline.stages import (
        SourceOptions,
        check_article,
        check_claims,
        gather_sources,
        write_outputs,
    )
    from sources.collect import SourcesSettings
    from sources.settings import FetchSettings, WaybackSettings

    fetch = FetchSettings(
        allow_loopback=True, allow_private=True, deadline=deadline, retries=0, min_gap=0.0
    )
    settings = SourcesSettings(
        fetch=fetch, wayback=WaybackSettings(enabled=False), network_probe=None
    )
    now = dt.datetime.now(dt.UTC)
    article = read_article(article_path)
    options = SourceOptions(archive=work / "archive", settings=settings)
    sources = gather_sources(article, options, now, lambda _: None)
    claims = check_claims(article, sources)
    report = check_article(article, sources, now, claims)
    write_outputs(report, work / "out", work / "decisions.sqlite")
    by_note = {c.claim.notes[0]: c.verdict.value for c in claims or () if c.claim.notes}
    return {
        "states": {urlsplit(s.url).path: s.state.value for s in sources},
        "details": {urlsplit(s.url).path: s.detail for s in sources},
        "verdicts": {urlsplit(u).path: by_note.get(i) for i, u in _note_urls(article)},
        "findings": dict(Counter(f.kind for f in report.findings)),
        "report_bytes": sum(p.stat().st_size for p in (work / "out").rglob("*") if p.is_file()),
    }


def _note_urls(article: Any) -> list[tuple[int, str]]:
    return [(n.number, u) for n in article.notes for c in n.citations for u in c.urls[:1]]


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo += [child for child, parent in parents.items() if parent == pid and child not in tree]
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm") as statm:
                total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total


def run_fault_benchmark(deadline: float = 10.0) -> dict[str, Any]:
    """Verify the fault article once; figures and what became of each fault."""
    with tempfile.TemporaryDirectory() as tmp, FaultSite() as site:
        work = Path(tmp)
        article = write_fault_article(work, site.urls())
        command = [sys.executable, "-m", "pipeline.bench_faults", "--child", str(article),
                   str(work), str(deadline)]  # fmt: skip
        started = time.monotonic()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        tree_peak = 0
        while child.poll() is None:
            tree_peak = max(tree_peak, _tree_rss(child.pid))
            time.sleep(0.05)
        seconds = time.monotonic() - started
        out, err = child.communicate()
        usage = resource_peak(child)
        if child.returncode != 0:
            raise RuntimeError(f"the fault verify failed: {err.decode()[-2000:]}")
        figures: dict[str, Any] = json.loads(out)
    return {
        "faults": len(FAULTS),
        "seconds": round(seconds, 1),
        "deadline_s": deadline,
        "tree_peak_mb": round(tree_peak / 2**20, 1),
        "process_peak_mb": usage,
        **figures,
    }


def resource_peak(child: subprocess.Popen[bytes]) -> float | None:
    """The child's peak RSS in MB as the kernel kept it (RUSAGE_CHILDREN: the largest child
    waited for so far, here the verify or one of its own children)."""
    import resource

    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadline", type=float, default=10.0, help="per fetch (default 10 s)")
    parser.add_argument("--child", nargs=3, metavar=("ARTICLE", "WORK", "DEADLINE"))
    args = parser.parse_args(argv)
    if args.child:
        article, work, deadline = args.child
        print(json.dumps(_child(Path(article), Path(work), float(deadline))))
        return 0
    print(json.dumps(run_fault_benchmark(args.deadline), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
