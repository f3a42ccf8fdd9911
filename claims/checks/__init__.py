"""The checks, in the order they run, and `run_checks`.

Each check is one module here: its docstring explains it (the report's appendix prints it), and
it is pure: no I/O, no clock, no randomness. Two scopes: article checks, `check(article)`, need
only the manuscript; source checks, `check(article, sources)`, also need what the sources stage
found. The tables below are the whole list; a duplicate id fails at import.

A flood (more than `FLOOD` findings of one check) is collapsed by `run_checks`: the first
`FLOOD_EXAMPLES` stay as examples and one summary finding counts the rest. A check is read no
further than `FLOOD_STOP` findings, so a pathological input cannot fill memory or the report.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import islice
from pathlib import Path
from types import ModuleType

from claims.article import Article
from claims.checks import (
    broken_url,
    citation_variant,
    claim_date_mismatch,
    claim_figure_mismatch,
    claim_party_mismatch,
    claim_unsupported,
    content_drift,
    duplicate_sentence,
    gazette_date_mismatch,
    link_blocked,
    link_dead,
    link_redirected,
    link_soft_404,
    link_unreachable,
    missing_note,
    note_date_mismatch,
    note_order,
    retrieved_date_mismatch,
    short_form_mismatch,
    table_total_mismatch,
    uncited_claim,
    unreferenced_note,
    url_title_mismatch,
)
from claims.facts import ClaimCheck
from claims.findings import Finding, Severity
from sources.model import Source
from sources.progress import advance

log = logging.getLogger(__name__)

# An edited article gives a few findings of each kind; hundreds mean a cause worth fixing
# first (repeated text, a misread file), and listing them all helps nobody.
FLOOD = 200
FLOOD_EXAMPLES = 20
FLOOD_STOP = 10_000

Check = Callable[..., Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class CheckInfo:
    id: str
    check: Check
    doc: str  # the module docstring: what it detects, why it matters, an example
    scope: str  # "article", "source" or "claim"
    # An article check may also refine its findings once the sources are known.
    refine: Callable[[list[Finding], Article, Sequence[Source]], list[Finding]] | None = None


ARTICLE_CHECKS: tuple[ModuleType, ...] = (
    duplicate_sentence,
    missing_note,
    unreferenced_note,
    note_order,
    gazette_date_mismatch,
    note_date_mismatch,
    citation_variant,
    url_title_mismatch,
    uncited_claim,
    broken_url,
    table_total_mismatch,
    short_form_mismatch,
)
SOURCE_CHECKS: tuple[ModuleType, ...] = (
    link_dead,
    link_soft_404,
    link_redirected,
    link_blocked,
    link_unreachable,
    content_drift,
    retrieved_date_mismatch,
)
CLAIM_CHECKS: tuple[ModuleType, ...] = (
    claim_unsupported,
    claim_date_mismatch,
    claim_figure_mismatch,
    claim_party_mismatch,
)


def _registry() -> dict[str, CheckInfo]:
    registry: dict[str, CheckInfo] = {}
    scopes = (("article", ARTICLE_CHECKS), ("source", SOURCE_CHECKS), ("claim", CLAIM_CHECKS))
    for scope, modules in scopes:
        for module in modules:
            check_id = module.__name__.rsplit(".", 1)[-1].replace("_", "-")
            if check_id in registry:
                raise RuntimeError(f"duplicate check id {check_id}")
            doc = (module.__doc__ or "").strip()
            refine = getattr(module, "refine", None)
            registry[check_id] = CheckInfo(check_id, module.check, doc, scope, refine)
    return registry


CHECKS: dict[str, CheckInfo] = _registry()


# Measured precision per check kind on real, published articles (`python -m
# pipeline.precision --write-caps`). A kind judged less precise than this may not raise more
# than the given severity: editors stop reading a report after a few false alarms.
PRECISION_FILE = Path(__file__).resolve().parents[1] / "data" / "check-precision.json"
MIN_JUDGED = 5  # fewer judgements than this say too little to cap a kind
SEVERITY_CAPS = ((0.7, Severity.INFO), (0.9, Severity.WARNING))


@cache
def _precision() -> dict[str, dict[str, float]]:
    try:
        data = json.loads(PRECISION_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return data if isinstance(data, dict) else {}


def cap_for(figures: dict[str, float] | None) -> Severity | None:
    """The cap for a kind's measured figures (`judged`, `precision`); None: no cap."""
    if not figures or figures.get("judged", 0) < MIN_JUDGED:
        return None
    return next((cap for below, cap in SEVERITY_CAPS if figures["precision"] < below), None)


def severity_cap(kind: str) -> Severity | None:
    """The most severe a finding of `kind` may be, from its measured precision; None: no cap."""
    return cap_for(_precision().get(kind))


def _capped(finding: Finding) -> Finding:
    cap = severity_cap(finding.kind)
    if cap is None or "crash" in finding.evidence or finding.severity.rank >= cap.rank:
        return finding
    return replace(finding, severity=cap)


class CheckCrashed(Exception):
    """Raised in strict mode when a check fails with an exception."""


def checks_for(
    sources: Sequence[Source] | None, claims: Sequence[ClaimCheck] | None = None
) -> list[CheckInfo]:
    """The checks that run: article checks always, source checks when sources were looked at,
    claim checks when claims were checked against them."""
    given = {"article": True, "source": sources is not None, "claim": claims is not None}
    return [c for c in CHECKS.values() if given[c.scope]]


def run_checks(
    article: Article,
    sources: Sequence[Source] | None = None,
    strict: bool = False,
    claims: Sequence[ClaimCheck] | None = None,
    capped: bool = True,
) -> list[Finding]:
    """Run the checks; a check that crashes becomes an error finding (or raises, if strict).

    Severities are capped by each kind's measured precision (`severity_cap`); `capped=False`
    gives them as the checks raise them, for measuring that precision.
    """
    findings: list[Finding] = []
    chosen = checks_for(sources, claims)
    for done, info in enumerate(chosen):
        advance("running checks", done, len(chosen))
        try:
            if info.scope == "article":
                findings.extend(collapse_flood(info.id, info.check(article)))
            elif info.scope == "source":
                findings.extend(collapse_flood(info.id, info.check(article, sources)))
            else:
                findings.extend(collapse_flood(info.id, info.check(article, claims)))
            if info.refine is not None and sources is not None:
                findings = info.refine(findings, article, sources)
        except Exception as error:
            if strict:
                raise CheckCrashed(f"check {info.id} crashed: {error!r}") from error
            log.exception("check %s crashed", info.id)
            findings.append(
                Finding(
                    kind=info.id,
                    severity=Severity.ERROR,
                    message=f"the {info.id} check crashed ({type(error).__name__}: {error}); "
                    "its results are missing from this report — please report the bug",
                    evidence={"crash": repr(error)},
                )
            )
    advance("running checks", len(chosen), len(chosen))
    return [_capped(f) for f in findings] if capped else findings


def collapse_flood(check_id: str, found: Iterable[Finding]) -> list[Finding]:
    """`found`, or, past `FLOOD` findings, its first `FLOOD_EXAMPLES` and one summary finding
    (severity: the worst of those left out) counting the rest, up to `FLOOD_STOP`."""
    kept = list(islice(found, FLOOD_STOP + 1))
    if len(kept) <= FLOOD:
        return kept
    stopped = len(kept) > FLOOD_STOP
    kept = kept[:FLOOD_STOP]
    rest = kept[FLOOD_EXAMPLES:]
    total = f"over {FLOOD_STOP:,}" if stopped else f"{len(kept):,}"
    summary = Finding(
        kind=check_id,
        severity=min((f.severity for f in rest), key=lambda s: s.rank),
        message=f"{check_id} found {total} problems; the first {FLOOD_EXAMPLES} are listed and "
        f"the rest left out: so many of one kind usually have one cause (text repeated, or the "
        "file read wrongly), so fix that and run again",
        notes=tuple(sorted({n for f in rest for n in f.notes}))[:50],
        evidence={"flood": True, "found": len(kept), "stopped": stopped, "listed": FLOOD_EXAMPLES},
    )
    return [*kept[:FLOOD_EXAMPLES], summary]
