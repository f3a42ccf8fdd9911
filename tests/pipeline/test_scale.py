"""Long inputs (issue 16): the indexes give what the scans gave, and a file over the size
limit is refused in one line. Times and memory are measured by `citewatch bench --only scale`,
not here."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import claims.match as match
from claims.article import SIZE_LIMIT_ENV, read_article, size_kind, size_limit
from claims.checks.duplicate_sentence import check as duplicate_sentences
from pipeline.bench_scale import many_notes, repeated_text
from pipeline.cli import main
from reports.diff import diff_findings

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample" / "danube-ports.txt"


def _sentences(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(400)] + ["the", "of", "and", "in", "a"] * 40
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(8, 30))) for _ in range(count)]
    for i in rng.sample(range(count), count // 5):  # near copies: one word changed
        w = texts[i].split()
        w[rng.randrange(len(w))] = "changed"
        texts.append(" ".join(w))
    return texts


def test_indexed_similar_pairs_finds_what_all_pairs_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _sentences(600, seed=3)
    every = match.similar_pairs(texts, 90.0)
    monkeypatch.setattr(match, "_ALL_PAIRS", 0)
    indexed = match.similar_pairs(texts, 90.0)
    assert len(every) >= 50
    assert indexed == every


def test_a_sentence_printed_many_times_is_one_finding_per_extra_copy(tmp_path: Path) -> None:
    sentence = "The ministry signed the agreement with the port authority on the river."
    body = "\n\n".join(f"{sentence} Other words number {i} follow here." for i in range(5))
    path = tmp_path / "copies.txt"
    path.write_text(f"Title\n\n{body} Called.¹\n\nNotes\n\n1. A note.\n", encoding="utf-8")
    found = list(duplicate_sentences(read_article(path)))
    repeats = [f for f in found if f.severity.value == "error"]
    assert len(repeats) == 4  # copies 2-5 each against the copy before it, not all 10 pairs
    pairs = {(f.evidence["first_sentence"], f.evidence["second_sentence"]) for f in repeats}
    assert pairs == {(0, 2), (2, 4), (4, 6), (6, 8)}


def test_diff_matches_repeated_fingerprints_one_to_one() -> None:
    finding = {"kind": "k", "notes": [1], "location": {"text": "t"}, "evidence": {"a": 1}}
    other = {**finding, "evidence": {"a": 2}}
    new, resolved, changed, unchanged = diff_findings([finding, finding], [finding, other, other])
    assert (len(new), len(resolved), len(changed), len(unchanged)) == (1, 0, 1, 1)


def test_a_file_over_the_size_limit_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(SIZE_LIMIT_ENV, "0.001")
    code = main(["parse", str(SAMPLE), "--out", str(tmp_path / "a.json")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert "over the 0.001 MB limit" in err[0] and SIZE_LIMIT_ENV in err[0]
    monkeypatch.setenv(SIZE_LIMIT_ENV, "0")  # 0: no limit
    assert main(["parse", str(SAMPLE), "--out", str(tmp_path / "a.json")]) == 0


def test_generated_long_inputs_keep_the_article_readable(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "x4.txt").write_text(repeated_text(text, 4), encoding="utf-8")
    (tmp_path / "n300.txt").write_text(many_notes(text, 300), encoding="utf-8")
    once = read_article(SAMPLE)
    four = read_article(tmp_path / "x4.txt")
    assert len(four.sentences) >= 3 * len(once.sentences)
    assert len(four.notes) == len(once.notes)
    notes = read_article(tmp_path / "n300.txt")
    assert len(notes.notes) == 300 and len(notes.called_notes()) >= 290


def test_plain_text_markup_and_pdf_have_their_own_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SIZE_LIMIT_ENV, raising=False)
    kinds = {name: size_kind(Path(name)) for name in ("a.txt", "b.MD", "c.html", "d.docx", "e.PDF")}
    assert kinds == {"a.txt": "text", "b.MD": "text", "c.html": "markup", "d.docx": "markup"} | {
        "e.PDF": "pdf"
    }
    # a 20 MB text fits (issue 16: it runs in about 30 s and 0.4 GB on 2 cores); markup less
    assert size_limit("text") >= 20 and size_limit("pdf") >= 20
    assert 0 < size_limit("markup") < size_limit("text")
