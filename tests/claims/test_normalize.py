"""Language-neutral keys: folding, names, countries, figures and dates across the sources' languages."""

from __future__ import annotations

import pytest

from claims.normalize import (
    country_codes,
    find_countries,
    find_dates_any,
    find_figures,
    fold_text,
    name_key,
    names_match,
    parse_number,
)
from sources.dates import Precision

# ------------------------------------------------------------------------------------ folding


@pytest.mark.parametrize(
    "variant", ["Vučević", "Vuçević", "Vućević", "Vucevic", "VUČEVIĆ", "Вучевић"]
)
def test_spellings_of_one_surname_fold_to_one_key(variant: str) -> None:
    assert fold_text(variant) == "vucevic"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Приштину", "pristinu"),
        ("Priштину", "pristinu"),  # mixed-script word
        ("Вучић", "vucic"),
        ("Đukanović", "djukanovic"),
        ("Ђукановић", "djukanovic"),
        ("Djukanović", "djukanovic"),
        ("Başbakan Erdoğan", "basbakan erdogan"),
        ("Shqipëri", "shqiperi"),
        ("România, Timișoara", "romania, timisoara"),
        ("България", "balgarija"),
    ],
)
def test_fold_text_removes_accents_and_transliterates_cyrillic(text: str, key: str) -> None:
    assert fold_text(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [("ISPARTA", "isparta"), ("İstanbul", "istanbul"), ("ıslak", "islak"), ("ISLAK", "islak")],
)
def test_turkish_dotted_and_dotless_i_fold_to_plain_i(text: str, key: str) -> None:
    assert fold_text(text) == key


def test_upper_and_lower_turkish_words_share_a_key() -> None:
    assert fold_text("İSTANBUL") == fold_text("istanbul") == fold_text("ISTANBUL")
    assert fold_text("IĞDIR") == fold_text("Iğdır")


def test_fold_text_collapses_whitespace_and_in_word_apostrophes() -> None:
    assert fold_text("  a \n\t b\u00a0c ") == "a b c"
    assert fold_text("Kosova’daki") == fold_text("Kosova'daki") == "kosovadaki"


# -------------------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Aleksandar Vučić", "Aleksandar Vucic"),
        ("Aleksandar Vučić", "Александар Вучић"),
        ("Vučić, Aleksandar", "Aleksandar Vučić"),
        ("A. Vučić", "Aleksandar Vučić"),
        ("Milo Đukanović", "Milo Djukanović"),
        ("Đukanović", "Dukanovic"),
        ("Ђукановић", "Djukanovic"),
        ("Mevlüt Çavuşoğlu", "Mevlut Chavushoglu"),
        ("Erdoğan", "Recep Tayyip Erdoğan"),
        ("Erdoğan's", "Erdogan"),
    ],
)
def test_names_match_across_scripts_and_spellings(a: str, b: str) -> None:
    assert names_match(a, b)
    assert names_match(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Aleksandar Vučić", "Aleksandar Vulin"),
        ("Vučić", "Vučević"),
        ("A. Vučić", "B. Vučić"),
        ("", "Vučić"),
    ],
)
def test_different_people_do_not_match(a: str, b: str) -> None:
    assert not names_match(a, b)


def test_name_key_puts_an_inverted_name_in_given_name_order() -> None:
    assert name_key("Vučić, Aleksandar") == name_key("Aleksandar Vucic") == "aleksandar vucic"


# ---------------------------------------------------------------------------------- countries

COUNTRY_NAMES = {
    "XK": ["Kosova", "Kosova'daki", "Kosovës", "Kosovo", "Косово", "Kosovalı"],
    "AL": ["Arnavutluk", "Shqipëri", "Shqipëria", "Albanija", "Албания", "Albania"],
    "RS": ["Sırbistan", "Srbija", "Srbije", "Србија", "Serbia", "Sırbistan'la"],
    "ME": ["Karadağ", "Crna Gora", "Crne Gore", "Crnoj Gori", "Mali i Zi", "Черна гора"],
    "BA": ["Bosna Hersek", "Bosna i Hercegovina", "BiH", "Bosnia and Herzegovina"],
    "MK": ["Kuzey Makedonya", "Sjeverna Makedonija", "Maqedonia e Veriut", "Северна Македонија"],
    "HR": ["Hırvatistan", "Hrvatska", "Croatia"],
    "BG": ["Bulgaristan", "Bugarska", "България", "Bulgaria"],
    "RO": ["Romanya", "România", "Rumunija", "Romania", "României"],
    "GR": ["Yunanistan", "Grčka", "Greqia", "Greece"],
    "TR": ["Türkiye", "Turkey", "Turska", "Turqia", "Турция", "Турска", "Türkiye'nin"],
    "SI": ["Slovenya", "Slovenija", "Slovenia"],
    "US": ["ABD", "SAD", "United States", "SHBA"],
}
DEMONYMS = {
    "AL": ["Albanian", "Arnavut", "albanski"],
    "RS": ["Serbian", "Sırp", "srpski"],
    "TR": ["Turkish", "Türk", "turski", "turk", "Turks"],
}


@pytest.mark.parametrize(
    ("code", "name"),
    [
        (code, name)
        for table in (COUNTRY_NAMES, DEMONYMS)
        for code, ns in table.items()
        for name in ns
    ],
)
def test_country_names_and_demonyms_in_every_language_map_to_iso_codes(
    code: str, name: str
) -> None:
    assert country_codes(f"({name})") == {code}


def test_find_countries_keeps_printed_spans_with_suffixes() -> None:
    text = "Türk askerleri Kosova'daki KFOR'da, Crnoj Gori i Srbiji."
    found = find_countries(text)
    assert [(f.code, f.text) for f in found] == [
        ("TR", "Türk"),
        ("XK", "Kosova'daki"),
        ("ME", "Crnoj Gori"),
        ("RS", "Srbiji"),
    ]
    assert all(text[f.start : f.end] == f.text for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "Turkcell raised prices",
        "Romani people and the Roma",
        "Arnavutköy'de",
        "Albany, New York",
        "serbest bölge",
        "ja bih rekao",
        "Turkmenistan",
        "Latin America",
        "Karadeniz",
    ],
)
def test_lookalike_words_are_not_countries(text: str) -> None:
    assert country_codes(text) == set()


def test_republika_srpska_is_in_bosnia_not_serbia() -> None:
    assert country_codes("Republika Srpska") == {"BA"}


# ------------------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,600", 1600),
        ("1.600", 1600),  # a single mark before three digits groups thousands
        ("1.600,5", 1600.5),
        ("1,600.5", 1600.5),
        ("1.600.000", 1_600_000),
        ("1\u00a0600\u00a0000", 1_600_000),
        ("15,5", 15.5),
        ("1.6", 1.6),
        ("0.600", 0.6),
        ("321 milyon", 321e6),
        ("321 million", 321e6),
        ("1,5 milijardi", 1.5e9),
        ("2 milyar", 2e9),
        ("€140 million", 140e6),
        ("$321 million", 321e6),
        ("$321m", 321e6),
        ("321 milyon dolar", 321e6),
        ("15,5 miliona €", 15.5e6),
        ("5 хиляди", 5000),
        ("%1,6", 1.6),
        ("1,6%", 1.6),
    ],
)
def test_parse_number_reads_separators_and_scale_words(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [("1.600", "en", 1.6), ("1,600", "en", 1600), ("1,600", "tr", 1.6), ("1.600", "sr", 1600)],
)
def test_lang_hint_decides_a_single_mark_before_three_digits(
    text: str, lang: str, value: float
) -> None:
    assert parse_number(text, lang_hint=lang) == pytest.approx(value)


def test_parse_number_without_a_number_is_none() -> None:
    assert parse_number("no figures here") is None


def _figures(text: str) -> list[tuple[float, str, str]]:
    return [(f.value, f.unit, f.text) for f in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "value", "currency", "printed"),
    [
        ("a deal worth $321 million.", 321e6, "USD", "$321 million"),
        ("€140 million for drones", 140e6, "EUR", "€140 million"),
        ("321 milyon dolar tutarında", 321e6, "USD", "321 milyon dolar"),
        ("vrijedan 15,5 miliona €", 15.5e6, "EUR", "15,5 miliona €"),
        ("за 321 милион долара", 321e6, "USD", "321 милион долара"),
        ("2 milyar avro", 2e9, "EUR", "2 milyar avro"),
        ("2,5 milijarde evra", 2.5e9, "EUR", "2,5 milijarde evra"),
        ("500 TL", 500, "TRY", "500 TL"),
        ("USD 5 million", 5e6, "USD", "USD 5 million"),
    ],
)
def test_money_keeps_its_currency_code_and_scale(
    text: str, value: float, currency: str, printed: str
) -> None:
    (figure,) = find_figures(text)
    assert (figure.value, figure.currency, figure.unit, figure.text) == pytest.approx(
        (value, currency, currency, printed)
    )
    assert text[figure.start : figure.end] == printed


@pytest.mark.parametrize(
    "text",
    ["1.6 percent", "1.6 per cent", "%1,6", "1,6%", "yüzde 1,6", "1,6 posto", "1,6 për qind"],
)
def test_percentages_in_every_notation_read_as_one_point_six(text: str) -> None:
    assert _figures(f"inflation: {text}.") == [(pytest.approx(1.6), "%", text)]


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("the 11th brigade", "11th"),
        ("11. brigada", "11."),
        ("11'inci tugay", "11'inci"),
        ("11-ти полк", "11-ти"),
    ],
)
def test_ordinals_are_read_as_ordinals(text: str, printed: str) -> None:
    assert _figures(text) == [(11, "ordinal", printed)]


def test_number_before_a_capitalised_sentence_is_not_an_ordinal() -> None:
    assert _figures("They bought 11. The rest came later.") == [(11, "", "11")]


@pytest.mark.parametrize(
    ("text", "value", "unit", "noun"),
    [
        ("sent 1,500 troops", 1500, "troops", "troops"),
        ("sent 1,500 Turkish troops", 1500, "troops", "troops"),
        ("bought 18 TB2 UAVs", 18, "uav", "uavs"),
        ("bought 18 TB2", 18, "uav", "tb2"),
        ("1.500 asker gönderdi", 1500, "troops", "asker"),
        ("1.500'den fazla asker", 1500, "troops", "asker"),
        ("18 SİHA aldı", 18, "uav", "siha"),
        ("18 adet SİHA", 18, "uav", "siha"),
        ("300 journalists were there", 300, "journalists", "journalists"),
    ],
)
def test_counts_carry_their_counted_noun(text: str, value: float, unit: str, noun: str) -> None:
    (figure,) = find_figures(text)
    assert (figure.value, figure.unit, figure.noun, figure.currency) == (value, unit, noun, "")


@pytest.mark.parametrize(
    "text",
    [
        "Call +90 312 555 12 34 today",
        "record ID 3032471 in the registry",
        "Sayı: 32123",
        "UNSC Resolution 1244 was adopted",
        "the TB2 and 4G networks",
        "signed in 2023 and ratified",
        "on 5.8.2021 and 05.08.2021",
        "25. avgusta 2023. godine",
        "12. decembra",
        "as of 14:30",
        "doi 10.25253/99.NA",
        "in 2002.²¹",
    ],
)
def test_identifiers_phone_numbers_years_and_dates_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_thousands_and_decimal_marks_in_one_sentence() -> None:
    text = "Exports rose 1.6 percent to 1.600 units."
    assert [(f.value, f.unit) for f in find_figures(text)] == [
        (pytest.approx(1.6), "%"),
        (1600, "units"),
    ]


def test_a_bare_year_counts_when_it_counts_a_known_noun() -> None:
    assert _figures("2000 troops in 2000") == [(2000, "troops", "2000")]


# -------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "iso", "printed"),
    [
        ("5 Ağustos 2021", "2021-08-05", "5 Ağustos 2021"),
        ("05 AĞUSTOS 2021", "2021-08-05", "05 AĞUSTOS 2021"),
        ("ARALIK 2023", "2023-12", "ARALIK 2023"),
        ("5.8.2021", "2021-08-05", "5.8.2021"),
        ("05.08.2021", "2021-08-05", "05.08.2021"),
        ("5. 8. 2021.", "2021-08-05", "5. 8. 2021"),
        ("2021-08-05", "2021-08-05", "2021-08-05"),
        ("25. avgusta 2023.", "2023-08-25", "25. avgusta 2023"),
        ("25. kolovoza 2023", "2023-08-25", "25. kolovoza 2023"),
        ("децембра 2023", "2023-12", "децембра 2023"),
        ("25. августа 2023.", "2023-08-25", "25. августа 2023"),
        ("26 prill 2024", "2024-04-26", "26 prill 2024"),
        ("prillit 2024", "2024-04", "prillit 2024"),
        ("11 януари 2024", "2024-01-11", "11 януари 2024"),
        ("јануари 2024", "2024-01", "јануари 2024"),
        ("6 octombrie 2023", "2023-10-06", "6 octombrie 2023"),
        ("June 3, 1992", "1992-06-03", "June 3, 1992"),
        ("3 June 1992", "1992-06-03", "3 June 1992"),
    ],
)
def test_dates_in_every_language_and_numeric_form(text: str, iso: str, printed: str) -> None:
    sentence = f"Objavljeno: {text} (izvor)"
    (found,) = find_dates_any(sentence)
    assert (found.date.isoformat(), found.text) == (iso, printed)
    assert sentence[found.start : found.end] == printed


def test_month_year_dates_keep_month_precision() -> None:
    (found,) = find_dates_any("ARALIK 2023")
    assert found.date.precision is Precision.MONTH


def test_weekday_names_are_left_out_of_the_date() -> None:
    texts = [
        "Pazartesi, 5 Ağustos 2021",
        "ponedeljak, 25. avgusta 2023. godine",
        "e hënë, 26 prill 2024",
    ]
    assert [f.text for t in texts for f in find_dates_any(t)] == [
        "5 Ağustos 2021",
        "25. avgusta 2023",
        "26 prill 2024",
    ]


def test_a_day_range_keeps_its_last_day() -> None:
    (found,) = find_dates_any("6-7 mart 2023")
    assert (found.date.isoformat(), found.date.end_day) == ("2023-03-06", 7)


def test_day_and_month_without_a_year_need_a_default_year() -> None:
    assert find_dates_any("12. decembra") == []
    (found,) = find_dates_any("12. decembra", default_year=2023)
    assert (found.date.isoformat(), found.text) == ("2023-12-12", "12. decembra")
    (found,) = find_dates_any("Kosova'da 5 Ağustos'ta", default_year=2021)
    assert found.date.isoformat() == "2021-08-05"


@pytest.mark.parametrize(
    "text",
    [
        "the ministry may sign",
        "record ID 3032471",
        "Call +90 312 555 12 34",
        "31.02.2021",
        "they sent 1.600 troops",
    ],
)
def test_things_that_are_not_dates(text: str) -> None:
    assert find_dates_any(text, default_year=2023) == []


def test_romanian_mai_meaning_more_is_not_may_without_a_year() -> None:
    assert find_dates_any("cu 5 mai mulți", default_year=2023) == []
    assert find_dates_any("5 mai 2023")[0].date.isoformat() == "2023-05-05"


def test_dates_come_back_in_text_order_without_overlaps() -> None:
    text = "Od 05.08.2021, potom 25. avgusta 2023. i June 3, 1992."
    assert [f.date.isoformat() for f in find_dates_any(text)] == [
        "2021-08-05",
        "2023-08-25",
        "1992-06-03",
    ]


def test_a_default_year_must_make_a_real_date() -> None:
    assert find_dates_any("29. februara", default_year=2023) == []
    assert find_dates_any("29. februara", default_year=2024)[0].date.isoformat() == "2024-02-29"


def test_a_turkish_tender_is_not_a_drone() -> None:
    assert [f.unit for f in find_figures("18 ihale ve 6 İHA'lar")] == ["ihale", "uav"]
