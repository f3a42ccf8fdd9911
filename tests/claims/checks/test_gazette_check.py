"""gazette-date-mismatch: fires and near misses."""

from __future__ import annotations

from pathlib import Path

from claims.article import Article, build_article
from claims.checks import run_checks
from claims.readers.text import read_text
from sources.model import LinkState, Source


def article(text: str) -> Article:
    return build_article(read_text(text), Path("t.txt"), "text", "0" * 64)


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


def _source(note: int, number: int, date: str) -> Source:
    return Source(
        url=f"https://rg.example/{number}",
        notes=(note,),
        state=LinkState.OK,
        extra={"issue": {"number": number, "date": date}},
    )


def test_the_issues_own_page_clears_a_doubt_or_confirms_it() -> None:
    art = article(_gazettes("No. 24755 (October 2, 2002)", "No. 31559 (August 5, 2021)"))
    wrong_page = [_source(1, 24894, "2002-10-02")]
    confirmed = run_checks(art, wrong_page, strict=True)
    gazette = [f for f in confirmed if f.kind == "gazette-date-mismatch"]
    assert [f.evidence["page_number"] for f in gazette] == [24894]
    cleared = run_checks(art, [_source(1, 24755, "2002-10-02")], strict=True)
    assert not [f for f in cleared if f.kind == "gazette-date-mismatch"]


def test_a_page_contradicting_a_number_the_model_tolerated_is_reported() -> None:
    art = article(_gazettes("No. 31560 (August 5, 2021)"))
    findings = run_checks(art, [_source(1, 31559, "2021-08-05")], strict=True)
    assert [f.evidence["page_number"] for f in findings if f.kind == "gazette-date-mismatch"] == [
        31559
    ]
