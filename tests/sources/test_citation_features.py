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
