"""Writes the damaged inputs of tests/pipeline/test_fuzz.py (run from the repository root).

Each reproduces, on a small file of our own, a signature that fuzzing the brief's article
found (python -m pipeline.fuzz): PDF page objects whose MediaBox or /Rotate holds a keyword or
a name, or is missing, a page tree holding a boolean, and text with a run of thousands of
superscript digits or a number thousands of digits long. zip-entry-name-damaged.docx is a
mutant saved by the fuzz run itself (of a DOCX pandoc wrote from tests/data/formats/
lighthouse.md): a ZIP entry whose name is not UTF-8.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
PDF = HERE.parent / "pdf" / "single-column.pdf"
TEXT = HERE.parents[2] / "sample" / "danube-ports.txt"
PAGE_1 = b"/Resources 10 0 R\n/Type /Page\n"
PAGE_2 = b"/Resources 11 0 R\n/Type /Page\n"


def _damage(data: bytes, page: bytes, entry: bytes) -> bytes:
    assert data.count(page) == 1
    return data.replace(page, entry + b"\n" + page)


def main() -> None:
    pdf = PDF.read_bytes()
    damaged = {
        "mediabox-name-page-1.pdf": _damage(pdf, PAGE_1, b"/MediaBox /Letter"),
        "mediabox-keyword-page-1.pdf": _damage(pdf, PAGE_1, b"/MediaBox true"),
        "mediabox-short-page-2.pdf": _damage(pdf, PAGE_2, b"/MediaBox [0 0]"),
        "mediabox-empty-page-1.pdf": _damage(pdf, PAGE_1, b"/MediaBox [0 0 0 0]"),
        "rotate-keyword-page-1.pdf": _damage(pdf, PAGE_1, b"/Rotate /Ninety"),
        "rotate-array-every-page.pdf": _damage(
            _damage(pdf, PAGE_1, b"/Rotate [90]"), PAGE_2, b"/Rotate [90]"
        ),
        "mediabox-missing.pdf": pdf.replace(b"/MediaBox [0 0 595.28 841.89]\n", b""),
        "page-tree-boolean.pdf": pdf.replace(b"/Kids [3 0 R\n5 0 R]", b"/Kids true"),
    }
    for name, data in damaged.items():
        (HERE / name).write_bytes(data)
    text = TEXT.read_text(encoding="utf-8")
    first_break = text.index("\n\n", 200)
    (HERE / "superscript-run.txt").write_text(
        text[:first_break] + " " + "¹²³⁴⁵⁶⁷⁸⁹⁰" * 500 + text[first_break:], encoding="utf-8"
    )
    (HERE / "absurd-numbers.txt").write_text(
        text[:first_break]
        + " In "
        + "1" * 5000
        + " it cost €"
        + "9" * 5000
        + " million, No. "
        + "7" * 5000
        + " [^"
        + "3" * 5000
        + "]."
        + text[first_break:],
        encoding="utf-8",
    )
    # Body text spliced into a note after an unclosed quotation mark ("... agreed.²³ The ..."):
    # the citation labeller read the raised call "²³" as a number (str.isdigit is true of it,
    # int() refuses it), and a 30,000-digit number.
    at = text.index("\n14. ") + 5
    (HERE / "superscript-in-note.txt").write_text(
        text[:at]
        + 'Anna Petrova, "Port Talks in Ruse agreed.²³ The delegates met again in '
        + "4" * 30000  # a number longer than int() converts (4,300 digits)
        + ". "
        + text[at:],
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
