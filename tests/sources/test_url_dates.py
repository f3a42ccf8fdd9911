"""Dates a URL encodes, and numbers in URLs that are ids, not dates."""

import pytest

from sources.urls import url_dates


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://x.example.org/2019/05/12/port-deal", "2019-05-12"),
        ("https://x.example.org/news/20190512/port-deal", "2019-05-12"),
        ("https://x.example.org/eskiler/2005/05/20050507.htm", "2005-05-07"),
        ("https://x.example.org/files/report_20190512.pdf", "2019-05-12"),
        ("https://x.example.org/a/port-deal-2019-05-12", "2019-05-12"),
    ],
)
def test_dates_in_paths_are_read(url: str, iso: str) -> None:
    assert iso in [d.date.isoformat() for d in url_dates(url)]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.jstor.example.org/stable/20130508",
        "https://doi.example.org/10.3390/su12062020",
        "https://x.example.org/id/20200131104512",
    ],
)
def test_ids_that_look_like_dates_are_not_dates(url: str) -> None:
    assert url_dates(url) == []
