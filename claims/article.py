"""Article file -> `Article`: blocks, sentences with note calls, notes.

Formats: plain text, Markdown, PDF, HTML, Word (.docx), OpenDocument (.odt) and JATS XML.

The readers in `claims.readers` each produce a `Layout`; `build_article` does what all
formats share: captions and pull quotes told apart from the body, paragraphs cut by a page
break joined, sentences split, calls located, notes parsed.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from claims.errors import ArticleNotFound, EmptyArticle, NoEndnotes, TooLarge, UnsupportedFormat
from claims.layout import CALL_RE, BlockKind, Layout, RawBlock, RawNote, marker_page, strip_calls
from claims.sentences import split_sentences
from sources.encoding import unicode_encoding
from sources.lines import Vocabulary, join_hyphenated
from sources.notes import Citation, Note, parse_note, parse_notes, resolve_short_forms

BODY_KINDS = frozenset({BlockKind.PARAGRAPH})


@dataclass(frozen=True, slots=True)
class NoteCall:
    """A call to note `number` at character `offset` of its sentence's text, printed on
    `page` (1-based) in a paginated source (a PDF), else None."""

    number: int
    offset: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int  # position among all sentences of the article
    block: int  # index of the block holding it
    text: str  # without call markers
    calls: tuple[NoteCall, ...] = ()

    @property
    def notes(self) -> tuple[int, ...]:
        """The note numbers this sentence calls, in order, each once."""
        return tuple(dict.fromkeys(c.number for c in self.calls))


@dataclass(frozen=True, slots=True)
class Block:
    index: int
    kind: BlockKind
    text: str  # without call markers
    sentences: tuple[Sentence, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    path: Path
    format: str  # "text", "markdown", "pdf", "html", "docx", "odt" or "jats"
    sha256: str
    title: str
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...]
    notes_heading: str | None = None
    warnings: tuple[str, ...] = ()
    # Indexes built on first use (checks ask for them once per note or sentence, and a book
    # has 10,000 of each): not part of the value, never compared or printed.
    _index: _Index | None = field(default=None, init=False, repr=False, compare=False)

    def _indexed(self) -> _Index:
        if self._index is None:
            sentences = tuple(s for b in self.blocks for s in b.sentences)
            called: dict[int, list[Sentence]] = {}
            for sentence in sentences:
                for number in sentence.notes:
                    called.setdefault(number, []).append(sentence)
            by_number: dict[int, Note] = {}
            for note in self.notes:
                by_number.setdefault(note.number, note)
            object.__setattr__(self, "_index", _Index(sentences, called, by_number))
        assert self._index is not None
        return self._index

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self._indexed().sentences

    def note(self, number: int) -> Note | None:
        return self._indexed().notes.get(number)

    def resolved(self, note: Note) -> list[Citation]:
        """The note's citations with short forms and Ibid. replaced by what they abbreviate."""
        out = []
        for citation in note.citations:
            ref = citation.resolves_to
            target = self.note(ref.note) if ref else None
            if ref and target and ref.index < len(target.citations):
                out.append(target.citations[ref.index])
            else:
                out.append(citation)
        return out

    def called_notes(self) -> dict[int, list[Sentence]]:
        """Note number -> the sentences that call it, in reading order (a fresh dict; the
        lists are shared: do not change them)."""
        return dict(self._indexed().called)


@dataclass(frozen=True, slots=True)
class _Index:
    sentences: tuple[Sentence, ...]
    called: dict[int, list[Sentence]]
    notes: dict[int, Note]


# --- shared layout repair -----------------------------------------------------------------

_CAPTION_RE = re.compile(
    r"^(?:(?:Table|Graph|Figure|Fig\.|Chart|Map|Photo|Image|Exhibit)\s+\d+[.:]|Sources?:|"
    r"Photo(?:graph)?:|Credit:|Note:)",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.?!:;\"”’)\]■]\s*$")


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", "", strip_calls(text).casefold())


def _is_credit(text: str) -> bool:
    """A photo credit: a short line in capitals naming a source ("PRIME MINISTRY / AA")."""
    letters = [c for c in text if c.isalpha()]
    marked = "/" in text or "©" in text or text.startswith(("PHOTO", "CREDIT"))
    return 0 < len(text) <= 80 and marked and all(c.isupper() for c in letters)


def classify_blocks(blocks: list[RawBlock]) -> list[RawBlock]:
    """Captions, credits and pull quotes told apart from body paragraphs."""
    out = list(blocks)
    for i, block in enumerate(out):
        if block.kind in (BlockKind.TABLE, BlockKind.FRONT_MATTER):
            continue
        text = strip_calls(block.text).strip()
        if _CAPTION_RE.match(text):
            out[i] = replace(block, kind=BlockKind.CAPTION)
        elif block.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) and _is_credit(text) and i:
            out[i] = replace(block, kind=BlockKind.CAPTION)
            previous = out[i - 1]
            if previous.kind is BlockKind.PARAGRAPH:
                out[i - 1] = replace(previous, kind=BlockKind.CAPTION)
    body = {i: _norm(b.text) for i, b in enumerate(out) if b.kind is BlockKind.PARAGRAPH}
    # Which paragraphs print each word: a pull quote's text is looked for only in the
    # paragraphs that print its rarest inner words, not in every paragraph of a book.
    printed: dict[str, set[int]] = {}
    for i, block in enumerate(out):
        if i in body:
            for word in _words(block.text):
                printed.setdefault(word, set()).add(i)
    for i, block in enumerate(out):
        if block.kind is not BlockKind.PARAGRAPH or CALL_RE.search(block.text):
            continue
        key = body[i]
        words = _words(block.text)
        if len(strip_calls(block.text).split()) < 8:
            continue
        # Inner words only: the quote's first and last may be cut from longer words.
        inner = sorted(set(words[1:-1]), key=lambda w: len(printed[w]))[:2]
        others = set.intersection(*(printed[w] for w in inner)) if inner else set(body)
        # A pull quote repeats body text set elsewhere on the page.
        if any(key in body[j] for j in others if j != i):
            out[i] = replace(block, kind=BlockKind.PULL_QUOTE)
    return out


def _words(text: str) -> list[str]:
    """The words of `text` as `_norm` folds them."""
    return re.findall(r"\w+", strip_calls(text).casefold())


def _is_incomplete(text: str) -> bool:
    text = strip_calls(text).rstrip()
    return bool(text) and not _TERMINAL.search(text)


def merge_split_paragraphs(blocks: list[RawBlock], vocabulary: Vocabulary) -> list[RawBlock]:
    """Join a paragraph cut by a page break (or by a pull quote or caption set into it)."""
    out: list[RawBlock] = []
    pending: RawBlock | None = None  # an incomplete paragraph waiting for its continuation
    held: list[RawBlock] = []  # blocks standing between the two halves
    for block in blocks:
        if pending is not None:
            if block.kind in (BlockKind.PULL_QUOTE, BlockKind.CAPTION, BlockKind.TABLE):
                held.append(block)
                continue
            if block.kind is BlockKind.PARAGRAPH and _continues(pending.text, block.text):
                pending = replace(pending, text=_join(pending.text, block.text, vocabulary))
                if not _is_incomplete(pending.text):
                    out.append(pending)
                    out.extend(held)
                    pending, held = None, []
                continue
            out.append(pending)
            out.extend(held)
            pending, held = None, []
        if block.kind is BlockKind.PARAGRAPH and _is_incomplete(block.text):
            pending = block
        else:
            out.append(block)
    if pending is not None:
        out.append(pending)
        out.extend(held)
    return out


def _continues(head: str, tail: str) -> bool:
    head_text, tail_text = strip_calls(head).rstrip(), strip_calls(tail).lstrip()
    if not tail_text:
        return False
    return (
        tail_text[0].islower()
        or head_text.endswith(("-", ","))
        or head_text.count("(") > head_text.count(")")
    )


def _join(head: str, tail: str, vocabulary: Vocabulary) -> str:
    head, tail = head.rstrip(), tail.lstrip()
    if head.endswith("-") and not head.endswith(" -"):
        return join_hyphenated(head, tail, vocabulary)
    return f"{head} {tail}"


def _sentences(
    block_index: int, text: str, first_index: int, page: int | None = None
) -> tuple[str, list[Sentence]]:
    """The block's text without call markers, and its sentences; a call's page is the one its
    marker carries, else the block's (`page`)."""
    clean_block = strip_calls(text)
    sentences: list[Sentence] = []
    for start, end in split_sentences(text):
        raw = text[start:end]
        calls: list[NoteCall] = []
        clean = ""
        position = 0
        for match in CALL_RE.finditer(raw):
            clean += raw[position : match.start()]
            at = marker_page(match.group(0))
            calls.append(NoteCall(int(match.group(1)), len(clean), page if at is None else at))
            position = match.end()
        clean += raw[position:]
        sentences.append(
            Sentence(first_index + len(sentences), block_index, clean.strip(), tuple(calls))
        )
    return clean_block, sentences


def _row_sentences(
    block_index: int, rows: tuple[tuple[str, ...], ...], first_index: int, page: int | None = None
) -> tuple[Sentence, ...]:
    """A table row that calls a note is one sentence (its cells joined), so the call is linked."""
    out: list[Sentence] = []
    for row in rows:
        text = " | ".join(cell for cell in row if cell.strip())
        if not CALL_RE.search(text):
            continue
        clean, calls, position = "", [], 0
        for match in CALL_RE.finditer(text):
            clean += text[position : match.start()]
            at = marker_page(match.group(0))
            calls.append(NoteCall(int(match.group(1)), len(clean), page if at is None else at))
            position = match.end()
        clean += text[position:]
        out.append(Sentence(first_index + len(out), block_index, clean.strip(), tuple(calls)))
    return tuple(out)


def build_article(layout: Layout, path: Path, fmt: str, sha256: str) -> Article:
    """Turn a reader's `Layout` into an `Article` (pure: no I/O)."""
    vocabulary = Vocabulary(b.text for b in layout.blocks)
    for line in layout.note_lines:
        vocabulary.add(line)
    raw_blocks = merge_split_paragraphs(classify_blocks(list(layout.blocks)), vocabulary)
    blocks: list[Block] = []
    count = 0
    for raw in raw_blocks:
        if raw.kind is BlockKind.TABLE:
            row_sentences = _row_sentences(len(blocks), raw.rows, count, raw.page)
            count += len(row_sentences)
            rows = tuple(tuple(strip_calls(c) for c in row) for row in raw.rows)
            text = strip_calls(raw.text)
            block = Block(len(blocks), raw.kind, text, row_sentences, rows, raw.page)
            blocks.append(block)
            continue
        text, sentences = _sentences(len(blocks), raw.text, count, raw.page)
        count += len(sentences)
        blocks.append(Block(len(blocks), raw.kind, text, tuple(sentences), (), raw.page))
    notes = (
        _parse_raw_notes(layout.notes)
        if layout.notes
        else parse_notes(layout.note_lines, vocabulary)
    )
    warnings = list(layout.warnings)
    warnings += [f"note {n.number}: {w}" for n in notes for w in n.warnings]
    warnings += [
        f"note {n.number}: {c.raw[:60]}: {w}"
        for n in notes
        for c in n.citations
        for w in c.warnings
    ]
    return Article(
        path=path,
        format=fmt,
        sha256=sha256,
        title=layout.title,
        blocks=tuple(blocks),
        notes=tuple(notes),
        notes_heading=layout.notes_heading,
        warnings=tuple(warnings),
    )


def _parse_raw_notes(raw_notes: tuple[RawNote, ...]) -> list[Note]:
    """Notes a reader delimited itself: parsed one by one, keeping label, section and page."""
    notes = [
        replace(
            parse_note(raw.key, raw.text),
            label="" if raw.label == str(raw.key) else raw.label,
            section=raw.section,
            page=raw.page,
        )
        for raw in raw_notes
    ]
    return resolve_short_forms(notes)


# --- reading a file -----------------------------------------------------------------------

_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".mdown", ""}
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_XML_SUFFIXES = {".xml", ".nxml", ".jats"}
_KNOWN_BINARY = {".doc", ".rtf", ".epub", ".pages", ".xlsx", ".pptx", ".zip"}
_HINT_FORMATS = (
    "give a .txt, .md (Markdown), .pdf, .html, .docx, .odt or JATS .xml file; "
    "save a .doc or .rtf as .docx first"
)
_JATS_RE = re.compile(rb"<article\b[^>]*>|<!DOCTYPE\s+article\b|jats", re.IGNORECASE)


def sniff_format(path: Path, data: bytes) -> str:
    """ "pdf", "docx", "odt", "jats", "html", "markdown" or "text" from the bytes, the
    suffix only breaking ties."""
    suffix = path.suffix.lower()
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if suffix == ".pdf":
        return "pdf"  # let the PDF reader say it is corrupt
    if head.startswith(b"PK\x03\x04"):
        return _sniff_package(path, data)
    if suffix in {".docx", ".odt"}:  # a package is a ZIP file; this one is not
        raise UnsupportedFormat(
            path, f"not a readable {suffix} document (not a ZIP package)", "export it again"
        )
    if suffix in _KNOWN_BINARY:
        raise UnsupportedFormat(path, f"{suffix} files are not supported", _HINT_FORMATS)
    sample = data[:8192]
    wide = unicode_encoding(sample)
    if wide is not None:  # UTF-16/32: sniff what its characters say, not its NUL bytes
        sample = sample.decode(wide, errors="ignore").encode("utf-8")
        head = sample.lstrip()
    if b"\x00" in sample or _control_ratio(sample) > 0.05:
        raise UnsupportedFormat(path, "the file is binary, not text, PDF or HTML", _HINT_FORMATS)
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if _is_jats(suffix, sample):
        return "jats"
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _TEXT_SUFFIXES or suffix not in _HTML_SUFFIXES:
        from claims.readers.markdown import looks_like_markdown_notes
        from claims.readers.text import decode_text

        # Markdown footnotes need a Markdown parser; Markdown without them is read as text
        # (a "Notes" section of "1. ..." lines, superscript calls).
        return "markdown" if looks_like_markdown_notes(decode_text(data)) else "text"
    raise UnsupportedFormat(path, f"unsupported format {suffix}", _HINT_FORMATS)


def _is_jats(suffix: str, head: bytes) -> bool:
    """A JATS (NLM) article: an `<article>` root in an XML file or with the JATS DTD."""
    if not head.lstrip().startswith((b"<?xml", b"<!DOCTYPE", b"<article")):
        return False
    found = _JATS_RE.findall(head)
    return bool(found) and (suffix in _XML_SUFFIXES or any(b"jats" in f.lower() for f in found))


def _sniff_package(path: Path, data: bytes) -> str:
    """A ZIP package: a Word (.docx) or OpenDocument text (.odt) document, else refused."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            mimetype = package.read("mimetype")[:100] if "mimetype" in names else b""
    except Exception:  # BadZipFile, and on damaged entries UnicodeDecodeError, zlib.error...
        raise UnsupportedFormat(path, "the file is a damaged ZIP package", _HINT_FORMATS) from None
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text") or (
        "content.xml" in names and path.suffix.lower() == ".odt"
    ):
        return "odt"
    kind = path.suffix.lower() or "ZIP"
    raise UnsupportedFormat(path, f"{kind} packages are not supported", _HINT_FORMATS)


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


# What a verify run handles within about two minutes and 3 GB on 2 cores (README, "Long
# articles": a 64 MB text took 99 s and 1.1 GB): plain text and Markdown up to 64 MB (forty
# books); markup (HTML, Word, JATS), whose parsers hold a tree of the whole file, up to 16 MB;
# a PDF's bytes hold fonts and images besides its text.
SIZE_LIMIT_MB = {"text": 64.0, "markup": 16.0, "pdf": 64.0}
SIZE_LIMIT_ENV = "CITEWATCH_MAX_SIZE_MB"
_PLAIN_SUFFIXES = {".txt", ".text", ".md", ".markdown"}


def size_kind(path: Path) -> str:
    """Which size limit applies to `path`, by its name: "pdf", "text" or "markup"."""
    suffix = path.suffix.lower()
    return "pdf" if suffix == ".pdf" else "text" if suffix in _PLAIN_SUFFIXES else "markup"


def size_limit(kind: str) -> float:
    """The size limit in MB for a kind of file (`size_kind`): $CITEWATCH_MAX_SIZE_MB (any
    kind), else the default (text and PDF 64, markup 16); 0 means no limit."""
    value = os.environ.get(SIZE_LIMIT_ENV, "").strip()
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            pass  # a malformed override is ignored: the default stands
    return SIZE_LIMIT_MB.get(kind, SIZE_LIMIT_MB["markup"])


def read_article(path: Path) -> Article:
    """Read an article file of any supported format; raise an `ArticleError` if it cannot be."""
    path = Path(path)
    if not path.exists():
        raise ArticleNotFound(path, "no such file", "check the path")
    if path.is_dir():
        raise ArticleNotFound(path, "is a directory, not an article file", "give the file itself")
    size_mb = path.stat().st_size / 1e6
    limit = size_limit(size_kind(path))
    if limit and size_mb > limit:
        raise TooLarge(
            path,
            f"the file is {size_mb:.1f} MB, over the {limit:g} MB limit for one article",
            f"split it into parts (chapters, issues), or raise the limit with "
            f"{SIZE_LIMIT_ENV}=MB (0 for none) if the machine has the memory",
        )
    data = path.read_bytes()
    if not data.strip():
        raise EmptyArticle(path, "the file is empty", "give the article's full text")
    fmt = sniff_format(path, data)
    layout = _read_layout(path, data, fmt)
    if not layout.title and not layout.blocks and not layout.note_lines and not layout.notes:
        raise EmptyArticle(path, "no article text found", "give the article's full text")
    article = build_article(layout, path, fmt, hashlib.sha256(data).hexdigest())
    if not article.notes:
        raise NoEndnotes(
            path,
            "no notes found",
            "looked for page footnotes in a PDF (small type at a page's foot, under a rule, "
            'called by raised numbers), a notes section ("Notes", "Endnotes" or "References" '
            'followed by "1. ..." or "[1] ..."), Markdown footnotes ("[^1]: ..."), Word or '
            "OpenDocument footnotes and endnotes, an HTML footnotes list or `_ftn` anchors, "
            "and JATS <fn> and <ref-list>",
        )
    return article


def _read_layout(path: Path, data: bytes, fmt: str) -> Layout:
    if fmt == "pdf":
        from claims.readers.pdf import read_pdf

        return read_pdf(path)
    if fmt == "html":
        from claims.readers.html import read_html

        return read_html(path)
    if fmt in ("docx", "odt"):
        from claims.readers.word import read_word

        return read_word(path, fmt)
    if fmt == "jats":
        from claims.readers.jats import read_jats

        return read_jats(path, data)
    from claims.readers.text import decode_article_text, read_text

    text, warnings = decode_article_text(data)
    if fmt == "markdown":
        from claims.readers.markdown import read_markdown

        layout = read_markdown(text)
    else:
        layout = read_text(text)
    return replace(layout, warnings=(*warnings, *layout.warnings)) if warnings else layout
