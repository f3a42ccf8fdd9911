"""The trained citation labeller: load the shipped CRF model, label tokens (the only
pycrfsuite import; training lives here too so the library stays in one module).

The model file ``sources/data/citation-crf.model`` is built by ``python -m
sources.citation_train`` from data the project generates (sources.citation_data) and shipped as
package data. A missing or unreadable model is a `CitationModelError`: the note parser then
falls back to its rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import pycrfsuite

from sources.citation_features import Token, featurize
from sources.errors import CitewatchError

MODEL_PATH = Path(__file__).resolve().parent / "data" / "citation-crf.model"


class CitationModelError(CitewatchError):
    """The citation model file is missing or unreadable."""


_chosen: list[Path] = []


def use_model(path: Path) -> None:
    """Label with the model at `path` from now on (benchmarks compare candidate models)."""
    _chosen[:] = [path]
    _open_tagger.cache_clear()


def _tagger() -> pycrfsuite.Tagger:
    return _open_tagger(_chosen[0] if _chosen else MODEL_PATH)


@cache
def _open_tagger(path: Path) -> pycrfsuite.Tagger:
    if not path.exists():
        raise CitationModelError(
            f"no citation model at {path}: build it with `python -m sources.citation_train`"
        )
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(path))
    except (OSError, ValueError) as error:
        raise CitationModelError(f"cannot read the citation model {path}: {error}") from error
    return tagger


def label_tokens(tokens: Sequence[Token]) -> list[str]:
    """One label per token (``author``, ``title``, ..., ``O``)."""
    if not tokens:
        return []
    return list(_tagger().tag(featurize(list(tokens))))


def train_model(
    sequences: Iterable[tuple[list[Token], list[str]]],
    path: Path,
    *,
    c1: float = 0.2,
    c2: float = 0.01,
    iterations: int = 120,
    verbose: bool = False,
) -> None:
    """Fit a linear-chain CRF (L-BFGS, elastic net) on labelled token sequences; write `path`."""
    trainer = pycrfsuite.Trainer(verbose=verbose)
    for tokens, labels in sequences:
        trainer.append(featurize(tokens), labels)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    _open_tagger.cache_clear()
