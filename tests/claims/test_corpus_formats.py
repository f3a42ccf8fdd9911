"""A few real articles from ../shared/corpus/ (skipped when absent): lessons in Markdown and
as .docx, law review web editions. The whole corpus is measured by
`python -m pipeline.bench_formats`, not here."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from claims.article import read_article
from claims.readers.word import write_document
from pipeline.bench_formats import (
    called_notes,
    definition_urls,
    explain_round_trip,
    measure_lawreview,
    read_docx_package,
    read_lesson_truth,
)

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
LESSONS = CORPUS / "lessons"
LAWREVIEWS = CORPUS / "lawreviews"
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the real-article corpus is not at {CORPUS}"
)

# Lessons with code blocks and console output next to their calls, named labels, and many
# link-target URLs.
LESSON_FILES = [
    "en__analyzing-documents-with-tfidf.md",
    "fr__transcription-automatisee-graphies-non-latines.md",
    "es__administracion-de-datos-en-r.md",
]


@needs_corpus
@pytest.mark.parametrize("name", LESSON_FILES)
def test_lesson_notes_calls_and_urls_match_the_source(name: str) -> None:
    path = LESSONS / name
    truth = read_lesson_truth(path.read_text(encoding="utf-8"))
    article = read_article(path)
    assert {n.label or str(n.number) for n in article.notes} == set(truth.definitions)
    assert sum(len(s.calls) for s in article.sentences) == truth.calls
    for note in article.notes:
        raw = truth.definitions[note.label or str(note.number)]
        for url in definition_urls(raw):
            assert url in note.urls, (note.name, url)


LESSON_NAMES = sorted(p.name for p in LESSONS.glob("*.md")) if LESSONS.is_dir() else []


@pytest.fixture(scope="module")
def lessons_as_docx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every lesson converted with `pandoc -f markdown -t docx`, two at a time (pandoc runs
    as its own process)."""
    out = tmp_path_factory.mktemp("lessons-docx")
    with ThreadPoolExecutor(max_workers=2) as pool:
        paths = pool.map(
            lambda name: write_document(LESSONS / name, out / f"{Path(name).stem}.docx"),
            LESSON_NAMES,
        )
        return dict(zip(LESSON_NAMES, paths, strict=True))


@needs_corpus
@pytest.mark.slow
@pytest.mark.parametrize("name", LESSON_NAMES)
def test_a_lesson_as_docx_gives_the_same_calls_and_notes(
    name: str, lessons_as_docx: dict[str, Path]
) -> None:
    """Identical, except where the .docx itself (its XML, read without a reader) lacks what
    the Markdown holds: pandoc's Markdown-to-Word step drops raw `<a href>` targets and does
    not take ```` ```{r} ```` as a fence."""
    markdown, docx = read_article(LESSONS / name), lessons_as_docx[name]
    word = read_article(docx)
    differences = explain_round_trip(markdown, word, read_docx_package(docx))
    assert [str(d) for d in differences if d.reader] == []
    if not differences:
        assert called_notes(word) == called_notes(markdown)


@needs_corpus
@pytest.mark.parametrize(
    "name",
    [
        "bu_law_review_nil_compliance",  # Word-export _ftn anchors in loose paragraphs
        "usc_law_review_fair_use_and_fair_price",  # notes set inline as tooltips
        "california_law_review_judiciary-ada",  # notes as labelled paragraphs, no anchors
    ],
)
def test_law_review_web_edition_notes_are_found(name: str) -> None:
    index = json.loads((LAWREVIEWS / "index.json").read_text(encoding="utf-8"))
    expected = next(e["footnote_paragraphs"] for e in index if e["article"] == name)
    row = measure_lawreview(LAWREVIEWS / f"{name}.html", expected, compare_texts=True)
    assert row["within_5pct"], row
    assert row["text_match"] >= 0.95, row
    assert row["called"] >= 0.95 * row["notes"], row
