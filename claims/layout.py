"""The readers' common output: an article's blocks and notes lines, before sentences are split.

Every reader (text/Markdown, PDF, HTML) turns its input into a `Layout`. Note calls stay
inside the block text as `call_marker(n)` (`call_marker(n, page)` where the reader knows the
page the call is printed on): private-use code points that no real text holds, so they survive
joins across page breaks; `claims.article.build_article` turns them into `NoteCall`s with
offsets and pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

CALL_OPEN = "\ue000"
CALL_CLOSE = "\ue001"
CALL_PAGE = "\ue002"  # between a call's number and its page, inside the marker
# Six digits at most, as note numbers are bounded where read: these code points in an input
# file around a 5,000-digit number are no marker of ours (int() would refuse it).
CALL_RE = re.compile(f"{CALL_OPEN}(\\d{{1,6}})(?:{CALL_PAGE}\\d{{1,6}})?{CALL_CLOSE}")


def call_marker(number: int, page: int | None = None) -> str:
    """The in-text marker of a call to note `number`, printed on `page` if known."""
    if page is None:
        return f"{CALL_OPEN}{number}{CALL_CLOSE}"
    return f"{CALL_OPEN}{number}{CALL_PAGE}{page}{CALL_CLOSE}"


def marker_page(marker: str) -> int | None:
    """The page a call marker (a `CALL_RE` match's text) carries, or None."""
    _, found, page = marker.partition(CALL_PAGE)
    return int(page.rstrip(CALL_CLOSE)) if found else None


def strip_calls(text: str) -> str:
    """`text` without its call markers."""
    return CALL_RE.sub("", text)


class BlockKind(StrEnum):
    FRONT_MATTER = "front-matter"  # title page: authors, affiliations, abstract, keywords
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    PULL_QUOTE = "pull-quote"
    CAPTION = "caption"  # figure/table captions, photo credits, "Source:" lines
    TABLE = "table"


@dataclass(frozen=True, slots=True)
class RawBlock:
    """One block as a reader found it; `text` may hold call markers."""

    kind: BlockKind
    text: str
    rows: tuple[tuple[str, ...], ...] = ()  # table cells, header row first
    page: int | None = None  # 1-based page in a paginated source


@dataclass(frozen=True, slots=True)
class RawNote:
    """A note a reader found already delimited (a page footnote, a Markdown or Word footnote).

    `key` is unique in the article and is what the call markers in the text carry; `label` is
    what was printed; `section` names the chapter where the numbering restarts, if it does.
    """

    key: int
    label: str
    text: str
    section: str | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Layout:
    """A reader's result: title, ordered blocks and the notes section as lines.

    `note_lines` are the lines of the notes section in reading order, as printed: a note may
    run over several lines (a PDF line, or a page-break split in extracted text); container
    titles may be marked `*like this*`. `sources.notes.split_notes` joins and numbers them.
    A reader that finds its notes already delimited gives them as `notes` instead, and
    `note_lines` stays empty.
    """

    title: str
    blocks: tuple[RawBlock, ...]
    note_lines: tuple[str, ...]
    notes_heading: str | None = None
    warnings: tuple[str, ...] = field(default=())
    notes: tuple[RawNote, ...] = ()
