"""How often the claim check is right on the claim corpus: the brief's article against pages
written in the sources' languages (tests/data/claimcorpus), scored against its truth file.

    python -m pipeline.bench_verdicts [--article PATH] [--warc PATH] [--truth PATH]

Prints each claim whose verdict differs from the truth, the share right, and the false
contradictions (a claim called contradicted that the truth does not contradict). The article
is read from ../shared/article/ (not shipped); without it the run says so and exits 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claims.article import read_article
from claims.facts import ClaimCheck
from pipeline.stages import SourceOptions, check_claims, gather_sources

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "claimcorpus"
ARTICLE = REPO.parent / "shared" / "article" / "balkans-military-activism.txt"


@dataclass(frozen=True, slots=True)
class Scored:
    right: int
    total: int
    false_contradictions: tuple[str, ...]
    wrong: tuple[str, ...]  # "notes: expected -> got (reason)"
    missing: tuple[str, ...]  # truth entries that match no claim

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def _match(entry: dict[str, Any], checks: Sequence[ClaimCheck]) -> ClaimCheck | None:
    notes = tuple(entry["notes"])
    for check in checks:
        if check.claim.notes == notes and check.claim.text.startswith(entry["starts"]):
            return check
    return None


def score_corpus(
    article: Path = ARTICLE,
    warc: Path = CORPUS / "sources.warc.gz",
    truth: Path = CORPUS / "truth.json",
) -> Scored:
    """Verify `article` with the pages of `warc` only (no network) and score the verdicts."""
    expected = json.loads(truth.read_text(encoding="utf-8"))["claims"]
    parsed = read_article(article)
    with tempfile.TemporaryDirectory() as tmp:
        options = SourceOptions(archive=Path(tmp) / "archive", imports=(warc,))
        sources = gather_sources(parsed, options, dt.datetime.now(dt.UTC), lambda _: None)
        checks = check_claims(parsed, sources) or []
    right = 0
    false_contradictions, wrong, missing = [], [], []
    for entry in expected:
        check = _match(entry, checks)
        label = f"note {','.join(map(str, entry['notes']))} ({entry['starts'][:40]})"
        if check is None:
            missing.append(label)
            continue
        got = check.verdict.value
        if got == entry["verdict"]:
            right += 1
            continue
        wrong.append(f"{label}: expected {entry['verdict']}, got {got} ({check.reason})")
        if got == "contradicted":
            false_contradictions.append(label)
    return Scored(right, len(expected), tuple(false_contradictions), tuple(wrong), tuple(missing))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench_verdicts", description=__doc__)
    parser.add_argument("--article", type=Path, default=ARTICLE)
    parser.add_argument("--warc", type=Path, default=CORPUS / "sources.warc.gz")
    parser.add_argument("--truth", type=Path, default=CORPUS / "truth.json")
    args = parser.parse_args(argv)
    if not args.article.is_file():
        print(f"skipped: the brief's article is not at {args.article}")
        return 2
    scored = score_corpus(args.article, args.warc, args.truth)
    for line in (*scored.wrong, *(f"{m}: no such claim" for m in scored.missing)):
        print(line)
    print(
        f"claim corpus: {scored.right}/{scored.total} verdicts right ({scored.share:.1%}); "
        f"false contradictions: {len(scored.false_contradictions)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
