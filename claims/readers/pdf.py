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
import os
import pickle
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pdfplumber.page
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTContainer, LTCurve
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfpage import LITERAL_PAGE, LITERAL_PAGES, PDFPage
from pdfminer.pdftypes import dict_value, list_value
from pdfminer.utils import apply_matrix_rect
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

    A long PDF's later pages are read by a second process meanwhile (`_start_worker`): pdfminer's
    pure-Python content-stream interpreter is ~85% of a parse, pages are independent until the
    stages stitch them, and the machines we run on have two cores or more.
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
        skipped: list[str] = []
        objects = list(_iter_page_objects(path, pdf, skipped))
        # The second process takes the larger share: this one still runs the stages over all
        # pages (~a quarter of the reading time) once the pages are in.
        later = (len(objects) * 3 + 2) // 5 if len(objects) >= PARALLEL_PAGES else 0
        cut = len(objects) - later
        worker = _start_worker(path, objects[cut][0], objects[-1][0]) if later else None
        try:
            read = _read_page_objects(pdf, objects[:cut] if worker else objects, len(objects))
            if worker is not None:
                theirs = _collect_worker(worker)
                if any(number not in theirs for number, _ in objects[cut:]):
                    theirs = _read_page_objects(pdf, objects[cut:], len(objects))  # it could not
                read.update(theirs)
            advance("reading PDF pages", len(objects), len(objects))
        finally:
            if worker is not None and worker.poll() is None:
                worker.kill()  # interrupted: no process is left behind
                worker.wait()
    finally:
        pdf.stream.close()
    pages: list[Page] = []
    for number, _ in objects:
        page = read[number]
        if isinstance(page, str):
            skipped.append(page)
            # An empty stand-in keeps page numbers (and `pages[number - 1]`) right.
            width, height = (pages[-1].width, pages[-1].height) if pages else _A4
            page = Page(number, width, height, (), (), (), 0)
        pages.append(page)
    # The page list's own damage is said after the damaged pages, as it is found last.
    skipped.sort(key=lambda w: w.startswith("the PDF's page list"))
    if not isinstance(title, str) or _FILE_TITLE_RE.search(title):
        title = ""  # "Microsoft Word - draft3.docx" is no title
    return pages, title.strip(), tuple(skipped)


# From this many pages a second process reads the later ~60% of them: below it, starting the
# process (~0.3 s: an interpreter and pdfplumber's import) costs more than it saves.
PARALLEL_PAGES = 24


def _read_page_objects(
    pdf: Any, objects: list[tuple[int, Any]], total: int | None = None
) -> dict[int, Page | str]:
    """Each page's `Page`, or the warning saying why it was skipped, by page number; progress
    reported against `total` pages."""
    read: dict[int, Page | str] = {}
    for number, page_obj in objects:
        advance("reading PDF pages", number - 1, total)
        device = _GlyphDevice(pdf.rsrcmgr)
        try:
            if isinstance(page_obj, Exception):
                raise page_obj  # pdfminer could not build this page object
            # pdfplumber's page checks the page's boxes and rotation (a damaged page fails
            # here as it always did); its layout is not built: the device reads the glyphs.
            pdfplumber.page.Page(pdf, page_obj, page_number=number)
            PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page_obj)
            layout = device.get_result()
            if not (0 < layout.width < math.inf and 0 < layout.height < math.inf):
                raise ValueError(f"its MediaBox has no area: {layout.bbox}")
        except Exception as exc:
            read[number] = _damaged_page(number, exc)
            continue
        read[number] = _read_page(number, layout, device)
    return read


def _start_worker(path: Path, first: int, last: int) -> subprocess.Popen[bytes] | None:
    """A process reading pages `first`..`last` of `path` (`python -m claims.readers.pdf`),
    or None where none can start. A command, not `multiprocessing`: "spawn" and "forkserver"
    re-run a caller's `__main__` script without a main guard, and "fork" in a threaded caller
    (the review server) can inherit a lock another thread held."""
    if (os.cpu_count() or 1) < 2:
        return None
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}  # fmt: skip
    command = [sys.executable, "-m", "claims.readers.pdf", str(path), str(first), str(last)]
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    except OSError:
        return None


def _collect_worker(worker: subprocess.Popen[bytes]) -> dict[int, Page | str]:
    """The worker's pages; empty when it failed (the caller then reads them itself)."""
    output, _ = worker.communicate()
    if worker.returncode != 0:
        return {}
    try:
        read = pickle.loads(output)  # our own child's output, never the file's bytes
    except Exception:
        return {}
    return read if isinstance(read, dict) else {}


def _worker_main(argv: list[str]) -> int:
    """The second process of `_load_pages`: pages FIRST..LAST of PATH, pickled to stdout."""
    path, first, last = Path(argv[0]), int(argv[1]), int(argv[2])
    pdf = pdfplumber.open(path)
    try:
        objects = [(n, obj) for n, obj in _iter_page_objects(path, pdf, []) if first <= n <= last]
        read = _read_page_objects(pdf, objects)
    finally:
        pdf.stream.close()
    sys.stdout.buffer.write(pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


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


class _GlyphDevice(PDFPageAggregator):
    """pdfminer's page aggregator, each character kept as a `Glyph` when it is printed.

    pdfminer's own `render_char` builds an `LTChar` per character that `_read_page` then read
    back: profiled on the longest law review, that object building was ~20% of a parse. The
    geometry here is `LTChar`'s, step for step (same box, size, uprightness), so the glyphs
    are the same; drawings still come from pdfminer's page objects.
    """

    def __init__(self, rsrcmgr: Any) -> None:
        super().__init__(rsrcmgr, laparams=None)
        self.glyphs: list[Glyph] = []
        self.rotated = 0  # margin text ("Downloaded from ..."), or a page set sideways

    def render_char(  # type: ignore[override]
        self,
        matrix: tuple[float, float, float, float, float, float],
        font: Any,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: Any,
        graphicstate: Any,
    ) -> float:
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        adv: float = font.char_width(cid) * fontsize * scaling
        a, b, c, d, e, f = matrix
        if not (a * d * scaling > 0 and b * c <= 0):
            self.rotated += 1
            return adv
        vertical = font.is_vertical()
        if vertical:
            vx, vy = font.char_disp(cid)
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            x0, y0, x1, y1 = apply_matrix_rect(
                matrix, (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
            )
        else:
            low = font.get_descent() * fontsize + rise
            high = low + fontsize
            if b == 0 and c == 0:  # the common case, `apply_matrix_rect`'s arithmetic inlined
                x0, x1 = e, a * adv + c * low + e
                y0, y1 = b * 0 + d * low + f, b * adv + d * high + f
            else:
                x0, y0, x1, y1 = apply_matrix_rect(matrix, (0, low, adv, high))
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        width, height = x1 - x0, y1 - y0
        bold, italic = _read_font_style(font.fontname)
        top_edge = self.cur_item.y1 if not self._stack else self._stack[0].y1
        size = round(width if vertical else height, 1) or round(height, 1) or 1.0
        self.glyphs.append(
            Glyph(
                text=text.translate(_LIGATURES),
                x0=x0,
                x1=x1,
                top=top_edge - y1,
                bottom=top_edge - y0,
                base=top_edge - f,
                size=size,
                bold=bold,
                italic=italic or (b == 0 and abs(c) > 0.1 * abs(d)),  # a slanted upright font
            )
        )
        return adv


def _read_page(number: int, layout: Any, device: _GlyphDevice) -> Page:
    """A page's glyphs and drawings as a `Page`, top-down from its top-left corner."""
    width, height = layout.x1 - layout.x0, layout.y1 - layout.y0
    boxes: list[Box] = []
    rules: list[Box] = []
    top_edge = layout.y1
    for obj in _walk_objects(layout):
        if isinstance(obj, LTCurve) and (obj.stroke or obj.fill):
            box = Box(obj.x0, top_edge - obj.y1, obj.x1, top_edge - obj.y0)
            w, h = box.x1 - box.x0, box.bottom - box.top
            if h <= 2 and w > 10:
                rules.append(box)
            elif w > 10 and h > 10 and w * h < 0.5 * width * height:
                boxes.append(box)
    return Page(
        number, width, height, tuple(device.glyphs), tuple(boxes), tuple(rules), device.rotated
    )


@cache
def _read_font_style(fontname: str) -> tuple[bool, bool]:
    """(bold, italic) from a font's name, its subset prefix ("ABCDEF+") aside."""
    name = fontname.split("+", 1)[-1]
    return bool(_BOLD_RE.search(name)), bool(_ITALIC_RE.search(name))


def _walk_objects(container: Any) -> Iterator[Any]:
    for obj in container:
        if isinstance(obj, LTContainer):
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


if __name__ == "__main__":
    raise SystemExit(_worker_main(sys.argv[1:]))
