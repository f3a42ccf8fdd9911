"""PDF lines in reading order -> blocks: headings, paragraphs, pull quotes, captions, front matter.

Every measure is relative to the body size (the most common glyph size before the notes): a
heading is bold or larger than it, a caption smaller; a pull quote sits in a drawn box or in a
larger italic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from claims.layout import BlockKind, RawBlock, strip_calls
from claims.readers.pdf_page import Line, Page
from claims.readers.pdf_tables import build_table_block
from sources.lines import Vocabulary, join_lines

LARGER = 1.08  # x body size: headings and pull quotes
_SMALLER = 0.92  # x body size: captions and credits
_PARAGRAPH_GAP = 1.3  # x normal line pitch: a wider pitch starts a new block
_INDENT = (0.8, 6.0)  # ems: a first-line indent, from the column's left margin

_FRONT_LABELS = frozenset({"abstract", "summary", "keywords", "key words", "highlights"})
_SENTENCE_END_RE = re.compile(r"[.?!:;][\"”’)\]]*$")


def classify_lines(
    lines: Sequence[Line], pages: Sequence[Page], body_size: float, title_lines: set[int]
) -> list[BlockKind | None]:
    """Each line's kind before grouping (front matter aside); None for title lines."""
    kinds: list[BlockKind | None] = []
    for i, line in enumerate(lines):
        boxed = _find_box(line, pages[line.page - 1]) is not None
        kind: BlockKind | None
        if i in title_lines:
            kind = None
        elif boxed or (line.size >= LARGER * body_size and line.italic and not line.bold):
            kind = BlockKind.PULL_QUOTE
        elif line.size >= LARGER * body_size or (line.bold and line.size >= 0.95 * body_size):
            kind = BlockKind.HEADING
        elif line.size <= _SMALLER * body_size:
            kind = BlockKind.CAPTION
        else:
            kind = BlockKind.PARAGRAPH
        kinds.append(kind)
    return kinds


def build_blocks(
    lines: Sequence[Line],
    texts: Sequence[str],
    kinds: Sequence[BlockKind | None],
    tables: Sequence[int | None],
    pages: Sequence[Page],
    body_size: float,
    vocabulary: Vocabulary,
) -> list[tuple[int, RawBlock]]:
    """Lines grouped into blocks, each with the index of its first line.

    A block ends at a change of kind, page, column, box or table, at a gap wider than the
    normal line pitch, or before a first-line indent.
    """
    pitch = _measure_line_pitch(lines, kinds, body_size)
    margins = _find_left_margins(lines, kinds)
    boxes = [_find_box(line, pages[line.page - 1]) for line in lines]
    groups: list[list[int]] = []
    for i, line in enumerate(lines):
        if kinds[i] is None:
            continue
        if groups:
            j = groups[-1][-1]
            prev = lines[j]
            same = (
                kinds[j] == kinds[i]
                and tables[j] == tables[i]
                and boxes[j] == boxes[i]
                and prev.page == line.page
                and prev.column == line.column
                and abs(prev.size - line.size) <= 1
            )
            close = 0 < line.base - prev.base <= _PARAGRAPH_GAP * pitch * max(line.size, prev.size)
            if (
                same
                and (close or tables[i] is not None)
                and not _opens_with_indent(prev, texts[j], line, margins)
            ):
                groups[-1].append(i)
                continue
        groups.append([i])
    blocks: list[tuple[int, RawBlock]] = []
    for group in groups:
        first = lines[group[0]]
        kind = kinds[group[0]]
        assert kind is not None
        if tables[group[0]] is not None:
            blocks.append((group[0], build_table_block([lines[i] for i in group])))
            continue
        text = join_lines([texts[i] for i in group], vocabulary)
        if kind == BlockKind.HEADING and (len(group) > 3 or len(text) > 300):
            kind = BlockKind.PARAGRAPH  # a bold or large passage, not a heading
        blocks.append((group[0], RawBlock(kind, text, page=first.page)))
    return blocks


def mark_front_matter(blocks: Sequence[tuple[int, RawBlock]], title_at: int) -> list[RawBlock]:
    """Page 1 before its first heading is front matter (authors, abstract, journal data).

    The heading must open body text: "Abstract" or "Keywords" set as headings do not count,
    nor does one followed by a short or labelled block ("ABSTRACT ...", "DOI: ..."). When page
    1 has no such heading, only what stands above the title is front matter, so that an
    article opening without a heading keeps its first paragraphs.
    """
    if not blocks:
        return []
    first_page = blocks[0][1].page
    end = next(
        (
            k
            for k, (_, block) in enumerate(blocks[:-1])
            if block.page == first_page
            and block.kind is BlockKind.HEADING
            and block.text.rstrip(":.").casefold() not in _FRONT_LABELS
            and _opens_body(blocks[k + 1][1])
        ),
        None,
    )
    marked = []
    for k, (first_line, block) in enumerate(blocks):
        before = k < end if end is not None else first_line < title_at
        if before and block.page == first_page and block.kind is not BlockKind.TABLE:
            block = RawBlock(BlockKind.FRONT_MATTER, block.text, block.rows, block.page)
        marked.append(block)
    return marked


def _opens_body(block: RawBlock) -> bool:
    words = strip_calls(block.text).split()
    labelled = bool(words) and (
        (len(words[0]) >= 4 and words[0].isupper()) or bool(re.match(r"[\w ]{1,20}:", block.text))
    )
    return block.kind is BlockKind.PARAGRAPH and len(words) >= 30 and not labelled


def _measure_line_pitch(
    lines: Sequence[Line], kinds: Sequence[BlockKind | None], size: float
) -> float:
    """Normal baseline-to-baseline distance of body lines, in ems."""
    pitches = sorted(
        (b.base - a.base) / size
        for (a, ka), (b, kb) in pairwise(zip(lines, kinds, strict=True))
        if ka == kb == BlockKind.PARAGRAPH
        and a.page == b.page
        and a.column == b.column
        and abs(a.size - size) < 0.5
        and abs(b.size - size) < 0.5
        and 0 < b.base - a.base < 3 * size
    )
    if not pitches:
        return 1.2
    return min(max(pitches[len(pitches) // 4], 1.0), 2.0)


def _find_left_margins(
    lines: Sequence[Line], kinds: Sequence[BlockKind | None]
) -> dict[tuple[int, int], float]:
    """The most common left edge of paragraph lines, per page and column."""
    edges: dict[tuple[int, int], Counter[float]] = {}
    for line, kind in zip(lines, kinds, strict=True):
        if kind == BlockKind.PARAGRAPH:
            edges.setdefault((line.page, line.column), Counter())[round(line.x0)] += 1
    return {key: min(counter, key=lambda x: (-counter[x], x)) for key, counter in edges.items()}


def _opens_with_indent(
    prev: Line, prev_text: str, line: Line, margins: dict[tuple[int, int], float]
) -> bool:
    """Whether `line` opens a paragraph with a first-line indent.

    The line before must end a sentence: under a list item's first line, an indented line
    is the item's hanging continuation.
    """
    margin = margins.get((line.page, line.column))
    if margin is None:
        return False
    low, high = _INDENT
    indent = (line.x0 - margin) / line.size
    return (
        low <= indent <= high
        and abs(prev.x0 - margin) <= 0.3 * line.size
        and bool(_SENTENCE_END_RE.search(strip_calls(prev_text)))
    )


def _find_box(line: Line, page: Page) -> int | None:
    """The smallest drawn box around the line (boxes set one under the other are two quotes)."""
    best: int | None = None
    best_area = 0.0
    for k, box in enumerate(page.boxes):
        if box.bottom - box.top < 2 * line.size:
            continue  # a highlight behind a single line, not a frame
        if box.holds(line.x0, line.top, line.x1, line.bottom):
            area = (box.bottom - box.top) * (box.x1 - box.x0)
            if best is None or area < best_area:
                best, best_area = k, area
    return best
