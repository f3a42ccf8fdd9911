"""The precision harness: every warning and error on real articles, judged by a person.

`python -m pipeline.precision` reads each article of `../shared/corpus/` (lessons, law reviews
from their PDF and their web edition, the other PDFs), runs the manuscript checks without
sources, and prints, per check kind, how many of its warnings and errors a person has judged
and the share judged true (precision), then the false alarms per article. The judgements live
in `pipeline/data/precision-judgements.tsv`: article, fingerprint, kind, true or false, and a
one-line reason — never text from the corpus. A finding is known by its fingerprint
(`reports.diff.fingerprint`: check, notes, sentence text, evidence), so a reworded message keeps
its judgement and changed evidence asks for a new one.

`--list FILE` writes the findings not yet judged, with their messages, for a person to judge
(the messages quote the corpus: keep that file out of the repository). `--write-caps` stores
the measured precision per kind in `claims/data/check-precision.json`, which
`claims.checks.run_checks` reads to cap severities: a kind judged under 90% precise is at most
a warning, under 70% at most info.

A benchmark, not a test: it reads the whole corpus (minutes, mostly the PDFs; `--jobs N` reads
in N processes).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from claims.article import read_article
from claims.checks import PRECISION_FILE, run_checks, severity_cap
from claims.errors import ArticleError
from claims.findings import Severity
from reports.diff import fingerprint
from reports.model import finding_json

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
JUDGEMENTS = Path(__file__).resolve().parent / "data" / "precision-judgements.tsv"
FIELDS = ("article", "fingerprint", "kind", "verdict", "reason")
RAISED = (Severity.ERROR, Severity.WARNING)


@dataclass(frozen=True, slots=True)
class Raised:
    """One warning or error on one corpus article."""

    article: str  # path under the corpus, e.g. "lessons/en__x.md"
    fingerprint: str
    kind: str
    severity: str  # as the check raised it
    shown: bool  # still a warning or error once capped by the kind's measured precision
    notes: str
    message: str


@dataclass(frozen=True, slots=True)
class Judgement:
    article: str
    fingerprint: str
    kind: str
    verdict: bool  # True: a real discrepancy an editor would want to see
    reason: str


def corpus_articles(corpus: Path = CORPUS) -> list[Path]:
    """Lessons, law reviews (PDF and web edition) and the other PDFs, in a stable order."""
    return [
        *sorted((corpus / "lessons").glob("*.md")),
        *sorted((corpus / "lawreviews").glob("*.pdf")),
        *sorted((corpus / "lawreviews").glob("*.html")),
        *sorted((corpus / "pdfs").glob("*.pdf")),
    ]


def raised_on(path: Path, corpus: Path = CORPUS) -> tuple[list[Raised], str | None]:
    """The warnings and errors on one article, or why it could not be read."""
    name = path.relative_to(corpus).as_posix()
    try:
        article = read_article(path)
    except ArticleError as error:
        return [], error.problem
    out = []
    for finding in run_checks(article, capped=False):
        if finding.severity not in RAISED:
            continue
        cap = severity_cap(finding.kind)
        data = finding_json(finding)
        labels = [n.name.removeprefix("note ") for n in map(article.note, finding.notes) if n]
        out.append(
            Raised(
                name,
                fingerprint(data),
                finding.kind,
                finding.severity.value,
                cap is None or cap in RAISED,
                ",".join(labels) or "-",
                " ".join(finding.message.split()),
            )
        )
    return out, None


def load_judgements(path: Path = JUDGEMENTS) -> dict[tuple[str, str], Judgement]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        judged = {}
        for row in rows:
            if row["verdict"] not in ("true", "false"):
                raise ValueError(f"{path}: verdict must be true or false: {row}")
            key = (row["article"], row["fingerprint"])
            judged[key] = Judgement(
                row["article"],
                row["fingerprint"],
                row["kind"],
                row["verdict"] == "true",
                row["reason"],
            )
    return judged


@dataclass(frozen=True, slots=True)
class KindFigures:
    kind: str
    raised: int
    judged: int
    true: int

    @property
    def precision(self) -> float | None:
        return self.true / self.judged if self.judged else None


def measure(
    raised: list[Raised], judged: dict[tuple[str, str], Judgement]
) -> tuple[list[KindFigures], dict[str, int]]:
    """Per kind: raised, judged, judged true (as the checks raise them, before caps); per
    article: the false alarms an editor still sees as warnings or errors once capped."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    false_alarms: Counter[str] = Counter()
    for item in raised:
        counts[item.kind]["raised"] += 1
        judgement = judged.get((item.article, item.fingerprint))
        if judgement is None:
            continue
        counts[item.kind]["judged"] += 1
        if judgement.verdict:
            counts[item.kind]["true"] += 1
        elif item.shown:
            false_alarms[item.article] += 1
    kinds = [
        KindFigures(kind, c["raised"], c["judged"], c["true"]) for kind, c in sorted(counts.items())
    ]
    return kinds, dict(false_alarms)


def _groups(articles: list[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for name in articles:
        folder, _, file = name.partition("/")
        group = "law review " + file.rsplit(".", 1)[-1] if folder == "lawreviews" else folder
        groups[group].append(name)
    return groups


def report(
    kinds: list[KindFigures],
    false_alarms: dict[str, int],
    articles: list[str],
    unreadable: dict[str, str],
) -> str:
    lines = [f"{'check':<26} {'raised':>6} {'judged':>6} {'true':>5} {'precision':>9}  at most"]
    for k in kinds:
        p = "-" if k.precision is None else f"{k.precision:.2f}"
        cap = severity_cap(k.kind)
        lines.append(
            f"{k.kind:<26} {k.raised:>6} {k.judged:>6} {k.true:>5} {p:>9}  "
            f"{cap.value if cap else '-'}"
        )
    lines.append("")
    lines.append(f"{'articles':<26} {'count':>6} {'false':>6} {'per article':>11} {'max':>5}")
    for group, names in sorted(_groups(articles).items()):
        falses = [false_alarms.get(n, 0) for n in names]
        lines.append(
            f"{group:<26} {len(names):>6} {sum(falses):>6} {sum(falses) / len(names):>11.2f} "
            f"{max(falses):>5}"
        )
    for why, count in Counter(unreadable.values()).most_common():
        lines.append(f"not read ({why}): {count} articles")
    return "\n".join(lines)


def write_caps(kinds: list[KindFigures], path: Path = PRECISION_FILE) -> None:
    """Store judged count and precision per kind for `claims.checks` to cap severities."""
    data = {
        k.kind: {"judged": k.judged, "precision": round(k.precision, 3)}
        for k in kinds
        if k.precision is not None
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def write_unjudged(
    raised: list[Raised], judged: dict[tuple[str, str], Judgement], path: Path
) -> int:
    rows = [r for r in raised if (r.article, r.fingerprint) not in judged]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow([*FIELDS, "severity", "notes", "message"])
        for r in rows:
            writer.writerow(
                [r.article, r.fingerprint, r.kind, "", "", r.severity, r.notes, r.message]
            )
    return len(rows)


def run(
    corpus: Path = CORPUS,
    listing: Path | None = None,
    caps: bool = False,
    only: str | None = None,
    jobs: int = 1,
) -> int:
    if not corpus.is_dir():
        print(f"precision: no corpus at {corpus} (it lives in ../shared/corpus/)", file=sys.stderr)
        return 2
    paths = [p for p in corpus_articles(corpus) if only is None or only in p.name]
    raised: list[Raised] = []
    unreadable: dict[str, str] = {}
    started = time.perf_counter()
    # Articles are read independently: with jobs > 1 they are read in worker processes, and
    # their findings are gathered in corpus order, so the output does not depend on jobs.
    with ProcessPoolExecutor(jobs) if jobs > 1 else nullcontext() as pool:
        results = (
            pool.map(raised_on, paths, repeat(corpus))
            if pool is not None
            else (raised_on(path, corpus) for path in paths)
        )
        for i, (path, (found, why)) in enumerate(zip(paths, results, strict=True), 1):
            print(f"[{i}/{len(paths)}] {path.relative_to(corpus)}", file=sys.stderr, flush=True)
            raised += found
            if why is not None:
                unreadable[path.relative_to(corpus).as_posix()] = why
    judged = load_judgements()
    kinds, false_alarms = measure(raised, judged)
    names = [p.relative_to(corpus).as_posix() for p in paths]
    print(report(kinds, false_alarms, names, unreadable))
    unjudged = sum(1 for r in raised if (r.article, r.fingerprint) not in judged)
    print(
        f"{len(raised)} warnings and errors on {len(paths)} articles, {unjudged} not judged; "
        f"{time.perf_counter() - started:.0f} s"
    )
    if listing is not None:
        print(f"wrote {write_unjudged(raised, judged, listing)} unjudged findings to {listing}")
    if caps:
        write_caps(kinds)
        print(f"wrote {PRECISION_FILE}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.precision", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--list", type=Path, metavar="FILE", help="write unjudged findings here")
    parser.add_argument("--write-caps", action="store_true", help="store precision per kind")
    parser.add_argument("--only", help="only articles whose file name contains this")
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="read articles in N processes"
    )
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be 1 or more")
    return run(args.corpus, args.list, args.write_caps, args.only, args.jobs)


if __name__ == "__main__":
    raise SystemExit(main())
