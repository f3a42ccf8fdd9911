"""The plain-text / Markdown reader and the shared layout repair it relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.article import build_article
from claims.layout import BlockKind
from claims.readers.text import read_text

ARTICLE = """A Title for Testing

Introduction

This is the first paragraph of the body, long enough to count as real body text for the front matter rule, with enough words to pass the threshold set for it.¹ It has a second sentence about the U.S. Navy, which is not a sentence end.² It ends here.

A pull quote repeats a sentence from the body text word for word without its period

The body repeats it: A pull quote repeats a sentence from the body text word for word without its period. The paragraph then runs on to a page break and is cut in the middle of a signifi-

Table 1: Figures (tonnes)

	2020	2021
North	1,000	2,000
TOTAL	1,000	2,000

cant word, which the reader must rejoin.³

Endnotes

1. First note, *Container*, (2020).
2. Second note.
3. Third note.
"""


def _article(text: str = ARTICLE):  # type: ignore[no-untyped-def]
    return build_article(read_text(text), Path("t.txt"), "text", "0" * 64)


def test_superscript_calls_become_calls_on_their_sentence() -> None:
    article = _article()
    called = article.called_notes()
    assert sorted(called) == [1, 2, 3]
    assert "U.S. Navy" in called[2][0].text  # no sentence break after "U.S."


def test_call_offset_points_after_the_called_text() -> None:
    sentence = _article().called_notes()[1][0]
    call = sentence.calls[0]
    assert sentence.text[: call.offset].endswith("threshold set for it.")


def test_pull_quote_table_and_caption_are_told_apart_from_body() -> None:
    kinds = [b.kind for b in _article().blocks]
    assert BlockKind.PULL_QUOTE in kinds
    assert BlockKind.TABLE in kinds
    assert BlockKind.CAPTION in kinds


def test_paragraph_cut_by_page_break_is_joined_across_a_table() -> None:
    article = _article()
    joined = [b for b in article.blocks if "significant word" in b.text]
    assert len(joined) == 1 and joined[0].kind is BlockKind.PARAGRAPH
    assert article.called_notes()[3][0].text.endswith("which the reader must rejoin.")


def test_table_rows_and_empty_header_cell() -> None:
    table = next(b for b in _article().blocks if b.kind is BlockKind.TABLE)
    assert table.rows[0] == ("", "2020", "2021")
    assert table.rows[-1] == ("TOTAL", "1,000", "2,000")


def test_markdown_footnotes_and_bracketed_calls() -> None:
    text = (
        "# Title\n\n## Section\n\nA claim with a footnote.[^1] Another claim [2].\n\n"
        "[^1]: *Source*, (2020).\n[^2]: Other, *Source*, (2021).\n"
    )
    article = _article(text)
    assert article.title == "Title"
    assert sorted(article.called_notes()) == [1, 2]
    assert [n.number for n in article.notes] == [1, 2]
    assert article.blocks[0].kind is BlockKind.HEADING


def test_markdown_escapes_and_emphasis_are_removed_from_body_text() -> None:
    article = _article("T\n\nIt cost \\$321 *million* in all.¹\n\nNotes\n\n1. *X*, (2020).\n")
    assert article.sentences[0].text == "It cost $321 million in all."


@pytest.mark.parametrize("heading", ["Endnotes", "NOTES", "## References", "Footnotes:"])
def test_notes_heading_variants(heading: str) -> None:
    article = _article(f"T\n\nBody.¹\n\n{heading}\n\n1. *Source*, (2020).\n")
    assert len(article.notes) == 1
