"""Endnotes numbered anew per chapter, and numbered reference lists called as [3], [3–5].

A book's notes section often runs "PREFACE 1. 2. 3. INTRODUCTION 1. 2. CHAPTER ONE 1. ...":
the number alone does not name a note, its section does too. A sub-heading is a short line
that opens no note, stands after a complete note or at the top, and is followed by note 1.
When the numbering restarts under at least two sub-headings, each note gets a key of its own
(in reading order), keeps its printed number as its label and its sub-heading as its section,
and the calls in the body are re-keyed: chapter K's call N goes to section K's note N, the
chapters being told apart by the calls' numbering starting over.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import partial

from claims.layout import CALL_OPEN, CALL_RE, RawNote, call_marker, marker_page
from sources.lines import Vocabulary
from sources.notes import split_notes

_NOTE_START_RE = re.compile(r"^\s*(\d{1,4})[.)]\s")
_HEADING_MAX = 80  # characters: a sub-heading is a short line


def split_sections(
    lines: Sequence[tuple[str, int]], vocabulary: Vocabulary
) -> list[tuple[str | None, list[tuple[int, str, int]]]] | None:
    """The notes lines cut at their sub-headings: [(section, [(number, text, page)])].

    None when the numbering does not restart under sub-headings (one numbering for the
    whole notes section: `split_notes` reads it as it is).
    """
    heads: list[int] = []
    for i, (text, _) in enumerate(lines[:-1]):
        following = _NOTE_START_RE.match(lines[i + 1][0])
        if (
            not _NOTE_START_RE.match(text)
            and following is not None
            and int(following.group(1)) == 1
            and len(text) <= _HEADING_MAX
            and _looks_like_heading(text)
        ):
            heads.append(i)
    if len(heads) < 2:
        return None
    sections: list[tuple[str | None, list[tuple[int, str, int]]]] = []
    bounds = [*heads, len(lines)]
    for start, end in itertools.pairwise(bounds):
        chunk = lines[start + 1 : end]
        numbered = split_notes([text for text, _ in chunk], vocabulary)
        pages = _note_pages(chunk)
        notes = [
            (number, text, pages[k] if k < len(pages) else chunk[0][1])
            for k, (number, text) in enumerate(numbered)
        ]
        sections.append((lines[start][0].strip(), notes))
    return sections


def _fold(text: str) -> str:
    return re.sub(r"[\W\d_]+", "", text).casefold()


def _looks_like_heading(text: str) -> bool:
    """In capitals, or a title: no sentence-final stop, mostly capitalised words."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    if all(c.isupper() for c in letters):
        return True
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return (
        not text.rstrip().endswith((".", ",", ";"))
        and bool(words)
        and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
    )


def _note_pages(chunk: Sequence[tuple[str, int]]) -> list[int]:
    """The page of each note's first line, as `split_notes` opens notes."""
    pages: list[int] = []
    last = 0
    for text, page in chunk:
        match = _NOTE_START_RE.match(text)
        if match:
            number = int(match.group(1))
            if last + 1 <= number <= last + 6 or (not pages and number <= 5):
                pages.append(page)
                last = number
    return pages


def key_section_notes(
    sections: list[tuple[str | None, list[tuple[int, str, int]]]],
    texts: Sequence[str],
) -> tuple[list[str], tuple[RawNote, ...], list[str]]:
    """Notes keyed in reading order, the calls in `texts` re-keyed, and what did not fit.

    Calls are read in order; a call 1 (or 2: note 1 uncalled) after a higher one opens the
    next section that holds a note of that number. (Chapter headings are no guide: a table
    of contents names every chapter before the first call.)
    """
    raw: list[RawNote] = []
    keys: list[dict[int, int]] = []  # per section: printed number -> key
    for section, notes in sections:
        mapping: dict[int, int] = {}
        for number, text, page in notes:
            key = len(raw) + 1
            mapping.setdefault(number, key)
            raw.append(RawNote(key, str(number), text, section, page))
        keys.append(mapping)
    warnings: list[str] = []
    current = 0
    previous = 0
    used = False  # whether a call went to the current section (a stray number opens none)
    called: set[int] = set()
    out: list[str] = []

    def rekey(match: re.Match[str]) -> str:
        nonlocal current, previous, used
        number = int(match.group(1))
        if used and number <= 2 and (number < previous or number == previous == 1):
            later = next((s for s in range(current + 1, len(keys)) if number in keys[s]), None)
            if later is not None:
                current, used = later, False
        previous = number
        key = keys[current].get(number) if keys else None
        used = used or key is not None
        if key is None:
            name = sections[current][0] if sections else None
            warnings.append(f"call {number} in the text has no note {number} ({name})")
            return ""
        called.add(key)
        return call_marker(key, marker_page(match.group(0)))

    for text in texts:
        out.append(CALL_RE.sub(rekey, text) if CALL_OPEN in text else text)
    warnings += [
        f"note {note.label} ({note.section}) is not called in the text"
        for note in raw
        if note.key not in called
    ]
    return out, tuple(raw), warnings


# --- numbered reference lists called as [3], [3–5], [3, 7] -------------------------------

_REF_START_RE = re.compile(r"^\s*\[(\d{1,4})\]\s*")
_RANGE = r"\d{1,4}(?:\s*[–—-]\s*\d{1,4})?"
_BRACKET_CALL_RE = re.compile(rf"\s?\[({_RANGE}(?:\s*[,;]\s*{_RANGE})*)\]")
_MAX_RANGE = 30  # a range wider than this is no run of references ("[1990-2024]")


def read_reference_list(
    note_pages: Sequence[tuple[str, int]],
    body_texts: Sequence[str],
    heading: str,
    footnotes: Sequence[RawNote],
    vocabulary: Vocabulary,
    body_pages: Sequence[int | None] = (),
) -> tuple[list[str], tuple[RawNote, ...], list[str]] | None:
    """A numbered reference list and its bracketed calls, or None if the notes are not one.

    The list is one when its entries open "[n]", or when raised calls do not already stand
    for it (there are none, or they are page footnotes), and the body cites it in brackets.
    Each bracket of numbers that all name entries becomes calls; anything else ("[sic]",
    "[2012]" beyond the list) stays text. With page footnotes alongside, the entries take
    keys after theirs and the list's heading as their section. `body_pages` are the pages of
    `body_texts`, which the calls keep.
    """
    bracketed = sum(bool(_REF_START_RE.match(text)) for text, _ in note_pages)
    plain = [(_REF_START_RE.sub(lambda m: f"{m.group(1)}. ", text), page)
             for text, page in note_pages]  # fmt: skip
    cites = sum(len(_BRACKET_CALL_RE.findall(text)) for text in body_texts)
    raised = any(CALL_OPEN in text for text in body_texts)
    if cites < 2 or not (bracketed >= 2 or footnotes or not raised):
        return None
    numbered = split_notes([text for text, _ in plain], vocabulary)
    if len(numbered) < 2:
        return None
    pages = _note_pages(plain)
    offset = max((n.key for n in footnotes), default=0)
    section = heading if footnotes else None
    keys = {number: offset + k + 1 for k, (number, _) in enumerate(numbered)}
    notes = tuple(
        RawNote(offset + k + 1, str(number), text, section,
                pages[k] if k < len(pages) else plain[0][1])
        for k, (number, text) in enumerate(numbered)
    )  # fmt: skip
    cited: set[int] = set()

    def rekey(match: re.Match[str], page: int | None = None) -> str:
        numbers = _expand(match.group(1))
        if not numbers or any(n not in keys for n in numbers):
            return match.group(0)
        cited.update(keys[n] for n in numbers)
        return "".join(call_marker(keys[n], page) for n in numbers)

    pages_of: list[int | None] = [*body_pages, *[None] * (len(body_texts) - len(body_pages))]
    out = [_BRACKET_CALL_RE.sub(partial(rekey, page=page), text)
           for text, page in zip(body_texts, pages_of, strict=False)]  # fmt: skip
    if not cited:
        return None
    warnings = [
        f"reference {note.label}{f' ({section})' if section else ''} is not cited in the text"
        for note in notes
        if note.key not in cited
    ]
    return out, notes, warnings


def _expand(group: str) -> list[int]:
    """ "3–5, 7" -> [3, 4, 5, 7]; [] for a range running backwards or too wide."""
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", group.strip()):
        ends = [int(x) for x in re.split(r"\s*[–—-]\s*", part)]
        if len(ends) == 2:
            low, high = ends
            if not 0 < high - low <= _MAX_RANGE:
                return []
            numbers += range(low, high + 1)
        else:
            numbers.append(ends[0])
    return numbers
