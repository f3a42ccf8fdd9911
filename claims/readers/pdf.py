"""PDF reader: an article PDF -> `Layout` (the only module importing pdfplumber and pdfminer).

Nothing here knows a journal. Every measure is relative to the document: the body size is the
most common glyph size before the notes; a heading is bold or larger than it, a caption
smaller; a pull quote sits in a drawn box or in a larger italic; a note call is a run of digits
clearly smaller than its line and raised above it; running heads and page numbers are edge
lines set apart from the text that repeat from page to page (digits aside). A page reads in two
columns when an empty vertical gutter runs between its lines.

The order of work: pages -> glyphs, boxes and rules (`_load_pages`, the only code that calls
the libraries) -> rows per page (`_page_rows`) less running heads (`_drop_running_lines`) ->
reading order (`_order_columns`) -> line kinds and tables -> blocks and note lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve
from pdfminer.pdfdocument import PDFEncryptionError
from pdfplumber.utils.exceptions import PdfminerException

from claims.errors import ArticleNotFound, EmptyArticle, UnreadablePdf
from claims.layout import BlockKind, Layout, RawBlock, call_marker, strip_calls
from sources.lines import Vocabulary, join_lines

NOTES_HEADINGS = frozenset({"endnotes", "notes", "references", "footnotes"})

# Thresholds, in ems of the text they apply to unless said otherwise.
_RAISED_SIZE = 0.85  # a call glyph is at most this fraction of its line's size...
_RAISED_LIFT = 0.2  # ...and its bottom sits at least this far above the line's bottom
_SPACE_GAP = 0.2  # a gap this wide between glyphs is a word space
_CELL_GAP = 1.5  # a gap this wide inside a line separates table cells (justified text < 1.2)
_SPAN_BRIDGE = 1.0  # gaps narrower than this do not open a column gutter
_LARGER = 1.08  # x body size: headings and pull quotes
_SMALLER = 0.92  # x body size: captions and credits
_PARAGRAPH_GAP = 1.3  # x normal line pitch: a wider pitch starts a new block
_INDENT = (0.8, 6.0)  # a first-line indent, from the column's left margin

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
     "\u00ad": "-", "\u2010": "-", "\u2011": "-"}
)  # fmt: skip
_BOLD_RE = re.compile(r"bold|black|heavy|demi|semibd", re.IGNORECASE)
_ITALIC_RE = re.compile(r"italic|oblique|slant|kursiv|[-,][a-z]*it$", re.IGNORECASE)
_PAGE_NUMBER_RE = re.compile(r"^\W*(?:\d{1,4}|[ivxlcdm]{1,7})\W*$")  # roman ones are lowercase
_NOTE_NUMBER_RE = re.compile(r"^(\d{1,4})[.)]?\s")
_FILE_TITLE_RE = re.compile(r"^microsoft \w+ - |\.(?:docx?|odt|rtf|indd|tex|pdf)$", re.IGNORECASE)
_FRONT_LABELS = frozenset({"abstract", "summary", "keywords", "key words", "highlights"})
_SENTENCE_END_RE = re.compile(r"[.?!:;][\"”’)\]]*$")


def read_pdf(path: Path) -> Layout:
    """Read an article PDF into its title, blocks in reading order and notes lines.

    Raises `ArticleNotFound`, `UnreadablePdf` (damaged, not a PDF, or encrypted) and
    `EmptyArticle` (no extractable text, e.g. a scan).
    """
    pages, metadata_title = _load_pages(path)
    if not any(g.text.strip() for page in pages for g in page.glyphs):
        raise EmptyArticle(
            path, "the PDF holds no extractable text", "run OCR on it first or supply the text"
        )
    warnings = [
        f"page {p.number}: its text is set sideways and was skipped"
        if p.rotated > len(p.glyphs)
        else f"page {p.number} holds no extractable text"
        for p in pages
        if not p.glyphs or p.rotated > len(p.glyphs)
    ]
    rows = [_page_rows(page) for page in pages]
    _drop_running_lines(rows, pages)
    lines = [line for page, page_rows in zip(pages, rows, strict=True)
             for line in _order_columns(page, page_rows)]  # fmt: skip
    texts = [_render(line, calls=True) for line in lines]
    notes_at = _notes_start(lines, texts)
    body_lines = lines if notes_at is None else lines[:notes_at]
    body_size = _mode_size(body_lines)
    # Every line as printed, line-break halves included: `join_hyphenated` counts on it.
    vocabulary = Vocabulary(strip_calls(text) for text in texts)

    title, title_lines = _title(body_lines, body_size)
    kinds = _line_kinds(body_lines, pages, body_size, title_lines)
    tables = _find_tables(body_lines, pages)
    grouped = _build_blocks(body_lines, texts, kinds, tables, pages, body_size, vocabulary)
    blocks = _mark_front_matter(grouped, min(title_lines, default=0))

    if notes_at is None:
        warnings.append("no notes heading (Endnotes, Notes, References, Footnotes) was found")
        note_lines: list[str] = []
        notes_heading = None
    else:
        notes_heading = strip_calls(texts[notes_at]).strip()
        note_lines = _note_lines(lines[notes_at + 1 :])
    return Layout(
        title=title or metadata_title,
        blocks=tuple(blocks),
        note_lines=tuple(note_lines),
        notes_heading=notes_heading,
        warnings=tuple(warnings),
    )


# --- reading the file -------------------------------------------------------------------------


class _Glyph(NamedTuple):
    """One character as printed; y grows downwards from the page's top edge."""

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
class _Box:
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
class _Page:
    number: int
    width: float
    height: float
    glyphs: tuple[_Glyph, ...]
    boxes: tuple[_Box, ...]  # drawn frames (pull quotes, sidebars)
    rules: tuple[_Box, ...]  # horizontal rules (tables)
    rotated: int  # glyphs skipped because they do not run left to right


def _load_pages(path: Path) -> tuple[list[_Page], str]:
    """Every page's glyphs and drawings, and the metadata title; library errors translated."""
    if not path.exists():
        raise ArticleNotFound(path, "no such file", "check the path")
    if path.is_dir():
        raise ArticleNotFound(path, "this is a directory, not a PDF", "give the PDF file itself")
    # Only the library calls sit in `try`: an error in our own code is a bug, not a bad file.
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises anything from KeyError to its own PSEOF
        raise _unreadable(path, exc) from None
    with pdf:
        try:
            title = pdf.metadata.get("Title", "")
            library_pages = pdf.pages
        except Exception as exc:
            raise _unreadable(path, exc) from None
        pages = []
        for number, page in enumerate(library_pages, start=1):
            try:
                layout = page.layout
            except Exception as exc:
                raise _unreadable(path, exc) from None
            pages.append(_read_page(number, layout))
            page.close()
    if not isinstance(title, str) or _FILE_TITLE_RE.search(title):
        title = ""  # "Microsoft Word - draft3.docx" is no title
    return pages, title.strip()


def _unreadable(path: Path, exc: Exception) -> UnreadablePdf:
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFEncryptionError):
        return UnreadablePdf(path, "the PDF is encrypted", "remove the password and try again")
    text = str(cause).strip()
    reason = text.splitlines()[0][:80].rstrip(" .!") if text else type(cause).__name__
    return UnreadablePdf(
        path,
        f"not a readable PDF ({reason})",
        "check the file is a complete PDF, or export it again",
    )


def _read_page(number: int, layout: Any) -> _Page:
    left, top_edge = layout.x0, layout.y1
    width, height = layout.x1 - layout.x0, layout.y1 - layout.y0
    glyphs: list[_Glyph] = []
    boxes: list[_Box] = []
    rules: list[_Box] = []
    rotated = 0
    for obj in _walk(layout):
        if isinstance(obj, LTChar):
            if not obj.upright:
                rotated += 1  # margin text ("Downloaded from ..."), or a page set sideways
                continue
            bold, italic = _font_style(obj.fontname)
            _, b, c, d, _, f = obj.matrix
            glyphs.append(
                _Glyph(
                    text=obj.get_text().translate(_LIGATURES),
                    x0=obj.x0 - left,
                    x1=obj.x1 - left,
                    top=top_edge - obj.y1,
                    bottom=top_edge - obj.y0,
                    base=top_edge - f,
                    size=round(obj.size, 1) or round(obj.height, 1) or 1.0,
                    bold=bold,
                    italic=italic or (b == 0 and abs(c) > 0.1 * abs(d)),  # a slanted upright font
                )
            )
        elif isinstance(obj, LTCurve) and (obj.stroke or obj.fill):
            box = _Box(obj.x0 - left, top_edge - obj.y1, obj.x1 - left, top_edge - obj.y0)
            w, h = box.x1 - box.x0, box.bottom - box.top
            if h <= 2 and w > 10:
                rules.append(box)
            elif w > 10 and h > 10 and w * h < 0.5 * width * height:
                boxes.append(box)
    return _Page(number, width, height, tuple(glyphs), tuple(boxes), tuple(rules), rotated)


@cache
def _font_style(fontname: str) -> tuple[bool, bool]:
    """(bold, italic) from a font's name, its subset prefix ("ABCDEF+") aside."""
    name = fontname.split("+", 1)[-1]
    return bool(_BOLD_RE.search(name)), bool(_ITALIC_RE.search(name))


def _walk(container: Any) -> Iterator[Any]:
    for obj in container:
        if isinstance(obj, LTContainer) and not isinstance(obj, LTChar):
            yield from _walk(obj)  # form XObjects hold text too
        else:
            yield obj


# --- lines --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    """One printed line (or one column's part of it), glyphs left to right."""

    page: int
    glyphs: tuple[_Glyph, ...]
    size: float  # the size most of its glyphs have
    base: float
    bottom: float
    top: float
    x0: float
    x1: float
    bold: bool
    italic: bool
    column: int = 0  # 0: spans the page; 1, 2: left and right column

    def raised(self, glyph: _Glyph) -> bool:
        return (
            glyph.size <= _RAISED_SIZE * self.size
            and self.bottom - glyph.bottom >= _RAISED_LIFT * self.size
        )


def _make_line(page: int, glyphs: Iterable[_Glyph], column: int = 0) -> _Line:
    ordered = tuple(sorted(glyphs, key=lambda g: g.x0))
    ink = [g for g in ordered if not g.text.isspace()] or list(ordered)
    size = Counter(g.size for g in ink).most_common(1)[0][0]
    main = [g for g in ink if g.size >= _RAISED_SIZE * size]
    bottoms = sorted(g.bottom for g in main)
    bases = sorted(g.base for g in main)
    return _Line(
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


def _page_rows(page: _Page) -> list[_Line]:
    """The page's glyphs grouped into full-width rows, top to bottom.

    Glyphs sharing a baseline form a row; a row of small glyphs that overlaps a row of larger
    ones (superscripts set with a moved baseline instead of a text rise) joins it.
    """
    groups: list[list[_Glyph]] = []
    anchor = 0.0
    for glyph in sorted(page.glyphs, key=lambda g: (g.base, g.x0)):
        if groups and abs(glyph.base - anchor) <= 0.1 * glyph.size:
            groups[-1].append(glyph)
        else:
            groups.append([glyph])
            anchor = glyph.base
    groups = [g for g in groups if any(not x.text.isspace() for x in g)]
    rows = [_make_line(page.number, group) for group in groups]
    merged: dict[int, list[_Glyph]] = {i: list(group) for i, group in enumerate(groups)}
    for i, row in enumerate(rows):
        biggest = max(g.size for g in row.glyphs if not g.text.isspace())
        hosts = [
            j
            for j, other in enumerate(rows)
            if j != i
            and j in merged
            and biggest <= _RAISED_SIZE * other.size
            and row.top < other.bottom
            and other.top < row.bottom
            and any(a - other.size <= row.x0 and row.x1 <= b + other.size for a, b in _spans(other))
        ]
        if hosts and i in merged:
            host = min(hosts, key=lambda j: abs(rows[j].bottom - row.bottom))
            merged[host].extend(merged.pop(i))
    result = [_make_line(page.number, glyphs) for glyphs in merged.values()]
    return sorted(result, key=lambda line: line.base)


def _drop_running_lines(rows: list[list[_Line]], pages: Sequence[_Page]) -> None:
    """Remove running heads, running feet and page numbers, in place.

    Candidates are the outermost lines of a page set apart from the text by a wide gap. One
    that is a bare page number goes; so does one whose text, digits aside, recurs at the same
    height on another page.
    """
    candidates: list[tuple[int, int, str, float]] = []  # (page index, row index, key, y)
    for p, page_rows in enumerate(rows):
        for edge in _edge_rows(page_rows):
            row = page_rows[edge]
            candidates.append((p, edge, _running_key(row), row.base / pages[p].height))
    doomed: set[tuple[int, int]] = set()
    for p, index, key, y in candidates:
        text = _render(rows[p][index], calls=False)
        recurring = key and any(
            other_key == key and other_p != p and abs(other_y - y) < 0.02
            for other_p, _, other_key, other_y in candidates
        )
        if recurring or _PAGE_NUMBER_RE.match(text):
            doomed.add((p, index))
    for p, page_rows in enumerate(rows):
        page_rows[:] = [row for i, row in enumerate(page_rows) if (p, i) not in doomed]


def _edge_rows(rows: Sequence[_Line]) -> list[int]:
    """Indexes of the one or two rows at the top and at the bottom of a page that stand apart
    from the rest by a gap wider than two lines (a head may print journal, then article)."""
    found: list[int] = []
    for step in (1, -1):
        order = range(len(rows)) if step == 1 else range(len(rows) - 1, -1, -1)
        cluster: list[int] = []
        for index in order:
            cluster.append(index)
            following = index + step
            if not 0 <= following < len(rows):
                cluster = []  # the page is one block of text: no head or foot to take
                break
            a, b = rows[index], rows[following]
            if abs(b.base - a.base) > 2.0 * max(a.size, b.size):
                break
        if len(cluster) <= 2:
            found += cluster
    return sorted(set(found))


def _running_key(line: _Line) -> str:
    return " ".join(re.sub(r"[\W\d_]+", " ", _render(line, calls=False).casefold()).split())


def _order_columns(page: _Page, rows: list[_Line]) -> list[_Line]:
    """The page's lines in reading order: on a two-column page, left column then right.

    Lines crossing the gutter (a title, a wide table) span the page; each one closes the
    two-column stretch above it, which reads left column first.
    """
    gutter = _find_gutter(rows)
    if gutter is None:
        return rows
    ordered: list[_Line] = []
    left: list[_Line] = []
    right: list[_Line] = []
    for row in rows:
        if any(a < gutter < b for a, b in _spans(row)):
            ordered += [*_before_full_width(left, right), row]
            left, right = [], []
            continue
        left_glyphs = [g for g in row.glyphs if (g.x0 + g.x1) / 2 < gutter]
        right_glyphs = [g for g in row.glyphs if (g.x0 + g.x1) / 2 >= gutter]
        for glyphs, column, bucket in ((left_glyphs, 1, left), (right_glyphs, 2, right)):
            if any(not g.text.isspace() for g in glyphs):
                bucket.append(_make_line(page.number, glyphs, column))
    return ordered + left + right


def _before_full_width(left: list[_Line], right: list[_Line]) -> list[_Line]:
    """A two-column stretch closed by a full-width line: left column, then right.

    Left-side lines below the whole right column, set off by a gap, belong to the full-width
    matter that follows (a short "Notes" heading over full-width notes) and come last.
    """
    if not left or not right:
        return left + right
    right_end = max(line.bottom for line in right)
    k = len(left)
    while k > 0 and left[k - 1].top > right_end:
        k -= 1
    if k == len(left):
        return left + right
    if k > 0 and left[k].base - left[k - 1].base <= 1.6 * max(left[k].size, left[k - 1].size):
        return left + right  # the left column simply runs longer
    return left[:k] + right + left[k:]


def _spans(line: _Line) -> list[tuple[float, float]]:
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


def _find_gutter(rows: Sequence[_Line]) -> float | None:
    """The x of an empty vertical strip with body-size lines on both sides, if any.

    Lines on the two sides need not share baselines. A strip that more than a tenth of the
    lines cross is no gutter; nor is one with few lines on either side (a single column's
    short last lines all sit on the left).
    """
    if not rows:
        return None
    size = Counter(row.size for row in rows).most_common(1)[0][0]
    body = [_spans(row) for row in rows if abs(row.size - size) <= 0.15 * size]
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


# --- text -----------------------------------------------------------------------------------


_PLAIN, _ITALIC, _RAISED_DIGIT, _SPACE = range(4)


def _pieces(line: _Line) -> list[tuple[str, int]]:
    """The line's glyphs as (text, style) pieces, with word spaces restored."""
    pieces: list[tuple[str, int]] = []
    previous: _Glyph | None = None
    space = False
    for glyph in line.glyphs:
        if glyph.text.isspace():
            space = True
            continue
        if previous is not None:
            if glyph.text == previous.text and abs(glyph.x0 - previous.x0) < 0.1 * glyph.size:
                continue  # overprinted for a fake bold
            if glyph.x0 - previous.x1 > _SPACE_GAP * line.size:
                space = True
        if space and pieces:
            pieces.append((" ", _SPACE))
        space = False
        if line.raised(glyph) and glyph.text.isdigit():
            style = _RAISED_DIGIT
        else:
            style = _ITALIC if glyph.italic else _PLAIN
        pieces.append((glyph.text, style))
        previous = glyph
    return pieces


def _render(line: _Line, *, calls: bool) -> str:
    """The line's text; raised digits become call markers when `calls`, else plain digits."""
    out: list[str] = []
    digits = ""
    for text, style in [*_pieces(line), ("", _PLAIN)]:
        if style == _RAISED_DIGIT and calls:
            digits += text
            continue
        if digits:
            while out and out[-1] == " ":
                out.pop()  # a call belongs to the word or stop before it
            out.append(call_marker(int(digits)))
            digits = ""
        out.append(text)
    return "".join(out).strip()


def _note_lines(lines: Sequence[_Line]) -> list[str]:
    """Notes lines as printed, italic runs as `*like this*`; a raised number becomes `N. `.

    An italic run that goes on to the next line stays open across the break, so that joining
    the lines gives one `*run*`.
    """
    all_pieces = [_pieces(line) for line in lines]
    for i, pieces in enumerate(all_pieces):
        number = ""
        while pieces and pieces[0][1] == _RAISED_DIGIT:
            number += pieces.pop(0)[0]
        if number:
            while pieces and pieces[0][1] == _SPACE:
                pieces.pop(0)
            all_pieces[i] = [(f"{number}. ", _PLAIN), *pieces]
    inked = [[p for p in pieces if p[1] != _SPACE] for pieces in all_pieces]
    starts = [bool(ink) and ink[0][1] == _ITALIC for ink in inked]
    ends = [bool(ink) and ink[-1][1] == _ITALIC for ink in inked]
    result = []
    for i, pieces in enumerate(all_pieces):
        joined_before = i > 0 and ends[i - 1] and starts[i]
        joined_after = i + 1 < len(all_pieces) and ends[i] and starts[i + 1]
        result.append(_mark_italics(pieces, joined_before, joined_after))
    return [text for text in result if text]


def _mark_italics(pieces: Sequence[tuple[str, int]], open_: bool, stay_open: bool) -> str:
    out: list[str] = []
    italic = open_
    pending = ""
    for text, style in pieces:
        if style == _SPACE:
            pending = " "
            continue
        want = style == _ITALIC
        if want and not italic:
            out.append(pending + "*")
        elif italic and not want:
            out.append("*" + pending)
        else:
            out.append(pending)
        pending = ""
        italic = want
        out.append(text)
    if italic and not stay_open:
        out.append("*")
    return "".join(out).strip()


# --- structure ----------------------------------------------------------------------------------


def _mode_size(lines: Sequence[_Line]) -> float:
    sizes = Counter(g.size for line in lines for g in line.glyphs if not g.text.isspace())
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _notes_start(lines: Sequence[_Line], texts: Sequence[str]) -> int | None:
    """Index of the notes heading: a line reading "Notes" (or the like) set as a heading."""
    sizes: Counter[float] = Counter()
    for i, (line, text) in enumerate(zip(lines, texts, strict=True)):
        if strip_calls(text).strip().rstrip(":.").casefold() in NOTES_HEADINGS:
            following = lines[i + 1] if i + 1 < len(lines) else line
            body = sizes.most_common(1)[0][0] if sizes else following.size
            next_text = strip_calls(texts[i + 1]) if i + 1 < len(texts) else ""
            if line.bold or line.size >= _LARGER * body or _NOTE_NUMBER_RE.match(next_text):
                return i
        sizes.update(g.size for g in line.glyphs if not g.text.isspace())
    return None


def _title(lines: Sequence[_Line], body_size: float) -> tuple[str, set[int]]:
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
    title = " ".join(strip_calls(_render(lines[i], calls=True)) for i in indexes)
    return " ".join(title.split()), set(indexes)


def _line_kinds(
    lines: Sequence[_Line], pages: Sequence[_Page], body_size: float, title_lines: set[int]
) -> list[BlockKind | None]:
    """Each line's kind before grouping (front matter aside); None for title lines."""
    kinds: list[BlockKind | None] = []
    for i, line in enumerate(lines):
        boxed = _box_of(line, pages[line.page - 1]) is not None
        kind: BlockKind | None
        if i in title_lines:
            kind = None
        elif boxed or (line.size >= _LARGER * body_size and line.italic and not line.bold):
            kind = BlockKind.PULL_QUOTE
        elif line.size >= _LARGER * body_size or (line.bold and line.size >= 0.95 * body_size):
            kind = BlockKind.HEADING
        elif line.size <= _SMALLER * body_size:
            kind = BlockKind.CAPTION
        else:
            kind = BlockKind.PARAGRAPH
        kinds.append(kind)
    return kinds


def _cells(line: _Line) -> list[list[_Glyph]]:
    """The line cut at gaps too wide for word spaces."""
    cells: list[list[_Glyph]] = []
    previous: _Glyph | None = None
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


def _find_tables(lines: Sequence[_Line], pages: Sequence[_Page]) -> list[int | None]:
    """Each line's table number, or None: runs of lines cut into cells by wide gaps.

    A run counts as a table when at least two of its lines have three cells or more, or when a
    horizontal rule runs along it; a one-cell line (a label row) may sit inside a run.
    """
    multi = [len(_cells(line)) for line in lines]
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


def _table_block(lines: Sequence[_Line]) -> RawBlock:
    """Cells placed in columns by x position, against the widest rows' cell extents."""
    rows = [[(min(g.x0 for g in c), max(g.x1 for g in c), c) for c in _cells(line)]
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
            text = _render(_make_line(line.page, glyphs), calls=True)
            cells[column] = f"{cells[column]} {text}".strip()
        table.append(tuple(cells))
    text = "\n".join("\t".join(row) for row in table)
    return RawBlock(BlockKind.TABLE, text, rows=tuple(table), page=lines[0].page)


def _build_blocks(
    lines: Sequence[_Line],
    texts: Sequence[str],
    kinds: Sequence[BlockKind | None],
    tables: Sequence[int | None],
    pages: Sequence[_Page],
    body_size: float,
    vocabulary: Vocabulary,
) -> list[tuple[int, RawBlock]]:
    """Lines grouped into blocks, each with the index of its first line.

    A block ends at a change of kind, page, column, box or table, at a gap wider than the
    normal line pitch, or before a first-line indent.
    """
    pitch = _line_pitch(lines, kinds, body_size)
    margins = _left_margins(lines, kinds)
    boxes = [_box_of(line, pages[line.page - 1]) for line in lines]
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
                and not _indented(prev, texts[j], line, margins)
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
            blocks.append((group[0], _table_block([lines[i] for i in group])))
            continue
        text = join_lines([texts[i] for i in group], vocabulary)
        if kind == BlockKind.HEADING and (len(group) > 3 or len(text) > 300):
            kind = BlockKind.PARAGRAPH  # a bold or large passage, not a heading
        blocks.append((group[0], RawBlock(kind, text, page=first.page)))
    return blocks


def _mark_front_matter(blocks: Sequence[tuple[int, RawBlock]], title_at: int) -> list[RawBlock]:
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


def _line_pitch(lines: Sequence[_Line], kinds: Sequence[BlockKind | None], size: float) -> float:
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


def _left_margins(
    lines: Sequence[_Line], kinds: Sequence[BlockKind | None]
) -> dict[tuple[int, int], float]:
    """The most common left edge of paragraph lines, per page and column."""
    edges: dict[tuple[int, int], Counter[float]] = {}
    for line, kind in zip(lines, kinds, strict=True):
        if kind == BlockKind.PARAGRAPH:
            edges.setdefault((line.page, line.column), Counter())[round(line.x0)] += 1
    return {key: min(counter, key=lambda x: (-counter[x], x)) for key, counter in edges.items()}


def _indented(
    prev: _Line, prev_text: str, line: _Line, margins: dict[tuple[int, int], float]
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


def _box_of(line: _Line, page: _Page) -> int | None:
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
