"""The verification report: what `report.json` holds (schema in `report.schema.json`).

The contract is stable: fields and finding kinds are added, never renamed. `claims` and
`sources` are filled by the claims and sources stages; until then they are empty lists.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from claims.article import Article
from claims.facts import ClaimCheck, Fact
from claims.findings import Finding, Severity
from reports.article_json import jsonable, note_json
from sources.model import Source

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Report:
    article: Article
    findings: tuple[Finding, ...]
    generated_at: dt.datetime
    claims: tuple[ClaimCheck, ...] = ()
    sources: tuple[Source, ...] = ()
    checks: tuple[str, ...] = field(default=())  # ids of the checks that ran

    def counts(self) -> dict[str, int]:
        return {s.value: sum(f.severity is s for f in self.findings) for s in Severity}

    def worst(self) -> Severity | None:
        return min((f.severity for f in self.findings), key=lambda s: s.rank, default=None)


def sort_findings(findings: list[Finding]) -> tuple[Finding, ...]:
    """Severity first, then check, then place in the article."""

    def key(f: Finding) -> tuple[int, str, int, tuple[int, ...]]:
        sentence = f.location.sentence if f.location.sentence is not None else -1
        return (f.severity.rank, f.kind, sentence, f.notes)

    return tuple(sorted(findings, key=key))


def build_report(
    article: Article,
    findings: list[Finding],
    generated_at: dt.datetime,
    checks: tuple[str, ...],
    sources: tuple[Source, ...] = (),
    claims: tuple[ClaimCheck, ...] = (),
) -> Report:
    if generated_at.tzinfo is None:
        raise ValueError("generated_at must be timezone-aware")
    return Report(article, sort_findings(findings), generated_at, claims, sources, checks)


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "severity": finding.severity.value,
        "notes": list(finding.notes),
        "location": {
            "block": finding.location.block,
            "sentence": finding.location.sentence,
            "text": finding.location.text,
        },
        "message": finding.message,
        "evidence": jsonable(finding.evidence),
    }


def fact_json(fact: Fact) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": fact.kind.value,
        "text": fact.text,
        "span": [fact.start, fact.end],
    }
    if fact.date is not None:
        data["value"] = fact.date.isoformat()
        data["precision"] = fact.date.precision.value
    elif fact.number is not None:
        data["value"] = fact.number
        data["unit"] = fact.unit
        data["qualifier"] = fact.qualifier.value
    else:
        data["value"] = fact.key
        if fact.party_type:
            data["party_type"] = fact.party_type
    return data


def claim_json(check: ClaimCheck) -> dict[str, Any]:
    """A claim as report.json shows it: id, sentence, notes, facts, verdict, evidence."""
    claim, passage = check.claim, check.passage
    return {
        "id": claim.id,
        "sentence": claim.sentence,
        "text": claim.text,
        "span": [claim.start, claim.end],
        "notes": list(claim.notes),
        "negated": claim.negated,
        "facts": [fact_json(f) for f in claim.facts],
        "verdict": check.verdict.value,
        "evidence": {
            "reason": check.reason,
            "sources": list(check.sources),
            "source": passage.url if passage else None,
            "copy": passage.snapshot if passage else None,
            "passage": passage.text if passage else None,
            "offsets": [passage.start, passage.end] if passage else None,
            "score": passage.score if passage else None,
            "page_date": (
                {"date": passage.page_date, "from": passage.page_date_from}
                if passage and passage.page_date
                else None
            ),
            "facts": [
                {
                    "fact": f.fact.text,
                    "kind": f.fact.kind.value,
                    "status": f.status.value,
                    "source_text": f.source_text,
                    "source_value": f.source_value,
                    "detail": f.detail,
                    "source": f.source_url or None,
                    "source_span": [f.source_start, f.source_end] if f.source_start >= 0 else None,
                    "page_date": f.page_date or None,
                    "read_as": f.how or None,
                }
                for f in check.facts
            ],
        },
    }


def source_json(source: Source) -> dict[str, Any]:
    """A source as report.json shows it: url, state, snapshots, archived_copy and the rest."""
    return {
        "url": source.url,
        "notes": list(source.notes),
        "state": source.state.value,
        "detail": source.detail,
        "final_url": source.final_url or None,
        "snapshots": [
            {
                "fetched_at": s.fetched_at.isoformat(),
                "status": s.status,
                "final_url": s.final_url,
                "content_type": s.content_type,
                "digest": s.digest,
                "warc_file": s.warc_file,
                "offset": s.offset,
                "length": s.length,
                "error": s.error.value if s.error else None,
                "revisit": s.revisit,
            }
            for s in source.snapshots
        ],
        "history": [
            {
                "checked_at": c.checked_at.isoformat(),
                "state": c.state.value,
                "status": c.status,
                "detail": c.detail,
            }
            for c in source.history
        ],
        "archived_copy": None
        if source.archived_copy is None
        else {
            "url": source.archived_copy.url,
            "captured_at": source.archived_copy.captured_at.isoformat(),
            "status": source.archived_copy.status,
            "source": source.archived_copy.source,
        },
        "title": source.text.title if source.text else None,
        "published": source.text.published.isoformat()
        if source.text and source.text.published
        else None,
        "drift": source.drift,
        "extra": jsonable(source.extra),
    }


def report_json(
    report: Report, decisions: Sequence[Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """report.json; `decisions` (review decisions as JSON, see `pipeline.decisions`) are added
    under "decisions" when given."""
    article = report.article
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "article": {
            "title": article.title,
            "path": str(article.path),
            "format": article.format,
            "sha256": article.sha256,
        },
        "generated_at": report.generated_at.astimezone(dt.UTC).isoformat(),
        "summary": {"findings": len(report.findings), **report.counts()},
        "checks": list(report.checks),
        "notes": [note_json(n) for n in article.notes],
        "claims": [claim_json(c) for c in report.claims],
        "sources": [source_json(s) for s in report.sources],
        "findings": [finding_json(f) for f in report.findings],
        "warnings": list(article.warnings),
    }
    if decisions is not None:
        data["decisions"] = [dict(d) for d in decisions]
    return data


def load_schema() -> dict[str, Any]:
    text = resources.files("reports").joinpath("report.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
