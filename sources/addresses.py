"""Where a fetch may go: URLs as sent on the wire, and the SSRF guard on the addresses they name.

`FetchStop` is how any step of a fetch ends it early on an expected failure; sources.fetch turns it
into `FetchResult.error`. DNS, as glibc reports it: EAI_NONAME/EAI_NODATA/EAI_FAIL (no such name
or address, or a non-recoverable answer) -> DNS. EAI_AGAIN and the rest -> NO_NETWORK
(transient): the OS does not say whether the resolver is unreachable or only the name's own
servers are failing, so neither case is taken as evidence against the link. `.invalid` names
fail without a lookup.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import socket
from urllib.parse import quote, urlsplit, urlunsplit

import idna

from sources.model import FetchError
from sources.settings import FetchSettings

_URL_SAFE = "!$&'()*+,;=:@/?~-._[]%"  # RFC 3986 sub-delims and pchar; "%" after _fix_percent
# A URL already as encode_url writes it, and as requests' prepare_url keeps it (but for dot
# segments, which urllib3 removes): an http(s) scheme, a lower-case host name or IPv4 address, a
# port without leading zeros, then a path (and query) only of characters that need no quoting,
# no %-escape (urllib3 upper-cases them), no fragment. Most cited URLs are; parsing and quoting
# them again cost about 0.05 ms each time on a crawl's one busy interpreter thread.
PLAIN_URL = re.compile(
    r"(?P<scheme>https?)://(?P<host>[a-z0-9][a-z0-9.-]*)(?::(?P<port>[1-9][0-9]{0,4}))?/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*"
    r"(?:\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?]+)?"
)


class FetchStop(Exception):
    """An expected end of a fetch; fetch_url turns it into FetchResult.error."""

    def __init__(self, error: FetchError, detail: str, transient: bool = False) -> None:
        super().__init__(detail)
        self.error, self.detail, self.transient = error, detail, transient


def refusal(address: str, settings: FetchSettings) -> str | None:
    """Why `settings` forbid connecting to IP `address` ("loopback", "private"...), or None.

    Unspecified, multicast, link-local (cloud metadata) and reserved addresses are always refused;
    `allow_private` opens RFC 1918, ULA, CGNAT and other non-global ranges."""
    return _refusal(address, settings.allow_loopback, settings.allow_private)


@functools.lru_cache(maxsize=4096)  # ipaddress's range tests cost ~0.03 ms; a crawl asks often
def _refusal(address: str, allow_loopback: bool, allow_private: bool) -> str | None:
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if ip.is_loopback:
        return None if allow_loopback else "loopback"
    for kind in ("unspecified", "multicast", "link_local", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    if ip.is_private or not ip.is_global:
        return None if allow_private else "private"
    return None


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


def target_url(url: str) -> str:
    """`url` encoded for the wire; a FetchStop if it is not http(s) or cannot be encoded."""
    plain = PLAIN_URL.fullmatch(url)
    if plain and int(plain["port"] or 80) < 65536:
        return url  # encode_url's output already (tests compare the two)
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
        if scheme not in ("http", "https"):
            detail = f"{scheme or 'no'} scheme in {url!r}; only http(s)"
            raise FetchStop(FetchError.BAD_SCHEME, detail)
        return encode_url(url)
    except ValueError as exc:
        raise FetchStop(FetchError.INVALID_URL, f"{url!r}: {exc}") from exc


def dns_failure(host: str, exc: socket.gaierror) -> FetchStop:
    """A failed lookup of `host` as DNS (the name is bad) or NO_NETWORK (transient)."""
    if exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", None), socket.EAI_FAIL):
        return FetchStop(FetchError.DNS, f"{host} does not resolve: {exc.strerror}")
    return FetchStop(FetchError.NO_NETWORK, f"cannot resolve {host}: {exc.strerror}", True)


def check_address(url: str, settings: FetchSettings) -> None:
    """Resolve `url`'s host; a FetchStop if it does not resolve or any address is refused."""
    plain = PLAIN_URL.fullmatch(url)
    if plain is not None and int(plain["port"] or 0) < 65536:  # read off without urlsplit
        host, port = (
            plain["host"],
            int(plain["port"] or (443 if plain["scheme"] == "https" else 80)),
        )
    else:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
    if host == "invalid" or host.endswith(".invalid"):
        raise FetchStop(FetchError.DNS, f"{host} is under .invalid, which never resolves")
    try:
        # an address written in the URL needs no lookup (getaddrinfo would only echo it, and
        # lets go of the GIL on a crawl's busy thread); "127.1" and the like still go through it
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise dns_failure(host, exc) from exc
        addresses = [str(info[4][0]) for info in infos]
    for address in addresses:
        reason = refusal(address, settings)
        if reason:
            detail = f"{host} resolves to {address}, a {reason} address"
            raise FetchStop(FetchError.BLOCKED_ADDRESS, detail)
