"""Markdown, Word/OpenDocument, HTML web editions and JATS: notes and calls where they stand.

The fixtures in tests/data/formats/ are small articles written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pypandoc
import pytest

from claims.article import Article, read_article, sniff_format
from claims.errors import NoEndnotes, UnsupportedFormat
from claims.layout import BlockKind

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"


def _calls(article: Article) -> dict[str, list[str]]:
    """Note name -> the starts of the sentences that call it."""
    out: dict[str, list[str]] = {}
    for sentence in article.sentences:
        for number in sentence.notes:
            note = article.note(number)
            name = note.name if note is not None else f"missing {number}"
            out.setdefault(name, []).append(sentence.text[:30])
    return out


_STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _called_texts(article: Article) -> list[tuple[str, str]]:
    """(sentence start, text of the note it calls) in reading order; pandoc's Markdown reader
    curls straight quotes, so quotes are compared straightened."""
    return [
        (s.text[:30].translate(_STRAIGHT), article.note(c.number).text.translate(_STRAIGHT))  # type: ignore[union-attr]
        for s in article.sentences
        for c in s.calls
    ]


# --- Markdown ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def markdown() -> Article:
    return read_article(DATA / "lighthouse.md")


def test_markdown_footnotes_named_and_numbered_are_notes(markdown: Article) -> None:
    assert markdown.format == "markdown"
    assert markdown.title.startswith("Keeping the light")
    labels = [n.label or str(n.number) for n in markdown.notes]
    assert labels == ["wrecks", "1", "funding", "2", "density", "unused"]
    assert markdown.notes[0].name == "note wrecks"


def test_markdown_calls_come_from_prose_and_tables_only(markdown: Article) -> None:
    calls = _calls(markdown)
    assert calls == {
        "note wrecks": ["The Skerry rock claimed eleven"],
        "note 1": ["A lamp was first proposed by t"],
        "note funding": ["A lamp was first proposed by t"],
        "note 2": ["The logs show a steady rise in"],
        "note density": ["1850s | 1,204 | Log book A"],
    }
    table = next(b for b in markdown.blocks if b.kind is BlockKind.TABLE)
    assert table.rows[1] == ("1850s", "1,204", "Log book A")  # the call is not in the cell


def test_markdown_code_math_comments_and_liquid_are_not_prose(markdown: Article) -> None:
    text = " ".join(b.text for b in markdown.blocks)
    assert "read.csv" not in text and "indented output" not in text
    assert "editors:" not in text and "include" not in text and "low tide" not in text
    assert "entries[" not in text and "x^2" not in text  # inline code and math


def test_markdown_link_targets_are_note_urls_exactly(markdown: Article) -> None:
    urls = {n.label or str(n.number): n.urls for n in markdown.notes}
    assert urls["wrecks"] == ("https://press.example.org/wrecks?ed=2&lang=en",)
    assert "publisher's page" in markdown.notes[0].text  # the link text stays text
    assert urls["1"] == ("https://archive.example.org/board/1821-05-04",)
    assert urls["2"] == ("https://logs.example.org/skerry",)


def test_markdown_raw_html_link_in_a_note_gives_its_target(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        'A claim.[^a]\n\n[^a]: Logs, <a href="https://logs.example.org/x?y=1">scans</a>.\n',
        encoding="utf-8",
    )
    assert read_article(path).notes[0].urls == ("https://logs.example.org/x?y=1",)


def test_markdown_italics_around_only_code_are_not_a_title(markdown: Article) -> None:
    density = markdown.notes[4]
    assert density.text.endswith("(file logs.csv).")  # Word's italic code run reads the same
    assert "*Wrecks of the Northern Isles*" in markdown.notes[0].text


def test_markdown_continuation_paragraph_stays_in_its_note(markdown: Article) -> None:
    funding = markdown.notes[2]
    assert "Lamps and Ledgers" in funding.text and "says no more" in funding.text
    assert funding.urls == ("https://archive.example.org/allan-2004.pdf",)
    assert funding.citations[0].container == "Maritime Review"


def test_markdown_uncalled_note_and_undefined_call_are_warnings(markdown: Article) -> None:
    assert "note unused: defined but never called" in markdown.warnings
    assert "call [^missing]: no footnote defines it" in markdown.warnings


def test_plain_markdown_without_footnotes_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# T\n\nA claim.¹\n\nNotes\n\n1. *Source*, (2020).\n", encoding="utf-8")
    assert sniff_format(path, path.read_bytes()) == "text"
    assert [n.number for n in read_article(path).notes] == [1]


def test_text_file_with_markdown_footnotes_is_markdown(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nA claim.[^a]\n\n[^a]: *Source*, (2020).\n", encoding="utf-8")
    assert sniff_format(path, path.read_bytes()) == "markdown"
    assert read_article(path).notes[0].label == "a"


# --- Word and OpenDocument --------------------------------------------------------------


@pytest.fixture(scope="module")
def docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("word") / "lighthouse.docx"
    pypandoc.convert_file(
        str(DATA / "lighthouse.md"), "docx", format="markdown", outputfile=str(out)
    )
    return out


def _without_liquid_call(word: Article) -> list[tuple[str, str]]:
    """A Word reading's called texts but the one call pandoc's Markdown reader made inside
    the fixture's `{% include ... %}` tag (pandoc knows no Liquid, so in the .docx that
    call is text and a real footnote reference)."""
    texts = _called_texts(word)
    liquid = [t for t in texts if t[0].startswith("{% include")]
    assert len(liquid) == 1, texts
    return [t for t in texts if t not in liquid]


def test_docx_gives_the_markdowns_calls_and_notes(markdown: Article, docx: Path) -> None:
    word = read_article(docx)
    assert word.format == "docx"
    assert word.title == markdown.title
    # Word cannot hold a note nobody calls, nor a call to nothing: compare what is called.
    assert _without_liquid_call(word) == _called_texts(markdown)
    assert _called_urls(word) == _called_urls(markdown)


def _called_urls(article: Article) -> list[str]:
    called = article.called_notes()  # Word repeats a note called twice: a set
    return sorted({u for n in article.notes if n.number in called for u in n.urls})


def test_a_docx_difference_is_a_readers_unless_the_docx_differs(
    markdown: Article, docx: Path, tmp_path: Path
) -> None:
    """The benchmark's and the corpus test's judge: what the .docx's own XML holds."""
    from pipeline.bench_formats import explain_round_trip, read_docx_package

    package = read_docx_package(docx)
    assert len(package.notes) == 6 and package.notes[0].strip().startswith("Ian Moray")
    assert package.holds("https://press.example.org/wrecks?ed=2&lang=en")
    found = explain_round_trip(markdown, read_article(docx), package)
    # the one pandoc made in the Liquid tag (the 4th or 5th: both call note 2)
    assert [d.reader for d in found] == [False], found
    assert found[0].what.endswith("is not in the Markdown"), found
    source = (DATA / "lighthouse.md").read_text(encoding="utf-8")
    link, call = "[digitised logs](https://logs.example.org/skerry)", "1820.[^wrecks]"
    url_lost = "URL https://logs.example.org/skerry missing"
    for change, by_reader, by_docx in [
        ((link, "digitised logs"), url_lost, url_lost),
        ((call, "1820."), "(Ian Moray, Wrecks", "call [^wrecks] has no note reference"),
    ]:
        lossy = tmp_path / "lossy.md"
        lossy.write_text(source.replace(*change), encoding="utf-8")
        # A reading that lost what this .docx holds: a reader's fault.
        found = explain_round_trip(markdown, read_article(lossy), package)
        assert any(d.reader and by_reader in d.what for d in found), found
        # The same loss made before the .docx was written: the .docx differs, not the reader.
        lossy_docx = tmp_path / "lossy.docx"
        pypandoc.convert_file(str(lossy), "docx", format="markdown", outputfile=str(lossy_docx))
        found = explain_round_trip(
            markdown, read_article(lossy_docx), read_docx_package(lossy_docx)
        )
        assert any(by_docx in d.what for d in found), found
        assert not any(d.reader for d in found), found


def test_odt_is_read_by_the_same_route(markdown: Article, tmp_path: Path) -> None:
    out = tmp_path / "lighthouse.odt"
    pypandoc.convert_file(
        str(DATA / "lighthouse.md"), "odt", format="markdown", outputfile=str(out)
    )
    odt = read_article(out)
    assert odt.format == "odt"
    assert _without_liquid_call(odt) == _called_texts(markdown)
    assert _called_urls(odt) == _called_urls(markdown)


def test_a_damaged_docx_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a package")
    with pytest.raises(UnsupportedFormat, match="damaged"):
        read_article(path)


# --- HTML web editions ------------------------------------------------------------------


def test_word_export_ftn_anchors_in_loose_paragraphs() -> None:
    article = read_article(DATA / "ftn-export.html")
    assert [n.text[:20] for n in article.notes] == [
        "Mary Dunne, *Water i",
        "Vestry Minutes of St",
        "*Id.* at 2.",
        "See *Hale v. Brook*,",
    ]
    # a paragraph between two notes continues the first; the link target is kept
    assert "four pages" in article.notes[1].text
    assert article.notes[1].urls == ("https://archive.example.com/vestry",)
    assert _calls(article) == {
        "note 1": ["Quarry towns shared their wate"],
        "note 2": ["The first written rule came fr"],
        "note 3": ["Courts later treated the vestr"],
        "note 4": ["Courts later treated the vestr"],
    }
    body = " ".join(b.text for b in article.blocks)
    assert "Hale v. Brook" not in body and "Home" not in body  # tooltip note and nav out
    assert "The rest of the paragraph" in article.blocks[2].text  # the paragraph stays whole


def test_notes_as_labelled_paragraphs_after_the_text() -> None:
    article = read_article(DATA / "labelled.html")
    assert [n.number for n in article.notes] == [1, 2, 3, 4, 5]
    assert article.notes[4].urls == ("https://survey.example.org/1974",)
    assert set(article.called_notes()) == {1, 2, 3, 4, 5}
    assert all("[1]." not in b.text for b in article.blocks)
    assert "all rights reserved" in article.blocks[-1].text  # the page's line is not a note


# --- JATS -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def jats() -> Article:
    return read_article(DATA / "harbour.xml")


def test_jats_footnotes_and_references_are_notes(jats: Article) -> None:
    assert jats.format == "jats"
    assert jats.title == "Tides and ledgers in a small harbour town"
    assert [(n.label or str(n.number), n.section) for n in jats.notes] == [
        ("1", None),
        ("2", None),
        ("3", None),
        ("1", "References"),
        ("2", "References"),
        ("3", "References"),
        ("4", "References"),
    ]
    assert jats.notes[0].urls == ("https://archive.example.org/minutes/1871",)
    assert jats.notes[3].urls == ("https://doi.org/10.1234/jch.2009.12",)


def test_jats_element_citation_fields_in_order(jats: Article) -> None:
    text = jats.notes[4].text
    assert text.startswith("Marsh, Tomas, and Ada Quill. “Ledgers of the Northern Ports.”")
    assert "*Maritime Records Quarterly* 7, no. 1 (2011): 1–19." in text
    assert jats.notes[4].urls == ("https://doi.org/10.5555/mrq.7.1",)
    assert (
        jats.notes[5].text
        == "Harbour Survey Group. *Small Ports, Long Records*. Leith: Quayside Press, 2014."
    )


def test_jats_calls_ranges_tables_and_author_year(jats: Article) -> None:
    by_start = {s.text[:20]: list(s.notes) for s in jats.sentences if s.calls}
    assert by_start == {
        "The harbour ledgers ": [1],
        "Earlier studies reli": [4, 5],
        "Three later surveys ": [4, 5, 6, 7],  # [1]–[3] calls 1, 2 and 3; then Ortega
        "1870s | 412": [2],
    }
    assert "Ortega and Lind (2015)" in jats.blocks[3].text
    assert all("cos" not in b.text for b in jats.blocks)  # the formula is left out


def test_jats_uncalled_note_and_unknown_id_are_warnings(jats: Article) -> None:
    assert "note 3: never called in the text" in jats.warnings
    assert "call to 'fn9': no <fn> or <ref> has this id" in jats.warnings


def test_an_xml_file_that_is_not_jats_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?><article><body><p>Hi</p></body></article>')
    with pytest.raises(NoEndnotes, match="JATS"):
        read_article(path)


def test_sidenotes_beside_their_calls_are_notes_not_text(tmp_path: Path) -> None:
    page = tmp_path / "margin.html"
    page.write_text(
        "<html><body><article><h1>Margins</h1>"
        '<p>The canal opened in 1822.<sup><a href="#">1</a></sup>'
        '<aside class="sidenote">1. Tom Reeve, <em>Canals</em> 9 (1990).</aside> '
        'Barges used it until 1950.<sup><a href="#">2</a></sup>'
        '<span class="margin-note" role="doc-footnote">2. Lock Records, '
        '<a href="https://locks.example.org/1950">ledger</a>.</span></p>'
        "</article></body></html>",
        encoding="utf-8",
    )
    article = read_article(page)
    assert [n.text for n in article.notes] == [
        "Tom Reeve, *Canals* 9 (1990).",
        "Lock Records, ledger <https://locks.example.org/1950>.",
    ]
    assert [list(s.notes) for s in article.sentences] == [[1], [2]]
    assert "Reeve" not in article.blocks[0].text


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.xml", b'<?xml version="1.0"?>\n<article article-type="research-article">', "jats"),
        ("a.nxml", b"<!DOCTYPE article PUBLIC '-//NLM//DTD JATS'><article>", "jats"),
        (
            "a",
            b'<?xml version="1.0"?><!DOCTYPE article SYSTEM "JATS-archive.dtd"><article>',
            "jats",
        ),
        ("a.html", b"<!DOCTYPE html><html><body><article class='jats'>", "html"),
        ("a.xhtml", b'<?xml version="1.0"?><html><body><article>', "html"),
    ],
)
def test_jats_is_told_from_html_by_its_bytes(name: str, head: bytes, expected: str) -> None:
    assert sniff_format(Path(name), head + b"<p>text</p>") == expected
