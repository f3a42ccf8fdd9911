"""sources.fetch against real servers on 127.0.0.x: statuses, redirects, guards, caps, types."""

from __future__ import annotations

import datetime as dt
import gzip
import random
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from urllib.parse import quote

import pytest
import requests
from localsite import LocalSite
from requests.adapters import HTTPAdapter

from sources import fetch as fetch_module
from sources.addresses import encode_url, refusal, target_url
from sources.content import sniff_type
from sources.fetch import _prepare, fetch_url, make_session
from sources.model import FetchError
from sources.settings import FetchSettings

# Short limits keep every test well under a second; tests serve on 127.0.0.1, so they say so.
FAST = FetchSettings(
    connect_timeout=1.0,
    read_timeout=1.0,
    deadline=3.0,
    max_bytes=64 * 1024,
    max_decoded_bytes=256 * 1024,
    max_redirects=5,
    allow_loopback=True,
)
HTML = b"<!DOCTYPE html><html><head><title>t</title></head><body><p>Hello</p></body></html>"
NOW = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalSite]:
    with LocalSite() as running:  # one per module: stopping a server costs up to half a second
        yield running


@pytest.fixture
def site(server: LocalSite) -> Iterator[LocalSite]:
    yield server
    server.routes.clear()
    server.hits.clear()


def _quietly(handler: Callable[[BaseHTTPRequestHandler], None]) -> Callable[..., None]:
    """A handler whose client may hang up mid-answer (that is the point of the test)."""

    def run(h: BaseHTTPRequestHandler) -> None:
        try:
            handler(h)
        except OSError:
            h.close_connection = True

    return run


# --- statuses -------------------------------------------------------------------------------


def test_ok_page_records_status_headers_request_and_types(site: LocalSite) -> None:
    url = site.add("/page", HTML, headers={"Content-Type": "text/html; charset=utf-8", "X-A": "1"})
    result = fetch_url(url, FAST, now=lambda: NOW)
    assert result.error is None and not result.transient
    assert (result.status, result.reason, result.http_version) == (200, "OK", "HTTP/1.1")
    assert result.body == HTML and result.final_url == url and result.hops == ()
    assert result.content_type == result.declared_type == "text/html"
    assert result.header("content-type") == "text/html; charset=utf-8"
    assert result.header("X-A") == "1" and result.fetched_at == NOW and result.elapsed > 0
    sent = dict(result.request_headers)
    assert sent["User-Agent"] == FAST.user_agent and sent["Host"] == f"127.0.0.1:{site.port}"
    assert sent["Accept-Encoding"] == "gzip, deflate"


@pytest.mark.parametrize("status", [404, 410])
def test_gone_statuses_are_responses_not_errors_and_not_transient(
    site: LocalSite, status: int
) -> None:
    result = fetch_url(site.add("/gone", "gone", status=status), FAST)
    assert (result.status, result.error, result.transient) == (status, None, False)
    assert result.body == b"gone"


def test_500_is_a_transient_response(site: LocalSite) -> None:
    result = fetch_url(site.add("/boom", "oops", status=500), FAST)
    assert (result.status, result.error, result.transient) == (500, None, True)


@pytest.mark.parametrize("header", ["120", "Wed, 01 May 2024 12:02:00 GMT"])
def test_429_is_transient_with_retry_after_in_seconds_or_as_a_date(
    site: LocalSite, header: str
) -> None:
    url = site.add("/busy", status=429, headers={"Retry-After": header})
    result = fetch_url(url, FAST, now=lambda: NOW)
    assert (result.status, result.transient, result.retry_after) == (429, True, 120.0)


def test_503_retry_after_is_parsed_but_a_200_ignores_it(site: LocalSite) -> None:
    assert (
        fetch_url(site.add("/down", status=503, headers={"Retry-After": "7"}), FAST).retry_after
        == 7.0
    )
    assert fetch_url(site.add("/fine", "x", headers={"Retry-After": "7"}), FAST).retry_after is None


def test_a_retry_after_of_superscript_digits_is_no_delay(site: LocalSite) -> None:
    # "²" is a digit to str.isdigit (and a Latin-1 header byte) but no number to float()
    url = site.add("/odd", status=503, headers={"Retry-After": "²"})
    result = fetch_url(url, FAST)
    assert (result.status, result.transient, result.retry_after) == (503, True, None)


# --- redirects ------------------------------------------------------------------------------


def test_redirect_chain_records_every_hop(site: LocalSite) -> None:
    site.add("/a", status=301, headers={"Location": "/b"})
    site.add("/b", status=302, headers={"Location": site.url("/c")})
    site.add("/c", status=307, headers={"Location": "d"})
    site.add("/d", HTML, headers={"Content-Type": "text/html"})
    result = fetch_url(site.url("/a"), FAST)
    assert result.status == 200 and result.final_url == site.url("/d") and result.body == HTML
    assert [(h.url, h.status, h.location) for h in result.hops] == [
        (site.url("/a"), 301, site.url("/b")),
        (site.url("/b"), 302, site.url("/c")),
        (site.url("/c"), 307, site.url("/d")),
    ]


def test_redirect_loop_is_detected(site: LocalSite) -> None:
    site.add("/x", status=302, headers={"Location": "/y"})
    site.add("/y", status=302, headers={"Location": "/x"})
    result = fetch_url(site.url("/x"), FAST)
    assert result.error is FetchError.REDIRECT_LOOP and not result.transient
    assert [h.url for h in result.hops] == [site.url("/x"), site.url("/y")]
    assert site.hits["/x"] == 1


def test_redirect_to_itself_that_sets_a_cookie_is_not_a_loop(site: LocalSite) -> None:
    def consent(h: BaseHTTPRequestHandler) -> None:
        seen = "seen=1" in (h.headers.get("Cookie") or "")
        h.send_response(200 if seen else 302)
        if not seen:
            h.send_header("Set-Cookie", "seen=1; Path=/")
            h.send_header("Location", "/consent")
        h.send_header("Content-Length", "2")
        h.end_headers()
        h.wfile.write(b"ok")

    result = fetch_url(site.add_handler("/consent", consent), FAST)
    assert result.status == 200 and result.error is None and len(result.hops) == 1


def test_too_many_redirects(site: LocalSite) -> None:
    for n in range(10):
        site.add(f"/r{n}", status=302, headers={"Location": f"/r{n + 1}"})
    result = fetch_url(site.url("/r0"), replace(FAST, max_redirects=3))
    assert result.error is FetchError.TOO_MANY_REDIRECTS and len(result.hops) == 4
    assert site.hits["/r4"] == 0


def test_redirect_to_another_scheme_is_refused(site: LocalSite) -> None:
    result = fetch_url(
        site.add("/ftp", status=302, headers={"Location": "ftp://example.org/f"}), FAST
    )
    assert (
        result.error is FetchError.BAD_SCHEME and result.hops[0].location == "ftp://example.org/f"
    )


# --- address guard --------------------------------------------------------------------------


def test_default_settings_refuse_a_loopback_target_without_connecting(site: LocalSite) -> None:
    result = fetch_url(site.add("/page", HTML), FetchSettings())
    assert result.error is FetchError.BLOCKED_ADDRESS and result.status is None
    assert "loopback" in result.detail and site.hits["/page"] == 0


class _ServePublicAddressLocally(HTTPAdapter):
    """Like `curl --resolve`: a request for PUBLIC goes to the local site instead, so a test can
    start from an address the default settings allow without touching the internet."""

    def __init__(self, site: LocalSite) -> None:
        super().__init__(max_retries=0)
        self.site = site

    def send(self, request, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        request.url = request.url.replace(PUBLIC, self.site.url(""), 1)
        return super().send(request, *args, **kwargs)


PUBLIC = "http://93.184.215.14"  # a global address, never contacted


@pytest.mark.parametrize(("settings", "reached"), [(FetchSettings(), False), (FAST, True)])
def test_redirect_to_loopback_is_refused_by_default_and_allowed_with_allow_loopback(
    site: LocalSite, settings: FetchSettings, reached: bool
) -> None:
    site.add("/jump", status=302, headers={"Location": site.url("/inside")})
    site.add("/inside", "internal")
    session = make_session(settings)
    session.mount(PUBLIC, _ServePublicAddressLocally(site))
    result = fetch_url(f"{PUBLIC}/jump", settings, session=session)
    assert site.hits["/jump"] == 1 and result.hops[0].location == site.url("/inside")
    assert site.hits["/inside"] == int(reached)
    if reached:
        assert result.status == 200 and result.body == b"internal"
    else:
        assert result.error is FetchError.BLOCKED_ADDRESS and result.status is None
        assert result.final_url == site.url("/inside")


def test_redirect_to_cloud_metadata_link_local_is_refused_even_with_allow_loopback(
    site: LocalSite,
) -> None:
    url = site.add(
        "/meta", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    result = fetch_url(url, FAST)
    assert result.error is FetchError.BLOCKED_ADDRESS and "link-local" in result.detail


def test_connect_time_guard_refuses_a_peer_the_session_forbids(site: LocalSite) -> None:
    # the session's policy is checked on the socket itself, so a name that resolves to a
    # public address for our lookup and to 127.0.0.1 for urllib3's (DNS rebinding) is caught
    url = site.add("/page", HTML)
    result = fetch_url(url, FAST, session=make_session(FetchSettings()))
    assert result.error is FetchError.BLOCKED_ADDRESS and site.hits["/page"] == 0


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("100.64.0.1", "private"),
        ("fd00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("93.184.215.14", None),
        ("2606:4700::1111", None),
    ],
)
def test_address_policy_by_default(address: str, reason: str | None) -> None:
    assert refusal(address, FetchSettings()) == reason


def test_allow_private_opens_private_ranges_but_not_link_local() -> None:
    settings = FetchSettings(allow_private=True)
    assert refusal("10.1.2.3", settings) is None and refusal("127.0.0.1", settings) == "loopback"
    assert refusal("169.254.169.254", settings) == "link-local"


@pytest.mark.parametrize(
    "url", ["ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)", "example.org/x"]
)
def test_non_http_schemes_are_refused(url: str) -> None:
    result = fetch_url(url, FAST)
    assert result.error is FetchError.BAD_SCHEME and not result.transient and result.url == url


@pytest.mark.parametrize("url", ["http:///nohost", "http://example.org:99999/"])
def test_urls_without_a_usable_host_or_port_are_invalid(url: str) -> None:
    assert fetch_url(url, FAST).error is FetchError.INVALID_URL


# --- network failures -----------------------------------------------------------------------


def test_slow_headers_time_out_and_are_transient(site: LocalSite) -> None:
    def slow(h: BaseHTTPRequestHandler) -> None:
        time.sleep(1.0)
        h.send_response(200)
        h.end_headers()

    result = fetch_url(site.add_handler("/slow", _quietly(slow)), replace(FAST, read_timeout=0.2))
    assert result.error is FetchError.TIMEOUT and result.transient and result.elapsed < 0.8


def test_headers_dribbled_byte_by_byte_are_cut_at_the_deadline(site: LocalSite) -> None:
    # each byte comes well within the read timeout: only the attempt's deadline can stop it
    def dribble(h: BaseHTTPRequestHandler) -> None:
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 200:
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
            time.sleep(0.05)

    settings = replace(FAST, read_timeout=1.0, deadline=0.5)
    result = fetch_url(site.add_handler("/slowhead", _quietly(dribble)), settings)
    assert result.error is FetchError.TIMEOUT and result.transient
    # the dribble would last 10 s; 2 s leaves room for a loaded machine's scheduling
    assert "deadline" in result.detail and result.elapsed < 2.0 and not result.complete


def test_finished_attempts_leave_no_deadline_behind_and_a_stall_still_hits_its_own(
    site: LocalSite,
) -> None:
    # one thread keeps every attempt's deadline; a finished attempt is forgotten at once, so
    # a long crawl leaves nothing for the next one to work through
    session = make_session(FAST)
    fast = site.add("/quick", HTML, headers={"Content-Type": "text/html"})
    assert all(fetch_url(fast, FAST, session=session).complete for _ in range(50))
    assert not fetch_module._DEADLINES._live

    def stall(h: BaseHTTPRequestHandler) -> None:
        h.wfile.write(b"HTTP/1.1 200 OK\r\n")
        h.wfile.flush()
        time.sleep(1.5)

    settings = replace(FAST, read_timeout=1.0, deadline=0.4)
    result = fetch_url(site.add_handler("/stuck", _quietly(stall)), settings, session=session)
    assert result.error is FetchError.TIMEOUT and result.elapsed < 1.0
    assert not fetch_module._DEADLINES._live
    session.close()


def test_a_slow_connection_kept_alive_is_cut_at_the_deadline_too(site: LocalSite) -> None:
    session = make_session(FAST)
    fast = site.add("/fast", HTML, headers={"Content-Type": "text/html"})
    assert fetch_url(fast, FAST, session=session).complete  # leaves a connection in the pool

    def stall(h: BaseHTTPRequestHandler) -> None:
        h.wfile.write(b"HTTP/1.1 200 OK\r\n")
        h.wfile.flush()
        for _ in range(40):
            time.sleep(0.05)
            h.wfile.write(b"X-Slow: 1\r\n")
            h.wfile.flush()

    settings = replace(FAST, read_timeout=1.0, deadline=0.5)
    result = fetch_url(site.add_handler("/stall", _quietly(stall)), settings, session=session)
    assert result.error is FetchError.TIMEOUT and result.elapsed < 1.5  # the stall lasts 2 s
    assert fetch_url(fast, FAST, session=session).complete  # the pool recovers
    session.close()


def test_an_endless_body_is_cut_at_the_size_cap_and_kept_as_truncated(site: LocalSite) -> None:
    def endless(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")  # no length: the body runs until the server stops
        h.end_headers()
        while True:
            h.wfile.write(b"<p>more</p>" * 1000)

    result = fetch_url(site.add_handler("/endless", _quietly(endless)), FAST)
    assert result.error is FetchError.TOO_LARGE and not result.complete
    assert 0 < len(result.body) <= FAST.max_bytes


def test_a_body_dribbled_byte_by_byte_hits_the_deadline(site: LocalSite) -> None:
    def dribble(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", "100")
        h.end_headers()
        for _ in range(100):
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.05)

    settings = replace(FAST, read_timeout=1.0, deadline=0.5)
    result = fetch_url(site.add_handler("/drip", _quietly(dribble)), settings)
    assert result.error is FetchError.TIMEOUT and result.transient and "deadline" in result.detail
    assert result.status == 200 and 0 < len(result.body) < 100 and result.elapsed < 1.0


def test_connection_refused_on_a_closed_port() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = fetch_url(f"http://127.0.0.1:{port}/", FAST)
    assert result.error is FetchError.CONNECTION and "refused" in result.detail
    assert not result.transient and result.status is None


def test_connection_reset_is_a_transient_connection_error() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()

        def reset() -> None:
            conn, _ = server.accept()
            conn.recv(1024)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()  # linger 0: RST instead of FIN

        threading.Thread(target=reset, daemon=True).start()
        result = fetch_url(f"http://127.0.0.1:{server.getsockname()[1]}/", FAST)
    assert result.error is FetchError.CONNECTION and result.transient


def test_a_name_under_invalid_fails_dns_without_a_network() -> None:
    result = fetch_url("http://citewatch-test.invalid/page", FAST)
    assert result.error is FetchError.DNS and not result.transient and result.status is None


# --- size caps ------------------------------------------------------------------------------


def test_declared_length_over_the_cap_is_too_large_without_reading(site: LocalSite) -> None:
    result = fetch_url(site.add("/big", b"x" * 5000), replace(FAST, max_bytes=1000))
    assert result.error is FetchError.TOO_LARGE and result.status == 200 and result.body == b""


def test_chunked_body_over_the_cap_stops_while_streaming(site: LocalSite) -> None:
    def endless(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        for _ in range(200):
            h.wfile.write(b"400\r\n" + b"y" * 1024 + b"\r\n")
        h.wfile.write(b"0\r\n\r\n")

    result = fetch_url(
        site.add_handler("/stream", _quietly(endless)), replace(FAST, max_bytes=10_000)
    )
    assert result.error is FetchError.TOO_LARGE and not result.transient
    assert 0 < len(result.body) <= 10_000


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda b: zlib.compress(b, wbits=-15)),
    ],
)
def test_compressed_pages_are_decoded(
    site: LocalSite, encoding: str, compress: Callable[[bytes], bytes]
) -> None:
    page = HTML * 50
    url = site.add(
        "/z", compress(page), headers={"Content-Encoding": encoding, "Content-Type": "text/html"}
    )
    result = fetch_url(url, FAST)
    assert result.error is None and result.body == page and result.content_type == "text/html"


@pytest.mark.parametrize(
    ("encoding", "compress"), [("gzip", gzip.compress), ("deflate", zlib.compress)]
)
def test_decompression_bomb_is_stopped_at_the_decoded_cap(
    site: LocalSite, encoding: str, compress: Callable[[bytes], bytes]
) -> None:
    bomb = compress(b"\0" * 20_000_000)  # ~20 KB on the wire, 20 MB decoded
    assert len(bomb) < FAST.max_bytes
    result = fetch_url(site.add("/bomb", bomb, headers={"Content-Encoding": encoding}), FAST)
    assert result.error is FetchError.DECOMPRESSION_BOMB and not result.transient
    assert len(result.body) <= FAST.max_decoded_bytes


def test_unknown_content_encoding_is_kept_as_sent_and_marked_undecodable(site: LocalSite) -> None:
    result = fetch_url(
        site.add("/br", b"\x8b\x03\x80abc\x03", headers={"Content-Encoding": "br"}), FAST
    )
    assert result.error is FetchError.UNDECODABLE and not result.complete
    assert result.body == b"\x8b\x03\x80abc\x03" and "br" in result.detail


def test_a_brotli_bomb_is_never_decoded(site: LocalSite) -> None:
    # A real brotli stream of 16 MiB of zeros: ~2 bytes of header and a run (RFC 7932 allows a
    # meta-block of 16 MiB with one repeated symbol); whatever it holds, citewatch does not
    # ask for br and does not decode it, so nothing past the wire size is ever allocated.
    bomb = bytes.fromhex("8bffff7f00000000") + b"\x03" * 4000  # sent "as br", never expanded
    url = site.add("/brbomb", bomb, headers={"Content-Encoding": "br", "Content-Type": "text/html"})
    result = fetch_url(url, FAST)
    assert result.error is FetchError.UNDECODABLE and len(result.body) == len(bomb)
    assert site.hits["/brbomb"] == 1


# --- content types and encodings ------------------------------------------------------------


def test_windows_1254_bytes_come_back_intact_with_declared_and_sniffed_type(
    site: LocalSite,
) -> None:
    page = "<html><body><p>Güler, Cumhurbaşkanı Osmani ile görüştü</p></body></html>".encode(
        "cp1254"
    )
    url = site.add("/tr", page, headers={"Content-Type": "text/html; charset=windows-1254"})
    result = fetch_url(url, FAST)
    assert result.body == page and result.declared_type == "text/html"
    assert result.content_type == "text/html"
    assert result.header("Content-Type") == "text/html; charset=windows-1254"


def test_pdf_is_sniffed_even_when_declared_as_html(site: LocalSite) -> None:
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    result = fetch_url(site.add("/doc", pdf, headers={"Content-Type": "text/html"}), FAST)
    assert (result.content_type, result.declared_type) == ("application/pdf", "text/html")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", ""),
        (b"\xef\xbb\xbf  <!doctype html><html>", "text/html"),
        (b"<p>short</p>", "text/html"),
        (b'<?xml version="1.0"?><rss version="2.0"></rss>', "application/xml"),
        (b'{"a": [1, 2]}', "application/json"),
        (b"{not json", "text/plain"),
        (b"Plain words, nothing else.", "text/plain"),
        (b"\x89PNG\r\n\x1a\n\0\0", "image/png"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "image/jpeg"),
        (b"GIF89a\x01\0", "image/gif"),
        (b"RIFF\0\0\0\0WEBPVP8 ", "image/webp"),
        (b"\x1f\x8b\x08\0", "application/gzip"),
        (b"\0\x01\x02\x03binary", "application/octet-stream"),
    ],
)
def test_sniff_type(data: bytes, expected: str) -> None:
    assert sniff_type(data) == expected


def test_declared_type_is_kept_when_the_bytes_only_say_text(site: LocalSite) -> None:
    result = fetch_url(
        site.add("/s.css", "body { color: red }", headers={"Content-Type": "text/css"}), FAST
    )
    assert result.content_type == "text/css"


# --- internationalised URLs -----------------------------------------------------------------

TR_PATH = "/tr/gundem/milli-savunma-bakani-guler-kosova-cumhurbaşkanı-osmani-ile-gorustu/3023173"


def test_non_ascii_path_is_sent_percent_encoded_as_utf8(site: LocalSite) -> None:
    site.add(quote(TR_PATH), HTML)
    result = fetch_url(f"http://127.0.0.1:{site.port}{TR_PATH}", FAST)
    assert result.status == 200 and result.body == HTML
    assert result.final_url.endswith("cumhurba%C5%9Fkan%C4%B1-osmani-ile-gorustu/3023173")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.aa.com.tr/tr/gundem/cumhurbaşkanı/3023173",
            "https://www.aa.com.tr/tr/gundem/cumhurba%C5%9Fkan%C4%B1/3023173",
        ),
        (
            "http://bücher.example/ş?q=ğüş&x=1#frag",
            "http://xn--bcher-kva.example/%C5%9F?q=%C4%9F%C3%BC%C5%9F&x=1",
        ),
        (
            "HTTP://Example.ORG:8080/a%20b/%C5%9F?x=%2F",
            "http://example.org:8080/a%20b/%C5%9F?x=%2F",
        ),
        ("http://example.org/100%/a b", "http://example.org/100%25/a%20b"),
        ("http://example.org", "http://example.org/"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
    ],
)
def test_encode_url(url: str, expected: str) -> None:
    assert encode_url(url) == expected


# --- session --------------------------------------------------------------------------------


def test_make_session_pools_for_all_workers_and_never_retries() -> None:
    settings = FetchSettings(workers=40, user_agent="citewatch-test/1 (+mailto:x@example.org)")
    session = make_session(settings)
    adapter = session.get_adapter("https://example.org/")
    assert isinstance(adapter, HTTPAdapter)
    assert adapter.max_retries.total == 0 and adapter._pool_maxsize >= 40  # type: ignore[attr-defined]
    assert session.headers["User-Agent"] == settings.user_agent and not session.trust_env


def test_a_given_session_is_reused_and_left_open(site: LocalSite) -> None:
    session = make_session(FAST)
    first = fetch_url(site.add("/one", "1"), FAST, session=session)
    second = fetch_url(site.add("/two", "2"), FAST, session=session)
    assert (first.body, second.body) == (b"1", b"2")
    assert fetch_url(site.url("/one"), FAST, session=session).body == b"1"


def test_a_request_is_prepared_exactly_as_requests_would_prepare_it() -> None:
    # fetch_url skips Session.prepare_request, and a plain URL encode_url (their cost is per
    # request); what goes on the wire must not change: URL, headers and cookies
    session = make_session(FAST)
    session.cookies.set("seen", "1", domain="example.org", path="/")
    rng, alphabet = random.Random(13), "aZ09-._~!$&'()*+,;=:@/?#%[]| ^`{}<>ü" + "/." * 4 + "a" * 8
    hosts = ("example.org", "127.0.0.1", "EXAMPLE.org", "ex-ample.org.", "xn--bcher-kva.example")
    urls = ["http://example.org/a/./b", "https://example.org/%7euser", "http://example.org:080/"]
    for _ in range(500):
        path = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        port = rng.choice(("", ":80", ":8080", ":65535"))
        urls.append(f"{rng.choice(('http', 'https'))}://{rng.choice(hosts)}{port}/{path}")
    for url in urls:
        wire = target_url(url)
        assert wire == encode_url(url)  # a plain URL skips encode_url: it must give it back
        headers = {"Host": wire.split("/")[2], "User-Agent": FAST.user_agent}
        ours = _prepare(session, wire, headers)
        theirs = session.prepare_request(requests.Request("GET", wire, headers=headers))
        assert (ours.method, ours.url, ours.body) == (theirs.method, theirs.url, theirs.body)
        assert dict(ours.headers) == dict(theirs.headers), url
    bad = {"Host": "example.org", "User-Agent": "citewatch\r\nX-Injected: 1"}
    with pytest.raises(requests.exceptions.InvalidHeader):
        _prepare(session, "http://example.org/", bad)
