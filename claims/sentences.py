"""Splitting block text into sentences, keeping each sentence's note calls."""

from __future__ import annotations

import re

from claims.layout import CALL_CLOSE, CALL_OPEN, CALL_PAGE

# Abbreviations after which a full stop does not end a sentence unless a note call follows.
_ABBREVIATIONS = {
    "u.s",
    "u.n",
    "u.k",
    "e.g",
    "i.e",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "no",
    "nos",
    "vol",
    "pp",
    "p",
    "ed",
    "eds",
    "et al",
    "al",
    "st",
    "jr",
    "sr",
    "vs",
    "etc",
    "cf",
    "fig",
    "gen",
    "col",
    "lt",
    "maj",
    "capt",
    "gov",
    "sen",
    "rep",
    "inc",
    "ltd",
    "co",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "approx",
    "ca",
}
_CALLS = f"(?:{CALL_OPEN}\\d+(?:{CALL_PAGE}\\d+)?{CALL_CLOSE})*"
# A boundary: terminal punctuation, closing quotes/brackets, calls, then space and a capital,
# digit, quote or bracket opening the next sentence.
_BOUNDARY = re.compile(
    rf"(?P<end>[.?!…]+[\"”’')\]]*{_CALLS}(?:[\"”’')\]]*))\s+(?=[\"“‘'(\[]?[A-ZÀ-ÖØ-Þİ0-9])"
)
_LONGEST_ABBREVIATION = 40  # characters before a full stop worth reading for one
_LAST_WORD = re.compile(r"([\w.]+)\.$")


def _is_abbreviation(text_before: str) -> bool:
    match = _LAST_WORD.search(text_before)
    if not match:
        return False
    word = match.group(1).lower()
    if word in _ABBREVIATIONS:
        return True
    # Initials ("Mehmet U. Ekinci", "Ayşe İ. A. Özer") and dotted acronyms ("U.S.A.").
    return len(word) == 1 or bool(re.fullmatch(r"(?:\w\.)+\w", word))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences in `text` (which may hold call markers), in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end_text = match.group("end")
        stop = match.start("end")
        has_call = CALL_OPEN in end_text
        # Only the tail: an abbreviation is short, and a regex over a long run of word
        # characters (a number thousands of digits long) backtracks in quadratic time.
        before = text[max(start, stop - _LONGEST_ABBREVIATION) : stop + 1]
        if end_text.startswith(".") and not has_call and _is_abbreviation(before):
            continue
        end = match.end("end")
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
