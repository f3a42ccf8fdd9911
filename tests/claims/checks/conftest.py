"""Build small articles from text for the check tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claims.article import Article, build_article
from claims.checks import CHECKS
from claims.findings import Finding
from claims.readers.text import read_text


def article(text: str) -> Article:
    return build_article(read_text(text), Path("test.txt"), "text", "0" * 64)


@pytest.fixture
def run() -> Callable[[str, str], list[Finding]]:
    """run(check_id, article_text) -> that check's findings (a crash fails the test)."""

    def go(check_id: str, text: str) -> list[Finding]:
        return list(CHECKS[check_id].check(article(text)))

    return go
