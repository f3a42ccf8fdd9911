"""Which Resmî Gazete issue number belongs to which date, from dated anchors and holidays.

Issue 1 appeared on 7 October 1920. From 1970 the gazette appears every day except on national
and religious holidays, and from 18 May 2009 an issue may also appear on a holiday; a repeated
(mükerrer) issue shares the number of that day's regular issue. Between two anchors (known
date/number pairs, `data/resmi-gazete-anchors.csv`) the number therefore advances by at least
the number of non-holiday days ("must" days) and by at most the number of days that may carry an
issue ("may" days), never by more than the calendar days. Each neighbouring anchor bounds the
number from its side; the range is the intersection, widened by `DRIFT` per must-day for what the
holiday calendar gets wrong, so it widens with the distance when extrapolating. Before 1970 only
the calendar bound holds, so ranges there are wide. The point estimate interpolates on must-days.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import holidays

from sources.gazettes import Gazette, GazetteRef

FIRST_ISSUE_DATE = dt.date(1920, 10, 7)
DAILY_FROM = dt.date(1970, 1, 1)
HOLIDAY_ISSUES_FROM = dt.date(2009, 5, 18)
_HOLIDAY_YEARS = range(DAILY_FROM.year, 2100)

# Allowance per must-day for holiday-calendar errors (a day the calendar counts as a working day
# without an issue, or a pre-2009 holiday issue). Between consecutive anchors the observed count
# falls short of the must-days once (1995-09-07 -> 1996-04-03: 203 issues in 204 must-days) and
# exceeds the pre-2009 may-days by at most 3 in 664 (1991-02-08 -> 1992-12-26); 1% covers both
# with room to spare, and becomes the widening margin when extrapolating past the anchors.
DRIFT = 0.01
# Slack `fits` adds on each side of the range before calling a number impossible. Leave-one-out
# over the 327 anchors (each predicted from the others; tests/sources/test_gazette_calendar.py)
# leaves every anchor inside its range (largest excess 0; widths median 1, max 14) with point
# errors of at most 3 (95th percentile 0, 99th 1; the 3 is the first anchor, extrapolated 687 days
# back). Removing every anchor within 1500 days of the one predicted still gives excess 0. The
# tolerance is that largest point error, 3 issues (about three days): room for one wrong anchor
# or a holiday the calendar lacks, while a wrong year or a transposed digit is still caught.
TOLERANCE = 3


@dataclass(frozen=True, slots=True, order=True)
class Anchor:
    """A date and issue number known to belong together."""

    date: dt.date
    number: int
    mukerrer: bool = False


FIRST_ISSUE = Anchor(FIRST_ISSUE_DATE, 1)


@dataclass(frozen=True, slots=True)
class NumberEstimate:
    """The issue expected on `date`: `number`, surely within `low`..`high` if the anchors hold.

    On a day without an issue (a holiday before 18 May 2009) the numbers are those of the last
    issue before it. `holiday` names the public holiday on `date`, if any.
    """

    date: dt.date
    number: int
    low: int
    high: int
    anchors: tuple[Anchor, ...]
    holiday: str | None = None


@dataclass(frozen=True, slots=True)
class DateEstimate:
    """The date expected for issue `number`, surely within `earliest`..`latest`."""

    number: int
    date: dt.date
    earliest: dt.date
    latest: dt.date
    anchors: tuple[Anchor, ...]


@dataclass(frozen=True, slots=True)
class Availability:
    """Whether an issue can be dated `date`; falsy, with the reason, when it cannot."""

    date: dt.date
    possible: bool
    reason: str | None = None

    def __bool__(self) -> bool:
        return self.possible


@cache
def load_anchors() -> tuple[Anchor, ...]:
    """The packaged anchors, sorted by date (read once)."""
    text = resources.files("sources").joinpath("data/resmi-gazete-anchors.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return tuple(
        sorted(
            Anchor(dt.date.fromisoformat(r["date"]), int(r["number"]), r["mukerrer"] == "yes")
            for r in rows
        )
    )


@cache
def _calendar() -> holidays.HolidayBase:
    return holidays.country_holidays("TR", years=_HOLIDAY_YEARS, expand=False)


@cache
def _holiday_dates() -> tuple[dt.date, ...]:
    return tuple(sorted(_calendar()))


def _must(day: dt.date) -> int:
    """Non-holiday days from 1970 up to and including `day`: each carries a new number."""
    if day < DAILY_FROM:
        return 0
    return (day - DAILY_FROM).days + 1 - bisect_right(_holiday_dates(), day)


def _may(day: dt.date) -> int:
    """Days from issue 1 up to and including `day` that may carry a new number."""
    closed = bisect_right(_holiday_dates(), min(day, HOLIDAY_ISSUES_FROM - dt.timedelta(days=1)))
    return (day - FIRST_ISSUE_DATE).days + 1 - closed


def _margin(must_days: int) -> int:
    return math.ceil(must_days * DRIFT)


def _neighbours(day: dt.date, anchors: Sequence[Anchor]) -> tuple[Anchor, Anchor | None]:
    index = bisect_right(anchors, day, key=lambda a: a.date)
    before = anchors[index - 1] if index else FIRST_ISSUE
    after = anchors[index] if index < len(anchors) else None
    if after is not None and after.date == day:
        return after, None
    return before, after


def expected_number(date: dt.date, anchors: Sequence[Anchor] | None = None) -> NumberEstimate:
    """The issue number expected on `date` (a date before issue 1 gets the range 0..0)."""
    if date < FIRST_ISSUE_DATE:
        return NumberEstimate(date, 0, 0, 0, ())
    known = load_anchors() if anchors is None else tuple(sorted(anchors))
    before, after = _neighbours(date, known)
    holiday = _calendar().get(date) if date >= DAILY_FROM else None
    must = _must(date) - _must(before.date)
    may = min((date - before.date).days, _may(date) - _may(before.date) + _margin(must))
    lows, highs = [before.number + must - _margin(must)], [before.number + may]
    if after is not None:
        must = _must(after.date) - _must(date)
        may = min((after.date - date).days, _may(after.date) - _may(date) + _margin(must))
        lows.append(after.number - may)
        highs.append(after.number - must + _margin(must))
    low, high = max(max(lows), 1), min(highs)
    if low > high:  # the anchors disagree: keep everything either side allows
        low, high = max(min(lows), 1), max(highs)
    if after is not None and before is not FIRST_ISSUE:
        span = _must(after.date) - _must(before.date)
        share = (_must(date) - _must(before.date)) / span if span else 0.0
        point = before.number + round((after.number - before.number) * share)
    elif after is not None:
        point = after.number - (_must(after.date) - _must(date))
        if date < DAILY_FROM:  # a straight line from issue 1 to the number expected in 1970
            share = (date - FIRST_ISSUE_DATE).days / (DAILY_FROM - FIRST_ISSUE_DATE).days
            point = 1 + round((point - 1) * share)
    else:
        point = before.number + _must(date) - _must(before.date)
    used = (before,) if after is None else (before, after)
    return NumberEstimate(date, min(max(point, low), high), low, high, used, holiday)


def expected_date(number: int, anchors: Sequence[Anchor] | None = None) -> DateEstimate:
    """The date expected for issue `number`, searched through `expected_number`."""
    if number < 1:
        raise ValueError(f"Resmî Gazete issue numbers start at 1, not {number}")
    known = load_anchors() if anchors is None else tuple(sorted(anchors))
    start = FIRST_ISSUE_DATE.toordinal()
    last = known[-1] if known else FIRST_ISSUE
    stop = max(last.date.toordinal(), start) + 2 * max(number - last.number, 0) + 60
    stop = min(stop, dt.date.max.toordinal())
    days = range(start, stop)

    def estimate(ordinal: int) -> NumberEstimate:
        return expected_number(dt.date.fromordinal(ordinal), known)

    first = min(bisect_left(days, number, key=lambda o: estimate(o).high), len(days) - 1)
    last_index = max(bisect_right(days, number, key=lambda o: estimate(o).low) - 1, first)
    middle = bisect_left(days, number, first, last_index, key=lambda o: estimate(o).number)
    return DateEstimate(
        number,
        dt.date.fromordinal(days[middle]),
        dt.date.fromordinal(days[first]),
        dt.date.fromordinal(days[last_index]),
        estimate(days[middle]).anchors,
    )


def fits(
    number: int, date: dt.date, mukerrer: bool = False, anchors: Sequence[Anchor] | None = None
) -> bool:
    """False only when `number` is clearly impossible on `date` (beyond range ± `TOLERANCE`).

    `mukerrer` changes nothing: a repeated issue carries that day's regular number.
    """
    estimate = expected_number(date, anchors)
    return _within(number, estimate, estimate)


def fits_ref(ref: GazetteRef, anchors: Sequence[Anchor] | None = None) -> bool:
    """`fits` for a parsed reference; a month or year fits if any day in it would."""
    if ref.gazette is not Gazette.RESMI_GAZETE or ref.date is None:
        return True
    first = expected_number(ref.date.earliest(), anchors)
    return _within(ref.number, first, expected_number(ref.date.latest(), anchors))


def _within(number: int, first: NumberEstimate, last: NumberEstimate) -> bool:
    return last.high > 0 and first.low - TOLERANCE <= number <= last.high + TOLERANCE


def can_appear_on(date: dt.date, today: dt.date | None = None) -> Availability:
    """Whether any issue can bear `date`: not before issue 1, not after `today` when given."""
    if date < FIRST_ISSUE_DATE:
        reason = f"{date.isoformat()} is before the first issue (7 October 1920)"
        return Availability(date, False, reason)
    if today is not None and date > today:
        return Availability(date, False, f"{date.isoformat()} is after {today.isoformat()}")
    return Availability(date, True)
