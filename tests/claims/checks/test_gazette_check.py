"""gazette-date-mismatch: fires and near misses."""

from __future__ import annotations

HEAD = "Title\n\nIntroduction\n\nSigned.¹ Published.² Again.³\n\nNotes\n\n"


def _gazettes(*refs: str) -> str:
    return HEAD + "\n".join(f"{i}. *T.C. Resmî Gazete*, {r}." for i, r in enumerate(refs, 1)) + "\n"


def test_number_from_another_year_fires_and_names_both_right_values(run) -> None:
    findings = run("gazette-date-mismatch", _gazettes("No. 24755 (October 2, 2002)"))
    assert len(findings) == 1
    evidence = findings[0].evidence
    assert evidence["expected_date"] == "2002-05-14"
    assert abs(evidence["expected_number"] - 24894) <= 2


def test_number_that_fits_its_date_is_quiet_including_mukerrer(run) -> None:
    text = _gazettes(
        "No. 31559 (August 5, 2021)",
        "No. 29007 (mükerrer) (May 22, 2014)",
        "No. 21247 (June 3, 1992)",
    )
    assert run("gazette-date-mismatch", text) == []


def test_number_one_day_off_is_within_the_models_error_and_quiet(run) -> None:
    assert run("gazette-date-mismatch", _gazettes("No. 31560 (August 5, 2021)")) == []


def test_same_number_with_two_dates(run) -> None:
    findings = run(
        "gazette-date-mismatch",
        _gazettes("No. 26442 (February 22, 2007)", "No. 26442 (March 22, 2007)"),
    )
    kinds = sorted(f.notes for f in findings)
    assert kinds == [(1, 2), (2,)]


def test_date_before_the_first_issue(run) -> None:
    findings = run("gazette-date-mismatch", _gazettes("No. 12 (May 1, 1919)"))
    assert [f.evidence["printed_date"] for f in findings] == ["1919-05-01"]
