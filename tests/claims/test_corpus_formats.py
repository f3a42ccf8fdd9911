"""A few real articles from ../shared/corpus/ (skipped when absent): lessons in Markdown and
as .docx, law review web editions. The whole corpus is measured by
`python -m pipeline.bench_formats`, not here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.article import read_article
from claims.readers.word import write_document
from pipeline.bench_formats import (
    called_notes,
    definition_urls,
    measure_lawreview,
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


@needs_corpus
def test_a_lesson_as_docx_gives_the_same_calls_and_notes(tmp_path: Path) -> None:
    path = LESSONS / "en__analyzing-documents-with-tfidf.md"
    word = read_article(write_document(path, tmp_path / "lesson.docx"))
    assert called_notes(word) == called_notes(read_article(path))


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
