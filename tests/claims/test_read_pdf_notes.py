"""Notes the PDF reader delimits itself: page footnotes, per-chapter endnotes, reference lists.

Generated fixtures (tests/data/pdf/make_fixtures.py) pin the mechanisms; two short law reviews
of the corpus (../shared/corpus/, skipped when absent) check them on real typesetting. The
whole corpus is measured by `python -m pipeline.bench_pdf_notes`, not here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.article import Article, read_article
from claims.errors import NoEndnotes
from reports.article_json import article_json

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "pdf"
LAWREVIEWS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "lawreviews"
PDFS = LAWREVIEWS.parent / "pdfs"


def _calling(article: Article, key: int) -> list[str]:
    return [s.text for s in article.sentences if key in s.notes]


@pytest.fixture(scope="module")
def footnoted() -> Article:
    return read_article(FIXTURES / "page-footnotes.pdf")


def test_page_footnotes_are_numbered_notes_with_their_pages(footnoted: Article) -> None:
    numbered = [n for n in footnoted.notes if not n.label]
    assert [(n.number, n.page) for n in numbered] == [(1, 1), (2, 1), (3, 2), (4, 3), (5, 3)]
    assert footnoted.note(1).text == "A. Writer, Bridges and Their Keepers 4 (2001)."


def test_author_note_is_kept_apart_from_the_numbering(footnoted: Article) -> None:
    (author,) = [n for n in footnoted.notes if n.label]
    assert author.label == "*" and author.number > 5
    assert author.text.startswith("Professor of Fixtures")
    assert author.name == "note *"


def test_footnote_run_over_a_page_break_is_joined(footnoted: Article) -> None:
    text = footnoted.note(2).text
    assert text.startswith("B. Author, Ports of the North Sea")
    assert text.endswith("harbour master's letters of 2003).")


def test_calls_are_tied_to_their_sentences_in_one_and_two_columns(footnoted: Article) -> None:
    assert _calling(footnoted, 1) == ["The bridge opened in 1999 after a long dispute."]
    assert _calling(footnoted, 3) == ["The ferry replaced both within a decade."]
    assert _calling(footnoted, 4) == ["Its locks still work."]
    assert _calling(footnoted, 5) == ["It closed in 1962."]


def test_a_call_keeps_the_page_it_is_printed_on() -> None:
    # One paragraph cut by a page break, a call on each side of the break.
    article = read_article(FIXTURES / "call-pages.pdf")
    (block,) = [b for b in article.blocks if any(s.calls for s in b.sentences)]
    assert block.page == 1
    calls = [c for s in block.sentences for c in s.calls]
    assert [(c.number, c.page) for c in calls] == [(1, 1), (2, 2)]
    assert [(n.number, n.page) for n in article.notes] == [(1, 1), (2, 2)]
    json_calls = [c for b in article_json(article)["blocks"] for s in b["sentences"]
                  for c in s["calls"]]  # fmt: skip
    assert [c["page"] for c in json_calls] == [1, 2]


def test_calls_in_a_source_without_pages_have_none(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("A Title\n\nThe bridge opened in 1999.¹\n\nNotes\n\n1. A. Writer, Bridges.\n")
    article = read_article(path)
    assert [c.page for s in article.sentences for c in s.calls] == [None]
    assert "page" not in article_json(article)["blocks"][0]["sentences"][0]["calls"][0]


def test_marker_code_points_around_a_huge_number_in_an_input_file_are_text(
    tmp_path: Path,
) -> None:
    # The private-use code points of a call marker, typed into a file around 5,000 digits (as
    # a note or as a page): no marker of ours, and no crash in int().
    path = tmp_path / "odd.txt"
    for odd in ("\ue000" + "9" * 5000 + "\ue001", "\ue0007\ue002" + "9" * 5000 + "\ue001"):
        path.write_text(f"A Title\n\nIt opened.{odd} It closed.¹\n\nNotes\n\n1. A. Writer.\n")
        article = read_article(path)
        assert [(c.number, c.page) for s in article.sentences for c in s.calls] == [(1, None)]


def test_footnote_zone_stays_out_of_the_body(footnoted: Article) -> None:
    body = " ".join(b.text for b in footnoted.blocks)
    for fragment in ("Professor of Fixtures", "Bridges and Their Keepers", "Railways 9"):
        assert fragment not in body
    assert "More text on the right side of the page." in body


@pytest.fixture(scope="module")
def patterns() -> Article:
    return read_article(FIXTURES / "footnote-patterns.pdf")


def test_a_footnote_lost_at_a_page_foot_does_not_stop_the_count(patterns: Article) -> None:
    # Labels "N." with their text further right: the labels' column is where labels start.
    assert [(n.number, n.page) for n in patterns.notes][:6] == [
        (1, 1), (2, 1), (3, 1), (5, 2), (6, 2), (7, 3)
    ]  # fmt: skip
    assert patterns.note(3).text == "C. Sailor, Ferries 12."
    assert patterns.note(7).text == "F. Closer, Lines That Ended 21 (1970)."
    assert "page 2: footnote 5 follows footnote 3: a note missing" in patterns.warnings
    assert "page 2: call 4 has no footnote" in patterns.warnings
    assert _calling(patterns, 7) == ["It closed in 1962."]


def test_a_raised_label_before_figures_without_descent_opens_its_note(patterns: Article) -> None:
    assert patterns.note(8).text == "See A. Writer, Bridges and Their Keepers 4 (2001)."
    assert patterns.note(9).text == "505 U.S. 1003 (1992)."


def test_a_reference_list_cited_by_author_and_year_is_not_dropped_in_silence(
    patterns: Article,
) -> None:
    assert [n.number for n in patterns.notes] == [1, 2, 3, 5, 6, 7, 8, 9]
    assert (
        'the 2 entries under "References" are not cited by number in the text (by author and '
        "year, perhaps) and were not read as notes"
    ) in patterns.warnings


def test_a_call_set_9_pt_in_10_pt_text_is_raised(patterns: Article) -> None:
    assert _calling(patterns, 9) == ["It was cited."]
    assert not any("call 9" in w for w in patterns.warnings)


def test_endnotes_numbered_anew_per_chapter_keep_their_section() -> None:
    article = read_article(FIXTURES / "chapter-endnotes.pdf")
    names = [n.name for n in article.notes]
    assert names == [
        "note 1 (CHAPTER ONE: BRIDGES)",
        "note 2 (CHAPTER ONE: BRIDGES)",
        "note 1 (CHAPTER TWO: PORTS)",
        "note 2 (CHAPTER TWO: PORTS)",
    ]
    port = next(n for n in article.notes if n.name == "note 1 (CHAPTER TWO: PORTS)")
    assert _calling(article, port.number) == ["The port closed in 2004."]
    assert [n.page for n in article.notes] == [2, 2, 2, 2]


def test_numbered_reference_list_is_called_in_brackets() -> None:
    article = read_article(FIXTURES / "numbered-references.pdf")
    assert [n.number for n in article.notes] == [1, 2, 3]
    first, second = (s for s in article.sentences if s.calls)
    assert first.notes == (1, 2, 3)  # [1] and the range [2-3]
    assert second.notes == (1, 3)
    assert "[sic]" in second.text  # a bracket that names no reference stays text


def test_an_article_without_notes_says_what_was_looked_for(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("A Title\n\nA paragraph with no notes at all.\n", encoding="utf-8")
    with pytest.raises(NoEndnotes) as caught:
        read_article(path)
    assert "page footnotes" in str(caught.value)


@pytest.fixture(scope="module")
def three_columns() -> Article:
    return read_article(FIXTURES / "three-columns.pdf")


def test_three_columns_read_one_after_the_other(three_columns: Article) -> None:
    openings = [b.text.split()[0] for b in three_columns.blocks]
    assert openings == ["Alpha", "Echo", "Bravo", "Foxtrot", "Charlie", "The", "Golf"]
    assert three_columns.title == "Notice of Three Columns"


def test_calls_raised_in_two_columns_at_one_height_go_to_their_own_lines(
    three_columns: Article,
) -> None:
    # One row of small glyphs holds both calls; the middle column's baselines sit lower.
    assert _calling(three_columns, 1) == ["The dam held in 1999."]
    assert _calling(three_columns, 2) == ["The weir broke in 2004."]
    assert [(n.number, n.page, n.text) for n in three_columns.notes] == [
        (1, 1, "A. Writer, Dams 4 (2001)."),
        (2, 1, "B. Author, Weirs 7 (2005)."),
    ]
    assert three_columns.warnings == ()


def test_affiliation_marks_in_the_title_block_are_not_calls() -> None:
    # Four marks on the authors' names, answered by a list in the title block: were they
    # calls, the one real footnote would answer too few of them to be taken.
    article = read_article(FIXTURES / "affiliations.pdf")
    assert [(n.number, n.text) for n in article.notes] == [(1, "http://encyclopedia.example.org")]
    assert _calling(article, 1) == [
        "As before, the systems could search for answers in an online encyclopedia as a corpus "
        "beside the usual newswire collection."
    ]
    assert [s.notes for s in article.sentences if s.calls] == [(1,)]
    authors = next(b for b in article.blocks if b.text.startswith("Ada Example"))
    assert authors.text == "Ada Example, Bob Sample, Cy Tester, Di Proof"
    assert article.warnings == ()


def test_grobid_paper_reads_its_one_footnote_among_affiliation_marks() -> None:
    pdf = PDFS / "grobid-footnotes-test.pdf"
    if not pdf.exists():
        pytest.skip(f"corpus PDF {pdf} is absent (see ../shared/corpus/README.md)")
    article = read_article(pdf)
    assert [(n.number, n.text) for n in article.notes] == [(1, "http://wikipedia.org")]
    (calling,) = _calling(article, 1)
    assert "Wikipedia as document corpus" in calling
    assert article.warnings == ()


def test_federal_register_three_columns_give_every_footnote_called() -> None:
    pdf = PDFS / "federal-register-2020-17221.pdf"
    if not pdf.exists():
        pytest.skip(f"corpus PDF {pdf} is absent (see ../shared/corpus/README.md)")
    article = read_article(pdf)
    # Footnotes 1-15 at the feet of pages 2 and 3 (counted on the pages); the rest of the
    # document has none: a cost table in small type on page 14 is no foot of note 15.
    assert [n.number for n in article.notes] == list(range(1, 16))
    assert {n.page for n in article.notes} == {2, 3}
    assert set(article.called_notes()) == set(range(1, 16))
    assert not any("work-hours" in n.text for n in article.notes)
    assert article.warnings == ()


# --- real law reviews (../shared/corpus) ---------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "stategraft__facilitating_predatory_takings_by_eminent_domain",
        "academic_limbo__reforming_campus_speech_governance_for_students",
    ],
)
def test_law_review_footnotes_match_the_web_edition(name: str) -> None:
    pdf = LAWREVIEWS / f"{name}.pdf"
    if not pdf.exists() or not pdf.stat().st_size:
        pytest.skip(f"corpus article {pdf} is absent (see ../shared/corpus/README.md)")
    index = json.loads((LAWREVIEWS / "index.json").read_text(encoding="utf-8"))
    web = next(a["footnote_paragraphs"] for a in index if a["article"] == name)
    article = read_article(pdf)
    numbered = [n for n in article.notes if not n.label]
    assert abs(len(numbered) - web) <= 0.05 * web
    assert [n.number for n in numbered] == list(range(1, len(numbered) + 1))
    assert all(n.page for n in numbered)
    called = article.called_notes()
    assert sum(n.number in called for n in numbered) >= 0.9 * len(numbered)
