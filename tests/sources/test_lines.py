"""Joining printed lines: hyphenation and URLs."""

from __future__ import annotations

from sources.lines import Vocabulary, fold, join_lines


def test_line_break_hyphen_is_removed_when_halves_are_not_words() -> None:
    assert join_lines(["invested signifi-", "cantly in it"]) == "invested significantly in it"


def test_real_hyphen_stays_when_both_halves_are_words_seen_elsewhere() -> None:
    vocab = Vocabulary(["civil society", "military power", "civil war", "the military"])
    assert join_lines(["civil-", "military cooperation"], vocab) == "civil-military cooperation"


def test_hyphen_before_a_capital_or_digit_stays() -> None:
    assert join_lines(["Bosna-", "Hersek"]) == "Bosna-Hersek"
    assert join_lines(["pp. 1992-", "1995"]) == "pp. 1992-1995"


def test_url_split_over_lines_is_joined_without_space_and_keeps_its_hyphens() -> None:
    text = join_lines(["from <https://example.org/veliki-povratak-", "turske-na-balkan>."])
    assert text == "from <https://example.org/veliki-povratak-turske-na-balkan>."
    text = join_lines(["from <https://mfa.gov.mk/en/page/163", "/bilateral-relations>."])
    assert text == "from <https://mfa.gov.mk/en/page/163/bilateral-relations>."


def test_bare_url_continuation_is_joined() -> None:
    assert (
        join_lines(["see https://x.org/a/b", "/c.pdf, p. 2."])
        == "see https://x.org/a/b/c.pdf, p. 2."
    )


def test_fold_handles_turkish_dotless_i_and_accents() -> None:
    assert fold("Arasında") == "arasinda"
    assert fold("İSTANBUL") == "istanbul"


def test_a_line_of_closing_punctuation_attaches_without_a_space() -> None:
    assert join_lines(["from <https://x.org/a>", "."]) == "from <https://x.org/a>."
