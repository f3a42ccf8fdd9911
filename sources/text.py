"""A fetched body -> its main text, title and publication date (HTML, PDF or plain text).

HTML goes through trafilatura for the main text and title and htmldate for the publication
date, with BeautifulSoup's text when trafilatura finds nothing; PDFs through pdfplumber; plain
text passes through. Bytes are decoded here: BOM, then the HTTP charset, then the page's own
`<meta>` charset, then UTF-8, then charset_normalizer's guess, each taken only when it decodes
the body cleanly. Everything is pure: htmldate's upper date bound is an argument (by default a
fixed far-future day), never today, so the same bytes always give the same `PageText`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

import pdfplumber
import trafilatura
from bs4 import BeautifulSoup
from charset_normalizer import from_bytes
from htmldate import find_date

from sources.model import PageText

# htmldate rejects dates after its `max_date`, which defaults to today: a fixed bound keeps the
# result independent of the clock. Callers that know the fetch time may pass it as `latest`.
FAR_FUTURE = dt.date(2100, 12, 31)

# WHATWG decodes these labels with the Windows superset, as browsers do: pages that say
# ISO-8859-9 are routinely windows-1254 in fact (and 0x80-0x9F are unused in the ISO form).
_WHATWG_ALIASES = {
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso-8859-9": "cp1254",
    "iso8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", re.I)
_BLANK_LINES = re.compile(r"\n\s*\n+")
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
    declared = declared_encoding or _charset_param(content_type)
    if kind == "pdf":
        return _pdf_text(body, max_pages)
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
    declared = declared_encoding or _charset_param(content_type)
    if kind == "pdf":
        return _pdf_text(body, max_pages).text
    text, _ = decode_bytes(body, declared, html=kind == "html")
    return _soup_text(text) if kind == "html" else text


def decode_bytes(body: bytes, declared: str | None = None, *, html: bool = True) -> tuple[str, str]:
    """`body` as text and the codec that decoded it (see the module docstring for the order)."""
    for label in _encoding_candidates(body, declared, html):
        codec = _codec(label)
        if codec is None:
            continue
        try:
            return body.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return body.decode("cp1252", errors="replace"), "cp1252"


def _encoding_candidates(body: bytes, declared: str | None, html: bool) -> Iterator[str | None]:
    """Labels to try in order; the costly statistical guess only when the others fail."""
    yield from (name for bom, name in _BOMS if body.startswith(bom))
    yield declared
    if html:
        meta = _META_CHARSET.search(body[:4096])
        yield meta.group(1).decode("ascii", "replace") if meta else None
    yield "utf-8"
    best = from_bytes(body[:65536]).best()
    yield best.encoding if best is not None else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    name = label.strip().lower()
    name = _WHATWG_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _charset_param(content_type: str) -> str | None:
    match = _CHARSET_PARAM.search(content_type)
    return match.group(1) if match else None


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


def _html_text(html: str, encoding: str, url: str, latest: dt.date) -> PageText:
    bound = latest.isoformat()
    date_params: dict[str, Any] = {
        "original_date": True,
        "extensive_search": True,
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
        text = _soup_text(html)
    if not title:
        title = _soup_title(html)
    published = find_date(
        html, url=url or None, original_date=True, extensive_search=True, max_date=bound
    )
    lang = _HTML_LANG.search(html[:4096])
    return PageText(
        text=text.strip(),
        title=title.strip(),
        published=dt.date.fromisoformat(published) if published else None,
        language=lang.group(1).lower() if lang else "",
        encoding=encoding,
    )


def _soup_text(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    text = soup.get_text("\n")
    lines = (" ".join(line.split()) for line in text.splitlines())
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def _soup_title(html: str) -> str:
    title = BeautifulSoup(html, "lxml").title
    return " ".join(title.get_text().split()) if title else ""


def _pdf_text(body: bytes, max_pages: int | None) -> PageText:
    """Text of the first `max_pages` pages; a PDF pdfplumber cannot read gives empty text.

    The creation date in a PDF's metadata says when the file was made, not when its text was
    published, so `published` stays empty.
    """
    try:
        with pdfplumber.open(io.BytesIO(body)) as pdf:
            title = pdf.metadata.get("Title", "")
            pages = pdf.pages if max_pages is None else pdf.pages[:max_pages]
            texts = [page.extract_text() or "" for page in pages]
    except Exception:  # pdfminer raises anything from KeyError to its own PSEOF on bad files
        return PageText(text="")
    return PageText(
        text="\n\n".join(t.strip() for t in texts if t.strip()),
        title=title.strip() if isinstance(title, str) else "",
    )
