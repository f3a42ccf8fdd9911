"""claim-party-mismatch: a party the sentence names where the source names another.

Who signed, who received, who sent troops: a country swapped for its neighbour is a
common slip. Countries are compared by code across languages (Arnavutluk, Shqipëria,
Albania are one).
Example: the sentence says Romania signed; the source's passage says Albania.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claims.article import Article
from claims.checks.claiming import fact_mismatches
from claims.facts import ClaimCheck, FactKind
from claims.findings import Finding


def check(article: Article, checks: Sequence[ClaimCheck]) -> Iterator[Finding]:
    yield from fact_mismatches(article, checks, FactKind.PARTY, "claim-party-mismatch", "the party")
