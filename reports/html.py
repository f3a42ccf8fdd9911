"""Report -> a self-contained HTML review page (Jinja2, autoescape on, a strict CSP).

The page has two panes: the article in reading order (page numbers, note calls, each checked
sentence tagged with its verdict) and, beside it, the list of every finding, claim and note
with the evidence of the one selected (the note rendered, its citations, the source passage
in the archived text, the link's history, the copy compared). The page's script filters the
list, moves both panes together, and records decisions through the review server
(`pipeline.review`) when there is one behind the page.

Every piece of article or source text reaches the page through Jinja2's autoescaping; there is
no `|safe` on it. Highlights and note markup are computed here as plain-text segments and runs
that the template wraps in `<mark>`, `<em>` and `<a>`, so no markup is ever built from text.
Links go out only for http(s) URLs. The CSP allows only the page's own inline style and script
(by hash), so even a slip in escaping would not run a fetched page's script.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from claims.article import Article, Sentence
from claims.checks import CHECKS
from claims.facts import ClaimCheck, FactStatus, Verdict
from claims.findings import Finding, Severity
from reports.diff import ReportDiff, diff_reports, fingerprint, identity
from reports.markup import Run, note_runs, safe_href
from reports.model import Report, finding_json, report_json
from sources.model import PageText, Source
from sources.notes import Citation, Note

__all__ = ["DecisionLike", "Segment", "highlight", "render_html", "safe_href"]

CONTEXT = 160  # characters of source text shown around a passage
# The verdict of a note no claim was checked for, and of a finding without a claim.
UNCHECKED = Verdict.UNCHECKED.value
# Worst first: the verdict a sentence with several claims is tagged with.
VERDICT_ORDER = (
    Verdict.CONTRADICTED,
    Verdict.NOT_FOUND,
    Verdict.PARTLY_SUPPORTED,
    Verdict.SOURCE_UNAVAILABLE,
    Verdict.UNCHECKED,
    Verdict.SUPPORTED,
)


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
    """A run of text and the highlight class it gets ("" for none; "call" for a note call)."""

    text: str
    mark: str = ""


@dataclass(frozen=True, slots=True)
class SourceView:
    index: int
    source: Source
    href: str | None  # None unless http(s)
    texts: tuple[tuple[str, PageText], ...]  # ("live page" | "archived copy", text)


@dataclass(frozen=True, slots=True)
class NoteView:
    note: Note
    runs: tuple[Run, ...]
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class SentenceView:
    sentence: Sentence
    segments: tuple[Segment, ...]
    verdict: str  # the worst verdict of its claims, "" when none was checked
    item: str  # the id of the first list item on it, "" for none
    flagged: bool  # a finding is on it


@dataclass(frozen=True, slots=True)
class BlockView:
    index: int
    kind: str
    page: int | None
    new_page: bool  # the first block on its page
    sentences: tuple[SentenceView, ...]
    text: str  # for blocks without sentences (tables, captions)


@dataclass(frozen=True, slots=True)
class ItemView:
    """One entry of the list: a finding, a checked claim, or a note nothing else covers."""

    id: str  # "f-<fingerprint>", "c-<claim id>", "n-<note number>"
    type: str  # "finding", "claim" or "note"
    title: str
    verdict: str
    kind: str = ""
    severity: str = ""
    status: str = ""  # "new", "changed", "unchanged", or "" without a previous run
    fp: str = ""
    decision: DecisionLike | None = None
    earlier: DecisionLike | None = None  # a decision before its evidence changed
    sentence_index: int | None = None
    sentence: tuple[Segment, ...] = ()
    page: int | None = None
    notes: tuple[NoteView, ...] = ()
    reason: str = ""
    check: ClaimCheck | None = None
    passage: tuple[Segment, ...] = ()
    passage_from: str = ""
    sources: tuple[SourceView, ...] = ()
    finding: Finding | None = None


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


def with_calls(segments: Sequence[Segment], calls: Iterable[tuple[int, int]]) -> list[Segment]:
    """The segments with a "call" segment (the note number) at each (offset, number)."""
    pending = sorted(calls)
    out: list[Segment] = []
    at = 0
    for seg in segments:
        text, start = seg.text, at
        while pending and pending[0][0] <= start + len(text):
            offset, number = pending.pop(0)
            cut = max(0, offset - start)
            if cut:
                out.append(Segment(text[:cut], seg.mark))
            out.append(Segment(str(number), "call"))
            text, start = text[cut:], start + cut
        if text:
            out.append(Segment(text, seg.mark))
        at += len(seg.text)
    out.extend(Segment(str(number), "call") for _, number in pending)
    return out


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
    for page in (source.archived_text, source.text) if source else ():
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


def _worst(verdicts: Iterable[str]) -> str:
    present = set(verdicts)
    return next((v.value for v in VERDICT_ORDER if v.value in present), "")


class _Builder:
    """The views of one report, with the lookups they share."""

    def __init__(
        self,
        report: Report,
        status: Mapping[str, str],
        decisions: Mapping[str, DecisionLike],
    ) -> None:
        self.report, self.status, self.decisions = report, status, decisions
        article: Article = report.article
        self.sentences = {s.index: s for s in article.sentences}
        self.page_of = {s.index: b.page for b in article.blocks for s in b.sentences}
        self.notes = {
            n.number: NoteView(n, note_runs(n.text), article.resolved(n)) for n in article.notes
        }
        self.sources = _source_views(report.sources)
        self.by_url = {v.source.url: v for v in self.sources}
        self.checks_on: dict[int, list[ClaimCheck]] = {}
        for check in report.claims:
            self.checks_on.setdefault(check.claim.sentence, []).append(check)
        self.claims = {c.claim.id: c for c in report.claims}
        self.by_identity = {d.identity: d for d in decisions.values() if d.identity}

    def sentence_segments(self, index: int | None, text: str) -> tuple[Segment, ...]:
        checks = self.checks_on.get(index, []) if index is not None else []
        return highlight(text, _fact_spans(text, checks))

    def sources_for(self, notes: Iterable[int], urls: Iterable[Any] = ()) -> tuple[SourceView, ...]:
        named = {u: self.by_url[u] for u in urls if isinstance(u, str) and u in self.by_url}
        if named:
            return tuple(named.values())
        wanted = set(notes)
        return tuple(v for v in self.sources if wanted & set(v.source.notes))

    def passage_of(self, check: ClaimCheck | None) -> tuple[tuple[Segment, ...], str]:
        if check is None or check.passage is None:
            return (), ""
        view = self.by_url.get(check.passage.url)
        return _passage(check, view.source if view else None), check.passage.snapshot

    def finding(self, finding: Finding) -> ItemView:
        data = finding_json(finding)
        fp = fingerprint(data)
        check = self.claims.get(str(finding.evidence.get("claim_id", "")))
        index = finding.location.sentence
        passage, copy = self.passage_of(check)
        urls = [finding.evidence.get(k) for k in ("url", "source", "page")]
        return ItemView(
            id=f"f-{fp}",
            type="finding",
            title=finding.message,
            verdict=check.verdict.value if check else "",
            kind=finding.kind,
            severity=finding.severity.value,
            status=self.status.get(fp, ""),
            fp=fp,
            decision=self.decisions.get(fp),
            earlier=None if fp in self.decisions else self.by_identity.get(identity(data)),
            sentence_index=index,
            sentence=self.sentence_segments(index, finding.location.text),
            page=self.page_of.get(index) if index is not None else None,
            notes=tuple(self.notes[n] for n in finding.notes if n in self.notes),
            reason=check.reason if check else "",
            check=check,
            passage=passage,
            passage_from=copy,
            sources=self.sources_for(finding.notes, urls),
            finding=finding,
        )

    def claim(self, check: ClaimCheck) -> ItemView:
        claim = check.claim
        sentence = self.sentences.get(claim.sentence)
        passage, copy = self.passage_of(check)
        urls = [check.passage.url] if check.passage else list(check.sources)
        return ItemView(
            id=f"c-{claim.id}",
            type="claim",
            title=check.reason or claim.text,
            verdict=check.verdict.value,
            sentence_index=claim.sentence,
            sentence=self.sentence_segments(
                claim.sentence, sentence.text if sentence else claim.text
            ),
            page=self.page_of.get(claim.sentence),
            notes=tuple(self.notes[n] for n in claim.notes if n in self.notes),
            reason=check.reason,
            check=check,
            passage=passage,
            passage_from=copy,
            sources=self.sources_for(claim.notes, urls),
        )

    def note(self, view: NoteView, called: Sequence[Sentence]) -> ItemView:
        first = called[0] if called else None
        note = view.note
        return ItemView(
            id=f"n-{note.number}",
            type="note",
            title=note.text,
            verdict=UNCHECKED,
            sentence_index=first.index if first else None,
            sentence=self.sentence_segments(first.index, first.text) if first else (),
            page=note.page or (self.page_of.get(first.index) if first else None),
            notes=(view,),
            sources=self.sources_for([note.number]),
        )


def _order(item: ItemView) -> tuple[int, int, str]:
    place = -1 if item.sentence_index is None else item.sentence_index
    return (place, ("finding", "claim", "note").index(item.type), item.id)


def build_items(builder: _Builder) -> list[ItemView]:
    """Every finding and checked claim, and each note neither covers, in reading order."""
    report = builder.report
    findings = [builder.finding(f) for f in report.findings]
    claims = [builder.claim(c) for c in report.claims]
    covered = {n.note.number for item in (*findings, *claims) for n in item.notes}
    called = report.article.called_notes()
    notes = [
        builder.note(view, called.get(number, []))
        for number, view in builder.notes.items()
        if number not in covered
    ]
    return sorted([*findings, *claims, *notes], key=_order)


def build_blocks(builder: _Builder, items: Sequence[ItemView]) -> list[BlockView]:
    """The article's blocks with each sentence's highlights, calls, verdict and list item."""
    first_item: dict[int, str] = {}
    flagged: set[int] = set()
    for item in items:
        if item.sentence_index is not None:
            first_item.setdefault(item.sentence_index, item.id)
            if item.type == "finding":
                flagged.add(item.sentence_index)
    blocks = []
    page: int | None = None
    for block in builder.report.article.blocks:
        sentences = tuple(
            SentenceView(
                s,
                tuple(
                    with_calls(
                        builder.sentence_segments(s.index, s.text),
                        ((c.offset, c.number) for c in s.calls),
                    )
                ),
                _worst(c.verdict.value for c in builder.checks_on.get(s.index, [])),
                first_item.get(s.index, ""),
                s.index in flagged,
            )
            for s in block.sentences
        )
        new_page = block.page is not None and block.page != page
        page = block.page if block.page is not None else page
        text = "" if sentences else block.text
        blocks.append(
            BlockView(block.index, block.kind.value, block.page, new_page, sentences, text)
        )
    return blocks


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(str(text).encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@cache  # one environment per process: its templates compile once, not on every report
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


def _diff(
    report: Report, previous: Mapping[str, Any] | None, dismissed: Iterable[str]
) -> ReportDiff | None:
    if previous is None:
        return None
    return diff_reports(previous, report_json(report), dismissed)


def render_html(
    report: Report,
    previous: Mapping[str, Any] | None = None,
    decisions: Mapping[str, DecisionLike] | None = None,
) -> str:
    """The review page. `previous` is the last run's report.json (for the diff); `decisions`
    maps fingerprints to review decisions: dismissed findings stay in the list, marked, and
    leave the counts, as `pipeline.decisions.apply` leaves them out of the run."""
    decisions = decisions or {}
    dismissed_fps = {fp for fp, d in decisions.items() if d.decision == "dismissed"}
    diff = _diff(report, previous, dismissed_fps)
    builder = _Builder(report, diff.statuses() if diff else {}, decisions)
    items = build_items(builder)
    findings = [i for i in items if i.type == "finding"]
    raised = [i for i in findings if i.fp not in dismissed_fps]
    counts = {s.value: sum(i.severity == s.value for i in raised) for s in Severity}
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            report=report,
            article=report.article,
            generated=report.generated_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            items=items,
            blocks=build_blocks(builder, items),
            counts=counts,
            dismissed=len(findings) - len(raised),
            kinds=sorted({i.kind for i in findings}),
            severities=[s.value for s in Severity],
            verdicts=[v.value for v in Verdict],
            note_views=builder.notes,
            diff=diff,
            sources=builder.sources,
            checks={c: CHECKS[c].doc for c in report.checks if c in CHECKS},
        )
    )
