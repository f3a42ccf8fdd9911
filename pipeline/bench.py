"""`citewatch bench`: every benchmark in one table (printed, and as JSON), never timed tests.

Sections: parsing (text, PDF, HTML), the manuscript checks, fetching (1,000 URLs over 50 local
hosts, against the ideal and LinkChecker), claim matching (10,000 claims x 2,000 pages, against
raw rapidfuzz), the Prefect flow's overhead, the scale curves of a synthetic corpus (articles,
notes and hosts at three sizes each), verify on long articles (the brief 1x/4x/16x, 1,000 and
10,000 notes: time, peak memory, growth per step), and peak memory; `--only fuzz` runs the
seeded fuzzing of the brief's text and PDF. Everything runs on local servers
and data. Figures are best-of or median runs in this process: interpreter start is excluded.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from claims.article import read_article
from claims.checks import run_checks

BRIEF_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "article"
HTML_SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "html" / "news-article.html"
Row = dict[str, Any]


def best_of(func: Callable[[], object], runs: int) -> float:
    func()  # warm caches and lazy imports
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return min(times)


def _row(name: str, seconds: float, target: float | None, detail: str = "") -> Row:
    met = None if target is None else seconds < target
    return {
        "name": name,
        "seconds": round(seconds, 4),
        "target_seconds": target,
        "met": met,
        "detail": detail,
    }


def bench_parse(article_dir: Path, runs: int) -> list[Row]:
    rows: list[Row] = []
    for suffix, target in ((".txt", 0.3), (".pdf", 3.0)):
        paths = sorted(article_dir.glob(f"*{suffix}"))
        if not paths:
            rows.append({"name": f"parse {suffix}", "skipped": f"no {suffix} in {article_dir}"})
            continue
        seconds = best_of(partial(read_article, paths[0]), runs)
        rows.append(_row(f"parse {suffix}", seconds, target, paths[0].name))
    if HTML_SAMPLE.exists():
        seconds = best_of(partial(read_article, HTML_SAMPLE), runs)
        rows.append(_row("parse .html", seconds, None, HTML_SAMPLE.name))
    rows.append(bench_longest_law_review(min(runs, 2)))
    return rows


def bench_longest_law_review(runs: int) -> Row:
    """Parse time of the corpus's longest law review PDF (most pages): page footnotes."""
    from pipeline.bench_pdf_notes import LAWREVIEWS, count_pages

    name = "parse longest law review .pdf"
    paths = [p for p in sorted(LAWREVIEWS.glob("*.pdf")) if p.stat().st_size]
    if not paths:
        return {"name": name, "skipped": f"no PDFs in {LAWREVIEWS}"}
    pages = {p: count_pages(p) for p in paths}
    longest = max(paths, key=lambda p: pages[p])
    article = read_article(longest)
    seconds = best_of(partial(read_article, longest), runs)
    detail = f"{longest.name[:40]}, {pages[longest]} pages, {len(article.notes)} notes"
    return _row(name, seconds, 10.0, detail)


def bench_checks(article_dir: Path, runs: int) -> list[Row]:
    paths = sorted(article_dir.glob("*.txt"))
    if not paths:
        return [{"name": "manuscript checks", "skipped": f"no .txt in {article_dir}"}]
    article = read_article(paths[0])
    seconds = best_of(partial(run_checks, article, strict=True), runs)
    return [_row("manuscript checks", seconds, 0.5, paths[0].name)]


def bench_fetch(quick: bool) -> list[Row]:
    from pipeline.bench_fetch import TARGET_RATIO, run_fetch_benchmark

    urls, hosts = (200, 10) if quick else (1000, 50)
    figures = run_fetch_benchmark(urls=urls, hosts=hosts)
    rows = [
        _row(
            f"fetch {urls} URLs / {hosts} hosts",
            figures["citewatch_s"],
            round(TARGET_RATIO * figures["ideal_s"], 4),
            f"ideal {figures['ideal_s']} s, ratio {figures['ratio_to_ideal']} "
            f"(target <= {TARGET_RATIO}x), peak/host {figures['peak_per_host']}",
        )
    ]
    if "linkchecker_s" in figures:
        rows.append(
            _row(
                "LinkChecker, same site",
                figures["linkchecker_s"],
                None,
                f"busy at the site {figures['linkchecker_site_span_s']} s; verdicts "
                f"agree {figures['verdicts_agree']}/{urls}",
            )
        )
    else:
        why = str(figures.get("linkchecker", "not run")).removeprefix("skipped: ")
        rows.append({"name": "LinkChecker, same site", "skipped": why})
    return rows


def bench_claims(quick: bool) -> list[Row]:
    from pipeline.bench_claims import run_claims_benchmark

    claims, docs = (1000, 200) if quick else (10_000, 2_000)
    f = run_claims_benchmark(claims=claims, docs=docs)
    return [
        _row(
            f"claims {claims} x {docs} pages",
            f["total_s"],
            60.0,
            f"{f['corpus_mb']} MB; prepare {f['prepare_s']} s + check {f['check_s']} s; "
            f"CPU {f['prepare_cpu_s']} s + {f['check_cpu_s']} s",
        ),
        _row(
            "claim check vs raw rapidfuzz",
            f["check_s"],
            3 * f["raw_rapidfuzz_s"],
            f"raw {f['raw_rapidfuzz_s']} s, ratio {f['matcher_ratio']}x (target 3x); CPU "
            f"{f['check_cpu_s']} s vs {f['raw_rapidfuzz_cpu_s']} s, {f['matcher_cpu_ratio']}x",
        ),
    ]


def bench_flow(article_dir: Path, runs: int) -> list[Row]:
    from pipeline.bench_flow import run_default_benchmark, run_flow_benchmark

    paths = sorted(article_dir.glob("*.txt"))
    if not paths:
        return [{"name": "flow overhead", "skipped": f"no .txt in {article_dir}"}]
    d = run_default_benchmark(paths[0], runs)
    f = run_flow_benchmark(paths[0], runs)
    return [
        _row(
            "verify default vs --direct (no server)",
            d["default_s"],
            round(1.5 * d["direct_s"], 4),
            f"default {d['default_s']} s, --direct {d['direct_s']} s: {d['ratio']}x "
            "(target <= 1.5x)",
        ),
        _row(
            "flow overhead (Prefect server)",
            f["overhead_s"],
            1.5,
            f"direct {f['direct_s']} s, flow {f['flow_s']} s",
        ),
    ]


def bench_corpus(quick: bool) -> list[Row]:
    """The scale curves: articles, notes and hosts each at three sizes (synthetic corpus)."""
    from pipeline.bench_corpus import AXES, run_corpus_benchmark

    axes = {"notes": AXES["notes"]} if quick else AXES
    unique = list(dict.fromkeys(s for sizes in axes.values() for s in sizes))
    figures = dict(zip(unique, run_corpus_benchmark(unique), strict=True))
    rows = []
    for axis, sizes in axes.items():
        for size in sizes:
            f = figures[size]
            stages = ", ".join(
                f"{k[:-2]} {v:.2f}" for k, v in f.items() if k.endswith("_s") and k != "total_s"
            )
            rows.append(
                _row(
                    f"corpus {axis} {f['size']}",
                    f["total_s"],
                    None,
                    f"{f['urls']} URLs, {f['claims']} claims; {stages}; "
                    f"+{f['peak_rss_delta_mib']} MiB; {f['dominant']} dominates",
                )
            )
    return rows


def bench_scale(article_dir: Path, quick: bool) -> list[Row]:
    """verify --no-sources on the brief repeated 1x/4x/16x and on 1,000/10,000 notes."""
    from pipeline.bench_scale import run_scale_benchmark

    paths = sorted(article_dir.glob("*.txt"))
    if not paths:
        return [{"name": "scale", "skipped": f"no .txt in {article_dir}"}]
    sizes, notes, pages = (
        ((1, 4), (1000,), ()) if quick else ((1, 4, 16, 64, 256), (1000, 4000, 10_000), (75, 300))
    )
    labels = {"size": "{:g}x the brief", "notes": "{:,} notes", "pages": "PDF of {:,} pages"}
    # issue 16's Done when: (seconds, peak MB)
    targets = {("notes", 10_000): (60.0, 2048), ("pages", 300): (60.0, 1024)}
    rows = []
    for f in run_scale_benchmark(paths[0], sizes, notes, pages):
        label = labels[f["axis"]].format(f["step"])
        growth = (
            f"; time x{f['growth']}, CPU x{f['cpu_growth']} for x{f['step_ratio']:g}"
            if "growth" in f
            else ""
        )
        row = _row(
            f"scale {label}",
            f["seconds"],
            targets.get((f["axis"], f["step"]), (None, 0))[0],
            f"{f['megabytes']} MB; CPU {f['cpu_seconds']} s; peak {f['peak_mb']} MB; "
            f"exit {f['exit']}{growth}",
        )
        if (f["axis"], f["step"]) in targets:
            row["met"] = row["met"] and f["peak_mb"] <= targets[f["axis"], f["step"]][1]
        if "growth" in f and row["met"] is not False:  # each 4x step at most 5x the time
            row["met"] = f["cpu_growth"] <= 1.25 * f["step_ratio"]
        rows.append(row)
    return rows


def bench_citations() -> list[Row]:
    """The citation parser: 1,500 notes under 5 s (and the curve at half and double), and its
    accuracy on labelled references when ../shared/corpus has them."""
    from pipeline.bench_citations import CORPUS, FIELDS, read_references, score, time_parse

    rows = []
    for size, seconds in time_parse(1500):
        rows.append(_row(f"parse {size} notes", seconds, 5.0 if size == 1500 else None))
    if CORPUS.exists():
        started = time.perf_counter()
        table = score(read_references(CORPUS))
        seconds = time.perf_counter() - started
        scores = {n: (r / t if t else 0.0) for n, (r, t) in table.items()}
        mean = sum(scores.values()) / len(FIELDS)
        detail = f"mean {mean:.3f}; " + ", ".join(f"{n} {v:.2f}" for n, v in scores.items())
        rows.append(_row(f"citations {CORPUS.name}", seconds, None, detail))
    return rows


def bench_faults(quick: bool) -> list[Row]:
    from pipeline.bench_faults import TARGET_MB, run_fault_benchmark

    f = run_fault_benchmark(deadline=3.0 if quick else 10.0)
    peak = max(f["tree_peak_mb"], f["process_peak_mb"] or 0.0)
    unavailable = sum(v == "source-unavailable" for v in f["verdicts"].values())
    return [
        {
            "name": f"verify citing {f['faults']} faults",
            "seconds": f["seconds"],
            "target_seconds": None,
            "met": peak < TARGET_MB,
            "detail": f"peak {peak:.0f} MB (target < {TARGET_MB}; tree {f['tree_peak_mb']}, "
            f"largest process {f['process_peak_mb']}); {unavailable} claims source-unavailable; "
            f"deadline {f['deadline_s']} s",
            "peak_mb": peak,
            "states": f["states"],
            "verdicts": f["verdicts"],
        }
    ]


def bench_links(quick: bool) -> list[Row]:
    """The nightly link check against the crawler's own time, and its peak memory, at two
    sizes (each in a child process of its own)."""
    from pipeline.bench_links import TARGET_FLAT_MB, TARGET_RATIO, run_links_benchmark

    sizes = (1000, 2000) if quick else (1000, 10000)
    figures = run_links_benchmark(sizes)
    rows = [
        _row(
            f"check-links {f['urls']} URLs / {f['hosts']} hosts",
            f["check_s"],
            round(TARGET_RATIO * f["crawl_s"], 3),
            f"crawler {f['crawl_s']} s, ratio {f['ratio']} (target <= {TARGET_RATIO}); "
            f"peak {f['peak_mb']} MB",
        )
        for f in figures
    ]
    last = figures[-1]
    if "peak_growth_mb" in last:
        row = _row(
            f"check-links memory {figures[0]['urls']} -> {last['urls']} URLs",
            0.0,
            None,
            f"peak {figures[0]['peak_mb']} -> {last['peak_mb']} MB: +{last['peak_growth_mb']} MB "
            f"(target <= {TARGET_FLAT_MB} MB)",
        )
        row["met"] = last["met_flat"]
        rows.append(row)
    return rows


def bench_fuzz(article_dir: Path, quick: bool) -> list[Row]:
    """Seeded mutants of the article's text and PDF through `verify`: no exit 3, no hang."""
    from pipeline.fuzz import fuzz, report_line

    seeds = sorted(article_dir.glob("*.txt")) + sorted(article_dir.glob("*.pdf"))
    if not seeds:
        return [{"name": "fuzz", "skipped": f"no .txt or .pdf in {article_dir}"}]
    count = 500 if quick else 10_000
    save = Path("fuzz-failures")
    result = fuzz(seeds, count, seed=0, save=save, jobs=max(1, (os.cpu_count() or 1) // 2))
    row = _row(f"fuzz {result.count} mutants", result.seconds, None, report_line(result))
    row["met"] = not result.failures
    if result.failures:
        row["detail"] += f"; inputs saved in {save}/"
    return [row]


SECTIONS = (
    *("parse", "checks", "fetch", "claims", "flow", "corpus"),
    *("links", "citations", "faults", "scale"),
)
OPTIONAL_SECTIONS = ("fuzz",)  # hours at full size: run with --only fuzz


def run(
    article_dir: Path = BRIEF_DIR,
    runs: int = 5,
    out: Path | None = None,
    sections: tuple[str, ...] = SECTIONS,
    quick: bool = False,
) -> int:
    machine = {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(f"citewatch bench ({machine['cores']} cores, Python {machine['python']})", flush=True)
    makers: dict[str, Callable[[], list[Row]]] = {
        "parse": lambda: bench_parse(article_dir, runs),
        "checks": lambda: bench_checks(article_dir, runs),
        "fetch": lambda: bench_fetch(quick),
        "claims": lambda: bench_claims(quick),
        "flow": lambda: bench_flow(article_dir, runs),
        "corpus": lambda: bench_corpus(quick),
        "citations": bench_citations,
        "links": lambda: bench_links(quick),
        "faults": lambda: bench_faults(quick),
        "scale": lambda: bench_scale(article_dir, quick),
        "fuzz": lambda: bench_fuzz(article_dir, quick),
    }
    rows: list[Row] = []
    print(f"{'benchmark':<32} {'seconds':>9} {'target':>8}  met  detail")
    for section in sections:
        for row in makers[section]():
            rows.append(row)
            if "skipped" in row:
                print(f"{row['name']:<32} skipped: {row['skipped']}", flush=True)
                continue
            target = "-" if row["target_seconds"] is None else f"{row['target_seconds']:.2f}"
            met = {True: "yes", False: "NO", None: "-"}[row["met"]]
            print(
                f"{row['name']:<32} {row['seconds']:>9.3f} {target:>8}  {met:<4} {row['detail']}",
                flush=True,
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")
    if out is not None:
        out.write_text(
            json.dumps(
                {"machine": machine, "peak_rss_mb": round(peak, 1), "results": rows}, indent=2
            )
            + "\n"
        )
        print(f"wrote {out}")
    return 0
