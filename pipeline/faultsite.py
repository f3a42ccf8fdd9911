"""A local fault site: one hostile or failing answer per path, for the fault benchmark and tests.

    with FaultSite() as site:
        site.url("/gzip-bomb")          # every path of FAULTS, on 127.0.0.1
        site.urls()                      # all of them, the control page first

`FAULTS` is the whole list (path -> what the server does): decompression bombs, endless and
slow bodies, slow or endless headers, silence, resets, huge and deep pages, repeated text. The
server runs in a child process (`python -m pipeline.faultsite`) so that the memory it spends
building answers never counts as the client's; it stops when the parent closes its stdin.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import os
import random
import select
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

HOST = "127.0.0.1"
CLAIM = "The two ministries signed the port agreement on 12 March 2021 in Vidin."
_PAGE = (
    "<!DOCTYPE html><html><head><title>Port agreement signed</title></head><body><article>"
    f"<h1>Port agreement signed</h1><p>{CLAIM}</p>"
    + "<p>Officials from both sides attended the ceremony at the river port.</p>" * 20
    + "</article></body></html>"
)
# 1 GiB of zeros as brotli (quality 11, window 24): 841 bytes. Made once with the brotli
# package, which citewatch does not depend on (it never asks for or decodes br).
_BROTLI_GIB = base64.b64decode(
    "z///f/gnAOKxQCD3/p/////wTwDEYQGA7v0/////4Z8AiMMiAN37f/7//8M/ARCHBQC69//8//+HfwIgDgsAdO//+f//D/8EQBwWAOje//P//x/+CYA4LADQvf/n//8//BMAcVgAoHv/z///f/gnAOKwAED3/p/////wTwDEYQGA7v0/////4Z8AiMMCAN37f/7//8M/ARCHBQC69//8//+HfwIgDgsAdO//+f//D/8EQBwWAOje//P//x/+CYA4LADQvf/n//8//BMAcVgAoHv/z///f/gnAOKwAED3/p/////wTwDEYQGA7v0/////4Z8AiMMCAN37f/7//8M/ARCHBQC69//8//+HfwIgDgsAdO//+f//D/8EQBwWAOje//P//x/+CYA4LADQvf/n//8//BMAcVgAoHv/z///f/gnAOKwAED3/p/////wTwDEYQGA7v0/////4Z8AiMMCAN37f/7//8M/ARCHBQC69//8//+HfwIgDgsAdO//+f//D/8EQBwWAOje//P//x/+CYA4LADQvf/n//8//BMAcVgAoHv/z///f/gnAOKwAED3/p/////wTwDEYQGA7v0/////4Z8AiMMCAN37f/7//8M/ARCHBQC69//8//+HfwIgDgsAdO//+f//D/8EQBwWAOje//P//x/+CYA4LADQvf/n//8//BMAcVgAoHv/z///f/gnAOKwAED3/p/////wTwDEYQGA7v0/////4Z8AiMMCAN37f/7//8M/ARCHBQC69//8//+HfwIgDgsAdO//+f//D/8EQBwWAOje//P//x/+CYA4LADQvf/n//8//BMAcVgAoHv/z///f/gnAOKwAED3/p/////wTwDEYQGA7v0/////4Z8AiMMCAN37f/7//8M/ARCHBQC69//8//+HfwIgDgsAdO//+f//D/8EQBwWAOje//P//x/+CYA4LADQvf/n//8//BMAcVgAoHv/z///f/gnAOKwAED3/p/////wTwDEYQGA7v0/////4Z8AiMMCAN37f/7//8M/ARCHBQC69//8//+HfwIgDgsAdO//+f//D/8EQBwWAOje//P//x/+CYA4LADQvf/n//8//BMAcVgAoHv/Pw=="
)

_CACHE: dict[str, bytes] = {}  # the costly answers, built on first use

FAULTS: dict[str, str] = {
    "/ok": "a normal article page (the control: its claim is judged)",
    "/gzip-bomb": "1 GiB of zeros gzip-encoded: 64 members of 16 MiB, about 1 MB sent",
    "/gzip-gzip-bomb": "the gzip bomb gzip-encoded again (Content-Encoding: gzip, gzip)",
    "/deflate-bomb": "256 MiB of zeros deflate-encoded, about 256 KB sent",
    "/brotli-bomb": "1 GiB of zeros brotli-encoded, 841 bytes sent",
    "/endless": "a body without length that never ends, as fast as it can be read",
    "/endless-chunked": "a chunked body that never ends",
    "/slow-body": "a body dribbled one byte every half second, forever",
    "/slow-headers": "the headers dribbled one byte every 2 seconds",
    "/endless-headers": "header lines without end",
    "/long-header": "one header line of 8 MB",
    "/silent": "the connection accepted, the request read, nothing ever sent",
    "/huge-length": "Content-Length of a terabyte",
    "/big-html": "a 40 MB HTML page with its length",
    "/big-html-chunked": "a 40 MB HTML page chunked, no length",
    "/reset-mid-body": "a 1 MB body cut by a reset after 100 KB",
    "/nested-divs": "550 KB of nested <div>s, complete",
    "/many-tags": "4 MB of inline elements, complete",
    "/repeated-text": "2 MB of one sentence repeated, as text/plain",
    "/binary-as-html": "4 MB of random bytes said to be text/html",
    "/redirect-loop": "two addresses redirecting to each other",
    "/redirect-chain": "a chain of 30 redirects",
    "/utf16-page": "the normal page in UTF-16 with a byte-order mark",
}


def _gzip_zeros(size: int) -> bytes:
    return gzip.compress(bytes(size), compresslevel=9)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        handler = _ROUTES.get(path)
        try:
            if handler is None:
                self._send(404, b"<html><body>Not found</body></html>")
            else:
                handler(self)
        except OSError:  # the client hung up: that is often the point
            self.close_connection = True

    def _send(self, status: int, body: bytes, kind: str = "text/html", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _head(self, kind: str = "text/html", **headers: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()

    def _cached(self, key: str, make: Callable[[], bytes]) -> bytes:
        if key not in _CACHE:  # two threads may both build it: the same bytes, no harm
            _CACHE[key] = make()
        return _CACHE[key]


def _ok(h: _Handler) -> None:
    h._send(200, _PAGE.encode())


def _gzip_bomb_bytes(h: _Handler) -> bytes:
    return h._cached("gzip", lambda: _gzip_zeros(16 * 2**20) * 64)


def _gzip_bomb(h: _Handler) -> None:
    h._send(200, _gzip_bomb_bytes(h), Content_Encoding="gzip")


def _gzip_gzip_bomb(h: _Handler) -> None:
    body = h._cached("gzip2", lambda: gzip.compress(_gzip_bomb_bytes(h), compresslevel=9))
    h._send(200, body, Content_Encoding="gzip, gzip")


def _deflate_bomb(h: _Handler) -> None:
    h._send(200, h._cached("deflate", lambda: zlib.compress(bytes(256 * 2**20), 9)),
            Content_Encoding="deflate")  # fmt: skip


def _brotli_bomb(h: _Handler) -> None:
    h._send(200, _BROTLI_GIB, Content_Encoding="br")


def _endless(h: _Handler) -> None:
    h._head(Connection="close")
    chunk = b"<p>" + b"more " * 2000 + b"</p>"
    while True:
        h.wfile.write(chunk)


def _endless_chunked(h: _Handler) -> None:
    h._head(Transfer_Encoding="chunked")
    chunk = b"<p>" + b"more " * 2000 + b"</p>"
    while True:
        h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))


def _slow_body(h: _Handler) -> None:
    h._head(Connection="close")
    while True:
        h.wfile.write(b"x")
        h.wfile.flush()
        time.sleep(0.5)


def _slow_headers(h: _Handler) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Slow: y\r\n" * 1000:
        h.wfile.write(bytes([byte]))
        h.wfile.flush()
        time.sleep(2)


def _endless_headers(h: _Handler) -> None:
    h.wfile.write(b"HTTP/1.1 200 OK\r\n")
    while True:
        h.wfile.write(b"X-More: y\r\n" * 100)


def _long_header(h: _Handler) -> None:
    h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Long: " + b"y" * 8_000_000 + b"\r\n\r\n")


def _silent(h: _Handler) -> None:
    time.sleep(3600)


def _huge_length(h: _Handler) -> None:
    h._head(Content_Length=str(10**12))
    while True:
        h.wfile.write(b"x" * 65536)


def _big_page(h: _Handler) -> bytes:
    paragraph = b"<p>Officials from both sides attended the ceremony at the river port.</p>"
    return h._cached("big", lambda: b"<html><body>" + paragraph * (40_000_000 // len(paragraph)))


def _big_html(h: _Handler) -> None:
    h._send(200, _big_page(h))


def _big_html_chunked(h: _Handler) -> None:
    body = _big_page(h)
    h._head(Transfer_Encoding="chunked")
    for at in range(0, len(body), 65536):
        piece = body[at : at + 65536]
        h.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
    h.wfile.write(b"0\r\n\r\n")


def _reset_mid_body(h: _Handler) -> None:
    h._head(Content_Length=str(1_000_000))
    h.wfile.write(b"x" * 100_000)
    h.wfile.flush()
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()  # linger 0: a reset, not a clean end
    h.close_connection = True


def _nested_divs(h: _Handler) -> None:
    depth = 50_000
    body = f"<html><body>{'<div>' * depth}<p>{CLAIM}</p>{'</div>' * depth}</body></html>"
    h._send(200, body.encode())


def _many_tags(h: _Handler) -> None:
    h._send(200, b"<html><body>" + b"<span>a</span>" * 300_000 + b"</body></html>")


def _repeated_text(h: _Handler) -> None:
    line = (CLAIM + " ").encode()
    h._send(200, line * (2_000_000 // len(line)), kind="text/plain; charset=utf-8")


def _binary_as_html(h: _Handler) -> None:
    noise = h._cached("noise", lambda: random.Random(18).randbytes(4_000_000))
    h._send(200, noise)


def _redirect(target: str) -> Callable[[_Handler], None]:
    def answer(h: _Handler) -> None:
        h.send_response(302)
        h.send_header("Location", target)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return answer


def _utf16_page(h: _Handler) -> None:
    h._send(200, _PAGE.encode("utf-16"), kind="text/html; charset=utf-16")


_ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/ok": _ok,
    "/gzip-bomb": _gzip_bomb,
    "/gzip-gzip-bomb": _gzip_gzip_bomb,
    "/deflate-bomb": _deflate_bomb,
    "/brotli-bomb": _brotli_bomb,
    "/endless": _endless,
    "/endless-chunked": _endless_chunked,
    "/slow-body": _slow_body,
    "/slow-headers": _slow_headers,
    "/endless-headers": _endless_headers,
    "/long-header": _long_header,
    "/silent": _silent,
    "/huge-length": _huge_length,
    "/big-html": _big_html,
    "/big-html-chunked": _big_html_chunked,
    "/reset-mid-body": _reset_mid_body,
    "/nested-divs": _nested_divs,
    "/many-tags": _many_tags,
    "/repeated-text": _repeated_text,
    "/binary-as-html": _binary_as_html,
    "/redirect-loop": _redirect("/redirect-loop-2"),
    "/redirect-loop-2": _redirect("/redirect-loop"),
    "/redirect-chain": _redirect("/redirect-chain/1"),
    **{f"/redirect-chain/{i}": _redirect(f"/redirect-chain/{i + 1}") for i in range(1, 30)},
    "/utf16-page": _utf16_page,
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up on hostile answers is the point, not news


class FaultSite:
    """The fault site in a child process, as a context manager."""

    def __init__(self) -> None:
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> FaultSite:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        self._process = subprocess.Popen(  # own session: a Ctrl-C reaches the parent only
            [sys.executable, "-m", "pipeline.faultsite"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
        assert self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], 30)
        line = self._process.stdout.readline() if ready else b""
        if not line.strip().isdigit():
            self.__exit__(None, None, None)
            raise RuntimeError("the fault site did not start")
        self.port = int(line)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(OSError):
            assert process.stdin is not None
            process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def urls(self) -> list[str]:
        return [self.url(path) for path in FAULTS]


def main() -> None:
    """Serve until stdin closes (the parent went away); print the port first."""
    server = _Server((HOST, 0), _Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.buffer.read()
    server.shutdown()


if __name__ == "__main__":
    main()
