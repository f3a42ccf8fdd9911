"""Dates as source pages print them, read against the page's own date (claims/pagedates.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.pagedates import find_page_date, find_source_dates
from sources.dates import PartialDate

D = PartialDate


def _dates(text: str, page: dt.date | None, lang: str) -> list[tuple[str, PartialDate, bool]]:
    found, _ = find_source_dates(text, page, lang)
    return [(f.text, f.date, f.certain) for f in found]


@pytest.mark.parametrize(
    ("text", "page", "lang", "expected"),
    [
        ("Anlaşma 16 Aralık'ta yenilendi.", "2019-12-18", "tr", ("16 Aralık'ta", D(2019, 12, 16))),
        ("Saldırı 24 Eylül'de oldu.", "2023-10-17", "tr", ("24 Eylül'de", D(2023, 9, 24))),
        ("Talks on October 7-8 went well.", "2019-10-09", "en", ("October 7-8", D(2019, 10, 7, 8))),
        ("Sastanak 12. decembra.", "2024-01-05", "sh", ("12. decembra", D(2023, 12, 12))),
        ("Среща на 11 януари.", "2024-01-11", "bg", ("11 януари", D(2024, 1, 11))),
        (
            "Türkiye ile Arnavutluk arasında bugün imzalandı.",
            "2024-02-20",
            "tr",
            ("bugün", D(2024, 2, 20)),
        ),
        ("Anlaşma dün imzalandı.", "2019-10-02", "tr", ("dün", D(2019, 10, 1))),
        ("Sporazum je potpisan juče.", "2024-01-30", "sh", ("juče", D(2024, 1, 29))),
        ("Споразумот е потпишан вчера.", "2024-01-30", "mk", ("вчера", D(2024, 1, 29))),
        ("Marrëveshja u nënshkrua dje.", "2024-01-30", "sq", ("dje", D(2024, 1, 29))),
        ("Turqia sot merr komandën.", "2023-10-10", "sq", ("sot", D(2023, 10, 10))),
        ("They signed the deal on Monday.", "2019-10-09", "en", ("Monday", D(2019, 10, 7))),
        ("Toplantı Perşembe günü yapıldı.", "2019-04-05", "tr", ("Perşembe", D(2019, 4, 4))),
        ("Acordul a fost semnat ieri.", "2023-10-07", "ro", ("ieri", D(2023, 10, 6))),
    ],
)
def test_dates_as_printed_take_the_page_date(text, page, lang, expected) -> None:  # type: ignore[no-untyped-def]
    found = _dates(text, dt.date.fromisoformat(page), lang)
    assert (expected[0], expected[1], True) in found


def test_numeric_dates_follow_the_page_order_and_stay_ambiguous_otherwise() -> None:
    us = _dates("Posted 01/29/2024. Signed 02/03/2024.", None, "en")
    assert [(t, d) for t, d, _ in us] == [
        ("01/29/2024", D(2024, 1, 29)),
        ("02/03/2024", D(2024, 2, 3)),
    ]
    assert all(certain for *_, certain in us)
    alone = find_source_dates("Signed 02/03/2024.", None, "en")[0][0]
    assert not alone.certain and {alone.date, *alone.alternatives} == {D(2024, 2, 3), D(2024, 3, 2)}
    dotted = _dates("Tirana, 02.03.2024", None, "en")
    assert dotted == [("02.03.2024", D(2024, 3, 2), True)]
    turkish = _dates("02/03/2024 tarihinde", None, "tr")
    assert turkish == [("02/03/2024", D(2024, 3, 2), True)]


def test_relative_words_need_a_page_date_and_not_every_use_is_a_day() -> None:
    assert _dates("Signed today.", None, "en") == []
    assert _dates("Until today nothing changed.", dt.date(2024, 1, 1), "en") == []
    assert _dates("They meet next Monday.", dt.date(2024, 1, 10), "en") == []
    assert _dates("Önümüzdeki Pazartesi imzalanacak.", dt.date(2024, 1, 10), "tr") == []
    weekday = _dates("Ankara, 6 Mayıs 2023 Cumartesi", dt.date(2023, 5, 10), "tr")
    assert [t for t, *_ in weekday] == ["6 Mayıs 2023"]


def test_an_undated_page_keeps_day_and_month_for_support_only() -> None:
    found, yearless = find_source_dates("Deployed from 16 April to 1 August 1997.", None, "en")
    assert [f.text for f in found] == ["1 August 1997"]
    assert [(y.month, y.day) for y in yearless] == [(4, 16)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("ANKARA, 29.01.2024\nBakan bugün ...", None, ("2024-01-29", "dateline")),
        ("Tirana (AA) 20.02.2024 - Text", None, ("2024-02-20", "dateline")),
        ("Text", dt.date(2023, 5, 6), ("2023-05-06", "metadata")),
        ("Kosovo received drones.\nPhoto: ceremony, 14 June 2021", None, (None, "")),
        ("The brigade was founded in 1999 and meets yearly.", None, (None, "")),
        ("On 14 June 2021, Kosovo received the drones.", None, (None, "")),
        ("PRİŞTİNE (AA) - 10 Ekim 2023\nTürkiye ...", None, ("2023-10-10", "dateline")),
        ("BEOGRAD, 30. januara 2024. - Ministar ...", None, ("2024-01-30", "dateline")),
    ],
)
def test_the_page_date_comes_from_metadata_or_dateline_only(text, published, expected) -> None:  # type: ignore[no-untyped-def]
    found = find_page_date(text, published)
    assert (found.date.isoformat() if found.date else None, found.source) == expected
