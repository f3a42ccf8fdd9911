"""claim-unsupported: a sentence whose cited source was read but does not say what it states.

Studies of published articles find that one citation in six to one in four does not support
its sentence. When citewatch has the source's text and no passage of it states the sentence's
facts, the citation needs a look: a wrong note number, a wrong URL, or a claim the source does
not make.
Example: "In 2022, Romania and Bulgaria jointly commissioned a study" citing a page about a
port programme that mentions no study.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claims.article import Article
from claims.checks.claiming import claim_evidence, claim_location
from claims.facts import ClaimCheck, Verdict
from claims.findings import Finding, Severity


def check(article: Article, checks: Sequence[ClaimCheck]) -> Iterator[Finding]:
    for result in checks:
        if result.verdict is not Verdict.NOT_FOUND or result.passage is None:
            continue
        yield Finding(
            kind="claim-unsupported",
            severity=Severity.WARNING,
            message=f"the cited source ({', '.join(result.sources)}) does not say this: "
            f"{result.reason}; check the note and the source",
            notes=result.claim.notes,
            location=claim_location(article, result),
            evidence=claim_evidence(result),
        )
