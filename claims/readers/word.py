"""Word (.docx) and OpenDocument (.odt) manuscripts -> `Layout`, through pandoc.

The only module that imports pypandoc (pypandoc-binary ships pandoc itself, so nothing
else needs installing). Pandoc reads the document's real footnotes and endnotes, tables,
hyperlinks, italics and title, and writes GitHub-flavoured Markdown with footnotes; the
Markdown reader then does the rest. Each call stays where the document puts it, each note
keeps its hyperlinks as `text <url>`. Word cannot call one note twice, so a note the
author repeated is a second note with the same text, as Word shows it.
"""

from __future__ import annotations

import logging
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


def convert_document(path: Path, fmt: str) -> tuple[str, list[str]]:
    """The document as Markdown with footnotes (pandoc's GFM writer, title kept), and
    pandoc's warnings."""
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
            path,
            f"pandoc could not read this {fmt} file ({reason})",
            "check that it opens in a word processor, or save it again as .docx",
        ) from None
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate


def read_word(path: Path, fmt: str = "docx") -> Layout:
    """Read a .docx or .odt manuscript: its body, its footnotes and endnotes."""
    markdown, warnings = convert_document(path, fmt)
    # pandoc escapes what Markdown would take for HTML or math, not Liquid tags: a Word
    # document's "{{ name }}" is its text.
    layout = read_markdown(markdown, liquid=False)
    return replace(layout, warnings=(*warnings, *layout.warnings)) if warnings else layout


def write_document(markdown: Path, out: Path) -> Path:
    """Write a Markdown file as a Word or OpenDocument file (by `out`'s suffix) with pandoc's
    own Markdown reader: how the benchmark makes manuscripts to read back."""
    fmt = out.suffix.lstrip(".").lower()
    pypandoc.convert_file(str(markdown), fmt, format="markdown", outputfile=str(out))
    return out
