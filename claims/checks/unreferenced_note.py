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


def check(article: Article) -> Iterator[Finding]:
    called = article.called_notes()
    numbers = sorted(called)
    for note in article.notes:
        if note.number in called:
            continue
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
        yield Finding(
            kind="unreferenced-note",
            severity=Severity.WARNING,
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
