"""link-dead: a cited page that is gone (404, 410, or a domain that no longer resolves).

A reader who follows the note finds nothing. citewatch calls a link dead only after repeated
failures spread over time (three, a day or more apart, by default), so a passing outage is not
reported as rot; before that the link is "failing" and reported as a warning. The archived copy
nearest the retrieved date, when there is one, is what to cite instead.
Example: https://example.org/news/123 answered 404 on three checks, March 1-3.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claims.article import Article
from claims.checks.sourcing import source_evidence, source_location
from claims.findings import Finding, Severity
from sources.model import LinkState, Source


def check(article: Article, sources: Sequence[Source]) -> Iterator[Finding]:
    for source in sources:
        if source.state not in (LinkState.DEAD, LinkState.FAILING):
            continue
        dead = source.state is LinkState.DEAD
        copy = source.archived_copy
        instead = f"; the archived copy {copy.url} can be cited instead" if copy else ""
        yield Finding(
            kind="link-dead",
            severity=Severity.ERROR if dead else Severity.WARNING,
            message=f"{source.url} is {'dead' if dead else 'failing'} ({source.detail}){instead}",
            notes=source.notes,
            location=source_location(article, source),
            evidence=source_evidence(source),
        )
