"""A URL and a date -> the public-archive capture nearest that date (Wayback Machine, Memento).

Three ways to ask, all answered by the Wayback Machine: the availability API (one JSON object,
the closest capture), the CDX server (a JSON table of captures, which lets us insist on status
200 and pick the nearest ourselves), and a Memento TimeGate (`Accept-Datetime` in, a redirect
to the memento with `Memento-Datetime` out). Query building and parsing are pure;
`find_archived_copy` does the asking through a fetch function it is given, so this module never
touches the network library itself. A date without a time means noon UTC on that day, the
midpoint, so captures the same morning and evening count the same.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlencode, urljoin, urlsplit

from sources.model import ArchivedCopy, FetchResult
from sources.settings import WaybackSettings

Fetch = Callable[[str], FetchResult]

CDX_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
CDX_LIMIT = 50  # captures asked for, nearest first: enough to skip past non-200 ones
_TIMESTAMP = re.compile(r"/(\d{14})(?:[a-z]{2}_)?/(.+)$")
_LINK_ORIGINAL = re.compile(r"<([^>]+)>\s*;[^,]*?\brel\s*=\s*\"?[^\",]*\boriginal\b")


def to_utc(when: dt.date | dt.datetime) -> dt.datetime:
    """`when` as an aware UTC datetime: a naive datetime is taken as UTC, a date as its noon."""
    if isinstance(when, dt.datetime):
        return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)
    return dt.datetime(when.year, when.month, when.day, 12, tzinfo=dt.UTC)


def wayback_timestamp(when: dt.date | dt.datetime) -> str:
    """The archive's 14-digit timestamp, ``YYYYMMDDhhmmss`` in UTC."""
    return to_utc(when).strftime("%Y%m%d%H%M%S")


def parse_timestamp(text: str) -> dt.datetime | None:
    """A 14-digit (or shorter, zero-padded) Wayback timestamp as UTC; None if it is not one."""
    if not (text.isascii() and text.isdecimal()) or not 4 <= len(text) <= 14:
        return None
    padded = text + "00000101000000"[len(text) :]  # a missing month or day is the first
    try:
        return dt.datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def replay_base(settings: WaybackSettings) -> str:
    """Where captures replay and where the TimeGate answers: the CDX server's host + /web/."""
    return urljoin(settings.cdx_url, "/web/")


def availability_query(url: str, when: dt.date | dt.datetime, settings: WaybackSettings) -> str:
    query = {"url": url, "timestamp": wayback_timestamp(when)}
    return f"{settings.availability_url}?{urlencode(query)}"


def parse_availability(body: bytes) -> ArchivedCopy | None:
    """The closest capture in an availability API answer; None when there is none or the body
    is not the JSON the API sends (it answers ``{"archived_snapshots": {}}`` when busy, too)."""
    try:
        data = json.loads(body)
        closest = data["archived_snapshots"]["closest"]
        available, url, stamp = closest["available"], closest["url"], closest["timestamp"]
    except (ValueError, KeyError, TypeError):
        return None
    captured = parse_timestamp(str(stamp))
    if available is not True or not isinstance(url, str) or captured is None:
        return None
    in_url = _TIMESTAMP.search(url)
    asked = data.get("url")
    original = in_url.group(2) if in_url else (asked if isinstance(asked, str) else "")
    return ArchivedCopy(
        url=_https(url),
        original=original,
        captured_at=captured,
        status=_status(closest.get("status")),
    )


def cdx_query(url: str, when: dt.date | dt.datetime, settings: WaybackSettings) -> str:
    query = {
        "url": url,
        "output": "json",
        "fl": ",".join(CDX_FIELDS),
        "filter": "statuscode:200",
        "closest": wayback_timestamp(when),
        "sort": "closest",
        "limit": str(CDX_LIMIT),
    }
    return f"{settings.cdx_url}?{urlencode(query)}"


def parse_cdx(
    body: bytes, when: dt.date | dt.datetime, base: str = "https://web.archive.org/web/"
) -> ArchivedCopy | None:
    """The status-200 capture nearest `when` in a CDX JSON answer (a header row, then one row
    per capture); on a tie the earlier one. `base` is the replay address (see `replay_base`)."""
    try:
        rows = json.loads(body) if body.strip() else []
    except ValueError:
        return None
    if not isinstance(rows, list) or len(rows) < 2 or not isinstance(rows[0], list):
        return None
    header = [str(name) for name in rows[0]]
    if not {"timestamp", "original", "statuscode"} <= set(header):
        return None
    column = {name: header.index(name) for name in header}
    target = to_utc(when)
    best: tuple[float, dt.datetime, str] | None = None
    for row in rows[1:]:
        if not isinstance(row, list) or len(row) != len(header):
            continue
        captured = parse_timestamp(str(row[column["timestamp"]]))
        if captured is None or str(row[column["statuscode"]]) != "200":
            continue
        candidate = (
            abs((captured - target).total_seconds()),
            captured,
            str(row[column["original"]]),
        )
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    if best is None:
        return None
    _, captured, original = best
    return ArchivedCopy(
        url=f"{base}{captured:%Y%m%d%H%M%S}/{original}",
        original=original,
        captured_at=captured,
        status=200,
    )


def timegate_request(
    url: str, when: dt.date | dt.datetime, settings: WaybackSettings
) -> tuple[str, dict[str, str]]:
    """The TimeGate address for `url` and the `Accept-Datetime` header asking for `when`."""
    return f"{replay_base(settings)}{url}", {
        "Accept-Datetime": format_datetime(to_utc(when), usegmt=True)
    }


def timegate_url(url: str, when: dt.date | dt.datetime, settings: WaybackSettings) -> str:
    """The same question as a URL alone (``/web/<timestamp>/<url>``), for a fetch function that
    cannot send headers: the archive redirects it to the nearest memento."""
    return f"{replay_base(settings)}{wayback_timestamp(when)}/{url}"


def parse_timegate(
    headers: Mapping[str, str] | Iterable[tuple[str, str]], base_url: str = ""
) -> ArchivedCopy | None:
    """The memento a TimeGate answer points to: its `Location` (a redirect) or, when the answer
    is the memento itself, `Content-Location` or `base_url`. The capture time comes from
    `Memento-Datetime`, else from the timestamp in the memento's address; the original from
    the `Link` header's rel="original", else from that address."""
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    fields = {name.lower(): value for name, value in pairs}
    memento_datetime = fields.get("memento-datetime")
    target = fields.get("location") or fields.get("content-location")
    if target is None and memento_datetime is not None:
        target = base_url
    if not target:
        return None
    memento = urljoin(base_url, target)
    in_url = _TIMESTAMP.search(urlsplit(memento).path + _query_suffix(memento))
    captured = _http_date(memento_datetime) if memento_datetime else None
    if captured is None and in_url is not None:
        captured = parse_timestamp(in_url.group(1))
    if captured is None:
        return None
    link = _LINK_ORIGINAL.search(fields.get("link", ""))
    original = link.group(1) if link else (in_url.group(2) if in_url else "")
    return ArchivedCopy(url=memento, original=original, captured_at=captured, source="memento")


def find_archived_copy(
    url: str,
    when: dt.date | dt.datetime,
    settings: WaybackSettings,
    fetch: Fetch,
    *,
    timegate: bool = False,
) -> ArchivedCopy | None:
    """The status-200 capture of `url` nearest `when`: the availability API first, then the
    CDX server, then (if `timegate`) the TimeGate. A failed or unreadable answer moves on to the
    next way; None, never an exception, when all fail or `settings.enabled` is off.

    `fetch` is `lambda u: fetch_url(u, fetch_settings, session)` in real runs; its own settings
    set the time limits (give them `settings.timeout`).
    """
    if not settings.enabled:
        return None
    answer = fetch(availability_query(url, when, settings))
    if _ok(answer):
        copy = parse_availability(answer.body)
        if copy is not None and copy.status in (None, 200):
            return copy
    answer = fetch(cdx_query(url, when, settings))
    if _ok(answer):
        copy = parse_cdx(answer.body, when, replay_base(settings))
        if copy is not None:
            return copy
    if timegate:
        answer = fetch(timegate_url(url, when, settings))
        if answer.error is None and answer.status in (200, 301, 302, 303, 307, 308):
            return parse_timegate(answer.headers, answer.final_url or answer.url)
    return None


def _ok(answer: FetchResult) -> bool:
    return answer.error is None and answer.status == 200


def _status(value: object) -> int | None:
    text = str(value) if value is not None else ""
    return int(text) if text.isdecimal() else None


def _https(url: str) -> str:
    # The availability API names captures with http://; the archive serves them over https.
    if url.startswith("http://web.archive.org/"):
        return "https://" + url.removeprefix("http://")
    return url


def _http_date(text: str) -> dt.datetime | None:
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)


def _query_suffix(url: str) -> str:
    query = urlsplit(url).query
    return f"?{query}" if query else ""
