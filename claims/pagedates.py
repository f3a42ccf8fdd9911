"""Dates as a source page prints them, read against the page's own date.

A news item rarely prints every date in full: "16 Aralık'ta" and "October 7-8" take the
year of the page's date (or the year before, when that would put them well after it);
"bugün", "juče", "on Monday" are days counted from it; "01/29/2024" is read in the page's own
order (an unambiguous numeric date on the page, or its language, settles it) and a numeric
date that could be read both ways stays ambiguous: it can support a claim, never contradict
one. The page's date comes from its metadata, else from a dateline at the top of its text;
a date anywhere else (a photo caption, a founding year) is never taken for it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from claims import lexicon as lx
from claims.language import relative_days
from claims.normalize import find_dates_any, scan_yearless
from sources.dates import PartialDate
from sources.spans import Spans

LOOK_AHEAD = dt.timedelta(days=45)  # a yearless date this far after the page is last year's


@dataclass(frozen=True, slots=True)
class SourceDate:
    """A date found in a source, with how it was read."""

    date: PartialDate
    start: int
    end: int
    text: str
    how: str = ""  # "" (printed in full), "year from the page's date", "counted from ..."
    alternatives: tuple[PartialDate, ...] = ()  # other readings of an ambiguous numeric date
    certain: bool = True  # False: may support a claim, never contradict one


@dataclass(frozen=True, slots=True)
class YearlessDate:
    """A day and month printed without a year on a page whose date is unknown."""

    month: int
    day: int
    end_day: int | None
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class PageDate:
    date: dt.date | None
    source: str  # "metadata", "dateline" or "" (undated)


# --------------------------------------------------------------------------- the page's date

_DATELINE_LINES = 3
_DATELINE_CHARS = 240
# A dateline opens a line: "ANKARA, 29 Ocak 2024 -", "20.02.2024 14:05", "Tirana (AA) 20.02.2024":
# before the date at most a place name (one to three capitalised words) and an agency.
_AGENCY = re.compile(r"\([^()]{1,24}\)")
_SEPARATORS = " \t,;:–—-/|"


def _is_dateline_lead(lead: str) -> bool:
    if lead.strip() and not lead.rstrip().endswith(tuple(",:;–—-)/|")):
        return False  # "On 14 June 2021, ..." opens a sentence, not a dateline
    words = _AGENCY.sub(" ", lead).strip(_SEPARATORS).split()
    if len(words) > 3 or _AGENCY.sub("", lead).count(",") > 1:
        return False
    return all(w.strip(_SEPARATORS)[:1].isupper() for w in words if w.strip(_SEPARATORS))


def find_page_date(text: str, published: dt.date | None) -> PageDate:
    """The page's own date: its metadata's, else a full date in a dateline at the top of the
    text; else none (an undated page). A date further down is never the page's date."""
    if published is not None:
        return PageDate(published, "metadata")
    head = text[:_DATELINE_CHARS]
    lines = head.split("\n")[:_DATELINE_LINES]
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    # One search over the head (not one per line): the folding caches stay with the page.
    for found in find_dates_any(head):
        line = max(i for i, at in enumerate(line_starts) if at <= found.start)
        if line >= len(lines) or found.end > line_starts[line] + len(lines[line]):
            continue
        lead = head[line_starts[line] : found.start]
        if found.date.day is not None and _is_dateline_lead(lead):
            return PageDate(found.date.earliest(), "dateline")
    return PageDate(None, "")


# ------------------------------------------------------------------------- dates in the text

_NUMERIC = re.compile(r"(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d\d)(?![\d])")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _numeric_dates(text: str, lang: str) -> list[SourceDate]:
    """Numeric dates in the page's own order. Dots are always day first ("20.02.2024"); with
    slashes or hyphens a part above 12 tells the order, and the page's other unambiguous dates
    (or its language: day first but in English) settle the rest; else both readings stay."""
    raw = []
    for m in _NUMERIC.finditer(text):
        a, sep, b, year = int(m[1]), m[2], int(m[3]), int(m[4])
        raw.append((m, a, sep, b, year))
    votes = {"dmy": 0, "mdy": 0}
    for _, a, sep, b, _year in raw:
        if sep == ".":
            continue
        if a > 12 >= b:
            votes["dmy"] += 1
        elif b > 12 >= a:
            votes["mdy"] += 1
    order = (
        "dmy"
        if votes["dmy"] > votes["mdy"]
        else "mdy"
        if votes["mdy"] > votes["dmy"]
        else ("dmy" if lang and lang != "en" else "")
    )
    found = []
    for m, a, sep, b, year in raw:
        dmy = PartialDate(year, b, a) if _valid(year, b, a) else None
        mdy = PartialDate(year, a, b) if _valid(year, a, b) else None
        if sep == "." or mdy is None:
            readings = [dmy]
        elif dmy is None:
            readings = [mdy]
        elif dmy == mdy:
            readings = [dmy]
        elif order:
            readings = [dmy if order == "dmy" else mdy]
        else:
            readings = [dmy, mdy]
        readings = [r for r in readings if r is not None]
        if not readings:
            continue
        ambiguous = len(readings) > 1
        found.append(
            SourceDate(
                readings[0], m.start(), m.end(), m[0],
                "ambiguous: day or month first" if ambiguous else "",
                tuple(readings[1:]), certain=not ambiguous,
            )
        )  # fmt: skip
    return found


def find_source_dates(
    text: str, page_date: dt.date | None, lang: str
) -> tuple[list[SourceDate], list[YearlessDate]]:
    """Every date of a source's text read against the page's date (see the module doc), in
    order, without overlaps; and, on an undated page, the days and months printed without a
    year (they can only support a claim)."""
    found: list[SourceDate] = _numeric_dates(text, lang)
    taken = Spans((f.start, f.end) for f in found)  # a page may hold thousands of dates

    def free(start: int, end: int) -> bool:
        return not taken.overlaps(start, end)

    def take(date: SourceDate) -> None:
        found.append(date)
        taken.add(date.start, date.end)

    for f in find_dates_any(text):
        if free(f.start, f.end):
            take(SourceDate(f.date, f.start, f.end, f.text))
    folded = lx.folded(text)
    yearless: list[YearlessDate] = []
    for start, end, year, month, day, end_day in scan_yearless(folded):
        if year is not None or day is None or not free(start, end):
            continue
        if page_date is None:
            yearless.append(YearlessDate(month, day, end_day, start, end, text[start:end]))
            continue
        year = page_date.year
        if _valid(year, month, day) and dt.date(year, month, day) > page_date + LOOK_AHEAD:
            year -= 1
        if not _valid(year, month, day) or (end_day and not _valid(year, month, end_day)):
            continue
        take(
            SourceDate(
                PartialDate(year, month, day, end_day), start, end, text[start:end],
                f"year from the page's date ({page_date.isoformat()})",
            )
        )  # fmt: skip
    if page_date is not None and lang:
        # "6 Mayıs 2023 Cumartesi", "Monday, 7 October": a weekday beside a printed date (up
        # to three characters away) names that date, it is no day of its own.
        printed = Spans((f.start - 3, f.end + 4) for f in found)
        for rel in relative_days(folded.key, lang, page_date):
            start, end = folded.span(rel.start, rel.end)
            if free(start, end) and not printed.overlaps(start, end + 1):
                take(
                    SourceDate(
                        PartialDate(rel.day.year, rel.day.month, rel.day.day), start, end,
                        text[start:end], f"counted from the page's date ({page_date.isoformat()})",
                    )
                )  # fmt: skip
    return sorted(found, key=lambda f: f.start), yearless
