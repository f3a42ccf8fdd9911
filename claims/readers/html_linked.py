"""Notes found by following the links of their calls: each numbered call in the text that
points at an element (`href="#_ftn3"`, `href="#fn3"`, `aria-describedby="note-3"`) names its
note, wherever the page puts it.

This reads what a notes-section search cannot: Word-export pages whose `_ftn` anchors sit in
loose paragraphs (`<p><a name="_ftn3"></a>[2] text</p>`), notes set inline as tooltips or
sidenotes next to their calls (`<span role="tooltip">`, `<aside>`), lists whose numbering
restarts in each part. The element holding a note is the anchor itself when it holds the
note's text, else its nearest ancestor that does and holds no other note; paragraphs between
two such notes continue the first. Each distinct note gets a key in reading order; its printed
number is its label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4.element import Tag

from claims.layout import RawNote
from claims.readers.html_calls import is_backlink, parse_call_numbers
from claims.readers.html_notes import render_note_text
from claims.readers.html_tree import clean_text, find_tags, get_attr, get_words

_LABEL_RE = re.compile(r"^\s*[\[(]?\s*(\d{1,4})\s*[\])]?\s*[.:]?\s*")
_LEAD_PUNCT_RE = re.compile(r"^(\*?)[\s.:]+")  # "[1]. Text" once the label link is gone
_HOLDERS = frozenset({"p", "li", "div", "dd", "td", "span", "aside", "small", "section", "font"})


@dataclass(frozen=True, slots=True)
class LinkedNotes:
    """Notes reached from their calls: the notes, the elements holding them, call -> key."""

    notes: tuple[RawNote, ...]
    parts: tuple[Tag, ...]
    call_keys: dict[int, int]  # id() of a call element (the link and its <sup>) -> note key
    sidenotes: tuple[Tag, ...] = ()  # notes set beside their calls (never body text)


def _index_targets(soup: Tag) -> dict[str, Tag]:
    index: dict[str, Tag] = {}
    for tag in find_tags(soup, lambda t: t.has_attr("id") or t.has_attr("name")):
        for value in (get_attr(tag, "id"), get_attr(tag, "name")):
            if value:
                index.setdefault(value, tag)
    return index


def _target_of(call: Tag, index: dict[str, Tag]) -> Tag | None:
    href = get_attr(call, "href").strip()
    refs = [href.partition("#")[2]] if href.startswith("#") else []
    refs += get_attr(call, "aria-describedby").split()
    for ref in refs:
        target = index.get(ref)
        if target is not None and target is not call:
            return target
    return None


def _own_text(tag: Tag) -> str:
    return _LABEL_RE.sub("", clean_text(tag.get_text(" ")), count=1)


def _holder(target: Tag, call: Tag, targets: set[int]) -> Tag | None:
    """The element holding the note `target` marks."""
    node: Tag | None = target
    while node is not None and node.name not in {"body", "html", "article", "main"}:
        if any(a is node for a in call.parents) or node is call:
            return None  # the target wraps the call: a section anchor, not a note
        if node is not target and any(id(t) in targets for t in find_tags(node) if t is not target):
            return None  # holds another note too: too far up
        if len(_own_text(node)) > 1 and node.name in _HOLDERS | {"a"}:
            return node
        node = node.parent
    return None


_SIDENOTE_WORDS = frozenset(
    {"note", "notes", "footnote", "sidenote", "marginnote", "endnote", "fn", "foot", "aside"}
)


def _sidenote(link: Tag) -> Tag | None:
    """A note set right after its call (a sidenote, a tooltip, an `<aside>`), when the call's
    link leads nowhere on the page: the element following the call, marked as a note."""
    anchor = link.parent if isinstance(link.parent, Tag) and link.parent.name == "sup" else link
    after = anchor.find_next_sibling()
    if not isinstance(after, Tag) or after.name in {"p", "div", "li", "section", "table", "sup"}:
        return None
    role = get_attr(after, "role").lower()
    marked = (
        after.name == "aside"
        or role in {"doc-footnote", "doc-endnote", "note", "tooltip"}
        or bool(get_words(after) & _SIDENOTE_WORDS)
    )
    return after if marked and _own_text(after) else None


def _continuations(holder: Tag, holders: set[int]) -> list[Tag]:
    """Paragraphs after `holder` that belong to it: siblings before the next note."""
    if holder.name != "p":
        return []
    found: list[Tag] = []
    for sibling in holder.find_next_siblings():
        if not isinstance(sibling, Tag):
            continue
        if id(sibling) in holders or sibling.name != "p":
            return found
        if any(id(t) in holders for t in find_tags(sibling)):
            return found
        found.append(sibling)
    return []  # the last note: what follows it is not known to be its continuation


def find_linked_notes(scope: Tag, soup: Tag) -> LinkedNotes | None:
    """The notes the numbered calls under `scope` link to, if two or more are found."""
    index = _index_targets(soup)
    calls: list[tuple[Tag, str, Tag]] = []
    sidenotes: list[Tag] = []
    for link in find_tags(scope, lambda t: t.has_attr("href") or t.has_attr("aria-describedby")):
        numbers = parse_call_numbers(link.get_text())
        if len(numbers) != 1 or is_backlink(link, frozenset()):
            continue
        target = _target_of(link, index)
        sidenote = _sidenote(link)
        if sidenote is not None:
            sidenotes.append(sidenote)
        if target is None or (sidenote is not None and _holder(target, link, {id(target)}) is None):
            target = sidenote
        if target is not None:
            calls.append((link, str(numbers[0]), target))
    targets = {id(target) for _, _, target in calls}
    keys: dict[int, int] = {}  # id(holder) -> key
    holders: list[tuple[Tag, str]] = []
    call_keys: dict[int, int] = {}
    for link, label, target in calls:
        holder = _holder(target, link, targets)
        if holder is None:
            continue
        if id(holder) not in keys:
            keys[id(holder)] = len(keys) + 1
            holders.append((holder, label))
        key = keys[id(holder)]
        call_keys[id(link)] = key
        sup = link.parent
        if isinstance(sup, Tag) and sup.name == "sup" and sup.get_text().strip() == label:
            call_keys[id(sup)] = key
    if len(holders) < 2:
        return LinkedNotes((), (), {}, tuple(sidenotes)) if sidenotes else None
    holder_ids = set(keys)
    call_ids = frozenset(get_attr(link, "id") or get_attr(link, "name") for link, _, _ in calls)
    notes: list[RawNote] = []
    parts: list[Tag] = []
    texts: dict[int, str] = {}
    for holder, label in holders:
        pieces = [holder, *_continuations(holder, holder_ids)]
        parts.extend(pieces)
        text = " ".join(render_note_text(piece, call_ids) for piece in pieces)
        text = _strip_label(text)
        texts[keys[id(holder)]] = text
        notes.append(RawNote(keys[id(holder)], label, text))
    parts.extend(_sidenote_copies(calls, call_keys, texts, call_ids))
    return LinkedNotes(tuple(notes), tuple(parts), call_keys, tuple(sidenotes))


def _strip_label(text: str) -> str:
    return _LEAD_PUNCT_RE.sub(r"\1", _LABEL_RE.sub("", text, count=1)).strip()


def _sidenote_copies(
    calls: list[tuple[Tag, str, Tag]],
    call_keys: dict[int, int],
    texts: dict[int, str],
    call_ids: frozenset[str],
) -> list[Tag]:
    """Copies of a note set beside its call as a sidenote (the page prints the note both in
    the margin and in the list): the element right after the call holding the same text."""
    copies: list[Tag] = []
    for link, _, _ in calls:
        key = call_keys.get(id(link))
        if key is None:
            continue
        parent = link.parent
        anchor = parent if parent is not None and id(parent) in call_keys else link
        after = anchor.find_next_sibling()
        if after is None or after.name in {"p", "div", "li", "section", "table"}:
            continue
        copy = _strip_label(render_note_text(after, call_ids))
        if copy and copy == texts.get(key):
            copies.append(after)
    return copies
