"""Joining printed lines back into running text: line-break hyphens and URLs split over lines.

A hyphen at a line end is either typesetting (``signifi-`` / ``cantly``) or a real hyphen that
happened to fall there (``civil-`` / ``military``). Without a dictionary the document itself is
the best witness: a `Vocabulary` counts the words the document prints whole, and the join keeps
the hyphen only when both halves are words it knows and the joined form is not.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_URL_START_RE = re.compile(r"(?:<?https?://|<?www\.)\S*$", re.IGNORECASE)
_URL_CONT_RE = re.compile(r"^[^\s<>\"]+")


@lru_cache(maxsize=1 << 16)  # a book prints the same few thousand words over and over
def fold(word: str) -> str:
    """Case- and accent-insensitive key for a word (``Türkiye`` -> ``turkiye``, ``ı`` -> ``i``)."""
    word = word.replace("ı", "i").replace("İ", "I")
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Vocabulary:
    """The words a document prints, folded, with how often."""

    __slots__ = ("_counts",)

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self._counts: Counter[str] = Counter()
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        self._counts.update(fold(w) for w in _WORD_RE.findall(text))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._counts[fold(word)] > 0

    def count(self, word: str) -> int:
        return self._counts[fold(word)]


def join_hyphenated(head: str, tail: str, vocabulary: Vocabulary | None = None) -> str:
    """Join `head` (ending in a hyphen) and `tail` across a line break.

    The hyphen stays when the tail starts with a capital or digit (``Bosna-`` / ``Hersek``,
    ``1992-`` / ``1995``), or when both halves are known words and the joined word is not.
    """
    stem_match = re.search(r"([^\W\d_]+)-$", head)
    tail_match = re.match(r"([^\W\d_]+)", tail)
    if not stem_match or not tail_match or not tail[0].islower():
        return head + tail
    first, second = stem_match.group(1), tail_match.group(1)
    if vocabulary is not None:
        # Each half was counted once where the line broke, so "known" means seen again.
        joined = first + second
        if (
            joined not in vocabulary
            and vocabulary.count(first) >= 2
            and vocabulary.count(second) >= 2
        ):
            return head + tail
    return head[:-1] + tail


def _in_open_angle_url(text: str) -> bool:
    start = text.rfind("<")
    return start != -1 and ">" not in text[start:]


def join_lines(lines: Iterable[str], vocabulary: Vocabulary | None = None) -> str:
    """Join printed lines into one string, repairing hyphenation and split URLs."""
    text = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not text:
            text = line
            continue
        if re.fullmatch(r"[.,;:)\]]+", line):
            text += line  # a line holding only the closing punctuation of the one before
        elif _in_open_angle_url(text) or _continues_bare_url(text, line):
            text += line  # a URL's own hyphens and slashes stay as printed
        elif text.endswith("-") and not text.endswith(" -"):
            text = join_hyphenated(text, line, vocabulary)
        else:
            text += " " + line
    return text


def _continues_bare_url(text: str, line: str) -> bool:
    last = text.rsplit(None, 1)[-1] if text else ""
    if not _URL_START_RE.match(last) or last.endswith((".", ",", ";", ">")):
        return False
    first = _URL_CONT_RE.match(line)
    if first is None:
        return False
    return line[0] in "/?&#=%_-." or "/" in first.group(0) or "=" in first.group(0)
