"""`python -m sources.citation_train`: build the citation labeller's model from generated data.

Generates labelled citations (sources.citation_data: synthetic CSL-JSON records rendered
through many CSL styles, Bluebook and the brief's note style, with noise), fits the CRF
(sources.citation_model) and writes ``sources/data/citation-crf.model``. Seeded, so the same
command gives the same model; about five minutes on two cores.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sources.citation_data import labelled_citations
from sources.citation_model import MODEL_PATH, train_model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sources.citation_train")
    parser.add_argument("--count", type=int, default=12000, help="training citations")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2, help="processes rendering the data")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    data = [
        ([token for token, _ in labelled], [label for _, label in labelled])
        for _, labelled in labelled_citations(args.count, seed=args.seed, workers=args.workers)
    ]
    tokens = sum(len(t) for t, _ in data)
    print(
        f"generated {len(data)} citations, {tokens} tokens in {time.perf_counter() - started:.0f} s"
    )
    train_model(data, args.out, iterations=args.iterations)
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
