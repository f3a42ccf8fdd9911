"""Small articles for tests: one sentence and one web note per URL, in citewatch's text form."""

from __future__ import annotations

from pathlib import Path

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def write_article(tmp: Path, urls: list[str]) -> Path:
    """tmp/article.txt citing each of `urls` in its own note, each note called once."""
    notes = "\n".join(
        f'{i}. "Story {i}," *Herald*, (May 1, 2024), retrieved May 9, 2024, from <{u}>.'
        for i, u in enumerate(urls, 1)
    )
    calls = " ".join(f"Claim {i}.{str(i).translate(SUPERSCRIPT)}" for i in range(1, len(urls) + 1))
    path = tmp / "article.txt"
    path.write_text(f"Title\n\nIntro\n\n{calls}\n\nNotes\n\n{notes}\n", encoding="utf-8")
    return path
