"""HTML article pages are bounded: too deep or too large is refused in one line, quickly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from claims.article import read_article
from claims.errors import UnsupportedFormat
from claims.readers import html as html_reader

NOTES = "<h2>Notes</h2><ol><li>“Story,” Herald, May 1, 2024, https://example.org/a</li></ol>"


def _page(depth: int, paragraphs: int = 1) -> str:
    text = "<p>The ministries signed the port agreement on Monday.<sup>1</sup></p>" * paragraphs
    return f"<html><body>{'<div>' * depth}{text}{'</div>' * depth}{NOTES}</body></html>"


def test_550kb_of_nested_divs_is_refused_in_one_line_at_once(tmp_path: Path) -> None:
    path = tmp_path / "nested.html"
    path.write_text(_page(50_000), encoding="utf-8")
    assert path.stat().st_size > 500_000
    started = time.monotonic()
    with pytest.raises(UnsupportedFormat) as refused:
        read_article(path)
    # a guard against building the whole tree first (minutes), not a speed target
    assert time.monotonic() - started < 60
    message = str(refused.value)
    assert "\n" not in message and f"over {html_reader.MAX_DEPTH} deep" in message


def test_a_page_nested_just_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(_page(html_reader.MAX_DEPTH - 10), encoding="utf-8")
    assert read_article(path).called_notes()[1]


def test_a_page_over_the_size_limit_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_reader, "MAX_HTML_CHARS", 20_000)  # the limit, made small
    path = tmp_path / "big.html"
    path.write_text(_page(2, paragraphs=400), encoding="utf-8")
    with pytest.raises(UnsupportedFormat, match="20,000-character limit"):
        read_article(path)
