"""Dates as printed in notes, with their precision: day, month or year."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from sources.spans import Spans


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date known to a day, a month or a year; `end_day` closes a range (6-7 March)."""

    year: int
    month: int | None = None
    day: int | None = None
    end_day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def isoformat(self) -> str:
        """``1992-06-03``, ``2012-12`` or ``2000``, as in EDTF and CSL-JSON's date-parts."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def date_parts(self) -> list[int]:
        return [p for p in (self.year, self.month, self.day) if p is not None]

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            next_month = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return next_month - dt.timedelta(days=1)
        return dt.date(self.year, self.month, self.end_day or self.day)

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts[:3])


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:\s*[-–]\s*(?P<end>[0-3]?\d))?"

# "June 3, 1992", "March 6-7, 1998", "3 June 1992", "December 2012", "1992-06-03".
_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
]


@dataclass(frozen=True, slots=True)
class FoundDate:
    date: PartialDate
    start: int
    end: int
    text: str


def _build(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    month_text = groups.get("month")
    month = None
    if month_text:
        month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
    day = int(groups["day"]) if groups.get("day") else None
    end = int(groups["end"]) if groups.get("end") else None
    year = int(groups["year"])
    try:
        dt.date(year, month or 1, day or 1)
        if end is not None:
            dt.date(year, month or 1, end)
    except ValueError:
        return None
    return PartialDate(year, month, day, end)


def find_dates(text: str) -> list[FoundDate]:
    """Every full or month-precision date in `text`, in order, without overlaps."""
    found: list[FoundDate] = []
    taken = Spans()
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if taken.overlaps(*span):
                continue
            date = _build(match)
            if date is not None:
                taken.add(*span)
                found.append(FoundDate(date, span[0], span[1], match.group(0)))
    return sorted(found, key=lambda f: f.start)


def parse_date(text: str) -> PartialDate | None:
    """The first date in `text`, falling back to a bare year such as ``(2000)``."""
    dates = find_dates(text)
    if dates:
        return dates[0].date
    year = re.search(r"(?<![\d/-])(1[5-9]\d\d|20\d\d)(?![\d/-])", text)
    return PartialDate(int(year.group(1))) if year else None


def one_part_differs(a: PartialDate, b: PartialDate) -> bool:
    """Two full dates on the same day of the month that differ in the year or the month only:
    the mark of a slip of the pen (2019-06-02 printed as 2020-06-02). Days apart in one month
    are a posting lag or an update, and an update or a reissue moves more than one part."""
    if a.day is None or b.day is None or a.day != b.day:
        return False
    return (a.year != b.year) != (a.month != b.month)
