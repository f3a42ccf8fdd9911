"""`python -m sources.citation_train`: build the citation labeller's model from generated data.

Generates labelled citations (sources.citation_data: synthetic CSL-JSON records rendered
through many CSL styles, Bluebook and the brief's note style, with noise), adds a share of them
printed with commas between their fields (`comma_variant`), fits the CRF
(sources.citation_model) and writes ``sources/data/citation-crf.model``. Seeded, so the same
command gives the same model; about five minutes on two cores.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from sources.citation_data import labelled_citations
from sources.citation_features import Token
from sources.citation_model import MODEL_PATH, train_model

Sequence = tuple[list[Token], list[str]]

# fields that older reference lists (science before 2000, French and Italian humanities) part
# with a comma where the CSL styles the data is rendered through print a full stop
_COMMA_FIELDS = frozenset({"author", "editor", "title", "container", "publisher", "place"})


def comma_variant(tokens: list[Token], labels: list[str]) -> Sequence | None:
    """The citation with commas between its fields where it prints full stops ("Ferrand, S.,
    Transfinite Orders, J. Formal Logic, 27"), or None when nothing changes. A full stop
    between two fields becomes a comma; an author's closing initial ("S.") directly followed
    by the next field gets a comma after it. Spans after an inserted comma shift by one."""
    out_tokens: list[Token] = []
    out_labels: list[str] = []
    shift = 0
    changed = False
    n = len(tokens)
    for i, (token, label) in enumerate(zip(tokens, labels, strict=True)):
        moved = Token(token.text, token.start + shift, token.end + shift, token.italic)
        before = _field_before(labels, i)
        after = labels[i + 1] if i + 1 < n else None
        if (
            token.text == "."
            and label == "O"
            and before in _COMMA_FIELDS
            and after in _COMMA_FIELDS
            and after != before
        ):
            moved = Token(",", moved.start, moved.end, token.italic)
            changed = True
        out_tokens.append(moved)
        out_labels.append(label)
        if (
            token.text == "."
            and label == "author"
            and i
            and len(tokens[i - 1].text) == 1
            and tokens[i - 1].text.isupper()
            and after in _COMMA_FIELDS - {"author"}
        ):
            shift += 1
            out_tokens.append(Token(",", token.end + shift - 1, token.end + shift, token.italic))
            out_labels.append("O")
            changed = True
    return (out_tokens, out_labels) if changed else None


def _field_before(labels: list[str], i: int) -> str | None:
    """The last field label before position i (skipping unlabelled separators)."""
    for j in range(i - 1, -1, -1):
        if labels[j] != "O":
            return labels[j]
    return None


def with_comma_forms(data: list[Sequence], share: float, seed: int) -> list[Sequence]:
    """`data` plus comma variants of a seeded `share` of it."""
    rng = random.Random(seed)
    extra = []
    for tokens, labels in data:
        if rng.random() < share:
            variant = comma_variant(tokens, labels)
            if variant is not None:
                extra.append(variant)
    return data + extra


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sources.citation_train")
    parser.add_argument("--count", type=int, default=12000, help="training citations")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2, help="processes rendering the data")
    parser.add_argument(
        "--comma-share",
        type=float,
        default=0.0,
        help="share of citations also trained with commas between their fields (off: see README)",
    )
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    data = [
        ([token for token, _ in labelled], [label for _, label in labelled])
        for _, labelled in labelled_citations(args.count, seed=args.seed, workers=args.workers)
    ]
    data = with_comma_forms(data, args.comma_share, args.seed)
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
