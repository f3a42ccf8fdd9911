"""uncited-claim: a dated fact with no note, where the facts beside it are cited.

An agreement and its date, or a figure, stated without a note cannot be checked. The check
fires only where the author's own practice shows a note is missing: in a list whose other dated
items each carry a call, an item with a date and no call.
Example: "...the Military Training Cooperation Agreements with Serbia (April 8, 2010),⁵⁰
Kosovo (February 25, 2011),⁵¹ Macedonia (March 24, 2012),⁵² and Montenegro (October 16,
2014), the Defense Industry ..." — Montenegro's agreement has no note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.article import Article, Sentence
from claims.findings import Finding, Location, Severity
from claims.layout import BlockKind
from sources.dates import Precision, find_dates

MIN_CITED_SIBLINGS = 2


def _separators(text: str) -> Iterator[re.Match[str]]:
    """List separators outside parentheses and outside dates ("October 16, 2014")."""
    dates = [(f.start, f.end) for f in find_dates(text)]
    for match in re.finditer(r"(?:,|;)(?:\s+and)?\s+|\s+and\s+", text):
        inside_date = any(s <= match.start() < e for s, e in dates)
        before = text[: match.start()]
        if not inside_date and before.count("(") <= before.count(")"):
            yield match


def _items(sentence: Sentence) -> list[tuple[str, tuple[int, ...]]]:
    """The sentence cut at its list separators, each piece with the calls it ends with."""
    calls = {c.offset: c.number for c in sentence.calls}
    items: list[tuple[str, tuple[int, ...]]] = []
    start = 0
    text = sentence.text
    for match in _separators(text):
        end = match.start()
        numbers = tuple(n for off, n in calls.items() if start < off <= match.end())
        items.append((text[start:end], numbers))
        start = match.end()
    numbers = tuple(n for off, n in calls.items() if start < off)
    items.append((text[start:], numbers))
    return items


def check(article: Article) -> Iterator[Finding]:
    for block in article.blocks:
        if block.kind is not BlockKind.PARAGRAPH:
            continue
        for sentence in block.sentences:
            items = _items(sentence)
            dated = [
                (text, notes)
                for text, notes in items
                if any(f.date.precision is Precision.DAY for f in find_dates(text))
            ]
            cited = [d for d in dated if d[1]]
            if len(cited) < MIN_CITED_SIBLINGS:
                continue
            for text, notes in dated:
                if notes:
                    continue
                siblings = sorted({n for _, ns in cited for n in ns})
                yield Finding(
                    kind="uncited-claim",
                    severity=Severity.WARNING,
                    message=f"“{text.strip()}” states a dated fact with no note, while the other "
                    f"dated items of the same list cite notes {', '.join(map(str, siblings))}; "
                    "add its source",
                    notes=(),
                    location=Location(sentence.block, sentence.index, sentence.text),
                    evidence={"item": text.strip(), "cited_siblings": siblings},
                )
