"""missing-note: a note call with no note of that number.

The text calls a note that the notes section does not hold (by its key or its printed number),
so the claim it marks has no source at all: a note was dropped in editing, or the call carries
a wrong number.
Example: the text calls note 20 but the notes end at 19.
"""

from __future__ import annotations

from collections.abc import Iterator

from claims.article import Article, Sentence
from claims.findings import Finding, Severity, location_of


def _printed_numbers(article: Article) -> set[int]:
    """The numbers the notes carry as printed, where one numbering runs through the article
    (a reader may key the notes apart from their printed numbers, as when a web edition links
    a note from nowhere and the reader leaves it out; a note printed "37" is still there)."""
    if len({note.section for note in article.notes}) > 1:
        return set()  # numbering restarts per chapter: printed numbers repeat
    return {int(n.label) for n in article.notes if n.label.isdecimal() and len(n.label) <= 6}


def check(article: Article) -> Iterator[Finding]:
    numbers = {note.number for note in article.notes}
    last = max(numbers, default=0)
    printed = _printed_numbers(article)
    for number, sentences in sorted(article.called_notes().items()):
        if number in numbers or number in printed:
            continue
        for sentence in sentences:
            yield Finding(
                kind="missing-note",
                severity=Severity.ERROR,
                message=f"the text calls note {number}, but there is no note {number} "
                f"(the notes run to {last}); restore the note or correct the call",
                notes=(number,),
                location=location_of(sentence),
                evidence=_with_page({"call": number, "last_note": last}, sentence, number),
            )


def _with_page(evidence: dict[str, object], sentence: Sentence, number: int) -> dict[str, object]:
    """`evidence` with the page the call is printed on, where the source has pages."""
    page = next((c.page for c in sentence.calls if c.number == number), None)
    return evidence if page is None else {**evidence, "page": page}
