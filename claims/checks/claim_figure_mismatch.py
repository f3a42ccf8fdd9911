"""claim-figure-mismatch: a figure the cited source gives differently, or for another period.

The hard facts are where citations fail most, and a general reading of the source misses
them; citewatch compares the figure itself (scale and currency applied, rounding allowed,
"more than" and "up to" respected), in any language.
Example: the sentence says $321 million; the source says $300 million, or gives 321 for 2022.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claims.article import Article
from claims.checks.claiming import fact_mismatches
from claims.facts import ClaimCheck, FactKind
from claims.findings import Finding


def check(article: Article, checks: Sequence[ClaimCheck]) -> Iterator[Finding]:
    yield from fact_mismatches(
        article, checks, FactKind.FIGURE, "claim-figure-mismatch", "the figure"
    )
