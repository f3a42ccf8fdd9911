"""Writes the PDF fixtures of tests/claims/test_read_pdf.py next to this file.

    .venv/bin/python tests/data/pdf/make_fixtures.py

Needs fpdf2 (the `test` extra). Every glyph is placed by hand, so the tests know where each
line sits: running heads and page numbers, raised note calls (one set with a text rise, one
with a moved baseline), line-end hyphens, a boxed pull quote, a small caption, paragraphs told
apart by an indent alone, two columns with aligned baselines (page 1) and with staggered ones
(page 2), italic container titles in the notes, a URL broken over two lines.
The creation date is fixed, so a rerun rewrites the same bytes unless this script changed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
A4_WIDTH = 595.28
MARGIN = 72.0
GUTTER = 30.0
COLUMN = (A4_WIDTH - 2 * MARGIN - GUTTER) / 2


class Sheet:
    """An A4 document in points, with text placed at explicit baselines."""

    def __init__(self) -> None:
        self.pdf = FPDF(unit="pt", format="A4")
        self.pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
        self.pdf.set_auto_page_break(False)
        self.pdf.c_margin = 0

    def page(self, head: str, number: int) -> None:
        self.pdf.add_page()
        self.line(MARGIN, 40, (head, "", 7))
        self.line(A4_WIDTH / 2, 810, (str(number), "", 7))

    def line(self, x: float, base: float, *runs: tuple[str, str, float]) -> float:
        """Print runs of (text, style, size) from `x` on baseline `base`.

        Style "" regular, "B" bold, "I" italic; "^" a call raised by moving the baseline,
        "rise" a call raised with a text rise (PDF operator Ts), as typesetters do both.
        """
        pdf = self.pdf
        for text, style, size in runs:
            if style == "^":
                pdf.set_font("Helvetica", "", size * 0.62)
                pdf.text(x, base - 0.38 * size, text)
            elif style == "rise":
                pdf.set_font("Helvetica", "", size)
                pdf.char_vpos = "SUP"
                height = size
                pdf.set_xy(x, base - 0.8 * height)
                pdf.cell(h=height, text=text)
                pdf.char_vpos = "LINE"
                x = pdf.x
                continue
            else:
                pdf.set_font("Helvetica", style, size)
                pdf.text(x, base, text)
            x += pdf.get_string_width(text)
        return x

    def paragraph(self, x: float, base: float, width: float, text: str, size: float = 10) -> float:
        """Wrap `text` greedily into `width`; returns the baseline after the last line."""
        self.pdf.set_font("Helvetica", "", size)
        words = text.split()
        line: list[str] = []
        for word in words:
            if line and self.pdf.get_string_width(" ".join([*line, word])) > width:
                self.line(x, base, (" ".join(line), "", size))
                base += 1.3 * size
                line = []
            line.append(word)
        if line:
            self.line(x, base, (" ".join(line), "", size))
            base += 1.3 * size
        return base

    def write(self, name: str) -> None:
        self.pdf.output(str(HERE / name))


LEFT_A = (
    "Alpha opens the left column. It reads first after the heading and runs over several "
    "lines so that the right column sits beside it on the very same baselines, exactly"
)
LEFT_B = (
    "Bravo closes the left column. A reader that goes across the page instead of down "
    "would mix this sentence with the one printed to its right."
)
RIGHT_C = (
    "Charlie opens the right column. It must come after everything in the left column, "
    "even though its first line is level with the heading."
)
RIGHT_D = "Delta closes the right column and the first page of the fixture."
LEFT_E = (
    "Echo fills the left column of the second page, above a notes section printed across "
    "the full width of the page, under a short heading."
)
RIGHT_F = (
    "Foxtrot fills the right column of the second page and must be read before the notes "
    "heading, which stands below both columns."
)


def two_columns() -> None:
    sheet = Sheet()
    right_x = MARGIN + COLUMN + GUTTER
    sheet.page("Journal of Fixture Studies", 41)
    sheet.line(MARGIN, 90, ("Reading Order in Two Column Layouts", "B", 18))
    sheet.line(230, 115, ("Ada Example and Bob Sample", "", 10))
    sheet.line(MARGIN, 150, ("Introduction", "B", 11))
    base = sheet.paragraph(MARGIN, 163, COLUMN, LEFT_A)
    end = sheet.line(MARGIN, base, ("as the typesetter placed it.", "", 10))
    sheet.line(end, base, ("1", "^", 10))
    sheet.paragraph(MARGIN, base + 20, COLUMN, LEFT_B)
    base = sheet.paragraph(right_x, 150, COLUMN, RIGHT_C)
    sheet.paragraph(right_x, base + 7, COLUMN, RIGHT_D)

    sheet.page("Journal of Fixture Studies", 42)
    left_end = sheet.paragraph(MARGIN, 80, COLUMN, LEFT_E)
    right_end = sheet.paragraph(right_x, 86.5, COLUMN, RIGHT_F)  # baselines between the left's
    base = max(left_end, right_end) + 14
    sheet.line(MARGIN, base, ("Notes", "B", 11))
    sheet.line(
        MARGIN,
        base + 16,
        ("1. Ada Example, ", "", 8),
        ("Columns and Gutters in Printed Journals", "I", 8),
        (" (Paris: Fixture Press, 2020), p. 4, on reading order.", "", 8),
    )
    sheet.write("two-columns.pdf")


def single_column() -> None:
    sheet = Sheet()
    width = A4_WIDTH - 2 * MARGIN
    sheet.page("Fixture Review", 7)
    sheet.line(MARGIN, 90, ("Hyphens and Calls", "B", 16))
    sheet.line(MARGIN, 115, ("Introduction", "B", 11))
    base = sheet.paragraph(
        MARGIN,
        135,
        width,
        "Civil servants and military officers were both consulted, and the survey results "
        "improved significantly in the second round of interviews.",
    )
    base += 7
    sheet.line(MARGIN, base, ("The second round changed the picture signifi-", "", 10))
    sheet.line(MARGIN, base + 13, ("cantly, since the civil-", "", 10))
    end = sheet.line(MARGIN, base + 26, ("military liaison office reported twice,", "", 10))
    end = sheet.line(end, base + 26, ("12", "rise", 10))
    sheet.line(end, base + 26, (" and", "", 10))
    end = sheet.line(MARGIN, base + 39, ("the well-known survey was repeated.", "", 10))
    sheet.line(end, base + 39, ("3", "^", 10))
    base += 39 + 24
    sheet.pdf.rect(MARGIN + 20, base, width - 40, 40)
    sheet.line(MARGIN + 30, base + 16, ("A boxed quotation stands apart from", "I", 12))
    sheet.line(MARGIN + 30, base + 31, ("the running text of the article", "I", 12))
    base += 40 + 20
    sheet.line(MARGIN, base, ("Photo: the fixture archive, 2024.", "", 7.5))
    base += 20
    base = sheet.paragraph(
        MARGIN,
        base,
        width,
        "This paragraph runs to the foot of the page, where a hyphen at the page end stays "
        "as printed, because joining the halves of a paragraph cut by a page is the work of "
        "a later step, which finds the result",
    )
    sheet.line(MARGIN, base, ("signifi-", "", 10))

    sheet.page("Fixture Review", 8)
    sheet.line(MARGIN, 80, ("cant for sentences that cross a page.", "", 10))
    sheet.line(
        MARGIN + 15, 93, ("Golf opens a paragraph marked by its indent alone, with no", "", 10)
    )
    sheet.line(MARGIN, 106, ("extra space above it, as books set their paragraphs.", "", 10))
    sheet.line(MARGIN + 15, 119, ("Hotel opens the next one the same way.", "", 10))
    sheet.line(MARGIN, 150, ("Notes", "B", 11))
    note_lines = [
        [('1. Ada Example, "On Hyphens," ', "", 8), ("Journal of Line", "I", 8)],
        [("Breaks", "I", 8), (", Vol. 2 (2020), from <https://example.org/very-long-", "", 8)],
        [("path/to/the-article>.", "", 8)],
        [("2. ", "", 8), ("Fixture Gazette", "I", 8), (", No. 12 (May 3, 2021).", "", 8)],
        [("3. A third note in plain text.", "", 8)],
    ]
    for k, runs in enumerate(note_lines):
        sheet.line(MARGIN, 166 + 11 * k, *runs)
    sheet.write("single-column.pdf")


def _footnote(sheet: Sheet, x: float, base: float, label: str, text: str) -> None:
    end = sheet.line(x + 8, base, (label, "^", 8))
    sheet.line(end + 1.5, base, (text, "", 8))


def page_footnotes() -> None:
    """Page footnotes: a rule over small type, raised labels, a `*` author note, a note run
    over a page break, and two columns with a footnote zone at the foot of each."""
    sheet = Sheet()
    width = A4_WIDTH - 2 * MARGIN
    sheet.page("Fixture Law Review", 101)
    sheet.line(MARGIN, 90, ("Footnotes at the Foot of the Page", "B", 16))
    end = sheet.line(MARGIN, 115, ("Ada Example", "", 10))
    sheet.line(end, 115, ("*", "^", 10))
    end = sheet.line(MARGIN, 145, ("The bridge opened in 1999 after a long dispute.", "", 10))
    end = sheet.line(end, 145, ("1", "^", 10))
    sheet.line(end + 3, 145, ("Traffic doubled within a year.", "", 10))
    end = sheet.line(MARGIN, 158, ("The port closed in 2004, as the records show.", "", 10))
    sheet.line(end, 158, ("2", "^", 10))
    sheet.paragraph(MARGIN, 180, width, "A paragraph without calls fills the page. " * 6)
    sheet.pdf.line(MARGIN, 700, MARGIN + 140, 700)
    _footnote(sheet, MARGIN, 715, "*", "Professor of Fixtures, Example University.")
    _footnote(sheet, MARGIN, 726, "1", "A. Writer, Bridges and Their Keepers 4 (2001).")
    _footnote(sheet, MARGIN, 737, "2", "B. Author, Ports of the North Sea 7 (2005) (noting the")
    sheet.line(MARGIN, 748, ("closure and the strikes that came before it, from the", "", 8))

    sheet.page("Fixture Law Review", 102)
    end = sheet.line(MARGIN, 90, ("The ferry replaced both within a decade.", "", 10))
    sheet.line(end, 90, ("3", "^", 10))
    sheet.paragraph(MARGIN, 110, width, "Another paragraph without calls fills the page. " * 5)
    sheet.pdf.line(MARGIN, 710, MARGIN + 140, 710)
    sheet.line(MARGIN, 725, ("harbour master's letters of 2003).", "", 8))
    _footnote(sheet, MARGIN, 736, "3", "C. Sailor, Ferries 12 (2010).")

    sheet.page("Fixture Law Review", 103)
    right_x = MARGIN + COLUMN + GUTTER
    left = "The left column tells of the canal, which was dug by hand over many years"
    end = sheet.line(MARGIN, 90, (left[:38], "", 10))
    base = sheet.paragraph(MARGIN, 103, COLUMN, left[38:] + " and opened in 1850.")
    end = sheet.line(MARGIN, base, ("Its locks still work.", "", 10))
    sheet.line(end, base, ("4", "^", 10))
    sheet.paragraph(MARGIN, base + 13, COLUMN, "More text on the left side of the page. " * 8)
    right = "The right column tells of the railway, which came later and ran faster."
    base = sheet.paragraph(right_x, 90, COLUMN, right)
    end = sheet.line(right_x, base, ("It closed in 1962.", "", 10))
    sheet.line(end, base, ("5", "^", 10))
    sheet.paragraph(right_x, base + 13, COLUMN, "More text on the right side of the page. " * 8)
    sheet.pdf.line(MARGIN, 720, MARGIN + 80, 720)
    sheet.pdf.line(right_x, 720, right_x + 80, 720)
    _footnote(sheet, MARGIN, 735, "4", "D. Digger, Canals 3 (1990).")
    _footnote(sheet, right_x, 735, "5", "E. Driver, Railways 9 (1999).")
    sheet.write("page-footnotes.pdf")


def call_pages() -> None:
    """A paragraph cut by a page break with a call on each side of the break: each call keeps
    the page it is printed on, not the page where its paragraph starts."""
    sheet = Sheet()
    width = A4_WIDTH - 2 * MARGIN
    sheet.page("Fixture Law Review", 301)
    sheet.line(MARGIN, 90, ("Calls Across a Page Break", "B", 16))
    base = sheet.paragraph(MARGIN, 130, width, "A paragraph without calls fills the page. " * 30)
    end = sheet.line(MARGIN, base + 13, ("The bridge opened in 1999.", "", 10))
    end = sheet.line(end, base + 13, ("1", "^", 10))
    sheet.line(end + 3, base + 13, ("Its tolls were lifted in 2004, when the", "", 10))
    sheet.pdf.line(MARGIN, 720, MARGIN + 140, 720)
    _footnote(sheet, MARGIN, 735, "1", "A. Writer, Bridges and Their Keepers 4 (2001).")
    sheet.page("Fixture Law Review", 302)
    end = sheet.line(MARGIN, 90, ("county bought the last shares of the company.", "", 10))
    sheet.line(end, 90, ("2", "^", 10))
    sheet.paragraph(MARGIN, 110, width, "Another paragraph without calls fills the page. " * 5)
    sheet.pdf.line(MARGIN, 720, MARGIN + 140, 720)
    _footnote(sheet, MARGIN, 735, "2", "B. Author, Tolls and Shares 7 (2005).")
    sheet.write("call-pages.pdf")


def three_columns() -> None:
    """Three columns as the Federal Register sets them: a full-width title, columns read one
    after the other, the middle one on baselines 2 pt below the others', calls raised with a
    moved baseline in two columns at one height (one row of small glyphs over two lines),
    and footnotes labelled on rows of their own at the foot of the first two columns."""
    sheet = Sheet()
    width = (A4_WIDTH - 2 * MARGIN - 2 * 12) / 3
    xs = [MARGIN + k * (width + 12) for k in range(3)]
    drop = [0.0, 2.0, 0.0]  # the middle column's baselines sit lower
    sheet.pdf.add_page()  # one page: no running head to tell from the text
    sheet.line(MARGIN, 90, ("Notice of Three Columns", "B", 16))
    texts = [
        "Alpha opens the first column and runs down it for several lines before the second "
        "column begins, as a register prints its notices.",
        "Bravo opens the second column, set on baselines just below those of the first one, "
        "and must be read after all of the first column.",
        "Charlie opens the third column, which comes last of the three, after the whole of the "
        "second column.",
    ]
    ends = [
        sheet.paragraph(x, 130 + d, width, text, size=9)
        for x, d, text in zip(xs, drop, texts, strict=True)
    ]
    base = max(ends[0], ends[2])
    for x, d, text, call in zip(
        xs,
        drop,
        ["The dam held in 1999.", "The weir broke in 2004.", "The sluice is new."],
        ["1", "2", ""],
        strict=True,
    ):
        end = sheet.line(x, base + d, (text, "", 9))
        if call:
            sheet.line(end, base - 3.5, (call, "", 5))  # both calls on one baseline
    fillers = [
        "Echo fills the rest of the first column with words about rivers and their banks.",
        "Foxtrot fills the rest of the second column with words about canals and locks.",
        "Golf fills the rest of the third column with words about lakes and their shores.",
    ]
    for x, d, text in zip(xs, drop, fillers, strict=True):
        sheet.paragraph(x, base + 20 + d, width, text, 9)
    for k, (x, text) in enumerate(
        [(xs[0], "A. Writer, Dams 4 (2001)."), (xs[1], "B. Author, Weirs 7 (2005).")], start=1
    ):
        sheet.pdf.line(x, 720, x + 60, 720)
        sheet.line(x, 732, (str(k), "", 4.5))  # a label row of its own, raised
        sheet.line(x + 4, 735, (text, "", 7))
    sheet.write("three-columns.pdf")


def affiliations() -> None:
    """A paper's title block: authors with raised affiliation marks over a list of
    affiliations each opening with its raised mark (one set level with its line instead),
    then the abstract, whose one call is to a page footnote."""
    sheet = Sheet()
    sheet.pdf.add_page()
    sheet.line(150, 100, ("Overview of a Fixture Campaign", "B", 16))
    x = 120.0
    for k, name in enumerate(["Ada Example", "Bob Sample", "Cy Tester", "Di Proof"], start=1):
        x = sheet.line(x, 130, (name, "", 10), (str(k), "^", 10), (", " if k < 4 else "", "", 10))
    affiliations = [
        "Fixture University, Paris (ada@example.org)",
        "Institute of Samples, Leiden",
        "Tester Labs, Oslo (cy@example.org)",
        "Proof House, Lisbon",
    ]
    for k, text in enumerate(affiliations, start=1):
        base = 150 + 11 * k
        if k == 3:
            sheet.line(160, base, (f"{k} ", "", 9), (text, "", 9))  # a label level with its line
        else:
            sheet.line(160, base, (str(k), "^", 9), (" " + text, "", 9))
    width = A4_WIDTH - 2 * MARGIN
    base = sheet.paragraph(
        MARGIN,
        230,
        width,
        "Abstract The fixture campaign was the same as the one proposed last year. As before, "
        "the systems could search for answers in an online encyclopedia",
    )
    end = sheet.line(MARGIN, base, ("as a corpus beside the usual newswire collection.", "", 10))
    sheet.line(end, base, ("1", "^", 10))
    sheet.paragraph(MARGIN, base + 20, width, "The results are discussed below. " * 8)
    sheet.line(MARGIN, 760, ("1", "^", 8), (" http://encyclopedia.example.org", "", 8))
    sheet.write("affiliations.pdf")


def _numbered_footnote(sheet: Sheet, base: float, number: int, text: str) -> None:
    """A footnote labelled "N." on its baseline, its text starting further right."""
    sheet.line(MARGIN + 8, base, (f"{number}.", "", 8))
    sheet.line(MARGIN + 24, base, (text, "", 8))


def _body_with_calls(sheet: Sheet, base: float, calls: list[tuple[str, int]]) -> None:
    for k, (sentence, number) in enumerate(calls):
        end = sheet.line(MARGIN, base + 13 * k, (sentence, "", 10))
        sheet.line(end, base + 13 * k, (str(number), "^", 10))


def footnote_patterns() -> None:
    """Footnote layouts that once stopped the count: labels "N." whose text starts further
    right, with a footnote lost at a page foot (pages 1-3); raised labels on their own
    baseline before a note opening with figures from a font whose figures have no descent
    (Symbol here), as law reviews set "505 U.S. 1003", and a call set 9 pt in 10 pt (page 4); a reference list cited by author and year (page 5)."""
    sheet = Sheet()
    width = A4_WIDTH - 2 * MARGIN
    pages = [
        [("The bridge opened in 1999.", 1), ("The port closed in 2004.", 2),
         ("The ferry came in 2010.", 3)],
        [("The canal was dug by hand.", 4), ("Its locks still work.", 5),
         ("The railway came later.", 6)],
        [("It closed in 1962.", 7)],
    ]  # fmt: skip
    notes = {
        1: [(1, "A. Writer, Bridges and Their Keepers 4 (2001)."),
            (2, "B. Author, Ports of the North Sea 7 (2005)."), (3, "C. Sailor, Ferries 12.")],
        2: [(5, "D. Digger, Canals 3 (1990)."), (6, "E. Driver, Railways 9 (1999).")],
        3: [(7, "F. Closer, Lines That Ended 21 (1970).")],
    }  # fmt: skip
    for number, calls in enumerate(pages, start=1):
        sheet.page("Fixture Law Review", 200 + number)
        _body_with_calls(sheet, 90, calls)
        sheet.paragraph(MARGIN, 140, width, "A paragraph without calls fills the page. " * 6)
        sheet.pdf.line(MARGIN, 700, MARGIN + 140, 700)
        for k, (label, text) in enumerate(notes[number]):
            _numbered_footnote(sheet, 715 + 11 * k, label, text)
    sheet.page("Fixture Law Review", 204)
    _body_with_calls(sheet, 90, [("The case was decided in 1992.", 8)])
    end = sheet.line(MARGIN, 103, ("It was cited.", "", 10))
    sheet.pdf.set_font("Helvetica", "", 9)
    sheet.pdf.text(end, 100, "9")  # a call barely smaller than its text (9 pt in 10), 3 pt up
    sheet.paragraph(MARGIN, 140, width, "A paragraph without calls fills the page. " * 6)
    sheet.pdf.line(MARGIN, 700, MARGIN + 140, 700)
    for k, runs in enumerate(
        [
            [("See A. Writer, Bridges and Their Keepers 4 (2001).", "", 8)],
            [
                ("505", "figures", 8),
                (" U.S. ", "", 8),
                ("1003", "figures", 8),
                (" (", "", 8),
                ("1992", "figures", 8),
                (").", "", 8),
            ],
        ]
    ):
        base = 715 + 11 * k
        sheet.pdf.set_font("Helvetica", "", 6.5)
        sheet.pdf.text(MARGIN + 8, base - 2, str(8 + k))  # a label row of its own, 2 pt up
        x = MARGIN + 16
        for text, style, size in runs:
            sheet.pdf.set_font("Symbol" if style == "figures" else "Helvetica", "", size)
            sheet.pdf.text(x, base, text)
            x += sheet.pdf.get_string_width(text)
    sheet.page("Fixture Law Review", 205)  # a reference list the text cites by author and year
    sheet.paragraph(MARGIN, 90, width, "As Writer (2001) and Author (2005) showed, it held.")
    sheet.line(MARGIN, 130, ("References", "B", 12))
    sheet.line(MARGIN, 150, ("1. Writer, A. 2001. Bridges and Their Keepers. Oxford.", "", 9))
    sheet.line(MARGIN, 162, ("2. Author, B. 2005. Ports of the North Sea. Leiden.", "", 9))
    sheet.write("footnote-patterns.pdf")


def chapter_endnotes() -> None:
    """Endnotes numbered anew in each chapter, under sub-headings in the notes section."""
    sheet = Sheet()
    sheet.page("A Fixture Book", 1)
    sheet.line(MARGIN, 90, ("Chapter One: Bridges", "B", 14))
    end = sheet.line(MARGIN, 115, ("The bridge opened in 1999.", "", 10))
    sheet.line(end, 115, ("1", "^", 10))
    end = sheet.line(MARGIN, 128, ("It was widened in 2008.", "", 10))
    sheet.line(end, 128, ("2", "^", 10))
    sheet.line(MARGIN, 160, ("Chapter Two: Ports", "B", 14))
    end = sheet.line(MARGIN, 185, ("The port closed in 2004.", "", 10))
    sheet.line(end, 185, ("1", "^", 10))
    end = sheet.line(MARGIN, 198, ("It reopened in 2012.", "", 10))
    sheet.line(end, 198, ("2", "^", 10))
    sheet.page("A Fixture Book", 2)
    sheet.line(MARGIN, 90, ("Notes", "B", 14))
    rows = [
        "CHAPTER ONE: BRIDGES",
        "1. A. Writer, Bridges (Oxford: Press, 2001), 4.",
        "2. A. Writer, Bridges, 9.",
        "CHAPTER TWO: PORTS",
        "1. B. Author, Ports (London: House, 2005), 7.",
        "2. Ibid., 8.",
    ]
    for k, text in enumerate(rows):
        sheet.line(MARGIN, 115 + 12 * k, (text, "", 9))
    sheet.write("chapter-endnotes.pdf")


def numbered_references() -> None:
    """A paper citing a numbered reference list as [1], [2-3] and [1, 3]."""
    sheet = Sheet()
    sheet.page("Fixture Proceedings", 5)
    sheet.line(MARGIN, 90, ("Parsing Fixtures", "B", 16))
    sheet.line(MARGIN, 120, ("Earlier work parsed tables [1] and lists [2-3].", "", 10))
    sheet.line(MARGIN, 133, ("Both methods were compared [1, 3], as [sic] noted.", "", 10))
    sheet.line(MARGIN, 170, ("References", "B", 12))
    rows = [
        "[1] A. Writer. Parsing Tables. Fixture Journal 2 (2001) 1-9.",
        "[2] B. Author. Lists and Trees. Fixture Press, 2005.",
        "[3] C. Coder. Reading Order. Proc. Fixtures, 2010, 3-4.",
    ]
    for k, text in enumerate(rows):
        sheet.line(MARGIN, 190 + 12 * k, (text, "", 9))
    sheet.write("numbered-references.pdf")


def encrypted() -> None:
    sheet = Sheet()
    sheet.page("Locked Journal", 1)
    sheet.paragraph(MARGIN, 100, 400, "Nobody reads this without the password.")
    sheet.pdf.set_encryption(owner_password="owner-fixture", user_password="user-fixture")
    sheet.write("encrypted.pdf")


def textless() -> None:
    """A page of drawings only, like a scan whose image holds all the text."""
    sheet = Sheet()
    sheet.pdf.add_page()
    sheet.pdf.set_fill_color(200, 200, 200)
    for k in range(12):
        sheet.pdf.rect(MARGIN, 80 + 40 * k, 300 + 10 * k, 20, style="F")
    sheet.write("textless.pdf")


def corrupt() -> None:
    """A PDF cut off after its first objects: no page tree, no cross-reference table."""
    sheet = Sheet()
    sheet.page("Broken Journal", 1)
    sheet.paragraph(MARGIN, 100, 400, "This file ends before its pages are defined.")
    data = bytes(sheet.pdf.output())
    (HERE / "corrupt.pdf").write_bytes(data[: len(data) // 3])


if __name__ == "__main__":
    two_columns()
    single_column()
    encrypted()
    textless()
    corrupt()
    page_footnotes()
    call_pages()
    three_columns()
    affiliations()
    footnote_patterns()
    chapter_endnotes()
    numbered_references()
