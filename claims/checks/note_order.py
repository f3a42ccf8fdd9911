"""note-order: notes first called out of sequence.

Endnotes are numbered in the order of their first call; a first call that comes after a higher
one means the notes were renumbered by hand, moved with their text, or swapped.
Example: "...by a third.⁷ Critics argued ...⁹ Operators in smaller ports ...⁸".
"""

from __future__ import annotations

from collections.abc import Iterator

from claims.article import Article
from claims.findings import Finding, Severity, location_of


def check(article: Article) -> Iterator[Finding]:
    seen: set[int] = set()
    highest = 0
    highest_sentence = None
    for sentence in article.sentences:
        for call in sentence.calls:
            number = call.number
            if number in seen:
                continue
            seen.add(number)
            if number < highest:
                yield Finding(
                    kind="note-order",
                    severity=Severity.WARNING,
                    message=f"note {number} is first called after note {highest}; "
                    "check the numbering of the calls and notes around them",
                    notes=(number, highest),
                    location=location_of(sentence),
                    evidence={
                        "call": number,
                        "after": highest,
                        "after_sentence": highest_sentence.text if highest_sentence else "",
                    },
                )
            elif number > highest:
                highest, highest_sentence = number, sentence
