"""content-drift: a cited page whose main text has changed since it was cited.

Pages are edited, updated and replaced under the same address; a claim checked against
today's text may not be what the author read. citewatch compares the page's main text with
the archived copy nearest the note's retrieved date (or its own first snapshot) and reports a
change beyond the threshold (30% of the text by default).
Example: a ministry page rewritten since the author read it in May 2024.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claims.article import Article
from claims.checks.sourcing import source_evidence, source_location
from claims.findings import Finding, Severity
from sources.model import Source
from sources.settings import LinkSettings

THRESHOLD = LinkSettings().drift_threshold


def check(article: Article, sources: Sequence[Source]) -> Iterator[Finding]:
    for source in sources:
        if source.drift is None or source.drift < THRESHOLD:
            continue
        reference = str(source.extra.get("drift_reference", "the first snapshot"))
        yield Finding(
            kind="content-drift",
            severity=Severity.WARNING,
            message=f"{source.url}: {source.drift:.0%} of the page's main text changed since "
            f"{reference}; check the claims against the copy the author read",
            notes=source.notes,
            location=source_location(article, source),
            evidence={
                **source_evidence(source),
                "drift": round(source.drift, 3),
                "reference": reference,
            },
        )
