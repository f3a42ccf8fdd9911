"""note-order: notes first called out of sequence.

Endnotes are numbered in the order of their first call; a first call that comes after a higher
one means the notes were renumbered by hand, moved with their text, or swapped.
Example: "...by a third.⁷ Critics argued ...⁹ Operators in smaller ports ...⁸".
A numbered reference list sorted by author is called in any order and is not checked.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from claims.article import Article
from claims.findings import Finding, Severity, location_of
from sources.lines import fold

# A reference led by its first author's surname ("Zdun, U., Capilla, R.: ...").
_AUTHOR_LED = re.compile(r"^([^\W\d_][\w'’-]*),")
# A numbered reference list sorted by author (the numeric styles of LNCS, ACM, Vancouver
# variants) is called in whatever order the text needs it: at least this many references,
# nearly all of the notes, nearly every neighbour in alphabetical order. Five references in
# alphabetical order by chance are one in 120.
ALPHABETICAL_MIN = 5
ALPHABETICAL_SHARE = 0.9


def _alphabetical_references(article: Article) -> bool:
    """Whether the notes are a reference list in the order of their authors' names."""
    leads = [m.group(1) for n in article.notes if (m := _AUTHOR_LED.match(n.text.strip()))]
    if len(leads) < ALPHABETICAL_MIN or len(leads) < ALPHABETICAL_SHARE * len(article.notes) - 1:
        return False
    keys = [fold(lead) for lead in leads]
    ordered = sum(1 for a, b in itertools.pairwise(keys) if a <= b)
    return ordered >= ALPHABETICAL_SHARE * (len(keys) - 1)


def check(article: Article) -> Iterator[Finding]:
    if _alphabetical_references(article):
        return
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
                        **({} if call.page is None else {"page": call.page}),
                    },
                )
            elif number > highest:
                highest, highest_sentence = number, sentence
