"""A real HTTP server on 127.0.0.x for tests: routes answer with fixed responses or by hand.

    with LocalSite() as site:
        site.add("/page", body=b"<html>...</html>", headers={"Content-Type": "text/html"})
        site.add("/old", status=301, headers={"Location": "/page"})
        site.add_handler("/slow", lambda h: (time.sleep(5), h.send_response(200)))
        url = site.url("/page")

Every request is counted per path (`site.hits`), so tests can show nothing was fetched twice.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

Handler = Callable[[BaseHTTPRequestHandler], object]


@dataclass
class _Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    handler: Handler | None = None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


class LocalSite:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, _Route] = {}
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        site = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def _serve(self, with_body: bool) -> None:
                path = urlsplit(self.path).path
                with site._lock:
                    site.hits[path] += 1
                route = site.routes.get(path) or site.routes.get("*")
                if route is None:
                    route = _Route(
                        404,
                        b"<html><body><h1>Not Found</h1></body></html>",
                        {"Content-Type": "text/html"},
                    )
                if route.handler is not None:
                    route.handler(self)
                    return
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if with_body:
                    self.wfile.write(route.body)

            def do_GET(self) -> None:
                self._serve(True)

            def do_HEAD(self) -> None:
                self._serve(False)

        self._server = _Server((host, 0), RequestHandler)
        self.host = host
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LocalSite:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = _Route(status, data, dict(headers or {}))
        return self.url(path)

    def add_handler(self, path: str, handler: Handler) -> str:
        self.routes[path] = _Route(handler=handler)
        return self.url(path)
