"""claim-date-mismatch: a date the cited source gives differently (a day or more off).

The hard facts are where citations fail most, and a general reading of the source misses
them; citewatch compares the date itself, in normalised form, in any language.
Example: the sentence dates an agreement January 30, 2024; the cited news item,
January 29.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claims.article import Article
from claims.checks.claiming import fact_mismatches
from claims.facts import ClaimCheck, FactKind
from claims.findings import Finding


def check(article: Article, checks: Sequence[ClaimCheck]) -> Iterator[Finding]:
    yield from fact_mismatches(article, checks, FactKind.DATE, "claim-date-mismatch", "the date")
