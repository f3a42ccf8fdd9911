"""The PDF reader: generated fixtures (tests/data/pdf/, see make_fixtures.py) and the brief's PDF."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from claims.errors import ArticleNotFound, EmptyArticle, UnreadablePdf
from claims.layout import CALL_RE, BlockKind, Layout, RawBlock, call_marker, strip_calls
from claims.readers import pdf as pdf_reader
from claims.readers.pdf import read_pdf
from sources.lines import join_lines

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "pdf"
BRIEF_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "article"
BRIEF_PDF = BRIEF_DIR / "balkans-military-activism.pdf"
BRIEF_TXT = BRIEF_DIR / "balkans-military-activism.txt"
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _texts(layout: Layout, kind: BlockKind | None = None) -> list[str]:
    return [b.text for b in layout.blocks if kind is None or b.kind is kind]


def _notes(note_lines: tuple[str, ...]) -> dict[int, list[str]]:
    """Note lines grouped under the note whose first line they follow."""
    notes: dict[int, list[str]] = {}
    for line in note_lines:
        match = re.match(r"(\d+)\. ", line)
        if match and int(match.group(1)) == len(notes) + 1:
            notes[len(notes) + 1] = [line]
        else:
            notes[len(notes)].append(line)
    return notes


# --- generated fixtures ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_columns() -> Layout:
    return read_pdf(FIXTURES / "two-columns.pdf")


@pytest.fixture(scope="module")
def single_column() -> Layout:
    return read_pdf(FIXTURES / "single-column.pdf")


def test_two_column_page_reads_left_column_then_right(two_columns: Layout) -> None:
    firsts = [t.split()[0] for t in _texts(two_columns, BlockKind.PARAGRAPH)]
    assert firsts == ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"]
    assert [b.page for b in two_columns.blocks if b.kind is BlockKind.PARAGRAPH] == [
        1, 1, 1, 1, 2, 2,
    ]  # fmt: skip


def test_full_width_title_and_authors_come_before_the_columns(two_columns: Layout) -> None:
    assert two_columns.title == "Reading Order in Two Column Layouts"
    first, second = two_columns.blocks[:2]
    assert (first.kind, first.text) == (BlockKind.FRONT_MATTER, "Ada Example and Bob Sample")
    assert (second.kind, second.text) == (BlockKind.HEADING, "Introduction")


def test_notes_heading_below_both_columns_follows_the_right_column(two_columns: Layout) -> None:
    assert two_columns.notes_heading == "Notes"
    assert _texts(two_columns)[-1].startswith("Foxtrot fills the right column")
    assert two_columns.note_lines == (
        "1. Ada Example, *Columns and Gutters in Printed Journals* (Paris: Fixture Press, "
        "2020), p. 4, on reading order.",
    )


def test_call_set_with_a_moved_baseline_sticks_to_its_word(two_columns: Layout) -> None:
    assert _texts(two_columns, BlockKind.PARAGRAPH)[0].endswith(
        "exactly as the typesetter placed it." + call_marker(1, page=1)
    )


def test_line_end_hyphen_is_rejoined_and_a_real_hyphen_kept(single_column: Layout) -> None:
    text = strip_calls(_texts(single_column, BlockKind.PARAGRAPH)[1])
    assert text.startswith("The second round changed the picture significantly, since the")
    assert "the civil-military liaison office" in text  # "civil" and "military" print whole
    assert "the well-known survey" in text


def test_raised_smaller_digits_become_one_call_each(single_column: Layout) -> None:
    text = _texts(single_column, BlockKind.PARAGRAPH)[1]
    assert f"reported twice,{call_marker(12, page=1)} and the" in text  # set with a text rise
    assert text.endswith(f"was repeated.{call_marker(3, page=1)}")  # set with a moved baseline
    assert CALL_RE.findall("".join(_texts(single_column))) == ["12", "3"]


def test_running_heads_and_page_numbers_are_dropped(single_column: Layout) -> None:
    everything = "\n".join([*_texts(single_column), *single_column.note_lines])
    assert "Fixture Review" not in everything
    assert not any(re.fullmatch(r"\d+", t) for t in _texts(single_column))
    assert single_column.title == "Hyphens and Calls"


def test_boxed_text_is_a_pull_quote_and_small_text_a_caption(single_column: Layout) -> None:
    kinds = {b.text: b.kind for b in single_column.blocks}
    quote = "A boxed quotation stands apart from the running text of the article"
    assert kinds[quote] is BlockKind.PULL_QUOTE
    assert kinds["Photo: the fixture archive, 2024."] is BlockKind.CAPTION


def test_page_end_hyphen_is_left_for_the_merge_step(single_column: Layout) -> None:
    paragraphs = [b for b in single_column.blocks if b.kind is BlockKind.PARAGRAPH]
    cut = next(i for i, b in enumerate(paragraphs) if b.text.endswith("finds the result signifi-"))
    assert paragraphs[cut].page == 1
    assert (paragraphs[cut + 1].page, paragraphs[cut + 1].text) == (
        2,
        "cant for sentences that cross a page.",
    )


def test_first_line_indent_alone_starts_a_paragraph(single_column: Layout) -> None:
    paragraphs = _texts(single_column, BlockKind.PARAGRAPH)
    assert paragraphs[-2:] == [
        "Golf opens a paragraph marked by its indent alone, with no extra space above it, as "
        "books set their paragraphs.",
        "Hotel opens the next one the same way.",
    ]


def test_note_lines_keep_italics_open_across_a_break_and_urls_whole(
    single_column: Layout,
) -> None:
    lines = single_column.note_lines
    assert lines[0] == '1. Ada Example, "On Hyphens," *Journal of Line'
    assert lines[3] == "2. *Fixture Gazette*, No. 12 (May 3, 2021)."
    assert join_lines(lines[:3]) == (
        '1. Ada Example, "On Hyphens," *Journal of Line Breaks*, Vol. 2 (2020), from '
        "<https://example.org/very-long-path/to/the-article>."
    )
    assert single_column.notes_heading == "Notes"


def test_truncated_pdf_is_unreadable_without_a_pdfminer_traceback() -> None:
    with pytest.raises(UnreadablePdf) as caught:
        read_pdf(FIXTURES / "corrupt.pdf")
    assert caught.value.problem.startswith("not a readable PDF (")
    assert caught.value.hint == "check the file is a complete PDF, or export it again"
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.mark.parametrize("data", [b"", b"%PDF-1.7\n" + bytes(range(256)) * 8, b"plain text\n"])
def test_bytes_that_are_no_pdf_are_unreadable(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "article.pdf"
    path.write_bytes(data)
    with pytest.raises(UnreadablePdf, match="not a readable PDF"):
        read_pdf(path)


def test_encrypted_pdf_asks_for_the_password_to_be_removed() -> None:
    with pytest.raises(UnreadablePdf) as caught:
        read_pdf(FIXTURES / "encrypted.pdf")
    assert caught.value.problem == "the PDF is encrypted"
    assert caught.value.hint == "remove the password and try again"


def test_pdf_without_text_is_an_empty_article() -> None:
    with pytest.raises(EmptyArticle) as caught:
        read_pdf(FIXTURES / "textless.pdf")
    assert caught.value.problem == "the PDF holds no extractable text"
    assert caught.value.hint == "run OCR on it first or supply the text"


def test_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(ArticleNotFound):
        read_pdf(tmp_path / "nowhere.pdf")


FUZZ = FIXTURES.parent / "fuzz"


@pytest.mark.parametrize(
    "path",
    [
        FIXTURES / "page-footnotes.pdf",
        FIXTURES / "two-columns.pdf",
        FUZZ / "mediabox-short-page-2.pdf",  # the second process's page is the damaged one
        FUZZ / "mediabox-name-page-1.pdf",
    ],
    ids=lambda p: p.name,
)
def test_a_second_process_reads_the_later_pages_the_same(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = read_pdf(path)
    monkeypatch.setattr(pdf_reader, "PARALLEL_PAGES", 2)
    assert read_pdf(path) == alone


def test_the_second_process_returns_its_pages() -> None:
    worker = pdf_reader._start_worker(FIXTURES / "page-footnotes.pdf", 2, 3)
    assert worker is not None
    read = pdf_reader._collect_worker(worker)
    assert sorted(read) == [2, 3]
    assert all(not isinstance(p, str) and p.glyphs and p.number == n for n, p in read.items())


def test_a_second_process_that_fails_leaves_its_pages_to_the_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = FIXTURES / "page-footnotes.pdf"
    alone = read_pdf(path)
    monkeypatch.setattr(pdf_reader, "PARALLEL_PAGES", 2)
    monkeypatch.setattr(pdf_reader.sys, "executable", "/bin/false")
    assert read_pdf(path) == alone


# --- the brief's article --------------------------------------------------------------------


def _need_brief() -> None:
    if not BRIEF_PDF.exists() or not BRIEF_TXT.exists():
        pytest.skip(f"the brief's article is not in {BRIEF_DIR} (it lives in ../shared/article/)")


@pytest.fixture(scope="module")
def brief() -> tuple[Layout, float]:
    """The brief's PDF read once, with the seconds the read took."""
    _need_brief()
    start = time.perf_counter()
    layout = read_pdf(BRIEF_PDF)
    return layout, time.perf_counter() - start


@pytest.fixture(scope="module")
def brief_layout(brief: tuple[Layout, float]) -> Layout:
    return brief[0]


@pytest.fixture(scope="module")
def brief_body_text() -> str:
    """The .txt's body with superscript calls as markers and Markdown marks removed."""
    _need_brief()
    body = BRIEF_TXT.read_text(encoding="utf-8").split("\nEndnotes\n")[0]
    body = re.sub(
        "[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: call_marker(int(m.group().translate(SUPERSCRIPTS))), body
    )
    return body.replace("\\$", "$").replace("*", "")


@pytest.mark.brief
def test_brief_pdf_title_and_notes_heading(brief_layout: Layout) -> None:
    assert brief_layout.title == (
        "Boosting Influence: Türkiye's Renewed Military Activism in the Balkans"
    )
    assert brief_layout.notes_heading == "Endnotes"
    assert brief_layout.warnings == ()


@pytest.mark.brief
def test_brief_pdf_note_lines_start_all_118_notes_in_order(brief_layout: Layout) -> None:
    starts = [
        int(m.group(1)) for line in brief_layout.note_lines if (m := re.match(r"(\d+)\. ", line))
    ]
    assert starts == list(range(1, 119))
    assert "6. *T.C. Resmi Gazete*, No. 21247 (June 3, 1992)." in brief_layout.note_lines


@pytest.mark.brief
def test_brief_pdf_blocks_hold_no_running_head_or_page_number(brief_layout: Layout) -> None:
    for block in brief_layout.blocks:
        text = strip_calls(block.text)
        assert "COMMENTARY / ARTICLE" not in text
        assert "RENEWED MILITARY ACTIVISM IN THE BALKANS" not in text
        assert not re.search(r"\b2[2-5]\d ?Insight Turkey|Insight Turkey ?2[2-5]\d\b", text), text
        assert not re.fullmatch(r"\d+", text.strip())
    for line in brief_layout.note_lines:
        assert not re.fullmatch(r"(\d+ ?)?Insight Turkey( ?\d+)?|COMMENTARY / ARTICLE", line)
        assert "RENEWED MILITARY ACTIVISM IN THE BALKANS" not in line


@pytest.mark.brief
def test_brief_pdf_calls_match_the_text_version(brief_layout: Layout, brief_body_text: str) -> None:
    calls = [int(n) for text in _texts(brief_layout) for n in CALL_RE.findall(text)]
    assert set(range(1, 119)) - set(calls) == {28, 29}
    assert len(set(calls)) == 116
    assert calls == [int(n) for n in CALL_RE.findall(brief_body_text)]


@pytest.mark.brief
def test_brief_pdf_text_blocks_are_found_in_the_text_version(
    brief_layout: Layout, brief_body_text: str
) -> None:
    kinds = (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PULL_QUOTE, BlockKind.CAPTION)
    for block in brief_layout.blocks:
        if block.kind in kinds:
            # The PDF's call markers carry their page; the text's have none.
            text = CALL_RE.sub(lambda m: call_marker(int(m.group(1))), block.text)
            assert text in brief_body_text, (block.page, block.text[:80])


@pytest.mark.brief
def test_brief_pdf_table_cells_land_in_their_columns(brief_layout: Layout) -> None:
    (table,) = [b for b in brief_layout.blocks if b.kind is BlockKind.TABLE]
    assert table.page == 11
    header, *data = table.rows
    assert header == ("", "1998", "2008", "2018", "2019", "2020", "2021", "2022", "2023")
    assert len(data) == 13
    rows = {row[0]: row for row in data}
    assert rows["Kosovo"][1:3] == ("", "0")
    assert rows["Yugoslavia"] == ("Yugoslavia", "42,778", "", "", "", "", "", "", "")
    assert rows["TOTAL (BALKANS)"][-1] == "462,136,072"
    tab_lines = [
        line for line in BRIEF_TXT.read_text(encoding="utf-8").splitlines() if "\t" in line
    ]
    assert table.text.split("\n") == tab_lines


@pytest.mark.brief
def test_brief_pdf_boxed_quotes_are_pull_quotes(brief_layout: Layout) -> None:
    quotes = _texts(brief_layout, BlockKind.PULL_QUOTE)
    assert len(quotes) == 10  # nine boxes, one of them cut by a page break
    assert (
        "The Balkans, as a contiguous region located between Türkiye and Western Europe and "
        "hosting Turkish and Muslim communities, were Ankara's center of attention"
    ) in quotes
    paragraphs = _texts(brief_layout, BlockKind.PARAGRAPH)
    assert not set(quotes) & set(paragraphs)
    # The box at the foot of page 7 does not run into the paragraph above it.
    assert any(
        p.endswith("tasked with protecting international observers, monitoring") for p in paragraphs
    )


@pytest.mark.brief
def test_brief_pdf_photo_caption_and_credit_are_captions(brief_layout: Layout) -> None:
    captions = _texts(brief_layout, BlockKind.CAPTION)
    assert any(c.startswith("In 2023, the Kosovo army received Bayraktar TB2") for c in captions)
    assert "PRIME MINISTRY OF KOSOVO / AA" in captions
    assert "Source: Turkish Statistical Institute (TurkStat)" in captions


@pytest.mark.brief
def test_brief_pdf_page_end_hyphens_are_kept_for_the_merge_step(brief_layout: Layout) -> None:
    paragraphs: list[RawBlock] = [b for b in brief_layout.blocks if b.kind is BlockKind.PARAGRAPH]
    ends = {b.text.rsplit(None, 1)[-1]: i for i, b in enumerate(paragraphs)}
    assert paragraphs[ends["signifi-"]].page == 4
    cut = ends["prior-"]
    assert paragraphs[cut].page == 12
    assert paragraphs[cut + 1].page == 13
    assert paragraphs[cut + 1].text.startswith("ity in Türkiye's Balkan policy.")


@pytest.mark.brief
def test_brief_pdf_urls_in_note_lines_survive_join_lines(brief_layout: Layout) -> None:
    notes = {n: join_lines(lines) for n, lines in _notes(brief_layout.note_lines).items()}
    assert len(notes) == 118
    assert (
        "<https://mfa.gov.mk/en/page/163/bilateral-relations-between-the-republic-of-north-"
        "macedonia-and-the-republic-of-turkey->"
    ) in notes[13]
    assert (
        "<https://www.aa.com.tr/tr/dunya/arnavutluk-bayraktar-tb2ler-cok-yakinda-silahli-"
        "kuvvetlerimizin-bir-parcasi-olacak/3080869>"
    ) in notes[111]
    for number, text in notes.items():
        for url in re.findall(r"<(https?://[^>]*)>", text):
            assert not re.search(r"\s", url), (number, url)
