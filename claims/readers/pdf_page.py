"""PDF page geometry the reader's pure stages pass: glyphs, drawn boxes, pages, printed lines.

Coordinates are in points from the page's top-left corner, y growing downwards, so that the
stages never see the PDF's bottom-up space (`claims.readers.pdf` converts on reading).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

# In ems of the line: a call glyph is at most this fraction of its line's size...
RAISED_SIZE = 0.85
RAISED_LIFT = 0.2  # ...and its bottom sits at least this far above the line's bottom;
# or, a call barely smaller than its text (9 pt in 10 pt), at most this fraction of its size...
NEAR_SIZE = 0.95
NEAR_LIFT = 0.25  # ...lifted at least this far


# A NamedTuple, not a frozen dataclass: it is as immutable and plain, and a long article holds
# ~80,000 glyphs, for which a frozen dataclass's `__init__` (one `object.__setattr__` per
# field) made `read_pdf` on the brief's article ~40 ms (5%) slower.
class Glyph(NamedTuple):
    """One character as printed."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # the text matrix's baseline, before any text rise
    size: float
    bold: bool
    italic: bool


@dataclass(frozen=True, slots=True)
class Box:
    """A drawn rectangle: a frame (pull quote, sidebar) or a horizontal rule (table)."""

    x0: float
    top: float
    x1: float
    bottom: float

    def holds(self, x0: float, top: float, x1: float, bottom: float) -> bool:
        return (
            self.x0 - 1 <= x0 and x1 <= self.x1 + 1 and self.top - 1 <= top
            and bottom <= self.bottom + 1
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Page:
    """One page's glyphs and drawings, as the reader found them."""

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    boxes: tuple[Box, ...]  # drawn frames (pull quotes, sidebars)
    rules: tuple[Box, ...]  # horizontal rules (tables)
    rotated: int  # glyphs skipped because they do not run left to right


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line (or one column's part of it), glyphs left to right."""

    page: int
    glyphs: tuple[Glyph, ...]
    size: float  # the size most of its glyphs have
    base: float
    bottom: float
    top: float
    x0: float
    x1: float
    bold: bool
    italic: bool
    column: int = 0  # 0: spans the page; 1, 2, ...: columns from the left

    def raised(self, glyph: Glyph) -> bool:
        lift = self.bottom - glyph.bottom
        return (glyph.size <= RAISED_SIZE * self.size and lift >= RAISED_LIFT * self.size) or (
            glyph.size <= NEAR_SIZE * self.size and lift >= NEAR_LIFT * self.size
        )


def make_line(page: int, glyphs: Iterable[Glyph], column: int = 0) -> Line:
    """A line from its glyphs; raised glyphs (calls) do not move its size, baseline or top."""
    ordered = tuple(sorted(glyphs, key=lambda g: g.x0))
    ink = [g for g in ordered if not g.text.isspace()] or list(ordered)
    size = Counter(g.size for g in ink).most_common(1)[0][0]
    main = [g for g in ink if g.size >= RAISED_SIZE * size]
    bottoms = sorted(g.bottom for g in main)
    bases = sorted(g.base for g in main)
    return Line(
        page=page,
        glyphs=ordered,
        size=size,
        base=bases[len(bases) // 2],
        bottom=bottoms[len(bottoms) // 2],
        top=min(g.top for g in main),
        x0=ink[0].x0,
        x1=max(g.x1 for g in ink),
        bold=sum(g.bold for g in main) * 2 > len(main),
        italic=sum(g.italic for g in main) * 2 > len(main),
        column=column,
    )
