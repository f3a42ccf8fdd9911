"""The labeller's features: segments between field separators, conjunctions, lexicons."""

from __future__ import annotations

from sources.citation_features import featurize, tokenize


def _features_of(text: str, word: str) -> dict[str, float | str]:
    tokens = tokenize(text)
    index = next(i for i, t in enumerate(tokens) if t.text == word)
    return featurize(tokens)[index]


def test_a_title_segment_looks_unlike_a_surname_segment() -> None:
    text = (
        "Ferrand, S., Transfinite Orders of Axiomatic Kinds, J. Formal Logic, 27, 259-316 (1962)."
    )
    surname = _features_of(text, "Ferrand")
    title = _features_of(text, "Orders")
    assert (surname["seg_len"], surname["seg_fn"], surname["seg_idx"]) == ("1", "0", "0")
    assert (title["seg_len"], title["seg_fn"], title["seg_caps"]) == ("4", "1", "most")
    assert title["seg_longest"] == 1.0 and "seg_longest" not in surname
    # the initial's full stop does not end a segment; the comma after it does
    initial = _features_of(text, "S")
    assert initial["seg_init"] == "1" and initial["seg_idx"] == "1"
    # what follows the journal's segment: a comma, then digits
    assert _features_of(text, "Logic")["seg_close"] == ",d"
    assert _features_of(text, "259")["seg_close"] == "(year"
    assert _features_of(text, "Transfinite")["seg_prev"] == "1|none|0"  # the initial before it


def test_every_token_of_a_segment_shares_its_features() -> None:
    tokens = tokenize("Smith, J. A Study of Rivers. Water Journal, 4.")
    feats = featurize(tokens)
    seg = [f for t, f in zip(tokens, feats, strict=True) if t.text in ("Study", "Rivers")]
    keys = [k for k in seg[0] if k.startswith("seg_")]
    assert keys and all(seg[0][k] == seg[1][k] for k in keys)
    assert seg[0]["seg_ridx"] == "2"  # two segments after it: the journal and the volume


def test_lexicons_reach_the_segment_and_states_count_only_in_capitals() -> None:
    text = "Okafor, N. River Towns. Technical Report 7, Lakeside Press, Reading, MA, 2011."
    assert _features_of(text, "Report")["report"] == 1.0
    assert "pubword" in str(_features_of(text, "Lakeside")["seg_lex"])
    assert _features_of(text, "MA")["state"] == 1.0
    assert "state" not in _features_of("Essays in Honour of a Teacher", "in")


def test_conjunctions_and_the_wider_window() -> None:
    feats = _features_of("Nilsson, N. Probabilistic logic. Artificial Intelligence, 28", "logic")
    assert feats["w-1|w"] == "probabilistic|logic"
    assert feats["w|w+1"] == "logic|."
    assert feats["-3:w"] == "n"
    assert feats["3:w"] == "intelligence"


def test_a_journal_runs_into_its_numbers_and_a_title_crosses_a_full_stop() -> None:
    text = (
        "Okafor N, Lind P. Tidal marsh soils of the north. Coastal Soil Research 2009;14(2):101-9."
    )
    journal = _features_of(text, "Coastal")
    title = _features_of(text, "marsh")
    assert journal["na"] == "2||y" and journal["na_x"] == "-"
    assert title["na_x"] == "." and title["na"].endswith("|.|y")
    assert _features_of(text, "Research")["na"] == "0||y"
    # the numbers themselves: their place in the run and the run's shape
    assert _features_of(text, "14")["nrun_pos"] == "1|5"
    assert _features_of(text, "2009")["nrun"] == "y;d(d):d-d."
    # a book's lone year is no periodical's run: nothing ahead of the title
    book = "Okafor N. Tidal marsh soils. Lakeside: Harbour Press, 2009."
    assert "na" not in _features_of(book, "marsh")


def test_volume_and_page_words_stay_inside_the_run_of_numbers() -> None:
    text = "Lind, P., “Tidal marsh soils,” Coastal Letters, vol. 19, no. 5, pp. 955–962, 1989."
    assert _features_of(text, "Letters")["na"] == "0||d"
    assert _features_of(text, "955")["nrun_pos"] == "2|5"
    # "No" before a word is a word, not an issue number's cue
    assert "na" in _features_of("Lind P. No tides in the bay. Coastal Letters 4, 7-9.", "tides")


def test_abbreviated_words_in_a_run_and_initials_alone() -> None:
    text = "Okafor N. et al., J. Coast. Res. 2014, 47, 1797-1803."
    assert _features_of(text, "Coast")["abbr"] == "21"  # two cut words and an initial
    assert _features_of(text, "J")["abbr"] == "21"
    assert "abbr" not in _features_of(text, "Okafor")
    assert "abbr" not in _features_of("Okafor, N. P. A study of tides.", "N")  # initials only


def test_periodical_words_of_many_languages_reach_the_segment() -> None:
    text = "Okafor, N. Gelgit bataklıkları. Kıyı Araştırmaları Dergisi, 4, 1-9."
    assert _features_of(text, "Dergisi")["periodical"] == 1.0
    assert _features_of(text, "Kıyı")["seg_periodical"] == "1"
    assert _features_of(text, "bataklıkları")["seg_periodical"] == "0"


def test_a_number_before_the_journal_marks_the_run_after_it() -> None:
    # Bluebook: the volume stands before the abbreviated journal, the first page after it
    text = "Ada Lind, Tides and Law, 88 COAST. L.J. 101, 107 (2004)"
    assert _features_of(text, "101")["nrun_pos"] == "v0|3"
    assert _features_of("Lind A. Tides. Coast Law J 88, 101-7.", "88")["nrun_pos"] == "0|3"
