"""The fetch benchmark's site and harness, on a small site: correctness only, never timings."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pipeline.bench_fetch import (
    LINKCHECKER_ENV,
    SKIPPED,
    find_linkchecker,
    ideal_seconds,
    linkchecker_version,
    parse_linkchecker_csv,
    run_fetch_benchmark,
)
from pipeline.benchsite import BenchSite, is_dead, plan_urls

REPO = Path(__file__).resolve().parents[2]
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, no proxy


def _status(url: str) -> int:
    try:
        with _OPENER.open(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def _refuses(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_plan_spreads_urls_over_hosts_with_an_even_dead_share() -> None:
    urls = plan_urls([1001, 1002, 1003, 1004], 40, 0.1)
    assert len(set(urls)) == 40
    for port in (1001, 1002, 1003, 1004):
        mine = [u for u in urls if f":{port}/" in u]
        assert len(mine) == 10
        assert sum(is_dead(u) for u in mine) == 1


def test_ideal_time_is_the_slowest_host_in_batches_of_the_cap() -> None:
    urls = [f"http://127.0.0.1:{8000 + i % 4}/p/{i}" for i in range(40)]
    assert ideal_seconds(urls, per_host=2, delay=0.1) == pytest.approx(0.5)
    assert ideal_seconds(urls[:3], per_host=2, delay=0.1) == pytest.approx(0.1)
    assert ideal_seconds([*urls[:4], "http://127.0.0.1:8000/extra"], 2, 0.1) == pytest.approx(0.1)
    assert ideal_seconds([*urls[:8], "http://127.0.0.1:8000/extra"], 2, 0.1) == pytest.approx(0.2)


def test_site_answers_dead_paths_404_and_counts_concurrency_per_port() -> None:
    with BenchSite(hosts=2, urls=20, dead_share=0.1, delay=0.3) as site:
        dead = next(u for u in site.urls if is_dead(u))
        alive = next(u for u in site.urls if not is_dead(u) and f":{site.ports[0]}/" in u)
        assert (_status(dead), _status(alive)) == (404, 200)
        site.stats(reset=True)
        start = threading.Barrier(3)
        statuses: list[int] = []

        def fetch() -> None:
            start.wait(10)
            statuses.append(_status(alive))

        threads = [threading.Thread(target=fetch) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        stats = site.stats()
        assert statuses == [200, 200, 200]
        assert (stats[site.ports[0]].served, stats[site.ports[0]].peak) == (3, 3)
        assert (stats[site.ports[1]].served, stats[site.ports[1]].peak) == (0, 0)
        with _OPENER.open(site.index_url, timeout=10) as response:
            index = response.read().decode()
        assert all(f'href="{u}"' in index for u in site.urls)


def test_site_shuts_down_and_frees_its_ports() -> None:
    with BenchSite(hosts=3, urls=6, delay=0.01) as site:
        assert site.alive
        ports = site.ports
    assert not site.alive
    assert all(_refuses(port) for port in ports)


def test_site_stops_when_the_process_that_started_it_is_killed() -> None:
    script = (
        "import sys, time; from pipeline.benchsite import BenchSite\n"
        "site = BenchSite(hosts=2, urls=4, delay=0.01).start()\n"
        "print(*site.ports, flush=True); time.sleep(60)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    try:
        assert parent.stdout is not None
        ports = [int(p) for p in parent.stdout.readline().split()]
        assert ports and not any(_refuses(port) for port in ports)
    finally:
        parent.kill()
        parent.wait(10)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not all(_refuses(port) for port in ports):
        time.sleep(0.1)
    assert all(_refuses(port) for port in ports)


def test_benchmark_keeps_the_per_host_cap_and_gets_every_verdict_right() -> None:
    figures = run_fetch_benchmark(urls=40, hosts=4, delay=0.02, per_host=2, linkchecker=False)
    assert figures["served"] == 40
    assert figures["dead"] == 4
    assert 1 <= figures["peak_per_host"] <= 2
    assert figures["cap_honoured"]
    assert figures["verdict_errors"] == []
    assert figures["linkchecker"] == "skipped: not asked"
    assert {"ideal_s", "citewatch_s", "ratio_to_ideal", "cores"} <= figures.keys()


def test_linkchecker_csv_gives_each_linked_url_its_validity() -> None:
    text = (
        "# created by LinkChecker\n"
        "urlname;parentname;base;result;warningstring;infostring;valid;url;line;column;name;"
        "dltime;size;checktime;cached;level;modified\n"
        "http://127.0.0.1:1/__index.html;;;200 OK;;;True;http://127.0.0.1:1/__index.html;;;;0;1;0.1;0;0;\n"
        "http://127.0.0.1:2/page/0.html;http://127.0.0.1:1/__index.html;;200 OK;;;True;"
        "http://127.0.0.1:2/page/0.html;2;5;x;0;100;0.1;0;1;\n"
        "http://127.0.0.1:2/dead/9.html;http://127.0.0.1:1/__index.html;;404 Not Found;;;False;"
        "http://127.0.0.1:2/dead/9.html;3;5;x;0;39;0.1;0;1;\n"
        "# Stopped checking at 2026-01-01 00:00:00+000 (1 seconds)\n"
    )
    assert parse_linkchecker_csv(text) == {
        "http://127.0.0.1:1/__index.html": True,
        "http://127.0.0.1:2/page/0.html": True,
        "http://127.0.0.1:2/dead/9.html": False,
    }


@pytest.mark.slow
def test_linkchecker_and_citewatch_agree_on_every_url() -> None:
    if find_linkchecker() is None:
        pytest.skip(SKIPPED.removeprefix("skipped: "))
    figures = run_fetch_benchmark(urls=40, hosts=4, delay=0.02, per_host=2)
    assert figures["verdict_mismatches"] == []
    assert figures["verdicts_agree"] == 40
    assert figures["linkchecker_served"] == 40


def test_linkchecker_is_found_where_citewatch_linkchecker_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = tmp_path / "venv-of-its-own" / "linkchecker"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\necho 'LinkChecker 0.0 (test)'\n", encoding="utf-8")
    exe.chmod(0o755)
    monkeypatch.setenv(LINKCHECKER_ENV, str(exe))
    assert find_linkchecker() == exe
    assert linkchecker_version(exe) == "LinkChecker 0.0 (test)"
    exe.chmod(0o644)  # named, but not executable: an error, not a silent skip
    with pytest.raises(RuntimeError, match=LINKCHECKER_ENV):
        find_linkchecker()
    monkeypatch.setenv(LINKCHECKER_ENV, str(tmp_path / "missing"))
    figures = run_fetch_benchmark(urls=4, hosts=2, delay=0.0, per_host=1)
    assert LINKCHECKER_ENV in figures["linkchecker"] and figures["verdict_errors"] == []
