"""The language data (claims/data/language.toml) as claims/language.py reads it."""

from __future__ import annotations

import pytest

from claims.language import (
    event_source_res,
    find_organisation,
    guess_language,
    is_negated_at,
    number_words,
    organisation_key,
)
from claims.normalize import fold_text


@pytest.mark.parametrize(
    ("text", "word", "lang", "negated"),
    [
        ("sigurno Zapadni Balkan ne bi bio miran", "miran", "sh", True),
        (
            "Srbija će adekvatno odgovoriti na sporazum, i to ne samo politički",
            "sporazum",
            "sh",
            False,
        ),
        ("Anlaşma imzalanmadı", "anlasma", "tr", True),
        ("Turska je isporučila dronove koje Srbija ne želi ni da vidi", "isporucila", "sh", False),
        ("Anlaşma bugün imzalandı", "anlasma", "tr", False),
        ("Serbia did not sign the agreement", "agreement", "en", True),
        ("Not only Serbia signed the agreement", "agreement", "en", False),
        ("Marrëveshja nuk u nënshkrua", "marreveshja", "sq", True),
        ("Споразумът не беше подписан", "sporazumat", "bg", True),
        ("Acordul nu a fost semnat", "acordul", "ro", True),
    ],
)
def test_negation_in_the_clause_per_language(
    text: str, word: str, lang: str, negated: bool
) -> None:
    key = fold_text(text)
    at = key.index(word)
    assert is_negated_at(key, at, at + len(word), lang) is negated


def test_negation_stays_in_its_clause() -> None:
    key = fold_text("He did not comment, but the agreement was signed")
    at = key.index("agreement")
    assert not is_negated_at(key, at, at + 9, "en")


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("uc aylik gorevin ardindan", "tr", [3]),
        ("bir yil sureyle; bir anlasma imzalandi", "tr", [1]),
        ("on bir ulke", "tr", [11]),
        ("tri vozila i dva broda", "sh", [3, 2]),
        ("dy anije", "sq", [2]),
        ("twenty two troops", "en", [22]),
        ("tri darzhavi", "bg", [3]),
        ("trei nave", "ro", [3]),
    ],
)
def test_number_words(text: str, lang: str, values: list[int]) -> None:
    assert [n.value for n in number_words(text, lang)] == values


@pytest.mark.parametrize(
    ("claimed", "source"),
    [
        ("UNSC", "Resolution adopted by the Security Council"),
        ("UNSC", "BM Güvenlik Konseyi kararı"),
        ("EU", "AB'nin devraldığı misyon"),
        ("Kosovo Security Force", "Forca e Sigurisë së Kosovës"),
        ("Kosovo Security Force", "Косовске безбедносне снаге"),
        ("NATO", "Алијансата НАТО"),
    ],
)
def test_organisations_by_acronym_and_translation(claimed: str, source: str) -> None:
    key = organisation_key(claimed, fold_text(claimed))
    assert key is not None
    assert find_organisation(key, source, fold_text(source)) is not None


def test_an_acronym_is_matched_as_printed_only() -> None:
    key = organisation_key("EU", "eu")
    assert find_organisation(key, "we should be there", "we should be there") is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("delivery", "the drones arrived in Kosovo"),
        ("delivery", "SİHA'ları teslim aldı"),
        ("delivery", "isporuka dronova"),
        ("purchase", "Türkiye'den satın almayı değerlendiriyor"),
        ("purchase", "kupovina turskih dronova"),
        ("agreement-signed", "marrëveshja u nënshkrua"),
    ],
)
def test_event_words_across_languages(kind: str, text: str) -> None:
    assert event_source_res()[kind].search(fold_text(text))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The ministry said that the agreement was signed on Monday in the capital.", "en"),
        ("Bakan, anlaşmanın iki ülke için önemli olduğunu ve bu yıl imzalanacağını söyledi.", "tr"),
        (
            "Ministar je rekao da je sporazum važan i da će biti potpisan ove godine u Beogradu.",
            "sh",
        ),
        (
            "Ministri tha se marrëveshja është e rëndësishme dhe se do të nënshkruhet këtë vit.",
            "sq",
        ),
        ("Министърът каза, че споразумението е важно и ще бъде подписано от двете страни.", "bg"),
        ("Министерот изјави дека договорот е важен и дека ќе биде потпишан во Скопје.", "mk"),
        ("Ministrul a spus că acordul este important și că va fi semnat de cele două țări.", "ro"),
    ],
)
def test_guess_language(text: str, lang: str) -> None:
    assert guess_language(fold_text(text)) == lang
