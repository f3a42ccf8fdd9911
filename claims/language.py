"""The language data of the claims stage (claims/data/language.toml), loaded and compiled once.

The only module that reads that file: which language a page is in, relative days and weekdays,
negation per language, number words, counted nouns, organisations with their acronyms and
translations, and the words that name each kind of event. Everything works on folded text
(`claims.lexicon.Folded`); the tables are written folded.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

_W = r"(?<![^\W_])"  # no letter or digit before
_E = r"(?![^\W_])"  # no letter or digit after


@cache
def _data() -> dict:  # type: ignore[type-arg]
    text = resources.files("claims").joinpath("data/language.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


LANGUAGES = ("en", "tr", "sh", "sq", "bg", "mk", "ro")


# ------------------------------------------------------------------------------ which language


@cache
def _marker_sets() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in _data()["markers"].items()}


def guess_language(folded_key: str, limit: int = 6000) -> str:
    """The language code whose function words are most frequent in `folded_key` ("" if none).

    A dozen frequent words per language are enough to tell the sources' languages apart on a
    news item; a detector library would be a second dependency for this one question.
    """
    words = re.findall(r"[a-z]+", folded_key[:limit])
    if not words:
        return ""
    scores = dict.fromkeys(LANGUAGES, 0)
    sets = _marker_sets()
    for word in words:
        for lang, markers in sets.items():
            if word in markers:
                scores[lang] += 1
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= max(3, len(words) // 50) else ""


# ----------------------------------------------------------------------- relative days, weekdays


@dataclass(frozen=True, slots=True)
class RelativeDay:
    start: int  # offsets in the folded key
    end: int
    day: dt.date


@cache
def _relative_re(lang: str) -> tuple[re.Pattern[str], dict[str, int]] | None:
    table = _data()["relative"]["days"].get(lang)
    if not table:
        return None
    words = sorted(table, key=len, reverse=True)
    not_after = _data()["relative"]["not_after"].get(lang, [])
    guard = "".join(rf"(?<!{re.escape(w)} )" for w in not_after)
    pattern = re.compile(rf"{guard}{_W}(?:{'|'.join(map(re.escape, words))}){_E}")
    return pattern, dict(table)


@cache
def _weekday_re(lang: str) -> tuple[re.Pattern[str], dict[str, int]] | None:
    days = _data()["weekdays"].get(lang)
    if not days:
        return None
    forms = {form: n for n, names in enumerate(days) for form in names}
    words = sorted(forms, key=len, reverse=True)
    not_after = _data().get("weekdays_not_after", {}).get(lang, [])
    guard = "".join(rf"(?<!{re.escape(w)} )" for w in not_after)
    return re.compile(rf"{guard}{_W}(?:{'|'.join(map(re.escape, words))}){_E}"), forms


def relative_days(folded_key: str, lang: str, page_date: dt.date) -> list[RelativeDay]:
    """ "Today", "dün", "juče", "on Monday"... in `folded_key`, resolved against `page_date`.

    A weekday is the page's own date or the latest such day before it, since a news item
    reports what has happened."""
    found: list[RelativeDay] = []
    relative = _relative_re(lang)
    if relative is not None:
        pattern, table = relative
        for m in pattern.finditer(folded_key):
            found.append(RelativeDay(m.start(), m.end(), page_date + dt.timedelta(table[m[0]])))
    weekday = _weekday_re(lang)
    if weekday is not None:
        pattern, forms = weekday
        for m in pattern.finditer(folded_key):
            back = (page_date.weekday() - forms[m[0]]) % 7
            found.append(RelativeDay(m.start(), m.end(), page_date - dt.timedelta(back)))
    return sorted(found, key=lambda r: r.start)


# ------------------------------------------------------------------------------------ negation


@cache
def negation_re(lang: str) -> re.Pattern[str] | None:
    """A pattern finding a negation of `lang` in folded text ("" = English)."""
    words = _data()["negation"].get(lang or "en")
    if not words:
        return None
    cancel = _data()["negation"]["not_before"].get(lang or "en", [])
    guard = f"(?! (?:{'|'.join(map(re.escape, cancel))}){_E})" if cancel else ""
    return re.compile(rf"{_W}(?:{'|'.join(words)}){_E}{guard}")


_CLAUSE_END = re.compile(r"[.;:!?\n]|,\s|\s[-–—]\s")


def clause_around(key: str, start: int, end: int) -> tuple[int, int]:
    """The clause of folded `key` holding `start:end`: up to the nearest punctuation mark."""
    left = max((m.end() for m in _CLAUSE_END.finditer(key, max(0, start - 200), start)), default=0)
    left = max(left, start - 200)
    right_match = _CLAUSE_END.search(key, end, end + 200)
    right = right_match.start() if right_match else min(len(key), end + 200)
    return left, right


_WORDS_BEFORE, _WORDS_AFTER = 4, 3


def is_negated_at(key: str, start: int, end: int, lang: str) -> bool:
    """Whether the clause of folded `key` that holds `start:end` negates it, in `lang`: a
    negation within a few words of it ("nije isporučila", "nuk u nënshkrua", "was not
    signed", "imzalanmadı"), not one that belongs to another verb of a long clause."""
    pattern = negation_re(lang)
    if pattern is None:
        return False
    left, right = clause_around(key, start, end)
    before = key[left:start].split()
    after = key[end:right].split()
    left = max(left, start - len(" ".join(before[-_WORDS_BEFORE:])) - 1)
    right = min(right, end + len(" ".join(after[:_WORDS_AFTER])) + 1)
    return pattern.search(key, max(0, left), right) is not None


# -------------------------------------------------------------------------------- number words


@dataclass(frozen=True, slots=True)
class NumberWord:
    value: int
    start: int  # offsets in the folded key
    end: int


@cache
def _numbers_re(lang: str) -> tuple[re.Pattern[str], dict[str, int], dict[str, int]] | None:
    table = _data()["numbers"].get(lang)
    if not table:
        return None
    words, joins = dict(table["words"]), dict(table.get("joins", {}))
    alts = sorted([*words, *joins], key=len, reverse=True)
    return re.compile(rf"{_W}(?:{'|'.join(alts)}){_E}"), words, joins


def number_words(folded_key: str, lang: str) -> list[NumberWord]:
    """Counts in words in `lang` ("üç", "tri", "dy", "two"); a tens word and a unit word after
    it are one number ("on bir" = 11, "twenty two" = 22)."""
    compiled = _numbers_re(lang)
    if compiled is None:
        return []
    pattern, words, joins = compiled
    found: list[NumberWord] = []
    for m in pattern.finditer(folded_key):
        word = m[0]
        value = words.get(word, joins.get(word, 0))
        last = found[-1] if found else None
        if (
            last is not None
            and folded_key[last.end : m.start()] in (" ", "-", " i ", " e ", " si ")
            and last.value % 10 == 0
            and 10 <= last.value < 100
            and value < 10
        ):
            found[-1] = NumberWord(last.value + value, last.start, m.end())
        elif word in words or _TIME_UNIT.match(folded_key, m.end()):
            found.append(NumberWord(value, m.start(), m.end()))
    return found


# "bir yıl", "një vit": an article before a unit of time is a count ("for one year").
_TIME_UNIT = re.compile(
    r" (?:yil(?:lik\w*|i|da)?|ay(?:lik\w*)?|vit|vjet|muaj|an|godin\w*|mesec\w*|mjesec\w*)(?![^\W_])"
)


@cache
def english_number_words() -> dict[str, int]:
    return dict(_data()["numbers"]["en"]["words"])


# --------------------------------------------------------------------------------- units


@cache
def unit_nouns() -> dict[str, str]:
    """Canonical unit -> pattern of the folded nouns that count it, in every language."""
    return dict(_data()["units"])


# --------------------------------------------------------------------------------- organisations


@cache
def _organisations() -> tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...]:
    out = []
    for key, entry in _data()["organisations"].items():
        names, acronyms = entry.get("names", []), entry.get("acronyms", [])
        name_re = re.compile(rf"{_W}(?:{'|'.join(names)}){_E}") if names else None
        acro = sorted(acronyms, key=len, reverse=True)
        acro_re = (
            re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, acro))})(?![\w])") if acro else None
        )
        out.append((key, name_re, acro_re))
    return tuple(out)


def organisation_key(printed: str, folded_key: str) -> str | None:
    """The key of the organisation a printed name or acronym stands for ("UNSC",
    "Security Council" -> "un-security-council"), if the table knows it."""
    for key, name_re, acro_re in _organisations():
        if acro_re is not None and acro_re.fullmatch(printed.strip()):
            return key
        if name_re is not None and name_re.search(folded_key):
            return key
    return None


def find_organisation(key: str, printed: str, folded_key: str) -> tuple[str, int, int] | None:
    """Where a text names organisation `key` (any name, acronym or translation): ("folded" or
    "printed", start, end) of the first mention."""
    for known, name_re, acro_re in _organisations():
        if known != key:
            continue
        hit_name = name_re.search(folded_key) if name_re is not None else None
        hit_acro = acro_re.search(printed) if acro_re is not None else None
        if hit_name is not None and (hit_acro is None or hit_name.start() <= hit_acro.start()):
            return "folded", hit_name.start(), hit_name.end()
        if hit_acro is not None:
            return "printed", hit_acro.start(), hit_acro.end()
    return None


# ------------------------------------------------------------------------------------ events


@cache
def event_source_res() -> dict[str, re.Pattern[str]]:
    """Event kind -> a pattern of the word starts that name it in the sources' languages."""
    return {
        kind: re.compile(rf"{_W}(?:{'|'.join(map(re.escape, sorted(e['source'], key=len)[::-1]))})")
        for kind, e in _data()["events"].items()
    }


@cache
def event_claim_words(kind: str) -> tuple[str, ...]:
    """The English words (patterns) a sentence uses for event `kind`."""
    return tuple(_data()["events"].get(kind, {}).get("claim", ()))
