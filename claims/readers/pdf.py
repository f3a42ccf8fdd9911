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
import logging
import math
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pdfplumber.page
from pdfminer.layout import LTChar, LTContainer, LTCurve
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdfpage import LITERAL_PAGE, LITERAL_PAGES, PDFPage
from pdfminer.pdftypes import dict_value, list_value
from pdfplumber.utils.exceptions import PdfminerException

from claims.errors import ArticleNotFound, EmptyArticle, UnreadablePdf
from claims.layout import Layout
from claims.readers.pdf_layout import layout_pages
from claims.readers.pdf_page import Box, Glyph, Page
from sources.progress import advance

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
     "\u00ad": "-", "\u2010": "-", "\u2011": "-"}
)  # fmt: skip
_BOLD_RE = re.compile(r"bold|black|heavy|demi|semibd", re.IGNORECASE)
_ITALIC_RE = re.compile(r"italic|oblique|slant|kursiv|[-,][a-z]*it$", re.IGNORECASE)
_A4 = (595.28, 841.89)
# pdfminer logs every repair it makes ("Invalid MediaBox ..., defaulting to US Letter") on the
# root logger's stderr; the pages it cannot repair become our warnings instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
_FILE_TITLE_RE = re.compile(r"^microsoft \w+ - |\.(?:docx?|odt|rtf|indd|tex|pdf)$", re.IGNORECASE)


def read_pdf(path: Path) -> Layout:
    """Read an article PDF into its title, blocks in reading order and notes lines.

    Raises `ArticleNotFound`, `UnreadablePdf` (damaged, not a PDF, or encrypted) and
    `EmptyArticle` (no extractable text, e.g. a scan). Damaged pages among readable ones are
    skipped, each with a warning on the layout, so a partly damaged manuscript is still read.
    """
    pages, metadata_title, skipped = _load_pages(path)
    if not any(g.text.strip() for page in pages for g in page.glyphs):
        if skipped:
            raise UnreadablePdf(
                path,
                f"no page of the PDF could be read (first: {skipped[0].split(' and was ')[0]})",
                "check the file is a complete PDF, or export it again",
            )
        raise EmptyArticle(
            path, "the PDF holds no extractable text", "run OCR on it first or supply the text"
        )
    layout = layout_pages(pages, metadata_title)
    if not skipped:
        return layout
    # The stand-ins for skipped pages are empty: our warning says why, not the layout's.
    empty = {f"page {p.number} holds no extractable text" for p in pages if not p.glyphs}
    kept = tuple(w for w in layout.warnings if w not in empty)
    return replace(layout, warnings=(*skipped, *kept))


def _load_pages(path: Path) -> tuple[list[Page], str, tuple[str, ...]]:
    """Every readable page's glyphs and drawings, the metadata title, and a warning for each
    damaged page skipped; library errors translated.

    The boundary with pdfplumber and pdfminer: only their calls sit in `try` (an error in our
    own code is a bug, not a bad file), and they raise anything from KeyError and TypeError to
    their own PSEOF on a damaged file, so every exception from them is translated here.
    """
    if not path.exists():
        raise ArticleNotFound(path, "no such file", "check the path")
    if path.is_dir():
        raise ArticleNotFound(path, "this is a directory, not a PDF", "give the PDF file itself")
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        raise _translate_error(path, exc) from None
    # Not `with pdf`: its close() builds every page again and raises on the damaged one.
    try:
        try:
            title = pdf.metadata.get("Title", "")
        except Exception:
            title = ""  # damaged metadata costs only the title
        pages: list[Page] = []
        skipped: list[str] = []
        total = _page_count(pdf)
        for number, page_obj in _iter_page_objects(path, pdf, skipped):
            advance("reading PDF pages", number - 1, total)
            try:
                if isinstance(page_obj, Exception):
                    raise page_obj  # pdfminer could not build this page object
                page = pdfplumber.page.Page(pdf, page_obj, page_number=number)
                layout = page.layout
                if not (0 < layout.width < math.inf and 0 < layout.height < math.inf):
                    raise ValueError(f"its MediaBox has no area: {layout.bbox}")
            except Exception as exc:
                skipped.append(_damaged_page(number, exc))
                # An empty stand-in keeps page numbers (and `pages[number - 1]`) right.
                width, height = (pages[-1].width, pages[-1].height) if pages else _A4
                pages.append(Page(number, width, height, (), (), (), 0))
                continue
            pages.append(_read_page(number, layout))
            page.close()
        advance("reading PDF pages", len(pages), len(pages))
    finally:
        pdf.stream.close()
    if not isinstance(title, str) or _FILE_TITLE_RE.search(title):
        title = ""  # "Microsoft Word - draft3.docx" is no title
    return pages, title.strip(), tuple(skipped)


def _page_count(pdf: Any) -> int | None:
    """The page count the PDF declares (for progress only), or None when it says none."""
    try:
        count = dict_value(pdf.doc.catalog["Pages"]).get("Count")
        return int(count) if isinstance(count, int) and 0 < count < 1_000_000 else None
    except Exception:
        return None  # a damaged page tree: the pages are walked without a total


def _iter_page_objects(path: Path, pdf: Any, skipped: list[str]) -> Iterator[tuple[int, Any]]:
    """(number, pdfminer page or the exception building it raised) in order; a page tree
    broken before any page makes the file unreadable, one broken later ends the pages."""
    number = 0
    pages = _walk_page_tree(pdf.doc)
    while True:
        try:
            page_obj = next(pages)
        except StopIteration:
            return
        except Exception as exc:  # the walk itself failed: no page after this one is known
            if number == 0:
                raise _translate_error(path, exc) from None
            skipped.append(
                f"the PDF's page list is damaged after page {number} "
                f"({_reason(exc)}); the pages after it were not read"
            )
            return
        number += 1
        yield number, page_obj


def _walk_page_tree(doc: Any) -> Iterator[Any]:
    """Each page object of `doc` in order: a `PDFPage`, or the exception building it raised.

    pdfminer's `PDFPage.create_pages`, which as a generator ends at the first page object it
    cannot build (a MediaBox holding a name), so one damaged page would lose all that follow.
    """
    catalog = doc.catalog
    found = False
    visited: set[Any] = set()
    stack: list[tuple[Any, dict[str, Any]]] = (
        [(catalog["Pages"], catalog)] if "Pages" in catalog else []
    )
    while stack:
        node, parent = stack.pop()
        try:
            objid = node if isinstance(node, int) else node.objid
            if objid in visited:
                continue
            visited.add(objid)
            attrs = dict(dict_value(doc.getobj(objid) if isinstance(node, int) else node))
            for key, value in parent.items():
                if key in PDFPage.INHERITABLE_ATTRS and key not in attrs:
                    attrs[key] = value
            kind = attrs.get("Type") or attrs.get("type")
            if kind is LITERAL_PAGES and "Kids" in attrs:
                stack.extend((kid, attrs) for kid in reversed(list_value(attrs["Kids"])))
                continue
            if kind is not LITERAL_PAGE:
                continue
            found = True
            yield PDFPage(doc, objid, attrs, None)
        except Exception as exc:
            found = True
            yield exc
    if not found:
        yield from PDFPage.create_pages(doc)  # its scan of the xrefs for page objects


def _damaged_page(number: int, exc: Exception) -> str:
    return (
        f"page {number} of the PDF is damaged ({_reason(exc)}) and was skipped; "
        "export the PDF again to have it checked"
    )


def _reason(exc: BaseException) -> str:
    """A library error in a few words, for a one-line message."""
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    text = str(cause).strip()
    if len(text) < 12:  # KeyError: 0 says more than "0"
        return f"{type(cause).__name__} {text}".strip()
    return text.splitlines()[0][:80].rstrip(" .!:")


def _translate_error(path: Path, exc: Exception) -> UnreadablePdf:
    """The `UnreadablePdf` to raise for a pdfplumber or pdfminer error on `path`."""
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFEncryptionError):
        return UnreadablePdf(path, "the PDF is encrypted", "remove the password and try again")
    return UnreadablePdf(
        path,
        f"not a readable PDF ({_reason(exc)})",
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
    # Not `with pdf` nor `pdf.pages`: both build every page and raise on a damaged one.
    try:
        found = next((obj for n, obj in _iter_page_objects(path, pdf, []) if n == number), None)
        if found is None:
            raise ValueError(f"{path} has no page {number}")
        try:
            if isinstance(found, Exception):
                raise found  # pdfminer could not build this page object
            page = pdfplumber.page.Page(pdf, found, page_number=number)
            rects = _text_rects(page, text)
            image = page.to_image(resolution=resolution)
        except Exception as exc:
            raise _translate_error(path, exc) from None
        image.draw_rects(rects, fill=(255, 214, 0, 70), stroke=(179, 38, 30), stroke_width=2)
        out = io.BytesIO()
        image.save(out, format="PNG")
    finally:
        pdf.stream.close()
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
