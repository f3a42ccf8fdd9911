"""Main text, title, publication date and encoding of fetched pages: HTML (English, Turkish in
windows-1254, Serbian Cyrillic), PDF and plain text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from sources.text import decode_bytes, extract_text, visible_text

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"
TURKISH = DATA / "news-turkish-windows-1254.html"


def _read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def _without_meta_charset(body: bytes) -> bytes:
    return re.sub(rb"<meta http-equiv[^>]*>", b"", body)


def test_english_news_page_keeps_the_article_and_drops_the_chrome() -> None:
    page = extract_text(_read("news-english.html"), "text/html", url="https://courier.example/a")
    assert "deepen the eastern basin" in page.text
    assert "monitored for at least ten years" in page.text
    for chrome in ("Subscribe today", "Cookie policy", "Ferry timetable", "do-not-index-me"):
        assert chrome not in page.text
    assert page.title == "River port expansion approved after long delay"
    assert page.language == "en"
    assert page.encoding == "utf-8"


def test_english_news_page_is_dated_by_its_published_time_not_its_update_or_footer() -> None:
    page = extract_text(_read("news-english.html"), "text/html; charset=utf-8")
    assert page.published == dt.date(2024, 3, 14)


def test_turkish_windows_1254_page_declared_in_a_meta_tag_decodes_right() -> None:
    page = extract_text(TURKISH.read_bytes(), "text/html")
    assert page.encoding == "cp1254"
    for word in ("Ağustos", "Sayılı", "Resmî", "yönetmelik", "üst sınırı"):
        assert word in page.text
    assert "\ufffd" not in page.text and "Ã" not in page.text
    assert page.title == "Liman yönetmeliği yürürlüğe girdi"
    assert page.published == dt.date(2021, 8, 6)
    assert page.language == "tr"
    assert "Çerez politikası" not in page.text


def test_turkish_page_without_any_declared_charset_is_still_detected() -> None:
    page = extract_text(_without_meta_charset(TURKISH.read_bytes()), "text/html")
    assert page.encoding == "cp1254"
    assert "Ağustos" in page.text and "Sayılı" in page.text and "Resmî" in page.text


def test_iso_8859_9_label_decodes_as_windows_1254_as_browsers_do() -> None:
    page = extract_text(TURKISH.read_bytes(), "text/html; charset=ISO-8859-9")
    assert page.encoding == "cp1254"
    assert "Ağustos" in page.text


def test_a_wrong_http_charset_that_cannot_decode_the_body_gives_way_to_the_meta_tag() -> None:
    page = extract_text(TURKISH.read_bytes(), "text/html", declared_encoding="utf-8")
    assert page.encoding == "cp1254"
    assert "Resmî" in page.text


def test_http_charset_wins_over_the_meta_tag() -> None:
    body = '<html><head><meta charset="windows-1252"></head><body><p>Đakovo</p></body></html>'
    text, encoding = decode_bytes(body.encode("cp1250"), "windows-1250")
    assert encoding == "cp1250"
    assert "Đakovo" in text


def test_serbian_cyrillic_page_in_undeclared_utf8() -> None:
    page = extract_text(_read("news-serbian.html"), "text/html")
    assert page.encoding == "utf-8"
    assert "Нови друмски мост преко Дунава" in page.text
    assert "70 милиона евра" in page.text
    assert "Почетна" not in page.text
    assert page.title == "Нови мост преко Дунава отворен за саобраћај"
    assert page.published == dt.date(2023, 5, 12)
    assert page.language == "sr"


def test_publication_date_does_not_depend_on_the_clock() -> None:
    body = _read("news-english.html").replace(b"2024-03-14T08:15", b"2091-06-01T08:15")
    assert extract_text(body, "text/html").published == dt.date(2091, 6, 1)
    bounded = extract_text(body, "text/html", latest=dt.date(2024, 12, 31))
    assert bounded.published != dt.date(2091, 6, 1)


def test_same_bytes_give_the_same_page_text() -> None:
    body = _read("news-english.html")
    assert extract_text(body, "text/html") == extract_text(body, "text/html")


def test_page_trafilatura_finds_nothing_in_falls_back_to_all_its_text() -> None:
    body = b"<html><head><title>Moved</title></head><body><footer>This report moved to the archive.</footer></body></html>"
    page = extract_text(body, "text/html")
    assert page.text == "This report moved to the archive."
    assert page.title == "Moved"


def test_visible_text_keeps_the_chrome() -> None:
    text = visible_text(_read("news-english.html"), "text/html")
    assert "Subscribe today" in text and "deepen the eastern basin" in text
    assert "do-not-index-me" not in text


def test_pdf_text_and_metadata_title() -> None:
    page = extract_text(_read("report.pdf"), "application/pdf")
    assert "3.4 million tonnes in 2023" in page.text
    assert "dredging of the eastern basin" in page.text
    assert page.title == "Danube Freight Review 2023"
    assert page.published is None


def test_pdf_reading_can_stop_after_the_first_pages() -> None:
    page = extract_text(_read("report.pdf"), "application/pdf", max_pages=1)
    assert "3.4 million tonnes" in page.text
    assert "Outlook" not in page.text


def test_pdf_is_recognised_by_its_bytes_whatever_the_declared_type() -> None:
    page = extract_text(_read("report.pdf"), "application/octet-stream")
    assert "Grain made up almost half" in page.text


@pytest.mark.parametrize(
    "body", [b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", b"%PDF-", b"not a pdf at all"]
)
def test_unreadable_pdf_gives_empty_text_without_an_exception(body: bytes) -> None:
    page = extract_text(body, "application/pdf")
    assert page.text == ""


def test_pdf_without_a_text_layer_gives_empty_text() -> None:
    assert extract_text(_read("scan-without-text.pdf"), "application/pdf").text == ""


def test_plain_text_passes_through_in_its_declared_charset() -> None:
    body = "5 Ağustos 2021 tarihli Resmî Gazete\n".encode("cp1254")
    page = extract_text(body, "text/plain; charset=windows-1254")
    assert page.text == "5 Ağustos 2021 tarihli Resmî Gazete"
    assert page.title == ""
    assert page.encoding == "cp1254"


def test_utf8_bom_is_honoured_and_removed() -> None:
    text, encoding = decode_bytes("Đakovo, Šibenik".encode("utf-8-sig"), None, html=False)
    assert text == "Đakovo, Šibenik"
    assert encoding == "utf-8-sig"


@pytest.mark.parametrize(
    "body",
    [
        # a photo caption's date
        "<p>Kosovo received the drones at a ceremony.</p><figure><img src=a.jpg>"
        "<figcaption>Archive photo, 14 June 2021</figcaption></figure>"
        "<p>The army said the systems would patrol the border.</p>",
        # a founding year and a copyright year
        "<p>The brigade meets every year in a member state.</p><p>Founded in 1999.</p>"
        "<footer>© 2024 SEEBRIG</footer>",
    ],
)
def test_an_undated_page_has_no_date_whatever_its_text_prints(body: str) -> None:
    html = f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    assert extract_text(html.encode(), "text/html; charset=utf-8").published is None
