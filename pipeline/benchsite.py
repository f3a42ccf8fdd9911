"""A local benchmark site: N ports of 127.0.0.1 answering after a fixed delay, in its own process.

    with BenchSite(hosts=50, urls=1000, dead_share=0.1, delay=0.1) as site:
        site.urls        # the planned URLs, hosts interleaved; paths under /dead/ answer 404
        site.index_url   # a page linking every planned URL, for link checkers that crawl
        site.stats(reset=True)  # {port: PortStats}, then zeroed for the next run

Each port is one "host" for politeness (crawlers key hosts on hostname:port). A stdlib asyncio
HTTP/1.1 server with keep-alive runs in a child process (`python -m pipeline.benchsite`), off the
client's GIL. Control paths under `/__` (`/__index.html`, `/__stats`) answer at once, uncounted;
any other request waits `delay` seconds, gets a small HTML page (a 404 under `/dead/`) and counts
in its port's figures. The child stops on `stop()`, when the parent goes away (its stdin closes)
or after `lifetime` seconds, whichever comes first: it never outlives the benchmark.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import os
import select
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class PortStats:
    """One port's (one host's) requests answered, most held at once, and when the first came and
    the last left (the child's monotonic clock: only differences mean anything)."""

    port: int
    served: int
    peak: int
    first: float | None = None
    last: float | None = None


def plan_urls(ports: Sequence[int], count: int, dead_share: float) -> tuple[str, ...]:
    """`count` URLs spread round-robin over `ports`; an even `dead_share` of each host's are dead.

    Dead ones are picked by rank in host-major order (host 0's URLs first), so with 20 URLs per
    host and a share of 0.1 every host has exactly two dead URLs."""
    n = len(ports)
    per_port = [count // n + (1 if h < count % n else 0) for h in range(n)]
    before = [sum(per_port[:h]) for h in range(n)]
    urls: list[str] = []
    for i in range(count):
        host, k = i % n, i // n
        rank = before[host] + k
        dead = int((rank + 1) * dead_share) > int(rank * dead_share)
        urls.append(f"http://{HOST}:{ports[host]}/{'dead' if dead else 'page'}/{i}.html")
    return tuple(urls)


def is_dead(url: str) -> bool:
    """Whether the site answers `url` with 404."""
    return "/dead/" in url


def _response(status: int, kind: str, body: bytes, keep: bool, head_only: bool) -> bytes:
    head = [
        f"HTTP/1.1 {status} {'OK' if status == 200 else 'Not Found'}",
        f"Content-Type: {kind}",
        f"Content-Length: {len(body)}",
        f"Connection: {'keep-alive' if keep else 'close'}",
        # LinkChecker holds a host to 10 requests/s at most unless the server sends this header
        "LinkChecker: benchmark",
    ]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + (b"" if head_only else body)


@dataclass(slots=True)
class _Counters:
    in_flight: int = 0
    peak: int = 0
    served: int = 0
    first: float | None = None
    last: float | None = None


class _Server:
    """The child's state: per-port counters and the request handler."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.index = b""
        self.ports: dict[int, _Counters] = {}
        self.writers: set[asyncio.StreamWriter] = set()

    def stats(self, reset: bool = False) -> list[tuple[int, int, int, float | None, float | None]]:
        rows = [(p, c.served, c.peak, c.first, c.last) for p, c in self.ports.items()]
        if reset:  # requests still in flight stay counted in the next peak
            for port, c in self.ports.items():
                self.ports[port] = _Counters(in_flight=c.in_flight, peak=c.in_flight)
        return rows

    async def answer(self, port: int, target: str) -> tuple[int, str, bytes]:
        path, _, query = target.partition("?")
        if path == "/__index.html":
            return 200, "text/html; charset=utf-8", self.index
        if path == "/__stats":
            rows = self.stats(reset=query == "reset=1")
            names = ("served", "peak", "first", "last")
            data = {str(row[0]): dict(zip(names, row[1:], strict=True)) for row in rows}
            return 200, "application/json", json.dumps(data).encode()
        loop, counters = asyncio.get_running_loop(), self.ports[port]
        counters.first = loop.time() if counters.first is None else counters.first
        counters.in_flight += 1
        counters.peak = max(counters.peak, counters.in_flight)
        try:
            await asyncio.sleep(self.delay)
        finally:
            counters = self.ports[port]  # a reset may have replaced them meanwhile
            counters.in_flight -= 1
            counters.served += 1
            counters.last = loop.time()
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nDisallow:\n"
        if path.startswith("/dead/"):
            return 404, "text/html; charset=utf-8", b"<!doctype html><title>Not Found</title>"
        title = html.escape(path)
        page = f"<!doctype html><html><head><title>{title}</title></head><body><p>{title}</p>"
        return 200, "text/html; charset=utf-8", (page + "</body></html>").encode()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        port = int(writer.get_extra_info("sockname")[1])
        self.writers.add(writer)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                request = lines[0].split(" ")
                headers = {
                    name.strip().lower(): value.strip()
                    for name, _, value in (line.partition(":") for line in lines[1:] if line)
                }
                if len(request) != 3 or not request[2].startswith("HTTP/1."):
                    writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                    return
                method, target, version = request
                length = headers.get("content-length", "0")
                if length.isdecimal() and int(length):
                    await reader.readexactly(int(length))
                connection = headers.get("connection", "").lower()
                keep = connection != "close" and (
                    version == "HTTP/1.1" or connection == "keep-alive"
                )
                status, kind, body = await self.answer(port, target)
                writer.write(_response(status, kind, body, keep, method == "HEAD"))
                await writer.drain()
                if not keep:
                    return
        except ConnectionError:
            return
        finally:
            self.writers.discard(writer)
            writer.close()


async def _serve(hosts: int, urls: int, dead_share: float, delay: float, lifetime: float) -> None:
    server = _Server(delay)
    servers: list[asyncio.Server] = []
    for _ in range(hosts):
        listener = await asyncio.start_server(server.handle, HOST, 0, backlog=1024, limit=16384)
        server.ports[int(listener.sockets[0].getsockname()[1])] = _Counters()
        servers.append(listener)
    ports = list(server.ports)
    links = "\n".join(f'<li><a href="{u}">{u}</a></li>' for u in plan_urls(ports, urls, dead_share))
    server.index = f"<!doctype html><title>index</title><ul>\n{links}\n</ul>".encode()
    done, pending = asyncio.Event(), bytearray()

    def reply(data: object) -> None:
        sys.stdout.write(json.dumps(data) + "\n")
        sys.stdout.flush()

    def on_input() -> None:  # one command a line: stats, reset, stop; EOF: the parent is gone
        chunk = os.read(0, 4096)
        pending.extend(chunk)
        while b"\n" in pending:
            line, _, rest = bytes(pending).partition(b"\n")
            pending[:] = rest
            if line.strip() in (b"stats", b"reset"):
                reply(server.stats(reset=line.strip() == b"reset"))
            else:
                done.set()
        if not chunk:
            done.set()

    loop = asyncio.get_running_loop()
    loop.add_reader(0, on_input)
    reply(ports)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), lifetime)
    loop.remove_reader(0)
    for listener in servers:
        listener.close()
    for writer in list(server.writers):
        writer.close()
    await asyncio.gather(*(listener.wait_closed() for listener in servers))


class BenchSite:
    """Start/stop handle of the site's process (`python -m pipeline.benchsite`); a context
    manager. The parent speaks to it over the child's stdin and stdout."""

    def __init__(
        self,
        hosts: int = 50,
        urls: int = 1000,
        dead_share: float = 0.1,
        delay: float = 0.1,
        lifetime: float = 600.0,
    ) -> None:
        self.settings = (hosts, urls, dead_share, delay, lifetime)
        self.ports: tuple[int, ...] = ()
        self.urls: tuple[str, ...] = ()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def index_url(self) -> str:
        return f"http://{HOST}:{self.ports[0]}/__index.html"

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> BenchSite:
        root = str(Path(__file__).resolve().parents[1])  # importable even when not installed
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
        }
        command = [sys.executable, "-m", "pipeline.benchsite", *map(str, self.settings)]
        # its own process group, so a Ctrl-C reaches the parent only; but the parent's session,
        # not a new one: Linux schedules each session as its own group (autogroup), and a site
        # in another group than the crawler it serves waits behind every other session's load,
        # whatever priority the timed run's own group was given
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, process_group=0
        )
        try:
            self.ports = tuple(self._ask(None, timeout=30))
        except BaseException:
            self.stop()
            raise
        self.urls = plan_urls(self.ports, self.settings[1], self.settings[2])
        return self

    def _ask(self, command: str | None, timeout: float = 10) -> Any:
        # one line out, one line back: nothing is ever left in stdout's buffer to fool select
        process = self._process
        if process is None or process.stdin is None or process.stdout is None:
            raise RuntimeError("the benchmark site is not running")
        if command is not None:
            process.stdin.write(command.encode() + b"\n")
            process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], timeout)
        line = process.stdout.readline() if ready else b""
        if not line:
            raise RuntimeError(
                f"the benchmark site did not answer {command or 'start'!r} "
                f"within {timeout} s (exit status {process.poll()})"
            )
        return json.loads(line)

    def stats(self, reset: bool = False) -> dict[int, PortStats]:
        """Per-port counters since the start or the last reset; `reset` zeroes them after."""
        rows = self._ask("reset" if reset else "stats")
        return {row[0]: PortStats(*row) for row in rows}

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(OSError):
            if process.stdin is not None:
                process.stdin.close()  # EOF: the child closes its ports and exits
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        if process.stdout is not None:
            process.stdout.close()

    def __enter__(self) -> BenchSite:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


if __name__ == "__main__":  # the child: HOSTS URLS DEAD_SHARE DELAY LIFETIME
    hosts, urls, share, delay, lifetime = sys.argv[1:6]
    asyncio.run(_serve(int(hosts), int(urls), float(share), float(delay), float(lifetime)))
