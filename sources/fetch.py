"""URL -> FetchResult: one bounded, SSRF-guarded GET (the only module importing requests/urllib3).

One attempt, no retries (crawl and the pipeline retry on `.transient`); redirects followed by hand
so every hop is recorded and re-checked; expected failures are `.error`, never exceptions.
DNS, as glibc reports it: EAI_NONAME/EAI_NODATA/EAI_FAIL (no such name or address, or a
non-recoverable answer) -> DNS. EAI_AGAIN and the rest -> NO_NETWORK (transient): the OS does
not say whether the resolver is unreachable or only the name's own servers are failing, so
neither case is taken as evidence against the link. `.invalid` names fail without a lookup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import ipaddress
import json
import re
import socket
import ssl
import time
import zlib
from collections.abc import Callable
from dataclasses import replace
from email.utils import parsedate_to_datetime
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import idna
import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.cookies import extract_cookies_to_jar
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from sources.model import FetchError, FetchResult, Hop
from sources.settings import FetchSettings

Session = requests.Session  # for type hints elsewhere, without importing requests there
ACCEPT_ENCODING = "gzip, deflate"  # only what _Inflater decodes with a size cap (no brotli)
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_URL_SAFE = "!$&'()*+,;=:@/?~-._[]%"  # RFC 3986 sub-delims and pchar; "%" after _fix_percent


class _Stop(Exception):
    """An expected end of a fetch; fetch_url turns it into FetchResult.error."""

    def __init__(self, error: FetchError, detail: str, transient: bool = False) -> None:
        super().__init__(detail)
        self.error, self.detail, self.transient = error, detail, transient


def refusal(address: str, settings: FetchSettings) -> str | None:
    """Why `settings` forbid connecting to IP `address` ("loopback", "private"...), or None.

    Unspecified, multicast, link-local (cloud metadata) and reserved addresses are always refused;
    `allow_private` opens RFC 1918, ULA, CGNAT and other non-global ranges."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if ip.is_loopback:
        return None if settings.allow_loopback else "loopback"
    for kind in ("unspecified", "multicast", "link_local", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    if ip.is_private or not ip.is_global:
        return None if settings.allow_private else "private"
    return None


class _Guard:
    """urllib3 connection mixin: check the address actually connected to (defeats DNS rebinding
    between our own lookup and urllib3's)."""

    policy = FetchSettings()

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        peer = sock.getpeername()[0]
        reason = refusal(peer, self.policy)
        if reason:
            sock.close()
            raise _Stop(FetchError.BLOCKED_ADDRESS, f"connected to {peer}, a {reason} address")
        return sock


def _guarded_pools(settings: FetchSettings) -> dict[str, type[HTTPConnectionPool]]:
    class GuardedHTTP(_Guard, HTTPConnection):
        policy = settings

    class GuardedHTTPS(_Guard, HTTPSConnection):
        policy = settings

    http = type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": GuardedHTTP})
    https = type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": GuardedHTTPS})
    return {"http": http, "https": https}


def make_session(settings: FetchSettings) -> requests.Session:
    """A session for up to `settings.workers` threads: honest User-Agent, no retries, and no
    proxies or .netrc from the environment (a proxy would hide the peer from the address guard)."""
    session = requests.Session()
    session.trust_env = False
    session.headers.update(
        {"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING, "Accept": ACCEPT}
    )
    size = max(10, settings.workers)
    adapter = HTTPAdapter(pool_connections=size, pool_maxsize=size, max_retries=0)
    adapter.poolmanager.pool_classes_by_scheme = _guarded_pools(settings)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _fix_percent(text: str) -> str:
    return quote(re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", text), safe=_URL_SAFE)


def encode_url(url: str) -> str:
    """`url` as sent on the wire: IDNA host, percent-encoded UTF-8 path and query, no fragment.
    Existing %XX escapes are kept. Raises ValueError when there is no usable host or port."""
    parts = urlsplit(url.strip())
    host, port = parts.hostname, parts.port  # .port raises ValueError on a bad port
    if not host:
        raise ValueError(f"no host in {url!r}")
    try:
        host = host if host.isascii() else idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise ValueError(f"host {host!r} is not a valid internationalised name: {exc}") from exc
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    if parts.username is not None:
        netloc = parts.netloc.rpartition("@")[0] + "@" + netloc
    path = _fix_percent(parts.path or "/")
    return urlunsplit((parts.scheme.lower(), netloc, path, _fix_percent(parts.query), ""))


def _target(url: str) -> str:
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
        if scheme not in ("http", "https"):
            raise _Stop(FetchError.BAD_SCHEME, f"{scheme or 'no'} scheme in {url!r}; only http(s)")
        return encode_url(url)
    except ValueError as exc:
        raise _Stop(FetchError.INVALID_URL, f"{url!r}: {exc}") from exc


def _dns_failure(host: str, exc: socket.gaierror) -> _Stop:
    if exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", None), socket.EAI_FAIL):
        return _Stop(FetchError.DNS, f"{host} does not resolve: {exc.strerror}")
    return _Stop(FetchError.NO_NETWORK, f"cannot resolve {host}: {exc.strerror}", True)


def _check_address(url: str, settings: FetchSettings) -> None:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host == "invalid" or host.endswith(".invalid"):
        raise _Stop(FetchError.DNS, f"{host} is under .invalid, which never resolves")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise _dns_failure(host, exc) from exc
    for info in infos:
        address = str(info[4][0])
        reason = refusal(address, settings)
        if reason:
            detail = f"{host} resolves to {address}, a {reason} address"
            raise _Stop(FetchError.BLOCKED_ADDRESS, detail)


class _Inflater:
    """One gzip/deflate layer undone incrementally, never past `cap` bytes out (bomb guard)."""

    def __init__(self, coding: str) -> None:
        self.coding, self.pending, self.produced, self.members = coding, b"", 0, 0
        self.inflater: zlib._Decompress | None = None

    def _wbits(self, head: bytes) -> int:
        if self.coding != "deflate":
            return 32 + zlib.MAX_WBITS  # gzip, or zlib sent as gzip
        wrapped = head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
        return zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS  # servers send both "deflates"

    def feed(self, data: bytes, cap: int) -> bytes:
        self.pending += data
        out = bytearray()
        while len(self.pending) >= 2 or (self.inflater and self.pending):
            if self.inflater is None:
                self.inflater = zlib.decompressobj(self._wbits(self.pending))
            data, self.pending = self.pending, b""
            try:
                # max_length stops a bomb inside zlib, before the output is allocated
                out += self.inflater.decompress(data, cap - self.produced - len(out) + 1)
            except zlib.error as exc:
                if self.members:  # junk after a complete stream: ignored, as browsers do
                    break
                raise _Stop(FetchError.CONNECTION, f"{self.coding} body is corrupt: {exc}") from exc
            if self.produced + len(out) > cap:
                detail = f"{self.coding} body decodes to more than the {cap}-byte cap"
                raise _Stop(FetchError.DECOMPRESSION_BOMB, detail)
            if self.inflater.eof:  # a gzip body may hold several members
                self.members += 1
                self.pending, self.inflater = self.inflater.unused_data, None
        self.produced += len(out)
        return bytes(out)


def _inflaters(content_encoding: str) -> tuple[list[_Inflater], str]:
    codings = [c.strip().lower() for c in content_encoding.split(",")]
    codings = [c for c in codings if c not in ("", "identity", "none")]
    if any(c not in ("gzip", "x-gzip", "deflate") for c in codings):
        return [], f"Content-Encoding {content_encoding!r} not decoded; body kept as sent"
    return [_Inflater(c) for c in reversed(codings)], ""


_MAGIC = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif",
          b"\x1f\x8b": "application/gzip", b"PK\x03\x04": "application/zip"}  # fmt: skip
_HTML = re.compile(
    rb"<(!doctype html|html|head|body|script|iframe|h1|div|table|a|title|p|!--)[\s>]"
)
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def sniff_type(data: bytes) -> str:
    """The media type the first bytes show ("" for no body), in the spirit of WHATWG sniffing."""
    if b"%PDF-" in data[:1024]:  # some servers put junk before the header; readers accept it
        return "application/pdf"
    media = next((m for magic, m in _MAGIC.items() if data.startswith(magic)), "")
    if media or not data:
        return media
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(b"<?xml"):
        return "text/html" if b"<html" in head else "application/xml"
    if _HTML.match(head):
        return "text/html"
    if head[:1] in (b"{", b"["):
        try:
            json.loads(data)
            return "application/json"
        except ValueError:
            pass
    return "application/octet-stream" if _BINARY.search(head) else "text/plain"


def _content_type(body: bytes, declared: str) -> str:
    sniffed = sniff_type(body)
    family = {"application/xml": "xml", "application/json": "json", "text/html": "html"}
    generic = sniffed in ("", "text/plain", "application/octet-stream")
    if declared and (generic or family.get(sniffed, "\0") in declared):
        return declared  # the header is as specific and agrees (text/css, application/rss+xml)
    return sniffed


def _retry_after(value: str | None, now: dt.datetime) -> float | None:
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)  # an HTTP-date
    except (TypeError, ValueError):
        return None
    return max(0.0, (when.replace(tzinfo=when.tzinfo or dt.UTC) - now).total_seconds())


def _remaining(settings: FetchSettings, started: float, during: str) -> float:
    left = settings.deadline - (time.monotonic() - started)
    if left <= 0:
        raise _Stop(FetchError.TIMEOUT, f"deadline of {settings.deadline}s passed {during}", True)
    return left


def _send(
    session: requests.Session, request: requests.PreparedRequest, settings: FetchSettings, t0: float
) -> requests.Response:
    # the adapter, not session.send, which reads a redirect's whole body with no cap
    left = _remaining(settings, t0, "before connecting")
    timeout = (min(settings.connect_timeout, left), min(settings.read_timeout, left))
    adapter = session.get_adapter(request.url or "")
    response = adapter.send(request, True, timeout, session.verify, session.cert, proxies={})
    extract_cookies_to_jar(session.cookies, request, response.raw)
    return response


def _describe(result: FetchResult, response: requests.Response) -> FetchResult:
    raw, sent = response.raw, response.request.headers
    original = getattr(raw, "_original_response", None)  # http.client's: headers in wire order
    return replace(
        result,
        status=response.status_code,
        reason=response.reason or "",
        http_version=getattr(raw, "version_string", result.http_version),
        request_headers=tuple((name, str(value)) for name, value in sent.items()),
        headers=tuple(original.msg.items() if original else raw.headers.items()),
        declared_type=response.headers.get("Content-Type", "").split(";")[0].strip().lower(),
    )


def _read_body(
    response: requests.Response, body: bytearray, settings: FetchSettings, started: float
) -> str:
    """Stream the body into `body`, decoded, within both caps and the deadline; returns a note."""
    length, cap = response.headers.get("Content-Length", ""), settings.max_bytes
    if length.isdigit() and int(length) > cap:
        raise _Stop(FetchError.TOO_LARGE, f"Content-Length {length} is over the {cap}-byte cap")
    stages, note = _inflaters(response.headers.get("Content-Encoding", ""))
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
            raise _Stop(
                FetchError.TIMEOUT, f"deadline of {settings.deadline}s passed", True
            ) from exc
        if not chunk:
            return note
        received += len(chunk)
        if received > cap:
            raise _Stop(FetchError.TOO_LARGE, f"body passed the {cap}-byte cap")
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


def _translate(exc: BaseException, host: str) -> _Stop:
    # NewConnectionError subclasses ConnectTimeoutError in urllib3 2; its cause tells the truth
    chain = [e for e in _causes(exc) if not isinstance(e, urllib3.exceptions.NewConnectionError)]
    for cause in chain:
        if isinstance(cause, _Stop):
            return cause
        if isinstance(cause, socket.gaierror):
            return _dns_failure(host, cause)
    for kinds, error, label, transient in _KINDS:
        if any(isinstance(cause, kinds) for cause in chain):
            return _Stop(error, f"{label}: {exc}", transient)
    if any(getattr(e, "errno", None) in (errno.ENETUNREACH, errno.ENETDOWN) for e in chain):
        return _Stop(FetchError.NO_NETWORK, f"network unreachable: {exc}", True)
    return _Stop(FetchError.CONNECTION, f"connection failed: {exc}", True)  # resets, aborts


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
    started = time.monotonic()
    base = FetchResult(url=url, fetched_at=now())
    result, body, hops, seen = base, bytearray(), list[Hop](), set[tuple[str, str]]()
    client = session if session is not None else make_session(settings)
    stop: _Stop | None = None
    try:
        current = _target(url)
        while True:
            result = replace(base, final_url=current, hops=tuple(hops))
            _check_address(current, settings)
            headers = {"Host": urlsplit(current).netloc.rpartition("@")[2], "User-Agent":
                       settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING}  # fmt: skip
            prepared = client.prepare_request(requests.Request("GET", current, headers=headers))
            key = (current, str(prepared.headers.get("Cookie", "")))
            if key in seen:  # the same request again: a server setting a cookie is no loop
                raise _Stop(FetchError.REDIRECT_LOOP, f"{current} requested twice, same cookies")
            seen.add(key)
            with _send(client, prepared, settings, started) as response:
                result = _describe(result, response)
                location = response.headers.get("Location")
                if response.status_code not in _REDIRECTS or not location:
                    result = replace(result, detail=_read_body(response, body, settings, started))
                    break
            with contextlib.suppress(UnicodeError):  # header bytes came as latin-1; often UTF-8
                location = location.encode("latin-1").decode("utf-8")
            hops.append(Hop(current, response.status_code, urljoin(current, location.strip())))
            result = replace(result, hops=tuple(hops))
            if len(hops) > settings.max_redirects:
                raise _Stop(FetchError.TOO_MANY_REDIRECTS, f"over {settings.max_redirects}")
            current = _target(hops[-1].location)
    except _Stop as exc:
        stop = exc
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        stop = _translate(exc, urlsplit(result.final_url).hostname or "the host")
    finally:
        if session is None:
            client.close()
    return _finish(result, bytes(body), stop, started, now)


def _finish(
    result: FetchResult, body: bytes, stop: _Stop | None, started: float, now: _Clock
) -> FetchResult:
    status = result.status or 0
    wait = _retry_after(result.header("Retry-After"), now()) if status in (429, 503) else None
    return replace(
        result,
        body=body,
        content_type=_content_type(body, result.declared_type),
        elapsed=time.monotonic() - started,
        error=stop.error if stop else None,
        detail=stop.detail if stop else result.detail,
        transient=stop.transient if stop else status in (408, 429) or status >= 500,
        retry_after=wait,
    )
