"""The HTML reader: chrome left out, note calls as markers, block kinds, notes lines, decoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.errors import ArticleNotFound, EmptyArticle
from claims.layout import CALL_RE, BlockKind, Layout, RawBlock, call_marker, strip_calls
from claims.readers.html import read_html, read_html_text

DATA = Path(__file__).parent.parent / "data" / "html"


def _page(body: str, head: str = "") -> Layout:
    html = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return read_html_text(html, Path("page.html"))


def _calls(text: str) -> list[int]:
    return [int(n) for n in CALL_RE.findall(text)]


def _block(layout: Layout, words: str) -> RawBlock:
    found = [b for b in layout.blocks if words in strip_calls(b.text)]
    assert len(found) == 1, f"{words!r} is in {len(found)} blocks"
    return found[0]


def _all_text(layout: Layout) -> str:
    return "\n".join([layout.title, *(b.text for b in layout.blocks), *layout.note_lines])


# --- a news-site article page --------------------------------------------------------------


@pytest.fixture(scope="module")
def news() -> Layout:
    return read_html(DATA / "news-article.html")


@pytest.mark.parametrize(
    "chrome",
    [
        "cookies",  # cookie banner
        "Accept all",  # its button
        "Politics desk",  # nav menu in the page header
        "Harbour Ledger",  # site logo; only in the <title>, which the h1 replaces
        "Home",  # breadcrumbs
        "Share on Chirper",  # share buttons
        "Email this story",
        "RELATED-LEAK",  # related stories aside
        "NEWSLETTER-LEAK",  # newsletter box with a form
        "COMMENT-LEAK",  # comments section
        "SIDEBAR-LEAK",  # sidebar with links
        "FOOTER-LEAK",  # site footer
        "SCRIPT-LEAK",
        "STYLE-LEAK",
    ],
)
def test_site_chrome_is_absent_from_title_blocks_and_notes(news: Layout, chrome: str) -> None:
    assert chrome not in _all_text(news)


def test_title_is_the_article_h1_and_is_not_repeated_as_a_block(news: Layout) -> None:
    assert news.title == "Island ferries face a winter of cuts"
    assert all(b.text != news.title for b in news.blocks)


def test_byline_in_the_article_header_is_front_matter(news: Layout) -> None:
    assert _block(news, "By Mara Lovrić").kind is BlockKind.FRONT_MATTER


@pytest.mark.parametrize(
    ("words", "numbers"),
    [
        ("said on Monday.", [1]),  # <sup>1</sup>
        ("older than thirty years.", [2]),  # <sup><a href="#fn2">2</a></sup>
        ("commuters, pupils and patients", [3]),  # <a href="#note-3" class="footnote-ref">[3]</a>
        ("supplementary budget in March", [4, 5]),
    ],
)
def test_calls_carry_their_numbers_in_the_citing_paragraph(
    news: Layout, words: str, numbers: list[int]
) -> None:
    block = _block(news, words)
    assert block.kind is BlockKind.PARAGRAPH
    assert _calls(block.text) == numbers


def test_call_marker_follows_the_text_without_a_space(news: Layout) -> None:
    block = _block(news, "said on Monday.")
    assert "said on Monday." + call_marker(1) + " The decision" in block.text
    block = _block(news, "commuters, pupils and patients")
    assert "patients" + call_marker(3) + ", not by tourists" in block.text


def test_ordinal_and_unit_exponent_superscripts_are_not_calls(news: Layout) -> None:
    text = _block(news, "older than thirty years.").text
    assert "the 19th consecutive month" in text
    assert "barely 40 km2 of land" in text


def test_pull_quote_caption_and_table_have_their_kinds(news: Layout) -> None:
    assert _block(news, "We are not asking for more boats").kind is BlockKind.PULL_QUOTE
    figure = _block(news, "The morning ferry leaves")
    assert figure.kind is BlockKind.CAPTION
    assert figure.text.endswith("Photo: Ivo Marinac")
    assert _block(news, "Winter sailings per week").kind is BlockKind.CAPTION
    assert [b.kind for b in news.blocks].count(BlockKind.TABLE) == 1


def test_plain_blockquote_is_a_quotation_paragraph(news: Layout) -> None:
    assert _block(news, "the morning boat carries the nurse").kind is BlockKind.PARAGRAPH


def test_table_rows_put_the_header_row_first_and_text_is_tab_separated(news: Layout) -> None:
    table = next(b for b in news.blocks if b.kind is BlockKind.TABLE)
    assert table.rows == (
        ("Route", "2023", "2024"),
        ("North line", "14", "7"),
        ("South line", "21", "14"),
    )
    assert table.text == "Route\t2023\t2024\nNorth line\t14\t7\nSouth line\t21\t14"


def test_endnotes_become_numbered_lines_with_italics_and_urls(news: Layout) -> None:
    assert news.notes_heading == "Endnotes"
    assert news.note_lines == (
        "1. Regional Transport Office, *Winter Timetable Notice 2024*, (Split, October 30, "
        "2023), p. 2.",
        "2. Ana Perić, “Fuel and the Fleet,” *Adriatic Shipping Review*, (March 3, 2023), "
        "retrieved May 2, 2024, from https://www.example.org/asr/fuel-and-the-fleet.",
        "3. “Who Rides the Winter Boats,” *Island Daily* "
        "<https://news.example.com/2023/winter-boats>, (December 1, 2023).",
        "4. County Assembly, Agenda of the March session "
        "<https://www.example.org/assembly/agenda-march>, item 7.",
        "5. Interview with a county councillor, February 2024.",
    )


def test_notes_and_their_heading_are_not_blocks_and_end_at_the_next_heading(
    news: Layout,
) -> None:
    texts = [b.text for b in news.blocks]
    assert "Endnotes" not in texts
    assert not any("Regional Transport Office" in t for t in texts)
    assert _block(news, "About the author").kind is BlockKind.HEADING
    assert _block(news, "covers the islands").kind is BlockKind.PARAGRAPH


# --- a Markdown-generated page -------------------------------------------------------------


@pytest.fixture(scope="module")
def markdown() -> Layout:
    return read_html(DATA / "markdown-footnotes.html")


def test_markdown_footnote_refs_become_calls_including_a_repeated_ref(markdown: Layout) -> None:
    assert _calls(_block(markdown, "when the lamp was automated").text) == [1]
    assert _calls(_block(markdown, "six-hour intervals").text) == [2, 1]
    assert _calls(_block(markdown, "donated in 2011").text) == [3]


def test_markdown_page_without_article_element_keeps_headings_and_list_items(
    markdown: Layout,
) -> None:
    assert markdown.title == "Field notes on lighthouse keepers"
    assert [(b.kind, strip_calls(b.text)[:20]) for b in markdown.blocks] == [
        (BlockKind.PARAGRAPH, "The last resident ke"),
        (BlockKind.HEADING, "Records"),
        (BlockKind.PARAGRAPH, "Logbooks survive for"),
        (BlockKind.PARAGRAPH, "Logbooks, 1950–1989,"),
        (BlockKind.PARAGRAPH, "Private diaries, two"),
    ]


def test_markdown_footnotes_lose_backlinks_and_join_a_notes_paragraphs(markdown: Layout) -> None:
    assert markdown.notes_heading is None
    assert markdown.note_lines == (
        "1. Lighthouse Authority, *Register of Automated Stations*, (Rijeka, 1990), p. 41.",
        "2. Tomislav Babić, “Weather in the Keepers’ Logs,” *Journal of Coastal History*, "
        "Vol. 12, No. 2 (2015), pp. 33-58, full text <https://doi.example.org/10.1234/jch.2015.12>. "
        "The logs for 1962 are missing.",
        "3. County Archive, accession list, https://archive.example.org/accessions/2011.",
    )


# --- decoding ------------------------------------------------------------------------------


def test_windows_1254_page_is_decoded_by_its_meta_charset() -> None:
    layout = read_html(DATA / "turkish-windows-1254.html")
    assert layout.title == "Kıyı kentlerinde içme suyu"
    assert "şebeke suyu günde" in _block(layout, "Ege kıyısındaki").text
    assert layout.notes_heading == "Notlar"
    assert (
        layout.note_lines[0]
        == "1. Ayşe Doğan, “Kıyıda Su Sorunu,” *Bölge Gazetesi*, (12 Ağustos 2023)."
    )
    assert layout.warnings == ()


def test_http_equiv_charset_is_honoured(tmp_path: Path) -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-9">'
    path = tmp_path / "page.html"
    path.write_bytes(
        f"<html><head>{head}</head><body><p>Işık ve göğüs</p></body></html>".encode("cp1254")
    )
    assert read_html(path).blocks[0].text == "Işık ve göğüs"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_undeclared_page_is_read_as_utf8_else_windows_1252(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes("<p>Café “Zagreb” – naïve</p>".encode(encoding))
    assert read_html(path).blocks[0].text == "Café “Zagreb” – naïve"


def test_bytes_no_encoding_can_read_are_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<p>before \x81\x8d\xff after</p>")  # invalid UTF-8, unassigned in 1252
    layout = read_html(path)
    assert layout.blocks[0].text.startswith("before ")
    assert layout.blocks[0].text.endswith(" after")
    assert len(layout.warnings) == 1


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"<html><head><title>  </title></head><body>\n \n</body></html>",
        b"<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>",
    ],
    ids=["zero-bytes", "blank-body", "chrome-only"],
)
def test_page_without_text_raises_empty_article(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    with pytest.raises(EmptyArticle) as caught:
        read_html(path)
    assert caught.value.path == path
    assert caught.value.problem == "the HTML page holds no text"


def test_missing_file_raises_article_not_found(tmp_path: Path) -> None:
    with pytest.raises(ArticleNotFound):
        read_html(tmp_path / "absent.html")


# --- call forms ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        "<sup>8</sup>",
        "<sup>[8]</sup>",
        '<sup><a href="#fn8">8</a></sup>',
        '<a href="#note-8" class="footnote-ref">[8]</a>',
        '<a href="#fn:8">8</a>',
        '<a href="#fn8" class="footnote-ref" id="fnref8" role="doc-noteref"><sup>8</sup></a>',
        '<a href="#_ftn8" name="_ftnref8"><span>[8]</span></a>',
        '<sup id="cite_ref-8"><a href="#cite_note-8">[8]</a></sup>',
    ],
    ids=["sup", "sup-brackets", "sup-link", "footnote-ref", "markdown", "pandoc", "word", "wiki"],
)
def test_call_forms_become_markers_with_no_space_before(call: str) -> None:
    layout = _page(f"<article><p>A claim. {call} More.</p></article>")
    assert layout.blocks[0].text == f"A claim.{call_marker(8)} More."


def test_several_numbers_in_one_superscript_are_several_calls() -> None:
    layout = _page("<p>One.<sup>3, 4</sup> Two.<sup>[5–7]</sup></p>")
    assert _calls(layout.blocks[0].text) == [3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    "markup",
    [
        '<a href="#section-2">2</a>',
        '<a href="https://example.org/8">8</a>',
        "<sup>th</sup>",
        "<sup>2020</sup>",
        "<sup>a</sup>",
        "10<sup>6</sup>",
        "<math><mi>x</mi><sup>2</sup></math>",
    ],
)
def test_numbers_that_are_not_note_calls_stay_text(markup: str) -> None:
    layout = _page(f"<p>Seen {markup} here</p>")
    assert _calls(layout.blocks[0].text) == []


# --- body blocks ---------------------------------------------------------------------------


def test_br_is_a_space_and_emphasis_is_plain_in_body_blocks() -> None:
    layout = _page("<p>One<br>two <em>three</em> <i>four</i>\n   five</p>")
    assert layout.blocks[0].text == "One two three four five"


def test_text_in_divs_and_list_items_becomes_paragraphs() -> None:
    layout = _page(
        "<article><div>Loose <b>text</b><p>Inner paragraph</p>tail text</div>"
        "<ul><li>First item</li><li>Second item</li></ul></article>"
    )
    assert [(b.kind, b.text) for b in layout.blocks] == [
        (BlockKind.PARAGRAPH, "Loose text"),
        (BlockKind.PARAGRAPH, "Inner paragraph"),
        (BlockKind.PARAGRAPH, "tail text"),
        (BlockKind.PARAGRAPH, "First item"),
        (BlockKind.PARAGRAPH, "Second item"),
    ]


@pytest.mark.parametrize(
    ("markup", "kind"),
    [
        ('<aside class="pullquote"><p>Said loudly.</p></aside>', BlockKind.PULL_QUOTE),
        ('<div class="story__pull-quote">Said loudly.</div>', BlockKind.PULL_QUOTE),
        (
            '<figure class="wp-block-pullquote"><blockquote><p>Said loudly.</p></blockquote>'
            "</figure>",
            BlockKind.PULL_QUOTE,
        ),
        ('<div class="pull-right">Said loudly.</div>', BlockKind.PARAGRAPH),
        ("<blockquote><p>Said loudly.</p></blockquote>", BlockKind.PARAGRAPH),
        ('<p class="photo-credit">Said loudly.</p>', BlockKind.CAPTION),
        ('<div class="wp-caption-text">Said loudly.</div>', BlockKind.CAPTION),
        ("<h3>Said loudly.</h3>", BlockKind.HEADING),
    ],
)
def test_block_kind_follows_tag_and_class(markup: str, kind: BlockKind) -> None:
    layout = _page(f"<article><p>Body text.</p>{markup}</article>")
    assert _block(layout, "Said loudly.").kind is kind


def test_wrapper_whose_class_names_a_sidebar_is_not_dropped() -> None:
    layout = _page(
        '<div class="layout has-sidebar"><div class="content"><p>The article text, long enough '
        'to be the main content of the page.</p></div><div class="sidebar"><p>Ad</p></div></div>'
    )
    assert [b.text for b in layout.blocks] == [
        "The article text, long enough to be the main content of the page."
    ]


def test_title_falls_back_to_the_title_element() -> None:
    layout = _page("<main><p>Text.</p></main>", head="<title>Page title</title>")
    assert layout.title == "Page title"


# --- notes sections ------------------------------------------------------------------------


def test_notes_after_a_heading_as_paragraphs_take_their_printed_numbers() -> None:
    layout = _page(
        "<article><p>Text.<sup>1</sup></p><h2>Notes</h2>"
        "<p>1. First source.</p><p>[2] Second source.</p><p>3) Third source.</p>"
        "<p>A line continuing the third.</p></article>"
    )
    assert layout.notes_heading == "Notes"
    assert layout.note_lines == (
        "1. First source.",
        "2. Second source.",
        "3. Third source.",
        "A line continuing the third.",
    )
    assert [b.text for b in layout.blocks] == ["Text." + call_marker(1)]


def test_ordered_notes_list_respects_its_start_attribute() -> None:
    layout = _page(
        "<article><p>Text.</p><h3>Footnotes</h3>"
        '<ol start="7"><li>Seventh.</li><li>Eighth.</li></ol></article>'
    )
    assert layout.note_lines == ("7. Seventh.", "8. Eighth.")


def test_a_start_or_value_in_superscript_digits_is_no_number() -> None:
    layout = _page(
        "<article><p>Text.</p><h3>Footnotes</h3>"
        '<ol start="²"><li>First.</li><li value="⁵">Second.</li></ol></article>'
    )
    assert layout.note_lines == ("1. First.", "2. Second.")


def test_notes_container_by_role_numbers_items_from_their_ids() -> None:
    layout = _page(
        "<article><p>Text.</p>"
        '<section role="doc-endnotes"><ul><li id="note-12">Twelfth.</li>'
        '<li id="note-13">Thirteenth.</li></ul></section></article>'
    )
    assert layout.notes_heading is None
    assert layout.note_lines == ("12. Twelfth.", "13. Thirteenth.")


def test_word_export_notes_take_numbers_from_anchor_names_and_drop_backlinks() -> None:
    layout = _page(
        '<div class="WordSection1"><p>Claim.<a href="#_ftn1" name="_ftnref1">[1]</a></p></div>'
        '<div><div id="ftn1"><p><a href="#_ftnref1" name="_ftn1">[1]</a> First, '
        "<i>Journal</i>.</p></div>"
        '<div id="ftn2"><p><a href="#_ftnref2" name="_ftn2">[2]</a> Second.</p></div></div>'
    )
    assert layout.note_lines == ("1. First, *Journal*.", "2. Second.")
    assert _calls(layout.blocks[0].text) == [1]


def test_shortened_url_link_text_is_replaced_by_the_full_href() -> None:
    layout = _page(
        '<article><p>Text.</p><h2>Notes</h2><ol><li>Report, <a href="https://example.org/a/'
        'long/path">example.org/a/…</a>.</li></ol></article>'
    )
    assert layout.note_lines == ("1. Report, https://example.org/a/long/path.",)


def test_link_inside_italics_puts_the_url_after_the_closing_asterisk() -> None:
    layout = _page(
        '<article><p>Text.</p><h2>References</h2><ol><li><em>The <a href="https://example.org/'
        'j">Journal</a></em>, 2020.</li></ol></article>'
    )
    assert layout.note_lines == ("1. *The Journal* <https://example.org/j>, 2020.",)


def test_pandoc_title_block_is_front_matter_and_its_endnotes_section_is_read() -> None:
    layout = _page(
        '<header id="title-block-header"><h1 class="title">Pandoc title</h1>'
        '<p class="author">A. Writer</p></header>'
        '<p>Claim.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref">'
        "<sup>1</sup></a></p>"
        '<section id="footnotes" class="footnotes footnotes-end-of-document" '
        'role="doc-endnotes"><hr /><ol><li id="fn1"><p>A <em>Book</em>.<a href="#fnref1" '
        'class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol></section>'
    )
    assert layout.title == "Pandoc title"
    assert [(b.kind, b.text) for b in layout.blocks] == [
        (BlockKind.FRONT_MATTER, "A. Writer"),
        (BlockKind.PARAGRAPH, "Claim." + call_marker(1)),
    ]
    assert layout.note_lines == ("1. A *Book*.",)


def test_notes_section_beside_the_article_element_is_found() -> None:
    layout = _page(
        "<main><article><h1>T</h1><p>Claim.<sup>1</sup></p></article>"
        '<section class="endnotes"><h2>Notes</h2><ol><li>One.</li></ol></section></main>'
    )
    assert layout.notes_heading == "Notes"
    assert layout.note_lines == ("1. One.",)


def test_notes_laid_out_as_table_rows_give_one_line_per_row() -> None:
    layout = _page(
        "<article><p>Claim.<sup>1</sup></p><h2>Endnotes</h2><table>"
        "<tr><td>1.</td><td>First.</td></tr><tr><td>2.</td><td>Second.</td></tr>"
        "</table></article>"
    )
    assert layout.note_lines == ("1. First.", "2. Second.")


def test_a_note_id_with_thousands_of_digits_is_no_note_number() -> None:
    digits = "9" * 5000  # beyond int()'s 4,300-digit limit: text, never a crash
    layout = _page(
        f'<article><p>Ports met.<sup><a href="#fn{digits}">1</a></sup> Then more.'
        '<sup><a href="#fn2">2</a></sup></p><h3>Footnotes</h3>'
        f'<ol><li id="fn{digits}">First.</li><li id="fn2">Second.</li></ol></article>'
    )
    assert "2. Second." in layout.note_lines
