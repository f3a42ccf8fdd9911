"""Report -> a self-contained HTML review page (Jinja2, autoescape on, a strict CSP).

Every piece of article or source text reaches the page through Jinja2's autoescaping; there is
no `|safe` on it. Highlights are computed here as plain-text segments that the template wraps
in `<mark>`, so no markup is ever built from text. Links go out only for http(s) URLs. The CSP
allows only the page's own inline style and script (by hash), so even a slip in escaping would
not run a fetched page's script. Each source's main text is embedded (escaped, collapsed), so
the snapshot is readable offline. Decision buttons are hidden until the page finds the review
server (`pipeline.review`) behind it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from claims.checks import CHECKS
from claims.facts import ClaimCheck, FactStatus
from claims.findings import Finding, Severity
from reports.diff import ReportDiff, diff_reports, fingerprint, identity
from reports.model import Report, finding_json, report_json
from sources.model import PageText, Source

CONTEXT = 160  # characters of source text shown around a passage


class DecisionLike(Protocol):
    """What the page shows of a review decision (`pipeline.decisions.Decision` fits)."""

    @property
    def decision(self) -> str: ...  # "confirmed" or "dismissed"
    @property
    def reason(self) -> str: ...
    @property
    def at(self) -> dt.datetime: ...
    @property
    def identity(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text and the highlight class it gets ("" for none)."""

    text: str
    mark: str = ""


@dataclass(frozen=True, slots=True)
class SourceView:
    index: int
    source: Source
    href: str | None  # None unless http(s)
    texts: tuple[tuple[str, PageText], ...]  # ("live page" | "archived copy", text)


@dataclass(frozen=True, slots=True)
class FindingView:
    finding: Finding
    fp: str
    status: str  # "new", "changed", "unchanged", or "" without a previous run
    decision: DecisionLike | None
    earlier: DecisionLike | None  # a decision on this finding before its evidence changed
    sentence: tuple[Segment, ...]
    notes: tuple[tuple[int, str], ...]
    passage: tuple[Segment, ...] = ()
    passage_from: str = ""
    sources: tuple[SourceView, ...] = field(default=())


def safe_href(url: str) -> str | None:
    """The URL if it is http(s); anything else (javascript:, data:) is shown, never linked."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def highlight(text: str, spans: Iterable[tuple[int, int, str]]) -> tuple[Segment, ...]:
    """Split `text` at the spans (start, end, mark); overlapping or bad spans are skipped."""
    segments: list[Segment] = []
    at = 0
    for start, end, mark in sorted(spans):
        if start < at or end <= start or end > len(text):
            continue
        if start > at:
            segments.append(Segment(text[at:start]))
        segments.append(Segment(text[start:end], mark))
        at = end
    if at < len(text) or not segments:
        segments.append(Segment(text[at:]))
    return tuple(segments)


def _find(text: str, needle: str, hint: int) -> int:
    if needle and text[hint : hint + len(needle)] == needle:
        return hint
    return text.find(needle) if needle else -1


def _fact_spans(text: str, checks: Sequence[ClaimCheck]) -> list[tuple[int, int, str]]:
    spans = []
    for check in checks:
        status = {fc.fact: fc.status.value for fc in check.facts}
        for fact in check.claim.facts:
            start = _find(text, fact.text, fact.start)
            if start >= 0:
                spans.append((start, start + len(fact.text), f"fact-{status.get(fact, 'plain')}"))
    return spans


def _passage(check: ClaimCheck, source: Source | None) -> tuple[Segment, ...]:
    """The passage with the source's values marked, and some of the text around it."""
    passage = check.passage
    if passage is None:
        return ()
    spans = []
    for fc in check.facts:
        at = _find(passage.text, fc.source_text, 0) if fc.status is not FactStatus.MISSING else -1
        if at >= 0:
            spans.append((at, at + len(fc.source_text), f"fact-{fc.status.value}"))
    inner = [Segment(s.text, s.mark or "passage") for s in highlight(passage.text, spans)]
    for page in (source.text, source.archived_text) if source else ():
        body = page.text if page else ""
        if body[passage.start : passage.end] == passage.text:
            before = body[max(0, passage.start - CONTEXT) : passage.start]
            after = body[passage.end : passage.end + CONTEXT]
            return (Segment(before, "context"), *inner, Segment(after, "context"))
    return tuple(inner)


def _source_views(sources: Sequence[Source]) -> list[SourceView]:
    views = []
    for i, source in enumerate(sources):
        texts = [("live page", source.text), ("archived copy", source.archived_text)]
        kept = tuple((label, page) for label, page in texts if page is not None and page.text)
        views.append(SourceView(i, source, safe_href(source.url), kept))
    return views


def _sources_of(finding: Finding, views: Sequence[SourceView]) -> tuple[SourceView, ...]:
    urls = {finding.evidence.get(k) for k in ("url", "source", "page")} - {None}
    named = [v for v in views if v.source.url in urls]
    if named:
        return tuple(named)
    return tuple(v for v in views if set(v.source.notes) & set(finding.notes))


@dataclass(frozen=True, slots=True)
class _ReportIndex:
    """Claims by sentence and by id, note texts by number: looked up once per finding."""

    by_sentence: dict[int | None, list[ClaimCheck]]
    by_id: dict[Any, ClaimCheck]
    notes: dict[int, str]


def _index_report(report: Report) -> _ReportIndex:
    by_sentence: dict[int | None, list[ClaimCheck]] = {}
    by_id: dict[Any, ClaimCheck] = {}
    for c in report.claims:
        by_sentence.setdefault(c.claim.sentence, []).append(c)
        by_id.setdefault(c.claim.id, c)
    return _ReportIndex(by_sentence, by_id, {n.number: n.text for n in report.article.notes})


def _finding_view(
    finding: Finding,
    report: Report,
    views: Sequence[SourceView],
    status: Mapping[str, str],
    decisions: Mapping[str, DecisionLike],
    claims: _ReportIndex,
) -> FindingView:
    data = finding_json(finding)
    fp = fingerprint(data)
    same = identity(data)
    earlier = next((d for d in decisions.values() if d.identity == same), None)
    sentence_checks = claims.by_sentence.get(finding.location.sentence, [])
    check = claims.by_id.get(finding.evidence.get("claim_id"))
    sources = _sources_of(finding, views)
    source = next(
        (v.source for v in views if check and check.passage and v.source.url == check.passage.url),
        None,
    )
    notes = claims.notes
    return FindingView(
        finding=finding,
        fp=fp,
        status=status.get(fp, ""),
        decision=decisions.get(fp),
        earlier=None if fp in decisions else earlier,
        sentence=highlight(
            finding.location.text, _fact_spans(finding.location.text, sentence_checks)
        ),
        notes=tuple((n, notes[n]) for n in finding.notes if n in notes),
        passage=_passage(check, source) if check else (),
        passage_from=check.passage.snapshot if check and check.passage else "",
        sources=sources,
    )


def _groups(views: Sequence[FindingView]) -> list[tuple[str, list[tuple[str, list[FindingView]]]]]:
    groups = []
    for severity in Severity:
        kinds: dict[str, list[FindingView]] = {}
        for v in views:
            if v.finding.severity is severity:
                kinds.setdefault(v.finding.kind, []).append(v)
        if kinds:
            groups.append((severity.value, list(kinds.items())))
    return groups


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(str(text).encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html", "html.j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["csp_hash"] = _csp_hash
    env.filters["href"] = safe_href
    env.filters["fingerprint"] = fingerprint
    return env


def render_html(
    report: Report,
    previous: Mapping[str, Any] | None = None,
    decisions: Mapping[str, DecisionLike] | None = None,
) -> str:
    """The review page. `previous` is the last run's report.json (for the diff); `decisions`
    maps fingerprints to review decisions: dismissed findings move to a collapsed section and
    leave the counts and the diff, as `pipeline.decisions.apply` leaves them out of the run."""
    decisions = decisions or {}
    dismissed_fps = {fp for fp, d in decisions.items() if d.decision == "dismissed"}
    current = report_json(report)
    raised_json = [f for f in current["findings"] if fingerprint(f) not in dismissed_fps]
    diff: ReportDiff | None = None
    if previous is not None:
        diff = diff_reports(previous, {**current, "findings": raised_json})
    status = diff.statuses() if diff else {}
    views = _source_views(report.sources)
    index = _index_report(report)
    findings = [_finding_view(f, report, views, status, decisions, index) for f in report.findings]
    raised = [v for v in findings if v.fp not in dismissed_fps]
    hidden = [v for v in findings if v.fp in dismissed_fps]
    counts = {s.value: sum(v.finding.severity is s for v in raised) for s in Severity}
    kinds = sorted({v.finding.kind for v in raised})
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            report=report,
            article=report.article,
            generated=report.generated_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            groups=_groups(raised),
            dismissed=hidden,
            counts=counts,
            kinds=kinds,
            severities=[s.value for s in Severity],
            diff=diff,
            sources=views,
            checks={c: CHECKS[c].doc for c in report.checks if c in CHECKS},
        )
    )
