"""Gazette issue addresses from references, and which issue an index page or a scan names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from sources.dates import PartialDate
from sources.gazette_pages import IssueIdentity, issue_urls, parse_issue_page
from sources.gazettes import Gazette, GazetteRef, parse_gazette_ref

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"
RG = "https://www.resmigazete.gov.tr"
NN = "https://narodne-novine.nn.hr"
HTML = "text/html"


def _rg(number: int, date: PartialDate | None, mukerrer: bool = False) -> GazetteRef:
    return GazetteRef(Gazette.RESMI_GAZETE, number, date, mukerrer)


def _read(name: str) -> bytes:
    return (DATA / name).read_bytes()


# --- Resmî Gazete addresses --------------------------------------------------------------------


def test_old_issue_is_the_scanned_pdf_by_number() -> None:
    assert issue_urls(_rg(21247, PartialDate(1992, 6, 4))) == [f"{RG}/arsiv/21247.pdf"]


def test_old_mukerrer_issue_is_the_underscore_1_pdf_then_the_regular_one() -> None:
    assert issue_urls(_rg(21247, PartialDate(1992, 6, 4), mukerrer=True)) == [
        f"{RG}/arsiv/21247_1.pdf",
        f"{RG}/arsiv/21247.pdf",
    ]


def test_new_issue_is_the_daily_index_by_date() -> None:
    assert issue_urls(_rg(31559, PartialDate(2021, 8, 5))) == [f"{RG}/eskiler/2021/08/20210805.htm"]


def test_new_mukerrer_issue_is_the_m1_index_then_the_days_regular_index() -> None:
    ref = parse_gazette_ref("T.C. Resmi Gazete, No. 29007 (mükerrer) (May 22, 2014)")
    assert ref is not None
    assert issue_urls(ref) == [
        f"{RG}/eskiler/2014/05/20140522M1.htm",
        f"{RG}/eskiler/2014/05/20140522.htm",
    ]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2000, 6, 26), f"{RG}/arsiv/24091.pdf"),
        (dt.date(2000, 6, 27), f"{RG}/eskiler/2000/06/20000627.htm"),
    ],
)
def test_the_daily_index_starts_on_27_june_2000(day: dt.date, expected: str) -> None:
    number = 24091 if day.day == 26 else 24092
    assert issue_urls(_rg(number, PartialDate(day.year, day.month, day.day)))[0] == expected


def test_small_numbers_are_zero_padded_to_five_digits() -> None:
    assert issue_urls(_rg(9876, PartialDate(1958, 5, 2))) == [f"{RG}/arsiv/09876.pdf"]


def test_old_number_without_a_date_still_gives_its_scan() -> None:
    assert issue_urls(_rg(21247, None)) == [f"{RG}/arsiv/21247.pdf"]


def test_new_number_with_only_a_month_gives_likely_days_nearest_first() -> None:
    urls = issue_urls(_rg(31559, PartialDate(2021, 8)))
    assert urls[0] == f"{RG}/eskiler/2021/08/20210805.htm"
    assert f"{RG}/eskiler/2021/08/20210804.htm" in urls
    assert all(url.startswith(f"{RG}/eskiler/2021/08/202108") for url in urls)
    assert len(urls) <= 7


def test_a_month_that_contradicts_the_number_falls_back_to_the_numbers_days() -> None:
    urls = issue_urls(_rg(31559, PartialDate(2019, 3)))
    assert urls[0] == f"{RG}/eskiler/2021/08/20210805.htm"


# --- Narodne novine addresses ------------------------------------------------------------------


def test_narodne_novine_act_with_number_and_month_gives_eli_act_page_and_listing() -> None:
    ref = parse_gazette_ref("Narodne Novine, No. 1/2004 (5), Međunarodni Ugovori, January 20, 2004")
    assert ref is not None
    urls = issue_urls(ref)
    assert urls[:2] == [
        f"{NN}/eli/medunarodni/2004/1/5",
        f"{NN}/clanci/medunarodni/2004_01_1_5.html",
    ]
    listing = urlsplit(urls[2])
    assert f"{listing.scheme}://{listing.netloc}{listing.path}" == f"{NN}/search.aspx"
    query = {k: v[0] for k, v in parse_qs(listing.query).items()}
    assert query["kategorija"] == "2"
    assert (query["godina"], query["broj"]) == ("2004", "1")


def test_narodne_novine_issue_alone_gives_only_its_listing_page() -> None:
    ref = GazetteRef(Gazette.NARODNE_NOVINE, 1, None, year=2004)
    urls = issue_urls(ref)
    assert len(urls) == 1
    assert "kategorija=2&godina=2004&broj=1" in urls[0]
    assert "/clanci/medunarodni/" not in urls[0]


def test_narodne_novine_without_a_year_gives_nothing() -> None:
    assert issue_urls(GazetteRef(Gazette.NARODNE_NOVINE, 1, None)) == []


# --- which issue a page names ------------------------------------------------------------------


def test_windows_1254_index_page_names_its_issue() -> None:
    assert parse_issue_page(_read("resmi-gazete-index-20210805.htm"), HTML) == IssueIdentity(
        31559, dt.date(2021, 8, 5), mukerrer=False
    )


def test_upper_case_mukerrer_index_page_without_a_charset_names_its_issue() -> None:
    assert parse_issue_page(_read("resmi-gazete-index-20210805M1.htm"), HTML) == IssueIdentity(
        31559, dt.date(2021, 8, 5), mukerrer=True
    )


def test_older_index_layout_with_sayi_and_an_upper_case_aralik() -> None:
    body = _read("resmi-gazete-index-20061218.htm")
    assert parse_issue_page(body, "text/html; charset=iso-8859-9") == IssueIdentity(
        26380, dt.date(2006, 12, 18)
    )


def test_scanned_issue_with_a_text_layer_names_its_issue_not_the_founding_date() -> None:
    assert parse_issue_page(_read("resmi-gazete-21247.pdf"), "application/pdf") == IssueIdentity(
        21247, dt.date(1992, 6, 4)
    )


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("news-turkish-windows-1254.html", HTML),  # cites an issue in passing, names none
        ("news-english.html", HTML),
        ("scan-without-text.pdf", "application/pdf"),  # no text layer, and no OCR
        ("report.pdf", "application/pdf"),
    ],
)
def test_page_that_names_no_issue_is_rejected(name: str, content_type: str) -> None:
    assert parse_issue_page(_read(name), content_type) is None


@pytest.mark.parametrize(
    ("month_name", "month"),
    [
        ("OCAK", 1),
        ("ŞUBAT", 2),
        ("MART", 3),
        ("NİSAN", 4),
        ("NISAN", 4),  # upper-cased without the Turkish dotted İ, as str.upper() does
        ("MAYIS", 5),
        ("HAZİRAN", 6),
        ("TEMMUZ", 7),
        ("AĞUSTOS", 8),
        ("EYLÜL", 9),
        ("EKİM", 10),
        ("KASIM", 11),
        ("ARALIK", 12),
        ("Aralık", 12),
    ],
)
def test_turkish_month_names_in_any_case(month_name: str, month: int) -> None:
    heading = f"3 {month_name} 2009 TARİHLİ VE 27000 SAYILI RESMÎ GAZETE"
    body = f"<html><body><h1>{heading}</h1><p>İçindekiler</p></body></html>".encode("cp1254")
    assert parse_issue_page(body, "text/html; charset=windows-1254") == IssueIdentity(
        27000, dt.date(2009, month, 3)
    )


def test_impossible_date_in_a_masthead_keeps_the_number_only() -> None:
    body = "<html><body><p>31 ŞUBAT 1995 SALI</p><p>Sayı : 22222</p></body></html>"
    assert parse_issue_page(body.encode("cp1254"), "text/html; charset=windows-1254") == (
        IssueIdentity(22222, None)
    )
