"""pandoc (pypandoc-binary) renders the brief's CSL-JSON: gazette numbers printed, pinpoints
cited as locators and never turned into one-page extents."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from claims.article import read_article
from reports.csl import notes_to_cites, notes_to_csl, pandoc_markdown
from sources.gazettes import Gazette

pypandoc = pytest.importorskip("pypandoc", reason="pypandoc-binary is a test dependency")
pytestmark = pytest.mark.brief


def test_pandoc_prints_gazette_numbers_and_cites_pinpoints_as_locators(
    brief_txt: Path, tmp_path: Path
) -> None:
    notes = read_article(brief_txt).notes
    items = notes_to_csl(notes)
    bibliography = tmp_path / "brief.csl.json"
    bibliography.write_text(json.dumps(items), encoding="utf-8")
    out = pypandoc.convert_text(
        pandoc_markdown(notes),
        "plain",
        format="markdown",
        extra_args=["--citeproc", f"--bibliography={bibliography}", "--wrap=none"],
    )
    numbers = {
        str(c.gazette.number)
        for n in notes
        for c in n.citations
        if c.gazette is not None and c.gazette.gazette is Gazette.RESMI_GAZETE
    }
    assert len(numbers) >= 10
    for number in numbers:
        assert number in out, f"Resmî Gazete No. {number} missing from pandoc's output"
    # an item's page is an extent (a range); a single cited page is the cite's locator
    for item in items:
        assert "page" not in item or re.search(r"\d\s*[-–,]\s*\d", item["page"]), item
    located = [e for cite in notes_to_cites(notes) for e in cite["citationItems"] if "locator" in e]
    assert len(located) >= 20
    # "Bazoğlu-Sezer, ..., pp. 110-111" (a short form) is cited at 110-111 of the chapter
    assert re.search(r"Bazoğlu-Sezer 1996, 110[–-]1", out)
