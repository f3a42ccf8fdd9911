"""What a URL itself says: dates encoded in it, its slug's words, a site's numeric article id."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from sources.dates import PartialDate


@dataclass(frozen=True, slots=True)
class UrlDate:
    date: PartialDate
    text: str  # the part of the URL that encodes it


def _valid(year: int, month: int, day: int | None = None) -> bool:
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return False
    return 1990 <= year <= 2100


def _is_identifier(path: str, match: re.Match[str]) -> bool:
    """Eight bare digits that end the path as a segment of their own are an id
    (`/stable/20130508`, an article number), not a date; as a folder (`/20230718/slug`), with a
    file extension (`/20050507.htm`) or beside words (`report_20190512`) they are a date."""
    if "-" in match[0]:
        return False
    before = path[: match.start()]
    after = path[match.end() :]
    return before.endswith("/") and after in ("", "/")


def _splits(url: str) -> bool:
    try:
        port = urlsplit(url if "//" in url else f"//{url}").port  # a port urllib cannot cast
    except ValueError:  # raises here
        return False
    return port is None or port >= 0


_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_HOST = re.compile(r"[\w.-]+")  # letters of any script (IDN), digits, dots and hyphens


def readable_url(url: str) -> str | None:
    """`url` as every later stage can take it apart with urllib: unchanged when it can, else cut
    where its host stops being a host name; None when no host is left.

    A printed URL can carry a bracket, a stray symbol or a port of letters in its host (layout
    damage, a note glued to the next); urllib refuses those ("Invalid IPv6 URL", "invalid
    characters under NFKC normalization", a port it cannot cast)."""
    if _splits(url):
        return url
    scheme = _SCHEME.match(url)
    start = scheme.end() if scheme else 0
    host = _HOST.match(url, start)
    if host is None:
        return None
    cut = url[: host.end()]
    return cut if _splits(cut) else None


def url_dates(url: str) -> list[UrlDate]:
    """Dates a URL encodes: /2023/04/25/, /2023/05/, /20230718/, -2023-06-29, yyyy=&mm=&dd=."""
    try:
        parts = urlsplit(url)
    except ValueError:  # "Invalid IPv6 URL": a bracket glued to a printed address
        return []
    path = unquote(parts.path)
    found: list[UrlDate] = []
    for match in re.finditer(r"/((?:19|20)\d\d)/(\d\d)(?:/(\d\d))?(?=/|$)", path):
        y, m, d = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
        if _valid(y, m, d):
            found.append(UrlDate(PartialDate(y, m, d), match[0]))
    for match in re.finditer(r"(?<![\d])((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?![\d])", path):
        y, m, d = int(match[1]), int(match[2]), int(match[3])
        if _is_identifier(path, match):
            continue
        if _valid(y, m, d) and not any(match[0] in f.text for f in found):
            found.append(UrlDate(PartialDate(y, m, d), match[0]))
    for match in re.finditer(r"/((?:19|20)\d\d)-(\d\d)(?=/)", path):
        y, m = int(match[1]), int(match[2])
        if _valid(y, m):
            found.append(UrlDate(PartialDate(y, m), match[0]))
    query = {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}
    if {"yyyy", "mm", "dd"} <= query.keys():
        try:
            y, m, d = int(query["yyyy"]), int(query["mm"]), int(query["dd"])
        except ValueError:
            return found
        if _valid(y, m, d):
            found.append(UrlDate(PartialDate(y, m, d), f"yyyy={y}&mm={m:02d}&dd={d:02d}"))
    return found


def slug_words(url: str) -> list[str]:
    """The words of the URL's path segments that read as slugs (``a-b-c`` -> a, b, c)."""
    words: list[str] = []
    for segment in unquote(urlsplit(url).path).split("/"):
        segment = re.sub(r"\.(html?|php|aspx?|pdf)$", "", segment, flags=re.I)
        pieces = [p for p in re.split(r"[-_+]", segment) if p]
        if len(pieces) >= 3:
            words.extend(p for p in pieces if not p.isdigit())
    return words


def article_id(url: str) -> int | None:
    """A site's numeric article id: a final path segment of digits, or a ``*id=`` parameter."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if segments and re.fullmatch(r"\d{5,18}", segments[-1]):
        return int(segments[-1])
    tail = re.search(r"-(\d{6,18})(?:\.html?)?$", parts.path)
    if tail:
        return int(tail.group(1))
    for key, values in parse_qs(parts.query).items():
        if key.lower().endswith("id") and re.fullmatch(r"\d{5,18}", values[0]):
            return int(values[0])
    return None


def host(url: str) -> str:
    name = urlsplit(url).hostname or ""
    return name[4:] if name.startswith("www.") else name
