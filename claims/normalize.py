"""Language-neutral keys to compare claims with sources: text, names, countries, figures, dates."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from claims import lexicon as lx
from sources.dates import FoundDate, PartialDate, find_dates
from sources.spans import Spans

# Everything is matched on folded text (see `claims.lexicon`), in every language of the sources
# at once; the spans returned always point into the text as printed.


def fold_text(text: str) -> str:
    """Comparison key: ``"Vučević"``, ``"Vuçević"``, ``"Вучевић"`` -> ``"vucevic"``;
    ``"ISPARTA"`` -> ``"isparta"``; ``"Priштину"`` -> ``"pristinu"``; whitespace collapsed."""
    return " ".join(lx.Folded(text).key.split())


# ------------------------------------------------------------------------------------ names


def name_key(name: str) -> str:
    """Folded name tokens in given-name-first order, spelling habits merged: ``"Vučić,
    Aleksandar"`` and ``"Aleksandar Vucic"`` -> ``"aleksandar vucic"``; đ, dj and d alike."""
    name = re.sub(r"['’]s\b", "", name)
    last, comma, first = name.partition(",")
    if comma:
        name = f"{first} {last}"
    tokens = re.findall(r"[^\W\d_]+", fold_text(name))
    for digraph, letter in lx.NAME_DIGRAPHS:
        tokens = [t.replace(digraph, letter) for t in tokens]
    return " ".join(tokens)


def names_match(a: str, b: str) -> bool:
    """Whether two printed names can be the same person, in any order or script.

    Each token of the shorter name must pair with a different token of the longer one, equal
    or as an initial ("A. Vučić" ~ "Aleksandar Vučić"), and one pair must be a whole word;
    so a bare surname matches the full name ("Erdoğan" ~ "Recep Tayyip Erdoğan").
    """
    short, long_ = sorted((name_key(a).split(), name_key(b).split()), key=len)
    if not short:
        return False
    free = list(long_)
    whole = 0
    for token in sorted(short, key=len, reverse=True):
        pick = next((t for t in free if t == token), None)
        if pick is None:
            pick = next((t for t in free if t[:1] == token[:1] and 1 in (len(t), len(token))), None)
        if pick is None:
            return False
        free.remove(pick)
        whole += pick == token and len(token) > 1
    return whole > 0


# -------------------------------------------------------------------------------- countries


@dataclass(frozen=True, slots=True)
class FoundCountry:
    code: str  # ISO 3166-1 alpha-2; "XK" for Kosovo
    start: int
    end: int
    text: str


def find_countries(text: str) -> list[FoundCountry]:
    """Every country named in `text`, by name, demonym or adjective, in any of the sources'
    languages and cases (``Kosova'daki``, ``Srbije``, ``Crnoj Gori``, ``Албания``), in order."""
    folded = lx.folded(text)
    found = []
    for m in lx.COUNTRY_RE.finditer(folded.key):
        code = lx.COUNTRY_CODES[int(str(m.lastgroup)[1:])]
        before = folded.key[max(0, m.start() - 20) : m.start()].split()[-1:]
        if code == "US" and before and before[0].startswith(lx.CONTINENT_WORDS):
            continue
        start, end = folded.span(*m.span())
        found.append(FoundCountry(code, start, end, text[start:end]))
    for m in lx.ACRONYM_RE.finditer(text):
        found.append(FoundCountry(lx.COUNTRY_ACRONYMS[m.group(1)], m.start(), m.end(), m.group(1)))
    return sorted(found, key=lambda f: f.start)


def country_codes(text: str) -> set[str]:
    """ISO codes of the countries `text` names (`claims.countries.countries_in`, more languages)."""
    return {f.code for f in find_countries(text)}


# ------------------------------------------------------------------------------------ dates


def _month_number(word: str) -> int:
    return next(n for n, r in enumerate(lx.MONTH_RES, start=1) if r.fullmatch(word))


_RawDate = tuple[int, int, int | None, int, int | None, int | None]


def _valid(year: int, month: int, *days: int | None) -> bool:
    try:
        for day in days:
            dt.date(year, month, day or 1)
    except ValueError:
        return False
    return True


def _scan_dates(folded: lx.Folded) -> list[_RawDate]:
    """(start, end, year, month, day, end_day) in printed offsets; year None when not printed."""
    found: list[_RawDate] = []
    taken = Spans()
    for pattern in lx.DATE_RES:
        for m in pattern.finditer(folded.key):
            start, end = folded.span(*m.span())
            if taken.overlaps(start, end):
                continue
            g = m.groupdict()
            mon = g.get("mon")
            if mon is not None and g.get("year") is None and mon in lx.MONTHS_NEEDING_YEAR:
                continue
            month = _month_number(mon) if mon is not None else int(g["month"])
            year = int(g["year"]) if g.get("year") else None
            day = int(g["day"]) if g.get("day") else None
            end_day = int(g["end"]) if g.get("end") else None
            if _valid(year or 2000, month, day, end_day):  # 2000 is leap: 29 February may be
                found.append((start, end, year, month, day, end_day))
                taken.add(start, end)
    return found


@lru_cache(maxsize=4)
def _scan_dates_memo(folded: lx.Folded) -> list[_RawDate]:
    return _scan_dates(folded)


_find_dates_memo = lru_cache(maxsize=4)(find_dates)


def scan_yearless(folded: lx.Folded) -> list[_RawDate]:
    """The raw dates of a folded text, year None where none is printed (shared scan)."""
    return _scan_dates_memo(folded)


def find_dates_any(text: str, default_year: int | None = None) -> list[FoundDate]:
    """Dates in any of the sources' languages, in order, without overlaps.

    English comes from `sources.dates.find_dates`; then "5 Ağustos 2021", "25. avgusta 2023.",
    "11 януари 2024", "26 prill 2024", "6 octombrie 2023", "ARALIK 2023", and numeric dates,
    always day first ("05.08.2021", "5/8/2021"). A day and month without a year ("12. decembra")
    takes `default_year`; without one it is skipped, since a `PartialDate` needs a year.
    """
    found = list(_find_dates_memo(text))
    taken = Spans((f.start, f.end) for f in found)
    for start, end, year, month, day, end_day in _scan_dates_memo(lx.folded(text)):
        year = year if year is not None else default_year
        if year is None or not _valid(year, month, day, end_day):
            continue
        if taken.overlaps(start, end):
            continue
        found.append(FoundDate(PartialDate(year, month, day, end_day), start, end, text[start:end]))
        taken.add(start, end)
    return sorted(found, key=lambda f: f.start)


# ---------------------------------------------------------------------------------- numbers


def _to_float(raw: str, lang_hint: str | None) -> float | None:
    """Read a numeral under the rule documented on `parse_number`; one too long to be a
    figure (beyond a float's range: hundreds of digits) is text, not infinity."""
    value = _numeral(raw, lang_hint)
    return value if value is None or math.isfinite(value) else None


def _numeral(raw: str, lang_hint: str | None) -> float | None:
    seps = [c for c in raw if not c.isdigit()]
    if not seps:
        return float(raw)
    if len(set(seps)) > 1:  # 1.600,5 / 1,600.5: the last mark is the decimal one
        head, tail = raw[: raw.rfind(seps[-1])], raw[raw.rfind(seps[-1]) + 1 :]
        return float(re.sub(r"\D", "", head) + "." + tail)
    groups = re.split(r"\D", raw)
    if len(seps) > 1 or seps[0] in "\u00a0\u202f\u2009":
        return float("".join(groups)) if all(len(g) == 3 for g in groups[1:]) else None
    decimal = None if lang_hint is None else "." if lang_hint in lx.DECIMAL_POINT_LANGS else ","
    if len(groups[1]) == 3 and groups[0] != "0" and seps[0] != decimal:
        return float("".join(groups))
    return float(".".join(groups))


@dataclass(frozen=True, slots=True)
class FoundFigure:
    """A number as printed, scale applied ("€140 million" -> 140_000_000, unit "EUR")."""

    value: float
    unit: str  # a currency code, "%", "ordinal", a canonical noun ("troops", "uav"), or ""
    start: int
    end: int
    text: str
    currency: str = ""  # ISO 4217 code when the figure is money
    noun: str = ""  # the folded word counted ("asker", "uavs"), when one follows


def _read_figure(folded: lx.Folded, m: re.Match[str], lang_hint: str | None) -> FoundFigure | None:
    key = folded.key
    value = _to_float(m.group(1), lang_hint)
    if value is None:
        return None
    start, pos = m.span()
    unit = currency = noun = ""
    prefix = lx.PREFIX_RE.search(key, max(0, start - 8), start)
    if prefix:
        start = prefix.start()
        currency = _currency(prefix.group("cur")) if prefix.group("cur") else ""
        unit = currency or "%"
    ordinal = None if unit else lx.ORDINAL_RE.match(key, pos)
    if ordinal and not (ordinal.group(0) == "." and folded.text[folded.starts[pos + 2]].isupper()):
        unit, pos = "ordinal", ordinal.end()  # "bought 11. The ..." is a sentence end instead
    else:
        for scale, pattern in [*lx.SCALE_RES, *([(1e6, lx.M_SCALE)] if currency else [])]:
            if s := pattern.match(key, pos):
                value, pos = value * scale, s.end()
                break
        if not unit and (p := lx.PERCENT_RE.match(key, pos)):
            unit, pos = "%", p.end()
        for code, pattern in lx.CURRENCY_RES if not unit else ():
            if c := pattern.match(key, pos):
                unit = currency = code
                pos = c.end()
                break
        if s := lx.SUFFIX_RE.match(key, pos):
            pos = s.end()
    if key[pos : pos + 1].isalpha():
        return None  # glued to letters: a code such as "4G" or "3032471X"
    if unit in ("", "ordinal"):
        noun, counted = _counted_noun(folded, pos)
        unit = unit or counted
    text_start, text_end = folded.span(start, pos)
    return FoundFigure(value, unit, text_start, text_end, folded.text[text_start:text_end],
                       currency, noun)  # fmt: skip


def _currency(sign: str) -> str:
    return next(code for code, pattern in lx.CURRENCY_RES if pattern.fullmatch(sign))


def _counted_noun(folded: lx.Folded, pos: int) -> tuple[str, str]:
    """(folded noun, canonical unit) of the word a number counts: a known noun within three
    words ("1,500 Turkish troops", "18 TB2 UAVs"), else the first plain lower-case word."""
    key = folded.key
    first, model = "", ("", "")
    for _ in range(3):
        word = lx.WORD_RE.match(key, pos)
        if word is None:
            break
        token = word.group(1).rstrip(".")
        unit = next((u for u, pattern in lx.UNIT_RES if pattern.fullmatch(token)), "")
        is_model = lx.MODEL_RE.fullmatch(token) is not None
        if unit and not is_model:
            return token, unit
        model = model if model[1] or not unit else (token, unit)  # "18 TB2" alone
        if token in lx.NOUN_STOPWORDS or not (token.isalpha() or is_model):
            break
        lower = folded.text[folded.starts[word.start(1)]].islower()  # not "76,542 Bosnia"
        if not first and lower and token.isalpha() and not lx.SKIP_RE.fullmatch(token):
            first = token
        if word.group(1).endswith("."):
            break
        pos = word.end()
    return model if model[1] else (first, first)


def parse_number(text: str, lang_hint: str | None = None) -> float | None:
    """The first number in `text`, scale applied: "321 milyon" -> 321e6, "%1,6" -> 1.6.

    Separators: with both "." and "," the last one is the decimal mark ("1.600,5", "1,600.5");
    one kind repeated groups thousands ("1.600.000"); a single mark followed by exactly three
    digits groups thousands ("1,600", "1.600" -> 1600: counts and sums are integers far more
    often than figures with three decimals) unless `lang_hint` says that mark is the language's
    decimal mark ("en": ".", any other language: ","); any other single mark is decimal
    ("15,5", "1.6").
    """
    folded = lx.Folded(text)
    m = lx.NUMBER_RE.search(folded.key)
    if m is None:
        return None
    figure = _read_figure(folded, m, lang_hint)
    return figure.value if figure else _to_float(m.group(1), lang_hint)


def find_figures(text: str, lang_hint: str | None = None) -> list[FoundFigure]:
    """Money, percentages, ordinals and counts in `text`, in order (numbers read as by
    `parse_number`).

    Not figures: numbers inside dates (including a day and month without a year), phone
    numbers, numbers glued to letters ("TB2", "4G") or after "No."/"br."/"Sayı", and bare
    years (1900-2099) or long unseparated integers (IDs such as 3032471) unless money, a
    percentage or a count of a known noun ("2000 troops").
    """
    folded = lx.folded(text)
    blocked = [(s, e) for s, e, *_ in _scan_dates_memo(folded)]
    blocked += [(f.start, f.end) for f in _find_dates_memo(text)]
    blocked += [folded.span(*p.span()) for p in lx.PHONE_RE.finditer(folded.key)]
    taken = Spans(blocked)
    figures = []
    for m in lx.NUMBER_RE.finditer(folded.key):
        start, end = folded.span(*m.span())
        if taken.overlaps(start, end) or lx.ID_RE.search(
            folded.key, max(0, m.start() - 12), m.start()
        ):
            continue
        figure = _read_figure(folded, m, lang_hint)
        if figure is None:
            continue
        raw = m.group(1)
        counted = figure.currency or figure.unit == "%" or figure.unit in lx.UNIT_NOUNS
        year_like = len(raw) == 4 and raw.isdecimal() and 1900 <= int(raw) <= 2099
        if (year_like or (raw.isdecimal() and len(raw) >= 5)) and not counted:
            continue
        if raw.isdecimal() and len(raw) > 1 and raw[0] == "0":
            continue  # "06", "007": a serial or issue number, never a count
        figures.append(figure)
    return figures
