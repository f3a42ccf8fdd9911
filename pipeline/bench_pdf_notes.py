"""Notes read from real PDFs against the truth of the corpus (`../shared/corpus/`).

    python -m pipeline.bench_pdf_notes [lawreviews] [freeculture] [refs] [speed] [--only NAME]

`lawreviews`: for each law review PDF, the notes found against the web edition's footnote
paragraphs (`NAME.json`, `footnote-text`): count within 5%, and on the ten articles with the
most notes the share of notes whose text matches the web edition's footnote (similarity 90 or
more), the calls tied to a sentence, and the parse time. `freeculture`: endnotes per section and
calls tied to their own section's note. `refs`: the numbered reference lists of the conference
papers. `speed`: the longest law review PDF's parse, wall and CPU time (the reader's second
process included) with the load average, since a shared machine inflates wall time.
Measurement only: nothing here is fitted to these files.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from claims.article import Article, read_article
from claims.errors import ArticleError
from claims.match import similarity

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
LAWREVIEWS = CORPUS / "lawreviews"
_WEB_LABEL_RE = re.compile(r"^\s*(?:\[\d+\]\.?|\^|\d+\s)\s*")
MATCH_RATIO = 90.0


def count_pages(path: Path) -> int:
    """A PDF's page count, from its page tree's /Count entries (no PDF library needed)."""
    counts = [int(n) for n in re.findall(rb"/Count\s+(\d+)", path.read_bytes())]
    return max(counts, default=0)


def _fold(text: str) -> str:
    """Text compared without spaces, case or italics marks (the web edition drops spaces)."""
    return re.sub(r"[\s*]+", "", text).casefold()


def _web_footnotes(name: str) -> list[str]:
    data = json.loads((LAWREVIEWS / f"{name}.json").read_text(encoding="utf-8"))
    return [p["text"] for p in data["paragraphs"] if p["label"] == "footnote-text"]


def _note_matches(article: Article, web: list[str]) -> tuple[int, int]:
    """(notes whose text matches a web footnote near its place, numbered notes compared)."""
    folded = [_fold(_WEB_LABEL_RE.sub("", text)) for text in web]
    numbered = [n for n in article.notes if (n.label or str(n.number)).isdigit()]
    matched = 0
    for position, note in enumerate(numbered):
        mine = _fold(note.text)
        guess = int(note.label or note.number) - 1
        nearby = {*range(guess - 3, guess + 4), *range(position - 3, position + 4)}
        best = max(
            (similarity(mine, folded[k]) for k in nearby if 0 <= k < len(folded)), default=0.0
        )
        matched += best >= MATCH_RATIO
    return matched, len(numbered)


def _calls(article: Article) -> tuple[int, int]:
    """(distinct notes called from a sentence, numbered notes)."""
    called = set(article.called_notes())
    numbered = [n.number for n in article.notes if (n.label or str(n.number)).isdigit()]
    return sum(n in called for n in numbered), len(numbered)


def bench_lawreviews(only: str | None = None) -> int:
    if not LAWREVIEWS.is_dir():
        print(f"skipped: no corpus at {LAWREVIEWS}")
        return 0
    index = json.loads((LAWREVIEWS / "index.json").read_text(encoding="utf-8"))
    top10 = {a["article"] for a in sorted(index, key=lambda a: -a["footnote_paragraphs"])[:10]}
    within = total = 0
    matched_all = compared_all = 0
    slowest = ("", 0.0, 0)
    print(f"{'article':<48} {'web':>5} {'pdf':>5} {'diff%':>6} {'text≥90':>8} {'called':>7} "
          f"{'pages':>5} {'secs':>6}")  # fmt: skip
    for entry in index:
        name = entry["article"]
        if only and only not in name:
            continue
        total += 1
        web = entry["footnote_paragraphs"]
        started = time.perf_counter()
        try:
            article = read_article(LAWREVIEWS / f"{name}.pdf")
        except ArticleError as exc:
            print(f"{name[:48]:<48} {web:>5} {'-':>5}  {exc}")
            continue
        seconds = time.perf_counter() - started
        pages = max((b.page or 0 for b in article.blocks), default=0)
        if seconds > slowest[1]:
            slowest = (name, seconds, pages)
        numbered = [n for n in article.notes if (n.label or str(n.number)).isdigit()]
        diff = (len(numbered) - web) / web * 100
        within += abs(diff) <= 5
        texts = "-"
        if name in top10:
            matched, compared = _note_matches(article, _web_footnotes(name))
            matched_all += matched
            compared_all += compared
            texts = f"{matched / max(compared, 1):.1%}"
        called, count = _calls(article)
        print(
            f"{name[:48]:<48} {web:>5} {len(numbered):>5} {diff:>6.1f} {texts:>8} "
            f"{called / max(count, 1):>7.1%} {pages:>5} {seconds:>6.2f}",
            flush=True,
        )
    print(f"notes within 5% of the web edition: {within} of {total}")
    if compared_all:
        print(
            f"ten articles with the most notes: {matched_all} of {compared_all} notes' texts "
            f"match the web edition ({matched_all / compared_all:.1%})"
        )
    print(f"slowest parse: {slowest[0]} ({slowest[2]} pages) {slowest[1]:.2f} s")
    return 0


def bench_freeculture() -> int:
    path = CORPUS / "pdfs" / "freeculture.pdf"
    if not path.exists():
        print(f"skipped: no {path}")
        return 0
    started = time.perf_counter()
    article = read_article(path)
    seconds = time.perf_counter() - started
    sections = Counter(n.section for n in article.notes)
    print(f"Free Culture: {len(article.notes)} notes in {len(sections)} sections ({seconds:.1f} s)")
    for section, count in sections.items():
        print(f"  {count:>4}  {section}")
    called = article.called_notes()
    print(f"notes called: {sum(n.number in called for n in article.notes)} of {len(article.notes)}")
    return 0


def bench_refs() -> int:
    papers = sorted((CORPUS / "pdfs").glob("grobid*.pdf"))
    for path in [*papers, CORPUS / "pdfs" / "federal-register-2020-17221.pdf"]:
        if not path.exists():
            continue
        try:
            article = read_article(path)
        except ArticleError as exc:
            print(f"{path.name}: {exc}")
            continue
        labels = [n.label or str(n.number) for n in article.notes]
        called = article.called_notes()
        print(
            f"{path.name}: {len(article.notes)} notes ({', '.join(labels[:12])}"
            f"{'...' if len(labels) > 12 else ''}); called {len(called)}; "
            f"{len(article.warnings)} warnings"
        )
    return 0


def bench_speed() -> int:
    paths = [p for p in sorted(LAWREVIEWS.glob("*.pdf")) if p.stat().st_size]
    if not paths:
        print(f"skipped: no PDFs in {LAWREVIEWS}")
        return 0
    pages = {p: count_pages(p) for p in paths}
    longest = max(paths, key=lambda p: pages[p])
    read_article(longest)  # lazy imports and caches warm
    for _ in range(2):
        load = os.getloadavg()[0]
        before = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
        started = time.perf_counter()
        article = read_article(longest)
        wall = time.perf_counter() - started
        after = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
        cpu = [
            a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime
            for a, b in zip(after, before, strict=True)
        ]
        print(
            f"{longest.name} ({pages[longest]} pages, {len(article.notes)} notes): "
            f"wall {wall:.2f} s, "
            f"CPU {cpu[0]:.2f} s here + {cpu[1]:.2f} s in the second process, "
            f"load average {load:.2f} on {os.cpu_count()} cores"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench_pdf_notes")
    parser.add_argument("parts", nargs="*", default=["lawreviews", "freeculture", "refs", "speed"])
    parser.add_argument("--only", help="law review articles whose name holds this")
    args = parser.parse_args(argv)
    for part in args.parts:
        if part == "lawreviews":
            bench_lawreviews(args.only)
        elif part == "freeculture":
            bench_freeculture()
        elif part == "refs":
            bench_refs()
        elif part == "speed":
            bench_speed()
        else:
            print(f"unknown part {part!r}: lawreviews, freeculture, refs or speed", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
