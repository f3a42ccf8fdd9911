"""gazette-date-mismatch: a Resmî Gazete number that does not fit the date printed with it.

Placeholder until the number/date model lands.
"""

from __future__ import annotations

from collections.abc import Iterator

from claims.article import Article
from claims.findings import Finding


def check(article: Article) -> Iterator[Finding]:
    return iter(())
