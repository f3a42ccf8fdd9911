"""The review page in a real headless Chromium: filters, the diff, decisions, and safety.

Uses Debian's /usr/bin/chromium through Playwright (`.ci/install-browser` installs both);
skipped with the reason when either is missing.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claims.findings import Finding, Location, Severity
from pipeline.decisions import DecisionStore, apply
from pipeline.review import ReviewServer
from reports.diff import diff_reports, fingerprint
from reports.html import render_html
from reports.model import Report, build_report, finding_json, report_json
from sources.model import LinkState, Source
from sources.text import extract_text

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample" / "danube-ports.txt"
SAMPLE_WARC = REPO / "sample" / "danube-ports.sources.warc.gz"
WHEN = dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)
MALICIOUS_PAGE = b"""<!DOCTYPE html><html><head>
<title>&lt;script&gt;window.__pwned = true&lt;/script&gt; Ferry news</title>
<script>window.__pwned = true</script></head>
<body onload="window.__pwned = true"><article>
<h1>Ferry agreement &lt;img src=x onerror="window.__pwned = true"&gt;</h1>
<p>The ministries signed the ferry agreement on May 4, 2021 in Vidin, opening a crossing.
&lt;script&gt;window.__pwned = true&lt;/script&gt; The ferries will run every two hours.</p>
<p>Officials said &lt;img src=x onerror="window.__pwned = true"&gt; that the crossing would
stay open all year, &lt;svg onload="window.__pwned = true"&gt; including in winter.</p>
</article></body></html>"""


def _run_sample(article: Path, archive: Path) -> Report:
    from claims.article import read_article
    from pipeline.stages import SourceOptions, check_article, check_claims, gather_sources

    shutil.rmtree(archive, ignore_errors=True)
    parsed = read_article(article)
    options = SourceOptions(archive=archive, online=False, imports=(SAMPLE_WARC,))
    sources = gather_sources(parsed, options, WHEN, lambda _: None)
    return check_article(parsed, sources, WHEN, check_claims(parsed, sources))


def _write(report: Report, out: Path, **render: Any) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report_json(report)), encoding="utf-8")
    page = out / "report.html"
    page.write_text(render_html(report, **render), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}; run .ci/install-browser (apt-get chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed; run .ci/install-browser"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=True)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Report]:
    """The sample, then the sample with one date fixed and one sentence added."""
    tmp = tmp_path_factory.mktemp("runs")
    first = _run_sample(SAMPLE, tmp / "archive1")
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("was signed on March 15, 2001", "was signed on March 12, 2001")
    text = text.replace(
        "Editors can find all of them before publication.",
        "Editors can find all of them before publication. "
        "The annex set a joint inspection regime for grain barges.",
    )
    (tmp / "danube-ports.txt").write_text(text, encoding="utf-8")
    return first, _run_sample(tmp / "danube-ports.txt", tmp / "archive2")


def _visible(page: Any, selector: str) -> int:
    return int(page.locator(selector).evaluate_all("els => els.filter(e => e.offsetParent).length"))


def test_filters_hide_and_show_findings_by_severity_and_kind(
    page: Any, runs: tuple[Report, Report], tmp_path: Path
) -> None:
    report = runs[0]
    page.goto(_write(report, tmp_path).as_uri())
    total = len(report.findings)
    errors = sum(f.severity is Severity.ERROR for f in report.findings)
    assert _visible(page, "#findings .finding") == total
    page.uncheck('#filters input[data-filter="severity"][value="error"]')
    assert _visible(page, "#findings .finding") == total - errors
    assert _visible(page, '#findings .finding[data-severity="error"]') == 0
    assert page.locator("#shown").inner_text() == str(total - errors)
    page.check('#filters input[data-filter="severity"][value="error"]')
    kind = report.findings[-1].kind
    page.uncheck(f'#filters input[data-filter="kind"][value="{kind}"]')
    assert _visible(page, f'#findings .finding[data-kind="{kind}"]') == 0
    assert _visible(page, f'#findings section.kind[data-kind="{kind}"]') == 0
    assert _visible(page, "#findings .finding") == total - sum(
        f.kind == kind for f in report.findings
    )
    assert _visible(page, ".decide") == 0  # no review server behind a file


def test_diff_between_two_runs_shows_a_new_and_a_resolved_finding(
    page: Any, runs: tuple[Report, Report], tmp_path: Path
) -> None:
    first, second = runs
    page.goto(_write(second, tmp_path, previous=report_json(first)).as_uri())
    # the call to the missing note 20 moved to the added sentence, which repeats an earlier one
    resolved = page.locator("#diff-resolved li").all_inner_texts()
    assert any("missing-note" in r and "Editors can find" in r for r in resolved)
    new = page.locator("#diff-new li").all_inner_texts()
    assert any("duplicate-sentence" in n for n in new)
    assert any("missing-note" in n and "grain barges" in n for n in new)
    expected = diff_reports(report_json(first), report_json(second))
    assert (len(new), len(resolved)) == (len(expected.new), len(expected.resolved))
    page.check('#filters input[data-filter="new"]')
    shown = page.locator("#findings .finding:not([hidden])")
    assert shown.count() == len(new)
    assert set(shown.evaluate_all("els => els.map(e => e.dataset.status)")) == {"new"}


def test_a_decision_clicked_in_the_served_page_survives_a_rerun(
    page: Any, runs: tuple[Report, Report], tmp_path: Path
) -> None:
    first, second = runs
    target = next(f for f in first.findings if f.kind == "note-order")
    fp = fingerprint(finding_json(target))
    _write(first, tmp_path / "out")
    with DecisionStore.open(tmp_path / "decisions.sqlite") as store:
        server = ReviewServer(tmp_path / "out", store).start()
        try:
            page.goto(server.url)
            card = page.locator(f"#f-{fp}")
            card.locator("input[name=reason]").fill("the order follows the printed edition")
            card.locator("button[value=dismissed]").click()
            page.locator(f"#f-{fp}[data-decision=dismissed]").wait_for()
            assert "dismissed" in card.locator(".result").inner_text()
        finally:
            server.stop()
    with DecisionStore.open(tmp_path / "decisions.sqlite") as store:
        decisions = store.all()
        kept, dismissed = apply(second.findings, store)
    assert decisions[fp].reason == "the order follows the printed edition"
    assert target in dismissed and target not in kept
    page.goto(_write(second, tmp_path / "rerun", decisions=decisions).as_uri())
    assert page.locator(f"#findings #f-{fp}").count() == 0
    assert page.locator(f"#dismissed #f-{fp}").count() == 1


def test_a_malicious_source_page_does_not_run_in_the_report(
    page: Any, runs: tuple[Report, Report], tmp_path: Path
) -> None:
    page.set_content("<script>window.__pwned = true</script>")  # the probe works
    assert page.evaluate("window.__pwned") is True
    base = runs[0]
    url = "https://evil.example/ferry"
    text = extract_text(MALICIOUS_PAGE, "text/html", url)
    assert "<script>window.__pwned = true</script>" in text.text
    evil = Source(url, (17,), LinkState.OK, detail=text.title, text=text, archived_text=text)
    finding = Finding(
        "claim-date-mismatch",
        Severity.WARNING,
        f"{url} has {text.title}",
        (17,),
        Location(0, 0, text.text.splitlines()[0]),
        {"source": url, "passage": text.text},
    )
    report = build_report(
        base.article, [*base.findings, finding], WHEN, base.checks, (*base.sources, evil)
    )
    page.goto(_write(report, tmp_path).as_uri())
    page.locator("#sources details.snapshot").evaluate_all("els => els.forEach(e => e.open = true)")
    page.wait_for_timeout(200)  # an onerror would fire on the failed image load by now
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#sources pre.snapshot-text").filter(has_text="window.__pwned").count() > 0
    with DecisionStore.open(tmp_path / "d.sqlite") as store:
        server = ReviewServer(tmp_path, store).start()
        try:
            page.goto(server.url)
            page.wait_for_selector("body[data-served=yes]")
            assert page.evaluate("window.__pwned") is None
        finally:
            server.stop()
