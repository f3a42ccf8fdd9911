"""The rules that turn the labeller's token labels into fields (no model needed here)."""

from __future__ import annotations

from sources.citation_features import featurize, tokenize
from sources.citation_fields import _join_words, _journal_tail, _mend


def _runs(text: str, spans: list[tuple[str, str]]) -> list[tuple[str, int, int]]:
    """Runs from (label, exact text) pieces found in order in `text`."""
    out, position = [], 0
    for label, piece in spans:
        start = text.index(piece, position)
        if start > position:
            out.append(("O", position, start))
        out.append((label, start, start + len(piece)))
        position = start + len(piece)
    return out


def _values(runs: list[tuple[str, int, int]], text: str) -> list[tuple[str, str]]:
    return [(label, text[a:b]) for label, a, b in runs if label != "O"]


def test_a_hyphenated_or_possessive_word_is_one_fields() -> None:
    tokens = tokenize("Shift-Invariant Spaces, Tesla’s patch, Jean-Luc 12-15")
    labels = ["title", "O", "container"] + ["title"] * 2 + ["O"] * 4 + ["author"] * 3
    labels += ["pages"] * (len(tokens) - len(labels))
    joined = _join_words(tokens, labels)
    assert joined[:3] == ["title"] * 3  # Shift - Invariant
    assert joined[5:8] == ["O"] * 3  # Tesla ’ s keeps the first part's label
    assert joined[10:13] == ["author"] * 3  # Jean - Luc: "Luc" was labelled pages
    assert joined[-3:] == ["pages"] * 3  # digits are not words: 12-15 untouched


def test_an_articles_title_run_into_its_journal_is_split() -> None:
    text = (
        "MacWhinney, B. (1993). Connections and symbols: closing the gap. Cognition, 49, 291-296."
    )
    runs = _runs(
        text,
        [
            ("author", "MacWhinney, B."),
            ("date", "1993"),
            ("title", "Connections and symbols: closing the gap. Cognition"),
            ("volume", "49"),
            ("pages", "291-296"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("title", "Connections and symbols: closing the gap") in values
    assert ("container", "Cognition") in values


def test_a_books_subtitle_is_not_taken_for_a_journal() -> None:
    text = "Crease, R. (2004). Philosophy of science. How science moves. London: Verso."
    runs = _runs(
        text,
        [
            ("author", "Crease, R."),
            ("date", "2004"),
            ("title", "Philosophy of science. How science moves"),
        ],
    )
    assert _values(_mend(runs, text), text)[-1] == (
        "title",
        "Philosophy of science. How science moves",
    )


def test_names_end_at_a_full_stop_after_a_whole_word() -> None:
    text = "L. G. Valiant. A Bridging Model for Parallel Computation. Commun. ACM 33, 103-111."
    runs = _runs(
        text,
        [
            ("author", "L. G. Valiant. A Bridging"),
            ("title", "Model for Parallel Computation"),
            ("container", "Commun. ACM"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert values[:2] == [
        ("author", "L. G. Valiant"),
        ("title", "A Bridging Model for Parallel Computation"),
    ]


def test_the_lookahead_feature_sees_what_follows_the_next_separator() -> None:
    tokens = tokenize("Title words. Journal, 12(2)")
    feats = featurize(tokens)
    assert feats[0]["next_sep"] == ".X"  # "Title" -> ". Journal"
    assert feats[2]["next_sep"] == ",d"  # the full stop -> ", 12"


def test_a_colon_after_a_title_opens_its_subtitle_not_the_container() -> None:
    text = "Okafor, N. (2011). River towns: A social history of trade. Urban Studies, 12, 40-52."
    runs = _runs(
        text,
        [
            ("author", "Okafor, N."),
            ("date", "2011"),
            ("title", "River towns"),
            ("container", "A social history of trade. Urban Studies"),
            ("volume", "12"),
            ("pages", "40-52"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("title", "River towns: A social history of trade") in values
    assert ("container", "Urban Studies") in values
    book = "Okafor, N. River towns: A social history of trade. 2011."
    runs = _runs(book, [("title", "River towns"), ("container", "A social history of trade")])
    assert _values(_mend(runs, book), book) == [("title", "River towns: A social history of trade")]


def test_a_journal_cited_without_a_title_stays_the_container() -> None:
    text = "[4] K. Osei and T. Lind, Astron. Nachr. 21, 118 (1998)."
    runs = _runs(
        text,
        [
            ("author", "K. Osei and T. Lind"),
            ("container", "Astron. Nachr"),
            ("volume", "21"),
            ("pages", "118"),
            ("date", "1998"),
        ],
    )
    assert ("container", "Astron. Nachr") in _values(_mend(runs, text), text)
    # a title the labeller called a container is still the title
    book = "K. Osei. Harbours and Kings. 1998."
    runs = _runs(book, [("author", "K. Osei"), ("container", "Harbours and Kings")])
    assert ("title", "Harbours and Kings") in _values(_mend(runs, book), book)


def test_a_title_the_names_ran_over_is_taken_back() -> None:
    text = "Ruth A. Mbeki. Tide Tables. Harbour Press, Leeds, 2001."
    runs = _runs(
        text,
        [
            ("author", "Ruth A. Mbeki. Tide Tables. Harbour Press"),
            ("place", "Leeds"),
            ("date", "2001"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert values[:2] == [("author", "Ruth A. Mbeki"), ("title", "Tide Tables")]
    # the title labelled as editors right after the names, a subtitle after its colon
    text = "Mbeki, Ruth. Tides: A Field Guide. Edited by O. Lind. Leeds: Harbour, 2001."
    runs = _runs(
        text,
        [
            ("author", "Mbeki, Ruth"),
            ("editor", "Tides"),
            ("author", "A Field Guide. Edited by O. Lind"),
            ("place", "Leeds"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("title", "Tides: A Field Guide") in values
    # editors after a cue are editors
    text = "Mbeki, Ruth. Edited by O. Lind. Leeds: Harbour, 2001."
    runs = _runs(text, [("author", "Mbeki, Ruth"), ("editor", "Edited by O. Lind")])
    assert ("editor", "Edited by O. Lind") in _values(_mend(runs, text), text)


def test_a_title_ends_where_a_sentence_names_the_kind_of_work() -> None:
    text = "Osei, K. (2019). Salt roads revisited. Paper presented at the Annual Trade Meeting."
    runs = _runs(
        text,
        [
            ("author", "Osei, K."),
            ("date", "2019"),
            ("title", "Salt roads revisited. Paper presented at the Annual Trade Meeting"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("title", "Salt roads revisited") in values
    assert ("container", "Paper presented at the Annual Trade Meeting") in values
    text = "Osei, K. Salt roads. Doctoral dissertation, Leeds University, 2019."
    runs = _runs(text, [("author", "Osei, K."), ("title", "Salt roads. Doctoral dissertation")])
    values = _values(_mend(runs, text), text)
    assert values[1:] == [("title", "Salt roads"), ("genre", "Doctoral dissertation")]


def test_the_run_after_a_title_is_its_container_when_numbers_follow() -> None:
    text = "Osei, Kofi. “Salt Roads.” Harbour Weekly 3 May 1999: 12-14."
    runs = _runs(
        text,
        [
            ("author", "Osei, Kofi"),
            ("title", "Salt Roads"),
            ("place", "Harbour Weekly"),
            ("date", "3 May 1999"),
            ("pages", "12-14"),
        ],
    )
    assert ("container", "Harbour Weekly") in _values(_mend(runs, text), text)
    text = "Osei, Kofi. Salt Roads. Leeds: Harbour, 1999."
    runs = _runs(
        text,
        [("author", "Osei, Kofi"), ("title", "Salt Roads"), ("place", "Leeds"), ("date", "1999")],
    )
    assert ("place", "Leeds") in _values(_mend(runs, text), text)  # a colon: the imprint
    text = "Osei, Kofi. “Salt.” In Trade Roads, edited by Ama Lind. Leeds: Harbour, 1999."
    runs = _runs(
        text,
        [
            ("author", "Osei, Kofi"),
            ("title", "Salt"),
            ("editor", "Trade Roads, edited by Ama Lind"),
            ("place", "Leeds"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("container", "Trade Roads") in values
    assert ("editor", "Ama Lind") in values


def test_a_container_ends_at_its_volume_an_imprint_or_a_year() -> None:
    for printed, container in (
        ("Tide Studies, volume 12 of Notes in Hydrology", "Tide Studies"),
        ("Neue Wege der Hafenkunde. Leeds: Harbour", "Neue Wege der Hafenkunde"),
        ("Proc. Harb. Soc. 2011", "Proc. Harb. Soc."),
    ):
        text = f"K. Osei. Salt roads. {printed}, 4."
        runs = _runs(
            text,
            [
                ("author", "K. Osei"),
                ("title", "Salt roads"),
                ("container", printed),
                ("pages", "4"),
            ],
        )
        assert ("container", container) in _values(_mend(runs, text), text)


def test_a_books_imprint_and_a_title_without_names() -> None:
    text = "Osei, K. A. Salt Roads. Leeds: Harbour Books, 1999."
    runs = _runs(
        text,
        [
            ("author", "Osei, K. A. Salt Roads"),
            ("place", "Leeds"),
            ("container", "Harbour Books"),
            ("date", "1999"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert values[:4] == [
        ("author", "Osei, K. A."),
        ("title", "Salt Roads"),
        ("place", "Leeds"),
        ("publisher", "Harbour Books"),
    ]
    text = "———. Salt Roads, trans. O. Lind. Leeds: Harbour Books, 1999."
    runs = _runs(text, [("author", "Salt Roads, trans"), ("editor", "O. Lind")])
    assert _values(_mend(runs, text), text)[0] == ("title", "Salt Roads")


def test_a_title_ends_before_an_imprint_or_a_volume_count() -> None:
    for printed in ("Salt roads. Leeds Hill: Harbour Books", "Salt roads, 2 vols"):
        text = f"Osei, K. (1999). {printed}. 1999."
        runs = _runs(text, [("author", "Osei, K."), ("date", "1999"), ("title", printed)])
        assert ("title", "Salt roads") in _values(_mend(runs, text), text)
    # a sentence-case title run into a site's or a journal's name, no volume printed
    text = "Osei, K. (1999). Salt roads of the north. The Harbour and River Text Archive."
    runs = _runs(
        text,
        [
            ("author", "Osei, K."),
            ("date", "1999"),
            ("title", "Salt roads of the north. The Harbour and River Text Archive"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("title", "Salt roads of the north") in values
    assert ("container", "The Harbour and River Text Archive") in values


def test_a_container_that_begins_with_the_titles_end_gives_it_back() -> None:
    text = "Osei, K., Salt roads of the north, Leeds, England. Harbour Letters, v. 4, pp. 1-9."
    runs = _runs(
        text,
        [
            ("author", "Osei, K."),
            ("title", "Salt roads of the north"),
            ("container", "Leeds, England. Harbour Letters"),
            ("volume", "4"),
            ("pages", "1-9"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("title", "Salt roads of the north, Leeds, England") in values
    assert ("container", "Harbour Letters") in values
    text = "Osei, K., Salt roads. Proc. Natl. Acad. Harb. 4, 1-9."
    runs = _runs(
        text,
        [
            ("author", "Osei, K."),
            ("title", "Salt roads"),
            ("container", "Proc. Natl. Acad. Harb"),
            ("volume", "4"),
            ("pages", "1-9"),
        ],
    )
    assert ("container", "Proc. Natl. Acad. Harb") in _values(_mend(runs, text), text)


def test_a_place_after_a_comma_is_the_imprints_not_a_container() -> None:
    text = "Osei, A. Harbour Handbook. Penfold, Leeds, 1992."
    runs = _runs(
        text,
        [
            ("author", "Osei, A."),
            ("title", "Harbour Handbook. Penfold"),
            ("place", "Leeds"),
            ("date", "1992"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("title", "Harbour Handbook") in values
    assert not [v for v in values if v[0] == "container"]


def test_a_magazine_dated_to_the_day_is_not_taken_for_a_publisher() -> None:
    text = (
        "Lind, A. (2019, May 3). Salt roads, revisited. The Harbour. Retrieved from http://x.org/a"
    )
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("date", "2019"),
            ("date", "May 3"),
            ("title", "Salt roads, revisited. The Harbour"),
            ("url", "http://x.org/a"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("container", "The Harbour") in values
    assert not [v for v in values if v[0] == "publisher"]
    text = "Lind, A. (2019). Salt roads revisited. Harbour Review of Letters. Leeds."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("date", "2019"),
            ("title", "Salt roads revisited. Harbour Review"),
        ],
    )
    assert ("container", "Harbour Review") in _values(_mend(runs, text), text)


def test_a_container_the_citation_opens_with_in_keeps_its_first_sentence() -> None:
    text = "Lind, A. 2011. Salt roads. In: Salz und Meer. Zeitschrift für Häfen. 19, 146-151."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("date", "2011"),
            ("title", "Salt roads"),
            ("container", "Salz und Meer. Zeitschrift für Häfen"),
            ("volume", "19"),
            ("pages", "146-151"),
        ],
    )
    assert ("container", "Salz und Meer. Zeitschrift für Häfen") in _values(_mend(runs, text), text)
    text = "Lind, A. Salt roads. Harbour medicine. Supplement, 52, 1-7."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("title", "Salt roads"),
            ("container", "Harbour medicine. Supplement"),
            ("volume", "52"),
            ("pages", "1-7"),
        ],
    )
    assert ("container", "Harbour medicine. Supplement") in _values(_mend(runs, text), text)


def test_a_titles_first_part_run_into_one_name_goes_back_to_the_title() -> None:
    text = "Lind, Ada S. Salt and Iron: Harbours of the North. Leeds: Penfold, 1989."
    runs = _runs(
        text,
        [
            ("author", "Lind, Ada S. Salt and Iron"),
            ("title", "Harbours of the North"),
            ("place", "Leeds"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert values[:2] == [
        ("author", "Lind, Ada S"),
        ("title", "Salt and Iron: Harbours of the North"),
    ]
    text = "Ama Osei, Salt Roads, Iron Gates: A History of the Harbour (Leeds: Penfold, 1999)."
    runs = _runs(
        text,
        [("author", "Ama Osei, Salt Roads, Iron Gates"), ("title", "A History of the Harbour")],
    )
    values = _values(_mend(runs, text), text)
    assert values[:2] == [
        ("author", "Ama Osei"),
        ("title", "Salt Roads, Iron Gates: A History of the Harbour"),
    ]
    text = "Osei, Ama, and Lind, A.: Salt. Leeds: Penfold, 1999."  # more names: left alone
    runs = _runs(text, [("author", "Osei, Ama, and Lind, A."), ("title", "Salt")])
    assert _values(_mend(runs, text), text)[0] == ("author", "Osei, Ama, and Lind, A.")


def test_an_abbreviated_or_named_journal_or_one_after_in_stays_the_container() -> None:
    for journal in ("Harb. Lett.", "Int. J. Harb. Stud. A", "Journal of Harbour Studies"):
        text = f"[3] A. Lind, B. Osei, {journal} 2010, 10, 1012."
        runs = _runs(
            text,
            [
                ("author", "A. Lind, B. Osei"),
                ("container", journal),
                ("date", "2010"),
                ("volume", "10"),
                ("pages", "1012"),
            ],
        )
        assert ("container", journal) in _values(_mend(runs, text), text), journal
    text = "Lind, A. (1993). Salt. In Proceedings of the Harbour Conference, pp. 3-20."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("date", "1993"),
            ("container", "Proceedings of the Harbour Conference"),
            ("pages", "3-20"),
        ],
    )
    assert ("container", "Proceedings of the Harbour Conference") in _values(
        _mend(runs, text), text
    )


def test_a_book_title_with_an_abbreviation_is_still_the_title() -> None:
    text = "Osei, A. Salt Roads, J. Harbour Press, 1999, 12-19."
    runs = _runs(
        text,
        [("author", "Osei, A."), ("container", "Salt Roads, J. Harbour Press"), ("pages", "12-19")],
    )
    assert _values(_mend(runs, text), text)[1][0] == "title"


def test_a_container_ends_before_its_issues_words_an_imprint_or_retrieved() -> None:
    for container, rest in (
        ("Harbour Studies", ", Special Issue: Salt Roads"),
        ("Harb Stud", " (Suppl 1)"),
        ("Proceedings of the Salt Conference", ". Orlando, Florida: Penfold Press"),
        ("Salt in History", ". Retrieved from Harbour Library"),
    ):
        text = f"Lind, A. Salt roads. {container}{rest}, 12, 3-9."
        runs = _runs(
            text,
            [
                ("author", "Lind, A."),
                ("title", "Salt roads"),
                ("container", container + rest),
                ("volume", "12"),
                ("pages", "3-9"),
            ],
        )
        assert ("container", container) in _values(_mend(runs, text), text), rest


def test_a_quoted_title_runs_to_its_closing_quote() -> None:
    text = 'A. Lind, "On salt roads at a northern harbour when tides are low," Harb. Lett. 14, 3-9.'
    runs = _runs(
        text,
        [
            ("author", "A. Lind"),
            ("title", "On salt roads at a northern harbour"),
            ("container", "when tides are low"),
            ("container", "Harb. Lett."),
            ("volume", "14"),
            ("pages", "3-9"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("title", "On salt roads at a northern harbour when tides are low") in values
    assert [v for v in values if v[0] == "container"] == [("container", "Harb. Lett.")]


def test_a_quoted_span_is_the_title_when_there_is_none() -> None:
    text = '"Ada S. Lind." In Harbourpedia. Last modified May 9, 2013. http://x.org/Ada_Lind.'
    runs = _runs(
        text,
        [
            ("author", "Ada S. Lind"),
            ("container", "Harbourpedia"),
            ("url", "http://x.org/Ada_Lind"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("title", "Ada S. Lind") in values and ("container", "Harbourpedia") in values


def test_a_meetings_place_is_cut_off_its_container() -> None:
    for place in (", Port Alder, WA", ", Orlando, Florida", ", Leiden"):
        text = f"Lind, A. Salt roads. Proc. Third Harbour Conference{place}, May 2-4, 1991, 3-9."
        runs = _runs(
            text,
            [
                ("author", "Lind, A."),
                ("title", "Salt roads"),
                ("container", f"Proc. Third Harbour Conference{place}"),
                ("date", "May 2-4"),
                ("date", "1991"),
                ("pages", "3-9"),
            ],
        )
        values = _values(_mend(runs, text), text)
        assert ("container", "Proc. Third Harbour Conference") in values, place


def test_a_journal_ending_in_words_like_a_place_keeps_them() -> None:
    # no meeting's word: "Salt, Harbour Studies" is the journal's own name
    text = "Lind, A. Salt roads. Review of Salt, Harbour Studies, 12, 3-9."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("title", "Salt roads"),
            ("container", "Review of Salt, Harbour Studies"),
            ("volume", "12"),
            ("pages", "3-9"),
        ],
    )
    assert ("container", "Review of Salt, Harbour Studies") in _values(_mend(runs, text), text)


def test_the_run_after_the_editors_cue_is_the_book() -> None:
    text = "Lind, A. (2004). Salt roads. In B. Osei & C. Ruiz (Eds.), Harbour life. Penfold."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("date", "2004"),
            ("title", "Salt roads"),
            ("editor", "B. Osei & C. Ruiz"),
            ("title", "Harbour life"),
            ("publisher", "Penfold"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert values[2] == ("title", "Salt roads") and ("container", "Harbour life") in values
    # the words between the cue and the run the labeller named belong to the book too
    text = "Lind, A. (2004). Salt roads. In B. Osei (Eds.), Tides: Harbour life. Penfold."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("date", "2004"),
            ("title", "Salt roads"),
            ("editor", "B. Osei"),
            ("title", "Harbour life"),
            ("publisher", "Penfold"),
        ],
    )
    assert ("container", "Tides: Harbour life") in _values(_mend(runs, text), text)


def test_an_edited_book_with_no_chapter_keeps_its_title() -> None:
    text = "Osei, B. & C. Ruiz (Eds.). (2004). Harbour life. Penfold."
    runs = _runs(
        text,
        [("editor", "Osei, B. & C. Ruiz"), ("date", "2004"), ("title", "Harbour life")],
    )
    values = _values(_mend(runs, text), text)
    assert ("title", "Harbour life") in values and all(v[0] != "container" for v in values)


def test_a_second_title_before_a_periodicals_numbers_is_the_container() -> None:
    text = '"Salt roads at a northern harbour." Harbour Letters 2010, 78, 3-9.'
    runs = _runs(
        text,
        [
            ("title", "Salt roads at a northern harbour"),
            ("title", "Harbour Letters"),
            ("date", "2010"),
            ("volume", "78"),
            ("pages", "3-9"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert values[:2] == [
        ("title", "Salt roads at a northern harbour"),
        ("container", "Harbour Letters"),
    ]


def test_a_title_cut_in_two_without_a_sentence_end_is_no_container() -> None:
    text = "Lind, A. Salt roads at the harbour 2010, 78, 3-9."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("title", "Salt roads"),
            ("title", "the harbour"),
            ("date", "2010"),
            ("volume", "78"),
            ("pages", "3-9"),
        ],
    )
    assert all(v[0] != "container" for v in _values(_mend(runs, text), text))


def test_a_series_is_the_container_when_there_is_no_other() -> None:
    text = "Lind, A. (1981). Salt roads. Progress in Harbour Studies, Vol. 1. Penfold, 3-9."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("date", "1981"),
            ("title", "Salt roads"),
            ("collection", "Progress in Harbour Studies"),
            ("volume", "1"),
            ("publisher", "Penfold"),
            ("pages", "3-9"),
        ],
    )
    assert ("container", "Progress in Harbour Studies") in _values(_mend(runs, text), text)


def test_a_title_run_on_into_the_container_with_no_separator_goes_back() -> None:
    text = "Lind, A. (2003). Salt in krill abundance at North Harbour. Harbour Letters 12(6): 3-9."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("date", "2003"),
            ("title", "Salt in krill abundance"),
            ("container", "North Harbour. Harbour Letters"),
            ("volume", "12"),
            ("issue", "6"),
            ("pages", "3-9"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("title", "Salt in krill abundance at North Harbour") in values
    assert ("container", "Harbour Letters") in values


def test_unlabelled_capitalized_words_before_a_volume_are_the_journal() -> None:
    text = "B. Osei, Harbour Letters 7 (2005)."
    runs = _runs(text, [("author", "B. Osei"), ("volume", "7"), ("date", "2005")])
    assert ("container", "Harbour Letters") in _values(_mend(runs, text), text)
    # lower-case words are no journal's name, and a title found keeps the rule out
    text = "B. Osei, see also 7 (2005)."
    runs = _runs(text, [("author", "B. Osei"), ("volume", "7"), ("date", "2005")])
    assert all(v[0] != "container" for v in _values(_mend(runs, text), text))
    text = "B. Osei, Salt roads, Harbour Letters 7 (2005)."
    runs = _runs(
        text, [("author", "B. Osei"), ("title", "Salt roads"), ("volume", "7"), ("date", "2005")]
    )
    assert all(v[0] != "container" for v in _values(_mend(runs, text), text))


def test_a_journal_at_the_end_of_a_title_run_is_cut_off_whole() -> None:
    # an abbreviated name keeps all its words ("Harb. Stud. Q.", not "Q."), a name written
    # out is found after a sentence that ends in a number-word ("type 4b.")
    text = "Lind, A. Salt roads in the north: a survey of type 4b. Harb. Stud. Q., 12, 33-45."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("title", "Salt roads in the north"),
            ("container", "a survey of type 4b. Harb. Stud. Q."),
            ("volume", "12"),
            ("pages", "33-45"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("title", "Salt roads in the north: a survey of type 4b") in values
    assert ("container", "Harb. Stud. Q.") in values
    text = "Lind, A. Salt roads of the type 4b. Northern Journal of Harbours, 12 33-45, 2001."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("title", "Salt roads of the type 4b. Northern Journal of Harbours"),
            ("volume", "12"),
            ("pages", "33-45"),
            ("date", "2001"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("title", "Salt roads of the type 4b") in values
    assert ("container", "Northern Journal of Harbours") in values
    # negatives: no journal's word, one abbreviation, a number, a journal's word before
    for title in (
        "Salt Roads. Tides And Harbours Of The North",
        "Salt roads of the north. Harb. Tides",
        "Salt roads of the north. Harb. Tides 2. Ed.",
        "A Journal of the salt roads. Studies Of Harbours",
    ):
        assert _journal_tail(title) is None, title


def test_a_meetings_name_is_kept_whole_through_its_year_and_acronym() -> None:
    text = "Lind, A. Salt roads. In Proc. 2003 Spring Harbour Conference, pages 3-9, 2003."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("title", "Salt roads"),
            ("container", "Proc"),
            ("O", "."),
            ("date", "2003"),
            ("editor", "Spring Harbour Conference"),
            ("pages", "3-9"),
            ("date", "2003"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert ("container", "Proc. 2003 Spring Harbour Conference") in values
    text = "Lind, A. (2003). Salt roads. In Proceedings HARB-03."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("date", "2003"),
            ("title", "Salt roads"),
            ("container", "Proceedings"),
            ("number", "HARB-03"),
        ],
    )
    assert ("container", "Proceedings HARB-03") in _values(_mend(runs, text), text)
    # negatives: a journal's name and its volume or year; a separator; no meeting, no "In"
    for pieces in (
        [("container", "Harbour Conference Letters"), ("date", "2003")],
        [("container", "Proc. Harbour Conference"), ("editor", "(ed. Osei")],
        [("container", "Harbour Studies"), ("number", "HARB-03")],
    ):
        text = "Lind, A. Salt roads. " + " ".join(piece for _, piece in pieces) + ", 12, 3-9."
        runs = _runs(text, [("author", "Lind, A."), ("title", "Salt roads"), *pieces])
        values = _values(_mend(runs, text), text)
        assert ("container", pieces[0][1]) in values, pieces


def test_a_later_container_its_numbers_follow_wins_over_a_fragment() -> None:
    text = "Lind, A., “The Salt Roads of 1861,” B. Osei (trans.), Harbour Review, 24 (2003), 3-22."
    runs = _runs(
        text,
        [
            ("author", "Lind, A."),
            ("title", "The Salt"),
            ("container", "Roads"),
            ("date", "1861"),
            ("editor", "B. Osei"),
            ("container", "Harbour Review"),
            ("volume", "24"),
            ("date", "2003"),
            ("pages", "3-22"),
        ],
    )
    values = _values(_mend(runs, text), text)
    assert [v for label, v in values if label == "container"] == ["Harbour Review"]
    # negatives: "In" marks the first; numbers follow the first too; the first is long
    for opening, first, rest in (
        ("In ", "Salt Roads", [("volume", "7"), ("editor", "B. Osei")]),
        ("", "Salt Roads", [("volume", "7"), ("editor", "B. Osei")]),
        ("", "Salt Roads of the North", [("editor", "B. Osei")]),
    ):
        middle = ", ".join(piece for _, piece in rest)
        text = f"Lind, A. Tides. {opening}{first}, {middle}, Harbour Series, 12, 3-22."
        if opening:  # the first without numbers after it: only "In" keeps it
            text = text.replace(", 7", "")
            rest = rest[1:]
        pieces = [("author", "Lind, A."), ("title", "Tides"), ("container", first), *rest]
        pieces += [("container", "Harbour Series"), ("volume", "12"), ("pages", "3-22")]
        values = _values(_mend(_runs(text, pieces), text), text)
        assert ("container", first) in values, text


def test_a_name_opening_a_note_after_the_title_is_the_container() -> None:
    text = "OSEI Ama, « les routes du sel », Annales des ports du Nord n°12, 2001, pp. 3-9"
    runs = _runs(
        text,
        [
            ("author", "OSEI Ama"),
            ("title", "les routes du sel"),
            ("note", "Annales des ports du Nord n°12,"),
            ("date", "2001"),
            ("pages", "3-9"),
        ],
    )
    assert ("container", "Annales des ports du Nord") in _values(_mend(runs, text), text)
    # negatives: commentary in lower case or a sentence; a container already there
    for note in ("see also the maps, 2001", "Reprinted with new maps in 2001, with notes"):
        text = f"OSEI Ama, « les routes du sel », {note}"
        runs = _runs(text, [("author", "OSEI Ama"), ("title", "les routes du sel"), ("note", note)])
        assert "container" not in [label for label, _ in _values(_mend(runs, text), text)], note


def test_a_title_run_right_after_in_is_the_container() -> None:
    text = "Osei A., Lind B., 2002, in ‘Salt Roads of the North’, eds. Marr C., Tide, p. 197"
    runs = _runs(
        text,
        [
            ("author", "Osei A., Lind B."),
            ("date", "2002"),
            ("title", "Salt Roads of the North"),
            ("editor", "Marr C."),
            ("publisher", "Tide"),
            ("locator", "197"),
        ],
    )
    assert ("container", "Salt Roads of the North") in _values(_mend(runs, text), text)
    # negative: "in" inside the title's sentence (no separator before it) marks nothing
    text = "Osei, A. 2002. Salt roads in Northern Harbours. Tide: Leeds."
    runs = _runs(
        text,
        [
            ("author", "Osei, A."),
            ("date", "2002"),
            ("title", "Northern Harbours"),
            ("place", "Leeds"),
        ],
    )
    assert ("title", "Northern Harbours") in _values(_mend(runs, text), text)


def test_a_paper_presented_at_a_meeting_has_the_meeting_for_container() -> None:
    for pieces, expected in (
        (
            [("genre", "Paper presented"), ("container", "the Harbour Symposium")],
            "Paper presented at the Harbour Symposium",
        ),
        ([("genre", "Poster"), ("number", "presented at HARB 12")], "Poster presented at HARB 12"),
    ):
        middle = " at " if pieces[0][1] == "Paper presented" else " "
        text = f"Osei, A. (2012, May). Salt roads. {pieces[0][1]}{middle}{pieces[1][1]}, Leeds."
        runs = _runs(
            text, [("author", "Osei, A."), ("date", "2012"), ("title", "Salt roads"), *pieces]
        )
        assert ("container", expected) in _values(_mend(runs, text), text), text
    # negatives: a thesis's or report's genre; a paper series' number
    for genre, rest in (("PhD thesis", "University of Leeds"), ("Working paper", "No. 12")):
        text = f"Osei, A. (2012). Salt roads. {genre}, {rest}."
        label = "publisher" if "University" in rest else "number"
        runs = _runs(
            text,
            [
                ("author", "Osei, A."),
                ("date", "2012"),
                ("title", "Salt roads"),
                ("genre", genre),
                (label, rest),
            ],
        )
        assert "container" not in [lab for lab, _ in _values(_mend(runs, text), text)], genre
