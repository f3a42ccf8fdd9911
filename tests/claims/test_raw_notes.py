"""Notes a reader delimits itself keep their printed label, section and page."""

from pathlib import Path

from claims.article import build_article
from claims.layout import BlockKind, Layout, RawBlock, RawNote, call_marker


def test_notes_numbered_anew_per_chapter_keep_label_and_section() -> None:
    blocks = (
        RawBlock(BlockKind.PARAGRAPH, f"The bridge opened in 1999.{call_marker(1)}", page=3),
        RawBlock(BlockKind.PARAGRAPH, f"The port closed in 2004.{call_marker(2)}", page=9),
    )
    notes = (
        RawNote(1, "1", "A. Writer, Bridges (Oxford: Press, 2001), 4.", "Chapter One", 5),
        RawNote(2, "1", "B. Author, Ports (London: House, 2005), 7.", "Chapter Two", 11),
    )
    layout = Layout(title="T", blocks=blocks, note_lines=(), notes=notes)
    article = build_article(layout, Path("t.pdf"), "pdf", "0")
    first, second = article.notes
    assert (first.number, first.label, first.section, first.page) == (1, "", "Chapter One", 5)
    assert (second.number, second.label, second.section) == (2, "1", "Chapter Two")
    assert second.name == "note 1 (Chapter Two)"
    assert set(article.called_notes()) == {1, 2}
