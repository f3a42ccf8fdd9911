"""Dates with precision."""

from __future__ import annotations

import datetime as dt

from sources.dates import PartialDate, Precision, find_dates, parse_date


def test_precision_follows_what_is_printed() -> None:
    assert parse_date("(June 3, 1992)") == PartialDate(1992, 6, 3)
    assert parse_date("(December 2012)") == PartialDate(2012, 12)
    assert parse_date("Vol. 54, No. 1 (2000)") == PartialDate(2000)
    assert PartialDate(2012, 12).precision is Precision.MONTH


def test_day_range_keeps_its_end() -> None:
    date = parse_date("(March 6-7, 1998)")
    assert date == PartialDate(1998, 3, 6, 7)
    assert date.latest() == dt.date(1998, 3, 7)


def test_impossible_dates_are_not_dates() -> None:
    assert find_dates("February 30, 2020") == []


def test_month_bounds() -> None:
    assert PartialDate(2024, 2).latest() == dt.date(2024, 2, 29)
    assert PartialDate(2023, 12).latest() == dt.date(2023, 12, 31)
