"""Claim x prepared source -> `ClaimCheck`: the best passage, each fact compared, a verdict.

Pure. Facts are compared in normalised form (`claims.normalize`), so an English sentence is
checked against a Turkish, Serbian or Albanian page: the passage is chosen by shared words
(rapidfuzz, `claims.match`) and, across languages, by the facts it shares with the claim.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
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
from claims.lexicon import UNIT_NOUNS
from claims.match import Window, rank_windows
from claims.normalize import (
    FoundFigure,
    fold_text,
    name_key,
    parse_number,
)
from claims.sourcedoc import SourceDoc
from sources.dates import PartialDate

# Words that name each kind of event in the sources' languages (folded stems).
EVENT_STEMS: dict[str, tuple[str, ...]] = {
    "agreement-signed": (
        "sign",
        "agree",
        "protocol",
        "memorand",
        "treaty",
        "imzal",
        "anlasma",
        "mutabakat",
        "sporazum",
        "potpis",
        "marrevesh",
        "nenshkr",
        "acord",
        "semnat",
        "spogodb",
        "dogovor",
    ),
    "delivery": (
        "deliver",
        "receiv",
        "handed",
        "teslim",
        "isporu",
        "preuze",
        "dorez",
        "livr",
        "dostav",
        "envanter",
        "inventory",
    ),
    "deployment": (
        "deploy",
        "sent",
        "dispatch",
        "join",
        "gonder",
        "konuslan",
        "katil",
        "rasporedj",
        "rasporedi",
        "upuce",
        "dergu",
        "dergo",
        "trimis",
    ),
    "purchase": (
        "purchas",
        "bought",
        "acqui",
        "order",
        "contract",
        "satin",
        "siparis",
        "ihale",
        "kupi",
        "kupov",
        "nabav",
        "ble",
        "achizit",
        "contract",
    ),
    "visit": ("visit", "met ", "meet", "ziyaret", "gorus", "poset", "sastan", "vizit", "takim"),
    "command": ("command", "komuta", "komand", "devral"),
}
_NEGATION = re.compile(r"\b(not|never|no longer|didn't|wasn't|degil|nije|nisu|nuk|nu a)\b")
DAY_WINDOW = 62  # days: a date this close to the claimed one is the same event misdated
SUPPORT_TEXT = 70.0  # a passage this similar supports a claim that states no hard fact
FIND_TEXT = 45.0  # below this, with no fact found, the claim is not in the source


def _inside(start: int, window: Window) -> bool:
    return window.start <= start < window.end


def _same_date(claimed: PartialDate, found: PartialDate) -> bool:
    if claimed.year != found.year:
        return False
    if claimed.month is None or found.month is None:
        return True
    if claimed.month != found.month:
        return False
    if claimed.day is None or found.day is None:
        return True
    return found.day == claimed.day or (
        found.end_day is not None and found.day <= claimed.day <= found.end_day
    )


def _check_date(fact: Fact, doc: SourceDoc, window: Window) -> FactCheck:
    assert fact.date is not None
    here = doc.w_dates[doc.at[window.start]]
    for found in here:
        if _same_date(fact.date, found.date):
            return FactCheck(fact, FactStatus.FOUND, found.text, found.date.isoformat())
    if fact.date.month is None and any(
        year == fact.date.year for _, year in doc.w_years[doc.at[window.start]]
    ):
        return FactCheck(fact, FactStatus.FOUND, str(fact.date.year), str(fact.date.year))
    if fact.date.day is not None:
        claimed = fact.date.earliest()
        near = [
            d
            for d in here
            if d.date.day is not None and abs((d.date.earliest() - claimed).days) <= DAY_WINDOW
        ]
        if near:
            best = min(near, key=lambda d: abs((d.date.earliest() - claimed).days))
            days = (best.date.earliest() - claimed).days
            way = "later" if days > 0 else "earlier"
            return FactCheck(
                fact,
                FactStatus.DIFFERENT,
                best.text,
                best.date.isoformat(),
                f"the source gives {best.date.isoformat()}, {abs(days)} day"
                f"{'s' if abs(days) != 1 else ''} {way}",
            )
    return FactCheck(fact, FactStatus.MISSING)


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
    start = max(text.rfind(". ", window.start, figure.start), window.start)
    stop = text.find(". ", figure.end, window.end)
    stop = window.end if stop == -1 else stop
    own = [(at, year) for at, year in years if start <= at < stop]
    if own:
        earlier = [(at, year) for at, year in own if at < figure.start]
        return max(earlier)[1] if earlier else min(own)[1]
    before = [(at, year) for at, year in years if at < figure.start]
    if before:
        return max(before)[1]
    after = [(at, year) for at, year in years if at > figure.start]
    return min(after)[1] if after else None


def _check_figure(fact: Fact, doc: SourceDoc, window: Window, year: int | None) -> FactCheck:
    here = [f for f in doc.w_figures[doc.at[window.start]] if _units_agree(fact, f)]
    if not here:
        return FactCheck(fact, FactStatus.MISSING)
    fitting = [f for f in here if _figure_fits(fact, f.value)]
    periods = {id(f): _year_near(doc, f, window) for f in here}
    for found in fitting:
        if year is None or periods[id(found)] in (None, year):
            return FactCheck(fact, FactStatus.FOUND, found.text, f"{found.value:g}")
    if fitting:  # the same figure, but for another period: which one is the claim's?
        found = fitting[0]
        same_period = [f for f in here if periods[id(f)] == year]
        detail = f"the source gives {found.text} for {periods[id(found)]}, not {year}"
        if same_period:
            detail += f"; for {year} it gives {same_period[0].text}"
        return FactCheck(fact, FactStatus.DIFFERENT, found.text, f"{found.value:g}", detail)
    other = min(here, key=lambda f: abs(f.start - window.start))
    detail = f"the source gives {other.text}"
    period = periods[id(other)]
    if year is not None and period is not None and period != year:
        detail += f", a figure for {period}, not {year}"
    return FactCheck(fact, FactStatus.DIFFERENT, other.text, f"{other.value:g}", detail)


def _check_party(fact: Fact, doc: SourceDoc, window: Window) -> FactCheck:
    if fact.party_type == "country":
        here = {code for code, _, _ in doc.w_countries[doc.at[window.start]]}
        if fact.key in here:
            return FactCheck(fact, FactStatus.FOUND, fact.key, fact.key)
        others = sorted(here - {"TR"})  # Türkiye is the subject of most of these sources
        anywhere = fact.key in doc.codes
        # Another country here, and the claimed one nowhere in the source: not a passing
        # mention elsewhere on the page but the wrong party.
        if others and fact.key != "TR" and not anywhere:
            return FactCheck(
                fact,
                FactStatus.DIFFERENT,
                ", ".join(others),
                ", ".join(others),
                f"the passage names {', '.join(others)}, not {fact.key}",
            )
        return FactCheck(fact, FactStatus.MISSING)
    key = name_key(fact.text).split()
    surname = key[-1] if key else ""
    if surname and surname in window.key:
        return FactCheck(fact, FactStatus.FOUND, fact.text, surname)
    return FactCheck(fact, FactStatus.MISSING)


def _check_event(fact: Fact, window: Window) -> FactCheck:
    stems = EVENT_STEMS.get(fact.key, ())
    hit = next((s for s in stems if s in window.key), None)
    if hit:
        return FactCheck(fact, FactStatus.FOUND, hit, fact.key)
    return FactCheck(fact, FactStatus.MISSING)


def _check_facts(claim: Claim, doc: SourceDoc, window: Window) -> list[FactCheck]:
    dated = [f for f in claim.facts if f.kind is FactKind.DATE and f.date]
    year = dated[-1].date.year if dated and dated[-1].date else None
    # The note backs the date nearest its call; an earlier date in the same claim (an uncited
    # list item, a background date) is looked for but never called wrong.
    last = max(dated, key=lambda f: f.end) if dated else None
    checks = []
    for fact in claim.facts:
        if fact.kind is FactKind.DATE and fact.date is not None:
            check = _check_date(fact, doc, window)
            if check.status is FactStatus.DIFFERENT and fact is not last:
                check = FactCheck(fact, FactStatus.MISSING)
            checks.append(check)
        elif fact.kind is FactKind.FIGURE and fact.number is not None:
            checks.append(_check_figure(fact, doc, window, year))
        elif fact.kind is FactKind.PARTY:
            checks.append(_check_party(fact, doc, window))
        elif fact.kind is FactKind.EVENT:
            checks.append(_check_event(fact, window))
    # A differing value counts only where the passage is about the same event: another fact
    # of the claim (a date, a party, the event) is there. Elsewhere it is just another figure
    # or date of the page.
    anchored = any(c.status is FactStatus.FOUND for c in checks)
    return [
        c
        if c.status is not FactStatus.DIFFERENT or anchored
        else FactCheck(c.fact, FactStatus.MISSING)
        for c in checks
    ]


def _candidates(claim: Claim, doc: SourceDoc, query: str) -> dict[int, float]:
    """Windows worth checking: the best by words, and those holding one of the claim's facts."""
    ranked = dict(rank_windows(query, doc.windows, limit=5))
    starts: list[int] = []
    for fact in claim.facts:
        if fact.kind is FactKind.DATE and fact.date is not None:
            starts += [d.start for d in doc.dates if d.date.year == fact.date.year]
        elif fact.kind is FactKind.FIGURE and fact.number is not None:
            starts += [f.start for f in doc.figures if _figure_fits(fact, f.value)]
    for start in starts[:50]:
        last = bisect_right(doc.starts, start) - 1
        first = last
        while first >= 0 and doc.ends[first] > start:
            first -= 1
        for i in range(first + 1, last + 1):
            if i not in ranked:
                ranked[i] = 0.0
    return ranked


def _score(text_score: float, checks: Sequence[FactCheck]) -> float:
    if not checks:
        return text_score
    found = sum(c.status is FactStatus.FOUND for c in checks)
    differ = sum(c.status is FactStatus.DIFFERENT for c in checks)
    return 0.4 * text_score + 60.0 * (found + 0.5 * differ) / len(checks)


def _verdict(
    claim: Claim, checks: Sequence[FactCheck], text_score: float, window: Window, english: bool
) -> tuple[Verdict, str]:
    hard = [c for c in checks if c.fact.kind is not FactKind.EVENT]
    found = [c for c in checks if c.status is FactStatus.FOUND]
    different = [c for c in hard if c.status is FactStatus.DIFFERENT]
    negated_here = bool(_NEGATION.search(window.key))
    if found and claim.negated != negated_here:
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
        return Verdict.SUPPORTED, "every fact is in the passage"
    hard_found = [c for c in found if c.fact.kind is not FactKind.EVENT]
    if hard_found or (found and text_score >= FIND_TEXT):
        missing = ", ".join(c.fact.text for c in checks if c.status is FactStatus.MISSING)
        return Verdict.PARTLY_SUPPORTED, f"not in the passage: {missing}"
    return Verdict.NOT_FOUND, "none of the sentence's facts is in the source"


_RANK = {
    Verdict.SUPPORTED: 0,
    Verdict.PARTLY_SUPPORTED: 1,
    Verdict.CONTRADICTED: 2,
    Verdict.NOT_FOUND: 3,
    Verdict.UNCHECKED: 4,
}


def check_claim(claim: Claim, docs: Sequence[SourceDoc]) -> ClaimCheck:
    """The verdict of `claim` against the texts of its sources (at least one)."""
    best: ClaimCheck | None = None
    best_key: tuple[int, float] | None = None
    query = fold_text(claim.text)
    for doc in docs:
        if not doc.windows:
            continue
        scored = []
        for i, text_score in _candidates(claim, doc, query).items():
            window = doc.windows[i]
            checks = _check_facts(claim, doc, window)
            scored.append((_score(text_score, checks), text_score, window, checks))
        if not scored:
            continue
        score, text_score, window, checks = max(scored, key=lambda s: s[0])
        verdict, reason = _verdict(claim, checks, text_score, window, doc.english)
        passage = Passage(
            doc.url, window.text, window.start, window.end, round(score, 1), doc.label
        )
        check = ClaimCheck(
            claim, verdict, passage, tuple(checks), reason, tuple(d.url for d in docs)
        )
        key = (_RANK[verdict], -score)
        if best_key is None or key < best_key:
            best, best_key = check, key
    if best is None:
        return ClaimCheck(
            claim,
            Verdict.NOT_FOUND,
            reason="the sources hold no readable text",
            sources=tuple(d.url for d in docs),
        )
    return best
