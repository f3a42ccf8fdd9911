"""link-soft-404: a cited page that answers "200 OK" but is not there.

Many sites answer a removed page with their home page, or with a "not found" page sent as a
success; link checkers that trust the status code call these alive. citewatch looks at where
the redirect ends, what the page says, and whether a random address beside it returns the
same page.
Example: https://example.org/news/123 redirects to https://example.org/.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claims.article import Article
from claims.checks.sourcing import source_evidence, source_location
from claims.findings import Finding, Severity
from sources.model import LinkState, Source


def check(article: Article, sources: Sequence[Source]) -> Iterator[Finding]:
    for source in sources:
        if source.state is LinkState.SOFT_404:
            copy = source.archived_copy
            instead = f"; the archived copy {copy.url} can be cited instead" if copy else ""
            yield Finding(
                kind="link-soft-404",
                severity=Severity.WARNING,
                message=f"{source.url} answers, but the page is gone: {source.detail}{instead}",
                notes=source.notes,
                location=source_location(article, source),
                evidence=source_evidence(source),
            )
