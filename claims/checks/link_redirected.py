"""link-redirected: a cited URL that now leads somewhere else.

A permanent move is harmless when the page is the same; but a redirect to another article, a
section page or a search page means the cited content may be gone. Redirects to the site's
home page are reported as soft 404s instead.
Example: https://example.org/2020/05/story now redirects to https://example.org/archive/story.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claims.article import Article
from claims.checks.sourcing import source_evidence, source_location
from claims.findings import Finding, Severity
from sources.model import LinkState, Source


def check(article: Article, sources: Sequence[Source]) -> Iterator[Finding]:
    for source in sources:
        if source.state is LinkState.REDIRECTED:
            yield Finding(
                kind="link-redirected",
                severity=Severity.INFO,
                message=f"{source.url} now {source.detail}; check that it is still the cited "
                "page, and cite the new address if so",
                notes=source.notes,
                location=source_location(article, source),
                evidence=source_evidence(source),
            )
