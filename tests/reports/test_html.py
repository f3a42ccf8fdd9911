"""The HTML review page: escaping of article and source text, grouping, highlights, the diff."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from claims.article import Article, Block, NoteCall, Sentence, read_article
from claims.checks import checks_for, run_checks
from claims.facts import (
    Claim,
    ClaimCheck,
    Fact,
    FactCheck,
    FactKind,
    FactStatus,
    Passage,
    Verdict,
)
from claims.findings import Finding, Location, Severity
from claims.layout import BlockKind
from pipeline.stages import SourceOptions, check_article, check_claims, gather_sources
from reports.diff import diff_reports, fingerprint
from reports.html import render_html
from reports.model import Report, build_report, finding_json, report_json
from sources.model import LinkState, PageText, Snapshot, Source
from sources.notes import Note

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample" / "danube-ports.txt"
SAMPLE_WARC = REPO / "sample" / "danube-ports.sources.warc.gz"
WHEN = dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)
EVIL = '<script>alert(1)</script><img src=x onerror="alert(2)">'


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text of its script elements.

    The evidence of each item waits in a `<script type="text/html">` until shown; its markup is
    parsed too, as the page's script would parse it, so its tags are checked like the rest."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.deferred: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._script = (dict(attrs).get("type") or "js") if tag == "script" else None

    def handle_endtag(self, tag: str) -> None:
        self._script = None

    def handle_data(self, data: str) -> None:
        if self._script == "text/html":
            self.deferred.append(data)
        elif self._script is not None:
            self.scripts.append(data)


def _tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    for markup in parser.deferred:
        inner = _tags(markup)
        parser.tags.extend(inner.tags)
        parser.scripts.extend(inner.scripts)
    return parser


def evil_report() -> Report:
    """A report whose every article and source text carries markup that would run if unescaped."""
    text = f"The agreement was signed on May 3, 2021 {EVIL}."
    sentence = Sentence(0, 0, text, (NoteCall(1, len(text)),))
    article = Article(
        path=Path("evil.txt"),
        format="text",
        sha256="0" * 64,
        title=f"Title {EVIL}",
        blocks=(Block(0, BlockKind.PARAGRAPH, text, (sentence,)),),
        notes=(Note(1, f"Note {EVIL}, retrieved from <javascript:alert(3)>"),),
        warnings=(f"warning {EVIL}",),
    )
    fact = Fact(FactKind.DATE, "May 3, 2021", text.index("May"), text.index("May") + 11)
    body = f"Intro {EVIL}. Signed on May 4, 2021 {EVIL}. Tail {EVIL}."
    start = body.index("Signed")
    passage_text = body[start : body.index("Tail")].strip()
    passage = Passage("javascript:alert(3)", passage_text, start, start + len(passage_text), 60.0)
    claim = Claim("s0-1", 0, text, 0, len(text), (1,), (fact,))
    found = FactCheck(fact, FactStatus.DIFFERENT, "May 4, 2021", "2021-05-04", EVIL)
    check = ClaimCheck(claim, Verdict.CONTRADICTED, passage, (found,), EVIL, (passage.url,))
    snapshot = Snapshot("javascript:alert(3)", WHEN, EVIL, 200, EVIL, EVIL, "w.warc.gz", 0, 1)
    source = Source(
        url="javascript:alert(3)",
        notes=(1,),
        state=LinkState.OK,
        detail=EVIL,
        final_url=EVIL,
        snapshots=(snapshot,),
        text=PageText(body, title=EVIL),
    )
    findings = [
        Finding(
            "claim-date-mismatch",
            Severity.WARNING,
            f"message {EVIL}",
            (1,),
            Location(0, 0, text),
            {"claim_id": "s0-1", "source": source.url, "passage": passage_text, "found": EVIL},
        ),
        Finding("missing-note", Severity.ERROR, EVIL, (1,), Location(0, 0, text)),
    ]
    checks = ("claim-date-mismatch", "missing-note")
    return build_report(article, findings, WHEN, checks, (source,), (check,))


def run_sample(article: Path, archive: Path) -> Report:
    """The verify stages on an article with the sample's sources, offline from its WARC."""
    shutil.rmtree(archive, ignore_errors=True)
    parsed = read_article(article)
    options = SourceOptions(archive=archive, online=False, imports=(SAMPLE_WARC,))
    sources = gather_sources(parsed, options, WHEN, lambda _: None)
    return check_article(parsed, sources, WHEN, check_claims(parsed, sources))


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return run_sample(SAMPLE, tmp_path_factory.mktemp("archive"))


def test_article_and_source_markup_is_escaped_and_never_becomes_tags() -> None:
    html = render_html(evil_report(), previous={"findings": [], "sources": []})
    page = _tags(html)
    assert len(page.scripts) == 1  # the page's own
    assert not [t for t, _ in page.tags if t in ("img", "iframe", "object", "embed")]
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert not str(attrs.get("href") or "").lower().startswith("javascript"), attrs
    assert "alert(1)</script>" not in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in html
    )
    assert "Title &lt;script&gt;" in html  # the title, the message, notes, passage, snapshot text


def test_only_http_links_are_clickable() -> None:
    html = render_html(evil_report())
    hrefs = [a.get("href") or "" for t, a in _tags(html).tags if t == "a"]
    assert all(h.startswith(("#", "/snapshot?", "http://", "https://")) for h in hrefs), hrefs
    assert "javascript:alert(3)" in html  # shown as text


def test_csp_admits_exactly_the_inline_style_and_script() -> None:
    html = render_html(evil_report())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    script = _tags(html).scripts[0]
    style = html[html.index("<style>") + 7 : html.index("</style>")]

    def sha(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"script-src 'sha256-{sha(script)}'" in csp.group(1)
    assert f"style-src 'sha256-{sha(style)}'" in csp.group(1)
    assert "default-src 'none'" in csp.group(1)


def _rows(html: str) -> list[dict[str, str | None]]:
    return [a for t, a in _tags(html).tags if t == "li" and "data-item" in a]


def test_every_finding_claim_and_note_is_listed_in_reading_order(sample: Report) -> None:
    html = render_html(sample)
    rows = _rows(html)
    types = [r["data-type"] for r in rows]
    assert types.count("finding") == len(sample.findings)
    assert types.count("claim") == len(sample.claims) > 0
    supported = [r for r in rows if r["data-verdict"] == "supported"]
    assert supported, "claims the source supports are listed too, not only flagged ones"
    places = [int(r["data-sentence"] or -1) for r in rows]
    assert places == sorted(places)
    # every note is reachable: through a finding, a claim, or a row of its own
    for note in sample.article.notes:
        assert f'id="note-{note.number}"' in html
    details = re.findall(r'<article class="item (\w+)" id="([\w-]+)"', html)
    assert [d[1] for d in details] == [r["data-item"] for r in rows]
    for kind in {f.kind for f in sample.findings}:
        assert f'<option value="{kind}">{kind}</option>' in html
        assert f'<h3 id="check-{kind}">' in html  # the appendix explains every kind shown
    for verdict in ("supported", "contradicted", "not-found", "source-unavailable", "unchecked"):
        assert f'<option value="{verdict}">' in html


def test_sentence_facts_and_source_passage_are_highlighted(sample: Report) -> None:
    html = render_html(sample)
    card = html[html.index('<article class="item finding" id="f-') :]
    card = card[card.index('<h3 id="h-f-', card.index("claim-date-mismatch") - 200) :]
    card = card[: card.index("</article>")]
    cue = '<span class="cue" aria-hidden="true">≠</span><span class="sr-only"> (the source differs)'
    assert f'<mark class="fact-different">March 15, 2001{cue}' in card  # in the sentence
    assert f'<mark class="fact-different">March 12, 2001{cue}' in card  # in the passage
    assert '<mark class="context">' in card  # the source text around the passage
    assert "riverherald.example.org" in card  # link state and snapshot of the cited source
    assert 'href="#src-' in card and 'href="#check-claim-date-mismatch"' in card
    article = html[html.index('<section id="article-pane"') :]
    assert '<sup class="call"><a href="#note-4"' in article  # note calls in the article text


def test_notes_show_italics_links_and_line_breaks_escaped(sample: Report) -> None:
    text = f"*Id.* at 4, _see_ Report <https://example.org/r?a=1&b=2>\nsecond line {EVIL} <javascript:alert(1)>"
    note = dataclasses.replace(sample.article.notes[0], text=text)
    article = dataclasses.replace(sample.article, notes=(note, *sample.article.notes[1:]))
    html = render_html(dataclasses.replace(sample, article=article))
    shown = html[html.index(f'<li id="note-{note.number}"') :]
    shown = shown[: shown.index("</li>")]
    assert "<em>Id.</em> at 4, <em>see</em> Report" in shown
    assert '<a href="https://example.org/r?a=1&amp;b=2" rel="noopener noreferrer nofollow"' in shown
    assert "<br>second line &lt;script&gt;" in shown
    assert "&lt;javascript:alert(1)&gt;" in shown and 'href="javascript' not in html


def test_snapshot_text_is_embedded_for_offline_reading(sample: Report) -> None:
    html = render_html(sample)
    texts = re.findall(r'<pre class="snapshot-text">(.*?)</pre>', html, re.S)
    assert texts and any("Vidin" in t for t in texts)


def test_decision_controls_are_hidden_in_a_static_page(sample: Report) -> None:
    forms = [
        a
        for t, a in _tags(render_html(sample)).tags
        if t == "form" and "decide" in (a.get("class") or "")
    ]
    assert len(forms) == len(sample.findings)
    html = render_html(sample)
    assert ".served-only,body[data-served=yes] .file-only{display:none}" in html


def test_no_previous_run_means_no_diff_section(sample: Report) -> None:
    assert 'id="diff"' not in render_html(sample)


def test_a_manuscript_only_report_renders_without_sources() -> None:
    article = read_article(SAMPLE)
    ids = tuple(c.id for c in checks_for(None))
    html = render_html(build_report(article, run_checks(article, strict=True), WHEN, ids))
    assert 'id="sources"' not in html and 'data-kind="missing-note"' in html


def _finding(kind: str, text: str, **evidence: Any) -> dict[str, Any]:
    return finding_json(Finding(kind, Severity.WARNING, "m", (3,), Location(1, 2, text), evidence))


def test_fingerprint_ignores_wording_and_check_times_but_not_evidence() -> None:
    base = _finding("link-dead", "A sentence.", url="u", checked=[{"at": "2026-01-01"}])
    assert fingerprint({**base, "message": "reworded"}) == fingerprint(base)
    later = {**base, "evidence": {**base["evidence"], "checked": [{"at": "2026-02-01"}]}}
    assert fingerprint(later) == fingerprint(base)
    assert fingerprint({**base, "evidence": {"url": "v"}}) != fingerprint(base)
    assert fingerprint({**base, "notes": [4]}) != fingerprint(base)


def test_diff_sorts_findings_into_new_resolved_changed_unchanged() -> None:
    same = _finding("missing-note", "Kept.", call=20)
    gone = _finding("note-order", "Fixed since.", call=8)
    moved = _finding("claim-date-mismatch", "Evidence moved.", found="May 4")
    fresh = _finding("duplicate-sentence", "Added since.", first=1)
    previous = {"findings": [same, gone, moved], "sources": []}
    current = {"findings": [same, {**moved, "evidence": {"found": "May 5"}}, fresh]}
    diff = diff_reports(previous, current)
    assert [f["kind"] for f in diff.new] == ["duplicate-sentence"]
    assert [f["kind"] for f in diff.resolved] == ["note-order"]
    assert [f["kind"] for f in diff.changed] == ["claim-date-mismatch"]
    assert [f["kind"] for f in diff.unchanged] == ["missing-note"]


def test_diff_reports_links_that_died_or_drifted() -> None:
    def src(url: str, state: str, drift: float | None) -> dict[str, Any]:
        return {"url": url, "notes": [1], "state": state, "drift": drift}

    previous = {"sources": [src("a", "ok", None), src("b", "ok", 0.1), src("c", "dead", None)]}
    current = {"sources": [src("a", "dead", None), src("b", "ok", 0.4), src("c", "dead", None)]}
    diff = diff_reports(previous, current)
    assert [(c.url, c.before, c.after) for c in diff.died] == [("a", "ok", "dead")]
    assert [(c.url, c.drift_before, c.drift_after) for c in diff.drifted] == [("b", 0.1, 0.4)]


def test_page_diff_sections_show_new_resolved_and_dead_links(sample: Report) -> None:
    previous = report_json(sample)
    dropped = previous["findings"].pop(0)  # so it is new now
    resolved = _finding("note-order", f"Gone {EVIL}", call=8)
    previous["findings"].append(resolved)
    previous["sources"][0]["state"] = "ok"
    dead = dataclasses.replace(sample.sources[0], state=LinkState.DEAD, drift=0.5)
    current = dataclasses.replace(sample, sources=(dead, *sample.sources[1:]))
    html = render_html(current, previous=previous)
    new = html[html.index('<ul id="diff-new">') :]
    assert f'href="#f-{fingerprint(dropped)}"' in new[: new.index("</ul>")]
    gone = html[html.index('<ul id="diff-resolved">') :]
    assert "Gone &lt;script&gt;" in gone[: gone.index("</ul>")]
    assert f"1 new, 1 resolved, 0 changed, {len(sample.findings) - 1} unchanged" in html
    died = html[html.index('<ul id="diff-died">') :]
    assert sample.sources[0].url in died[: died.index("</ul>")]
    assert '<ul id="diff-drifted">' in html
    assert f'id="f-{fingerprint(dropped)}" ' in html and 'data-status="new"' in html


def test_dismissed_findings_stay_listed_marked_and_leave_the_counts(
    sample: Report,
) -> None:
    @dataclasses.dataclass(frozen=True)
    class Made:
        decision: str
        reason: str
        at: dt.datetime
        identity: str = ""
        reviewer: str = ""

    target = finding_json(sample.findings[0])
    fp = fingerprint(target)
    decisions = {fp: Made("dismissed", f"fine {EVIL}", WHEN, reviewer="Ana <b>")}
    html = render_html(sample, decisions=decisions)
    row = next(r for r in _rows(html) if r["data-item"] == f"f-{fp}")
    assert row["data-decision"] == "dismissed"
    detail = html[html.index(f'<article class="item finding" id="f-{fp}"') :]
    detail = detail[: detail.index("</article>")]
    assert "Dismissed by Ana &lt;b&gt; on 2026-01-02 03:04 UTC: fine &lt;script&gt;" in detail
    assert f"{len(sample.findings) - 1} findings (" in html and "1 dismissed" in html


def test_a_dismissed_finding_is_not_listed_as_resolved_in_the_diff(sample: Report) -> None:
    @dataclasses.dataclass(frozen=True)
    class Made:
        decision: str
        reason: str
        at: dt.datetime
        identity: str = ""

    previous = report_json(sample)
    target = previous["findings"][0]
    decisions = {fingerprint(target): Made("dismissed", "fine", WHEN)}
    html = render_html(sample, previous=previous, decisions=decisions)
    assert 'id="diff-resolved"' not in html
    listed = html[html.index('<ul id="diff-dismissed">') :]
    assert f'href="#f-{fingerprint(target)}"' in listed[: listed.index("</ul>")]
    assert "0 new, 0 resolved" in html
