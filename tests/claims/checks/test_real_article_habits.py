"""Habits of published articles that are not errors: near misses for the manuscript checks."""

from __future__ import annotations

HEAD = "Title\n\nIntroduction\n\n"
SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _article(*notes: str) -> str:
    calls = " ".join(f"Claim {i} holds.{str(i).translate(SUP)}" for i in range(1, len(notes) + 1))
    lines = "\n".join(f"{i}. {n}" for i, n in enumerate(notes, 1))
    return f"{HEAD}{calls}\n\nNotes\n\n{lines}\n"


def _web(title: str, date: str, url: str) -> str:
    return f'"{title}," *Herald*, ({date}), retrieved May 9, 2024, from <{url}>.'


def test_a_url_without_a_scheme_is_a_style_not_a_broken_url(run) -> None:
    text = _article(
        'Ana Writer, "Port Days," *Herald*, (May 1, 2024), www.herald.example.org/port.'
    )
    assert run("broken-url", text) == []


def test_brackets_of_a_wikipedia_title_and_closing_link_syntax_are_not_broken(run) -> None:
    text = _article(
        _web("Port (river)", "May 1, 2024", "https://en.example.org/wiki/Port_(river)"),
        _web("Port Days", "May 2, 2024", "https://perma.example.cc/9N7B-T67S]"),
    )
    assert run("broken-url", text) == []


def test_a_bracket_opened_inside_the_address_and_never_closed_is_broken(run) -> None:
    text = _article(_web("Port Days", "May 1, 2024", "https://herald.example.org/port(days"))
    assert [f.evidence["reason"] for f in run("broken-url", text)] == ["unbalanced brackets"]


def test_a_url_dated_a_day_before_the_printed_date_is_the_posting_lag(run) -> None:
    text = _article(
        _web("Port Days", "April 8, 2015", "https://herald.example.org/2015/04/07/port-days")
    )
    assert run("note-date-mismatch", text) == []


def test_a_url_dated_a_year_off_is_still_a_mismatch(run) -> None:
    text = _article(
        _web("Port Days", "April 8, 2016", "https://herald.example.org/2015/04/08/port-days")
    )
    assert [f.evidence["url_date"] for f in run("note-date-mismatch", text)] == ["2015-04-08"]


def test_a_url_dated_months_before_the_printed_date_is_a_page_updated(run) -> None:
    text = _article(
        _web("Port Days", "September 8, 2020", "https://herald.example.org/2020/07/30/port-days")
    )
    assert run("note-date-mismatch", text) == []


def test_an_author_in_small_capitals_and_in_title_case_is_one_spelling(run) -> None:
    text = _article(
        'Ana MARKOVIĆ, "Port Days," *Herald*, (May 1, 2024).',
        'Ana Marković, "River Nights," *Herald*, (May 2, 2024).',
    )
    assert run("citation-variant", text) == []


def test_an_author_spelled_without_its_marks_is_still_a_variant(run) -> None:
    text = _article(
        'Ana Marković, "Port Days," *Herald*, (May 1, 2024).',
        'Ana Markovic, "River Nights," *Herald*, (May 2, 2024).',
    )
    assert [f.evidence["field"] for f in run("citation-variant", text)] == ["author"]


FILLER = " ".join(
    f"Filler sentence number {n} says something else entirely here." for n in range(20)
)
BASE = "The committee met in the old harbour office to discuss the dredging budget for the port"


def test_a_near_copy_far_from_its_original_is_a_parallel_not_a_draft(run) -> None:
    text = f"{HEAD}{BASE}.\n\n{FILLER}\n\n{BASE} again.\n\nNotes\n\n1. A note.\n"
    assert run("duplicate-sentence", text) == []


def test_a_near_copy_beside_its_original_is_raised(run) -> None:
    text = f"{HEAD}{BASE}. {BASE} again.\n\nNotes\n\n1. A note.\n"
    assert [f.severity.value for f in run("duplicate-sentence", text)] == ["warning"]


def test_a_verbatim_copy_far_away_is_still_shown_as_info(run) -> None:
    # Inside paragraphs of their own text: a paragraph that only repeats is a pull quote.
    text = (
        f"{HEAD}Ports matter. {BASE}.\n\n{FILLER}\n\n{BASE}. So it ended.\n\nNotes\n\n1. A note.\n"
    )
    assert [f.severity.value for f in run("duplicate-sentence", text)] == ["info"]


def test_a_run_of_line_numbers_is_not_a_sentence(run) -> None:
    numbers = " ".join(str(n) for n in range(7, 34))
    text = f"{HEAD}{numbers}\n\nProse.\n\n{numbers}\n\nNotes\n\n1. A note.\n"
    assert run("duplicate-sentence", text) == []


def test_one_url_cited_for_two_unlike_titles_is_a_page_serving_many(run) -> None:
    url = "https://data.example.gov/herd-figures"
    text = _article(
        _web("Population Estimates", "May 1, 2024", url), _web("Holding Pens", "May 2, 2024", url)
    )
    assert run("citation-variant", text) == []


def test_a_database_search_page_cited_for_two_searches_is_not_one_source(run) -> None:
    url = "https://db.example.com/Search/Home.html"
    text = _article(
        _web("Search Results: Opinions Mentioning Port Privilege", "May 1, 2024", url),
        _web("Search Results: Mentions of Port Privilege Before 1990", "May 2, 2024", url),
    )
    assert run("citation-variant", text) == []
    page = "https://db.example.com/Search/opinions-port-privilege"
    text = _article(
        _web("Opinions Mentioning Port Privilege", "May 1, 2024", page),
        _web("Opinions Mentioning the Port Privileges", "May 2, 2024", page),
    )
    assert [f.evidence["field"] for f in run("citation-variant", text)] == ["title"]


def test_one_url_cited_at_two_unrelated_dates_is_a_living_page(run) -> None:
    url = "https://data.example.gov/port-figures"
    text = _article(
        _web("Port Figures", "July 12, 2023", url), _web("Port Figures", "March 17, 2025", url)
    )
    assert run("citation-variant", text) == []


def test_one_url_cited_at_dates_a_slip_apart_is_a_variant(run) -> None:
    url = "https://data.example.gov/port-figures"
    text = _article(
        _web("Port Figures", "July 12, 2023", url), _web("Port Figures", "July 12, 2024", url)
    )
    assert [f.evidence["field"] for f in run("citation-variant", text)] == ["date"]


def test_a_bluebook_archive_link_glued_to_the_address_is_two_urls(run) -> None:
    note = "Ana Writer, Port Days, Herald (May 1, 2024), https://herald.example.org/port[https://perma.example.cc/AB12-CD34]."
    text = _article(note)
    assert run("broken-url", text) == []


def test_a_retrieved_year_before_the_web_is_not_a_retrieved_date(run) -> None:
    text = _article(
        '"Port Days," *Herald*, (May 1, 2023), retrieved 1609, from <https://herald.example.org/p>.'
    )
    assert run("note-date-mismatch", text) == []


def test_a_bare_year_in_the_sentence_is_not_an_event_to_date_the_note_against(run) -> None:
    body = "In 2025 the port doubled its traffic.¹"
    text = (
        f"{HEAD}{body}\n\nNotes\n\n1. "
        + _web("Port Plans", "April 2, 2021", "https://herald.example.org/plans")
        + "\n"
    )
    assert run("note-date-mismatch", text) == []


def test_a_signal_read_as_a_title_is_not_a_title_variant(run) -> None:
    text = _article("See generally Ana Writer, *Ports* (London: House, 2001).", "See generally id.")
    assert run("citation-variant", text) == []


def test_a_sentence_of_the_abstract_restated_under_a_heading_is_info(run) -> None:
    text = (
        f"Title\n\n{BASE}. Ports matter a great deal to the towns along the river.\n\n"
        f"Introduction\n\nThe river carries most of the grain. {BASE}.\n\nNotes\n\n1. A note.\n"
    )
    assert [f.severity.value for f in run("duplicate-sentence", text)] == ["info"]


def test_a_negated_or_added_statement_is_not_a_near_copy(run) -> None:
    also = BASE.replace("met", "also met")
    never = BASE.replace("met", "never met")
    assert run("duplicate-sentence", f"{HEAD}{BASE}: yes. {also}: yes.\n\nNotes\n\n1. A.\n") == []
    assert run("duplicate-sentence", f"{HEAD}{BASE}. {never}.\n\nNotes\n\n1. A.\n") == []


def test_a_page_and_its_archived_copy_give_one_variant_finding(run) -> None:
    page, copy = "https://docs.example.org/awards/port-case.pdf", "https://perma.example.cc/QX7-PL2"
    text = _article(
        f'"Harbour Board v. Republic of Perú, Award," {page}, archived at {copy}.',
        f'"Harbour Board v. Republic of Peru, Award," {page}, archived at {copy}.',
    )
    found = run("citation-variant", text)
    assert [f.evidence["field"] for f in found] == ["title"]
    assert found[0].evidence["urls"] == [page, copy]
