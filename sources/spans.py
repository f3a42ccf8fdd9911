"""Sets of text spans answering "does this span touch one already taken?" in logarithmic time.

Scanners take the first match of several patterns and skip later matches overlapping it; a
list scanned for every match made that quadratic, and a page repeating one dated sentence
30,000 times took minutes. Spans are half-open `[start, end)`, kept merged and sorted.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Spans:
    """A growing union of half-open spans."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if self._ends and start < self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            elif start < end:
                self._starts.append(start)
                self._ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether `[start, end)` shares a position with a span of the set."""
        at = bisect.bisect_right(self._starts, start)
        if at > 0 and self._ends[at - 1] > start:
            return True
        return at < len(self._starts) and self._starts[at] < end

    def holds(self, position: int) -> bool:
        """Whether `position` lies in a span of the set."""
        return self.overlaps(position, position + 1)

    def add(self, start: int, end: int) -> None:
        """Take `[start, end)`, merging it with the spans it overlaps."""
        if start >= end:
            return
        low = bisect.bisect_left(self._ends, start + 1)  # first span ending after start
        high = bisect.bisect_left(self._starts, end)  # first span starting at or after end
        if low < high:
            start = min(start, self._starts[low])
            end = max(end, self._ends[high - 1])
        self._starts[low:high] = [start]
        self._ends[low:high] = [end]
