"""A fetched PDF -> its text layer and metadata title (the only pdfplumber import in sources)."""

from __future__ import annotations

import io

import pdfplumber

from sources.model import PageText


def pdf_text(body: bytes, max_pages: int | None = None) -> PageText:
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
