"""Claims from cited body sentences: list items split by their calls, and each claim's facts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claims.article import Article, build_article
from claims.extract import extract_claims
from claims.facts import Claim, Fact, FactKind, Qualifier
from claims.readers.text import read_text
from sources.dates import PartialDate

BRIEF = Path(__file__).resolve().parents[2].parent / "shared" / "article"
BRIEF_TXT = BRIEF / "balkans-military-activism.txt"

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_INTRO = (
    "Since the end of the Cold War, Ankara has worked with its neighbours in the region on "
    "defense matters, and this short test article only exists to give the reader a body "
    "paragraph long enough to tell front matter from the text that follows it."
)


def _article(*paragraphs: str, front: str = "") -> Article:
    """An article whose body holds `paragraphs`; "{7}" (printed ⁷) or "[^7]" calls note 7."""
    body = "\n\n".join(paragraphs)
    found = re.findall(r"\{(\d+)\}|\[\^(\d+)\]", front + body)
    calls = [int(a or b) for a, b in found]
    body = re.sub(r"\{(\d+)\}", lambda m: m.group(1).translate(_SUPERSCRIPT), body)
    front = re.sub(r"\{(\d+)\}", lambda m: m.group(1).translate(_SUPERSCRIPT), front)
    notes = "\n".join(f"{n}. Source {n}, *Defense News*, (2020)." for n in range(1, max(calls) + 1))
    text = (
        f"A Test Article\n\n{front}\n\nIntroduction\n\n{_INTRO}\n\n{body}\n\nEndnotes\n\n{notes}\n"
    )
    return build_article(read_text(text), Path("test.txt"), "text", "0" * 64)


def _claims(*paragraphs: str) -> list[Claim]:
    return extract_claims(_article(*paragraphs))


def _only(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


def _of(claims: list[Claim], note: int) -> Claim:
    return next(c for c in claims if note in c.notes)


def _facts(claim: Claim, kind: FactKind) -> list[Fact]:
    return [f for f in claim.facts if f.kind is kind]


def _keys(claim: Claim, kind: FactKind) -> list[str]:
    return [f.key for f in _facts(claim, kind)]


# --- splitting ----------------------------------------------------------------------------

LISTING = (
    "Among the new accords are the Defense Cooperation Agreements with Serbia (May 5, 2018),{1} "
    "Croatia (June 9, 2020),{2} and Albania (March 2, 2022),{3} and the Naval Training "
    "Agreements with Greece (July 1, 2019),{4} and Montenegro (May 3, 2021).{5}"
)


def test_listing_sentence_gives_each_item_its_own_claim_and_notes() -> None:
    claims = _claims(LISTING)
    assert [c.notes for c in claims] == [(1,), (2,), (3,), (4,), (5,)]
    assert claims[1].text == "Croatia (June 9, 2020),"
    assert _keys(claims[1], FactKind.DATE) == ["2020-06-09"]
    assert _keys(claims[1], FactKind.PARTY) == ["HR"]


def test_list_items_inherit_the_event_of_the_head_they_share() -> None:
    claims = _claims(LISTING)
    assert all(_keys(c, FactKind.EVENT) == ["agreement-signed"] for c in claims)
    second_head = next(f for f in claims[3].facts if f.kind is FactKind.EVENT)
    assert second_head.text == "Agreements"
    assert second_head in claims[4].facts  # Montenegro's item shares the Naval Training head
    assert _keys(claims[4], FactKind.PARTY) == ["ME"]  # and not Greece, the head's own item


def test_claim_ids_count_the_claims_of_a_sentence_in_order() -> None:
    claims = _claims(LISTING)
    index = claims[0].sentence
    assert [c.id for c in claims] == [f"s{index}-{n}" for n in range(1, 6)]
    assert extract_claims(_article(LISTING)) == claims  # deterministic


def test_call_after_a_comma_mid_sentence_splits_the_sentence() -> None:
    claims = _claims(
        "To that end, Türkiye gives Albania naval training,{1} vessels, and radar support.{2}"
    )
    assert [(c.text, c.notes) for c in claims] == [
        ("To that end, Türkiye gives Albania naval training,", (1,)),
        ("vessels, and radar support.", (2,)),
    ]
    assert _keys(claims[1], FactKind.PARTY) == ["TR", "AL"]  # who gives what to whom


def test_calls_all_at_the_end_make_one_claim_with_all_their_notes() -> None:
    claim = _only(_claims("Türkiye delivered two patrol boats to Albania in 2021.[^1][^2]"))
    assert claim.notes == (1, 2)
    assert claim.text == "Türkiye delivered two patrol boats to Albania in 2021."


def test_call_inside_a_phrase_stays_with_its_sentence() -> None:
    claim = _only(_claims("Türkiye is one of the nine members{1} of the centre in Zagreb.{2}"))
    assert claim.notes == (1, 2)


def test_uncited_tail_after_a_mid_sentence_call_is_left_out() -> None:
    claim = _only(_claims("As Greece saw the ties as a threat,{1} it opposed the mission."))
    assert claim.text == "As Greece saw the ties as a threat,"


# --- dates ----------------------------------------------------------------------------------


def test_dates_keep_their_precision() -> None:
    claim = _only(
        _claims("Talks began in 2019, resumed in March 2020 and closed on June 3, 2021.{1}")
    )
    assert [f.date for f in _facts(claim, FactKind.DATE)] == [
        PartialDate(2019),
        PartialDate(2020, 3),
        PartialDate(2021, 6, 3),
    ]


@pytest.mark.parametrize(
    ("sentence", "first", "last"),
    [
        (
            "It served from April 16 to August 1, 1997.{1}",
            PartialDate(1997, 4, 16),
            PartialDate(1997, 8, 1),
        ),
        ("It chaired the group between 2003 and 2004.{1}", PartialDate(2003), PartialDate(2004)),
        ("He led the centre from 2015 to 2018.{1}", PartialDate(2015), PartialDate(2018)),
        ("Exports grew in 2019-2023.{1}", PartialDate(2019), PartialDate(2023)),
        (
            "It ran from September 2001 to March 2003.{1}",
            PartialDate(2001, 9),
            PartialDate(2003, 3),
        ),
    ],
)
def test_a_date_range_is_one_fact_with_its_end(
    sentence: str, first: PartialDate, last: PartialDate
) -> None:
    (date,) = _facts(_only(_claims(sentence)), FactKind.DATE)
    assert (date.date, date.end_date) == (first, last)
    assert date.key == f"{first.isoformat()}/{last.isoformat()}"


def test_decades_and_resolution_numbers_are_not_dates() -> None:
    claim = _only(
        _claims(
            "In the 1990s, UNSC Resolution 757 and Resolution 1244 were adopted, and Resolution "
            "1701 followed in 2006.{1}"
        )
    )
    assert _keys(claim, FactKind.DATE) == ["2006"]
    assert _facts(claim, FactKind.FIGURE) == []


# --- figures --------------------------------------------------------------------------------


def test_money_is_scaled_and_carries_its_currency() -> None:
    claim = _only(
        _claims("In 2023, Romania signed a $321 million contract and paid €1.5 billion more.{1}")
    )
    assert [(f.number, f.unit) for f in _facts(claim, FactKind.FIGURE)] == [
        (321_000_000, "USD"),
        (1_500_000_000, "EUR"),
    ]


def test_percentages_and_ordinals() -> None:
    claim = _only(
        _claims(
            "Its share grew from 0.7 percent to 1.6 percent, making it the 11th-largest exporter.{1}"
        )
    )
    assert [(f.number, f.unit) for f in _facts(claim, FactKind.FIGURE)] == [
        (0.7, "%"),
        (1.6, "%"),
        (11, "ordinal"),
    ]


def test_counts_in_digits_and_in_words_carry_their_noun() -> None:
    claim = _only(
        _claims("Romania bought 18 TB2 UAVs, two frigates and eleven military officers' kits.{1}")
    )
    figures = _facts(claim, FactKind.FIGURE)
    assert [(f.text, f.number) for f in figures] == [("18", 18), ("two", 2), ("eleven", 11)]
    assert figures[0].unit == "uav"
    assert figures[1].unit == "ships"  # a frigate counts as a ship in every language
    assert all(f.unit for f in figures)


@pytest.mark.parametrize(
    ("phrase", "qualifier"),
    [
        ("about 1,500 troops", Qualifier.ABOUT),
        ("some 300 vehicles", Qualifier.ABOUT),
        ("nearly 40 officers", Qualifier.ABOUT),
        ("more than 200 soldiers", Qualifier.MORE_THAN),
        ("over 185 countries", Qualifier.MORE_THAN),
        ("at least 12 helicopters", Qualifier.MORE_THAN),
        ("less than 5 percent", Qualifier.LESS_THAN),
        ("up to $50 million", Qualifier.LESS_THAN),
        ("1,500 troops", Qualifier.EXACT),
    ],
)
def test_qualifier_attaches_to_the_figure_it_precedes(phrase: str, qualifier: Qualifier) -> None:
    claim = _only(_claims(f"In 2022, the force sent {phrase} to the region.{{1}}"))
    (figure,) = _facts(claim, FactKind.FIGURE)
    assert figure.qualifier is qualifier


def test_qualifier_binds_only_its_own_figure() -> None:
    claim = _only(_claims("It sent about 1,500 troops and 12 helicopters in 2022.{1}"))
    assert [f.qualifier for f in _facts(claim, FactKind.FIGURE)] == [
        Qualifier.ABOUT,
        Qualifier.EXACT,
    ]


# --- parties and events -----------------------------------------------------------------------


def test_parties_are_countries_organisations_and_titled_persons() -> None:
    claim = _only(
        _claims(
            "Defense Minister Yaşar Güler met Prime Minister Edi Rama in Tirana and pledged "
            "support for NATO, KFOR and the Kosovo Security Force.{1}"
        )
    )
    parties = {(f.key, f.party_type) for f in _facts(claim, FactKind.PARTY)}
    assert {
        ("yasar guler", "person"),
        ("edi rama", "person"),
        ("nato", "organisation"),
        ("kfor", "organisation"),
        ("kosovo security force", "organisation"),
        ("XK", "country"),
    } <= parties
    assert not any(t == "person" and "tirana" in k for k, t in parties)


def test_acronyms_the_article_defines_and_persons_it_titles_are_known_everywhere() -> None:
    claims = _claims(
        "Türkiye chaired the Multinational Advisory Group (MAG) in 2004.{1}",
        "Serbian President Aleksandar Vučić objected in 2023.{2} Later, Vučić asked the MAG for "
        "a meeting in 2024.{3}",
    )
    later = _of(claims, 3)
    assert {("mag", "organisation"), ("vucic", "person")} <= {
        (f.key, f.party_type) for f in _facts(later, FactKind.PARTY)
    }


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("A Military Training Cooperation Agreement was signed in 1996.{1}", "agreement-signed"),
        ("The two ministries concluded a protocol in 2010.{1}", "agreement-signed"),
        ("The first drones were delivered in May 2023.{1}", "delivery"),
        ("The army received 20 vehicles in 2023.{1}", "delivery"),
        ("Türkiye deployed a battalion in 1994.{1}", "deployment"),
        ("A battalion joined the operation in 1999.{1}", "deployment"),
        ("Romania purchased drones in 2023.{1}", "purchase"),
        ("Kosovo acquired drones in 2022.{1}", "purchase"),
        ("The minister visited Sarajevo in 2021.{1}", "visit"),
        ("Türkiye took over the command of the force in 2023.{1}", "command"),
    ],
)
def test_event_kind(sentence: str, event: str) -> None:
    assert event in _keys(_only(_claims(sentence)), FactKind.EVENT)


def test_a_passing_mention_of_an_agreement_is_no_signing() -> None:
    claim = _only(_claims("Some analysts argue that these agreements matter in 2024.{1}"))
    assert _keys(claim, FactKind.EVENT) == []


# --- negation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("Türkiye did not sign the agreement in 2019.{1}", True),
        ("The battalion was not deployed in 2020.{1}", True),
        ("Serbia never bought the drones.{1}", True),
        ("The unit is no longer stationed in Prizren.{1}", True),
        ("As the talks did not progress, Türkiye sent a battalion in 2020.{1}", False),
        ("Türkiye sent a battalion in 2020.{1}", False),
    ],
)
def test_negation_of_the_main_clause_marks_the_claim(sentence: str, negated: bool) -> None:
    assert _only(_claims(sentence)).negated is negated


# --- what is not body text ------------------------------------------------------------------


def test_captions_front_matter_and_pull_quotes_make_no_claims() -> None:
    pull = (
        "The stability of the whole region depends on the military cooperation of its many "
        "neighbours and on their willingness to work together"
    )
    article = _article(
        f"Officials agree on one point. {pull}. It was signed in 2020.{{2}}",
        pull,
        "Table 1: Arms exports to the region in 2019-2023 (USD million){3}",
        front="ABSTRACT Türkiye signed many agreements in the 2010s.{1}",
    )
    claims = extract_claims(article)
    assert [c.notes for c in claims] == [(2,)]
    kinds = {b.kind.value for b in article.blocks}
    assert {"pull-quote", "caption", "front-matter"} <= kinds


# --- the brief's article --------------------------------------------------------------------


@pytest.mark.brief
def test_brief_article_claims_cover_every_called_note_and_its_key_facts() -> None:
    if not BRIEF_TXT.exists():
        pytest.skip(f"the brief's article is not at {BRIEF_TXT} (it lives in ../shared/article/)")
    from claims.article import read_article

    article = read_article(BRIEF_TXT)
    claims = extract_claims(article)
    covered = {n for c in claims for n in c.notes}
    assert covered == set(article.called_notes())
    assert len(covered) == 116

    romania = _of(claims, 88)
    figures = {(f.number, f.unit) for f in _facts(romania, FactKind.FIGURE)}
    assert (321_000_000, "USD") in figures
    assert (18, "uav") in figures
    assert "RO" in _keys(romania, FactKind.PARTY)
    assert "purchase" in _keys(romania, FactKind.EVENT)

    kosovo = _of(claims, 75)
    assert kosovo.notes == (75,)
    assert [f.date for f in _facts(kosovo, FactKind.DATE)] == [PartialDate(2024, 1, 30)]
    assert "XK" in _keys(kosovo, FactKind.PARTY)
    assert "agreement-signed" in _keys(kosovo, FactKind.EVENT)
