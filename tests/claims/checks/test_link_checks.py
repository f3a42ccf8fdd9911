"""Source checks (link-*, content-drift, retrieved-date-mismatch) on hand-made sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from claims.article import Article, build_article
from claims.checks import CHECKS
from claims.findings import Severity
from claims.readers.text import read_text
from sources.model import ArchivedCopy, LinkState, PageText, Source, StateChange

TEXT = (
    "Title\n\nIntro\n\nThe deal was signed.¹ The port opened.²\n\nNotes\n\n"
    '1. "Deal Signed," *Herald*, (May 1, 2020), retrieved May 9, 2024, from <https://h.example/deal>.\n'
    '2. "Port Opens," *Herald*, (June 1, 2020), retrieved May 9, 2024, from <https://h.example/port>.\n'
)
T = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def article(text: str) -> Article:
    return build_article(read_text(text), Path("t.txt"), "text", "0" * 64)


def run(check_id: str, *sources: Source):  # type: ignore[no-untyped-def]
    return list(CHECKS[check_id].check(article(TEXT), sources))


def src(url: str = "https://h.example/deal", state: LinkState = LinkState.OK, **kw) -> Source:  # type: ignore[no-untyped-def]
    return Source(url=url, notes=(1,) if "deal" in url else (2,), state=state, **kw)


def test_dead_link_is_an_error_and_names_the_archived_copy() -> None:
    copy = ArchivedCopy(
        "https://web.archive.example/2024/h.example/deal", "https://h.example/deal", T
    )
    findings = run("link-dead", src(state=LinkState.DEAD, detail="HTTP 404", archived_copy=copy))
    assert [(f.severity, f.notes) for f in findings] == [(Severity.ERROR, (1,))]
    assert copy.url in findings[0].message
    assert findings[0].location.text == "The deal was signed."


def test_failing_link_is_a_warning_and_ok_links_are_quiet() -> None:
    assert [f.severity for f in run("link-dead", src(state=LinkState.FAILING))] == [
        Severity.WARNING
    ]
    assert run("link-dead", src(), src("https://h.example/port")) == []


def test_soft_404_blocked_redirected_each_fire_only_on_their_state() -> None:
    sources = [src(state=LinkState.SOFT_404), src("https://h.example/port", LinkState.BLOCKED)]
    assert [f.notes for f in run("link-soft-404", *sources)] == [(1,)]
    assert [f.notes for f in run("link-blocked", *sources)] == [(2,)]
    assert run("link-redirected", *sources) == []


def test_no_network_gives_one_finding_not_one_per_source() -> None:
    sources = [
        src(state=LinkState.UNREACHABLE, detail="no network: dns"),
        src("https://h.example/port", LinkState.UNREACHABLE, detail="no network: dns"),
    ]
    findings = run("link-unreachable", *sources)
    assert len(findings) == 1 and findings[0].evidence["notes"] == [1, 2]


def test_one_timeout_among_reachable_sources_is_reported_for_that_source() -> None:
    sources = [src(state=LinkState.UNREACHABLE, detail="timeout"), src("https://h.example/port")]
    assert [f.notes for f in run("link-unreachable", *sources)] == [(1,)]


def test_content_drift_over_the_threshold_only() -> None:
    assert len(run("content-drift", src(drift=0.6))) == 1
    assert run("content-drift", src(drift=0.1)) == []


def test_retrieved_before_the_page_was_published() -> None:
    late = src(text=PageText("...", published=dt.date(2024, 6, 2)))
    assert [f.notes for f in run("retrieved-date-mismatch", late)] == [(1,)]
    early = src(text=PageText("...", published=dt.date(2020, 5, 1)))
    assert run("retrieved-date-mismatch", early) == []


def test_retrieved_after_the_page_was_already_dead() -> None:
    dead = src(
        state=LinkState.DEAD,
        history=(
            StateChange(
                "https://h.example/deal",
                dt.datetime(2023, 1, 1, tzinfo=dt.UTC),
                LinkState.DEAD,
                404,
            ),
        ),
    )
    assert [f.evidence["dead_since"] for f in run("retrieved-date-mismatch", dead)] == [
        "2023-01-01"
    ]
