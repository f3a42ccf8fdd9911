"""The learned citation parser: unmarked styles, Bluebook forms, names, short forms."""

from __future__ import annotations

from sources.citation_fields import split_person_names
from sources.dates import PartialDate
from sources.notes import (
    CitationKind,
    CitationRef,
    family_name,
    parse_citation,
    parse_notes,
    split_citations,
)


def test_inverted_names_are_one_person_each() -> None:
    assert split_person_names("Blair, Sara.") == (("Sara Blair",), False)
    assert split_person_names("Romero, C., Paunesku, D., & Dweck, C.")[0] == (
        "C. Romero",
        "D. Paunesku",
        "C. Dweck",
    )
    assert split_person_names("Lakoff, George, and Mark Johnson.")[0] == (
        "George Lakoff",
        "Mark Johnson",
    )
    assert split_person_names("Pérez-Higueras JJ, Arias A, de la Macorra JC")[0] == (
        "JJ Pérez-Higueras",
        "A Arias",
        "JC de la Macorra",
    )
    assert split_person_names("S. E. Han, G. Chen, et al.") == (("S. E. Han", "G. Chen"), True)


def test_vancouver_semicolons_do_not_split_a_citation() -> None:
    text = "Peters OA. Cyclic fatigue. J Endod. 2014;40(9):1477-81; Smith J. Other work. 2001"
    assert len(split_citations(text)) == 2
    assert len(split_citations("Kamerlin, S. C. L.; Warshel, A. Title here. 2010")) == 1


def test_an_unmarked_author_date_reference() -> None:
    c = parse_citation(
        "Brischoux, F., Chakraborty, S., Brierley, D.I., and Ungless, M.A. (2009). Phasic "
        "excitation of dopamine neurons in ventral VTA by noxious stimuli. Proc Natl Acad Sci "
        "U S A 106, 4894-4899."
    )
    assert c.authors[0] == "F. Brischoux" and len(c.authors) == 4
    assert c.title == "Phasic excitation of dopamine neurons in ventral VTA by noxious stimuli"
    assert c.date == PartialDate(2009)
    assert c.volume == "106"
    assert c.pages == "4894-4899"
    assert c.kind is CitationKind.ARTICLE


def test_a_doi_is_read_whole_and_not_as_a_date() -> None:
    c = parse_citation(
        "Kirkpatrick, S. (1983). Optimization by simulated annealing. Science, 220(4598), "
        "671-680. https://doi.org/10.1126/science.220.4598.671"
    )
    assert c.doi == "10.1126/science.220.4598.671"
    assert c.date == PartialDate(1983)


def test_bluebook_law_review_article_case_and_statute() -> None:
    article = parse_citation("Jane Doe, The Shape of the Law, 120 HARV. L. REV. 1, 5 (2006)")
    assert (article.volume, article.container, article.pages, article.locator) == (
        "120",
        "HARV. L. REV.",
        "1",
        "5",
    )
    assert article.date == PartialDate(2006)
    case = parse_citation("Brown v. Board of Education, 347 U.S. 483 (1954)")
    assert case.kind is CitationKind.LEGAL_CASE
    assert (case.title, case.volume, case.container, case.pages) == (
        "Brown v. Board of Education",
        "347",
        "U.S.",
        "483",
    )
    statute = parse_citation("42 U.S.C. § 1983")
    assert statute.kind is CitationKind.LEGISLATION
    assert (statute.volume, statute.container, statute.pages) == ("42", "U.S.C.", "1983")
    (note,) = parse_notes(["1. 42 U.S.C. § 1983 (2018)."])
    assert note.citations[0].kind is CitationKind.LEGISLATION


def test_commentary_without_field_separators_stays_commentary() -> None:
    notes = parse_notes(["1. Since 2014 Kosovo takes part in all activities on equal terms."])
    assert notes[0].citations == () and len(notes[0].commentary) == 1


def test_id_supra_and_hereinafter_resolve_to_the_full_citation() -> None:
    notes = parse_notes(
        [
            "1. Jane Doe, The Shape of the Law, 120 HARV. L. REV. 1, 5 (2006).",
            "2. Id. at 7.",
            "3. U.S. Dep't of State, Annual Report on Ports 12 (2019) (hereinafter Ports Report).",
            "4. Doe, supra note 1, at 9.",
            "5. Ports Report at 14.",
            "6. Ebd., S. 3.",
        ]
    )
    c = {n.number: n.citations[0] for n in notes}
    assert c[2].resolves_to == CitationRef(1, 0) and c[2].locator == "7"
    assert c[4].resolves_to == CitationRef(1, 0) and c[4].locator == "9"
    assert c[5].resolves_to == CitationRef(3, 0)
    assert c[6].resolves_to == CitationRef(3, 0) and c[6].locator == "3"


def test_op_cit_and_turkish_age_resolve_by_author() -> None:
    notes = parse_notes(
        [
            '1. Ayşe Kaya, "Liman Politikası," *Deniz Dergisi*, Vol. 3, No. 1 (2010), pp. 1-20.',
            '2. Mehmet Demir, "Another," *Other Journal*, Vol. 4 (2011), pp. 5-9.',
            "3. Kaya, op. cit., p. 12.",
            "4. Demir, a.g.e., s. 7.",
        ]
    )
    c = {n.number: n.citations[0] for n in notes}
    assert c[3].resolves_to == CitationRef(1, 0) and c[3].locator == "12"
    assert c[4].resolves_to == CitationRef(2, 0) and c[4].locator == "7"


def test_marked_notes_read_inverted_names_and_dois_too() -> None:
    c = parse_citation(
        "Blair, Sara. *Harlem Crossroads*, (Princeton: Princeton University Press, 2007), p. 12."
    )
    assert c.authors == ("Sara Blair",) and c.locator == "12"
    d = parse_citation(
        'Ann Lee, "A Title," *Journal of Things*, Vol. 3, No. 2 (2019), pp. 1-9, '
        "https://doi.org/10.1234/5678.2019.01.05"
    )
    assert d.date == PartialDate(2019) and d.doi == "10.1234/5678.2019.01.05"


def test_a_doi_address_stays_among_the_urls_of_a_journal_article() -> None:
    from sources.notes import parse_note

    note = parse_note(
        6,
        "Ana Lima and Tomas Berg. ‘Harbour Cranes as Instruments’. Port Studies, 19 March 2021, "
        "https://doi.org/10.1234/ps.2021.77.",
    )
    (citation,) = note.citations
    assert citation.urls == ("https://doi.org/10.1234/ps.2021.77",)
    assert citation.doi == "10.1234/ps.2021.77" and citation.kind.value != "web"


def test_an_unquoted_thesis_keeps_the_labellers_title_and_the_rules_exact_fields() -> None:
    c = parse_citation(
        "Marrow, T. Typage d'un langage fluvial. PhD thesis, Université Lyon 2, 1994."
    )
    assert c.title == "Typage d'un langage fluvial"
    assert c.authors == ("T. Marrow",)
    assert c.kind is CitationKind.THESIS
    assert (c.genre, c.publisher, c.date) == ("PhD thesis", "Université Lyon 2", PartialDate(1994))
    assert c.pages is None and c.container is None  # "2" belongs to the school's name
    quoted = parse_citation(
        'Ada Lind, "Salt Roads," Unpublished M.A. Thesis, Leeds University, 2003.'
    )
    assert (quoted.title, quoted.genre) == ("Salt Roads", "Unpublished M.A. Thesis")


def test_initials_keep_their_full_stop_and_a_capital_i_is_no_particle() -> None:
    names, _ = split_person_names("Webb, G. I., & Brkic, N.")
    assert names == ("G. I. Webb", "N. Brkic")
    assert [family_name(n) for n in names] == ["Webb", "Brkic"]
    names, _ = split_person_names("Hussain I.; Abu Rizaiza, O.S.; Niebauer T.M.")
    assert names == ("I. Hussain", "O.S. Abu Rizaiza", "T.M. Niebauer")
    assert family_name(names[0]) == "Hussain"
    assert split_person_names("Baes Jr., C. F., Mesmer, R. E.")[0] == ("C. F. Baes", "R. E. Mesmer")


def test_a_family_name_in_capitals_is_the_family_name_wherever_it_stands() -> None:
    names, _ = split_person_names("DUPONT Jean, MARTIN Paul-Henri")
    assert names == ("Jean DUPONT", "Paul-Henri MARTIN")
    names, _ = split_person_names("COTTA RAMOSINO L.")
    assert [family_name(n) for n in names] == ["COTTA RAMOSINO"]
    assert family_name("A. FOUQUET") == "FOUQUET"
    assert family_name("Jordi Soler i Lecha").endswith("Lecha")


def test_a_semicolon_list_of_inverted_full_names_is_one_citation() -> None:
    text = "Balsam, V.; Nguen, Duy; Ibarra, John; Boyd, Tyler. Heavy oil flow. Houston: Gulf, 2010"
    assert split_citations(text) == [text]
    two = "Lind, A. Salt roads, 2001; Osei, Mary, Harbour lights, 2003"
    assert len(split_citations(two)) == 2


def test_volume_and_issue_in_the_usual_prints() -> None:
    for text in (
        "Lind, A. (2001). Salt roads. Harbour Studies, 9(3), 33-45.",
        "Lind, A. Salt roads. Harbour Studies, vol. 9, no. 3, pp. 33-45, 2001.",
        "Lind A. Salt roads. Harb Stud. 2001;9(3):33-45.",
        "Lind, A.: Salt roads. In: Hafen und Meer. 9. Jg. (2004), Heft 3, S. 33-45.",
    ):
        c = parse_citation(text)
        assert (c.volume, c.issue, c.pages) == ("9", "3", "33-45"), text


def test_a_lone_number_between_separators_is_the_volume_not_an_issue() -> None:
    c = parse_citation("[4] A. Lind, B. Osei, Harb. Lett. 2010, 10, 1979.")
    assert c.volume == "10" and c.issue is None
    c = parse_citation("Lind, A. Salt roads. Harbour Studies 12 (3): 33-45.")
    assert (c.volume, c.issue) == ("12", "3")  # in parentheses after the volume: the issue


def test_a_marked_author_date_citation_keeps_its_year_before_the_title() -> None:
    c = parse_citation("Lind, Ada S. (1982). “Salt roads of the north.” *Harb. Stud.*")
    assert (c.title, c.container, c.date) == (
        "Salt roads of the north.",
        "Harb. Stud.",
        PartialDate(1982),
    )
    c = parse_citation("Osei, A. (ed.). 1954. *Harbour lights.* Leeds: Penfold.")
    assert c.date == PartialDate(1954)


def test_a_semicolon_before_a_lower_case_word_does_not_open_a_citation() -> None:
    text = "Lind, Ada. Salt. Translated by B. Osei; revised by C. Marr. Leeds: Penfold, 1969"
    assert split_citations(text) == [text]
    law = "Ada Lind, Salt Roads, 12 HARB. L. REV. 1 (2001); cf. Ama Osei, Lights, 3 Y.L.J. 9"
    assert len(split_citations(law)) == 2  # a signal opens the next citation
