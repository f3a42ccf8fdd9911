"""A fetched body -> its main text, title and publication date (HTML, PDF or plain text).

HTML goes through trafilatura for the main text and title and htmldate for the publication
date, with the page's visible text (`sources.visible`) when trafilatura finds nothing; PDFs
through `sources.pdftext`; plain text passes through. Bytes are decoded by `sources.encoding`.
Everything is pure: htmldate's upper date bound is an argument (by default a fixed far-future
day), never today, so the same bytes always give the same `PageText`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import trafilatura
from htmldate import find_date

from sources.encoding import charset_param, decode_bytes
from sources.model import PageText
from sources.pdftext import pdf_text
from sources.visible import html_title, html_visible_text

__all__ = ["FAR_FUTURE", "decode_bytes", "extract_text", "visible_text"]

# htmldate rejects dates after its `max_date`, which defaults to today: a fixed bound keeps the
# result independent of the clock. Callers that know the fetch time may pass it as `latest`.
FAR_FUTURE = dt.date(2100, 12, 31)

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", re.I)
_PDF_MAGIC = b"%PDF-"


def extract_text(
    body: bytes,
    content_type: str,
    url: str = "",
    declared_encoding: str | None = None,
    *,
    max_pages: int | None = None,
    latest: dt.date = FAR_FUTURE,
) -> PageText:
    """What `body` says. `content_type` may carry a charset; `declared_encoding` (the HTTP
    charset) wins over it. `max_pages` limits PDF reading; `latest` is the last acceptable
    publication date. An unreadable PDF gives an empty `PageText`, never an exception."""
    kind = _kind(body, content_type)
    declared = declared_encoding or charset_param(content_type)
    if kind == "pdf":
        return pdf_text(body, max_pages)
    if kind == "text":
        text, encoding = decode_bytes(body, declared, html=False)
        return PageText(text=text.strip(), encoding=encoding)
    html, encoding = decode_bytes(body, declared, html=True)
    return _html_text(html, encoding, url, latest)


def visible_text(
    body: bytes,
    content_type: str,
    declared_encoding: str | None = None,
    *,
    max_pages: int | None = None,
) -> str:
    """All the text a reader sees, page chrome included (for pages whose heading is the point,
    such as a gazette's daily index), without boilerplate removal."""
    kind = _kind(body, content_type)
    declared = declared_encoding or charset_param(content_type)
    if kind == "pdf":
        return pdf_text(body, max_pages).text
    text, _ = decode_bytes(body, declared, html=kind == "html")
    return html_visible_text(text) if kind == "html" else text


def _kind(body: bytes, content_type: str) -> str:
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "application/pdf" or body.lstrip()[:5] == _PDF_MAGIC:
        return "pdf"
    if media in ("text/html", "application/xhtml+xml") or media.endswith("+html"):
        return "html"
    if media.startswith("text/"):
        return "text"
    head = body[:1024].lstrip().lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head else "text"


def _page_date(html: str, url: str, bound: str) -> str | None:
    """The page's own date from its metadata (meta tags, JSON-LD, <time>, the address), never
    from its free text: htmldate's extensive search takes a photo caption's date or a
    copyright year for it. A first of January or of a month that the page never prints is
    htmldate filling in a bare year or month, not a date: the page is then undated."""
    found = find_date(
        html, url=url or None, original_date=True, extensive_search=False, max_date=bound
    )
    if found and found.endswith("-01"):
        year, month, _ = found.split("-")
        printed = (found, f"01.{month}.{year}", f"1.{int(month)}.{year}", f"{month}/01/{year}")
        if not any(p in html for p in printed):
            return None
    return found


def _html_text(html: str, encoding: str, url: str, latest: dt.date) -> PageText:
    bound = latest.isoformat()
    date_params: dict[str, Any] = {
        "original_date": True,
        "extensive_search": False,
        "max_date": bound,
    }
    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=date_params,
    )
    text = getattr(document, "text", None) or ""
    title = getattr(document, "title", None) or ""
    if not text.strip():
        text = html_visible_text(html)
    if not title:
        title = html_title(html)
    published = _page_date(html, url, bound)
    lang = _HTML_LANG.search(html[:4096])
    return PageText(
        text=text.strip(),
        title=title.strip(),
        published=dt.date.fromisoformat(published) if published else None,
        language=lang.group(1).lower() if lang else "",
        encoding=encoding,
    )
