"""PDF tables: runs of lines cut into cells by wide gaps -> `TABLE` blocks with placed cells."""

from __future__ import annotations

from collections.abc import Sequence

from claims.layout import BlockKind, RawBlock
from claims.readers.pdf_page import Glyph, Line, Page, make_line
from claims.readers.pdf_text import render_line

# Ems of the line: a gap this wide inside a line separates table cells (justified text < 1.2).
_CELL_GAP = 1.5


def _split_cells(line: Line) -> list[list[Glyph]]:
    """The line cut at gaps too wide for word spaces."""
    cells: list[list[Glyph]] = []
    previous: Glyph | None = None
    for g in line.glyphs:
        if g.text.isspace():
            if cells:
                cells[-1].append(g)
            continue
        if previous is None or g.x0 - previous.x1 > _CELL_GAP * line.size:
            cells.append([])
        cells[-1].append(g)
        previous = g
    return cells


def find_tables(lines: Sequence[Line], pages: Sequence[Page]) -> list[int | None]:
    """Each line's table number, or None: runs of lines cut into cells by wide gaps.

    A run counts as a table when at least two of its lines have three cells or more, or when a
    horizontal rule runs along it; a one-cell line (a label row) may sit inside a run.
    """
    multi = [len(_split_cells(line)) for line in lines]
    table_of: list[int | None] = [None] * len(lines)
    runs: list[list[int]] = []
    run: list[int] = []
    for i, line in enumerate(lines):
        previous = lines[run[-1]] if run else None
        continues = previous is not None and (
            previous.page == line.page
            and previous.column == line.column
            and 0 < line.base - previous.base <= 3 * max(line.size, previous.size)
        )
        if multi[i] >= 2 or (
            multi[i] == 1
            and continues
            and i + 1 < len(lines)
            and multi[i + 1] >= 2
            and lines[i + 1].page == line.page
        ):
            if run and not continues:
                runs.append(run)
                run = []
            run.append(i)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    for number, found in enumerate(runs):
        if len(found) < 2:
            continue
        first, last = lines[found[0]], lines[found[-1]]
        wide = sum(multi[i] >= 3 for i in found)
        ruled = any(
            first.top - 2 * first.size <= rule.top <= last.bottom + 2 * last.size
            and rule.x0 <= min(lines[i].x0 for i in found) + first.size
            for rule in pages[first.page - 1].rules
        )
        if wide >= 2 or ruled:
            for i in found:
                table_of[i] = number
    return table_of


def build_table_block(lines: Sequence[Line]) -> RawBlock:
    """Cells placed in columns by x position, against the widest rows' cell extents."""
    rows = [[(min(g.x0 for g in c), max(g.x1 for g in c), c) for c in _split_cells(line)]
            for line in lines]  # fmt: skip
    width = max(len(row) for row in rows)
    extents = [
        (min(row[k][0] for row in rows if len(row) == width),
         max(row[k][1] for row in rows if len(row) == width))
        for k in range(width)
    ]  # fmt: skip
    table: list[tuple[str, ...]] = []
    for line, row in zip(lines, rows, strict=True):
        cells = [""] * width
        for x0, x1, glyphs in row:
            column = max(
                range(width),
                key=lambda k: (
                    min(x1, extents[k][1]) - max(x0, extents[k][0]),
                    -abs((x0 + x1) - sum(extents[k])),
                ),
            )
            text = render_line(make_line(line.page, glyphs), calls=True)
            cells[column] = f"{cells[column]} {text}".strip()
        table.append(tuple(cells))
    text = "\n".join("\t".join(row) for row in table)
    return RawBlock(BlockKind.TABLE, text, rows=tuple(table), page=lines[0].page)
