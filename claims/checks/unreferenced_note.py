"""unreferenced-note: a note that no sentence calls.

A note without a call backs nothing in the text: its call was lost in editing or layout (often
with the sentence that carried it), or the note is left over from a draft. Example: notes 28 and
29 exist but the text jumps from call 27 to call 30.
"""

from __future__ import annotations

from collections.abc import Iterator

from claims.article import Article
from claims.findings import Finding, Location, Severity, location_of


def _name(article: Article, number: int) -> str:
    note = article.note(number)
    return note.name if note else f"note {number}"


def _footnote_layout(article: Article, called: dict[int, list]) -> bool:
    """Notes printed at the foot of the pages that call them: a word processor sets a footnote
    only with its call, so an uncalled one is a call the reader did not see, not an error."""
    pages = {b.index: b.page for b in article.blocks}
    placed = [n for n in article.notes if n.page is not None and n.number in called]
    # A paragraph that runs over a page break keeps the page it starts on.
    same = sum(
        1
        for n in placed
        if (start := pages.get(called[n.number][0].block)) is not None
        and n.page is not None
        and 0 <= n.page - start <= 1
    )
    return len(placed) >= 5 and same >= 0.8 * len(placed)


def check(article: Article) -> Iterator[Finding]:
    called = article.called_notes()
    numbers = sorted(called)
    footnotes = _footnote_layout(article, called)
    for note in article.notes:
        if note.number in called or (note.label and not any(c.isalnum() for c in note.label)):
            continue  # author notes (*, †) belong to the byline, not to a call in the text
        before = max((n for n in numbers if n < note.number), default=None)
        after = min((n for n in numbers if n > note.number), default=None)
        where = ""
        location = Location()
        if before is not None:
            sentence = called[before][-1]
            location = location_of(sentence)
            where = f"; the last call before it is {_name(article, before)}"
            if after is not None:
                where += f", the next is {_name(article, after)}"
        if footnotes:
            where += f" (it is printed on page {note.page}, where its call was not found)"
        yield Finding(
            kind="unreferenced-note",
            severity=Severity.INFO if footnotes else Severity.WARNING,
            message=f"{note.name} is not called anywhere in the text{where}; "
            "look there for a lost call or lost text",
            notes=(note.number,),
            location=location,
            evidence={
                "note": note.number,
                "previous_call": before,
                "next_call": after,
                "note_text": note.text,
            },
        )
