"""The Resmî Gazete number/date model: leave-one-out over the anchors, known right and wrong pairs."""

from __future__ import annotations

import datetime as dt

import pytest

from sources.gazette_calendar import (
    TOLERANCE,
    can_appear_on,
    expected_date,
    expected_number,
    fits,
    fits_ref,
    load_anchors,
)
from sources.gazettes import GazetteRef, parse_gazette_ref

D = dt.date


def _leave_one_out() -> list[tuple[int, int, int, int]]:
    """(true number, point estimate, low, high) for each anchor predicted from all the others."""
    anchors = load_anchors()
    results = []
    for index, anchor in enumerate(anchors):
        others = anchors[:index] + anchors[index + 1 :]
        estimate = expected_number(anchor.date, others)
        results.append((anchor.number, estimate.number, estimate.low, estimate.high))
    return results


def test_packaged_anchors_load_sorted_with_mukerrer_flags() -> None:
    anchors = load_anchors()
    assert len(anchors) == 327
    assert [a.date for a in anchors] == sorted(a.date for a in anchors)
    assert sum(a.mukerrer for a in anchors) == 5


def test_leave_one_out_raises_no_false_alarm() -> None:
    anchors = load_anchors()
    for index, anchor in enumerate(anchors):
        others = anchors[:index] + anchors[index + 1 :]
        assert fits(anchor.number, anchor.date, anchor.mukerrer, others), anchor


def test_leave_one_out_ranges_contain_every_anchor_and_points_stay_close() -> None:
    results = _leave_one_out()
    assert all(low <= number <= high for number, _, low, high in results)
    errors = sorted(abs(point - number) for number, point, _, _ in results)
    assert errors[-1] <= TOLERANCE
    assert errors[int(0.95 * len(errors))] <= 1


def test_anchors_are_their_own_exact_estimate() -> None:
    for anchor in load_anchors():
        estimate = expected_number(anchor.date)
        assert (estimate.number, estimate.low, estimate.high) == (anchor.number,) * 3


@pytest.mark.parametrize(
    ("number", "date"),
    [
        (31559, D(2021, 8, 5)),
        (24755, D(2002, 5, 14)),
        (28104, D(2011, 11, 3)),
        (21788, D(1993, 12, 14)),
        (25516, D(2004, 7, 8)),
    ],
)
def test_known_right_pairs_fit(number: int, date: dt.date) -> None:
    assert fits(number, date)
    estimate = expected_number(date)
    assert estimate.low <= number <= estimate.high


@pytest.mark.parametrize(
    ("number", "date"),
    [
        (28104, D(2016, 1, 15)),  # 28104 belongs to early November 2011
        (24755, D(2002, 10, 2)),  # 24755 belongs to 14 May 2002
        (31559, D(2020, 8, 5)),  # right day, wrong year
    ],
)
def test_clearly_wrong_pairs_do_not_fit(number: int, date: dt.date) -> None:
    assert not fits(number, date)


def test_a_number_a_few_issues_outside_the_range_still_fits_but_a_week_off_does_not() -> None:
    estimate = expected_number(D(2021, 8, 5))
    assert fits(estimate.high + TOLERANCE, D(2021, 8, 5))
    assert not fits(estimate.high + 7, D(2021, 8, 5))
    assert not fits(estimate.low - 7, D(2021, 8, 5))


def test_expected_date_of_28104_is_early_november_2011() -> None:
    estimate = expected_date(28104)
    assert abs((estimate.date - D(2011, 11, 3)).days) <= 3
    assert estimate.earliest <= D(2011, 11, 3) <= estimate.latest


def test_expected_date_and_expected_number_agree() -> None:
    for number in (21247, 24755, 29865, 31559):
        estimate = expected_date(number)
        assert expected_number(estimate.date).low <= number <= expected_number(estimate.date).high


def test_mukerrer_issue_carries_the_days_regular_number() -> None:
    assert fits(29007, D(2014, 5, 22), mukerrer=True) == fits(29007, D(2014, 5, 22))
    assert fits(29865, D(2016, 10, 22), mukerrer=True)
    assert expected_number(D(2016, 10, 22)).number == 29865
    assert not fits(29865, D(2017, 10, 22), mukerrer=True)


def test_before_1920_10_07_no_issue_can_appear() -> None:
    assert not can_appear_on(D(1920, 10, 6))
    assert can_appear_on(D(1920, 10, 6)).reason
    assert can_appear_on(D(1920, 10, 7))
    assert not fits(100, D(1919, 5, 19))
    assert expected_number(D(1920, 10, 7)).number == 1


def test_future_is_judged_against_the_date_passed_in() -> None:
    assert can_appear_on(D(2030, 1, 1))
    assert not can_appear_on(D(2030, 1, 1), today=D(2025, 6, 1))
    assert can_appear_on(D(2025, 6, 1), today=D(2025, 6, 1))


def test_ranges_widen_with_distance_beyond_the_anchors() -> None:
    near = expected_number(D(2025, 2, 1))
    far = expected_number(D(2027, 2, 1))
    assert far.high - far.low > near.high - near.low
    assert near.low > 32766


def test_holiday_is_named_and_pre_2009_holiday_has_no_new_number() -> None:
    eve, holiday = expected_number(D(2006, 10, 28)), expected_number(D(2006, 10, 29))
    assert holiday.holiday is not None and eve.holiday is None
    assert holiday.number == eve.number


def _ref(text: str) -> GazetteRef:
    ref = parse_gazette_ref(text)
    assert ref is not None, text
    return ref


def test_parsed_references_are_judged_over_their_printed_precision() -> None:
    assert fits_ref(_ref("*T.C. Resmi Gazete*, No. 29007 (mükerrer) (May 22, 2014)"))
    assert fits_ref(_ref("T.C. Resmi Gazete, No. 28104 (November 2011)"))
    assert fits_ref(_ref("T.C. Resmi Gazete, No. 28104 (2011)"))
    assert not fits_ref(_ref("T.C. Resmi Gazete, No. 28104 (January 15, 2016)"))
    assert not fits_ref(_ref("T.C. Resmi Gazete, No. 28104 (January 2016)"))
    assert fits_ref(_ref("Narodne novine, No. 1/2004 (1), January 2004"))
