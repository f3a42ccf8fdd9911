"""A flood of one kind of finding collapses into examples and one summary finding."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from claims.article import read_article
from claims.checks import FLOOD, FLOOD_EXAMPLES, FLOOD_STOP, collapse_flood, run_checks
from claims.findings import Finding, Severity

PARAGRAPH = (
    "On February 20, 1992, Türkiye and Romania signed a defence cooperation agreement in "
    "Ankara.¹ The two ministries met again later that year to sign the protocol.\n\n"
)
NOTE = '1. "Story," *Herald*, (May 1, 2024), retrieved May 9, 2024, from <https://example.org/a>.'


def test_a_paragraph_repeated_300_times_gives_examples_and_one_summary(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(f"Title\n\nIntro\n\n{PARAGRAPH * 300}Notes\n\n{NOTE}\n", encoding="utf-8")
    findings = run_checks(read_article(path), strict=True)
    duplicates = [f for f in findings if f.kind == "duplicate-sentence"]
    assert len(duplicates) == FLOOD_EXAMPLES + 1
    (summary,) = [f for f in duplicates if f.evidence.get("flood")]
    assert summary.evidence["found"] == 2 * 299  # each copy once, against the copy before it
    assert summary.severity is Severity.ERROR and "598" in summary.message
    assert max(Counter(f.kind for f in findings).values()) <= FLOOD


def _many(count: int) -> object:
    for i in range(count):
        yield Finding("link-dead", Severity.INFO if i else Severity.WARNING, f"dead {i}", (i,))


def test_a_few_findings_pass_unchanged_and_an_endless_check_is_read_no_further() -> None:
    few = collapse_flood("link-dead", _many(FLOOD))  # type: ignore[arg-type]
    assert [f.message for f in few] == [f"dead {i}" for i in range(FLOOD)]
    endless = collapse_flood("link-dead", _many(10**9))  # type: ignore[arg-type]
    summary = endless[-1]
    assert len(endless) == FLOOD_EXAMPLES + 1 and summary.evidence["stopped"]
    assert f"over {FLOOD_STOP:,}" in summary.message and summary.severity is Severity.INFO
