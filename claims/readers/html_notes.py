"""The notes section of an HTML page: where it is, and its notes rendered as `N. text` lines.

The section is a footnotes/endnotes container, else the lists and paragraphs after a "Notes"
heading, else a run of elements whose ids number them (`fn1`, `_ftn1`...). A note's text keeps
`*italics*` and the URLs behind linked words, which the citation parser reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from claims.layout import CALL_RE, BlockKind, RawBlock
from claims.readers.html_calls import is_backlink, parse_call_numbers, parse_note_id
from claims.readers.html_tree import (
    BLOCK_NAMES,
    BLOCK_TAGS,
    HEADINGS,
    clean_text,
    find_tag,
    find_tags,
    get_attr,
    get_heading_level,
    get_words,
    is_blockish,
)

_NOTES_WORDS = frozenset({"footnotes", "endnotes", "footnote", "endnote", "notes"})
_NOTES_CONTAINERS = frozenset({"section", "div", "aside", "footer", "ol", "ul"})
_ITALIC_TAGS = frozenset({"em", "i", "cite"})
# English, plus Turkish and Croatian: the languages of the articles this tool was built for.
_NOTES_TITLE_RE = re.compile(
    r"(?:end|foot)?notes|references|notes and references|references and notes"
    r"|(?:dip|son)?notlar|bilješke|napomene",
    re.IGNORECASE,
)
_LEAD_NUMBER_RE = re.compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s*|^\s*(\d{1,3})\s+(?=\S)")
_URL_LIKE_RE = re.compile(r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)+/\S*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Notes:
    """A page's notes section: its heading, the elements holding it, and its lines."""

    heading: Tag | None
    parts: tuple[Tag, ...]
    lines: tuple[str, ...]


def is_notes_container(tag: Tag) -> bool:
    return tag.name in _NOTES_CONTAINERS and bool(get_words(tag) & _NOTES_WORDS)


def get_heading_text(tag: Tag) -> str:
    return clean_text(tag.get_text(" ")).rstrip(":").strip()


def _is_notes_heading(tag: Tag) -> bool:
    if tag.name not in HEADINGS and (tag.name not in {"p", "div"} or _is_blockish_inside(tag)):
        return False
    return bool(_NOTES_TITLE_RE.fullmatch(get_heading_text(tag)))


def _is_blockish_inside(tag: Tag) -> bool:
    return tag.find(BLOCK_NAMES) is not None


def find_notes(scope: Tag, root: Tag, soup: Tag) -> Notes | None:
    """The notes under `scope`: a footnotes/endnotes container, else what follows a notes
    heading, else a run of elements whose ids number them (`fn1`, `_ftn1`...)."""

    def fits(tag: Tag) -> bool:  # neither the whole content nor what holds it
        return tag is not root and not any(a is tag for a in root.parents) and not tag.find("h1")

    marked = [
        t
        for t in find_tags(scope, is_notes_container)
        if t.find_parent(is_notes_container) is None and fits(t)
    ]
    if marked and (notes := _notes_from(soup, _container_heading(marked[0]), tuple(marked))):
        return notes
    preference = ("endnotes", "footnotes", "notes", "references")
    headings = sorted(
        find_tags(scope, _is_notes_heading),
        key=lambda h: next(
            (i for i, w in enumerate(preference) if get_heading_text(h).lower().startswith(w)), 9
        ),
    )
    for heading in headings:
        parts = tuple(p for p in _parts_after(heading) if fits(p))
        if parts and (notes := _notes_from(soup, heading, parts)):
            return notes
    numbered = [t for t in _id_numbered_lists(scope) if fits(t)]
    if numbered:
        return _notes_from(soup, _container_heading(numbered[0]), tuple(numbered))
    return None


def _id_numbered_lists(scope: Tag) -> list[Tag]:
    """Elements with two or more children whose ids are note ids, outermost first."""
    counts: dict[int, int] = {}
    parents: list[Tag] = []
    for tag in find_tags(scope, lambda t: parse_note_id(get_attr(t, "id")) is not None):
        parent = tag.parent
        if parent is None:
            continue
        if id(parent) not in counts:
            parents.append(parent)
        counts[id(parent)] = counts.get(id(parent), 0) + 1
    found = [p for p in parents if counts[id(p)] >= 2]
    return [p for p in found if not any(a is q for q in found for a in p.parents)]


def _container_heading(container: Tag) -> Tag | None:
    inside = find_tag(container, list(HEADINGS))
    if inside is not None:
        return inside
    before = container.find_previous_sibling()
    return before if isinstance(before, Tag) and _is_notes_heading(before) else None


def _parts_after(heading: Tag) -> list[Tag]:
    level = get_heading_level(heading) or 7
    node = heading
    while node.find_next_sibling() is None and node.parent is not None:
        if node.parent.name in {"body", "article", "main"}:
            break
        node = node.parent
    parts: list[Tag] = []
    for sibling in node.find_next_siblings():
        if not isinstance(sibling, Tag):
            continue
        first_heading = sibling if sibling.name in HEADINGS else find_tag(sibling, list(HEADINGS))
        if first_heading is not None and (get_heading_level(first_heading) or 7) <= level:
            break
        parts.append(sibling)
    return parts


def _notes_from(soup: Tag, heading: Tag | None, parts: tuple[Tag, ...]) -> Notes | None:
    inside = {id(t) for part in parts for t in (part, *find_tags(part))}
    call_ids = {
        value
        for tag in find_tags(soup, ["sup", "a"])
        if id(tag) not in inside
        for value in (get_attr(tag, "id"), get_attr(tag, "name"))
        if value
    }
    lines = tuple(_note_lines(parts, heading, frozenset(call_ids)))
    if not any(line[:1].isdigit() for line in lines):
        return None
    return Notes(heading, parts, lines)


def _note_items(parts: Iterable[Tag], heading: Tag | None) -> Iterator[tuple[Tag, int | None]]:
    """Each note-holding element with the number its position or id gives it, if any."""
    for part in parts:
        lists = list(_top_lists(part))
        if lists:
            for lst in lists:
                yield from _list_items(lst)
        else:
            yield from _leaves(part, heading, None)


def _top_lists(tag: Tag) -> Iterator[Tag]:
    if tag.name in {"ol", "ul"}:
        yield tag
        return
    for child in find_tags(tag, recursive=False):
        yield from _top_lists(child)


def _list_items(lst: Tag) -> Iterator[tuple[Tag, int | None]]:
    ordered = lst.name == "ol"
    start = get_attr(lst, "start").strip()
    position = int(start) if start.lstrip("-").isdecimal() else 1
    for li in find_tags(lst, "li", recursive=False):
        value = get_attr(li, "value").strip()
        if value.isdecimal():
            position = int(value)
        yield li, (position if ordered else parse_note_id(get_attr(li, "id")))
        position += 1


def _leaves(tag: Tag, heading: Tag | None, pending: int | None) -> Iterator[tuple[Tag, int | None]]:
    """The paragraph-level elements under `tag`; an id's number goes to its first one."""
    if tag is heading or tag.name in HEADINGS:
        return
    own = parse_note_id(get_attr(tag, "id"))
    pending = own if own is not None else pending
    children = find_tags(tag, recursive=False)
    if tag.name == "tr" or not any(is_blockish(child) for child in children):
        if tag.get_text(strip=True):
            yield tag, pending
        return
    for child in children:
        if is_blockish(child):
            for leaf in _leaves(child, heading, pending):
                yield leaf
                pending = None


def _note_lines(
    parts: Iterable[Tag], heading: Tag | None, call_ids: frozenset[str]
) -> Iterator[str]:
    expected = 1
    for item, given in _note_items(parts, heading):
        anchor_number = next(
            (
                n
                for t in (item, *find_tags(item))
                for n in (parse_note_id(get_attr(t, "id")), parse_note_id(get_attr(t, "name")))
                if n is not None
            ),
            None,
        )
        text, back_numbers = _note_text(item, call_ids)
        if not text:
            continue
        number = next((n for n in (given, anchor_number, *back_numbers[:1]) if n is not None), None)
        lead = _LEAD_NUMBER_RE.match(text)
        if lead:
            printed = int(lead.group(1) or lead.group(2) or lead.group(3))
            bare = lead.group(3) is not None
            if printed == number or (number is None and (not bare or printed == expected)):
                number = printed
                text = text[lead.end() :]
        if number is None:
            yield text
            continue
        yield f"{number}. {text}"
        expected = number + 1


def render_note_text(item: Tag, call_ids: frozenset[str]) -> str:
    """A note element's text as the citation parser reads it (see `_note_text`)."""
    return _note_text(item, call_ids)[0]


def _note_text(item: Tag, call_ids: frozenset[str]) -> tuple[str, list[int]]:
    """A note's text with `*italics*` and ` <url>` after linked words; backlinks' numbers."""
    out: list[str] = []
    back_numbers: list[int] = []
    for child in item.children:
        _render_note(child, out, back_numbers, call_ids, italic=False)
    return clean_text("".join(out)), back_numbers


def _render_note(
    node: PageElement, out: list[str], back: list[int], call_ids: frozenset[str], italic: bool
) -> None:
    if isinstance(node, NavigableString):
        if not isinstance(node, PreformattedString):
            out.append(str(node))
        return
    if not isinstance(node, Tag):
        return
    if node.name == "br":
        out.append(" ")
        return
    inner: list[str] = []
    for child in node.children:
        _render_note(child, inner, back, call_ids, italic or node.name in _ITALIC_TAGS)
    text = "".join(inner)
    if node.name == "a":
        href = get_attr(node, "href").strip().lower()
        if (href == "#" or href.startswith("javascript:")) and len(text.strip()) <= 20:
            return  # a script's toggle ("Show more"), not part of the note
        if is_backlink(node, call_ids):
            back.extend(parse_call_numbers(node.get_text()))
            return
        text = _with_url(text, get_attr(node, "href").strip())
    elif node.name in _ITALIC_TAGS and not italic:
        text = _italicize(text)
    pad = " " if node.name in BLOCK_TAGS else ""
    out.append(pad + text + pad)


def _with_url(text: str, href: str) -> str:
    visible = clean_text(text)
    if not re.match(r"https?://", href, re.IGNORECASE) or not visible:
        return text
    if re.match(r"https?://", visible, re.IGNORECASE):
        return text  # the page prints the URL itself
    if _URL_LIKE_RE.fullmatch(visible):
        return href  # a shortened URL: the href is the full one
    return f"{text.rstrip()} <{href}>{text[len(text.rstrip()) :]}"


def _italicize(text: str) -> str:
    match = re.fullmatch(r"(\s*)(.*?)(\s*)", text, re.DOTALL)
    assert match is not None  # the pattern matches any string
    lead, core, trail = match.groups()
    urls = re.findall(r"\s*<https?://[^>\s]+>", core)
    for url in urls:
        core = core.replace(url, "")
    if not core.strip():
        return text
    return f"{lead}*{core.strip()}*{''.join(urls)}{trail}"


_LABELLED_RE = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})\.)\s*[.:]?\s*(?=\S)")


def split_labelled_notes(blocks: Sequence[RawBlock]) -> tuple[list[RawBlock], list[str]]:
    """Notes set as plain paragraphs after the text (`[1]. Text`, `[2]. Text`...), with no
    anchors, list or heading: the longest run numbered 1, 2, 3... after calls in the text.

    Paragraphs without a label inside the run continue the note before them. Returns the
    blocks without the run and the run as `N. text` lines; the blocks unchanged and no
    lines when there is no such run of five or more.
    """
    best: tuple[int, int, list[str]] = (0, 0, [])
    i = 0
    while i < len(blocks):
        match = _LABELLED_RE.match(blocks[i].text)
        if not match or int(match.group(1) or match.group(2)) != 1:
            i += 1
            continue
        lines: list[str] = []
        expected, j, end = 1, i, i
        while j < len(blocks) and blocks[j].kind is not BlockKind.HEADING:
            found = _LABELLED_RE.match(blocks[j].text)
            number = int(found.group(1) or found.group(2)) if found else None
            if found and number is not None and number != expected:
                # A misprinted label ("92." where the next reads "[91].") takes its place in
                # the sequence; a small gap (a note the page lost) is kept as printed.
                if _next_label(blocks, j + 1) == expected + 1:
                    number = expected
                elif expected < number <= expected + 3:
                    expected = number
            if found and number == expected:
                lines.append(f"{number}. {blocks[j].text[found.end() :]}")
                expected, end = expected + 1, j + 1
            elif found or not lines:
                break
            else:
                lines.append(blocks[j].text)
            j += 1
        # What follows the last note unlabelled is the page's, not the note's.
        lines = lines[: len(lines) - (j - end)] if j > end else lines
        if expected - 1 > len(best[2]) and any(CALL_RE.search(b.text) for b in blocks[:i]):
            best = (i, end, lines)
        i = max(end, i + 1)
    start, end, lines = best
    if len(lines) < 5:
        return list(blocks), []
    return [*blocks[:start], *blocks[end:]], lines


def _next_label(blocks: Sequence[RawBlock], start: int) -> int | None:
    for block in blocks[start : start + 3]:
        found = _LABELLED_RE.match(block.text)
        if found:
            return int(found.group(1) or found.group(2))
    return None
