"""note-date-mismatch: dates in a note that contradict each other or the sentence that calls it.

Dates are where citations most often go wrong, and a wrong date sends a fact-checker to the
wrong day's news. Three contradictions are flagged:
- a retrieved date before the source's publication date;
- a date encoded in the URL (``/2023/04/25/``, ``yyyy=2023&mm=06&dd=25``, ``-2023-06-29``) that
  differs from the cited date in one part only (the year, the month or the day), the mark of a
  slip rather than of a page updated later;
- every dated source of a note published before the event the sentence reports at the call
  (a news item cannot report a signing that had not yet happened).
Example: "...with Bosnia and Herzegovina (December 24, 2014).⁵⁷" where note 57 is a news item
dated December 12, 2014.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from typing import TypeGuard

from claims.article import Article, Sentence
from claims.findings import Finding, Location, Severity, location_of
from sources.dates import PartialDate, Precision, find_dates, one_part_differs
from sources.notes import Citation, CitationKind, Note
from sources.urls import url_dates

# Sources whose date is when they reported, not when the work was written (books, theses).
_REPORTING_KINDS = {CitationKind.WEB, CitationKind.GAZETTE, CitationKind.OTHER}
_FUTURE = re.compile(
    r"\b(will|would|plan\w*|expect\w*|schedul\w*|until|by the end|aim\w*)\b", re.IGNORECASE
)
_YEAR = re.compile(r"(?<![\d,.])((?:19|20)\d\d)(?!\d|,\d|s\b)")


def _show(date: PartialDate) -> str:
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{calendar.month_name[date.month]} {date.year}"
    return f"{calendar.month_name[date.month]} {date.day}, {date.year}"


# A URL's date is often the day the item was first posted or filed, and the printed date the
# day of the edition or of the last update: a day or two apart is the normal lag, not an error.
URL_DATE_LAG = dt.timedelta(days=2)


def _near(a: PartialDate, b: PartialDate) -> bool:
    """Within the posting lag of each other, or equal at the coarser of the two precisions."""
    if _same(a, b):
        return True
    return a.earliest() - URL_DATE_LAG <= b.latest() and b.earliest() - URL_DATE_LAG <= a.latest()


def _mistyped(url_date: PartialDate, cited: PartialDate) -> bool:
    """A URL's date and the cited date a slip apart, beyond the posting lag. Dates further
    apart are most often a page updated, reissued or uploaded after its address was made."""
    return not _near(url_date, cited) and one_part_differs(url_date, cited)


def _same(a: PartialDate, b: PartialDate) -> bool:
    """Equal at the coarser of the two precisions."""
    if a.year != b.year:
        return False
    if a.month is None or b.month is None:
        return True
    if a.month != b.month:
        return False
    return a.day is None or b.day is None or a.day == b.day


def _segment_dates(text: str) -> list[tuple[int, PartialDate]]:
    """The dates in `text` with their end offsets; bare years count, decades do not."""
    found = find_dates(text)
    dates = [(f.end, f.date) for f in found]
    for match in _YEAR.finditer(text):
        if not any(f.start <= match.start() < f.end for f in found):
            dates.append((match.end(), PartialDate(int(match.group(1)))))
    return sorted(dates, key=lambda d: d[0])


# Nobody retrieved a web page before the web; and a retrieved date is written in full, so a bare
# year read as one is a year printed elsewhere in the citation.
FIRST_WEB_YEAR = 1991


def _credible_retrieved(retrieved: PartialDate | None) -> TypeGuard[PartialDate]:
    return (
        retrieved is not None
        and retrieved.precision is Precision.DAY
        and retrieved.year >= FIRST_WEB_YEAR
    )


def _within_note(note: Note, article: Article) -> Iterator[Finding]:
    sentences = article.called_notes().get(note.number) or []
    location = location_of(sentences[0]) if sentences else Location()
    for citation in note.citations:
        if (
            citation.date
            and _credible_retrieved(citation.retrieved)
            and citation.retrieved.latest() < citation.date.earliest()
        ):
            yield Finding(
                kind="note-date-mismatch",
                severity=Severity.ERROR,
                message=f"{note.name}: retrieved {_show(citation.retrieved)}, before the "
                f"source's own date {_show(citation.date)}; one of the two dates is wrong",
                notes=(note.number,),
                location=location,
                evidence={
                    "title": citation.title,
                    "published": citation.date.isoformat(),
                    "retrieved": citation.retrieved.isoformat(),
                },
            )
        if citation.date is None:
            continue
        for url in citation.urls:
            for encoded in url_dates(url):
                if _mistyped(encoded.date, citation.date):
                    yield Finding(
                        kind="note-date-mismatch",
                        severity=Severity.WARNING,
                        message=f"{note.name}: the URL encodes {_show(encoded.date)} "
                        f"({encoded.text}) but the note dates the source "
                        f"{_show(citation.date)}; check which is right",
                        notes=(note.number,),
                        location=location,
                        evidence={
                            "url": url,
                            "url_date": encoded.date.isoformat(),
                            "cited_date": citation.date.isoformat(),
                            "title": citation.title,
                        },
                    )


def _dated_sources(note: Note, article: Article) -> list[Citation]:
    return [
        c
        for c in article.resolved(note)
        if c.kind in _REPORTING_KINDS
        and c.date is not None
        and c.date.precision is not Precision.YEAR
    ]


# Words that introduce the day a source was read (a retrieved date), not the source's own date.
_READ_ON = re.compile(
    r"\b(?:retrieved|accessed|last\s+visited|visited|viewed|consulted|consult[ée]|consultado|"
    r"acesso|abgerufen|eri[sş]im)\W*(?:on\W*)?$",
    re.IGNORECASE,
)


def _prints_a_later_date(note: Note, event: PartialDate, article: Article) -> bool:
    """Whether the note's text dates anything on or after the event, retrieved dates aside: a
    second source the note parser did not date (a press release beside a news item) may be the
    one that reports the event, so the note cannot be said to predate it."""
    read_on = {c.retrieved for c in article.resolved(note) if c.retrieved is not None}
    for found in find_dates(note.text):
        if found.date in read_on or _READ_ON.search(
            note.text[max(0, found.start - 30) : found.start]
        ):
            continue
        if found.date.latest() >= event.earliest():
            return True
    return False


def _against_sentence(sentence: Sentence, article: Article) -> Iterator[Finding]:
    start = 0
    for call in sentence.calls:
        segment = sentence.text[start : call.offset]
        start = call.offset
        if _FUTURE.search(segment):
            continue
        # A bare year is an era, not an event the note can be dated against ("by 2025").
        events = [e for e in _segment_dates(segment) if e[1].precision is not Precision.YEAR]
        note = article.note(call.number)
        if not events or note is None:
            continue
        event = events[-1][1]  # the date nearest the call is the one the note backs
        sources = _dated_sources(note, article)
        if not sources or not all(c.date and c.date.latest() < event.earliest() for c in sources):
            continue
        if _prints_a_later_date(note, event, article):
            continue
        dated = ", ".join(f"{_show(c.date)}" for c in sources if c.date)
        yield Finding(
            kind="note-date-mismatch",
            severity=Severity.WARNING,
            message=f"the sentence reports {_show(event)} but note {call.number}'s "
            f"source{'s are' if len(sources) > 1 else ' is'} dated {dated}, before it; "
            "check the date in the text and in the note",
            notes=(call.number,),
            location=location_of(sentence),
            evidence={
                "event_date": event.isoformat(),
                "segment": segment.strip(),
                "source_dates": [c.date.isoformat() for c in sources if c.date],
                "titles": [c.title for c in sources],
            },
        )


def check(article: Article) -> Iterator[Finding]:
    for note in article.notes:
        yield from _within_note(note, article)
    for sentence in article.sentences:
        yield from _against_sentence(sentence, article)
