"""PDF pages of glyphs -> `Layout`: the pure stages in order, title and notes heading found.

The order of work: rows per page (`group_rows`) less running heads (`drop_running_lines`) ->
reading order (`order_columns`) -> notes heading, body size, page footnotes
(`find_footnotes`), affiliation marks (`drop_affiliation_marks`) and title -> line kinds
(`classify_lines`) and tables (`find_tables`) -> blocks (`build_blocks`, `mark_front_matter`)
and note lines (`render_note_lines`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from claims.layout import Layout, RawNote, strip_calls
from claims.readers.pdf_affiliations import drop_affiliation_marks
from claims.readers.pdf_blocks import LARGER, build_blocks, classify_lines, mark_front_matter
from claims.readers.pdf_endnotes import key_section_notes, read_reference_list, split_sections
from claims.readers.pdf_footnotes import (
    find_footnotes,
    footnotes_hold,
    measure_call_size,
    number_footnotes,
)
from claims.readers.pdf_lines import (
    drop_line_numbers,
    drop_running_lines,
    group_rows,
    order_columns,
)
from claims.readers.pdf_page import Line, Page
from claims.readers.pdf_tables import find_tables
from claims.readers.pdf_text import render_line, render_note_pages
from sources.lines import Vocabulary
from sources.notes import split_notes

NOTES_HEADINGS = frozenset({"endnotes", "notes", "references", "footnotes"})

_NOTE_NUMBER_RE = re.compile(r"^(\d{1,4})[.)]?\s")


def layout_pages(pages: Sequence[Page], metadata_title: str) -> Layout:
    """The article's title, blocks in reading order and notes lines, from its pages.

    `metadata_title` stands in when page 1 sets no title larger than the body text.
    """
    warnings = [
        f"page {p.number}: its text is set sideways and was skipped"
        if p.rotated > len(p.glyphs)
        else f"page {p.number} holds no extractable text"
        for p in pages
        if not p.glyphs or p.rotated > len(p.glyphs)
    ]
    rows = [group_rows(page) for page in pages]
    drop_line_numbers(rows)
    drop_running_lines(rows, pages)
    lines = [line for page, page_rows in zip(pages, rows, strict=True)
             for line in order_columns(page, page_rows)]  # fmt: skip
    texts = [render_line(line, calls=True) for line in lines]
    # Every line as printed, line-break halves included: `join_hyphenated` counts on it.
    vocabulary = Vocabulary(strip_calls(text) for text in texts)
    notes_at = find_notes_heading(lines, texts)
    body_lines = lines if notes_at is None else lines[:notes_at]
    body_size = measure_call_size(body_lines) or measure_body_size(body_lines)
    footnotes = find_footnotes(body_lines, pages, body_size)
    drop_affiliation_marks(body_lines, texts, footnotes.taken)
    raw_notes: tuple[RawNote, ...] = ()
    body_texts = texts if notes_at is None else texts[:notes_at]
    kept = [(line, text) for i, (line, text) in enumerate(zip(body_lines, body_texts, strict=True))
            if i not in footnotes.taken]  # fmt: skip
    if footnotes.notes and footnotes_hold(footnotes.notes, *zip(*kept, strict=True)):
        keep = [i for i in range(len(lines)) if i not in footnotes.taken]
        lines = [lines[i] for i in keep]
        texts = [texts[i] for i in keep]
        if notes_at is not None:
            notes_at -= len(footnotes.taken)
        body_lines = lines if notes_at is None else lines[:notes_at]
        texts, raw_notes, note_warnings = number_footnotes(
            footnotes.notes, lines, texts, vocabulary
        )
        warnings += footnotes.warnings + note_warnings
    else:
        body_size = measure_body_size(body_lines)

    note_lines: list[str] = []
    notes_heading = None
    if notes_at is not None:
        notes_heading = strip_calls(texts[notes_at]).strip()
        note_pages = render_note_pages(lines[notes_at + 1 :])
        body_texts = texts[:notes_at]
        references = read_reference_list(
            note_pages, body_texts, notes_heading, raw_notes, vocabulary,
            [line.page for line in lines[:notes_at]],
        )  # fmt: skip
        sections = None if raw_notes or references else split_sections(note_pages, vocabulary)
        if references is not None:
            body_texts, more_notes, more_warnings = references
            raw_notes += more_notes
            warnings += more_warnings
        elif sections is not None:
            body_texts, raw_notes, more_warnings = key_section_notes(sections, body_texts)
            warnings += more_warnings
        elif not raw_notes:
            note_lines = [text for text, _ in note_pages]
        elif listed := split_notes([text for text, _ in note_pages], vocabulary):
            # Beside page footnotes, a list the text cites by author and year, not by number:
            # said, never dropped in silence.
            warnings.append(
                f'the {len(listed)} entries under "{notes_heading}" are not cited by number in '
                "the text (by author and year, perhaps) and were not read as notes"
            )
        texts = [*body_texts, *texts[notes_at:]]
    elif not raw_notes:
        warnings.append("no notes heading (Endnotes, Notes, References, Footnotes) was found")

    title, title_lines = find_title(body_lines, body_size)
    kinds = classify_lines(body_lines, pages, body_size, title_lines)
    tables = find_tables(body_lines, pages)
    grouped = build_blocks(body_lines, texts, kinds, tables, pages, body_size, vocabulary)
    blocks = mark_front_matter(grouped, min(title_lines, default=0))

    return Layout(
        title=title or metadata_title,
        blocks=tuple(blocks),
        note_lines=tuple(note_lines),
        notes_heading=notes_heading,
        warnings=tuple(warnings),
        notes=raw_notes,
    )


def measure_body_size(lines: Sequence[Line]) -> float:
    """The most common glyph size; 10 pt for lines without ink."""
    sizes = Counter(g.size for line in lines for g in line.glyphs if not g.text.isspace())
    return sizes.most_common(1)[0][0] if sizes else 10.0


def find_notes_heading(lines: Sequence[Line], texts: Sequence[str]) -> int | None:
    """Index of the notes heading: a line reading "Notes" (or the like) set as a heading."""
    sizes: Counter[float] = Counter()
    for i, (line, text) in enumerate(zip(lines, texts, strict=True)):
        if strip_calls(text).strip().rstrip(":.").casefold() in NOTES_HEADINGS:
            following = lines[i + 1] if i + 1 < len(lines) else line
            body = sizes.most_common(1)[0][0] if sizes else following.size
            next_text = strip_calls(texts[i + 1]) if i + 1 < len(texts) else ""
            if line.bold or line.size >= LARGER * body or _NOTE_NUMBER_RE.match(next_text):
                return i
        sizes.update(g.size for g in line.glyphs if not g.text.isspace())
    return None


def find_title(lines: Sequence[Line], body_size: float) -> tuple[str, set[int]]:
    """The largest text on page 1, its lines joined with a space, and those lines' indexes."""
    first_page = [
        (i, line)
        for i, line in enumerate(lines)
        if line.page == lines[0].page and sum(g.text.isalpha() for g in line.glyphs) >= 2
    ]
    if not first_page:
        return "", set()
    largest = max(line.size for _, line in first_page)
    if largest < 1.2 * body_size:
        return "", set()
    indexes: list[int] = []
    for i, line in first_page:
        if line.size >= 0.95 * largest:
            indexes.append(i)
        elif indexes:
            break
    title = " ".join(strip_calls(render_line(lines[i], calls=True)) for i in indexes)
    return " ".join(title.split()), set(indexes)
