"""A source's text prepared once for every claim checked against it: overlapping windows with
their folded keys, and the dates, figures, countries and years found in each."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from claims.language import guess_language, number_words
from claims.lexicon import Folded
from claims.lexicon import folded as fold_page
from claims.match import Window, split_windows
from claims.normalize import FoundFigure, find_countries, find_figures
from claims.pagedates import PageDate, SourceDate, YearlessDate, find_page_date, find_source_dates
from sources.spans import Spans


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """A source's text prepared once for every claim checked against it."""

    url: str
    label: str  # which copy: "the archived copy of 2024-05-09", "citewatch's snapshot of ..."
    text: str
    windows: tuple[Window, ...]
    dates: tuple[SourceDate, ...]
    figures: tuple[FoundFigure, ...]
    countries: tuple[tuple[str, int, int], ...]
    years: tuple[tuple[int, int], ...]  # (offset, year) of every date and bare year
    english: bool = True  # the claims are English: wording is comparable only in English
    at: dict[int, int] = field(default_factory=dict)  # window start -> index
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    w_dates: tuple[tuple[SourceDate, ...], ...] = ()
    w_figures: tuple[tuple[FoundFigure, ...], ...] = ()
    w_countries: tuple[tuple[tuple[str, int, int], ...], ...] = ()
    w_years: tuple[tuple[tuple[int, int], ...], ...] = ()
    codes: frozenset[str] = frozenset()
    page_date: PageDate = field(default_factory=lambda: PageDate(None, ""))
    lang: str = ""  # en, tr, sh, sq, bg, mk, ro; "" when unknown
    yearless: tuple[YearlessDate, ...] = ()  # day-month dates of an undated page
    folded: Folded | None = None  # the text folded once, for whole-source searches
    title: str = ""  # the page's title: a party named only there is still named by the page
    common: frozenset[str] = frozenset()  # countries named in most passages: the page's subject
    # Indexes asked by every claim: the windows' keys in order; where each year's dates start;
    # the figures' values sorted, with their starts in the same order.
    keys: tuple[str, ...] = ()
    date_starts: dict[int, tuple[int, ...]] = field(default_factory=dict)
    figure_values: tuple[float, ...] = ()
    figure_starts: tuple[int, ...] = ()

    def key_span(self, start: int, end: int) -> tuple[int, int]:
        """The folded-key span of the printed span `start:end`."""
        assert self.folded is not None
        starts = self.folded.starts
        return bisect_left(starts, start), bisect_left(starts, end)

    def printed_span(self, key_start: int, key_end: int) -> tuple[int, int]:
        assert self.folded is not None
        return self.folded.span(key_start, key_end)


_ENGLISH = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "was", "that", "for", "on", "with", "by", "as"]
)


def _is_english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return not words or sum(map(_ENGLISH.__contains__, words)) / len(words) >= 0.08


_YEAR = re.compile(r"(?<![\d.,/-])((?:19|20)\d\d)(?![\d.,/-]\d)")


def _years(text: str, dates: Sequence[SourceDate]) -> tuple[tuple[int, int], ...]:
    found = [(d.start, d.date.year) for d in dates]
    taken = Spans((d.start, d.end) for d in dates)
    for match in _YEAR.finditer(text):
        if not taken.holds(match.start()):
            found.append((match.start(), int(match.group(1))))
    return tuple(sorted(found))


def _window_keys(page: Folded, windows: list[Window]) -> list[Window]:
    """The windows with their keys cut from the page folded once (one word space apart)."""
    return [
        Window(
            w.start,
            w.end,
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
    items = tuple(items)  # a tuple's slices are tuples: no copy per window
    return tuple(items[bisect_left(starts, w.start) : bisect_left(starts, w.end)] for w in windows)


# HTML lang attributes -> the language codes of claims/data/language.toml
_LANG_CODES = {"sr": "sh", "hr": "sh", "bs": "sh", "me": "sh", "cnr": "sh", "sh": "sh"}


def _language(declared: str, folded: Folded) -> str:
    """The page's language by its words (a CMS often declares "en" on every page), else as
    its HTML declares it."""
    guessed = guess_language(folded.key)
    if guessed:
        return guessed
    code = declared.split("-")[0].lower()
    code = _LANG_CODES.get(code, code)
    return code if code in ("en", "tr", "sh", "sq", "bg", "mk", "ro") else ""


def _word_figures(text: str, folded: Folded, lang: str) -> list[FoundFigure]:
    """Counts in words in the page's language ("üç aylık", "tri vozila"), when a counted noun
    follows, read as the same count in digits would be."""
    found = []
    for word in number_words(folded.key, lang):
        start, end = folded.span(word.start, word.end)
        counted = find_figures("1" + text[end : end + 80])
        if counted and counted[0].start == 0 and counted[0].unit and counted[0].unit != "ordinal":
            found.append(
                replace(counted[0], value=float(word.value), start=start, end=end,
                        text=text[start:end])
            )  # fmt: skip
        else:  # "Seventeen of those 42": a bare count, which is like no other figure
            found.append(FoundFigure(float(word.value), "", start, end, text[start:end]))
    return found


def prepare(
    url: str,
    text: str,
    label: str,
    published: dt.date | None = None,
    language: str = "",
    title: str = "",
) -> SourceDoc:
    """`text` prepared for every claim: `published` is the page's date from its metadata (a
    dateline at the top of the text stands in when it is None); `language` its declared one."""
    folded = fold_page(text)
    lang = _language(language, folded)
    page_date = find_page_date(text, published)
    found_dates, yearless = find_source_dates(text, page_date.date, lang)
    dates = found_dates
    windows = tuple(_window_keys(folded, split_windows(text, lambda _: "")))
    figures = find_figures(text)
    if lang:
        taken = Spans((f.start, f.end) for f in figures)
        extra = [f for f in _word_figures(text, folded, lang) if not taken.overlaps(f.start, f.end)]
        figures = sorted([*figures, *extra], key=lambda f: f.start)
    figures = tuple(figures)
    countries = tuple((c.code, c.start, c.end) for c in find_countries(text))
    years = _years(text, dates)
    w_countries = _slices(countries, [c[1] for c in countries], windows)
    counts: dict[str, int] = {}
    for here in w_countries:
        for code in {c[0] for c in here}:
            counts[code] = counts.get(code, 0) + 1
    common = frozenset(c for c, n in counts.items() if n >= 3 and n >= 0.4 * len(windows))
    date_starts: dict[int, list[int]] = {}
    for d in dates:
        date_starts.setdefault(d.date.year, []).append(d.start)
    by_value = sorted((f.value, f.start) for f in figures)
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
        w_countries=w_countries,
        w_years=_slices(years, [y[0] for y in years], windows),
        codes=frozenset(c[0] for c in countries),
        page_date=page_date,
        lang=lang,
        yearless=tuple(yearless),
        folded=folded,
        title=title,
        common=common,
        keys=tuple(w.key for w in windows),
        date_starts={year: tuple(starts) for year, starts in date_starts.items()},
        figure_values=tuple(v for v, _ in by_value),
        figure_starts=tuple(s for _, s in by_value),
    )
