"""The brief's article (../shared/article/), read from its text and its PDF alike."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from claims.article import Article, read_article
from sources.gazettes import Gazette
from sources.notes import CitationRef

pytestmark = pytest.mark.brief


@cache
def _read(path: Path) -> Article:
    return read_article(path)


@pytest.fixture(params=["txt", "pdf"])
def brief(request: pytest.FixtureRequest, brief_txt: Path, brief_pdf: Path) -> Article:
    return _read(brief_txt if request.param == "txt" else brief_pdf)


def test_brief_has_118_notes_and_calls_to_116_of_them(brief: Article) -> None:
    assert [n.number for n in brief.notes] == list(range(1, 119))
    called = brief.called_notes()
    assert len(called) == 116
    assert set(range(1, 119)) - set(called) == {28, 29}


def test_brief_calls_are_linked_to_the_sentence_that_carries_them(brief: Article) -> None:
    called = brief.called_notes()
    assert "Sofia Document" in called[5][0].text
    assert called[8][0].text.startswith("On February 20, 1992, Türkiye and Romania signed")
    assert "$321 million contract" in called[88][0].text
    assert called[68][0].text.startswith("Additionally, Türkiye is currently one of the nine")
    # A call after an abbreviation ends the sentence: "... Europe and the U.S.³⁵ Through ..."
    assert called[35][0].text.endswith("relations with Europe and the U.S.")


def test_brief_urls_81_occurrences_79_distinct_none_broken(brief: Article) -> None:
    urls = [u for n in brief.notes for u in n.urls]
    assert len(urls) == 81
    assert len(set(urls)) == 79
    for url in urls:
        assert re.match(r"^https?://[\w.-]+\.[a-z]{2,}(/|$)", url), url
        assert not url.endswith((".", ",", ";", ">", ")")), url
        assert " " not in url and "<" not in url, url
    joined = " ".join(urls)
    assert "arasin-da" not in joined and "arasinda-askeri" in joined


def test_brief_gazette_references_have_number_and_date(brief: Article) -> None:
    refs = [c.gazette for n in brief.notes for c in n.citations if c.gazette is not None]
    rg = [r for r in refs if r.gazette is Gazette.RESMI_GAZETE]
    nn = [r for r in refs if r.gazette is Gazette.NARODNE_NOVINE]
    assert len(rg) == 18 and len(nn) == 2
    assert all(r.number and r.date and r.date.day for r in refs)
    assert {(r.number, r.year) for r in nn} == {(1, 2004), (2, 2004)}


def test_brief_short_forms_resolve_to_full_citations(brief: Article) -> None:
    def ref(number: int, index: int = 0) -> CitationRef | None:
        note = brief.note(number)
        assert note is not None
        return note.citations[index].resolves_to

    assert ref(10) == CitationRef(5, 0)
    assert ref(11) == CitationRef(9, 0)
    assert ref(52) == CitationRef(13, 0)
    assert ref(115) == CitationRef(95, 0)
    assert ref(118) == CitationRef(61, 0)
    assert ref(24, 1) == CitationRef(21, 1)  # "Yalçınkaya, et al., ..."


def test_brief_text_and_pdf_readers_agree_on_notes_urls_and_calls(
    brief_txt: Path, brief_pdf: Path
) -> None:
    txt, pdf = _read(brief_txt), _read(brief_pdf)

    def squash(text: str) -> str:
        return re.sub(r"\W+", "", text).casefold()

    note_pairs = list(zip(txt.notes, pdf.notes, strict=True))
    same_notes = sum(squash(a.text) == squash(b.text) for a, b in note_pairs)
    same_urls = sum(a.urls == b.urls for a, b in note_pairs)
    txt_calls = {(n, squash(s.text)) for n, ss in txt.called_notes().items() for s in ss}
    pdf_calls = {(n, squash(s.text)) for n, ss in pdf.called_notes().items() for s in ss}
    agree = len(txt_calls & pdf_calls) / len(txt_calls | pdf_calls)
    assert same_notes / len(note_pairs) >= 0.99
    assert same_urls == len(note_pairs)
    assert agree >= 0.99, sorted(txt_calls ^ pdf_calls)[:6]
