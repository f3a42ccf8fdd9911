"""The review page in a real headless Chromium: filters, the diff, decisions, the keyboard,
accessibility (axe-core), a law review, a 400-note article's speed, and safety.

Uses Debian's /usr/bin/chromium through Playwright and axe-core from npm (`.ci/install-browser`
installs all three); skipped with the reason when one is missing.
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
from tests.articles import SUPERSCRIPT

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
AXE = REPO / ".ci" / "node_modules" / "axe-core" / "axe.min.js"
LAWREVIEW = (
    REPO.parent
    / "shared"
    / "corpus"
    / "lawreviews"
    / "harvard_law_review_Background_Principles_And_The_General_Law_Of_Property.html"
)
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


def _shown(page: Any) -> list[dict[str, str]]:
    return page.locator("#items > li:not([hidden])").evaluate_all(
        "els => els.map(e => Object.assign({}, e.dataset))"
    )


def _filter(page: Any, name: str, value: str) -> None:
    page.select_option(f"#filters-form select[name={name}]", value)


def test_filters_by_type_verdict_kind_severity_decision_and_text(
    page: Any, runs: tuple[Report, Report], tmp_path: Path
) -> None:
    report = runs[0]
    page.goto(_write(report, tmp_path).as_uri())
    page.wait_for_selector("body[data-ready=yes]")
    everything = _shown(page)
    assert sum(r["type"] == "finding" for r in everything) == len(report.findings)
    assert sum(r["type"] == "claim" for r in everything) == len(report.claims)
    _filter(page, "verdict", "supported")
    shown = _shown(page)
    supported = sum(c.verdict.value == "supported" for c in report.claims)
    assert shown and {r["verdict"] for r in shown} == {"supported"}
    assert sum(r["type"] == "claim" for r in shown) == supported
    assert page.locator("#shown").inner_text() == str(len(shown))
    _filter(page, "verdict", "")
    _filter(page, "severity", "error")
    errors = sum(f.severity is Severity.ERROR for f in report.findings)
    assert len(_shown(page)) == errors
    _filter(page, "severity", "")
    kind = report.findings[-1].kind
    _filter(page, "kind", kind)
    assert len(_shown(page)) == sum(f.kind == kind for f in report.findings)
    _filter(page, "kind", "")
    _filter(page, "decision", "undecided")
    assert len(_shown(page)) == len(report.findings)  # nothing decided in a static page
    _filter(page, "decision", "")
    page.fill("#q", "Vidin Calafat")
    shown = _shown(page)
    assert shown and len(shown) < len(everything)
    for row in shown:
        text = page.evaluate(
            "id => window.citewatchDetail(id).textContent",
            row["item"],
        )
        text += page.locator(f"li[data-item={row['item']}]").text_content() or ""
        assert "vidin" in text.lower() and "calafat" in text.lower()
    assert _visible(page, ".decide") == 0  # no review server behind a file


def test_notes_render_italics_and_links_in_the_browser(
    page: Any, runs: tuple[Report, Report], tmp_path: Path
) -> None:
    page.goto(_write(runs[0], tmp_path).as_uri())
    italic = page.locator("#note-3 em")
    assert italic.count() == 1 and "*" not in (page.locator("#note-3").inner_text())
    assert italic.evaluate("e => getComputedStyle(e).fontStyle") == "italic"


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
    _filter(page, "status", "new")
    shown = _shown(page)
    assert len(shown) == len(new)
    assert {r["status"] for r in shown} == {"new"}


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
            page.wait_for_selector("body[data-served=yes]")
            page.fill("#reviewer", "Ana Editor")
            page.locator(f"li[data-item=f-{fp}] a").click()
            card = page.locator(f"#f-{fp}")
            card.locator("input[name=reason]").fill("the order follows the printed edition")
            card.locator("button[data-decide=dismissed]").click()
            page.locator(f"#f-{fp}[data-decision=dismissed]").wait_for()
            assert "Dismissed by Ana Editor" in card.locator(".decision-now").inner_text()
        finally:
            server.stop()
    with DecisionStore.open(tmp_path / "decisions.sqlite") as store:
        decisions = store.all()
        kept, dismissed = apply(second.findings, store)
    assert decisions[fp].reason == "the order follows the printed edition"
    assert decisions[fp].reviewer == "Ana Editor"
    assert target in dismissed and target not in kept
    page.goto(_write(second, tmp_path / "rerun", decisions=decisions).as_uri())
    assert page.locator(f"li[data-item=f-{fp}][data-decision=dismissed]").count() == 1
    page.locator(f"li[data-item=f-{fp}] a").click()
    assert "Dismissed by Ana Editor" in page.locator(f"#f-{fp} .decision-now").inner_text()


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
    page.locator("section.source details.snapshot").evaluate_all(
        "els => els.forEach(e => e.open = true)"
    )
    page.wait_for_timeout(200)  # an onerror would fire on the failed image load by now
    assert page.evaluate("window.__pwned") is None
    assert page.locator("section.source pre.snapshot-text").filter(has_text="__pwned").count() > 0
    page.locator("#items a", has_text="evil.example").click()  # its evidence shows, inert
    assert page.locator(f"#{_current(page)['item']}").is_visible()
    page.wait_for_timeout(100)
    assert page.evaluate("window.__pwned") is None
    with DecisionStore.open(tmp_path / "d.sqlite") as store:
        server = ReviewServer(tmp_path, store).start()
        try:
            page.goto(server.url)
            page.wait_for_selector("body[data-served=yes]")
            assert page.evaluate("window.__pwned") is None
        finally:
            server.stop()


# --- keyboard, bulk decisions, state across reloads -------------------------------------------


def _current(page: Any) -> dict[str, str]:
    return page.evaluate(
        "Object.assign({}, document.querySelector('#items [aria-current]').dataset)"
    )


def _until(page: Any, script: str) -> None:
    """Wait until `script` is true in the page (the CSP forbids wait_for_function's eval)."""
    for _ in range(100):
        if page.evaluate(script):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never true: {script}")


def _press_until(page: Any, key: str, want: str, limit: int = 100) -> dict[str, str]:
    for _ in range(limit):
        page.keyboard.press(key)
        row = _current(page)
        if row["type"] == want:
            return row
    raise AssertionError(f"no {want} reached with {key}")


@pytest.fixture
def served(runs: tuple[Report, Report], tmp_path: Path) -> Iterator[tuple[ReviewServer, Path]]:
    _write(runs[0], tmp_path / "out")
    with DecisionStore.open(tmp_path / "decisions.sqlite") as store:
        server = ReviewServer(tmp_path / "out", store).start()
        try:
            yield server, tmp_path / "out"
        finally:
            server.stop()


def test_a_keyboard_only_review_pass(page: Any, served: tuple[ReviewServer, Path]) -> None:
    server, out = served
    page.goto(server.url)
    page.wait_for_selector("body[data-served=yes]")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "reviewer"
    page.keyboard.type("Ana Editor")
    page.keyboard.press("Escape")
    first = _press_until(page, "j", "finding")
    page.keyboard.press("c")

    page.wait_for_selector(f"li[data-item={first['item']}][data-decision=confirmed]")
    second = _press_until(page, "j", "finding")
    page.keyboard.press("d")
    assert page.evaluate("document.activeElement.name") == "reason"
    page.keyboard.type("house style, checked by hand")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"li[data-item={second['item']}][data-decision=dismissed]")
    page.keyboard.press("Escape")
    page.keyboard.press("k")  # back, then forward again
    page.keyboard.press("j")
    assert _current(page)["item"] == second["item"]
    page.keyboard.press("u")  # the dismissal is taken back

    _until(
        page, f"document.querySelector('li[data-item={second['item']}]').dataset.decision === ''"
    )
    decided = server.store.all()
    assert [(d.decision, d.reviewer) for d in decided.values()] == [("confirmed", "Ana Editor")]
    assert decided[first["fp"]].decision == "confirmed" and second["fp"] not in decided
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [(d["fingerprint"], d["reviewer"]) for d in data["decisions"]] == [
        (first["fp"], "Ana Editor")
    ]
    # state survives a reload: filters, the item in view, the reviewer, the decisions
    page.keyboard.press("/")
    page.keyboard.type("pilotage")
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    where = _current(page)["item"]
    page.reload()
    page.wait_for_selector("body[data-served=yes]")
    page.wait_for_selector(
        f"li[data-item={first['item']}][data-decision=confirmed]", state="attached"
    )
    assert page.input_value("#q") == "pilotage" and page.input_value("#reviewer") == "Ana Editor"
    assert _current(page)["item"] == where
    assert page.locator(f"#{where}").is_visible()
    page.fill("#q", "")
    page.locator(f"li[data-item={first['item']}] a").click()
    assert "Confirmed by Ana Editor" in page.locator(f"#{first['item']} .decision-now").inner_text()


def test_bulk_decisions_for_a_kind_and_undo(
    page: Any, served: tuple[ReviewServer, Path], runs: tuple[Report, Report]
) -> None:
    server, _ = served
    kind = "claim-unsupported"
    expected = {fingerprint(finding_json(f)) for f in runs[0].findings if f.kind == kind}
    assert len(expected) > 1
    page.goto(server.url)
    page.wait_for_selector("body[data-served=yes]")
    page.fill("#reviewer", "Bo Desk")
    _filter(page, "kind", kind)
    assert page.locator("#bulk-n").inner_text() == str(len(expected))
    page.fill("#bulk-reason", "books are checked by the library desk")
    page.click("#bulk-dismiss")
    _until(
        page,
        f"document.querySelectorAll('li[data-kind={kind}][data-decision=dismissed]').length == {len(expected)}",
    )
    decided = server.store.all()
    assert set(decided) == expected
    assert {(d.decision, d.reviewer) for d in decided.values()} == {("dismissed", "Bo Desk")}
    page.keyboard.press("u")
    _until(
        page,
        f"document.querySelectorAll('li[data-kind={kind}][data-decision=dismissed]').length == 0",
    )
    assert server.store.all() == {}


# --- accessibility --------------------------------------------------------------------------


def _axe(page: Any, context: str = "document") -> list[dict[str, Any]]:
    if not AXE.exists():
        pytest.skip(f"no axe-core at {AXE}; run .ci/install-browser (npm ci in .ci/)")
    # evaluated through the DevTools protocol: the page's CSP rightly refuses an injected <script>
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(f"axe.run({context}, {{resultTypes: ['violations']}})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _describe(violations: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}" for v in violations
    )


def test_axe_finds_no_serious_or_critical_violations(
    page: Any, served: tuple[ReviewServer, Path]
) -> None:
    server, _ = served
    page.goto(server.url)  # served: the decision controls show and are checked too
    page.wait_for_selector("body[data-served=yes]")
    page.keyboard.press("j")
    bad = _axe(page)
    assert not bad, _describe(bad)
    landmarks = page.evaluate(
        "[...document.querySelectorAll('header, nav, main, [role=search]')].map(e => e.tagName)"
    )
    assert {"HEADER", "NAV", "MAIN"} <= set(landmarks)
    headings = page.locator("h1, h2").all_inner_texts()
    assert headings[0] and any(h.startswith("Evidence") for h in headings)
    # highlights carry a shape and a text cue besides colour
    different = page.locator("mark.fact-different").first
    assert different.locator(".cue").inner_text() == "≠"
    assert "(the source differs)" in (different.locator(".sr-only").text_content() or "")
    assert different.evaluate("e => getComputedStyle(e).borderBottomStyle") == "double"
    found = page.locator("mark.fact-found").first
    assert found.evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"


# --- a law review, and a 400-note article -----------------------------------------------------


def test_a_law_review_is_reviewable_by_keyboard_and_accessible(page: Any, tmp_path: Path) -> None:
    if not LAWREVIEW.exists():
        pytest.skip(f"the law review corpus is not at {LAWREVIEW.parent}")
    from claims.article import read_article
    from pipeline.stages import check_article

    article = read_article(LAWREVIEW)
    report = check_article(article, None, WHEN)
    page.goto(_write(report, tmp_path).as_uri())
    page.wait_for_selector("body[data-ready=yes]")
    rows = _shown(page)
    listed = {int(r["item"][2:]) for r in rows if r["type"] == "note"}
    covered = {n for f in report.findings for n in f.notes}
    assert len(article.notes) > 100 and listed | covered == {n.number for n in article.notes}
    note = page.locator("#items li[data-type=note] a").first
    note.focus()
    page.keyboard.press("j")
    page.keyboard.press("j")
    row = _current(page)
    detail = page.locator(f"#{row['item']}")
    assert detail.is_visible() and detail.locator("h3").inner_text()
    italics = page.locator("#evidence article.item em, ol.notes-list em").count()
    assert italics > 50  # case names in the notes are set in italics, not shown as *...*
    assert "*Id.*" not in page.locator("ol.notes-list").inner_text()
    bad = _axe(page)
    assert not bad, _describe(bad)


def _long_article(tmp: Path, notes: int) -> Path:
    sentences = [
        f"In {2000 + i % 24} the port of Town{i} handled {1000 + i * 7} tonnes of grain, and its "
        f"council signed a pilotage agreement on May {1 + i % 28}, {2000 + i % 24}."
        f"{str(i).translate(SUPERSCRIPT)}"
        for i in range(1, notes + 1)
    ]
    paragraphs = [" ".join(sentences[i : i + 8]) for i in range(0, notes, 8)]
    body = "\n\n".join(
        (f"Part {i // 6 + 1}\n\n" if i % 6 == 0 else "") + p for i, p in enumerate(paragraphs)
    )
    lines = "\n".join(
        f'{i}. "Port report {i}," *River Herald*, (June 2, 2021), <https://news.example.org/{i}>.'
        for i in range(1, notes + 1)
    )
    path = tmp / "long.txt"
    path.write_text(f"A Long Article\n\n{body}\n\nNotes\n\n{lines}\n", encoding="utf-8")
    return path


def _synthetic_report(tmp: Path, notes: int) -> Report:
    """A 400-note article: a claim per sentence with verdicts in turn, a finding on every third."""
    from claims.article import read_article
    from claims.extract import extract_claims
    from claims.facts import ClaimCheck, FactCheck, FactStatus, Verdict

    article = read_article(_long_article(tmp, notes))
    verdicts = list(Verdict)
    checks, findings = [], []
    for i, claim in enumerate(extract_claims(article)):
        status = (FactStatus.FOUND, FactStatus.DIFFERENT, FactStatus.MISSING)[i % 3]
        facts = tuple(FactCheck(f, status, f.text) for f in claim.facts)
        checks.append(ClaimCheck(claim, verdicts[i % len(verdicts)], None, facts, f"reason {i}"))
        if i % 3 == 1:
            sentence = article.sentences[claim.sentence]
            findings.append(
                Finding(
                    ("claim-date-mismatch", "claim-figure-mismatch", "link-dead")[
                        i % 3 - 1 + i % 2
                    ],
                    (Severity.ERROR, Severity.WARNING, Severity.INFO)[i % 3],
                    f"finding {i}: the source gives another value",
                    claim.notes,
                    Location(0, sentence.index, sentence.text),
                    {"claim_id": claim.id, "n": i},
                )
            )
    return build_report(article, findings, WHEN, ("claim-date-mismatch",), (), tuple(checks))


def test_a_400_note_report_opens_and_filters_without_lag(page: Any, tmp_path: Path) -> None:
    report = _synthetic_report(tmp_path, 400)
    assert len(report.article.notes) == 400
    url = _write(report, tmp_path / "out").as_uri()
    page.goto(url)  # once to warm the browser's caches, as an editor's second look
    page.goto(url)
    page.wait_for_selector("body[data-ready=yes]")
    paint = page.evaluate("performance.getEntriesByType('paint').map(p => p.startTime)")
    render, ready = min(paint), page.evaluate("window.citewatchReady")
    rows = page.locator("#items > li").count()
    timings = {}
    for name, value in (
        ("verdict", "contradicted"),
        ("severity", "error"),
        ("decision", "undecided"),
    ):
        timings[name] = page.evaluate(
            f"""() => {{ const f = document.forms['filters-form'];
            f.elements['{name}'].value = '{value}';
            const t = performance.now(); const n = window.citewatchFilter();
            const ms = performance.now() - t; f.elements['{name}'].value = ''; window.citewatchFilter();
            return ms; }}"""
        )
    timings["search"] = page.evaluate(
        """() => { const q = document.getElementById('q'); q.value = 'town17';
        const t = performance.now(); window.citewatchFilter(); const ms = performance.now() - t;
        q.value = ''; window.citewatchFilter(); return ms; }"""
    )
    print(
        f"\n400 notes, {rows} list items: first render {render:.0f} ms, "
        f"interactive {ready:.0f} ms; filters "
        + ", ".join(f"{k} {v:.1f} ms" for k, v in timings.items())
    )
    # Times are printed, not asserted (on a loaded machine they say nothing of the page);
    # what must hold is that the page rendered every item and each filter ran.
    assert rows > 400
    assert render > 0 and set(timings) >= {"search"}


BRIEF_PDF = REPO.parent / "shared" / "article" / "balkans-military-activism.pdf"


def test_a_pdf_article_shows_the_printed_page_beside_the_evidence(
    page: Any, tmp_path: Path
) -> None:
    if not BRIEF_PDF.exists():
        pytest.skip(f"the brief's article PDF is not at {BRIEF_PDF}")
    from claims.article import read_article
    from pipeline.stages import check_article

    article = read_article(BRIEF_PDF)
    _write(check_article(article, None, WHEN), tmp_path / "out")
    with DecisionStore.open(tmp_path / "d.sqlite") as store:
        server = ReviewServer(tmp_path / "out", store).start()
        try:
            page.goto(server.url)
            page.wait_for_selector("body[data-served=yes]")
            assert page.locator(".page-no").count() > 3  # page numbers in the article pane
            row = page.locator("#items li[data-type=note] a").nth(3)
            row.focus()
            page.keyboard.press("Enter")
            summary = page.locator("#evidence .page-image summary")
            summary.focus()
            page.keyboard.press("Enter")
            image = page.locator("#evidence .page-image img")
            _until(page, "document.querySelector('#evidence .page-image img').naturalWidth > 0")
            assert image.is_visible() and "outlined" in (image.get_attribute("alt") or "")
            bad = _axe(page, "document.getElementById('evidence')")
            assert not bad, _describe(bad)
        finally:
            server.stop()
