"""note-date-mismatch and uncited-claim: fires and near misses."""

from __future__ import annotations

from claims.findings import Severity

HEAD = "Title\n\nIntroduction\n\n"


def _notes(*lines: str) -> str:
    return "\n\nNotes\n\n" + "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1)) + "\n"


WEB = (
    '"Deal Signed," *Herald*, ({date}), retrieved {ret}, from <https://herald.example.org/{path}>.'
)


def test_retrieved_before_published_is_an_error(run) -> None:
    text = (
        HEAD
        + "A thing happened.¹"
        + _notes(WEB.format(date="June 5, 2020", ret="June 1, 2020", path="x-y-z"))
    )
    findings = run("note-date-mismatch", text)
    assert [(f.severity, f.notes) for f in findings] == [(Severity.ERROR, (1,))]


def test_retrieved_on_the_day_of_publication_is_fine(run) -> None:
    text = (
        HEAD
        + "A thing happened.¹"
        + _notes(WEB.format(date="June 5, 2020", ret="June 5, 2020", path="x-y-z"))
    )
    assert run("note-date-mismatch", text) == []


def test_url_date_differing_from_cited_date(run) -> None:
    text = (
        HEAD
        + "A thing happened.¹"
        + _notes(WEB.format(date="June 2, 2020", ret="May 1, 2024", path="2019/06/02/deal-signed"))
    )
    findings = run("note-date-mismatch", text)
    assert [f.evidence["url_date"] for f in findings] == ["2019-06-02"]


def test_url_query_date_matching_cited_date_is_fine(run) -> None:
    line = '"T," *B92*, (June 25, 2023), retrieved May 9, 2024, from https://b92.example/n?yyyy=2023&mm=06&dd=25&nav_id=1.'
    assert run("note-date-mismatch", HEAD + "A thing.¹" + _notes(line)) == []


def test_news_item_dated_before_the_event_it_reports(run) -> None:
    text = (
        HEAD
        + "The agreement was signed on March 15, 2001.¹"
        + _notes(WEB.format(date="March 12, 2001", ret="May 1, 2024", path="deal-signed-today"))
    )
    findings = run("note-date-mismatch", text)
    assert [f.evidence["event_date"] for f in findings] == ["2001-03-15"]


def test_news_item_dated_after_the_event_and_books_are_fine(run) -> None:
    text = (
        HEAD
        + "The agreement was signed on March 15, 2001.¹ It was reviewed in 2015.²"
        + _notes(
            WEB.format(date="March 16, 2001", ret="May 1, 2024", path="deal-signed-today"),
            "Mira Ionescu, *Ports*, (Bucharest: Fluvial, 2010), p. 4.",
        )
    )
    assert run("note-date-mismatch", text) == []


def test_a_later_source_the_parser_did_not_date_keeps_the_note_quiet(run) -> None:
    # A press release of the day beside an earlier news item (Bluebook style, one note).
    note = (
        "Press Release, Ministry of Ports, Deal Signed (Mar. 15, 2001) (available at "
        "https://ports.example.gov/pr/deal). Earlier talks failed. Ana Pop, *Talks Fail*, "
        "Herald (Mar. 2, 2001), https://herald.example.org/talks."
    )
    text = HEAD + "The agreement was signed on March 15, 2001.¹" + _notes(note)
    assert run("note-date-mismatch", text) == []


def test_a_retrieved_date_after_the_event_does_not_quiet_the_note(run) -> None:
    # The day a page was read is no source's date, whatever the parser made of the note.
    note = (
        "Ana Pop, *Talks Fail*, Herald (Mar. 2, 2001), https://herald.example.org/talks "
        "(last visited Mar. 20, 2001)."
    )
    text = HEAD + "The agreement was signed on March 15, 2001.¹" + _notes(note)
    findings = run("note-date-mismatch", text)
    assert [f.evidence["event_date"] for f in findings] == ["2001-03-15"]


def test_date_belongs_to_the_list_item_before_the_call_not_to_an_uncited_neighbour(run) -> None:
    text = (
        HEAD
        + "Agreements with Serbia (April 8, 2010),¹ and Montenegro (October 16, 2014), and Kosovo (October 27, 2011).²"
        + _notes(
            WEB.format(date="April 9, 2010", ret="May 1, 2024", path="a-b-c"),
            WEB.format(date="October 28, 2011", ret="May 1, 2024", path="d-e-f"),
        )
    )
    assert run("note-date-mismatch", text) == []


def test_future_plans_are_not_events_a_source_must_postdate(run) -> None:
    text = (
        HEAD
        + "The port will be finished by March 2030.¹"
        + _notes(WEB.format(date="March 12, 2021", ret="May 1, 2024", path="port-plan-x"))
    )
    assert run("note-date-mismatch", text) == []


def test_uncited_list_item_beside_cited_siblings(run) -> None:
    text = (
        HEAD
        + (
            "Agreements with Serbia (April 8, 2010),¹ Kosovo (February 25, 2011),² "
            "and Montenegro (October 16, 2014), all in force."
        )
        + _notes("*A*, (2010).", "*B*, (2011).")
    )
    findings = run("uncited-claim", text)
    assert [f.evidence["item"] for f in findings] == ["Montenegro (October 16, 2014)"]


def test_uncited_claim_quiet_when_the_list_has_one_call_for_all(run) -> None:
    text = (
        HEAD
        + (
            "Agreements with Serbia (April 8, 2010), Kosovo (February 25, 2011), "
            "and Montenegro (October 16, 2014).¹"
        )
        + _notes("*A*, (2014).")
    )
    assert run("uncited-claim", text) == []
