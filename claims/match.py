"""Fuzzy text matching (the only module importing rapidfuzz): sentence against sentence for
the manuscript checks, claim against the passages of a source for the claims stage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz, process

_SENTENCE_END = re.compile(
    r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(„«]?[A-ZÀ-ÖØ-ÞİÇĞŞÜČĆŠŽĐЀ-Я0-9])|\n\s*\n|\n(?=\S)"
)


@dataclass(frozen=True, slots=True)
class Window:
    """A few consecutive sentences of a source's text: their offsets and folded key (the
    printed text is the source's `text[start:end]`, not kept twice: windows overlap, and a
    copy in each made them several times the size of the page)."""

    start: int
    end: int
    key: str


def similarity(a: str, b: str) -> float:
    """Normalized edit similarity of two strings, 0-100."""
    return float(fuzz.ratio(a, b))


def similar_pairs(texts: Sequence[str], cutoff: float) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) with i < j whose similarity is at least `cutoff` (0-100).

    Up to `_ALL_PAIRS` texts every pair is scored. Beyond, pairs are first drawn from an index
    (the texts' rarest shared word pairs, as in MinHash blocking) so that a book's 100,000
    sentences are not compared with one another: a near copy shares most word pairs with its
    original, so the index misses it only when all its word pairs are common ones.
    """
    if len(texts) <= _ALL_PAIRS:
        pairs = []
        for i, text in enumerate(texts):
            later = texts[i + 1 :]
            for _, score, k in process.extract(
                text, later, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                pairs.append((i, i + 1 + k, float(score)))
        return sorted(pairs)
    found = {}
    for i, j in _candidate_pairs(texts):
        score = fuzz.ratio(texts[i], texts[j], score_cutoff=cutoff)
        if score:
            found[i, j] = float(score)
    return sorted((i, j, score) for (i, j), score in found.items())


_ALL_PAIRS = 2000  # texts scored all against all (under a second); an index beyond
_SKETCH = 8  # word pairs per text in the index: its rarest ones (shared with another text)
_COMMON = 64  # a word pair in more texts than this tells nothing about near copies


def _candidate_pairs(texts: Sequence[str]) -> set[tuple[int, int]]:
    shingles = []
    for text in texts:
        words = text.split()
        shingles.append({f"{a} {b}" for a, b in pairwise(words)})
    counts: dict[str, int] = {}
    for found in shingles:
        for h in found:
            counts[h] = counts.get(h, 0) + 1
    buckets: dict[str, list[int]] = {}
    for i, found in enumerate(shingles):
        shared = sorted((counts[h], h) for h in found if 1 < counts[h] <= _COMMON)
        for _, h in shared[:_SKETCH]:
            buckets.setdefault(h, []).append(i)
    pairs = set()
    for members in buckets.values():
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                pairs.add((i, j))
    return pairs


def split_windows(text: str, key: Callable[[str], str], size: int = 2) -> list[Window]:
    """Overlapping windows of `size` sentences (stride one), so a fact stated across a
    sentence break still falls inside one window."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(text.rstrip()):
        bounds.append((start, len(text.rstrip())))
    windows = []
    for i in range(max(1, len(bounds) - size + 1)):
        group = bounds[i : i + size]
        if not group:
            break
        s, e = group[0][0], group[-1][1]
        windows.append(Window(s, e, key(text[s:e])))
    return windows


def rank_windows(query: str, keys: Sequence[str], limit: int = 5) -> list[tuple[int, float]]:
    """The `limit` window keys (folded texts, listed once per source) that best match `query`
    (folded): (index, 0-100).

    token_set_ratio: a claim restates part of a passage in other words and order, so shared
    words count, not their sequence.
    """
    if not keys:
        return []
    found = process.extract(query, keys, scorer=fuzz.token_set_ratio, limit=limit)
    return [(index, float(score)) for _, score, index in found]


def score_windows(query: str, keys: Sequence[str], indexes: Sequence[int]) -> list[float]:
    """The `rank_windows` score (token_set_ratio, 0-100) of `query` against the given keys."""
    return [float(fuzz.token_set_ratio(query, keys[i])) for i in indexes]


def best_similarity(text: str, candidates: Sequence[str]) -> float:
    """The highest `similarity` of `text` to any of `candidates` (0 when there are none)."""
    found = process.extractOne(text, candidates, scorer=fuzz.ratio)
    return float(found[1]) if found else 0.0
