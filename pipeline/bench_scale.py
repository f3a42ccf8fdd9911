"""Scale benchmark: `verify --no-sources` on long articles made from the brief's, with time,
peak memory and the growth ratio per step (issue 16).

Articles: the brief's body repeated to 1x, 4x and 16x its size (its notes once, at the end),
articles of 1,000 and 10,000 notes (its sentences cycled, each calling its own note, its
notes cycled with distinct URLs), and a PDF of 300 pages (its body set in 10-point type).
Each run is a fresh process (`citewatch verify --direct --no-sources`), so peak memory is that
run's own (the child's maximum resident set).

    python -m pipeline.bench_scale [--articles DIR] [--sizes 1,4,16] [--notes 1000,10000]
                                   [--pages 300]
    python -m pipeline.bench_scale --write-text OUT.txt --megabytes 20   # a long input to try
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_HEADING = re.compile(r"^\s*(?:end\s*notes|notes)\s*$", re.IGNORECASE | re.MULTILINE)
_SUPER = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_NOTE = re.compile(r"^(\d+)\.\s+(.*)$")
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _split(brief: str) -> tuple[str, str, str]:
    """(title, body, notes section) of a text article."""
    heading = list(_HEADING.finditer(brief))[-1]
    front = brief[: heading.start()]
    title, _, body = front.partition("\n\n")
    return title, body, brief[heading.end() :]


def repeated_text(brief: str, times: float) -> str:
    """The brief's body repeated `times` over (its notes once): a book-length article whose
    notes are each called many times."""
    title, body, notes = _split(brief)
    whole, part = int(times), times - int(times)
    bodies = [body] * whole + ([body[: int(len(body) * part)].rsplit("\n\n", 1)[0]] if part else [])
    return f"{title}\n\n" + "\n\n".join(bodies) + "\n\nEndnotes\n" + notes


def many_notes(brief: str, count: int) -> str:
    """An article of `count` notes: the brief's cited sentences cycled, each calling its own
    note; its notes cycled, each with a URL of its own."""
    title, body, notes = _split(brief)
    sentences = [
        s.strip() for s in re.split(r"(?<=[.?!])\s+", _SUPER.sub("", body)) if len(s.split()) > 6
    ]
    lines = [m.group(2) for m in map(_NOTE.match, notes.splitlines()) if m]
    paragraphs, current = [], []
    for n in range(1, count + 1):
        current.append(
            sentences[n % len(sentences)].rstrip(".") + "." + str(n).translate(_SUPERSCRIPTS)
        )
        if len(current) == 6:
            paragraphs.append(" ".join(current))
            current = []
    paragraphs.append(" ".join(current))
    out = [f"{title}\n", "\n\n".join(p for p in paragraphs if p), "\n\nEndnotes\n"]
    for n in range(1, count + 1):
        note = lines[n % len(lines)]
        note = re.sub(r"(https?://\S+?)([).,;]*)(\s|$)", rf"\1?n={n}\2\3", note)
        if "http" not in note:
            note += f" https://example.org/source/{n}"
        out.append(f"{n}. {note}\n")
    return "".join(out)


def write_pdf(brief: str, pages: int, out: Path) -> int:
    """A PDF of at least `pages` pages: the brief's body repeated, calls set raised and small,
    its notes at the end (fpdf2, the test extra's PDF writer). Returns the page count."""
    from fpdf import FPDF  # only this benchmark writes PDFs

    title, body, notes = _split(brief)
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_margins(72, 72, 72)
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    family = "Helvetica"
    if font.exists():
        pdf.add_font("DejaVu", "", str(font))
        family = "DejaVu"
    pdf.add_page()
    pdf.set_font(family, "", 16)
    pdf.multi_cell(0, 20, title if family == "DejaVu" else _latin(title))
    paragraphs = [p.replace("\n", " ") for p in body.split("\n\n") if p.strip()]
    i = 0
    while pdf.page_no() < pages:
        text = paragraphs[i % len(paragraphs)]
        i += 1
        pdf.ln(8)
        pdf.set_font(family, "", 10)
        for piece in re.split("([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", text):
            if _SUPER.fullmatch(piece):
                pdf.char_vpos = "SUP"
                pdf.write(14, piece.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))
                pdf.char_vpos = "LINE"
            elif piece:
                pdf.write(14, piece if family == "DejaVu" else _latin(piece))
        pdf.ln(14)
    pdf.ln(14)
    pdf.set_font(family, "", 14)
    pdf.write(16, "Endnotes")
    pdf.ln(20)
    pdf.set_font(family, "", 8)
    for line in notes.strip().splitlines():
        if line.strip():
            pdf.write(10, line.replace("*", "") if family == "DejaVu" else _latin(line))
            pdf.ln(12)
    pdf.output(str(out))
    return pdf.page_no()


def _can_write_pdf() -> bool:
    try:
        import fpdf  # noqa: F401  (only to know whether the PDF rows can run)
    except ImportError:
        return False
    return True


def _latin(text: str) -> str:
    return text.encode("latin-1", errors="replace").decode("latin-1")


# The child reports its own peak resident set: RUSAGE_CHILDREN only keeps the largest child.
_CHILD = (
    "import resource, sys\n"
    "from pipeline.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "used = resource.getrusage(resource.RUSAGE_SELF)\n"
    "print('peak_kb', used.ru_maxrss, used.ru_utime + used.ru_stime, file=sys.stderr)\n"
    "sys.exit(code)\n"
)
_ELAPSED = re.compile(r" in ([\d.]+) s$")


def run_verify(article: Path, timeout: float = 1800) -> dict[str, Any]:
    """`citewatch verify --direct --no-sources` in a fresh process: its own time (interpreter
    start excluded), peak memory and exit status."""
    with tempfile.TemporaryDirectory(prefix="citewatch-scale-") as tmp:
        command = [sys.executable, "-c", _CHILD, "verify", str(article), "--direct",
                   "--no-sources", "--out", f"{tmp}/out",
                   "--decisions", f"{tmp}/d.sqlite"]  # fmt: skip
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        wall = time.perf_counter() - started
    lines = done.stderr.strip().splitlines()
    usage = next((line.split()[1:] for line in lines if line.startswith("peak_kb ")), ["0", "0"])
    peak, cpu = int(usage[0]), float(usage[1])
    said = [line for line in lines if not line.startswith("peak_kb ")]
    elapsed = next((m.group(1) for line in said if (m := _ELAPSED.search(line))), None)
    return {
        "seconds": float(elapsed) if elapsed else round(wall, 2),
        "cpu_seconds": round(cpu, 2),  # the process's own CPU time: steadier on a busy machine
        "peak_mb": round(peak / 1024),
        "exit": done.returncode,
        "last_line": (said or [""])[-1][:160],
    }


def run_scale_benchmark(
    brief_txt: Path,
    sizes: Sequence[float] = (1, 4, 16),
    notes: Sequence[int] = (1000, 10_000),
    pages: Sequence[int] = (),
) -> list[dict[str, Any]]:
    """One row per article verified: `sizes` times the brief's text, `notes` notes, and PDFs
    of `pages` pages (written with fpdf2, the test extra's PDF writer: skipped without it)."""
    brief = brief_txt.read_text(encoding="utf-8")
    rows: list[dict[str, Any]] = []

    def text(make: Any) -> Any:
        return lambda k, path: path.write_text(make(k), encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="citewatch-scale-in-") as tmp:
        for axis, steps, write, suffix in (
            ("size", sizes, text(lambda k: repeated_text(brief, k)), ".txt"),
            ("notes", notes, text(lambda k: many_notes(brief, int(k))), ".txt"),
            (
                "pages",
                pages if _can_write_pdf() else (),
                lambda k, p: write_pdf(brief, k, p),
                ".pdf",
            ),
        ):
            previous = None
            for step in steps:
                path = Path(tmp) / f"{axis}-{step}{suffix}"
                write(step, path)
                figures = run_verify(path)
                figures.update(axis=axis, step=step, megabytes=round(path.stat().st_size / 1e6, 2))
                if previous is not None:
                    figures["growth"] = round(
                        figures["seconds"] / max(previous["seconds"], 1e-3), 2
                    )
                    figures["cpu_growth"] = round(
                        figures["cpu_seconds"] / max(previous["cpu_seconds"], 1e-3), 2
                    )
                    figures["step_ratio"] = round(step / previous["step"], 2)
                rows.append(figures)
                previous = figures
                path.unlink()
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench_scale")
    default = Path(__file__).resolve().parents[1].parent / "shared" / "article"
    parser.add_argument("--articles", type=Path, default=default)
    parser.add_argument("--sizes", default="1,4,16")
    parser.add_argument("--notes", default="1000,10000")
    parser.add_argument("--pages", default="300", help="PDF page counts ('' for none)")
    parser.add_argument("--write-text", type=Path, help="write one long text article and stop")
    parser.add_argument("--write-notes", type=Path, help="write an article of --count notes")
    parser.add_argument("--write-pdf", type=Path, help="write a PDF of --count pages")
    parser.add_argument("--megabytes", type=float, default=2.0)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args(argv)
    brief_txt = next(iter(sorted(args.articles.glob("*.txt"))), None)
    if brief_txt is None:
        parser.exit(2, f"no .txt article in {args.articles}\n")
    brief = brief_txt.read_text(encoding="utf-8")
    if args.write_text:
        times = args.megabytes * 1e6 / len(_split(brief)[1].encode("utf-8"))
        args.write_text.write_text(repeated_text(brief, times), encoding="utf-8")
        return 0
    if args.write_pdf:
        write_pdf(brief, args.count, args.write_pdf)
        return 0
    if args.write_notes:
        args.write_notes.write_text(many_notes(brief, args.count), encoding="utf-8")
        return 0
    sizes = [float(s) for s in args.sizes.split(",")]
    notes = [int(n) for n in args.notes.split(",") if n]
    pages = [int(n) for n in args.pages.split(",") if n]
    for row in run_scale_benchmark(brief_txt, sizes, notes, pages):
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    sys.exit(main())
