"""Scale benchmark: the whole verify job on a synthetic corpus cited from a local site."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import multiprocessing
import random
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from claims.article import Article, read_article
from pipeline.bench_claims import CLAIM, FILLER, KINDS, PARTNERS, SOURCE, SUPPLIERS, Event
from pipeline.bench_claims import write_event as _write_event
from pipeline.benchsite import HOST, BenchSite
from pipeline.stages import check_article, check_claims, write_outputs
from sources.archive import Archive
from sources.collect import SourcesSettings, cited_urls, collect_sources
from sources.model import Source
from sources.settings import FetchSettings, WaybackSettings

STAGES = ("parse", "sources", "claims", "checks", "report")
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# What cited URLs are built to be, in a fixed cycle so that even a small article has each kind:
# BenchSite serves "plain" (no facts) and "dead" (404), CorpusServer all the others.
ORDER = (
    "fact", "dead", "redirect", "false", "blocked", "plain", "slow", "drift",
    "fact", "dead", "fact", "false", "plain", "drift", "fact", "fact",
)  # fmt: skip
DELAY, SLOW = 0.02, 0.25  # seconds every answer waits; what "slow" pages wait on top
FETCH = FetchSettings(allow_loopback=True, min_gap=0.0, per_host=2, workers=32, retries=0)
SETTINGS = SourcesSettings(fetch=FETCH, wayback=WaybackSettings(enabled=False), network_probe=None)


@dataclass(frozen=True, slots=True)
class Size:
    articles: int
    notes: int  # per article
    hosts: int  # ports of 127.0.0.1, one "host" each

    @property
    def label(self) -> str:
        return f"{self.articles}x{self.notes}@{self.hosts}"


@dataclass(frozen=True, slots=True)
class Planned:
    """One generated article: its file, note count and what each cited URL was built to be."""

    path: Path
    notes: int
    urls: dict[str, str]  # url -> kind (one of ORDER)


class CorpusServer:
    """Stdlib threaded server on a few ports for what BenchSite does not serve: pages stating
    facts, redirects, 403s, slow pages and pages whose text changes on every request."""

    def __init__(self, ports: int) -> None:
        self.pages: dict[str, bytes] = {}  # path -> HTML body
        self.hits = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.hits += 1
                time.sleep(DELAY + (SLOW if self.path.startswith("/slow/") else 0.0))
                kind, _, key = self.path.strip("/").partition("/")
                body = owner.pages.get(f"/fact/{key}")
                if kind == "redirect" and body is not None:
                    return self._send(302, b"", [("Location", f"/fact/{key}")])
                if kind == "blocked":
                    return self._send(403, b"<!doctype html><title>Forbidden</title>")
                if kind in ("fact", "slow", "drift") and body is not None:
                    if kind == "drift":  # a new revision each time: drift across runs
                        hit = owner.hits
                        body += f"<p>Revision {hit}: {FILLER['en'][hit % 90 :]}</p>".encode()
                    return self._send(200, body)
                self._send(404, b"<!doctype html><title>Not Found</title>")

            def _send(
                self, status: int, body: bytes, extra: Sequence[tuple[str, str]] = ()
            ) -> None:
                self.send_response(status)
                for name, value in [("Content-Type", "text/html; charset=utf-8"), *extra]:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.servers = [ThreadingHTTPServer((HOST, 0), Handler) for _ in range(ports)]
        for server in self.servers:
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
        self.ports = tuple(int(s.server_address[1]) for s in self.servers)

    def stop(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


def _event(rng: random.Random) -> Event:
    kind = rng.choice(list(KINDS))
    _, low, high, step = KINDS[kind]
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    return Event(
        kind, rng.choice(SUPPLIERS), rng.choice(PARTNERS), day, rng.randrange(low, high + 1, step)
    )


def _page(title: str, facts: Sequence[str], rng: random.Random) -> bytes:
    words = FILLER["en"].split()
    paragraphs = [" ".join(rng.choices(words, k=40)).capitalize() + "." for _ in range(4)]
    paragraphs.insert(1, " ".join(facts))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        f"<article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def write_article(
    path: Path, index: int, notes: int, site: BenchSite, server: CorpusServer, seed: int
) -> Planned:
    """An article of `notes` cited sentences, one note each; web notes cite the two sites."""
    rng = random.Random(seed * 100_003 + index)
    hosts = [*((p, "bench") for p in site.ports), *((p, "corpus") for p in server.ports)]
    lines = [f"Synthetic Article {index}: Cooperation in the Region", "", "Introduction", ""]
    sentences: list[str] = []
    refs: list[str] = []
    urls: dict[str, str] = {}
    for n in range(1, notes + 1):
        event = _event(rng)
        claim = _write_event(event, "en", CLAIM[event.kind])
        sentences.append(claim[:-1] + "." + str(n).translate(SUPERSCRIPTS))
        if n % 10 == 3:
            refs.append(
                f"{n}. Mira Ionescu, *Ports of the Region*, (Bucharest: Fluvial, 2015), p. {n}."
            )
            continue
        if n % 10 == 7:
            refs.append(f"{n}. *T.C. Resmî Gazete*, No. 31559 (August 5, 2021).")
            continue
        kind = ORDER[(len(urls) + index) % len(ORDER)]
        pool = [h for h in hosts if (h[1] == "bench") == (kind in ("plain", "dead"))]
        port = pool[(n + index) % len(pool)][0]
        key = f"{index}-{n}"
        paths = {"plain": f"/page/{key}.html", "dead": f"/dead/{key}.html", "false": f"/fact/{key}"}
        path_part = paths.get(kind, f"/{kind}/{key}")  # a "false" page states a wrong figure
        url = f"http://{HOST}:{port}{path_part}"
        urls[url] = kind
        if kind not in ("plain", "dead"):
            told = event if kind != "false" else dataclasses.replace(event, amount=event.amount * 3)
            fact = _write_event(told, "en", SOURCE["en"][told.kind])
            server.pages[f"/fact/{key}"] = _page(f"Report {key}", [fact], rng)
        refs.append(
            f'{n}. Ana Petrova, "Regional Report {key}," *Regional Herald*, (May 1, 2024), '
            f"retrieved May 9, 2024, from <{url}>."
        )
    for start in range(0, len(sentences), 5):
        lines += [" ".join(sentences[start : start + 5]), ""]
    lines += ["Endnotes", "", *refs, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return Planned(path, notes, urls)


def gather_local(article: Article, archive_dir: Path, now: dt.datetime) -> list[Source]:
    """`stages.gather_sources` restricted to 127.0.0.1: gazette issue pages are not fetched."""
    cited = [c for c in cited_urls(article.notes) if urlsplit(c.url).hostname == HOST]
    with Archive.open(archive_dir) as archive:
        return collect_sources(cited, archive, SETTINGS, now=now, online=True)


@contextlib.contextmanager
def corpus_sites(hosts: int) -> Iterator[tuple[BenchSite, CorpusServer]]:
    """BenchSite on most of the `hosts` ports, CorpusServer on half of them (at least one)."""
    extra = max(1, hosts // 2)
    server = CorpusServer(extra)
    try:
        with BenchSite(hosts=max(1, hosts - extra), urls=1, delay=DELAY, lifetime=600) as site:
            yield site, server
    finally:
        server.stop()


def run_size(size: Size, seed: int = 1) -> dict[str, Any]:
    """Generate the corpus for `size` and run every article through the stages; the figures."""
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds = dict.fromkeys(STAGES, 0.0)
    states: dict[str, int] = {}
    verdicts: dict[str, int] = {}
    urls = claims = notes = 0
    with tempfile.TemporaryDirectory() as tmp, corpus_sites(size.hosts) as (site, server):
        root, now = Path(tmp), dt.datetime.now(dt.UTC)
        planned = [
            write_article(root / f"a{i}.txt", i, size.notes, site, server, seed)
            for i in range(size.articles)
        ]
        for plan in planned:
            t0 = time.perf_counter()
            article = read_article(plan.path)
            t1 = time.perf_counter()
            sources = gather_local(article, root / "archive", now)
            t2 = time.perf_counter()
            checked = check_claims(article, sources) or []
            t3 = time.perf_counter()
            report = check_article(article, sources, now, checked)
            t4 = time.perf_counter()
            write_outputs(report, root / "out" / plan.path.stem)
            t5 = time.perf_counter()
            for stage, took in zip(
                STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True
            ):
                seconds[stage] += took
            notes += len(article.notes)
            urls += len(sources)
            claims += len(checked)
            for source in sources:
                states[str(source.state)] = states.get(str(source.state), 0) + 1
            for check in checked:
                verdicts[str(check.verdict)] = verdicts.get(str(check.verdict), 0) + 1
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base  # KiB on Linux
    return {
        "size": size.label, "articles": size.articles, "notes_per_article": size.notes,
        "hosts": size.hosts, "notes": notes, "urls": urls, "claims": claims,
        **{f"{s}_s": round(t, 3) for s, t in seconds.items()},
        "total_s": round(sum(seconds.values()), 3), "peak_rss_delta_mib": round(peak_kib / 1024, 1),
        "dominant": max(seconds, key=lambda s: seconds[s]), "states": states, "verdicts": verdicts,
    }  # fmt: skip


def run_corpus_benchmark(sizes: Sequence[Size], seed: int = 1) -> list[dict[str, Any]]:
    """Each size in a fresh process, so that its peak RSS is its own."""
    context = multiprocessing.get_context("spawn")
    rows = []
    for size in sizes:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            rows.append(pool.submit(run_size, size, seed).result(timeout=600))
    return rows


AXES = {
    "articles": [Size(1, 50, 20), Size(4, 50, 20), Size(16, 50, 20)],
    "notes": [Size(1, 25, 20), Size(1, 50, 20), Size(1, 100, 20)],
    "hosts": [Size(4, 50, 5), Size(4, 50, 20), Size(4, 50, 50)],
}


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    head = [
        "axis",
        "size",
        "urls",
        "claims",
        *(f"{s}_s" for s in STAGES),
        "total_s",
        "rss_MiB",
        "dominant",
    ]
    keys = [
        "axis",
        "size",
        "urls",
        "claims",
        *(f"{s}_s" for s in STAGES),
        "total_s",
        "peak_rss_delta_mib",
        "dominant",
    ]
    table = [head, *([str(row.get(k, "")) for k in keys] for row in rows)]
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in table)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench_corpus", description=__doc__)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    unique = list(dict.fromkeys(s for sizes in AXES.values() for s in sizes))
    figures = dict(zip(unique, run_corpus_benchmark(unique, args.seed), strict=True))
    rows = [{"axis": axis, **figures[s]} for axis, sizes in AXES.items() for s in sizes]
    settings = {
        "fetch": dataclasses.asdict(FETCH), "server_delay_s": DELAY, "slow_extra_s": SLOW,
        "wayback": False, "network_probe": None, "archive": "fresh temp dir per size",
        "url_kinds_cycle": ORDER, "rss": "ru_maxrss delta in a fresh process per size",
        "size": "articles x notes-per-article @ hosts",
    }  # fmt: skip
    print(format_table(rows))
    print(f"settings: {json.dumps(settings)}")
    if args.json is not None:
        args.json.write_text(json.dumps({"settings": settings, "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
