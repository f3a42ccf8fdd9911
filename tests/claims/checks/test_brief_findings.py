"""The manuscript checks on the brief's article, from its text and its PDF alike.

Every finding listed here was read and judged right by a person; a new finding (or a lost
one) fails the test until it is reviewed the same way.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from claims.article import read_article
from claims.checks import run_checks
from claims.findings import Finding

pytestmark = pytest.mark.brief

REVIEWED = [
    ("duplicate-sentence", (8,)),  # the Romania sentence printed twice
    ("unreferenced-note", (28,)),  # text lost at a page break ("signifi-" ... "by an additional")
    ("unreferenced-note", (29,)),
    ("gazette-date-mismatch", (54,)),  # No. 28104 is November 3, 2011, not January 15, 2016
    ("gazette-date-mismatch", (51, 54)),  # the same number printed with two dates
    ("note-date-mismatch", (57,)),  # TRT news of Dec 12, 2014 for a Dec 24, 2014 agreement
    ("note-date-mismatch", (75,)),  # Jan 29 source, Jan 30 agreement
    ("note-date-mismatch", (76,)),  # Feb 20 source, Feb 21 agreement
    ("note-date-mismatch", (87,)),  # 2023 sources for a March 2024 delivery
    ("citation-variant", (72, 98)),  # same URL, two titles: Sırbistan/Srbistan ...
    ("citation-variant", (72, 98)),  # ... and Vuçević/Vućević
    ("citation-variant", (21, 24, 26, 31, 34)),  # "Barışı" / "Barış"
    ("citation-variant", (21, 24, 31, 34, 58, 59)),  # Yalçınkaya / Yalçinkaya
    ("citation-variant", (1, 44, 114)),  # Firat / Fırat
    ("url-title-mismatch", (87,)),  # Albanian-army URL under a Kosovo title ...
    ("url-title-mismatch", (87,)),  # ... and an article id of early 2024 for a July 2023 date
    ("uncited-claim", ()),  # Montenegro (October 16, 2014) without a note
    ("broken-url", (74,)),  # "arasin-da"
    ("table-total-mismatch", ()),  # TOTAL row includes the header year
]


@cache
def _findings(path: Path) -> tuple[Finding, ...]:
    return tuple(run_checks(read_article(path), strict=True))


@pytest.fixture(params=["txt", "pdf"])
def brief_findings(
    request: pytest.FixtureRequest, brief_txt: Path, brief_pdf: Path
) -> tuple[Finding, ...]:
    return _findings(brief_txt if request.param == "txt" else brief_pdf)


def test_brief_report_flags_the_romania_sentence_printed_twice(brief_findings) -> None:
    dup = [f for f in brief_findings if f.kind == "duplicate-sentence"]
    assert len(dup) == 1
    assert dup[0].severity.value == "error"
    assert "Türkiye and Romania signed the Agreement on Education" in dup[0].location.text


def test_brief_report_flags_the_gazette_number_that_does_not_fit_its_date(brief_findings) -> None:
    gazette = [f for f in brief_findings if f.kind == "gazette-date-mismatch" and f.notes == (54,)]
    assert len(gazette) == 1
    assert gazette[0].evidence["expected_date"] == "2011-11-03"


def test_brief_report_holds_exactly_the_reviewed_findings(brief_findings) -> None:
    assert Counter((f.kind, f.notes) for f in brief_findings) == Counter(REVIEWED)


def test_brief_text_and_pdf_give_the_same_findings(brief_txt: Path, brief_pdf: Path) -> None:
    def key(findings: tuple[Finding, ...]) -> Counter[tuple[str, tuple[int, ...], str]]:
        return Counter((f.kind, f.notes, f.message) for f in findings)

    assert key(_findings(brief_txt)) == key(_findings(brief_pdf))
