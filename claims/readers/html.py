"""HTML article page -> `Layout`: the main content's blocks with note calls, and its notes.

This module and its `html_*` siblings are the only ones that import BeautifulSoup for
articles. A page is read in this order (the module doing each step in brackets):

1. decode the bytes: byte-order mark, else the declared charset (meta charset,
   http-equiv, XML declaration), else UTF-8, else windows-1252; bytes that fit none are
   replaced [here];
2. drop what never holds article text (scripts, styles, forms' controls, embeds);
3. drop site chrome: nav, page header, footer, aside, form, and elements whose class, id or
   role names navigation, menus, sidebars, sharing, comments, related links, newsletters,
   cookie banners or ads, unless they hold most of the page's text (a wrapper, not chrome)
   [html_chrome];
4. choose the main content: the longest `article`, else `main` / `[role=main]`, else the
   tightest element holding nine tenths of the page's paragraph text [html_chrome];
5. find the notes section (a footnotes/endnotes container, or the lists and paragraphs
   after a "Notes" heading) and render it as `N. text` lines [html_notes];
6. walk the main content into blocks, turning note calls into `call_marker(n)`
   [html_blocks, with html_calls recognising calls].

Everything is structural (tags, class/id/role words, text length); nothing names a site.
"""

from __future__ import annotations

import codecs
import re
import warnings
from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.builder import ParserRejectedMarkup

from claims.errors import ArticleNotFound, EmptyArticle, UnsupportedFormat
from claims.layout import BlockKind, Layout
from claims.readers.html_blocks import BodyContext, find_title, walk_blocks
from claims.readers.html_chrome import choose_main_content, drop_chrome
from claims.readers.html_linked import find_linked_notes
from claims.readers.html_notes import (
    Notes,
    find_notes,
    get_heading_text,
    split_labelled_notes,
)
from claims.readers.html_tree import find_tag, find_tags, get_attr

# --- decoding ---------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED_RE = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
# The WHATWG Encoding Standard: browsers read these labels as the Windows supersets, and a
# UTF-16 label inside an ASCII-compatible byte stream cannot be true.
_LABEL_ALIASES = {
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "ascii": "windows-1252",
    "us-ascii": "windows-1252",
    "iso-8859-9": "windows-1254",
    "iso8859-9": "windows-1254",
    "latin5": "windows-1254",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}


def _read_declared_encoding(head: bytes) -> str | None:
    match = _DECLARED_RE.search(head)
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "replace").strip().lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode_html(data: bytes) -> tuple[str, str | None]:
    """The page's text, and a warning when some bytes had to be replaced."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), None
    declared = _read_declared_encoding(data[:16384])
    for encoding in dict.fromkeys(e for e in (declared, "utf-8", "cp1252") if e):
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError:
            continue
    fallback = declared or "cp1252"
    text = data.decode(fallback, errors="replace")
    return text, f"bytes that are not {fallback} were replaced by U+FFFD"


# --- entry points -----------------------------------------------------------------------


def read_html(path: Path) -> Layout:
    """Read an HTML article page; see the module docstring for what is kept."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleNotFound(path, "no such file", "check the path") from None
    except IsADirectoryError:
        raise ArticleNotFound(path, "this is a directory", "give the article's file") from None
    text, warning = _decode_html(data)
    layout = read_html_text(text, path)
    if warning is None:
        return layout
    return replace(layout, warnings=(warning, *layout.warnings))


def _count_numbered(notes: Notes | None) -> int:
    """How many distinct numbers the notes section gives (numbering restarted in each part
    gives fewer than its notes)."""
    if notes is None:
        return 0
    return len({m.group(1) for line in notes.lines if (m := re.match(r"(\d+)\.", line))})


def read_html_text(html: str, path: Path) -> Layout:
    """Read an already decoded HTML page; `path` only names it in errors."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            soup = BeautifulSoup(html, "lxml")
    except ParserRejectedMarkup as error:
        raise UnsupportedFormat(
            path, f"the HTML parser rejected the page ({error})", "check the file is HTML"
        ) from None
    body = find_tag(soup, "body") or soup
    drop_chrome(body)
    root = choose_main_content(body)
    notes = find_notes(root, root, soup) or find_notes(body, root, soup)
    linked = find_linked_notes(root, soup)
    sidenotes = linked.sidenotes if linked is not None else ()
    if linked is not None and len(linked.notes) > _count_numbered(notes):
        notes = None  # the calls' links reach more notes than the notes section holds
    else:
        linked = None
    skip: set[int] = {id(tag) for tag in sidenotes}  # a margin copy of a note is not text
    note_ids: set[str] = set()
    parts = linked.parts if linked is not None else ()
    if notes is not None:
        parts = (*notes.parts, *([notes.heading] if notes.heading else []))
    for part in parts:
        skip.add(id(part))
        for tag in (part, *find_tags(part)):
            note_ids.update(v for v in (get_attr(tag, "id"), get_attr(tag, "name")) if v)
    title, title_tag = find_title(root, body, soup)
    call_keys = linked.call_keys if linked is not None else {}
    ctx = BodyContext(title_tag, frozenset(skip), frozenset(note_ids), call_keys)
    blocks = tuple(walk_blocks(root, BlockKind.PARAGRAPH, ctx))
    note_lines = notes.lines if notes is not None else ()
    raw_notes = linked.notes if linked is not None else ()
    if not note_lines and not raw_notes:
        kept, labelled = split_labelled_notes(blocks)
        if labelled:
            blocks, note_lines = tuple(kept), tuple(labelled)
    if not blocks and not note_lines and not raw_notes:
        raise EmptyArticle(
            path, "the HTML page holds no text", "check the file is the article page"
        )
    heading = get_heading_text(notes.heading) if notes is not None and notes.heading else None
    if raw_notes:
        return Layout(title, blocks, (), heading or "Notes", notes=raw_notes)
    return Layout(title=title, blocks=blocks, note_lines=note_lines, notes_heading=heading)
