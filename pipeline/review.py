"""`citewatch review`: serve a run's report.html on 127.0.0.1 and record review decisions.

Routes: `GET /` the report page (its decision buttons appear once it reaches this server);
`GET /api/decisions` the decisions on this report's findings; `POST /api/decisions` with JSON
`{"fingerprint", "decision", "reason", "reviewer"}` records one; `POST /api/decisions/bulk`
with `{"fingerprints": [...], ...}` records one decision on many; `POST /api/undo` takes back
the last decision (or bulk decision) made through this server. Each decision also rewrites the
"decisions" of report.json. `GET /snapshot?url=U[&digest=D][&start=S&end=E]` the main text of
an archived snapshot (the latest, or the one with payload digest D) as an escaped HTML page
with characters S-E marked (the passage a claim was matched to) and, from report.json, every
fact of the claims matched to that passage that was found (or found different) in this source,
inside the passage or paragraphs away from it; read from the archive, so nothing is
fetched. `GET /page.png?n=N&text=T` page N of a PDF article as printed, with the
sentence T outlined (only while the article file is the one the report was made from). Only
same-origin JSON posts are taken (a page elsewhere cannot post here), and the Host header
must name this server (no DNS rebinding).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from claims.readers.pdf import render_page
from pipeline.decisions import Decision, DecisionError, DecisionStore
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
_CARD = re.compile(r'<article class="item finding" id="f-([0-9a-f]+)"')
MAX_UNDO = 200


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
        # What each decision replaced, newest last: (fingerprint, the decision before or None).
        self.undo: list[list[tuple[str, Decision | None]]] = []
        self.lock = threading.Lock()
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

    def fact_spans(self, url: str, start: int, end: int) -> list[FactSpan]:
        """The facts report.json places in `url`'s text for the claims whose passage is
        `start:end` of it: found or found different, in the passage or elsewhere on the page."""
        try:
            data = json.loads((self.out / "report.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        spans = []
        for claim in data.get("claims", []):
            evidence = claim.get("evidence") or {}
            if evidence.get("source") != url or evidence.get("offsets") != [start, end]:
                continue
            for fact in evidence.get("facts", []):
                span = fact.get("source_span")
                if fact.get("source") != url or not span or fact.get("status") == "missing":
                    continue
                spans.append(
                    FactSpan(span[0], span[1], str(fact.get("status")), str(fact.get("fact")))
                )
        return sorted(set(spans))

    def sync_report(self) -> None:
        """Write the decisions on this report's findings into report.json's "decisions"."""
        path = self.out / "report.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        shown = self.fingerprints_on_page() | set(self.findings())
        data["decisions"] = [
            d.to_json() for d in self.store.all().values() if d.fingerprint in shown
        ]
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)


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
        if parts.path == "/page.png":
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            return self._page_image(query.get("n", ""), query.get("text", ""))
        if parts.path == "/snapshot":
            query = parse_qs(parts.query)
            first = {k: v[0] for k, v in query.items()}
            return self._snapshot(
                first.get("url", ""), first.get("digest", ""), first.get("start"), first.get("end")
            )
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

    def _page_image(self, number: str, text: str) -> None:
        try:
            data = json.loads((self.server.out / "report.json").read_text(encoding="utf-8"))
            article = data["article"]
            path, digest = Path(article["path"]), str(article["sha256"])
            page = int(number)
        except (OSError, ValueError, KeyError, TypeError):
            return self._text(HTTPStatus.NOT_FOUND, "no PDF article behind this report")
        if article.get("format") != "pdf":
            return self._text(HTTPStatus.NOT_FOUND, "the article is not a PDF; it has no pages")
        try:
            now = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return self._text(HTTPStatus.NOT_FOUND, f"the article {path} is not there any more")
        if now != digest:
            return self._text(
                HTTPStatus.CONFLICT, f"{path} changed since this report; verify again"
            )
        try:
            png = render_page(path, page, text[:600])
        except ValueError as error:
            return self._text(HTTPStatus.NOT_FOUND, str(error))
        except CitewatchError as error:
            return self._text(HTTPStatus.SERVICE_UNAVAILABLE, str(error))
        self._send(200, png, "image/png", **{"Cache-Control": "private, max-age=600"})

    def _snapshot(self, url: str, digest: str, start: str | None, end: str | None) -> None:
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
        if start is None or end is None:
            return self._text(200, head + page.text)
        self._marked(head, page.text, url, start, end)

    def _marked(self, head: str, text: str, url: str, start: str, end: str) -> None:
        """The snapshot's text as an escaped HTML page, characters start-end marked, and the
        facts report.json found in this text for the claims matched there."""
        try:
            a, b = int(start), int(end)
        except ValueError:
            return self._text(HTTPStatus.BAD_REQUEST, "start and end are character offsets")
        facts = [f for f in self.server.fact_spans(url, a, b) if 0 <= f.start < f.end <= len(text)]
        if not 0 <= a < b <= len(text):
            a = b = 0  # the passage is not in this copy: show the text unmarked
            facts = []
        outside = sum(not (a <= f.start and f.end <= b) for f in facts)
        legend = ""
        if facts:
            items = "".join(
                f'<li><a href="#fact-{i}">{html.escape(f.fact)}</a>: {html.escape(f.status)}'
                f"{'' if a <= f.start and f.end <= b else ' (outside the passage)'}</li>"
                for i, f in enumerate(_first_of_overlaps(facts))
            )
            legend = (
                f"<p>Facts of the claim in this text: {len(facts)}, {outside} outside the "
                f"marked passage.</p><ul>{items}</ul>"
            )
        page = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(head.splitlines()[0] or 'snapshot')}</title>"
            f"<style>{_MARK_STYLE}</style></head><body><main>{legend}"
            '<pre style="white-space:pre-wrap">'
            f"{html.escape(head)}{_marked_text(text, a, b, facts)}</pre></main></body></html>"
        )
        csp = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
        self._send(
            200,
            page.encode("utf-8"),
            "text/html; charset=utf-8",
            **{"Content-Security-Policy": csp},
        )

    def do_POST(self) -> None:
        if not self._host_ok():
            return self._text(
                HTTPStatus.MISDIRECTED_REQUEST, "unknown host; use " + self.server.url
            )
        route = urlsplit(self.path).path
        if route not in ("/api/decisions", "/api/decisions/bulk", "/api/undo"):
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
            if route == "/api/undo":
                return self._undo()
            fps = data["fingerprints"] if route.endswith("/bulk") else [data["fingerprint"]]
            if not isinstance(fps, list) or not fps:
                raise TypeError("fingerprints")
            decision = str(data["decision"])
            reason, reviewer = str(data.get("reason", "")), str(data.get("reviewer", ""))
        except (ValueError, KeyError, TypeError):
            return self._text(
                HTTPStatus.BAD_REQUEST, "post {fingerprint, decision, reason, reviewer}"
            )
        with self.server.lock:
            made = self._decide([str(fp) for fp in fps], decision, reason, reviewer)
        if made is None:
            return None
        self.server.sync_report()
        self._json(
            200, made[0].to_json() if route == "/api/decisions" else [d.to_json() for d in made]
        )

    def _decide(
        self, fps: list[str], decision: str, reason: str, reviewer: str
    ) -> list[Decision] | None:
        """Record one decision on each of `fps` (all or none); None when an error was sent."""
        store, now = self.server.store, self.server.clock()
        findings = self.server.findings()
        missing = [fp for fp in fps if fp not in findings and store.get(fp) is None]
        if missing:
            self._text(HTTPStatus.NOT_FOUND, f"no finding {missing[0]} in this report")
            return None
        before = [(fp, store.get(fp)) for fp in fps]
        made = []
        try:
            for fp in fps:
                finding = findings.get(fp)
                if finding is not None:
                    made.append(store.record_finding(finding, decision, reason, now, reviewer))
                else:  # a dismissed one, left out of the run: its earlier decision names it
                    earlier = dict(before).get(fp)
                    made.append(
                        store.record(
                            fp,
                            decision,
                            reason,
                            now,
                            identity=earlier.identity if earlier else "",
                            kind=earlier.kind if earlier else "",
                            summary=earlier.summary if earlier else "",
                            reviewer=reviewer,
                        )
                    )
        except DecisionError as error:
            for fp, old in before[: len(made)]:
                store.restore(fp, old)
            self._text(HTTPStatus.UNPROCESSABLE_ENTITY, str(error))
            return None
        self.server.undo.append(before)
        del self.server.undo[:-MAX_UNDO]
        return made

    def _undo(self) -> None:
        """Put back what the last decision replaced; answer with the restored states."""
        with self.server.lock:
            if not self.server.undo:
                return self._json(200, [])
            last = self.server.undo.pop()
            for fp, old in last:
                self.server.store.restore(fp, old)
        self.server.sync_report()
        self._json(
            200,
            [old.to_json() if old else {"fingerprint": fp, "decision": None} for fp, old in last],
        )


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


@dataclass(frozen=True, slots=True, order=True)
class FactSpan:
    """A fact of a claim where report.json places it in a source's text."""

    start: int
    end: int
    status: str  # "found" or "different"
    fact: str  # the fact as the article prints it


_MARK_STYLE = (
    "mark.fact{outline:2px solid #333;background:#cfc}mark.fact-different{background:#fcc}"
)


def _first_of_overlaps(facts: list[FactSpan]) -> list[FactSpan]:
    """`facts` in text order without overlaps: of two that overlap, the first is kept."""
    kept: list[FactSpan] = []
    for fact in sorted(facts):
        if not kept or fact.start >= kept[-1].end:
            kept.append(fact)
    return kept


def _marked_text(text: str, a: int, b: int, facts: list[FactSpan]) -> str:
    """`text` escaped, `a:b` in `<mark id="passage">` (none when b is 0), each fact in its own
    `<mark class="fact ...">` (cut at the passage's edges, so the marks nest)."""
    kept = _first_of_overlaps(facts)
    points = sorted({0, len(text), a, b, *(f.start for f in kept), *(f.end for f in kept)})
    out: list[str] = []
    named: set[int] = set()
    for lo, hi in pairwise(points):
        if b and lo == a:
            out.append('<mark id="passage">')
        piece = html.escape(text[lo:hi])
        at = next((i for i, f in enumerate(kept) if f.start <= lo and hi <= f.end), None)
        if at is not None:
            fact = kept[at]
            anchor = f' id="fact-{at}"' if at not in named else ""
            named.add(at)
            title = html.escape(f"{fact.fact}: {fact.status}", quote=True)
            status = html.escape(fact.status, quote=True)
            piece = f'<mark class="fact fact-{status}"{anchor} title="{title}">{piece}</mark>'
        out.append(piece)
        if b and hi == b:
            out.append("</mark>")
    return "".join(out)
