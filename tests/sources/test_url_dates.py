"""Dates a URL encodes, and numbers in URLs that are ids, not dates."""

import pytest

from sources.notes import parse_note
from sources.urls import readable_url, url_dates


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


@pytest.mark.parametrize(
    ("printed", "readable"),
    [
        ("https://news.example.org/a/b?c=1", "https://news.example.org/a/b?c=1"),
        ("https://news.example.t](v/some-story", "https://news.example.t"),  # glued bracket
        ("https://a\uff0fb.example.org/x", "https://a"),  # a full-width solidus in the host
        ("https://news.example.org:ab/x", "https://news.example.org"),  # a port of letters
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),  # an IPv6 literal is a host
        ("https://[/x", None),
    ],
)
def test_a_printed_url_is_cut_where_its_host_stops(printed: str, readable: str | None) -> None:
    assert readable_url(printed) == readable


def test_a_note_url_with_a_bracket_in_its_host_is_cut_there_and_says_so() -> None:
    note = parse_note(1, 'Author, "A Story," Daily, https://daily.example.t](v/a-story-here.')
    assert note.urls == ("https://daily.example.t",)
    (repair,) = note.citations[0].url_repairs
    assert "host name" in repair.reason
