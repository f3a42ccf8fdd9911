"""The links between text and notes in HTML: note calls, note ids and backlinks.

A call is a superscript number or a link to a note's id in the body; a backlink is the
link from a note back to its call. Both sides are recognised here so they agree.
"""

from __future__ import annotations

import re

from bs4.element import Tag

from claims.readers.html_tree import clean_text, get_attr, get_words

# Ids of notes as the common generators write them: fn8, fn:8, note-8, endnote-8, _ftn8,
# _edn8 (Word), sdfootnote8sym (LibreOffice), cite_note-Name-8 (MediaWiki), en8.
_NOTE_ID_RE = re.compile(
    r"^_?(?:sd)?(?:(?:fn|ftn|edn|note|endnote|footnote|cite_note)\D{0,16}?|en[-_:]?)(\d{1,6})"
    r"(?:sym|anc)?$",
    re.IGNORECASE,
)
_CALL_TEXT_RE = re.compile(r"[\[(]?\s*(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\s*[\])]?")
# A digit-only superscript right after a unit or a power of ten is an exponent, not a call.
_EXPONENT_BASE_RE = re.compile(r"(?:^|[\s(/])(?:[kcdm]?m|ft|mi|10|[x×·]\s?10)$")
_BACK_SIGNS = frozenset({"↩", "↑", "^", "⤴", "back", "return", "back to text", "top"})


def parse_call_numbers(text: str) -> list[int]:
    """`8` -> [8], `[8]` -> [8], `3, 4` -> [3, 4], `5–7` -> [5, 6, 7]; anything else -> []."""
    match = _CALL_TEXT_RE.fullmatch(text.strip())
    if not match:
        return []
    numbers: list[int] = []
    for part in match.group(1).split(","):
        ends = [int(n) for n in re.split(r"\s*[–-]\s*", part.strip())]
        if len(ends) == 2 and 0 < ends[1] - ends[0] <= 20:
            numbers.extend(range(ends[0], ends[1] + 1))
        else:
            numbers.extend(ends)
    return [n for n in numbers if n > 0]


def parse_note_id(value: str) -> int | None:
    """The note number an id or name gives (`fn8` -> 8); None for call ids such as `fnref8`."""
    if "ref" in value.lower():
        return None
    match = _NOTE_ID_RE.match(value)
    return int(match.group(1)) if match else None


def _get_fragment(tag: Tag) -> str:
    href = get_attr(tag, "href").strip()
    return href.partition("#")[2] if "#" in href else ""


def is_note_call(tag: Tag, before: list[str], note_ids: frozenset[str]) -> bool:
    """Whether `tag` in the body calls a note; `before` is the text rendered so far."""
    if tag.name == "sup":
        if tag.find_parent("math") is not None:
            return False
        tail = "".join(before[-6:])[-8:]
        return not _EXPONENT_BASE_RE.search(tail) and bool(parse_call_numbers(tag.get_text()))
    if tag.name != "a" or not parse_call_numbers(tag.get_text()):
        return False
    if get_words(tag) & {"noteref", "footnote", "endnote"} or "noteref" in get_attr(tag, "role"):
        return True
    fragment = _get_fragment(tag)
    return bool(fragment) and (parse_note_id(fragment) is not None or fragment in note_ids)


def is_backlink(link: Tag, call_ids: frozenset[str]) -> bool:
    """Whether a link inside a note leads back to its call rather than to a source."""
    words = get_words(link)
    if words & {"backref", "backlink", "back"}:
        return True
    if clean_text(link.get_text()).rstrip("\ufe0e\ufe0f").casefold() in _BACK_SIGNS:
        return True
    fragment = _get_fragment(link)
    return bool(fragment) and ("ref" in fragment.lower() or fragment in call_ids)
