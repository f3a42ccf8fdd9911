"""Scale benchmark: `verify --no-sources` on long articles made from the brief's, with time,
peak memory and the growth ratio per step (issue 16).

Articles: the brief's body repeated to 1x, 4x and 16x its size (its notes once, at the end),
and articles of 1,000 and 10,000 notes (its sentences cycled, each calling its own note, its
notes cycled with distinct URLs). Each run is a fresh process (`citewatch verify --direct
--no-sources`), so peak memory is that run's own (the child's maximum resident set).

    python -m pipeline.bench_scale [--articles DIR] [--sizes 1,4,16] [--notes 1000,10000]
    python -m pipeline.bench_scale --write-text OUT.txt --megabytes 20   # a long input to try
"""

from __future__ import annotations

import argparse
import os
import re
import resource
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


def run_verify(article: Path, timeout: float = 900) -> dict[str, Any]:
    """`citewatch verify --direct --no-sources` in a fresh process: seconds, peak MB, exit."""
    with tempfile.TemporaryDirectory(prefix="citewatch-scale-") as tmp:
        command = [sys.executable, "-m", "pipeline.cli", "verify", str(article), "--direct",
                   "--no-sources", "--out", f"{tmp}/out",
                   "--decisions", f"{tmp}/d.sqlite"]  # fmt: skip
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest child so far: runs go from small to large.
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(max(peak, before) / 1024),
        "exit": done.returncode,
        "last_line": (done.stderr.strip().splitlines() or [""])[-1][:160],
    }


def run_scale_benchmark(
    brief_txt: Path, sizes: Sequence[float] = (1, 4, 16), notes: Sequence[int] = (1000, 10_000)
) -> list[dict[str, Any]]:
    brief = brief_txt.read_text(encoding="utf-8")
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="citewatch-scale-in-") as tmp:
        for axis, steps, make in (
            ("size", sizes, lambda k: repeated_text(brief, k)),
            ("notes", notes, lambda k: many_notes(brief, int(k))),
        ):
            previous = None
            for step in steps:
                path = Path(tmp) / f"{axis}-{step}.txt"
                path.write_text(make(step), encoding="utf-8")
                figures = run_verify(path)
                figures.update(axis=axis, step=step, megabytes=round(path.stat().st_size / 1e6, 2))
                if previous is not None:
                    figures["growth"] = round(
                        figures["seconds"] / max(previous["seconds"], 1e-3), 2
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
    parser.add_argument("--write-text", type=Path, help="write one long text article and stop")
    parser.add_argument("--write-notes", type=Path, help="write an article of --count notes")
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
    if args.write_notes:
        args.write_notes.write_text(many_notes(brief, args.count), encoding="utf-8")
        return 0
    sizes = [float(s) for s in args.sizes.split(",")]
    notes = [int(n) for n in args.notes.split(",")]
    for row in run_scale_benchmark(brief_txt, sizes, notes):
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    sys.exit(main())
