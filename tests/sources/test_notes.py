"""Endnote splitting and citation parsing."""

from __future__ import annotations

from sources.dates import PartialDate
from sources.gazettes import Gazette
from sources.notes import (
    CitationKind,
    CitationRef,
    parse_citation,
    parse_notes,
    split_citations,
    split_notes,
)


def test_notes_are_numbered_in_sequence_and_stray_numbers_continue_a_note() -> None:
    lines = [
        "1. First note, p.",
        "7.",  # a PDF line holding only the page number of note 1
        "2. Second note.",
        "3. Third (Alder-",
        "shot: Ashgate, 2007).",
    ]
    notes = split_notes(lines)
    assert [n for n, _ in notes] == [1, 2, 3]
    assert notes[0][1] == "First note, p. 7."
    assert notes[2][1] == "Third (Aldershot: Ashgate, 2007)."


def test_markdown_footnote_definitions_are_notes() -> None:
    notes = split_notes(["[^1]: A note.", "[^2]: Another."])
    assert notes == [(1, "A note."), (2, "Another.")]


def test_semicolons_inside_urls_and_parentheses_do_not_split_citations() -> None:
    text = 'A, "T1," *C*, (2020), <https://x.org/a;b>; B, *Book*, (Paris; Lyon: P, 2001)'
    assert len(split_citations(text)) == 2


def test_web_citation_fields() -> None:
    c = parse_citation(
        "Sarp Özer, \"Türkiye ve Romanya Arasında 'Askeri Çerçeve Anlaşması' İmzalandı,\" "
        "*Anadolu Ajansı*, (October 6, 2023), retrieved May 9, 2024, "
        "<https://www.aa.com.tr/tr/gundem/turkiye-ve-romanya-arasin-da-askeri-cerceve-anlasmasi-imzalandi/3009437>."
    )
    assert c.kind is CitationKind.WEB
    assert c.authors == ("Sarp Özer",)
    assert c.container == "Anadolu Ajansı"
    assert c.date == PartialDate(2023, 10, 6)
    assert c.retrieved == PartialDate(2024, 5, 9)
    assert c.urls[0].endswith(
        "/turkiye-ve-romanya-arasinda-askeri-cerceve-anlasmasi-imzalandi/3009437"
    )
    assert c.url_repairs and "arasin-da" in c.url_repairs[0].printed


def test_url_hyphen_that_is_a_real_slug_separator_stays() -> None:
    c = parse_citation(
        '"Ferry Deal Signed," *Site*, retrieved May 2, 2024, from <https://x.org/ferry-deal-signed>.'
    )
    assert c.urls == ("https://x.org/ferry-deal-signed",)
    assert c.url_repairs == ()


def test_bare_url_loses_trailing_punctuation() -> None:
    c = parse_citation(
        '"T," *B92*, retrieved May 9, 2024, from https://b92.net/x?yyyy=2023&nav_id=1.'
    )
    assert c.urls == ("https://b92.net/x?yyyy=2023&nav_id=1",)


def test_journal_article_fields() -> None:
    c = parse_citation(
        'Sabri Sayarı, "Turkish Foreign Policy in the Post-Cold War Era," '
        "*Journal of International Affairs*, Vol. 54, No. 1 (2000), pp. 169-182."
    )
    assert c.kind is CitationKind.ARTICLE
    assert (c.volume, c.issue, c.pages) == ("54", "1", "169-182")
    assert c.date == PartialDate(2000)


def test_chapter_with_editors_place_and_publisher() -> None:
    c = parse_citation(
        'Duygu Bazoğlu-Sezer, "Turkish Security," in Kosta Tsipis (ed.), *Common Security*, '
        "(New York, Columbia University Press, 1996), pp. 109-110."
    )
    assert c.kind is CitationKind.CHAPTER
    assert c.editors == ("Kosta Tsipis",)
    assert (c.place, c.publisher, c.date) == (
        "New York",
        "Columbia University Press",
        PartialDate(1996),
    )


def test_thesis() -> None:
    c = parse_citation(
        'Mustafa Aksaç, "Efforts," Unpublished M.A. Thesis, Bilkent University, 2003, pp. 67-68.'
    )
    assert c.kind is CitationKind.THESIS
    assert c.publisher == "Bilkent University"


def test_resmi_gazete_with_mukerrer() -> None:
    c = parse_citation("*T.C. Resmi Gazete*, No. 29007 (mükerrer) (May 22, 2014).")
    assert c.kind is CitationKind.GAZETTE
    assert c.gazette is not None
    assert (c.gazette.gazette, c.gazette.number, c.gazette.mukerrer) == (
        Gazette.RESMI_GAZETE,
        29007,
        True,
    )
    assert c.gazette.date == PartialDate(2014, 5, 22)


def test_narodne_novine_number_year_item_and_section() -> None:
    c = parse_citation(
        "*Narodne Novine*, No. 2/2004 (15), Međunarodni Ugovori, Ostalo, (March 17, 2004)."
    )
    assert c.gazette is not None
    ref = c.gazette
    assert (ref.gazette, ref.number, ref.year, ref.item) == (Gazette.NARODNE_NOVINE, 2, 2004, 15)
    assert ref.section == "Međunarodni Ugovori, Ostalo"
    assert ref.date == PartialDate(2004, 3, 17)


def test_line_break_hyphen_inside_an_author_name_is_removed_but_compound_names_stay() -> None:
    c = parse_citation('Hal-dun Yalçınkaya and Duygu Bazoğlu-Sezer, "T," *J*, Vol. 1 (2018).')
    assert c.authors == ("Haldun Yalçınkaya", "Duygu Bazoğlu-Sezer")


def test_et_al_does_not_eat_names_containing_et_al() -> None:
    c = parse_citation(
        'Rifat Öncel and Ahmet Alemdar, "T," in A B (eds.), *Book*, (Istanbul: P, 2022).'
    )
    assert c.authors == ("Rifat Öncel", "Ahmet Alemdar")
    d = parse_citation('Yalçınkaya, et al., "Turkish Efforts," pp. 1-2.')
    assert d.authors == ("Yalçınkaya",) and d.et_al


def test_short_forms_and_ibid_resolve_to_the_full_citation() -> None:
    notes = parse_notes(
        [
            '1. Duygu Bazoğlu-Sezer, "Turkish Security in the Shifting Balkans: Reorientation," '
            "in Kosta Tsipis (ed.), *Common Security*, (New York, CUP, 1996), pp. 109-110.",
            "2. *T.C. Resmi Gazete*, No. 21247 (June 3, 1992).",
            "3. Ibid.",
            '4. Bazoğlu-Sezer, "Turkish Security in the Shifting Balkans," pp. 110-111.',
            '5. Someone Else, "Turkish Security in the Shifting Balkans," pp. 1.',
        ]
    )
    assert notes[2].citations[0].resolves_to == CitationRef(2, 0)
    assert notes[2].citations[0].kind is CitationKind.GAZETTE
    assert notes[3].citations[0].resolves_to == CitationRef(1, 0)
    # Same short title, different author: not the same work.
    assert notes[4].citations[0].resolves_to is None
    assert notes[4].citations[0].warnings


def test_commentary_note_has_no_citation_and_unparseable_note_is_kept() -> None:
    notes = parse_notes(["1. The authors thank the archivists.", "2. ???"])
    assert notes[0].citations == () and notes[0].commentary
    assert notes[1].text == "???"


def test_a_semicolon_inside_an_unfinished_citation_does_not_split_it() -> None:
    # the part before the semicolon ends in a title, a book's name or a place: one citation
    for text in (
        "Osei, Ama, Harbour Lights; Salt and Tides in the North, Leeds: Penfold, 1999",
        "R. Lind, « Salt Roads », in MARR, B., Handbook of Harbours ; Tide Press, 2001.",
        "Lind, Ada, Salt roads : a history, Leeds ; Bristol, Penfold, 2014, 248p.",
    ):
        assert split_citations(text) == [text], text
    # a complete citation (its year, pages, a closing bracket, a short form) ends at one
    for text in (
        "Lind, A. Salt roads. Leeds: Penfold, 2001; Osei, Mary. Harbour lights. Tide, 2003",
        "Ada Lind, Salt Roads (Leeds: Penfold, 2001); Mary Osei, Harbour Lights (2003)",
        "Lind, supra note 4; Osei, Harbour Lights, 12 HARB. L. REV. 3 (2003)",
        "See infra Section II.B; Lind v. Osei, 123 U.S. 456 (1990)",
        "Lind, Salt Roads, vol. II; Osei, Harbour Lights, vol. III",
    ):
        assert len(split_citations(text)) == 2, text
