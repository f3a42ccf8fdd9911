"""Gazette references -> the archive addresses of their issues, and issue pages -> which issue.

Resmî Gazete: issues before 27 June 2000 are scanned PDFs named by number
(`https://www.resmigazete.gov.tr/arsiv/NNNNN.pdf`, a repeated issue `NNNNN_1.pdf`); from that day
each day has an index page named by date (`/eskiler/YYYY/MM/YYYYMMDD.htm`, a repeated issue
`YYYYMMDDM1.htm`). An index page names its issue as "5 Ağustos 2021 Tarihli ve 31559 Sayılı Resmî
Gazete"; an old scan's first page, when it has a text layer, prints "Sayı : 21247" beside a date.

Narodne novine, international treaties series ("No. 1/2004 (5)"): an act's page is
`https://narodne-novine.nn.hr/clanci/medunarodni/YYYY_MM_N_A.html`, whose month MM a note does not
print, so "1/2004" alone cannot give it. What can be derived: the ELI address
`/eli/medunarodni/YYYY/N/A` when the act number A is printed (it redirects to the act's page), the
act page itself when the note's date gives the month, and always the search listing of issue N of
that year in the treaties section (`search.aspx?...&kategorija=2&godina=YYYY&broj=N`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from sources.dates import Precision
from sources.gazette_calendar import expected_date
from sources.gazettes import Gazette, GazetteRef
from sources.lines import fold
from sources.text import visible_text

RG_BASE = "https://www.resmigazete.gov.tr"
RG_INDEX_FROM = dt.date(2000, 6, 27)  # the first day with a daily index page
NN_BASE = "https://narodne-novine.nn.hr"
NN_TREATIES_CATEGORY = "2"  # search.aspx: 1 is the official part, 2 the international treaties
# A number without a usable date is placed with the issue-number model; days it cannot tell
# apart are offered in order of likelihood, at most this many.
MAX_CANDIDATE_DAYS = 7

MONTHS_TR = {
    name: number
    for number, name in enumerate(
        (
            "ocak",
            "subat",
            "mart",
            "nisan",
            "mayis",
            "haziran",
            "temmuz",
            "agustos",
            "eylul",
            "ekim",
            "kasim",
            "aralik",
        ),
        start=1,
    )
}
# Patterns run on `fold`ed text: lower case without accents, ı and İ both "i" ("AĞUSTOS",
# "Ağustos" -> "agustos"; "ARALIK", "Aralık" -> "aralik"; "Sayılı" -> "sayili").
_DATE = (
    r"(?<!\d)(?P<day>[0-3]?\d)\s+(?P<month>" + "|".join(MONTHS_TR) + r")\s+(?P<year>(?:19|20)\d\d)"
)
_MUKERRER = r"(?P<mukerrer>\s*\(?\s*(?:\d\.\s*)?mukerrer)?"
_HEADING = re.compile(
    _DATE
    + r"\s+tarihli\s+ve\s+(?P<number>\d{1,6})\s+sayili\s+resmi\s+gazete"
    + r"(?!\s*['’])"  # "Resmî Gazete'de yayımlanan ...": prose citing an issue, not a heading
    + _MUKERRER
)
_NUMBER = re.compile(r"\bsayi\s*:\s*(?P<number>\d{1,6})" + _MUKERRER)
_ANY_DATE = re.compile(r"\b" + _DATE + r"\b")
_NEAR = 400  # characters between "Sayı: N" and the issue's date on a masthead, at most


@dataclass(frozen=True, slots=True)
class IssueIdentity:
    """The issue a gazette page says it is: its number, date (when printed) and mükerrer flag."""

    number: int
    date: dt.date | None
    mukerrer: bool = False


def issue_urls(ref: GazetteRef) -> list[str]:
    """Addresses of the issue `ref` cites, the most direct first; [] if none can be derived."""
    if ref.gazette is Gazette.RESMI_GAZETE:
        return _resmi_gazete_urls(ref)
    if ref.gazette is Gazette.NARODNE_NOVINE:
        return _narodne_novine_urls(ref)
    return []


def _resmi_gazete_urls(ref: GazetteRef) -> list[str]:
    if ref.number < 1:
        return []
    if ref.date is not None and ref.date.precision is Precision.DAY:
        day = ref.date.earliest()
        if day < RG_INDEX_FROM:
            return _scan_urls(ref.number, ref.mukerrer)
        return _index_urls(day, ref.mukerrer)
    estimate = expected_date(ref.number)
    if estimate.latest < RG_INDEX_FROM:
        return _scan_urls(ref.number, ref.mukerrer)
    days = _candidate_days(estimate.earliest, estimate.latest, ref)
    urls = [url for day in days for url in _index_urls(day, ref.mukerrer)]
    if estimate.earliest < RG_INDEX_FROM:  # the number may still belong to the scanned years
        urls += _scan_urls(ref.number, ref.mukerrer)
    return urls


def _candidate_days(earliest: dt.date, latest: dt.date, ref: GazetteRef) -> list[dt.date]:
    """Days from `earliest` to `latest` (the number's range) the index may be under, likeliest
    (nearest the model's point estimate) first; a printed month or year narrows them unless
    it leaves none, as when the note's month is the error."""
    middle = expected_date(ref.number).date
    if ref.date is not None:
        low, high = max(earliest, ref.date.earliest()), min(latest, ref.date.latest())
        if low <= high:
            earliest, latest = low, high
    earliest = max(earliest, RG_INDEX_FROM)
    days = [earliest + dt.timedelta(days=n) for n in range((latest - earliest).days + 1)]
    days.sort(key=lambda day: (abs((day - middle).days), day))
    return days[:MAX_CANDIDATE_DAYS]


def _scan_urls(number: int, mukerrer: bool) -> list[str]:
    # The archive names scans by the five-digit number; numbers below 10000 are assumed to be
    # zero-padded to five digits like the rest (not verified against the archive).
    regular = f"{RG_BASE}/arsiv/{number:05d}.pdf"
    return [f"{RG_BASE}/arsiv/{number:05d}_1.pdf", regular] if mukerrer else [regular]


def _index_urls(day: dt.date, mukerrer: bool) -> list[str]:
    stem = f"{RG_BASE}/eskiler/{day:%Y}/{day:%m}/{day:%Y%m%d}"
    # The day's regular index shares the mükerrer issue's number: second best for a mükerrer.
    return [f"{stem}M1.htm", f"{stem}.htm"] if mukerrer else [f"{stem}.htm"]


def _narodne_novine_urls(ref: GazetteRef) -> list[str]:
    if ref.year is None or ref.number < 1:
        return []
    urls = []
    if ref.item is not None:
        urls.append(f"{NN_BASE}/eli/medunarodni/{ref.year}/{ref.number}/{ref.item}")
        month = ref.date.month if ref.date is not None and ref.date.year == ref.year else None
        if month is not None:
            act = f"{ref.year}_{month:02d}_{ref.number}_{ref.item}"
            urls.append(f"{NN_BASE}/clanci/medunarodni/{act}.html")
    query = {
        "sortiraj": "4",
        "kategorija": NN_TREATIES_CATEGORY,
        "godina": str(ref.year),
        "broj": str(ref.number),
        "rpp": "200",
        "qtype": "1",
        "pretraga": "da",
    }
    urls.append(f"{NN_BASE}/search.aspx?{urlencode(query)}")
    return urls


def parse_issue_page(body: bytes, content_type: str) -> IssueIdentity | None:
    """The Resmî Gazete issue a daily index page or a scan's first page names, if any.

    Index pages are read whole, heading included, and decoded as `sources.text` decodes any
    page (their windows-1254 is found even when undeclared); a PDF only through the text layer
    of page 1 (no OCR), so a bare scan gives None. Prose that cites an issue ("... Sayılı Resmî
    Gazete'de yayımlanan") does not count as naming the page's own issue.
    """
    text = fold(visible_text(body, content_type, max_pages=1))
    text = " ".join(text.split())
    heading = _HEADING.search(text)
    if heading is not None:
        return IssueIdentity(
            number=int(heading.group("number")),
            date=_date_of(heading),
            mukerrer=bool(heading.group("mukerrer")),
        )
    number = _NUMBER.search(text)
    if number is None:
        return None
    dates = [
        (abs(match.start() - number.start()), match)
        for match in _ANY_DATE.finditer(text)
        if abs(match.start() - number.start()) <= _NEAR and _date_of(match) is not None
    ]
    nearest = min(dates, key=lambda pair: pair[0])[1] if dates else None
    return IssueIdentity(
        number=int(number.group("number")),
        date=_date_of(nearest) if nearest is not None else None,
        mukerrer=bool(number.group("mukerrer")),
    )


def _date_of(match: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(
            int(match.group("year")), MONTHS_TR[match.group("month")], int(match.group("day"))
        )
    except ValueError:
        return None
