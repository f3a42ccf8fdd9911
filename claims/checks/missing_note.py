"""missing-note: a note call with no note of that number.

The text calls a note that the notes section does not hold, so the claim it marks has no
source at all: a note was dropped in editing, or the call carries a wrong number.
Example: the text calls note 20 but the notes end at 19.
"""

from __future__ import annotations

from collections.abc import Iterator

from claims.article import Article
from claims.findings import Finding, Severity, location_of


def check(article: Article) -> Iterator[Finding]:
    numbers = {note.number for note in article.notes}
    last = max(numbers, default=0)
    for number, sentences in sorted(article.called_notes().items()):
        if number in numbers:
            continue
        for sentence in sentences:
            yield Finding(
                kind="missing-note",
                severity=Severity.ERROR,
                message=f"the text calls note {number}, but there is no note {number} "
                f"(the notes run to {last}); restore the note or correct the call",
                notes=(number,),
                location=location_of(sentence),
                evidence={"call": number, "last_note": last},
            )
