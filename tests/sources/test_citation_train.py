"""Training forms made from the generated data (no model is trained here)."""

from __future__ import annotations

from sources.citation_features import tokenize
from sources.citation_train import comma_variant, with_comma_forms


def _labelled(pieces: list[tuple[str, str]]) -> tuple[list, list[str]]:
    text = "".join(piece for piece, _ in pieces)
    tokens = tokenize(text)
    labels, position = [], 0
    spans = []
    for piece, label in pieces:
        spans.append((position, position + len(piece), label))
        position += len(piece)
    for token in tokens:
        labels.append(next(label for a, b, label in spans if a <= token.start < b))
    return tokens, labels


def test_full_stops_between_fields_become_commas_and_an_initial_gets_one() -> None:
    tokens, labels = _labelled(
        [
            ("Okafor, N.", "author"),
            (" ", "O"),
            ("River Towns", "title"),
            (". ", "O"),
            ("Urban Studies", "container"),
            (", ", "O"),
            ("12", "volume"),
            (".", "O"),
        ]
    )
    variant = comma_variant(tokens, labels)
    assert variant is not None
    new_tokens, new_labels = variant
    words = [t.text for t in new_tokens]
    assert words == [
        "Okafor",
        ",",
        "N",
        ".",
        ",",
        "River",
        "Towns",
        ",",
        "Urban",
        "Studies",
        ",",
        "12",
        ".",
    ]
    assert new_labels[4] == "O" and new_labels[5] == "title"
    # spans after the inserted comma shift by one; the last full stop (after the volume) stays
    assert new_tokens[5].start == tokens[4].start + 1
    assert [t.end - t.start for t in new_tokens] == [len(w) for w in words]


def test_a_citation_without_full_stops_between_fields_has_no_variant() -> None:
    tokens, labels = _labelled([("Okafor, Nia", "author"), (", ", "O"), ("River Towns", "title")])
    assert comma_variant(tokens, labels) is None
    data = [(tokens, labels)]
    assert with_comma_forms(data, 1.0, seed=1) == data
