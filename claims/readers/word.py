"""Word (.docx) and OpenDocument (.odt) manuscripts -> `Layout`, through pandoc.

The only module that imports pypandoc (pypandoc-binary ships pandoc itself, so nothing
else needs installing). Pandoc reads the document's real footnotes and endnotes, tables,
hyperlinks, italics and title, and writes GitHub-flavoured Markdown with footnotes; the
Markdown reader then does the rest. Each call stays where the document puts it, each note
keeps its hyperlinks as `text <url>`. Word cannot call one note twice, so a note the
author repeated is a second note with the same text, as Word shows it.

Pandoc (3.9) reads a hyperlink as `w:hyperlink` or as a complex `HYPERLINK` field, but drops
a simple field (`w:fldSimple`) with the text it shows; such fields are rewritten to the
complex form in a copy of the document before pandoc reads it (no library rewrites Word
fields; the rewrite is a few lines of XML text).
"""

from __future__ import annotations

import logging
import re
import tempfile
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

import pypandoc

from claims.errors import UnsupportedFormat
from claims.layout import Layout
from claims.readers.markdown import read_markdown

# Document formats pandoc reads, by the citewatch format name.
PANDOC_FORMATS = {"docx": "docx", "odt": "odt"}


class _Collect(logging.Handler):
    """Pandoc's warnings (pypandoc logs them) kept for the parsed article, not printed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        if message and message not in self.messages:
            self.messages.append(message)


def convert_document(path: Path, fmt: str, shown: Path | None = None) -> tuple[str, list[str]]:
    """The document as Markdown with footnotes (pandoc's GFM writer, title kept), and
    pandoc's warnings; an error names `shown` (the user's file) if given."""
    logger = logging.getLogger("pypandoc")
    collect, propagate = _Collect(), logger.propagate
    logger.addHandler(collect)
    logger.propagate = False
    try:
        markdown = pypandoc.convert_file(
            str(path),
            "gfm",
            format=PANDOC_FORMATS[fmt],
            extra_args=["--standalone", "--wrap=none"],
            sandbox=True,
        )
        return str(markdown), [f"pandoc: {m}" for m in collect.messages]
    except (RuntimeError, OSError) as error:
        reason = str(error).strip().splitlines()[-1] if str(error).strip() else "unreadable"
        raise UnsupportedFormat(
            shown or path,
            f"pandoc could not read this {fmt} file ({reason})",
            "check that it opens in a word processor, or save it again as .docx",
        ) from None
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate


_FIELD_PARTS = re.compile(r"word/(?:document|footnotes|endnotes)\.xml")
# innermost first: a simple field whose content holds no other simple field
_FLD_SIMPLE = re.compile(
    r"<w:fldSimple\b([^>]*?)(?:/>|>((?:(?!<w:fldSimple\b).)*?)</w:fldSimple>)", re.DOTALL
)
_INSTR = re.compile(r"""\bw:instr\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _complex_field(match: re.Match[str]) -> str:
    """`<w:fldSimple w:instr="X">shown</w:fldSimple>` as begin, `X`, separate, shown, end."""
    instr = _INSTR.search(match.group(1))
    instruction = (
        (instr.group(1) if instr.group(1) is not None else instr.group(2)) if instr else ""
    )
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{match.group(2) or ''}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _rewrite_fields(xml: str) -> str:
    while True:
        rewritten = _FLD_SIMPLE.sub(_complex_field, xml)
        if rewritten == xml:
            return xml
        xml = rewritten


def with_complex_fields(path: Path, workdir: Path) -> Path:
    """The .docx itself, or a copy in `workdir` whose simple fields are complex ones."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = [n for n in package.namelist() if _FIELD_PARTS.fullmatch(n)]
            if not any(b"<w:fldSimple" in package.read(name) for name in parts):
                return path
            out = workdir / "fields.docx"
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for info in package.infolist():
                    data = package.read(info.filename)
                    if info.filename in parts:
                        data = _rewrite_fields(data.decode("utf-8")).encode("utf-8")
                    copy.writestr(info, data)
            return out
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
            ValueError, OSError, KeyError):  # fmt: skip
        return path  # pandoc reads it as it is, and says what is wrong with it


def read_word(path: Path, fmt: str = "docx") -> Layout:
    """Read a .docx or .odt manuscript: its body, its footnotes and endnotes."""
    with tempfile.TemporaryDirectory() as workdir:
        source = with_complex_fields(path, Path(workdir)) if fmt == "docx" else path
        markdown, warnings = convert_document(source, fmt, shown=path)
    # pandoc escapes what Markdown would take for HTML or math, not Liquid tags: a Word
    # document's "{{ name }}" is its text.
    layout = read_markdown(markdown, liquid=False)
    return replace(layout, warnings=(*warnings, *layout.warnings)) if warnings else layout


def write_document(markdown: Path, out: Path, source_format: str = "markdown") -> Path:
    """Write a Markdown file as a Word or OpenDocument file (by `out`'s suffix) with pandoc's
    own Markdown reader (`source_format`: pandoc's name of the dialect): how the benchmark
    makes manuscripts to read back."""
    fmt = out.suffix.lstrip(".").lower()
    pypandoc.convert_file(str(markdown), fmt, format=source_format, outputfile=str(out))
    return out
