"""`citewatch review`: serve a run's report.html on 127.0.0.1 and record review decisions.

Routes: `GET /` the report page (its decision buttons appear once it reaches this server);
`GET /api/decisions` the decisions on this report's findings; `POST /api/decisions` with JSON
`{"fingerprint", "decision", "reason"}` records one; `GET /snapshot?url=U[&digest=D]` the main
text of an archived snapshot (the latest, or the one with payload digest D) as plain text, read
from the archive, so nothing is fetched. Only same-origin JSON posts are taken (a page elsewhere
cannot post here), and the Host header must name this server (no DNS rebinding).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pipeline.decisions import DecisionError, DecisionStore
from reports.diff import fingerprint
from sources.archive import Archive
from sources.errors import CitewatchError
from sources.text import extract_text

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
MAX_BODY = 64 * 1024
_PAGE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
_TEXT_CSP = "default-src 'none'; sandbox"
_CARD = re.compile(r'<article class="finding[^"]*" id="f-([0-9a-f]+)"')


class ReviewServer(ThreadingHTTPServer):
    """The review app for one output directory (report.html and report.json in `out`)."""

    daemon_threads = True

    def __init__(
        self,
        out: Path,
        store: DecisionStore,
        archive: Path | None = None,
        port: int = 0,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.out, self.store, self.archive, self.clock = Path(out), store, archive, clock
        self._thread: threading.Thread | None = None
        super().__init__((HOST, port), _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def start(self) -> ReviewServer:
        """Serve from a background thread (tests, or a caller with its own loop)."""
        self._thread = threading.Thread(
            target=self.serve_forever, args=(0.05,), name="citewatch-review"
        )
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def findings(self) -> dict[str, dict[str, Any]]:
        """The findings of report.json by fingerprint (empty when there is none)."""
        try:
            data = json.loads((self.out / "report.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {fingerprint(f): f for f in data.get("findings", [])}

    def fingerprints_on_page(self) -> set[str]:
        """The fingerprints of the findings report.html shows, dismissed ones included."""
        try:
            page = (self.out / "report.html").read_text(encoding="utf-8")
        except OSError:
            return set()
        return set(_CARD.findall(page))


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "citewatch-review"

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {**_PAGE_HEADERS, **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: int, text: str) -> None:
        body = (text + "\n").encode("utf-8")
        self._send(
            status, body, "text/plain; charset=utf-8", **{"Content-Security-Policy": _TEXT_CSP}
        )

    def _json(self, status: int, data: Any) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _host_ok(self) -> bool:
        allowed = {f"{HOST}:{self.server.port}", f"localhost:{self.server.port}"}
        return self.headers.get("Host", "") in allowed

    def do_GET(self) -> None:
        if not self._host_ok():
            return self._text(
                HTTPStatus.MISDIRECTED_REQUEST, "unknown host; use " + self.server.url
            )
        parts = urlsplit(self.path)
        if parts.path in ("/", "/report.html"):
            return self._page()
        if parts.path == "/api/decisions":
            shown = self.server.fingerprints_on_page()
            decided = self.server.store.all().values()
            return self._json(200, [d.to_json() for d in decided if d.fingerprint in shown])
        if parts.path == "/snapshot":
            query = parse_qs(parts.query)
            return self._snapshot(query.get("url", [""])[0], query.get("digest", [""])[0])
        return self._text(HTTPStatus.NOT_FOUND, f"no page {parts.path}; the report is at /")

    do_HEAD = do_GET

    def _page(self) -> None:
        path = self.server.out / "report.html"
        try:
            body = path.read_bytes()
        except OSError:
            why = f"no report at {path}; run `citewatch verify ARTICLE --out {self.server.out}`"
            return self._text(HTTPStatus.NOT_FOUND, why)
        self._send(200, body, "text/html; charset=utf-8")

    def _snapshot(self, url: str, digest: str) -> None:
        if self.server.archive is None:
            return self._text(HTTPStatus.NOT_FOUND, "no archive given; start review with --archive")
        try:
            with Archive.open(self.server.archive) as archive:
                snapshots = [s for s in archive.snapshots(url) if s.status is not None]
                if digest:
                    snapshots = [s for s in snapshots if s.digest == digest]
                if not snapshots:
                    return self._text(HTTPStatus.NOT_FOUND, f"no snapshot of {url} in the archive")
                snapshot = snapshots[-1]
                payload = archive.read_payload(snapshot)
        except CitewatchError as error:
            return self._text(HTTPStatus.SERVICE_UNAVAILABLE, str(error))
        page = extract_text(payload, snapshot.content_type, snapshot.final_url or url)
        fetched = snapshot.fetched_at.strftime("%Y-%m-%d %H:%M UTC")
        head = f"{page.title}\n{url}\nsnapshot of {fetched}, HTTP {snapshot.status}\n\n"
        self._text(200, head + page.text)

    def do_POST(self) -> None:
        if not self._host_ok():
            return self._text(
                HTTPStatus.MISDIRECTED_REQUEST, "unknown host; use " + self.server.url
            )
        if urlsplit(self.path).path != "/api/decisions":
            return self._text(HTTPStatus.NOT_FOUND, "decisions are posted to /api/decisions")
        origin = self.headers.get("Origin")
        if origin is not None and origin.rstrip("/") + "/" != self.server.url:
            return self._text(HTTPStatus.FORBIDDEN, "decisions are taken from the report page only")
        if self.headers.get_content_type() != "application/json":
            return self._text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "post JSON")
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= MAX_BODY:
            return self._text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "a decision is a small JSON")
        try:
            data = json.loads(self.rfile.read(length))
            fp, decision = str(data["fingerprint"]), str(data["decision"])
            reason = str(data.get("reason", ""))
        except (ValueError, KeyError, TypeError):
            return self._text(HTTPStatus.BAD_REQUEST, "post {fingerprint, decision, reason}")
        self._decide(fp, decision, reason)

    def _decide(self, fp: str, decision: str, reason: str) -> None:
        store, now = self.server.store, self.server.clock()
        finding = self.server.findings().get(fp)
        try:
            if finding is not None:
                made = store.record_finding(finding, decision, reason, now)
            elif (earlier := store.get(fp)) is not None:  # a dismissed one, left out of the run
                made = store.record(
                    fp,
                    decision,
                    reason,
                    now,
                    identity=earlier.identity,
                    kind=earlier.kind,
                    summary=earlier.summary,
                )
            else:
                return self._text(HTTPStatus.NOT_FOUND, f"no finding {fp} in this report")
        except DecisionError as error:
            return self._text(HTTPStatus.UNPROCESSABLE_ENTITY, str(error))
        self._json(200, made.to_json())


def serve_review(
    out: Path, store: DecisionStore, archive: Path | None, port: int, say: Callable[[str], None]
) -> None:
    """Serve until interrupted (the `citewatch review` command)."""
    if not (Path(out) / "report.html").is_file():
        raise CitewatchError(f"no report.html in {out}; run `citewatch verify ARTICLE --out {out}`")
    try:
        server = ReviewServer(out, store, archive, port)
    except OSError as exc:
        raise CitewatchError(
            f"cannot listen on {HOST}:{port} ({exc.strerror or exc}); pick another --port"
        ) from exc
    say(f"reviewing {out / 'report.html'} at {server.url} (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        say("stopped")
    finally:
        server.server_close()
