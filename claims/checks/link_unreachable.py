"""link-unreachable: a cited page citewatch could not reach this time (timeout, no network).

Unreachable says nothing about the page: the next scheduled check will tell. When the whole
run had no network, one finding says so instead of one per source, and the manuscript findings
stand on their own.
Example: https://example.org/news/123 timed out after 20 seconds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claims.article import Article
from claims.checks.sourcing import source_evidence, source_location
from claims.findings import Finding, Location, Severity
from sources.model import LinkState, Source


def check(article: Article, sources: Sequence[Source]) -> Iterator[Finding]:
    unreachable = [s for s in sources if s.state is LinkState.UNREACHABLE]
    if not unreachable:
        return
    if len(unreachable) == len(sources) and all("no network" in s.detail for s in unreachable):
        yield Finding(
            kind="link-unreachable",
            severity=Severity.INFO,
            message=f"no network: none of the {len(sources)} sources could be fetched, so no "
            "link or claim was checked against them; run again with a network, or give an "
            "archive with --sources",
            location=Location(),
            evidence={
                "sources": len(sources),
                "detail": unreachable[0].detail,
                "notes": sorted({n for s in sources for n in s.notes}),
            },
        )
        return
    for source in unreachable:
        yield Finding(
            kind="link-unreachable",
            severity=Severity.INFO,
            message=f"{source.url} could not be reached ({source.detail}); the next check "
            "will tell whether it is gone",
            notes=source.notes,
            location=source_location(article, source),
            evidence=source_evidence(source),
        )
