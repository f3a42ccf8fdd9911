"""PDF reader: an article PDF -> `Layout` (the only module importing pdfplumber and pdfminer).

Nothing here knows a journal: every measure is relative to the document. This module is the
edge: it opens the file, reads each page's glyphs, boxes and rules into the plain types of
`pdf_page` (translating the libraries' errors into `claims.errors`), and hands the pages to the
pure stages, which `pdf_layout.layout_pages` runs in order:

    pdf_lines    glyphs -> rows, running heads dropped, columns in reading order
    pdf_text     lines -> text with call markers; notes lines with italics marked
    pdf_blocks   lines -> headings, paragraphs, pull quotes, captions, front matter
    pdf_tables   runs of cell-cut lines -> table blocks
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve
from pdfminer.pdfdocument import PDFEncryptionError
from pdfplumber.utils.exceptions import PdfminerException

from claims.errors import ArticleNotFound, EmptyArticle, UnreadablePdf
from claims.layout import Layout
from claims.readers.pdf_layout import layout_pages
from claims.readers.pdf_page import Box, Glyph, Page

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
     "\u00ad": "-", "\u2010": "-", "\u2011": "-"}
)  # fmt: skip
_BOLD_RE = re.compile(r"bold|black|heavy|demi|semibd", re.IGNORECASE)
_ITALIC_RE = re.compile(r"italic|oblique|slant|kursiv|[-,][a-z]*it$", re.IGNORECASE)
_FILE_TITLE_RE = re.compile(r"^microsoft \w+ - |\.(?:docx?|odt|rtf|indd|tex|pdf)$", re.IGNORECASE)


def read_pdf(path: Path) -> Layout:
    """Read an article PDF into its title, blocks in reading order and notes lines.

    Raises `ArticleNotFound`, `UnreadablePdf` (damaged, not a PDF, or encrypted) and
    `EmptyArticle` (no extractable text, e.g. a scan).
    """
    pages, metadata_title = _load_pages(path)
    if not any(g.text.strip() for page in pages for g in page.glyphs):
        raise EmptyArticle(
            path, "the PDF holds no extractable text", "run OCR on it first or supply the text"
        )
    return layout_pages(pages, metadata_title)


def _load_pages(path: Path) -> tuple[list[Page], str]:
    """Every page's glyphs and drawings, and the metadata title; library errors translated."""
    if not path.exists():
        raise ArticleNotFound(path, "no such file", "check the path")
    if path.is_dir():
        raise ArticleNotFound(path, "this is a directory, not a PDF", "give the PDF file itself")
    # Only the library calls sit in `try`: an error in our own code is a bug, not a bad file.
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises anything from KeyError to its own PSEOF
        raise _translate_error(path, exc) from None
    with pdf:
        try:
            title = pdf.metadata.get("Title", "")
            library_pages = pdf.pages
        except Exception as exc:
            raise _translate_error(path, exc) from None
        pages = []
        for number, page in enumerate(library_pages, start=1):
            try:
                layout = page.layout
            except Exception as exc:
                raise _translate_error(path, exc) from None
            pages.append(_read_page(number, layout))
            page.close()
    if not isinstance(title, str) or _FILE_TITLE_RE.search(title):
        title = ""  # "Microsoft Word - draft3.docx" is no title
    return pages, title.strip()


def _translate_error(path: Path, exc: Exception) -> UnreadablePdf:
    """The `UnreadablePdf` to raise for a pdfplumber or pdfminer error on `path`."""
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFEncryptionError):
        return UnreadablePdf(path, "the PDF is encrypted", "remove the password and try again")
    text = str(cause).strip()
    reason = text.splitlines()[0][:80].rstrip(" .!") if text else type(cause).__name__
    return UnreadablePdf(
        path,
        f"not a readable PDF ({reason})",
        "check the file is a complete PDF, or export it again",
    )


def _read_page(number: int, layout: Any) -> Page:
    """A pdfminer page layout as a `Page`, in top-down coordinates from its top-left corner."""
    left, top_edge = layout.x0, layout.y1
    width, height = layout.x1 - layout.x0, layout.y1 - layout.y0
    glyphs: list[Glyph] = []
    boxes: list[Box] = []
    rules: list[Box] = []
    rotated = 0
    for obj in _walk_objects(layout):
        if isinstance(obj, LTChar):
            if not obj.upright:
                rotated += 1  # margin text ("Downloaded from ..."), or a page set sideways
                continue
            bold, italic = _read_font_style(obj.fontname)
            _, b, c, d, _, f = obj.matrix
            glyphs.append(
                Glyph(
                    text=obj.get_text().translate(_LIGATURES),
                    x0=obj.x0 - left,
                    x1=obj.x1 - left,
                    top=top_edge - obj.y1,
                    bottom=top_edge - obj.y0,
                    base=top_edge - f,
                    size=round(obj.size, 1) or round(obj.height, 1) or 1.0,
                    bold=bold,
                    italic=italic or (b == 0 and abs(c) > 0.1 * abs(d)),  # a slanted upright font
                )
            )
        elif isinstance(obj, LTCurve) and (obj.stroke or obj.fill):
            box = Box(obj.x0 - left, top_edge - obj.y1, obj.x1 - left, top_edge - obj.y0)
            w, h = box.x1 - box.x0, box.bottom - box.top
            if h <= 2 and w > 10:
                rules.append(box)
            elif w > 10 and h > 10 and w * h < 0.5 * width * height:
                boxes.append(box)
    return Page(number, width, height, tuple(glyphs), tuple(boxes), tuple(rules), rotated)


@cache
def _read_font_style(fontname: str) -> tuple[bool, bool]:
    """(bold, italic) from a font's name, its subset prefix ("ABCDEF+") aside."""
    name = fontname.split("+", 1)[-1]
    return bool(_BOLD_RE.search(name)), bool(_ITALIC_RE.search(name))


def _walk_objects(container: Any) -> Iterator[Any]:
    for obj in container:
        if isinstance(obj, LTContainer) and not isinstance(obj, LTChar):
            yield from _walk_objects(obj)  # form XObjects hold text too
        else:
            yield obj


def render_page(path: Path, number: int, text: str = "", resolution: int = 110) -> bytes:
    """Page `number` (1-based) of the PDF as a PNG, with `text` (a sentence) outlined where it is
    printed: the review page's view of a passage as set. When the whole text is not found on
    the page (a word hyphenated at a line end), its first and last few words are outlined.

    Raises `ArticleNotFound`, `UnreadablePdf`, and `ValueError` for a page the PDF lacks.
    """
    if not path.is_file():
        raise ArticleNotFound(path, "no such file", "check the path")
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises anything from KeyError to its own PSEOF
        raise _translate_error(path, exc) from None
    with pdf:
        if not 1 <= number <= len(pdf.pages):
            raise ValueError(f"{path} has {len(pdf.pages)} pages, not {number}")
        page = pdf.pages[number - 1]
        try:
            rects = _text_rects(page, text)
            image = page.to_image(resolution=resolution)
        except Exception as exc:
            raise _translate_error(path, exc) from None
        image.draw_rects(rects, fill=(255, 214, 0, 70), stroke=(179, 38, 30), stroke_width=2)
        out = io.BytesIO()
        image.save(out, format="PNG")
    return out.getvalue()


def _text_rects(page: Any, text: str) -> list[tuple[float, float, float, float]]:
    """One box per printed line of `text` on `page` (or of its first and last words)."""
    words = text.split()
    if not words:
        return []
    tries = [words] if len(words) <= 6 else [words, words[:6], words[-6:]]
    rects: list[tuple[float, float, float, float]] = []
    for part in tries:
        pattern = r"\s*".join(re.escape(w) for w in part)
        for match in page.search(pattern, regex=True, case=False, return_chars=True):
            lines: dict[int, list[Any]] = {}
            for char in match.get("chars", []):
                lines.setdefault(round(char["top"]), []).append(char)
            for chars in lines.values():
                rects.append(
                    (
                        min(c["x0"] for c in chars) - 1,
                        min(c["top"] for c in chars) - 1,
                        max(c["x1"] for c in chars) + 1,
                        max(c["bottom"] for c in chars) + 1,
                    )
                )
            break  # the first place it is printed
        if rects and part is words:
            break
    return rects
