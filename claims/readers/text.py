"""Plain text and Markdown -> `Layout`.

Calls are Unicode superscript digits (``region.¹``), Markdown footnote references (``[^8]``) or
bracketed numbers (``[8]``). Blocks are separated by blank lines; a tab- or pipe-separated
block is a table; the notes section starts at a line reading "Endnotes" (or "Notes",
"References", "Footnotes"), and Markdown footnote definitions are notes wherever they stand.
"""

from __future__ import annotations

import re

from claims.layout import CALL_OPEN, BlockKind, Layout, RawBlock, call_marker
from sources.encoding import decode_text as decode_text_bytes
from sources.lines import join_lines

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# A call number has at most four digits: a longer run of superscript digits (or a longer
# bracketed number) is text, and stays text, rather than an absurd note number (or a crash on
# Python's limit for converting long digit strings).
_SUPER_RUN = re.compile(f"(?<![{_SUPERSCRIPTS}])[{_SUPERSCRIPTS}]{{1,4}}(?![{_SUPERSCRIPTS}])")
_SUPER_TABLE = str.maketrans(_SUPERSCRIPTS, "0123456789")
_FOOTNOTE_REF = re.compile(r"\[\^(\d{1,4})\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^\[\^(\d{1,4})\]:\s*(.*)$")
_BRACKET_CALL = re.compile(r"(?<=[\w.,;:!?\"”’)])\s?\[(\d{1,3})\](?!\()")
_NOTES_HEADING = re.compile(
    r"^\s*(?:#+\s*)?[*_]*(?:end\s*notes|notes|footnotes|references)[*_]*:?\s*$", re.IGNORECASE
)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$<>|~])")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def decode_text(data: bytes) -> str:
    """The file's text, decoded as fetched pages are (sources.encoding): BOM (UTF-8, UTF-16,
    UTF-32), UTF-8 (a few stray bytes read as windows-1252), UTF-16/32 without BOM, then a
    statistical guess per file."""
    return decode_article_text(data)[0]


def decode_article_text(data: bytes) -> tuple[str, tuple[str, ...]]:
    """The file's text and a warning naming the lines whose bytes had to be replaced."""
    decoded = decode_text_bytes(data, html=False)
    if not decoded.replaced_lines:
        return decoded.text, ()
    lines = decoded.replaced_lines
    shown = ", ".join(map(str, lines[:10])) + (
        f" and {len(lines) - 10} more" if len(lines) > 10 else ""
    )
    how = "read as windows-1252" if decoded.encoding == "utf-8" else "replaced by U+FFFD"
    warning = (
        f"the file is {decoded.encoding} but for bytes on line{'s' if len(lines) > 1 else ''} "
        f"{shown}, {how}; check those lines and save the file as UTF-8"
    )
    return decoded.text, (warning,)


def _mark_calls(text: str) -> str:
    text = _SUPER_RUN.sub(lambda m: call_marker(int(m.group(0).translate(_SUPER_TABLE))), text)
    text = _FOOTNOTE_REF.sub(lambda m: call_marker(int(m.group(1))), text)
    return _BRACKET_CALL.sub(lambda m: call_marker(int(m.group(1))), text)


def _plain(text: str) -> str:
    """Body text without Markdown emphasis."""
    return _EMPHASIS.sub(lambda m: m.group(2), text)


def _split_notes(lines: list[str]) -> tuple[list[str], list[str], str | None]:
    """Body lines, note lines and the notes heading."""
    definitions: list[str] = []
    body: list[str] = []
    in_definition = False
    for line in lines:
        match = _FOOTNOTE_DEF.match(line)
        if match:
            definitions.append(f"{match.group(1)}. {match.group(2)}")
            in_definition = True
        elif in_definition and (line.startswith(("    ", "\t")) and line.strip()):
            definitions.append(line.strip())
        else:
            in_definition = False
            body.append(line)
    heading_at = None
    for i, line in enumerate(body):
        if _NOTES_HEADING.match(line) and any(
            re.match(r"^\s*1[.)]\s", later) for later in body[i + 1 : i + 40]
        ):
            heading_at = i
    if heading_at is None:
        return body, definitions, "Notes" if definitions else None
    heading = body[heading_at].strip(" #*_:")
    return body[:heading_at], body[heading_at + 1 :] + definitions, heading


def _paragraphs(lines: list[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.rstrip())
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _table(lines: list[str]) -> tuple[tuple[str, ...], ...] | None:
    if len(lines) >= 2 and sum("\t" in line for line in lines) >= 2:
        return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in lines)
    if len(lines) >= 2 and all(line.strip().startswith("|") for line in lines):
        rows = [line for line in lines if not _TABLE_RULE.match(line)]
        return tuple(tuple(c.strip() for c in line.strip().strip("|").split("|")) for line in rows)
    return None


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    return (
        CALL_OPEN not in text
        and 0 < len(words) <= 15
        and len(text) <= 120
        and not re.search(r"[.?!,;:]$", text)
        and (text[0].isupper() or text[0].isdigit())
    )


def _label_paragraph(text: str) -> bool:
    """Front-matter labels: "ABSTRACT ...", "Keywords: ...", "DOI: ..."."""
    return bool(re.match(r"^(?:[A-ZÇĞİÖŞÜ]{4,}\b|[\w ]{1,20}:)", text))


def _mark_front_matter(blocks: list[RawBlock]) -> list[RawBlock]:
    """Blocks before the first heading that opens real body text are front matter."""
    for i, block in enumerate(blocks):
        if block.kind is not BlockKind.HEADING:
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            following is not None
            and following.kind is BlockKind.PARAGRAPH
            and len(following.text.split()) >= 30
            and not _label_paragraph(following.text)
        ):
            return [
                RawBlock(BlockKind.FRONT_MATTER, b.text, b.rows, b.page) if j < i else b
                for j, b in enumerate(blocks)
            ]
    return blocks


def read_text(text: str) -> Layout:
    """Parse plain text or Markdown into a `Layout`."""
    text = _MD_ESCAPE.sub(r"\1", text.replace("\r\n", "\n").replace("\r", "\n"))
    body, note_lines, notes_heading = _split_notes(text.split("\n"))
    groups = _paragraphs(body)
    title = ""
    blocks: list[RawBlock] = []
    for group in groups:
        rows = _table(group)
        if rows is not None:
            rows = tuple(tuple(_plain(c) for c in row) for row in rows)
            blocks.append(RawBlock(BlockKind.TABLE, "\n".join("\t".join(r) for r in rows), rows))
            continue
        joined = join_lines(group)
        heading = _MD_HEADING.match(joined)
        content = _mark_calls(_plain(heading.group(2) if heading else joined))
        if not title:
            title = content
            continue
        if heading or (len(group) == 1 and _looks_like_heading(content)):
            blocks.append(RawBlock(BlockKind.HEADING, content))
        else:
            blocks.append(RawBlock(BlockKind.PARAGRAPH, content))
    return Layout(
        title=title,
        blocks=tuple(_mark_front_matter(blocks)),
        note_lines=tuple(note_lines),
        notes_heading=notes_heading,
    )
