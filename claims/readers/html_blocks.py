"""The main content of an HTML page walked into blocks, with note calls as call markers.

Inline runs between block elements become one block; headings, data tables, pull quotes,
captions and the article header's front matter get their own kinds. The title is found here
so the walk can leave it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from claims.layout import BlockKind, RawBlock, call_marker, strip_calls
from claims.readers.html_calls import is_note_call, parse_call_numbers
from claims.readers.html_tree import (
    BLOCK_TAGS,
    HEADINGS,
    clean_text,
    find_tag,
    find_tags,
    get_attr,
    is_blockish,
    is_caption,
    is_pull_quote,
    measure_text,
)


@dataclass(frozen=True, slots=True)
class BodyContext:
    """What the walk leaves out or must know: the title, the notes section, its ids."""

    title: Tag | None
    skip: frozenset[int]  # id()s of the notes heading and the elements holding the notes
    note_ids: frozenset[str]  # ids and names inside the notes section
    call_keys: Mapping[int, int] = field(default_factory=dict)  # id() of a call -> note key


def _body_text(nodes: Iterable[PageElement], ctx: BodyContext) -> str:
    out: list[str] = []
    for node in nodes:
        _render_body(node, out, ctx)
    return clean_text("".join(out))


def _render_body(node: PageElement, out: list[str], ctx: BodyContext) -> None:
    if isinstance(node, NavigableString):
        if not isinstance(node, PreformattedString):
            out.append(str(node))
        return
    if not isinstance(node, Tag):
        return
    if node.name == "br":
        out.append(" ")
        return
    if id(node) in ctx.skip:
        return  # a note set inline next to its call
    if id(node) in ctx.call_keys:
        out.append(call_marker(ctx.call_keys[id(node)]))
        return
    if is_note_call(node, out, ctx.note_ids):
        out.extend(call_marker(n) for n in parse_call_numbers(node.get_text()))
        return
    pad = " " if node.name in BLOCK_TAGS else ""
    out.append(pad)
    for child in node.children:
        _render_body(child, out, ctx)
    out.append(pad)


def walk_blocks(container: Tag, kind: BlockKind, ctx: BodyContext) -> Iterator[RawBlock]:
    """The blocks under `container`: inline runs between block children become `kind`."""
    run: list[PageElement] = []
    for child in container.children:
        if isinstance(child, Tag) and is_blockish(child):
            yield from _run_block(run, kind, ctx)
            run = []
            if id(child) not in ctx.skip:
                yield from _block(child, kind, ctx)
        else:
            run.append(child)
    yield from _run_block(run, kind, ctx)


def _run_block(run: list[PageElement], kind: BlockKind, ctx: BodyContext) -> Iterator[RawBlock]:
    text = _body_text(run, ctx)
    if text:
        yield RawBlock(kind, text)


def _block(tag: Tag, kind: BlockKind, ctx: BodyContext) -> Iterator[RawBlock]:
    if tag is ctx.title or tag.name == "hr":
        return
    if tag.name in HEADINGS:
        yield from _run_block([tag], BlockKind.HEADING, ctx)
    elif tag.name == "table" and not _is_layout_table(tag):
        yield from _table(tag, ctx)
    elif is_pull_quote(tag):
        yield from _run_block([tag], BlockKind.PULL_QUOTE, ctx)
    elif is_caption(tag):
        yield from _run_block([tag], BlockKind.CAPTION, ctx)
    elif tag.name == "header":
        yield from walk_blocks(tag, BlockKind.FRONT_MATTER, ctx)
    else:
        yield from walk_blocks(tag, kind, ctx)


def _is_layout_table(table: Tag) -> bool:
    """A table used to lay out a page (old sites), not to hold data."""
    if get_attr(table, "role").lower() in {"presentation", "none"} or table.find("table"):
        return True
    if table.find([*HEADINGS, "blockquote", "article"]) is not None:
        return True
    return measure_text(table, paragraphs=True) > 400


def _table(table: Tag, ctx: BodyContext) -> Iterator[RawBlock]:
    caption = find_tag(table, "caption")
    if caption is not None:
        yield from _run_block([caption], BlockKind.CAPTION, ctx)
    head: list[tuple[str, ...]] = []
    body: list[tuple[str, ...]] = []
    foot: list[tuple[str, ...]] = []
    for tr in find_tags(table, "tr"):
        if tr.find_parent("table") is not table:
            continue
        cells = tuple(
            _body_text(c.children, ctx) for c in find_tags(tr, ["td", "th"], recursive=False)
        )
        if not any(cells):
            continue
        section = tr.parent.name if tr.parent is not None else ""
        {"thead": head, "tfoot": foot}.get(section, body).append(cells)
    rows = (*head, *body, *foot)
    if rows:
        text = "\n".join("\t".join(row) for row in rows)
        yield RawBlock(BlockKind.TABLE, text, rows=rows)


def find_title(root: Tag, body: Tag, soup: BeautifulSoup) -> tuple[str, Tag | None]:
    """The article's title and its h1 (to leave out of the blocks), else the page's <title>."""
    empty = BodyContext(None, frozenset(), frozenset())
    for h1 in (find_tag(root, "h1"), find_tag(body, "h1")):
        if h1 is not None:
            text = strip_calls(_body_text([h1], empty))
            if text:
                return text, h1
    page_title = find_tag(soup, "title")
    return (clean_text(page_title.get_text()) if page_title is not None else ""), None
