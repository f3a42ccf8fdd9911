"""Helpers shared by the claim checks: the finding for a fact that differs from its source."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claims.article import Article
from claims.facts import ClaimCheck, FactKind, FactStatus
from claims.findings import Finding, Location, Severity


def claim_location(article: Article, check: ClaimCheck) -> Location:
    sentence = article.sentences[check.claim.sentence]
    return Location(sentence.block, sentence.index, sentence.text)


def claim_evidence(check: ClaimCheck) -> dict[str, object]:
    passage = check.passage
    return {
        "claim": check.claim.text,
        "claim_id": check.claim.id,
        "verdict": check.verdict.value,
        "source": passage.url if passage else None,
        "copy": passage.snapshot if passage else None,
        "passage": passage.text if passage else None,
        "passage_offsets": [passage.start, passage.end] if passage else None,
        "score": passage.score if passage else None,
    }


def fact_mismatches(
    article: Article, checks: Sequence[ClaimCheck], kind: FactKind, check_id: str, what: str
) -> Iterator[Finding]:
    for check in checks:
        for fact in check.facts:
            if fact.fact.kind is not kind or fact.status is not FactStatus.DIFFERENT:
                continue
            where = check.passage.url if check.passage else "the source"
            yield Finding(
                kind=check_id,
                severity=Severity.WARNING,
                message=f"the sentence gives {what} “{fact.fact.text}”, but {where} "
                f"({check.passage.snapshot if check.passage else ''}) has “{fact.source_text}”"
                f": {fact.detail}; check which is right",
                notes=check.claim.notes,
                location=claim_location(article, check),
                evidence={
                    **claim_evidence(check),
                    "claimed": fact.fact.text,
                    "found": fact.source_text,
                    "found_value": fact.source_value,
                    "detail": fact.detail,
                    "found_in": fact.source_url or None,
                    "found_span": (
                        [fact.source_start, fact.source_end] if fact.source_start >= 0 else None
                    ),
                    "page_date": fact.page_date or None,
                    "read_as": fact.how or None,
                },
            )
