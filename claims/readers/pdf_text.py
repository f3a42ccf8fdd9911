"""PDF printed lines -> text: word spaces restored, raised digits as calls, notes with italics."""

from __future__ import annotations

from collections.abc import Sequence

from claims.layout import call_marker
from claims.readers.pdf_page import Glyph, Line

_SPACE_GAP = 0.2  # ems of the line: a gap this wide between glyphs is a word space

_PLAIN, _ITALIC, _RAISED_DIGIT, _SPACE = range(4)


def _split_pieces(line: Line) -> list[tuple[str, int]]:
    """The line's glyphs as (text, style) pieces, with word spaces restored."""
    pieces: list[tuple[str, int]] = []
    previous: Glyph | None = None
    space = False
    for glyph in line.glyphs:
        if glyph.text.isspace():
            space = True
            continue
        if previous is not None:
            if glyph.text == previous.text and abs(glyph.x0 - previous.x0) < 0.1 * glyph.size:
                continue  # overprinted for a fake bold
            if glyph.x0 - previous.x1 > _SPACE_GAP * line.size:
                space = True
        if space and pieces:
            pieces.append((" ", _SPACE))
        space = False
        if line.raised(glyph) and glyph.text.isdigit():
            style = _RAISED_DIGIT
        else:
            style = _ITALIC if glyph.italic else _PLAIN
        pieces.append((glyph.text, style))
        previous = glyph
    return pieces


def render_line(line: Line, *, calls: bool) -> str:
    """The line's text; raised digits become call markers when `calls`, else plain digits."""
    out: list[str] = []
    digits = ""
    for text, style in [*_split_pieces(line), ("", _PLAIN)]:
        if style == _RAISED_DIGIT and calls:
            digits += text
            continue
        if digits:
            while out and out[-1] == " ":
                out.pop()  # a call belongs to the word or stop before it
            out.append(call_marker(int(digits), line.page))
            digits = ""
        out.append(text)
    return "".join(out).strip()


def render_note_lines(lines: Sequence[Line]) -> list[str]:
    """Notes lines as printed, italic runs as `*like this*` (see `render_note_pages`)."""
    return [text for text, _ in render_note_pages(lines)]


def render_note_pages(lines: Sequence[Line]) -> list[tuple[str, int]]:
    """(line, page) of notes lines as printed, italic runs as `*like this*`; a raised number
    becomes `N. `.

    An italic run that goes on to the next line stays open across the break, so that joining
    the lines gives one `*run*`.
    """
    all_pieces = [_split_pieces(line) for line in lines]
    for i, pieces in enumerate(all_pieces):
        number = ""
        while pieces and pieces[0][1] == _RAISED_DIGIT:
            number += pieces.pop(0)[0]
        if number:
            while pieces and pieces[0][1] == _SPACE:
                pieces.pop(0)
            all_pieces[i] = [(f"{number}. ", _PLAIN), *pieces]
    inked = [[p for p in pieces if p[1] != _SPACE] for pieces in all_pieces]
    starts = [bool(ink) and ink[0][1] == _ITALIC for ink in inked]
    ends = [bool(ink) and ink[-1][1] == _ITALIC for ink in inked]
    result = []
    for i, pieces in enumerate(all_pieces):
        joined_before = i > 0 and ends[i - 1] and starts[i]
        joined_after = i + 1 < len(all_pieces) and ends[i] and starts[i + 1]
        result.append(_mark_italics(pieces, joined_before, joined_after))
    return [(text, line.page) for text, line in zip(result, lines, strict=True) if text]


def _mark_italics(pieces: Sequence[tuple[str, int]], open_: bool, stay_open: bool) -> str:
    out: list[str] = []
    italic = open_
    pending = ""
    for text, style in pieces:
        if style == _SPACE:
            pending = " "
            continue
        want = style == _ITALIC
        if want and not italic:
            out.append(pending + "*")
        elif italic and not want:
            out.append("*" + pending)
        else:
            out.append(pending)
        pending = ""
        italic = want
        out.append(text)
    if italic and not stay_open:
        out.append("*")
    return "".join(out).strip()
