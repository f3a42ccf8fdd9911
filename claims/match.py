"""Fuzzy text matching (the only module importing rapidfuzz).

For now: sentence-to-sentence similarity for the manuscript checks. The claims stage adds
claim-to-source matching here.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process


def similarity(a: str, b: str) -> float:
    """Normalized edit similarity of two strings, 0-100."""
    return float(fuzz.ratio(a, b))


def similar_pairs(texts: Sequence[str], cutoff: float) -> list[tuple[int, int, float]]:
    """All pairs (i, j, score) with i < j whose similarity is at least `cutoff` (0-100)."""
    pairs = []
    for i, text in enumerate(texts):
        later = texts[i + 1 :]
        for _, score, k in process.extract(
            text, later, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        ):
            pairs.append((i, i + 1 + k, float(score)))
    return sorted(pairs)
