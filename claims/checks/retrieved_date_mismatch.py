"""retrieved-date-mismatch: a note says the page was read when it could not have been.

A retrieved date before the page's own publication date, or after the page was already gone,
means the note's date (or its URL) is wrong, and the archived copy nearest it is the wrong one
to compare with.
Example: a note "retrieved May 9, 2024" for a page whose own date is June 2, 2024.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claims.article import Article
from claims.checks.sourcing import source_evidence, source_location
from claims.findings import Finding, Severity
from sources.model import LinkState, Source


def check(article: Article, sources: Sequence[Source]) -> Iterator[Finding]:
    by_url = {s.url: s for s in sources}
    for note in article.notes:
        for citation in note.citations:
            if citation.retrieved is None:
                continue
            for url in citation.urls:
                source = by_url.get(url)
                if source is None:
                    continue
                retrieved = citation.retrieved.latest()
                published = source.text.published if source.text else None
                if published is not None and published > retrieved:
                    yield Finding(
                        kind="retrieved-date-mismatch",
                        severity=Severity.WARNING,
                        message=f"{note.name}: retrieved {retrieved.isoformat()}, but "
                        f"the page itself is dated {published.isoformat()}, later; check the "
                        "retrieved date and the URL",
                        notes=(note.number,),
                        location=source_location(article, source),
                        evidence={
                            **source_evidence(source),
                            "retrieved": retrieved.isoformat(),
                            "published": published.isoformat(),
                        },
                    )
                dead_before = [
                    c.checked_at.date()
                    for c in source.history
                    if c.state is LinkState.DEAD and c.checked_at.date() < retrieved
                ]
                if dead_before:
                    yield Finding(
                        kind="retrieved-date-mismatch",
                        severity=Severity.WARNING,
                        message=f"{note.name}: retrieved {retrieved.isoformat()}, but the "
                        f"page was already dead on {dead_before[0].isoformat()}",
                        notes=(note.number,),
                        location=source_location(article, source),
                        evidence={
                            **source_evidence(source),
                            "retrieved": retrieved.isoformat(),
                            "dead_since": dead_before[0].isoformat(),
                        },
                    )
