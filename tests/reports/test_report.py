"""report.json (schema, contract) and report.md (grouping, quoting, escaping, appendix)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from claims.article import build_article, read_article
from claims.checks import checks_for, run_checks
from claims.findings import Finding, Location, Severity
from claims.readers.text import read_text
from pipeline.cli import main
from reports.model import build_report, load_schema, report_json
from reports.render import render_markdown

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample" / "danube-ports.txt"
WHEN = dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)
ARTICLE_CHECK_IDS = tuple(c.id for c in checks_for(None))


def _sample_report():  # type: ignore[no-untyped-def]
    article = read_article(SAMPLE)
    return build_report(article, run_checks(article, strict=True), WHEN, ARTICLE_CHECK_IDS)


def test_report_json_follows_the_schema() -> None:
    data = report_json(_sample_report())
    jsonschema.validate(data, load_schema())
    assert data["generated_at"] == "2026-01-02T03:04:00+00:00"
    assert {"article", "notes", "claims", "sources", "findings"} <= data.keys()


@pytest.mark.parametrize("name", ["lighthouse.md", "harbour.xml", "ftn-export.html"])
def test_reports_on_other_formats_follow_the_schema(name: str) -> None:
    article = read_article(REPO / "tests" / "data" / "formats" / name)
    report = build_report(article, run_checks(article), WHEN, ARTICLE_CHECK_IDS)
    data = report_json(report)
    jsonschema.validate(data, load_schema())
    assert data["article"]["format"] == article.format


def test_sample_findings_match_golden(golden) -> None:  # type: ignore[no-untyped-def]
    findings = [
        {
            "kind": f["kind"],
            "severity": f["severity"],
            "notes": f["notes"],
            "sentence": f["location"]["sentence"],
        }
        for f in report_json(_sample_report())["findings"]
    ]
    golden("danube-ports.findings.json", findings)


def test_sample_shows_every_manuscript_kind() -> None:
    assert {f.kind for f in _sample_report().findings} == set(ARTICLE_CHECK_IDS)


def test_markdown_groups_by_severity_quotes_and_ends_with_the_appendix() -> None:
    text = render_markdown(_sample_report())
    assert text.index("## Errors") < text.index("## Warnings")
    assert "### missing-note" in text
    assert "   > Editors can find all of them before publication." in text
    appendix = text[text.index("## Appendix: the checks") :]
    for check_id in ARTICLE_CHECK_IDS:
        assert f"### {check_id}" in appendix


def test_markdown_escapes_text_from_the_article() -> None:
    hostile = "Title\n\nIntro\n\nA claim with <script>alert(1)</script> and [a](javascript:x) in it.¹\n\nNotes\n\n1. *S*, (2020).\n"
    article = build_article(read_text(hostile), Path("h.txt"), "text", "0" * 64)
    finding = Finding(
        "missing-note",
        Severity.ERROR,
        "see <b>this</b>",
        location=Location(0, 0, article.sentences[0].text),
    )
    text = render_markdown(build_report(article, [finding], WHEN, ("missing-note",)))
    assert "<script>" not in text and "<b>" not in text and "](javascript" not in text


def test_generated_at_must_be_timezone_aware() -> None:
    article = read_article(SAMPLE)
    with pytest.raises(ValueError):
        build_report(article, [], dt.datetime(2026, 1, 1), ())


def test_verify_writes_report_and_exit_status_follows_fail_on(tmp_path: Path) -> None:
    out = tmp_path / "out"
    quiet = ["--direct", "--no-sources", "--decisions", str(tmp_path / "d.sqlite")]
    assert main(["verify", str(SAMPLE), "--out", str(out), *quiet]) == 0
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["summary"]["error"] >= 1
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# citewatch report")
    assert main(["verify", str(SAMPLE), "--out", str(out), *quiet, "--fail-on", "error"]) == 1
    assert main(["verify", str(SAMPLE), "--out", str(out), *quiet, "--fail-on", "warning"]) == 1


def test_fail_on_is_quiet_when_nothing_that_bad_is_found(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Title\n\nIntro\n\nA sentence.¹\n\nNotes\n\n1. *Source*, (2020).\n")
    quiet = ["--direct", "--no-sources", "--decisions", str(tmp_path / "d.sqlite")]
    assert (
        main(["verify", str(clean), "--out", str(tmp_path / "o"), *quiet, "--fail-on", "warning"])
        == 0
    )
