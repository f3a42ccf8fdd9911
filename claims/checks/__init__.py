"""The manuscript checks, in the order they run, and `run_checks`.

Each check is one module here: its docstring explains it (the report's appendix prints it), its
`check(article)` yields `Finding`s, and it is pure: no I/O, no clock, no randomness. The table
below is the whole list; a duplicate id fails at import.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType

from claims.article import Article
from claims.checks import (
    broken_url,
    citation_variant,
    duplicate_sentence,
    gazette_date_mismatch,
    missing_note,
    note_date_mismatch,
    note_order,
    table_total_mismatch,
    uncited_claim,
    unreferenced_note,
    url_title_mismatch,
)
from claims.findings import Finding, Severity

log = logging.getLogger(__name__)

ArticleCheck = Callable[[Article], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class CheckInfo:
    id: str
    check: ArticleCheck
    doc: str  # the module docstring: what it detects, why it matters, an example


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
)


def _registry() -> dict[str, CheckInfo]:
    registry: dict[str, CheckInfo] = {}
    for module in ARTICLE_CHECKS:
        check_id = module.__name__.rsplit(".", 1)[-1].replace("_", "-")
        if check_id in registry:
            raise RuntimeError(f"duplicate check id {check_id}")
        registry[check_id] = CheckInfo(check_id, module.check, (module.__doc__ or "").strip())
    return registry


CHECKS: dict[str, CheckInfo] = _registry()


class CheckCrashed(Exception):
    """Raised in strict mode when a check fails with an exception."""


def run_checks(article: Article, strict: bool = False) -> list[Finding]:
    """Run every article check; a check that crashes becomes an error finding (or raises)."""
    findings: list[Finding] = []
    for info in CHECKS.values():
        try:
            findings.extend(info.check(article))
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
    return findings
