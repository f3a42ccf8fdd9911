"""gazette-date-mismatch: a Resmî Gazete issue number that does not fit the date printed with it.

A gazette reference is how a reader finds the official text of an agreement; a wrong number or
date sends them to another issue. The check models which number belongs to which day (the
gazette appears daily apart from holidays; 327 known date/number pairs anchor the count, see
`sources/data/README.md`) and flags a number far from the one its date implies (beyond the
model's measured error), the same number printed with two dates, and dates on which no issue
can have appeared. It says which number fits the date, and which date fits the number.
Example: "*T.C. Resmi Gazete*, No. 28104 (January 15, 2016)": the issue of January 15, 2016 is
about No. 29594, while No. 28104 appeared on November 3, 2011.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace

from claims.article import Article
from claims.findings import Finding, Severity, note_location
from sources.gazette_calendar import can_appear_on, expected_date, expected_number, fits
from sources.gazettes import Gazette, GazetteRef
from sources.model import Source


def _day(ref: GazetteRef) -> str:
    return ref.date.earliest().strftime("%B %-d, %Y") if ref.date else "?"


def _range(low: object, high: object) -> str:
    return "" if low == high else f" (between {low} and {high})"


def _refs(article: Article) -> list[tuple[int, GazetteRef]]:
    return [
        (note.number, c.gazette)
        for note in article.notes
        for c in note.citations
        if c.gazette is not None
        and c.gazette.gazette is Gazette.RESMI_GAZETE
        and c.gazette.date is not None
        and c.gazette.date.day is not None
    ]


def check(article: Article) -> Iterator[Finding]:
    refs = _refs(article)
    for note, ref in refs:
        assert ref.date is not None
        day = ref.date.earliest()
        available = can_appear_on(day)
        if not available:
            yield Finding(
                kind="gazette-date-mismatch",
                severity=Severity.ERROR,
                message=f"note {note}: no Resmî Gazete issue can be dated {_day(ref)} "
                f"({available.reason}); check the date",
                notes=(note,),
                location=note_location(article, note),
                evidence={
                    "number": ref.number,
                    "printed_date": day.isoformat(),
                    "reason": available.reason,
                },
            )
            continue
        if fits(ref.number, day, ref.mukerrer):
            continue
        for_date = expected_number(day)
        for_number = expected_date(ref.number)
        yield Finding(
            kind="gazette-date-mismatch",
            severity=Severity.ERROR,
            message=f"note {note}: Resmî Gazete No. {ref.number} does not fit the date "
            f"{_day(ref)}: the issue of that day is No. {for_date.number}"
            f"{_range(for_date.low, for_date.high)}, and No. {ref.number} appeared on "
            f"{for_number.date.strftime('%B %-d, %Y')}"
            f"{_range(for_number.earliest.isoformat(), for_number.latest.isoformat())}; "
            "one of the two is wrong",
            notes=(note,),
            location=note_location(article, note),
            evidence={
                "number": ref.number,
                "mukerrer": ref.mukerrer,
                "printed_date": day.isoformat(),
                "expected_number": for_date.number,
                "expected_number_range": [for_date.low, for_date.high],
                "expected_date": for_number.date.isoformat(),
                "expected_date_range": [
                    for_number.earliest.isoformat(),
                    for_number.latest.isoformat(),
                ],
                "anchors": [[a.date.isoformat(), a.number] for a in for_date.anchors],
            },
        )
    by_number: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for note, ref in refs:
        by_number[ref.number][_day(ref)].append(note)
    for number, dates in by_number.items():
        if len(dates) < 2:
            continue
        notes = tuple(sorted({n for ns in dates.values() for n in ns}))
        right = expected_date(number).date.strftime("%B %-d, %Y")
        listed = "; ".join(
            f"{d} (note{'s' if len(ns) > 1 else ''} {', '.join(map(str, ns))})"
            for d, ns in dates.items()
        )
        yield Finding(
            kind="gazette-date-mismatch",
            severity=Severity.ERROR,
            message=f"Resmî Gazete No. {number} is printed with two dates: {listed}; "
            f"No. {number} appeared on {right}",
            notes=notes,
            location=note_location(article, notes[-1]),
            evidence={
                "number": number,
                "dates": {d: ns for d, ns in dates.items()},
                "expected_date": expected_date(number).date.isoformat(),
            },
        )


def _identity(source: Source) -> tuple[int, str] | None:
    issue = source.extra.get("issue")
    if isinstance(issue, dict) and "number" in issue and "date" in issue:
        return int(issue["number"]), str(issue["date"])
    return None


def refine(findings: list[Finding], article: Article, sources: Sequence[Source]) -> list[Finding]:
    """Confirm or clear the findings with the issues' own pages, once they were fetched.

    The gazette's index page (or the scanned issue) names its number and date: when they match
    what the note prints, the model's doubt is cleared; when they do not, the finding carries
    the page as evidence, and a mismatch the model tolerated is reported all the same.
    """
    pages: dict[int, tuple[Source, int, str]] = {}
    for source in sources:
        identity = _identity(source)
        if identity is not None:
            for note in source.notes:
                pages[note] = (source, *identity)
    printed = {note: ref for note, ref in _refs(article)}
    out: list[Finding] = []
    seen: set[int] = set()
    for finding in findings:
        if finding.kind != "gazette-date-mismatch" or len(finding.notes) != 1:
            out.append(finding)
            continue
        note = finding.notes[0]
        seen.add(note)
        ref = printed.get(note)
        page = pages.get(note)
        if ref is None or page is None or ref.date is None:
            out.append(finding)
            continue
        source, number, date = page
        if number == ref.number and date == ref.date.earliest().isoformat():
            continue  # the issue itself bears the printed number and date
        out.append(_with_page(finding, source, number, date))
    for note, (source, number, date) in pages.items():
        ref = printed.get(note)
        if note in seen or ref is None or ref.date is None:
            continue
        if number != ref.number or date != ref.date.earliest().isoformat():
            out.append(
                Finding(
                    kind="gazette-date-mismatch",
                    severity=Severity.ERROR,
                    message=f"note {note}: the Resmî Gazete page {source.url} is issue "
                    f"No. {number} of {date}, but the note prints No. {ref.number} "
                    f"({_day(ref)})",
                    notes=(note,),
                    location=note_location(article, note),
                    evidence={
                        "number": ref.number,
                        "printed_date": ref.date.earliest().isoformat(),
                        "page": source.url,
                        "page_number": number,
                        "page_date": date,
                    },
                )
            )
    return out


def _with_page(finding: Finding, source: Source, number: int, date: str) -> Finding:
    return replace(
        finding,
        message=f"{finding.message}; the gazette's own page {source.url} names issue "
        f"No. {number} of {date}",
        evidence={**finding.evidence, "page": source.url, "page_number": number, "page_date": date},
    )
