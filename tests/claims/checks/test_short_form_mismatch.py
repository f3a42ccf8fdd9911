"""short-form-mismatch: supra, Id. and Ibid. that do not point where they say."""

from __future__ import annotations

HEAD = "Title\n\nIntroduction\n\n"
SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _article(*notes: str) -> str:
    calls = " ".join(f"Claim {i} holds.{str(i).translate(SUP)}" for i in range(1, len(notes) + 1))
    lines = "\n".join(f"{i}. {n}" for i, n in enumerate(notes, 1))
    return f"{HEAD}{calls}\n\nNotes\n\n{lines}\n"


SMITH = "Jane Smith, *Rivers and Law*, 12 Yale J. Reg. 101, 110 (1999)."
CASE = "Brown v. Board of Education, 347 U.S. 483, 495 (1954)."
BOOK = "Lawrence Lessig, *Free Culture* (New York: Penguin, 2004), 19."


def test_supra_naming_an_author_the_note_does_not_cite_fires(run) -> None:
    text = _article(SMITH, CASE, "Lessig, supra note 2, at 40.")
    findings = run("short-form-mismatch", text)
    assert [(f.notes, f.evidence["supra"], f.evidence["named"]) for f in findings] == [
        ((3,), 2, ["lessig"])
    ]


def test_supra_naming_the_cited_author_is_fine(run) -> None:
    text = _article(SMITH, CASE, "See Smith, supra note 1, at 112.")
    assert run("short-form-mismatch", text) == []


def test_supra_by_a_hereinafter_short_title_is_fine(run) -> None:
    first = "U.S. Dep't of Justice, Annual Review of Ports 4 (2012) [hereinafter Port Review]."
    text = _article(first, CASE, "Port Review, supra note 1, at 9.")
    assert run("short-form-mismatch", text) == []


def test_supra_to_a_later_or_missing_note_fires(run) -> None:
    text = _article(SMITH, "Smith, supra note 7, at 3.")
    findings = run("short-form-mismatch", text)
    assert [(f.notes, f.evidence["supra"]) for f in findings] == [((2,), 7)]


def test_a_bare_cross_reference_to_a_note_is_not_a_short_form(run) -> None:
    text = _article(SMITH, "See supra note 1 and accompanying text.")
    assert run("short-form-mismatch", text) == []


def test_id_after_a_note_citing_several_authorities_fires(run) -> None:
    several = (
        "See Smith, *Rivers and Law* (1999); Brown v. Board of Education, 347 U.S. 483 (1954)."
    )
    text = _article(several, "Id. at 7.")
    findings = run("short-form-mismatch", text)
    assert [(f.notes, f.evidence["previous"]) for f in findings] == [((2,), 1)]


def test_id_after_a_note_citing_one_authority_is_fine(run) -> None:
    text = _article(CASE, "Id. at 495.", "See id. at 496.")
    assert run("short-form-mismatch", text) == []


def test_ibid_after_a_commentary_note_fires(run) -> None:
    commentary = "The ministry never answered our questions about the dredging plans."
    text = _article(BOOK, commentary, "Ibid.")
    findings = run("short-form-mismatch", text)
    assert [(f.notes, f.evidence["previous"]) for f in findings] == [((3,), 2)]


def test_ibid_after_a_citation_is_fine(run) -> None:
    text = _article(BOOK, "Ibid., 21.")
    assert run("short-form-mismatch", text) == []


def test_ibid_after_a_short_citation_without_a_year_is_fine(run) -> None:
    # Chicago short forms and interviews carry no year and often no parsable fields.
    text = _article(
        BOOK, "Lessig, 97.", "Ibid., 98.", "Interview with the harbour master.", "Ibid."
    )
    assert run("short-form-mismatch", text) == []


def test_supra_to_a_note_that_is_id_reaches_the_authority_it_repeats(run) -> None:
    text = _article(SMITH, "Id. at 112.", "Smith, supra note 2, at 113.")
    assert run("short-form-mismatch", text) == []


def test_an_abbreviated_body_named_before_supra_is_read_whole(run) -> None:
    first = "Univ. of Chi., Report of the Committee on Discipline 4 (1970)."
    text = _article(
        first, CASE, "Univ. of Chi., supra note 1, at 5.", "Univ. of Chi., supra note 2."
    )
    findings = run("short-form-mismatch", text)
    assert [(f.notes, f.evidence["named"]) for f in findings] == [((4,), ["chi", "univ"])]


def test_sources_cited_in_a_note_are_a_cross_reference(run) -> None:
    text = _article(SMITH, CASE, "See sources cited supra note 1.", "As noted above, supra note 2.")
    assert run("short-form-mismatch", text) == []


def test_small_capitals_that_lost_their_spaces_still_name_the_author(run) -> None:
    first = "DAVID GRAEBER, DEBT: THE FIRST 5,000 YEARS 12 (2011)."
    text = _article(first, CASE, "SeeGraeber, supra note 1, at 40.", "GRAEBERDEBT, supra note 1.")
    assert run("short-form-mismatch", text) == []


def test_supra_to_its_own_note_after_the_full_citation_is_not_an_alarm(run) -> None:
    text = _article(
        SMITH, CASE, "See Reva Siegel, Levels, 47 J. Law 539 (2024). Siegel, supra note 3, at 540."
    )
    assert run("short-form-mismatch", text) == []


def test_an_abbreviated_name_matches_the_name_spelled_out_either_way_round(run) -> None:
    spelled = "U.S. Department of Justice, Guidance on Ports 4 (2012)."
    abbreviated = "Nat'l Ass'n of Ports, Annual Survey 9 (2015)."
    text = _article(
        spelled,
        abbreviated,
        "Dept. of Just., supra note 1, at 5.",
        "Dep't of Justice, supra note 1, at 6.",
        "National Association of Ports, supra note 2, at 10.",
    )
    assert run("short-form-mismatch", text) == []


def test_an_abbreviation_of_a_name_the_note_does_not_cite_fires(run) -> None:
    spelled = "U.S. Department of Justice, Guidance on Ports 4 (2012)."
    text = _article(
        spelled, CASE, "Dept. of Just., supra note 2, at 5.", "Agric. Rep., supra note 1."
    )
    findings = run("short-form-mismatch", text)
    assert [(f.notes, f.evidence["supra"]) for f in findings] == [((3,), 2), ((4,), 1)]


def test_a_supra_after_a_short_sentence_names_only_its_own_citation(run) -> None:
    # "... the Bank is. See Lessig, supra note 1": Smith, named earlier in the note, is not
    # what this supra points to.
    text = _article(
        SMITH, "Smith argued that the charter is valid, and it is. See Lessig, supra note 1, at 5."
    )
    findings = run("short-form-mismatch", text)
    assert [(f.notes, f.evidence["named"]) for f in findings] == [((2,), ["lessig"])]


def test_a_reporter_abbreviation_in_the_note_is_no_name(run) -> None:
    # "Ct." or "Stat." in note 2 must not stand for Clint or Stewart.
    case = "Roe v. Wade, 93 S. Ct. 705 (1973); 42 Stat. 7 (1921)."
    text = _article(SMITH, case, "Clint, supra note 2, at 4.", "Stewart, supra note 2.")
    findings = run("short-form-mismatch", text)
    assert [f.notes for f in findings] == [(3,), (4,)]
