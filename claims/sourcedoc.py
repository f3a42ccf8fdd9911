"""A source's text prepared once for every claim checked against it: overlapping windows with
their folded keys, and the dates, figures, countries and years found in each."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from claims.lexicon import folded as fold_page
from claims.match import Window, split_windows
from claims.normalize import FoundFigure, find_countries, find_dates_any, find_figures
from sources.dates import FoundDate
from sources.spans import Spans


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """A source's text prepared once for every claim checked against it."""

    url: str
    label: str  # which copy: "the archived copy of 2024-05-09", "citewatch's snapshot of ..."
    text: str
    windows: tuple[Window, ...]
    dates: tuple[FoundDate, ...]
    figures: tuple[FoundFigure, ...]
    countries: tuple[tuple[str, int, int], ...]
    years: tuple[tuple[int, int], ...]  # (offset, year) of every date and bare year
    english: bool = True  # the claims are English: wording is comparable only in English
    at: dict[int, int] = field(default_factory=dict)  # window start -> index
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    w_dates: tuple[tuple[FoundDate, ...], ...] = ()
    w_figures: tuple[tuple[FoundFigure, ...], ...] = ()
    w_countries: tuple[tuple[tuple[str, int, int], ...], ...] = ()
    w_years: tuple[tuple[tuple[int, int], ...], ...] = ()
    codes: frozenset[str] = frozenset()


_ENGLISH = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "was", "that", "for", "on", "with", "by", "as"]
)


def _is_english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return not words or sum(w in _ENGLISH for w in words) / len(words) >= 0.08


_YEAR = re.compile(r"(?<![\d.,/-])((?:19|20)\d\d)(?![\d.,/-]\d)")


def _years(text: str, dates: Sequence[FoundDate]) -> tuple[tuple[int, int], ...]:
    found = [(d.start, d.date.year) for d in dates]
    taken = Spans((d.start, d.end) for d in dates)
    for match in _YEAR.finditer(text):
        if not taken.holds(match.start()):
            found.append((match.start(), int(match.group(1))))
    return tuple(sorted(found))


def _window_keys(text: str, windows: list[Window]) -> list[Window]:
    page = fold_page(text)
    return [
        Window(
            w.start,
            w.end,
            w.text,
            " ".join(
                page.key[
                    bisect_left(page.starts, w.start) : bisect_left(page.starts, w.end)
                ].split()
            ),
        )
        for w in windows
    ]


def _slices(
    items: Sequence[Any], starts: Sequence[int], windows: Sequence[Window]
) -> tuple[Any, ...]:
    return tuple(
        tuple(items[bisect_left(starts, w.start) : bisect_left(starts, w.end)]) for w in windows
    )


def prepare(url: str, text: str, label: str) -> SourceDoc:
    dates = find_dates_any(text)
    windows = tuple(_window_keys(text, split_windows(text, lambda _: "")))
    figures = tuple(find_figures(text))
    countries = tuple((c.code, c.start, c.end) for c in find_countries(text))
    years = _years(text, dates)
    return SourceDoc(
        url=url,
        label=label,
        text=text,
        windows=windows,
        dates=tuple(dates),
        figures=figures,
        countries=countries,
        years=years,
        english=_is_english(text),
        at={w.start: i for i, w in enumerate(windows)},
        starts=tuple(w.start for w in windows),
        ends=tuple(w.end for w in windows),
        w_dates=_slices(dates, [d.start for d in dates], windows),
        w_figures=_slices(figures, [f.start for f in figures], windows),
        w_countries=_slices(countries, [c[1] for c in countries], windows),
        w_years=_slices(years, [y[0] for y in years], windows),
        codes=frozenset(c[0] for c in countries),
    )
