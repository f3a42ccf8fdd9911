"""Severities are capped by each check kind's precision measured on real articles."""

from claims.checks import cap_for
from claims.findings import Severity


def test_a_kind_judged_under_70_percent_precise_is_at_most_info() -> None:
    assert cap_for({"judged": 40, "precision": 0.5}) is Severity.INFO


def test_a_kind_judged_between_70_and_90_percent_is_at_most_a_warning() -> None:
    assert cap_for({"judged": 40, "precision": 0.85}) is Severity.WARNING


def test_a_precise_kind_is_not_capped() -> None:
    assert cap_for({"judged": 40, "precision": 0.95}) is None


def test_too_few_judgements_cap_nothing() -> None:
    assert cap_for({"judged": 2, "precision": 0.0}) is None
    assert cap_for(None) is None
