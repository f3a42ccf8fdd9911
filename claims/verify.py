"""Claim x prepared source -> `ClaimCheck`: the best passage, each fact compared, a verdict.

Pure. Facts are compared in normalised form (`claims.normalize`), so an English sentence is
checked against a Turkish, Serbian or Albanian page: the passage is chosen by shared words
(rapidfuzz, `claims.match`) and, across languages, by the facts it shares with the claim.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from claims.facts import (
    Claim,
    ClaimCheck,
    Fact,
    FactCheck,
    FactKind,
    FactStatus,
    Passage,
    Qualifier,
    Verdict,
)
from claims.language import event_source_res, find_organisation, is_negated_at, organisation_key
from claims.lexicon import UNIT_NOUNS, Folded
from claims.match import Window, rank_windows, score_windows
from claims.normalize import (
    FoundFigure,
    find_countries,
    fold_text,
    name_key,
    parse_number,
)
from claims.pagedates import SourceDate
from claims.sourcedoc import SourceDoc
from sources.dates import PartialDate

_NEXT_YEAR = 24  # characters: "185 countries in 2023"
_GAP_STOP = re.compile(r"[,;:.!?]")
_FROM = re.compile(r"\b(?:from|up from|rose from|increased from)\s*$", re.IGNORECASE)
DAY_WINDOW = 62  # days: a date this close to the claimed one is the same event misdated
SUPPORT_TEXT = 70.0  # a passage this similar supports a claim that states no hard fact
FIND_TEXT = 45.0  # below this, with no fact found, the claim is not in the source


def _inside(start: int, window: Window) -> bool:
    return window.start <= start < window.end


def _same_date(claimed: PartialDate, found: PartialDate) -> bool:
    if claimed.year != found.year:
        return False
    return _same_day_month(claimed, found.month, found.day, found.end_day)


def _same_day_month(
    claimed: PartialDate, month: int | None, day: int | None, end_day: int | None
) -> bool:
    if claimed.month is None or month is None:
        return True
    if claimed.month != month:
        return False
    if claimed.day is None or day is None:
        return True
    return day == claimed.day or (end_day is not None and day <= claimed.day <= end_day)


def _date_found(fact: Fact, doc: SourceDoc, found: SourceDate) -> FactCheck:
    return FactCheck(
        fact, FactStatus.FOUND, found.text, found.date.isoformat(),
        source_url=doc.url, source_start=found.start, source_end=found.end,
        page_date=_page_date(doc) if found.how and "page" in found.how else "", how=found.how,
    )  # fmt: skip


def _page_date(doc: SourceDoc) -> str:
    return doc.page_date.date.isoformat() if doc.page_date.date else ""


def _readings(found: SourceDate) -> tuple[PartialDate, ...]:
    return (found.date, *found.alternatives)


def _find_date(fact: Fact, doc: SourceDoc, dates: Sequence[SourceDate]) -> FactCheck | None:
    assert fact.date is not None
    for found in dates:
        if any(_same_date(fact.date, r) for r in _readings(found)):
            return _date_found(fact, doc, found)
    return None


def _check_date(fact: Fact, doc: SourceDoc, window: Window) -> FactCheck:
    assert fact.date is not None
    here = doc.w_dates[doc.at[window.start]]
    hit = _find_date(fact, doc, here)
    if hit is not None:
        return hit
    if fact.date.month is None:
        for at, year in doc.w_years[doc.at[window.start]]:
            if year == fact.date.year:
                return FactCheck(
                    fact, FactStatus.FOUND, str(year), str(year), source_url=doc.url,
                    source_start=at, source_end=at + 4,
                )  # fmt: skip
    if fact.date.day is not None:
        claimed = fact.date.earliest()
        # Only a date read for sure (not an ambiguous numeric one) can differ.
        near = [
            d
            for d in here
            if d.certain
            and d.date.day is not None
            and abs((d.date.earliest() - claimed).days) <= DAY_WINDOW
        ]
        if near:
            best = min(near, key=lambda d: abs((d.date.earliest() - claimed).days))
            days = (best.date.earliest() - claimed).days
            way = "later" if days > 0 else "earlier"
            read = f" ({best.how})" if best.how else ""
            return FactCheck(
                fact,
                FactStatus.DIFFERENT,
                best.text,
                best.date.isoformat(),
                f"the source gives {best.date.isoformat()}{read}, {abs(days)} day"
                f"{'s' if abs(days) != 1 else ''} {way}",
                source_url=doc.url, source_start=best.start, source_end=best.end,
                page_date=_page_date(doc) if "page" in best.how else "", how=best.how,
            )  # fmt: skip
    return FactCheck(fact, FactStatus.MISSING)


def _date_anywhere(fact: Fact, doc: SourceDoc) -> FactCheck | None:
    """The claim's date anywhere in the source: printed, read against the page's date, or a
    day and month without a year on an undated page."""
    assert fact.date is not None
    hit = _find_date(fact, doc, doc.dates)
    if hit is not None:
        return hit
    if fact.date.month is None:
        for at, year in doc.years:
            if year == fact.date.year:
                return FactCheck(
                    fact, FactStatus.FOUND, str(year), str(year), source_url=doc.url,
                    source_start=at, source_end=at + 4,
                )  # fmt: skip
    if fact.date.day is not None:
        for y in doc.yearless:
            if _same_day_month(fact.date, y.month, y.day, y.end_day):
                return FactCheck(
                    fact, FactStatus.FOUND, y.text, f"--{y.month:02d}-{y.day:02d}",
                    source_url=doc.url, source_start=y.start, source_end=y.end,
                    how="day and month without a year; the page is undated",
                )  # fmt: skip
    return None


def _units_agree(fact: Fact, found: FoundFigure) -> bool:
    if fact.unit in ("%", "ordinal") or found.unit in ("%", "ordinal"):
        return fact.unit == found.unit
    if fact.unit.isupper() or found.currency:  # money: the same currency
        return fact.unit == (found.currency or found.unit)
    # Counts: two known nouns must be the same ("troops" vs "uav"); a noun outside the table
    # (another language's word for "members") does not rule the figure out.
    both_known = fact.unit in UNIT_NOUNS and found.unit in UNIT_NOUNS
    return not both_known or fact.unit == found.unit


def _figure_fits(fact: Fact, value: float) -> bool:
    assert fact.number is not None
    claimed = fact.number
    if fact.qualifier is Qualifier.MORE_THAN:
        return value >= claimed
    if fact.qualifier is Qualifier.LESS_THAN:
        return value <= claimed
    if fact.qualifier is Qualifier.ABOUT:
        return abs(value - claimed) <= 0.05 * max(abs(claimed), 1.0)
    return abs(value - claimed) <= rounding(fact)


@lru_cache(maxsize=65_536)  # asked once per candidate figure of every page: parse once
def rounding(fact: Fact) -> float:
    """Half a unit of the last digit the sentence prints: "$321 million" stands for 320.5-321.5
    million, "1.6 percent" for 1.55-1.65; "1,500" and "471" are exact to the unit."""
    assert fact.number is not None
    token = re.search(r"\d[\d.,]*", fact.text)
    if token is None:
        return 0.5  # a number word: "two frigates"
    printed_text = token.group(0).rstrip(".,")
    decimal = re.search(r"[.,](\d{1,2})$", printed_text)
    decimals = len(decimal.group(1)) if decimal else 0
    printed = parse_number(printed_text) or fact.number
    scale = fact.number / printed if printed else 1.0
    return 0.5 * 10.0**-decimals * abs(scale)


def _year_near(doc: SourceDoc, figure: FoundFigure, window: Window) -> int | None:
    """The year a figure is given for: a year in the figure's own sentence (the one before it,
    "in 2022 exports reached ...", else after it, "... $300 million on 4 March 2024"), else
    the nearest before it in the window."""
    years = doc.w_years[doc.at[window.start]]
    text = doc.text
    start = max(
        text.rfind(". ", window.start, figure.start),
        text.rfind("\n", window.start, figure.start),
        window.start,
    )
    stops = [
        i
        for i in (text.find(". ", figure.end, window.end), text.find("\n", figure.end, window.end))
        if i != -1
    ]
    stop = min(stops) if stops else window.end
    own = [(at, year) for at, year in years if start <= at < stop]
    # "1.6 per cent in 2019-23", "185 countries in 2023": a year right after the figure, with
    # no other figure between, is the figure's own.
    right_after = [
        (at, y)
        for at, y in own
        if figure.end <= at <= figure.end + _NEXT_YEAR
        and not _GAP_STOP.search(text, figure.end, at)
    ]
    if right_after and not any(
        figure.end <= f.start < right_after[0][0] for f in doc.w_figures[doc.at[window.start]]
    ):
        return right_after[0][1]
    if own:
        earlier = [(at, year) for at, year in own if at < figure.start]
        return max(earlier)[1] if earlier else min(own)[1]
    before = [(at, year) for at, year in years if at < figure.start]
    if before:
        return max(before)[1]
    after = [(at, year) for at, year in years if at > figure.start]
    return min(after)[1] if after else None


def _like(fact: Fact, found: FoundFigure) -> bool:
    """Whether a source's figure measures the same thing as the claim's, so that another value
    contradicts it: the same currency, both percentages or ordinals, or the same counted noun
    (a known unit in any language, or the very word). A number with no noun (a day of a
    dateline, a series number) is like nothing."""
    if fact.unit in ("%", "ordinal") or found.unit in ("%", "ordinal"):
        return fact.unit == found.unit
    if fact.unit.isupper() or found.currency:
        return fact.unit == (found.currency or found.unit)
    if not fact.unit or not found.unit:
        return False
    return fact.unit == found.unit


def _figure_found(fact: Fact, doc: SourceDoc, found: FoundFigure) -> FactCheck:
    return FactCheck(
        fact, FactStatus.FOUND, found.text, f"{found.value:g}", source_url=doc.url,
        source_start=found.start, source_end=found.end,
    )  # fmt: skip


Period = tuple[int, int]  # the claim's years, first to last ("from 2014 to 2023")


def _in_period(year: int | None, period: Period) -> bool:
    return year is not None and period[0] <= year <= period[1]


def _period_label(period: Period) -> str:
    return str(period[0]) if period[0] == period[1] else f"{period[0]}-{period[1]}"


def _check_figure(fact: Fact, doc: SourceDoc, window: Window, year: Period | None) -> FactCheck:
    here = [f for f in doc.w_figures[doc.at[window.start]] if _units_agree(fact, f)]
    if not here:
        return FactCheck(fact, FactStatus.MISSING)
    fitting = [f for f in here if _figure_fits(fact, f.value)]
    if year is None and fitting:  # no period asked: the first fitting figure is the claim's
        return _figure_found(fact, doc, fitting[0])
    periods = {id(f): _year_near(doc, f, window) for f in here}
    for found in fitting:
        if year is None or periods[id(found)] is None or _in_period(periods[id(found)], year):
            return _figure_found(fact, doc, found)
    like = [f for f in here if _like(fact, f)]
    fitting = [f for f in fitting if _like(fact, f)]
    if fitting:  # the same figure, but for another period: which one is the claim's?
        found = fitting[0]
        assert year is not None
        label = _period_label(year)
        same_period = [f for f in like if _in_period(periods[id(f)], year)]
        detail = f"the source gives {found.text} for {periods[id(found)]}, not {label}"
        if same_period:
            detail += f"; for {label} it gives {same_period[0].text}"
        return FactCheck(
            fact, FactStatus.DIFFERENT, found.text, f"{found.value:g}", detail,
            source_url=doc.url, source_start=found.start, source_end=found.end,
        )  # fmt: skip
    # Another value of the same quantity, for the same year when the source says which.
    like = [
        f
        for f in like
        if year is None or periods[id(f)] is None or _in_period(periods[id(f)], year)
    ]
    if not like:
        return FactCheck(fact, FactStatus.MISSING)
    other = min(like, key=lambda f: abs(f.start - window.start))
    detail = f"the source gives {other.text}"
    return FactCheck(
        fact, FactStatus.DIFFERENT, other.text, f"{other.value:g}", detail,
        source_url=doc.url, source_start=other.start, source_end=other.end,
    )  # fmt: skip


def _figure_anywhere(fact: Fact, doc: SourceDoc, year: Period | None) -> FactCheck | None:
    for found in doc.figures:
        if _units_agree(fact, found) and _figure_fits(fact, found.value):
            return _figure_found(fact, doc, found)
    return None


def _country_found(fact: Fact, doc: SourceDoc, hit: tuple[str, int, int]) -> FactCheck:
    return FactCheck(
        fact, FactStatus.FOUND, doc.text[hit[1] : hit[2]], fact.key, source_url=doc.url,
        source_start=hit[1], source_end=hit[2],
    )  # fmt: skip


def _check_party(fact: Fact, doc: SourceDoc, window: Window) -> FactCheck:
    if fact.party_type == "country":
        here = doc.w_countries[doc.at[window.start]]
        hit = next((c for c in here if c[0] == fact.key), None)
        if hit is not None:
            return _country_found(fact, doc, hit)
        others = sorted({code for code, _, _ in here} - {"TR"})  # Türkiye: most sources' subject
        anywhere = fact.key in doc.codes
        # Another country here, and the claimed one nowhere in the source: a candidate for the
        # wrong party; `_check_facts` keeps it only where the passage tells of the same event.
        if others and fact.key != "TR" and not anywhere:
            return FactCheck(
                fact,
                FactStatus.DIFFERENT,
                ", ".join(others),
                ", ".join(others),
                f"the passage names {', '.join(others)}, not {fact.key}",
                source_url=doc.url,
            )
        return FactCheck(fact, FactStatus.MISSING)
    return _name_in(fact, doc, *doc.key_span(window.start, window.end)) or FactCheck(
        fact, FactStatus.MISSING
    )


def _name_in(fact: Fact, doc: SourceDoc, start: int, end: int) -> FactCheck | None:
    """An organisation (any of its names, acronyms or translations) or a person (by surname)
    within the folded-key span `start:end` of the source."""
    assert doc.folded is not None
    key = doc.folded.key
    if fact.party_type == "organisation":
        known = organisation_key(fact.text, fold_text(fact.text))
        if known is not None:
            p_start, p_end = doc.printed_span(start, max(start + 1, end)) if end > start else (0, 0)
            hit = find_organisation(known, doc.text[p_start:p_end], key[start:end])
            if hit is not None:
                where, a, b = hit
                if where == "folded":
                    a, b = doc.printed_span(start + a, start + b)
                else:
                    a, b = p_start + a, p_start + b
                return FactCheck(
                    fact, FactStatus.FOUND, doc.text[a:b], known, source_url=doc.url,
                    source_start=a, source_end=b,
                )  # fmt: skip
    words = name_key(fact.text).split()
    surname = words[-1] if words else ""
    if len(surname) < 2:
        return None
    m = re.compile(rf"(?<![^\W_]){re.escape(surname)}").search(key, start, end)
    if m is None:
        return None
    a, b = doc.printed_span(m.start(), m.end())
    return FactCheck(
        fact, FactStatus.FOUND, doc.text[a:b], surname, source_url=doc.url,
        source_start=a, source_end=b,
    )  # fmt: skip


def _event_in(fact: Fact, doc: SourceDoc, start: int, end: int) -> FactCheck | None:
    pattern = event_source_res().get(fact.key)
    if pattern is None or doc.folded is None:
        return None
    m = pattern.search(doc.folded.key, start, end)
    if m is None:
        return None
    a, b = doc.printed_span(m.start(), m.end())
    b = _word_end(doc.text, b)
    return FactCheck(
        fact, FactStatus.FOUND, doc.text[a:b], fact.key, source_url=doc.url,
        source_start=a, source_end=b,
    )  # fmt: skip


def _word_end(text: str, end: int) -> int:
    while end < len(text) and (text[end].isalnum() or text[end] in "'’"):
        end += 1
    return end


def _check_event(fact: Fact, doc: SourceDoc, window: Window) -> FactCheck:
    found = _event_in(fact, doc, *doc.key_span(window.start, window.end))
    return found or FactCheck(fact, FactStatus.MISSING)


@dataclass(frozen=True, slots=True)
class _Asked:
    """What a claim asks of every passage, read once per claim rather than once per window:
    its checkable facts, each figure with the period it is given for, and the date the note
    backs (the one nearest the call; an earlier date in the same claim, an uncited list item
    or a background date, is looked for but never called wrong)."""

    facts: tuple[tuple[Fact, Period | None], ...]
    last: Fact | None


def _asked(claim: Claim) -> _Asked:
    dated = [f for f in claim.facts if f.kind is FactKind.DATE and f.date]
    year: Period | None = None
    if dated and dated[-1].date:
        first, end = dated[-1].date, dated[-1].end_date
        year = (first.year, end.year if end is not None else first.year)
    facts: list[tuple[Fact, Period | None]] = []
    for fact in claim.facts:
        if fact.kind is FactKind.DATE and fact.date is None:
            continue
        if fact.kind is FactKind.FIGURE:
            if fact.number is None:
                continue
            # "increased from 0.7 percent to 1.6 percent" between two years: the "from" value
            # is the first period's, so no single period is asked of it.
            start = fact.start - claim.start
            opening = _FROM.search(claim.text[max(0, start - 20) : max(0, start)])
            facts.append((fact, None if opening else year))
        elif fact.kind in (FactKind.DATE, FactKind.PARTY, FactKind.EVENT):
            facts.append((fact, None))
    return _Asked(tuple(facts), max(dated, key=lambda f: f.end) if dated else None)


def _check_facts(
    asked: _Asked, doc: SourceDoc, window: Window, text_score: float = 0.0, floor: float = -1.0
) -> list[FactCheck] | None:
    """Each fact of the claim checked in `window`; None as soon as the window's `_score`
    (with `text_score`) can no longer reach `floor`, the best score of another window."""
    checks = []
    total, points = len(asked.facts), 0.0
    for fact, year in asked.facts:
        kind = fact.kind
        if kind is FactKind.DATE:
            check = _check_date(fact, doc, window)
            if check.status is FactStatus.DIFFERENT and fact is not asked.last:
                check = FactCheck(fact, FactStatus.MISSING)
        elif kind is FactKind.FIGURE:
            check = _check_figure(fact, doc, window, year)
        elif kind is FactKind.PARTY:
            check = _check_party(fact, doc, window)
        else:
            check = _check_event(fact, doc, window)
        checks.append(check)
        # Statuses below only turn a difference into a miss, so this bound holds.
        points += 1.0 if check.status is FactStatus.FOUND else 0.0
        points += 0.5 if check.status is FactStatus.DIFFERENT else 0.0
        if 0.4 * text_score + 60.0 * (points + total - len(checks)) / total < floor:
            return None
    # A differing value counts only where the passage is about the same event: another fact
    # of the claim (a date, a party, the event) is there. Elsewhere it is just another figure
    # or date of the page. A differing party counts only where the passage tells of the
    # claim's own event (a party against a party in the same role).
    if not any(c.status is FactStatus.DIFFERENT for c in checks):
        return checks
    checks = [_relative_near_event(c, checks, window) for c in checks]
    event_here = any(c.status is FactStatus.FOUND and c.fact.kind is FactKind.EVENT for c in checks)
    # A country the page names in most passages (its subject; Türkiye in these sources)
    # anchors nothing by itself.
    weak = doc.common | {"TR"}
    telling = [
        c
        for c in checks
        if c.status is FactStatus.FOUND
        and not (c.fact.party_type == "country" and c.fact.key in weak)
    ]
    # A figure of the same quantity needs one other fact of the claim beside it; a date (any
    # passage has dates) needs the event or two other facts; a party needs the event.
    need = {
        FactKind.FIGURE: bool(telling),
        FactKind.DATE: event_here or len(telling) >= 2 or (len(telling) == 1 and len(checks) <= 2),
        FactKind.PARTY: event_here,
    }
    return [
        FactCheck(c.fact, FactStatus.MISSING)
        if c.status is FactStatus.DIFFERENT and not need.get(c.fact.kind, False)
        else c
        for c in checks
    ]


def _relative_near_event(
    check: FactCheck, checks: Sequence[FactCheck], window: Window
) -> FactCheck:
    """A day counted from the page's date ("today", "on Monday") differs from the claim's date
    only in a passage that tells of the claim's event: elsewhere "today" may be a manner of
    speaking ("Türkiye today is...")."""
    if check.status is not FactStatus.DIFFERENT or not check.how.startswith("counted"):
        return check
    for other in checks:
        if (
            other.fact.kind is FactKind.EVENT
            and other.status is FactStatus.FOUND
            and window.start <= other.source_start < window.end
        ):
            return check
    return FactCheck(check.fact, FactStatus.MISSING)


def _anywhere(check: FactCheck, claim: Claim, doc: SourceDoc) -> FactCheck | None:
    """The fact found anywhere in the source (a heading and three paragraphs on, the next
    sentence): a claim's facts may be paragraphs apart."""
    fact = check.fact
    if fact.kind is FactKind.DATE and fact.date is not None:
        return _date_anywhere(fact, doc)
    if fact.kind is FactKind.FIGURE and fact.number is not None:
        return _figure_anywhere(fact, doc, None)
    if fact.kind is FactKind.PARTY and fact.party_type == "country":
        hit = next((c for c in doc.countries if c[0] == fact.key), None)
        return _country_found(fact, doc, hit) if hit else _in_title(fact, doc)
    if doc.folded is None:
        return None
    whole = (0, len(doc.folded.key))
    if fact.kind is FactKind.PARTY:
        return _name_in(fact, doc, *whole) or _in_title(fact, doc)
    if fact.kind is FactKind.EVENT:
        return _event_in(fact, doc, *whole)
    return None


def _in_title(fact: Fact, doc: SourceDoc) -> FactCheck | None:
    """A party named in the page's title only (a site or an organisation's own page)."""
    if not doc.title:
        return None
    if fact.party_type == "country":
        named = fact.key in {c.code for c in find_countries(doc.title)}
    elif fact.party_type == "organisation" and (
        known := organisation_key(fact.text, fold_text(fact.text))
    ):
        named = find_organisation(known, doc.title, fold_text(doc.title)) is not None
    else:
        words = name_key(fact.text).split()
        named = bool(words) and words[-1] in name_key(doc.title).split()
    if not named:
        return None
    return FactCheck(
        fact, FactStatus.FOUND, doc.title, fact.key, source_url=doc.url, how="in the page's title"
    )


def _widen(claim: Claim, checks: Sequence[FactCheck], doc: SourceDoc) -> list[FactCheck]:
    """Missing facts looked for in the whole source."""
    out = []
    for check in checks:
        if check.status is FactStatus.MISSING:
            check = _anywhere(check, claim, doc) or check
        out.append(check)
    return out


def _fit_range(fact: Fact) -> tuple[float, float]:
    """The values `_figure_fits` accepts for `fact`, as a closed interval."""
    assert fact.number is not None
    claimed = fact.number
    if fact.qualifier is Qualifier.MORE_THAN:
        return claimed, math.inf
    if fact.qualifier is Qualifier.LESS_THAN:
        return -math.inf, claimed
    about = fact.qualifier is Qualifier.ABOUT
    margin = 0.05 * max(abs(claimed), 1.0) if about else rounding(fact)
    return claimed - margin, claimed + margin


def _candidates(asked: _Asked, doc: SourceDoc, query: str) -> dict[int, float]:
    """Windows worth checking: the best by words, and those holding one of the claim's facts."""
    ranked = dict(rank_windows(query, doc.keys, limit=5))
    starts: list[int] = []
    for fact, _ in asked.facts:
        if fact.kind is FactKind.DATE and fact.date is not None:
            starts += doc.date_starts.get(fact.date.year, ())
        elif fact.kind is FactKind.FIGURE and fact.number is not None:
            low, high = _fit_range(fact)
            values = doc.figure_values
            first, last = bisect_left(values, low), bisect_right(values, high)
            starts += sorted(doc.figure_starts[first:last])
    extra: list[int] = []
    for start in starts[:50]:
        last = bisect_right(doc.starts, start) - 1
        first = last
        while first >= 0 and doc.ends[first] > start:
            first -= 1
        for i in range(first + 1, last + 1):
            if i not in ranked and i not in extra:
                extra.append(i)
    # Windows found by their facts are scored by their words too, as the ranked ones are.
    ranked.update(zip(extra, score_windows(query, doc.keys, extra), strict=True))
    return ranked


def _score(text_score: float, checks: Sequence[FactCheck]) -> float:
    if not checks:
        return text_score
    found = sum(c.status is FactStatus.FOUND for c in checks)
    differ = sum(c.status is FactStatus.DIFFERENT for c in checks)
    return 0.4 * text_score + 60.0 * (found + 0.5 * differ) / len(checks)


def _source_negated(claim: Claim, checks: Sequence[FactCheck], doc: SourceDoc) -> bool | None:
    """Whether the source's clause that tells of the claim's event is negated, in the page's
    language; None when the event is not found in the passage or the language is unknown."""
    lang = doc.lang or ("en" if doc.english else "")
    if not lang or doc.folded is None:
        return None
    for check in checks:
        if (
            check.fact.kind is FactKind.EVENT
            and check.status is FactStatus.FOUND
            and check.source_url == doc.url
            and check.source_start >= 0
        ):
            start, end = doc.key_span(check.source_start, check.source_end)
            return is_negated_at(doc.folded.key, start, end, lang)
    return None


def _claim_negated(claim: Claim, checks: Sequence[FactCheck]) -> bool:
    """Whether the sentence's clause that tells of the event found in the source is negated
    (the same scope as on the source's side); the whole claim's reading otherwise."""
    event = next(
        (c.fact for c in checks if c.fact.kind is FactKind.EVENT and c.status is FactStatus.FOUND),
        None,
    )
    if event is None:
        return claim.negated
    folded = Folded(claim.text)
    start = bisect_left(folded.starts, max(0, event.start - claim.start))
    end = bisect_left(folded.starts, max(0, event.end - claim.start))
    return is_negated_at(folded.key, start, max(end, start + 1), "en")


def _verdict(
    claim: Claim,
    checks: Sequence[FactCheck],
    text_score: float,
    english: bool,
    negated_here: bool | None,
) -> tuple[Verdict, str]:
    hard = [c for c in checks if c.fact.kind is not FactKind.EVENT]
    found = [c for c in checks if c.status is FactStatus.FOUND]
    different = [c for c in hard if c.status is FactStatus.DIFFERENT]
    claim_negated = _claim_negated(claim, checks)
    if found and negated_here is not None and claim_negated != negated_here:
        said = "denies" if negated_here else "affirms"
        return Verdict.CONTRADICTED, f"the source {said} what the sentence " + (
            "affirms" if negated_here else "denies"
        )
    if different:
        return Verdict.CONTRADICTED, "; ".join(c.detail for c in different)
    if not checks:
        if not english and text_score < SUPPORT_TEXT:
            return Verdict.UNCHECKED, (
                "the sentence states no date, figure or party to compare with a source in "
                "another language"
            )
        if text_score >= SUPPORT_TEXT:
            return Verdict.SUPPORTED, f"the passage says the same ({text_score:.0f}% similar)"
        if text_score >= FIND_TEXT:
            return Verdict.PARTLY_SUPPORTED, f"a related passage ({text_score:.0f}% similar)"
        return Verdict.NOT_FOUND, "no passage of the source says this"
    if len(found) == len(checks):
        return Verdict.SUPPORTED, "every fact is in the source"
    hard_found = [c for c in found if c.fact.kind is not FactKind.EVENT]
    if hard_found or (found and text_score >= FIND_TEXT):
        missing = ", ".join(c.fact.text for c in checks if c.status is FactStatus.MISSING)
        return Verdict.PARTLY_SUPPORTED, f"not in the source: {missing}"
    return Verdict.NOT_FOUND, "none of the sentence's facts is in the source"


def _best_in(asked: _Asked, doc: SourceDoc, query: str) -> tuple[float, float, Window, list]:  # type: ignore[type-arg]
    """The candidate window of the highest `_score` (the first in candidate order on a tie).

    Windows are checked best words first, and one whose score could not reach the best so far
    even with every fact found (`_score` at most 0.4 x its text score + 60) is skipped
    unchecked, or left as soon as its facts so far rule that out: the same window wins, at a
    fraction of the fact checks."""
    candidates = list(_candidates(asked, doc, query).items())
    if not candidates:
        return 0.0, 0.0, doc.windows[0], []
    best: tuple[float, int, float, Window, list[FactCheck]] | None = None
    for order, (i, text_score) in sorted(enumerate(candidates), key=lambda c: -c[1][1]):
        if best is not None and _score_bound(text_score, asked) < best[0]:
            break  # text scores only fall from here, and so does the bound
        window = doc.windows[i]
        checks = _check_facts(asked, doc, window, text_score, best[0] if best else -1.0)
        if checks is None:
            continue
        score = _score(text_score, checks)
        if best is None or (score, -order) > (best[0], -best[1]):
            best = (score, order, text_score, window, checks)
    assert best is not None
    return best[0], best[2], best[3], best[4]


def _score_bound(text_score: float, asked: _Asked) -> float:
    """The highest `_score` a window of this text score can have: every fact found."""
    return 0.4 * text_score + 60.0 if asked.facts else text_score


def _combine(found: Sequence[tuple[list[FactCheck], list[FactCheck]]]) -> list[FactCheck]:
    """One check per fact over a note's sources, best passage first: a fact a passage states
    is found; else a value a passage gives for the same event differs (a match elsewhere on a
    page does not outweigh it); else a fact found anywhere in a source is found; else missing."""
    combined = []
    for i, first in enumerate(found[0][0]):
        here = [passage[i] for passage, _ in found]
        wide = [whole[i] for _, whole in found]
        pick = (
            next((c for c in here if c.status is FactStatus.FOUND), None)
            or next((c for c in here if c.status is FactStatus.DIFFERENT), None)
            or next((c for c in wide if c.status is FactStatus.FOUND), None)
            or first
        )
        combined.append(pick)
    return combined


def check_claim(claim: Claim, docs: Sequence[SourceDoc], unread: int = 0) -> ClaimCheck:
    """The verdict of `claim` against the texts of its sources (at least one).

    A note's citations are one set of sources (`_combine`): a fact one of them states is
    found, whatever the others leave out. `unread` counts the claim's citations that could not
    be read: their facts stay unchecked, so no party is called wrong and silence is not "not
    found"."""
    query = fold_text(claim.text)
    asked = _asked(claim)
    readable = [d for d in docs if d.windows]
    scored = []
    for doc in readable:
        score, text_score, window, checks = _best_in(asked, doc, query)
        scored.append((score, text_score, window, checks, _widen(claim, checks, doc), doc))
    if not scored:
        return ClaimCheck(
            claim,
            Verdict.NOT_FOUND,
            reason="the sources hold no readable text",
            sources=tuple(d.url for d in docs),
        )
    scored.sort(key=lambda s: -s[0])
    score, text_score, window, _, _, doc = scored[0]
    checks = _combine([(here, wide) for _, _, _, here, wide, _ in scored])
    if unread:
        checks = [
            FactCheck(c.fact, FactStatus.MISSING)
            if c.status is FactStatus.DIFFERENT and c.fact.kind is FactKind.PARTY
            else c
            for c in checks
        ]
    by_url = {d.url: d for d in readable}
    event = next(
        (c for c in checks if c.fact.kind is FactKind.EVENT and c.status is FactStatus.FOUND),
        None,
    )
    told = by_url.get(event.source_url, doc) if event is not None else doc
    negated_here = _source_negated(claim, checks, told)
    verdict, reason = _verdict(claim, checks, text_score, doc.english, negated_here)
    if unread and verdict is Verdict.NOT_FOUND:
        verdict = Verdict.UNCHECKED
        reason = (
            f"not in the readable sources; {unread} cited source"
            f"{'s' if unread > 1 else ''} could not be read"
        )
    if doc.page_date.date is None:
        reason += "; the page gives no date of its own"
    passage = Passage(
        doc.url, doc.text[window.start : window.end], window.start, window.end, round(score, 1),
        doc.label, _page_date(doc), doc.page_date.source,
    )  # fmt: skip
    return ClaimCheck(claim, verdict, passage, tuple(checks), reason, tuple(d.url for d in docs))
