"""link-blocked: a cited page that is alive but refuses citewatch (401, 403, 429, a bot wall).

The source exists, but its text could not be read, so the claims it backs cannot be checked
automatically; a person with a browser (or the archived copy) can.
Example: a ministry page that answers 403 to every client without cookies.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claims.article import Article
from claims.checks.sourcing import source_evidence, source_location
from claims.findings import Finding, Severity
from sources.model import LinkState, Source


def check(article: Article, sources: Sequence[Source]) -> Iterator[Finding]:
    for source in sources:
        if source.state is LinkState.BLOCKED:
            yield Finding(
                kind="link-blocked",
                severity=Severity.INFO,
                message=f"{source.url} is alive but blocks automated reading ({source.detail}); "
                "open it in a browser to check the claims it backs",
                notes=source.notes,
                location=source_location(article, source),
                evidence=source_evidence(source),
            )
