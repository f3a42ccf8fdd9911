"""URL -> FetchResult: one bounded, SSRF-guarded GET (the only module importing requests/urllib3).

One attempt, no retries (crawl and the pipeline retry on `.transient`); redirects followed by hand
so every hop is recorded and re-checked; expected failures are `.error`, never exceptions.
One deadline covers the whole attempt, connect, headers and body: requests' timeouts are per
socket read, so a server sending a header byte every few seconds would never trip them; a
watchdog timer shuts the attempt's sockets down when the deadline passes (`_Watchdog`).
What a URL may resolve or connect to is sources.addresses'; decoding and typing the body is
sources.content's. Library errors are translated here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import math
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.cookies import extract_cookies_to_jar, get_cookie_header
from requests.structures import CaseInsensitiveDict
from requests.utils import check_header_validity
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from sources.addresses import (
    PLAIN_URL,
    FetchStop,
    check_address,
    dns_failure,
    refusal,
    target_url,
)
from sources.content import ACCEPT_ENCODING, inflaters, media_type
from sources.model import FetchError, FetchResult, Hop
from sources.settings import FetchSettings

Session = requests.Session  # for type hints elsewhere, without importing requests there
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
# PLAIN_URL (sources.addresses) is what requests' prepare_url gives back unchanged, unless it
# has a dot segment, which urllib3 removes
_DOT_SEGMENT = re.compile(r"/\.\.?(?:[/?]|$)")
_CHECKED_HEADERS: set[tuple[str, str | bytes]] = set()  # (name, value) pairs requests found valid


class _Deadlines:
    """One daemon thread that fires every attempt's watchdog when its deadline passes.

    A `threading.Timer` per attempt started and joined a thread for every request (about 0.3 ms
    of CPU each, and one more thread contending for the GIL while a crawl runs 100 fetches at
    once). Here an attempt registers its deadline and removes it when it ends; the thread sleeps
    until the earliest one it knows of, so with equal deadlines it wakes about once a deadline.
    (A heap with lazy removal kept every finished attempt until its deadline: the next crawl
    within a minute worked through them, and its first requests started late.)"""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._live: dict[_Watchdog, float] = {}  # attempts in progress -> their deadline
        self._wake = math.inf  # when the thread looks next (no later than the earliest)
        self._thread: threading.Thread | None = None

    def add(self, when: float, watchdog: _Watchdog) -> None:
        with self._cond:
            self._live[watchdog] = when
            thread = self._thread
            if thread is None or not thread.is_alive():  # first use, or a forked child
                thread = threading.Thread(target=self._run, name="citewatch-deadlines")
                thread.daemon = True
                self._thread = thread
                self._wake = when
                thread.start()
            elif when < self._wake:
                self._wake = when
                self._cond.notify()  # the thread sleeps until a later deadline

    def remove(self, watchdog: _Watchdog) -> None:
        with self._cond:
            self._live.pop(watchdog, None)

    def _run(self) -> None:
        while True:
            with self._cond:
                now = time.monotonic()
                due = [watchdog for watchdog, when in self._live.items() if when <= now]
                for watchdog in due:
                    del self._live[watchdog]
                self._wake = min(self._live.values(), default=math.inf)
                if not due:
                    self._cond.wait(None if self._wake == math.inf else self._wake - now)
                    continue
            for watchdog in due:  # outside the lock: firing takes the watchdog's own
                watchdog.fire()


class _Watchdog:
    """The deadline of one attempt, enforced on its sockets.

    When `seconds` pass, the shared deadline thread (`_DEADLINES`) shuts down (not closes: another
    thread is blocked in recv on it) every socket the attempt uses; the blocked read then sees
    the end of the stream, and fetch_url reports TIMEOUT because `fired` is set, whatever error
    or short body that caused. Sockets reach it through `_ATTEMPT`, a thread-local the pool and
    connection hooks read: requests runs the whole attempt in the calling thread."""

    __slots__ = ("_held", "_lock", "_seconds", "finished", "fired")

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self.finished = False
        self._held: list[object] = []  # urllib3 connections and raw sockets
        self._lock = threading.Lock()
        self._seconds = max(0.0, seconds)

    def track(self, held: object) -> None:
        with self._lock:
            self._held.append(held)
            if self.fired:
                _shut(held)

    def fire(self) -> None:
        with self._lock:
            if self.finished:
                return
            self.fired = True
            for held in self._held:
                _shut(held)

    def __enter__(self) -> _Watchdog:
        _ATTEMPT.watchdog = self
        _DEADLINES.add(time.monotonic() + self._seconds, self)
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:  # after this, a late deadline shuts nothing (the sockets may be reused)
            self.finished = True
            self._held.clear()
        _DEADLINES.remove(self)
        _ATTEMPT.watchdog = None


_DEADLINES = _Deadlines()
_ATTEMPT = threading.local()


def _shut(held: object) -> None:
    sock = held if isinstance(held, socket.socket) else getattr(held, "sock", None)
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _watch(held: object) -> None:
    watchdog: _Watchdog | None = getattr(_ATTEMPT, "watchdog", None)
    if watchdog is not None:
        watchdog.track(held)


class _Guard:
    """urllib3 connection mixin: check the address actually connected to (defeats DNS rebinding
    between our own lookup and urllib3's), and put the new socket under the attempt's deadline
    (during a TLS handshake the connection does not hold it yet)."""

    policy = FetchSettings()

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        _watch(sock)
        peer = sock.getpeername()[0]
        reason = refusal(peer, self.policy)
        if reason:
            sock.close()
            raise FetchStop(FetchError.BLOCKED_ADDRESS, f"connected to {peer}, a {reason} address")
        return sock


class _Watched:
    """urllib3 pool mixin: every connection an attempt takes, new or kept alive, is watched."""

    def _get_conn(self, timeout: float | None = None) -> object:
        conn = super()._get_conn(timeout)  # type: ignore[misc]
        _watch(conn)
        return conn


def _guarded_pools(settings: FetchSettings) -> dict[str, type[HTTPConnectionPool]]:
    class GuardedHTTP(_Guard, HTTPConnection):
        policy = settings

    class GuardedHTTPS(_Guard, HTTPSConnection):
        policy = settings

    http = type("GuardedHTTPPool", (_Watched, HTTPConnectionPool), {"ConnectionCls": GuardedHTTP})
    https = type(
        "GuardedHTTPSPool", (_Watched, HTTPSConnectionPool), {"ConnectionCls": GuardedHTTPS}
    )
    return {"http": http, "https": https}


class _Adapter(HTTPAdapter):
    """requests' adapter, less the work this module never uses, through its documented hooks
    for subclasses: no proxy lookup when there are none (sessions ignore the environment and
    fetch_url passes none), no cookie jar per response (_send extracts the cookies into the
    session's jar), no text encoding (the body is read raw) and the response's headers as
    urllib3 read them (case-insensitive already). About 0.1 ms a request on a crawl's one busy
    interpreter thread."""

    def get_connection_with_tls_context(
        self,
        request: requests.PreparedRequest,
        verify: bool | str | None,
        proxies: dict[str, str] | None = None,
        cert: object = None,
    ) -> HTTPConnectionPool:
        if proxies:
            return super().get_connection_with_tls_context(request, verify, proxies, cert)  # type: ignore[arg-type]
        try:  # what the parent does when select_proxy finds none
            host_params, pool_kwargs = self.build_connection_pool_key_attributes(
                request,
                verify,  # type: ignore[arg-type]
                cert,  # type: ignore[arg-type]
            )
        except ValueError as exc:
            raise requests.exceptions.InvalidURL(exc, request=request) from exc
        return self.poolmanager.connection_from_host(**host_params, pool_kwargs=pool_kwargs)  # type: ignore[no-any-return]

    def request_url(self, request: requests.PreparedRequest, proxies: object) -> str:
        return request.path_url if not proxies else super().request_url(request, proxies)  # type: ignore[arg-type]

    def build_response(self, req: requests.PreparedRequest, resp: object) -> requests.Response:
        response = requests.Response()
        response.status_code = getattr(resp, "status", None)  # type: ignore[assignment]
        response.headers = getattr(resp, "headers", CaseInsensitiveDict())
        response.raw = resp
        response.reason = getattr(resp, "reason", None)  # type: ignore[assignment]
        response.url = str(req.url)
        response.request = req
        response.connection = self
        return response


def make_session(settings: FetchSettings) -> requests.Session:
    """A session for up to `settings.workers` threads: honest User-Agent, no retries, and no
    proxies or .netrc from the environment (a proxy would hide the peer from the address guard)."""
    session = requests.Session()
    session.trust_env = False
    session.headers.update(
        {"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING, "Accept": ACCEPT}
    )
    size = max(10, settings.workers)
    adapter = _Adapter(pool_connections=size, pool_maxsize=size, max_retries=0)
    adapter.poolmanager.pool_classes_by_scheme = _guarded_pools(settings)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _retry_after(value: str | None, now: dt.datetime) -> float | None:
    value = (value or "").strip()
    if value.isdecimal():  # not isdigit: "²" is a digit that float() refuses
        return float(value)
    try:
        when = parsedate_to_datetime(value)  # an HTTP-date
    except (TypeError, ValueError):
        return None
    return max(0.0, (when.replace(tzinfo=when.tzinfo or dt.UTC) - now).total_seconds())


def _remaining(settings: FetchSettings, started: float, during: str) -> float:
    left = settings.deadline - (time.monotonic() - started)
    if left <= 0:
        raise FetchStop(
            FetchError.TIMEOUT, f"deadline of {settings.deadline}s passed {during}", True
        )
    return left


def _prepare(
    session: requests.Session, url: str, headers: dict[str, str]
) -> requests.PreparedRequest:
    """What `session.prepare_request` makes of a bodiless GET, for this module's sessions.

    `prepare_request` costs about 0.3 ms a request (merging settings, hooks, auth, the cookie
    jars copied twice, the URL parsed and quoted again, every header checked again), which a
    crawl of 1,000 URLs pays on its one busy interpreter thread: here only what such a session
    holds: its headers, then ours, and its cookies."""
    request = requests.PreparedRequest()
    request.prepare_method("GET")
    plain = PLAIN_URL.fullmatch(url)
    if plain and int(plain["port"] or 80) < 65536 and not _DOT_SEGMENT.search(url):
        request.url = url  # what prepare_url would make of it (tests compare the two)
    else:
        request.prepare_url(url, None)
    merged: CaseInsensitiveDict[str | bytes] = CaseInsensitiveDict(session.headers)
    merged.update(headers)
    for pair in merged.items():  # as prepare_headers checks them, each pair once per process
        if pair not in _CHECKED_HEADERS:
            check_header_validity(pair)
            if len(_CHECKED_HEADERS) > 4096:  # Host varies with the site: keep the memo small
                _CHECKED_HEADERS.clear()
            _CHECKED_HEADERS.add(pair)
    request.headers = merged
    request.body, request.hooks = None, {"response": []}
    if len(session.cookies):
        cookie = get_cookie_header(session.cookies, request)
        if cookie:
            request.headers["Cookie"] = cookie
    return request


def _send(
    session: requests.Session, request: requests.PreparedRequest, settings: FetchSettings, t0: float
) -> requests.Response:
    # the adapter, not session.send, which reads a redirect's whole body with no cap
    left = _remaining(settings, t0, "before connecting")
    timeout = (min(settings.connect_timeout, left), min(settings.read_timeout, left))
    adapter = session.get_adapter(request.url or "")
    response = adapter.send(request, True, timeout, session.verify, session.cert, proxies={})
    sent = response.raw.headers
    if "Set-Cookie" in sent or "Set-Cookie2" in sent:  # what the cookie jar reads, if anything
        extract_cookies_to_jar(session.cookies, request, response.raw)
    return response


def _describe(response: requests.Response) -> dict[str, Any]:
    """The response's fields of a FetchResult."""
    raw, sent = response.raw, response.request.headers
    original = getattr(raw, "_original_response", None)  # http.client's: headers in wire order
    return {
        "status": response.status_code,
        "reason": response.reason or "",
        "http_version": getattr(raw, "version_string", "HTTP/1.1"),
        "request_headers": tuple((name, str(value)) for name, value in sent.items()),
        "headers": tuple(original.msg.items() if original else raw.headers.items()),
        "declared_type": response.headers.get("Content-Type", "").split(";")[0].strip().lower(),
    }


def _read_body(
    response: requests.Response, body: bytearray, settings: FetchSettings, started: float
) -> str:
    """Stream the body into `body`, decoded, within both caps and the deadline; returns a note."""
    length, cap = response.headers.get("Content-Length", ""), settings.max_bytes
    if length.isdecimal() and int(length) > cap:
        raise FetchStop(FetchError.TOO_LARGE, f"Content-Length {length} is over the {cap}-byte cap")
    stages, note = inflaters(response.headers.get("Content-Encoding", ""))
    raw, received = response.raw, 0
    while True:
        left = _remaining(settings, started, "while reading the body")
        sock = getattr(raw.connection, "sock", None)
        if sock is not None:  # so a server dribbling bytes cannot outlast the deadline
            sock.settimeout(min(settings.read_timeout, left))
        try:
            chunk: bytes = raw.read1(_CHUNK, decode_content=False)  # what arrived, not 64 KiB
        except urllib3.exceptions.ReadTimeoutError as exc:
            if left >= settings.read_timeout:
                raise
            raise FetchStop(
                FetchError.TIMEOUT, f"deadline of {settings.deadline}s passed", True
            ) from exc
        if not chunk:
            if note:  # kept as sent: evidence, but not text anyone may read
                raise FetchStop(FetchError.UNDECODABLE, note)
            return note
        received += len(chunk)
        if received > cap:
            raise FetchStop(FetchError.TOO_LARGE, f"body passed the {cap}-byte cap")
        for stage in stages:
            chunk = stage.feed(chunk, settings.max_decoded_bytes)
        body += chunk


def _causes(exc: BaseException) -> list[BaseException]:
    todo: list[object] = [exc]
    found: list[BaseException] = []
    while todo:
        item = todo.pop(0)
        if isinstance(item, BaseException) and item not in found:
            found.append(item)
            todo += [item.__cause__, item.__context__, getattr(item, "reason", None), *item.args]
    return found


_KINDS: list[tuple[tuple[type[BaseException], ...], FetchError, str, bool]] = [
    ((ConnectionRefusedError,), FetchError.CONNECTION, "connection refused", False),
    ((ssl.SSLError, urllib3.exceptions.SSLError), FetchError.CONNECTION, "TLS failed", False),
    ((requests.Timeout, urllib3.exceptions.TimeoutError, TimeoutError), FetchError.TIMEOUT,
     "timed out", True),
    ((requests.exceptions.InvalidURL, ValueError), FetchError.INVALID_URL, "invalid URL", False),
]  # fmt: skip


def _translate(exc: BaseException, host: str) -> FetchStop:
    # NewConnectionError subclasses ConnectTimeoutError in urllib3 2; its cause tells the truth
    chain = [e for e in _causes(exc) if not isinstance(e, urllib3.exceptions.NewConnectionError)]
    for cause in chain:
        if isinstance(cause, FetchStop):
            return cause
        if isinstance(cause, socket.gaierror):
            return dns_failure(host, cause)
    for kinds, error, label, transient in _KINDS:
        if any(isinstance(cause, kinds) for cause in chain):
            return FetchStop(error, f"{label}: {exc}", transient)
    if any(getattr(e, "errno", None) in (errno.ENETUNREACH, errno.ENETDOWN) for e in chain):
        return FetchStop(FetchError.NO_NETWORK, f"network unreachable: {exc}", True)
    return FetchStop(FetchError.CONNECTION, f"connection failed: {exc}", True)  # resets, aborts


_Clock = Callable[[], dt.datetime]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def fetch_url(
    url: str,
    settings: FetchSettings,
    session: requests.Session | None = None,
    now: _Clock = _utcnow,
) -> FetchResult:
    """GET `url` once, following redirects by hand; problems come back in `.error`.

    `session` should come from make_session (it carries the connect-time address guard); one is
    made and closed when none is given. After TOO_LARGE, DECOMPRESSION_BOMB or a TIMEOUT while
    reading, `.body` holds what was decoded before stopping (truncated)."""
    started, fetched_at = time.monotonic(), now()
    # the result's fields as the attempt goes, made into one FetchResult at the end: a
    # dataclasses.replace per step cost about 0.05 ms each on a crawl's one busy thread
    fields: dict[str, Any] = {}
    body, hops, seen = bytearray(), list[Hop](), set[tuple[str, str]]()
    client = session if session is not None else make_session(settings)
    stop: FetchStop | None = None
    with _Watchdog(settings.deadline) as watchdog:
        try:
            current = target_url(url)
            while True:
                fields = {"final_url": current, "hops": tuple(hops)}
                check_address(current, settings)
                headers = {"Host": urlsplit(current).netloc.rpartition("@")[2], "User-Agent":
                           settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING}  # fmt: skip
                prepared = _prepare(client, current, headers)
                key = (current, str(prepared.headers.get("Cookie", "")))
                if key in seen:  # the same request again: a server setting a cookie is no loop
                    raise FetchStop(
                        FetchError.REDIRECT_LOOP, f"{current} requested twice, same cookies"
                    )
                seen.add(key)
                with _send(client, prepared, settings, started) as response:
                    fields |= _describe(response)
                    location = response.headers.get("Location")
                    if response.status_code not in _REDIRECTS or not location:
                        fields["detail"] = _read_body(response, body, settings, started)
                        break
                with contextlib.suppress(UnicodeError):  # header bytes came as latin-1; often UTF-8
                    location = location.encode("latin-1").decode("utf-8")
                target = urljoin(current, location.strip())
                hops.append(Hop(current, response.status_code, target, fields["headers"]))
                fields["hops"] = tuple(hops)
                if len(hops) > settings.max_redirects:
                    raise FetchStop(FetchError.TOO_MANY_REDIRECTS, f"over {settings.max_redirects}")
                current = target_url(hops[-1].location)
        except FetchStop as exc:
            stop = exc
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            stop = _translate(exc, urlsplit(fields.get("final_url", "")).hostname or "the host")
        finally:
            if session is None:
                client.close()
    if watchdog.fired and (
        stop is None or stop.error in (FetchError.CONNECTION, FetchError.TIMEOUT)
    ):
        # the watchdog cut the connection: a reset, an early end of stream or a short body
        during = "while reading the body" if "status" in fields else "before the headers"
        stop = FetchStop(
            FetchError.TIMEOUT, f"deadline of {settings.deadline}s passed {during}", True
        )
    return _finish(url, fetched_at, fields, bytes(body), stop, started, now)


def _finish(
    url: str,
    fetched_at: dt.datetime,
    fields: dict[str, Any],
    body: bytes,
    stop: FetchStop | None,
    started: float,
    now: _Clock,
) -> FetchResult:
    note = fields.pop("detail", "")
    status = fields.get("status") or 0
    wait = None
    if status in (429, 503):
        value = next((v for k, v in fields["headers"] if k.lower() == "retry-after"), None)
        wait = _retry_after(value, now())
    return FetchResult(
        url=url,
        fetched_at=fetched_at,
        **fields,
        body=body,
        content_type=media_type(body, fields.get("declared_type", "")),
        elapsed=time.monotonic() - started,
        error=stop.error if stop else None,
        detail=stop.detail if stop else note,
        transient=stop.transient if stop else status in (408, 429) or status >= 500,
        retry_after=wait,
    )
