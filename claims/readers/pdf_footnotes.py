"""PDF page footnotes: each page's footnote zone found from the page itself, split into notes.

A page's footnote zone is the run of lines at the foot of a column set smaller than the body
text, below a separator (a drawn rule, or a line of dashes) when there is one. Without a
separator the zone must open with a footnote label and stand apart from the body by a gap.
Inside the zone a line opens a note when it starts with a label: the next number of the
running count (raised, or followed by ". "), or an author-note symbol (`*`, `†`, `‡`); any
other line continues the note before it, on the same page or on the page before (a footnote
run over a page break).

The body size is the size of the lines that hold calls (raised digits after a word): on a law
review page the footnotes may outweigh the body text, so the most common size would not do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from claims.layout import CALL_OPEN, CALL_RE, RawNote, call_marker
from claims.readers.pdf_page import Glyph, Line, Page, make_line
from claims.readers.pdf_text import render_line, render_note_lines
from sources.lines import Vocabulary, join_lines

SYMBOLS = frozenset("*†‡§¶")
_SMALL = 0.93  # x body size: footnote text is at most this size
_GAP = 1.5  # x body size: without a rule, the gap that sets the zone apart from the body
_MAX_JUMP = 5  # a label may skip this many numbers (a lost footnote), not more
_DASHES = frozenset("_–—-‒―")
_PAGE_NUMBER_RE = re.compile(r"^\W*(?:\d{1,4}|[ivxlcdm]{1,7})\W*$")


@dataclass(slots=True)
class FoundNote:
    """A footnote as found: its printed label, its lines (label glyphs removed), its page."""

    label: str
    number: int | None  # None for symbol labels
    page: int
    lines: list[Line] = field(default_factory=list)
    label_x0: float = 0.0  # where its label line starts: the labels' column


@dataclass(slots=True)
class Footnotes:
    """The lines the footnote zones take, and the footnotes."""

    taken: set[int]  # indexes of the lines in footnote zones (separators included)
    notes: list[FoundNote]
    warnings: list[str]


def measure_call_size(lines: Sequence[Line]) -> float | None:
    """The most common size of lines holding a call (a raised digit after other ink)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        ink = [g for g in line.glyphs if not g.text.isspace()]
        if any(line.raised(g) and g.text.isdigit() for g in ink[1:]):
            sizes[line.size] += 1
    return sizes.most_common(1)[0][0] if sizes else None


def find_footnotes(lines: Sequence[Line], pages: Sequence[Page], body_size: float) -> Footnotes:
    """Take the page footnotes out of `lines` (all pages, reading order)."""
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        by_page.setdefault(line.page, []).append(i)
    taken: set[int] = set()
    notes: list[FoundNote] = []
    warnings: list[str] = []
    for number, indexes in by_page.items():
        page = pages[number - 1]
        columns: dict[int, list[int]] = {}
        for i in indexes:
            columns.setdefault(lines[i].column, []).append(i)
        for column in columns.values():
            zone = _find_zone([lines[i] for i in column], page, body_size)
            if zone is None:
                continue
            start, zone_lines = zone
            if _split_zone(zone_lines, notes, warnings, page.number):
                taken.update(column[start:])
    return Footnotes(taken, notes, warnings)


def _is_small(line: Line, body_size: float) -> bool:
    return line.size <= _SMALL * body_size or _is_separator(line)


def _is_separator(line: Line) -> bool:
    ink = [g.text for g in line.glyphs if not g.text.isspace()]
    return len(ink) >= 3 and all(t in _DASHES for t in ink)


def _find_zone(column: list[Line], page: Page, body_size: float) -> tuple[int, list[Line]] | None:
    """(index of the zone's first line in `column`, the zone's lines less any separator)."""
    end = len(column)
    while (
        end > 1
        and column[end - 1].top >= column[end - 2].bottom  # not a label beside its note
        and _PAGE_NUMBER_RE.match(render_line(column[end - 1], calls=False))
    ):
        end -= 1  # a page number close under the footnotes
    column = column[:end]
    found = _find_small_run(column, page, body_size)
    return found if found is not None else _find_under_rule(column, page, body_size)


def _find_under_rule(
    column: list[Line], page: Page, body_size: float
) -> tuple[int, list[Line]] | None:
    """The zone under a separator rule whose lines are mostly small and open with a label:
    a footnote set in a larger size at the page's foot stops the walk up from the bottom."""
    if not column:
        return None
    left = min(line.x0 for line in column) - body_size
    right = max(line.x1 for line in column) + body_size
    for rule in sorted(page.rules, key=lambda r: -r.top):
        if not (left - body_size <= rule.x0 and rule.x1 <= right + body_size):
            continue
        if rule.x1 - rule.x0 >= 0.9 * page.width:
            continue
        below = [j for j, line in enumerate(column) if line.top >= rule.bottom - 1]
        if not below or below[0] == 0:
            continue
        zone = column[below[0] :]
        small = sum(_is_small(line, body_size) for line in zone)
        if small * 2 >= len(zone) and read_label(_merge_label_rows(zone, page.number)[0]):
            return below[0], zone
    return None


def _find_small_run(
    column: list[Line], page: Page, body_size: float
) -> tuple[int, list[Line]] | None:
    """The zone as the run of small lines at the column's foot."""
    k = len(column)
    while k > 0 and _is_small(column[k - 1], body_size):
        k -= 1
    if k == len(column):
        return None
    run = column[k:]
    whole = k == 0  # a column all in small type is a footnote zone only under a separator
    above = column[k - 1] if k > 0 else None
    left = min(line.x0 for line in column) - body_size
    right = max(line.x1 for line in column) + body_size
    # A separator: a dash line inside the run, or a drawn rule above the zone's first line.
    for j, line in enumerate(run):
        if _is_separator(line):
            return k + j, [x for x in run[j + 1 :] if not _is_separator(x)]
    floor = above.bottom if above is not None else 0.0
    rules = [
        rule
        for rule in page.rules
        if floor - 1 <= rule.top <= run[-1].top
        and rule.x0 >= left - 2 * body_size
        and rule.x1 <= right + 2 * body_size
        and rule.x1 - rule.x0 < 0.9 * page.width
    ]
    if rules:
        rule = min(rules, key=lambda r: r.top)
        below = [j for j, line in enumerate(run) if line.top >= rule.bottom - 1]
        if below:
            return k + below[0], run[below[0] :]
    # No separator: the zone opens with a label and stands apart from the body.
    if whole:
        return None
    first = next((j for j, line in enumerate(run) if read_label(line) is not None), None)
    if first is None:
        return None
    gap_line = run[first - 1] if first > 0 else above
    if gap_line is not None and run[first].top - gap_line.bottom < _GAP * body_size * 0.5:
        if first > 0:
            return None
        if above is not None and run[0].base - above.base < _GAP * body_size:
            return None
    return k + first, run[first:]


def read_label(line: Line) -> tuple[str, int, bool] | None:
    """The line's opening footnote label: (label, glyphs it takes, raised), or None.

    A label is a run of digits, raised or followed by "." or ")" and a space, or an
    author-note symbol (`*`, `†`, `‡`, possibly doubled).
    """
    glyphs = line.glyphs
    k = 0
    while k < len(glyphs) and glyphs[k].text.isspace():
        k += 1
    start = k
    if k < len(glyphs) and glyphs[k].text in SYMBOLS:
        while k < len(glyphs) and glyphs[k].text == glyphs[start].text:
            k += 1
        return "".join(g.text for g in glyphs[start:k]), k, line.raised(glyphs[start])
    while (
        k < len(glyphs)
        and glyphs[k].text.isdigit()
        and k - start < 4
        and (k == start or _same_run(glyphs[k - 1], glyphs[k]))
    ):
        k += 1
    if k == start or (k - start == 4 and k < len(glyphs) and glyphs[k].text.isdigit()):
        return None
    label = "".join(g.text for g in glyphs[start:k])
    rest = [g for g in glyphs[k:] if not g.text.isspace()]
    if not rest:
        return None
    raised = all(_is_raised(line, g, rest[0]) for g in glyphs[start:k])
    if raised:
        return label, k, True
    if rest[0].text in ".)" and len(rest) > 1 and _gap(rest[0], rest[1], line):
        return label, glyphs.index(rest[0]) + 1, False
    return None


def _same_run(a: Glyph, b: Glyph) -> bool:
    """Whether two digits belong to one number: same size and baseline, no word gap."""
    return (
        abs(a.size - b.size) < 0.5
        and abs(a.bottom - b.bottom) < 0.2 * a.size
        and (b.x0 - a.x1 < 0.15 * a.size)
    )


def _is_raised(line: Line, glyph: Glyph, following: Glyph) -> bool:
    # The lift by baselines too: a note opening with figures from a font whose figures have no
    # descent ("505 U.S. 1003") puts the line's bottom, and the label's lift over it, too high.
    lift = max(
        max(line.bottom, following.bottom) - glyph.bottom,
        max(line.base, following.base) - glyph.base,
    )
    return line.raised(glyph) or (glyph.size < following.size - 0.3 and lift >= 0.15 * line.size)


def _gap(a: Glyph, b: Glyph, line: Line) -> bool:
    return b.x0 - a.x1 > 0.15 * line.size or a.text == ")"


def _merge_label_rows(zone: list[Line], page: int) -> list[Line]:
    """Label-only rows (a raised number set on its own baseline) joined to their note line."""
    out: list[Line] = []
    pending: Line | None = None
    for line in zone:
        ink = "".join(g.text for g in line.glyphs if not g.text.isspace())
        label_only = bool(ink) and (ink.isdigit() or set(ink) <= SYMBOLS) and len(ink) <= 4
        if label_only and pending is None:
            pending = line
            continue
        if pending is not None:
            overlaps = pending.top < line.bottom and line.top < pending.bottom
            if overlaps and pending.x1 <= line.x0 + 1:
                line = make_line(page, (*pending.glyphs, *line.glyphs), line.column)
            elif out and out[-1].top < pending.bottom and pending.top < out[-1].bottom:
                out[-1] = make_line(page, (*pending.glyphs, *out[-1].glyphs), out[-1].column)
            else:
                out.append(pending)
            pending = None
            if label_only:
                pending = line
                continue
        out.append(line)
    if pending is not None:
        if out and out[-1].top < pending.bottom and pending.top < out[-1].bottom:
            out[-1] = make_line(page, (*pending.glyphs, *out[-1].glyphs), out[-1].column)
        else:
            out.append(pending)
    return out


def _split_zone(zone: list[Line], notes: list[FoundNote], warnings: list[str], page: int) -> bool:
    """Split one zone into notes, appended to `notes`; False when it holds no footnote."""
    zone = _merge_label_rows(zone, page)
    if not zone:
        return False
    last = next((n.number for n in reversed(notes) if n.number is not None), 0)
    label_x: list[float] = [n.label_x0 for n in notes[-20:] if n.number is not None]
    added: list[FoundNote] = []
    orphan: list[Line] = []
    for line in zone:
        found = read_label(line)
        opens = False
        if found is not None:
            label, taken, raised = found
            if label[0] in SYMBOLS:
                opens = raised or not (added or notes)
            else:
                number = int(label)
                expected = last + 1
                restart = number == 1 and not added and last > 1  # numbering anew (a chapter)
                fits = (
                    expected <= number <= expected + _MAX_JUMP
                    or last == 0  # the first footnote: an excerpt may start anywhere
                    or (restart and raised)
                )
                aligned = not label_x or abs(line.x0 - sum(label_x) / len(label_x)) < line.size
                opens = fits and (raised or aligned or number == expected)
        if opens:
            assert found is not None
            label, taken, _ = found
            number_or_none = int(label) if label.isdecimal() else None
            if number_or_none is not None:
                if number_or_none > last + 1 and last:
                    warnings.append(
                        f"page {page}: footnote {number_or_none} follows footnote {last}: "
                        f"{'notes' if number_or_none > last + 2 else 'a note'} missing"
                    )
                last = number_or_none
                label_x.append(line.x0)
            rest = line.glyphs[taken:]
            note = FoundNote(label, number_or_none, page, label_x0=line.x0)
            if any(not g.text.isspace() for g in rest):
                note.lines.append(make_line(page, rest, line.column))
            added.append(note)
        elif added:
            added[-1].lines.append(line)
        else:
            orphan.append(line)
    if orphan:
        previous = next((n for n in reversed(notes) if n.number is not None), None)
        # The foot of a note run over from the page before; small type pages after a note's
        # last line (a table at a page's foot) is none of it.
        if (
            previous is not None
            and (previous.lines[-1].page if previous.lines else previous.page) < page - 1
        ):
            previous = None
        if previous is not None:
            previous.lines.extend(orphan)
        elif not added:
            return False
        else:
            warnings.append(f"page {page}: footnote text before the first footnote was dropped")
    notes.extend(added)
    return bool(added) or bool(orphan)


def number_footnotes(
    notes: Sequence[FoundNote], lines: Sequence[Line], texts: Sequence[str], vocabulary: Vocabulary
) -> tuple[list[str], tuple[RawNote, ...], list[str]]:
    """Keys for the notes, the calls in `texts` re-keyed to match, and what could not be tied.

    Labels that are unique numbers are their own keys. When the numbering starts anew (a
    book's chapters), notes take keys in reading order, and a call to N on page P goes to
    the last note N printed on page P or before it.
    """
    numbers = [n.number for n in notes if n.number is not None]
    unique = len(numbers) == len(set(numbers))
    keys: list[int] = []
    top = max(numbers, default=0) if unique else len(notes)
    extra = top
    for i, note in enumerate(notes):
        if note.number is None:
            extra += 1
            keys.append(extra)
        else:
            keys.append(note.number if unique else i + 1)
    # (number, page) -> key, for calls: the last note with that number on or before the page.
    placed: dict[int, list[tuple[int, int]]] = {}
    for key, note in zip(keys, notes, strict=True):
        if note.number is not None:
            placed.setdefault(note.number, []).append((note.page, key))

    def find_key(number: int, page: int) -> int | None:
        candidates = [key for at, key in placed.get(number, ()) if at <= page]
        return candidates[-1] if candidates else None

    warnings: list[str] = []
    called: set[int] = set()
    out: list[str] = []
    for line, text in zip(lines, texts, strict=True):

        def rekey(match: re.Match[str], page: int = line.page) -> str:
            key = find_key(int(match.group(1)), page)
            if key is None:
                warnings.append(f"page {page}: call {match.group(1)} has no footnote")
                return ""
            called.add(key)
            return call_marker(key, page)

        out.append(CALL_RE.sub(rekey, text) if CALL_OPEN in text else text)
    raw: list[RawNote] = []
    for key, note in zip(keys, notes, strict=True):
        text = join_lines(render_note_lines(note.lines), vocabulary)
        if not text:
            warnings.append(f"page {note.page}: footnote {note.label} is empty")
            continue
        if note.number is not None and key not in called:
            warnings.append(f"page {note.page}: footnote {note.label} is not called in the text")
        raw.append(RawNote(key, note.label, text, None, note.page))
    return out, tuple(raw), warnings


def footnotes_hold(notes: Sequence[FoundNote], lines: Sequence[Line], texts: Sequence[str]) -> bool:
    """Whether the footnotes found are the article's notes: most are called from their own
    page, and they answer most of the body's calls (a book with endnotes may set a stray
    small numbered line at a page foot)."""
    calls = {
        (int(m.group(1)), line.page)
        for line, text in zip(lines, texts, strict=True)
        if CALL_OPEN in text
        for m in CALL_RE.finditer(text)
    }
    numbered = [n for n in notes if n.number is not None]
    linked = sum((n.number, n.page) in calls for n in numbered)
    return linked >= max(1, 0.5 * len(numbered)) and linked >= 0.4 * len(calls)
