"""Shared fixtures: where the brief's article and the sample article live; golden files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
BRIEF_DIR = REPO.parent / "shared" / "article"
BRIEF_TXT = BRIEF_DIR / "balkans-military-activism.txt"
BRIEF_PDF = BRIEF_DIR / "balkans-military-activism.pdf"
SAMPLE = REPO / "sample" / "danube-ports.txt"
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite golden files from the current output (review the diff before committing)",
    )


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"the brief's article is not at {path} (it lives in ../shared/article/)")
    return path


@pytest.fixture(scope="session")
def brief_txt() -> Path:
    return _need(BRIEF_TXT)


@pytest.fixture(scope="session")
def brief_pdf() -> Path:
    return _need(BRIEF_PDF)


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Compare JSON-ready data with tests/data/golden/NAME, or rewrite it with --regen-golden."""

    def check(name: str, data: Any) -> None:
        path = DATA / "golden" / name
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if request.config.getoption("--regen-golden") or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if not request.config.getoption("--regen-golden"):
                pytest.fail(f"golden file {path} was missing and has been written; review it")
            return
        expected = json.loads(path.read_text(encoding="utf-8"))
        assert json.loads(text) == expected, (
            f"output differs from {path}; rerun with --regen-golden and review the diff"
        )

    return check
