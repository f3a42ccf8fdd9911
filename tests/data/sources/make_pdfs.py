"""Writes the PDF fixtures of tests/sources/ next to this file.

    .venv/bin/python tests/data/sources/make_pdfs.py

Needs fpdf2 (the `test` extra) and the DejaVu Sans font (Debian: fonts-dejavu-core) for the
Turkish letters Helvetica lacks. Outputs:
- report.pdf: a two-page English report with a metadata title (sources.text reads PDFs);
- resmi-gazete-21247.pdf: a made-up first page of an old Resmî Gazete issue with a text layer,
  as the scanned archive's better copies have (sources.gazette_pages reads number and date);
- scan-without-text.pdf: a page holding only drawn shapes, like a scan without OCR.
Creation dates are fixed, so a rerun rewrites the same bytes unless this script changed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _sheet(title: str) -> FPDF:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
    pdf.set_title(title)
    pdf.set_auto_page_break(False)
    return pdf


def report() -> None:
    pdf = _sheet("Danube Freight Review 2023")
    pages = [
        [
            "Danube Freight Review 2023",
            "Cargo handled at the inland ports rose to 3.4 million tonnes in 2023.",
            "Grain made up almost half of all outbound shipments.",
        ],
        [
            "Outlook",
            "The authority expects dredging of the eastern basin to finish in 2026.",
        ],
    ]
    for lines in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", "", 12)
        for index, line in enumerate(lines):
            pdf.text(72, 100 + 24 * index, line)
    pdf.output(str(HERE / "report.pdf"))


def gazette_first_page() -> None:
    pdf = _sheet("Resmi Gazete 21247")
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 9)
    pdf.text(72, 60, "Kuruluşu : 7 Ekim 1920")
    pdf.set_font("DejaVu", "", 28)
    pdf.text(200, 110, "Resmî Gazete")
    pdf.set_font("DejaVu", "", 9)
    pdf.text(72, 150, "4 HAZİRAN 1992 PERŞEMBE")
    pdf.text(430, 150, "Sayı : 21247")
    pdf.line(72, 160, 523, 160)
    pdf.text(72, 190, "YÜRÜTME VE İDARE BÖLÜMÜ")
    pdf.text(72, 210, "Yönetmelik: Liman İşletmeleri Ücret Tarifeleri Yönetmeliği")
    pdf.output(str(HERE / "resmi-gazete-21247.pdf"))


def scan_without_text() -> None:
    pdf = _sheet("")
    pdf.add_page()
    for row in range(12):
        pdf.rect(72, 80 + 40 * row, 300 + 10 * (row % 3), 12, style="F")
    pdf.output(str(HERE / "scan-without-text.pdf"))


if __name__ == "__main__":
    report()
    gazette_first_page()
    scan_without_text()
