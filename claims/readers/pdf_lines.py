"""PDF glyphs -> printed lines in reading order: rows, running heads dropped, columns.

Running heads and page numbers are edge lines set apart from the text that repeat from page
to page (digits aside). A page reads in columns when empty vertical gutters run between its
lines: two, or three (the Federal Register), or more.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Sequence

from claims.readers.pdf_page import (
    NEAR_LIFT,
    NEAR_SIZE,
    RAISED_SIZE,
    Glyph,
    Line,
    Page,
    make_line,
)
from claims.readers.pdf_text import render_line

_SPAN_BRIDGE = 1.0  # ems of the line: gaps narrower than this do not open a column gutter
_PAGE_NUMBER_RE = re.compile(r"^\W*(?:\d{1,4}|[ivxlcdm]{1,7})\W*$")  # roman ones are lowercase


def group_rows(page: Page) -> list[Line]:
    """The page's glyphs grouped into full-width rows, top to bottom.

    Glyphs sharing a baseline form a row; a row of small glyphs that overlaps a row of larger
    ones (superscripts set with a moved baseline instead of a text rise) joins it.
    """
    groups: list[list[Glyph]] = []
    anchor = 0.0
    for glyph in sorted(page.glyphs, key=lambda g: (g.base, g.x0)):
        if groups and abs(glyph.base - anchor) <= 0.1 * glyph.size:
            groups[-1].append(glyph)
        else:
            groups.append([glyph])
            anchor = glyph.base
    groups = [g for g in groups if any(not x.text.isspace() for x in g)]
    rows = [make_line(page.number, group) for group in groups]
    merged: dict[int, list[Glyph]] = {i: list(group) for i, group in enumerate(groups)}
    for i, row in enumerate(rows):
        # Piece by piece: on a page of columns with staggered baselines, one row of small
        # glyphs can hold calls raised in two columns, each over a different line.
        for piece in _split_row(row):
            host = _find_host(piece, i, rows, merged)
            if host is not None and i in merged:
                merged[host].extend(piece.glyphs)
                merged[i] = [g for g in merged[i] if g not in piece.glyphs]
        if i in merged and not any(not g.text.isspace() for g in merged[i]):
            del merged[i]
    result = [make_line(page.number, glyphs) for glyphs in merged.values()]
    return sorted(result, key=lambda line: line.base)


def _split_row(row: Line) -> list[Line]:
    """The row's stretches of ink (word spaces bridged) as lines of their own."""
    spans = _measure_spans(row)
    if len(spans) < 2:
        return [row]
    pieces: list[list[Glyph]] = [[] for _ in spans]
    for g in row.glyphs:
        if not g.text.isspace():
            centre = (g.x0 + g.x1) / 2
            k = next((k for k, (a, b) in enumerate(spans) if a <= centre <= b), 0)
            pieces[k].append(g)
    return [make_line(row.page, piece) for piece in pieces if piece]


def _find_host(
    piece: Line, index: int, rows: Sequence[Line], merged: dict[int, list[Glyph]]
) -> int | None:
    """The row a piece of small glyphs overlapping it belongs to (superscripts set with a
    moved baseline), if any: the nearest by bottom among those it fits."""
    biggest = max(g.size for g in piece.glyphs if not g.text.isspace())
    # A piece of figures barely smaller than the text beside it: calls set 9 pt in 10 pt.
    calls_only = all(g.text.isdigit() or g.text in ", " for g in piece.glyphs)
    hosts = [
        j
        for j, other in enumerate(rows)
        if j != index
        and j in merged
        and (
            biggest <= RAISED_SIZE * other.size
            or (
                calls_only
                and biggest <= NEAR_SIZE * other.size
                and other.bottom - piece.bottom >= NEAR_LIFT * other.size
            )
        )
        and piece.top < other.bottom
        and other.top < piece.bottom
        and any(
            a - other.size <= piece.x0 and piece.x1 <= b + 2 * other.size
            for a, b in _measure_spans(other)
        )
    ]
    return min(hosts, key=lambda j: abs(rows[j].bottom - piece.bottom)) if hosts else None


def drop_running_lines(rows: list[list[Line]], pages: Sequence[Page]) -> None:
    """Remove running heads, running feet and page numbers, in place.

    Candidates are the outermost lines of a page set apart from the text by a wide gap. One
    that is a bare page number goes; so does one whose text, digits aside, recurs at the same
    height on another page.
    """
    candidates: list[tuple[int, int, str, float]] = []  # (page index, row index, key, y)
    for p, page_rows in enumerate(rows):
        for edge in _find_edge_rows(page_rows):
            row = page_rows[edge]
            candidates.append((p, edge, _make_running_key(row), row.base / pages[p].height))
    doomed: set[tuple[int, int]] = set()
    for p, index, key, y in candidates:
        text = render_line(rows[p][index], calls=False)
        recurring = key and any(
            other_key == key and other_p != p and abs(other_y - y) < 0.02
            for other_p, _, other_key, other_y in candidates
        )
        if recurring or (_PAGE_NUMBER_RE.match(text) and not _labels_row(rows[p], index)):
            doomed.add((p, index))
    for p, page_rows in enumerate(rows):
        page_rows[:] = [row for i, row in enumerate(page_rows) if (p, i) not in doomed]


def _labels_row(rows: Sequence[Line], index: int) -> bool:
    """Whether a bare number sits just left of a row it overlaps: a footnote's label set on
    its own baseline, not a page number."""
    label = rows[index]
    return any(
        k != index
        and row.top < label.bottom
        and label.top < row.bottom
        and 0 <= row.x0 - label.x1 <= 2 * row.size
        for k, row in enumerate(rows)
    )


def _find_edge_rows(rows: Sequence[Line]) -> list[int]:
    """Indexes of the rows at the top and at the bottom of a page that stand apart from the
    rest by a gap wider than two lines: one or two at each edge (a head may print journal,
    then article), or up to three set apart one by one (a proof's folio, link and printer's
    mark). Three close rows at the foot are text, such as three short footnotes."""
    found: list[int] = []
    for step in (1, -1):
        order = list(range(len(rows)) if step == 1 else range(len(rows) - 1, -1, -1))
        taken: list[int] = []
        start = 0
        while start < len(order) and len(taken) < 3:
            cluster: list[int] = []
            for position in range(start, len(order)):
                cluster.append(order[position])
                if position + 1 == len(order):
                    cluster = []  # the page is one block of text: no head or foot to take
                    break
                a, b = rows[order[position]], rows[order[position + 1]]
                if abs(b.base - a.base) > 2.0 * max(a.size, b.size):
                    break
            if not cluster or len(cluster) > 2 or len(taken) + len(cluster) > 3:
                break
            if taken and len(cluster) > 1:
                break  # beyond the first cluster, only rows set apart one by one
            taken += cluster
            start += len(cluster)
        found += taken
    return sorted(set(found))


def _make_running_key(line: Line) -> str:
    """The line's words without digits: a running head's page number changes, its text not."""
    return " ".join(re.sub(r"[\W\d_]+", " ", render_line(line, calls=False).casefold()).split())


def order_columns(page: Page, rows: list[Line]) -> list[Line]:
    """The page's lines in reading order: on a page of two or more columns, column by column,
    left to right (a newspaper or the Federal Register sets three).

    Lines crossing a gutter (a title, a wide table) span the page; each one closes the
    columned stretch above it, which reads column by column first.
    """
    gutters = find_gutters(rows)
    if not gutters:
        return rows
    ordered: list[Line] = []
    columns: list[list[Line]] = [[] for _ in range(len(gutters) + 1)]
    for row in rows:
        if any(a < gutter < b for a, b in _measure_spans(row) for gutter in gutters):
            ordered += [*_order_before_full_width(columns), row]
            columns = [[] for _ in range(len(gutters) + 1)]
            continue
        parts: list[list[Glyph]] = [[] for _ in columns]
        for g in row.glyphs:
            parts[bisect.bisect_right(gutters, (g.x0 + g.x1) / 2)].append(g)
        for column, (glyphs, bucket) in enumerate(zip(parts, columns, strict=True), start=1):
            if any(not g.text.isspace() for g in glyphs):
                bucket.append(make_line(page.number, glyphs, column))
    return ordered + [line for column in columns for line in column]


def _order_before_full_width(columns: list[list[Line]]) -> list[Line]:
    """A columned stretch closed by a full-width line: column by column.

    First-column lines below all the other columns, set off by a gap, belong to the
    full-width matter that follows (a short "Notes" heading over full-width notes) and come
    last.
    """
    left, others = columns[0], [line for column in columns[1:] for line in column]
    if not left or not others:
        return left + others
    right_end = max(line.bottom for line in others)
    k = len(left)
    while k > 0 and left[k - 1].top > right_end:
        k -= 1
    if k == len(left):
        return left + others
    if k > 0 and left[k].base - left[k - 1].base <= 1.6 * max(left[k].size, left[k - 1].size):
        return left + others  # the first column simply runs longer
    return left[:k] + others + left[k:]


def find_gutters(rows: Sequence[Line]) -> list[float]:
    """The x of each column gutter on the page, left to right: a gutter found (`_find_gutter`),
    then the gutters of each side in turn, so three columns give two.

    More than one gutter stands only when the columns they make are of a width (within a
    quarter): a table or a figure set into a column of a two-column page cuts it unevenly.
    """
    gutters = _split_gutters(rows)
    if len(gutters) < 2:
        return gutters
    size = Counter(row.size for row in rows).most_common(1)[0][0]
    body = [row for row in rows if abs(row.size - size) <= 0.15 * size]
    edges = [min(row.x0 for row in body), *gutters, max(row.x1 for row in body)]
    widths = [b - a for a, b in itertools.pairwise(edges)]
    if min(widths) >= 0.75 * max(widths):
        return gutters
    return [_find_gutter(rows)]  # type: ignore[list-item]  # found, as gutters are


def _split_gutters(rows: Sequence[Line]) -> list[float]:
    gutter = _find_gutter(rows)
    if gutter is None:
        return []
    sides: tuple[list[Line], list[Line]] = ([], [])
    for row in rows:
        if any(a < gutter < b for a, b in _measure_spans(row)):
            continue  # spans both sides: says nothing of the columns within one
        left = [g for g in row.glyphs if (g.x0 + g.x1) / 2 < gutter]
        right = [g for g in row.glyphs if (g.x0 + g.x1) / 2 >= gutter]
        for glyphs, side in ((left, sides[0]), (right, sides[1])):
            if any(not g.text.isspace() for g in glyphs):
                side.append(make_line(row.page, glyphs))
    return [*_split_gutters(sides[0]), gutter, *_split_gutters(sides[1])]


def _measure_spans(line: Line) -> list[tuple[float, float]]:
    """Horizontal stretches of ink, bridging word spaces."""
    spans: list[tuple[float, float]] = []
    for g in line.glyphs:
        if g.text.isspace():
            continue
        if spans and g.x0 - spans[-1][1] <= _SPAN_BRIDGE * line.size:
            spans[-1] = (spans[-1][0], max(spans[-1][1], g.x1))
        else:
            spans.append((g.x0, g.x1))
    return spans


def _find_gutter(rows: Sequence[Line]) -> float | None:
    """The x of an empty vertical strip with body-size lines on both sides, if any.

    Lines on the two sides need not share baselines. A strip that more than a tenth of the
    lines cross is no gutter; nor is one with few lines on either side (a single column's
    short last lines all sit on the left).
    """
    if not rows:
        return None
    size = Counter(row.size for row in rows).most_common(1)[0][0]
    body = [_measure_spans(row) for row in rows if abs(row.size - size) <= 0.15 * size]
    if len(body) < 4:
        return None
    left = min(spans[0][0] for spans in body)
    right = max(spans[-1][1] for spans in body)
    low, high = left + 0.2 * (right - left), right - 0.2 * (right - left)
    edges = {round(x) for spans in body for a, b in spans for x in (a - 1, b + 1)}
    best: tuple[int, float] | None = None  # (lines on the thinner side, x)
    for x in sorted(e for e in edges if low <= e <= high):
        crossing = sum(any(a < x < b for a, b in spans) for spans in body)
        if crossing > 0.1 * len(body):
            continue
        on_left = sum(spans[0][0] < x and not any(a < x < b for a, b in spans) for spans in body)
        on_right = sum(spans[-1][1] > x and not any(a < x < b for a, b in spans) for spans in body)
        thinner = min(on_left, on_right)
        if best is None or thinner > best[0]:
            best = (thinner, x)
    if best is None or best[0] < max(2, 0.2 * len(body)):
        return None
    gutter = best[1]
    ends = [b for spans in body for _, b in spans if b <= gutter]
    starts = [a for spans in body for a, _ in spans if a >= gutter]
    if ends and starts and max(ends) < min(starts):
        return (max(ends) + min(starts)) / 2  # the middle of the empty strip
    return gutter


_LINE_NUMBER_RE = re.compile(r"^[A-Za-z]{0,2}\d{1,3}[A-Za-z]{0,2}$")
_LINE_NUMBER_GAP = 2.0  # ems: a margin number stands this far from the text of its row
_LINE_NUMBERS_MIN = 5  # a page's margin numbers, set one above the other, to count as a ruler


def drop_line_numbers(rows: list[list[Line]]) -> None:
    """Remove the line numbers of proof margins, in place.

    A margin line number is a bare number (a crop-mark letter or two may cling to it) in the
    margin beside the text block, at the left or right end of its row, set apart from the
    row's text by a wide gap, and aligned with at least four others on the page, one above
    the other, counting up. (Footnote labels set on rows of their own sit inside the block.)
    """
    for page_rows in rows:
        # The text block's edges: those of the long stretches of text (a row's margin number
        # stands apart from them).
        spans = [
            (row.glyphs[piece[0]].x0, row.glyphs[piece[-1]].x1)
            for row in page_rows
            for piece in _split_far(row)
            if len(piece) >= 20
        ]
        if not spans:
            continue
        lefts = sorted(a for a, _ in spans)
        rights = sorted(b for _, b in spans)
        text_left, text_right = lefts[len(lefts) // 2], rights[len(rights) // 2]
        candidates: list[tuple[int, set[int], float]] = []  # (row, glyph indexes, x centre)
        for r, row in enumerate(page_rows):
            pieces = _split_far(row)
            for piece in (pieces[0], pieces[-1]) if len(pieces) > 1 else pieces:
                text = "".join(row.glyphs[i].text for i in piece).strip()
                x0, x1 = row.glyphs[piece[0]].x0, row.glyphs[piece[-1]].x1
                in_margin = x1 < text_left - 2 or x0 > text_right + 2  # not a footnote label
                if in_margin and _LINE_NUMBER_RE.match(text) and any(c.isdigit() for c in text):
                    centre = (row.glyphs[piece[0]].x0 + row.glyphs[piece[-1]].x1) / 2
                    candidates.append((r, set(piece), centre))
        if len(candidates) < _LINE_NUMBERS_MIN:
            continue
        doomed: dict[int, set[int]] = {}
        for r, indexes, centre in candidates:
            ruler = [(rr, pp) for rr, pp, other in candidates if abs(other - centre) <= 12]
            numbers = [
                int("".join(c for c in "".join(page_rows[rr].glyphs[i].text for i in pp)
                            if c.isdigit()))
                for rr, pp in ruler
            ]  # fmt: skip
            steps = sum(b == a + 1 for a, b in itertools.pairwise(numbers))
            # Counting lines, one by one down the page: not a table's column of figures.
            if len(ruler) >= _LINE_NUMBERS_MIN and steps >= 0.7 * (len(ruler) - 1):
                doomed.setdefault(r, set()).update(indexes)
        if not doomed:
            continue
        kept: list[Line] = []
        for r, row in enumerate(page_rows):
            if r not in doomed:
                kept.append(row)
                continue
            glyphs = [g for i, g in enumerate(row.glyphs) if i not in doomed[r]]
            if any(not g.text.isspace() for g in glyphs):
                kept.append(make_line(row.page, glyphs, row.column))
        page_rows[:] = kept


def _split_far(line: Line) -> list[list[int]]:
    """The row's glyph indexes cut at gaps wider than `_LINE_NUMBER_GAP` ems."""
    pieces: list[list[int]] = []
    previous_x1: float | None = None
    for i, g in enumerate(line.glyphs):
        if g.text.isspace():
            continue
        if previous_x1 is None or g.x0 - previous_x1 > _LINE_NUMBER_GAP * line.size:
            pieces.append([])
        pieces[-1].append(i)
        previous_x1 = g.x1
    return pieces
