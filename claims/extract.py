"""Article -> Claims: each cited body sentence, or list item of it, with its hard facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from claims.article import Article, Sentence
from claims.events import find_events, is_negated, qualifier_before
from claims.facts import Claim, Fact, FactKind
from claims.language import english_number_words
from claims.layout import BlockKind
from claims.normalize import FoundFigure, find_countries, find_dates_any, find_figures
from sources.dates import MONTHS, FoundDate, PartialDate
from sources.lines import fold

# --- splitting a sentence at its calls ----------------------------------------------------

_END_PUNCT = " \t.,;:!?\"'”’)]■"
_CUT_AFTER = ",;:—–"
_CLAUSE = re.compile(r"\b(?:it|they|he|she|we|has|have|had|was|were|is|are|did|does|will|would)\b")


@dataclass(frozen=True, slots=True)
class Segment:
    """A part of a sentence backed by its own notes."""

    start: int
    end: int
    notes: tuple[int, ...]
    listed: bool = False  # it follows a cut at a comma or an "and": it may be a bare list item


def split_segments(sentence: Sentence) -> list[Segment]:
    """The parts of a sentence each backed by its own notes, in order.

    A call before the end of the sentence that follows a comma, semicolon, colon or dash, or
    that precedes an "and" or "or", closes a part; other calls (at the end, or inside a
    phrase: "members⁶⁸ of RACVIAC") stay with their part. A tail after the last call is
    backed by no note and is left out.
    """
    text = sentence.text
    core = len(text.rstrip(_END_PUNCT))
    cuts: dict[int, bool] = {}  # position -> whether the part after it may be a list item
    for call in sentence.calls:
        if call.offset >= core:
            continue
        before = text[: call.offset].rstrip()
        after = text[call.offset :]
        if before.endswith(tuple(_CUT_AFTER)):
            cuts[call.offset] = before.endswith(",")
        elif after.lstrip()[:1] in (",", ";"):
            cuts[call.offset + after.index(after.lstrip()[0]) + 1] = after.lstrip()[0] == ","
        elif re.match(r"\s+(?:and|or)\b", after):
            cuts[call.offset] = True
    segments = []
    start = 0
    for end in [*sorted(cuts), len(text)]:
        offsets = range(start + 1 if start else 0, end + 1)
        notes = tuple(dict.fromkeys(c.number for c in sentence.calls if c.offset in offsets))
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        segments.append(
            Segment(start + lead, start + len(piece.rstrip()), notes, cuts.get(start, False))
        )
        start = end
    return [s for s in segments if s.notes]


# --- finding the facts of a sentence ------------------------------------------------------

_DOCUMENT = re.compile(
    r"\b(?:Resolutions?|No\.?|Nos\.?|Law|Decree|Article|Regulation|Directive|Decision|"
    r"Vol\.?|Volume|Issue|pp?\.|Chapter|Section|Table|Graph|Figure|Annex)\s*$",
    re.IGNORECASE,
)
# A bare year; not a decade ("the 1990s") nor part of a number ("1,998", "2019/20").
_YEAR = re.compile(r"(?<![\d/.,$€£])(?:1[5-9]\d\d|20\d\d)(?![\d/]|[’']?s\b|,\d)")
_FROM = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_TO = re.compile(r"\s*[-–—]\s*|\s+(?:to|and|until|till|through)\s+", re.IGNORECASE)
_FROM_TO = re.compile(
    r"\b(?:from|between)\s+(?P<first>[^,;()]{3,20}?)\s+(?:to|and|until|till|through)\s+$",
    re.IGNORECASE,
)
_NUMBER_WORDS = english_number_words()  # claims/data/language.toml [numbers.en]
_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(_NUMBER_WORDS)})\b", re.IGNORECASE)


def _is_document_number(text: str, start: int) -> bool:
    return bool(_DOCUMENT.search(text[max(0, start - 16) : start]))


def _found_dates(text: str) -> list[FoundDate]:
    """Full and month dates, then bare years, without document numbers."""
    found = [f for f in find_dates_any(text) if not _is_document_number(text, f.start)]
    for m in _YEAR.finditer(text):
        if not _is_document_number(text, m.start()) and not any(
            f.start <= m.start() < f.end for f in found
        ):
            found.append(FoundDate(PartialDate(int(m.group(0))), m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda f: f.start)


def _date_facts(text: str) -> Iterator[Fact]:
    """Dates, with ranges ("from 2015 to 2018", "from April 16 to August 1, 1997") as one fact."""
    found = _found_dates(text)
    i = 0
    while i < len(found):
        first = last = found[i]
        after = found[i + 1] if i + 1 < len(found) else None
        gap = text[first.end : after.start] if after else ""
        if after and _TO.fullmatch(gap):
            if gap.strip() in ("-", "–", "—") or _FROM.search(text[: first.start]):
                last = after
                i += 1
        elif opened := _FROM_TO.search(text[max(0, first.start - 40) : first.start]):
            # "from April 16 to August 1, 1997": the first date takes the second's year.
            printed = opened.group("first")
            head = find_dates_any(f"{printed} {first.date.year}")
            if len(head) == 1 and head[0].start == 0 and head[0].end == len(printed) + 5:
                start = max(0, first.start - 40) + opened.start("first")
                first = FoundDate(head[0].date, start, start + len(printed), printed)
        i += 1
        end_date = last.date if last is not first else None
        key = first.date.isoformat() + (f"/{end_date.isoformat()}" if end_date else "")
        printed = text[first.start : last.end]
        yield Fact(FactKind.DATE, printed, first.start, last.end, key, first.date, end_date)


def _figure_facts(text: str, dates: list[Fact]) -> Iterator[Fact]:
    for found in [*find_figures(text), *_word_figures(text)]:
        if any(d.start <= found.start < d.end for d in dates) or _is_document_number(
            text, found.start
        ):
            continue
        qualifier = qualifier_before(text, found.start)
        yield Fact(
            FactKind.FIGURE, found.text, found.start, found.end, f"{found.value:g}",
            number=found.value, unit=found.unit, qualifier=qualifier,
        )  # fmt: skip


def _word_figures(text: str) -> Iterator[FoundFigure]:
    """Counts in words ("two frigates"), read as `find_figures` reads "2 frigates"."""
    for m in _NUMBER_WORD.finditer(text):
        counted = find_figures("1" + text[m.end() :])
        if counted and counted[0].start == 0 and counted[0].unit:
            value = float(_NUMBER_WORDS[m.group(0).lower()])
            yield replace(counted[0], value=value, start=m.start(), end=m.end(), text=m.group(0))


# --- organisations and persons ------------------------------------------------------------

KNOWN_ACRONYMS = frozenset(
    {"NATO", "UN", "EU", "UNSC", "OSCE", "KFOR", "EUFOR", "SFOR", "IFOR", "UNPROFOR", "SEEBRIG"}
    | {"RACVIAC", "SEDM", "UNMIK", "EULEX", "EUPOL", "OHR", "WEU"}
)
_ORG_HEAD = re.compile(
    r"forces?|brigade|council|ministry|agency|organi[sz]ation|union|nations|alliance|cent(?:re|er)|"
    r"command|army|navy|police|gendarmerie|presidency|process|group|committee|commission|"
    r"parliament|assembly|government|bank|institute|office|corps|mission|initiative|"
    r"secretariat|headquarters",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"the|an?|following|after|before|in|on|at|with|by|for|from|as|during|under|since|upon|"
    r"through|among|both|when|while|to|of|and",
    re.IGNORECASE,
)
_NOT_NAME = re.compile(
    rf"{_ORG_HEAD.pattern}|{_LEADING.pattern}|agreements?|military|defen[cs]e|industry|"
    r"security|staff|affairs|national|foreign|republic|federal|armed|europe(?:an)?|balkans?|"
    + "|".join(MONTHS),
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_POSSESSIVE = re.compile(r"(?:['’]s)?\.?$")
_CONNECTORS = frozenset({"of", "for", "the", "in", "on"})
_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{0,2}[A-Z]{1,6}s?(?![\w])")
_DEFINED = re.compile(r"\(([A-Z][A-Za-z]{0,3}[A-Z]{1,6})\)")
_TITLE = re.compile(
    r"\b(?:(?:Prime|Foreign|Defen[cs]e|Interior|Deputy|Vice|Chief)\s+)*"
    r"(?:Minister|President|Ambassador|General|Admiral|Colonel|Commander|Secretary-General|"
    r"Chancellor|Chief of (?:the )?General Staff)"
    r"(?:\s+of\s+(?:the\s+)?(?:(?:National|Foreign|Internal|Defen[cs]e|Affairs|Interior|"
    r"Finance|Justice|State)\s*)+)?,?\s+"
)


@dataclass(frozen=True, slots=True)
class Context:
    """What the whole article tells about names: acronyms it defines, persons it titles."""

    acronyms: frozenset[str] = KNOWN_ACRONYMS
    persons: frozenset[str] = frozenset()


def _is_capital_word(word: str) -> bool:
    return word[:1].isupper() and word[1:] != word[1:].upper() and not _NOT_NAME.fullmatch(word)


def _organisation_facts(text: str, acronyms: frozenset[str]) -> Iterator[Fact]:
    for match in _ACRONYM.finditer(text):
        acronym = match.group(0)
        name = acronym[:-1] if acronym.endswith("s") and acronym[:-1] in acronyms else acronym
        if name in acronyms or re.fullmatch(r"[A-Z]{1,5}FOR", name):
            yield _organisation(acronym, match.start(), match.end())
    run: list[re.Match[str]] = []
    for word in [*_WORD.finditer(text), None]:
        if word is not None and _extends(text, run, word):
            run.append(word)
            continue
        body = _named_body(run)
        if body:
            yield _organisation(text[body[0] : body[1]], *body)
        run = [word] if word is not None and word.group(0)[0].isupper() else []


def _extends(text: str, run: list[re.Match[str]], word: re.Match[str]) -> bool:
    """Whether `word` continues a run of capitalised words ("Ministry of National Defense")."""
    if not run or text[run[-1].end() : word.start()] != " ":
        return False
    return word.group(0)[0].isupper() or word.group(0) in _CONNECTORS


def _named_body(run: list[re.Match[str]]) -> tuple[int, int] | None:
    """The span of the named body in a run of capitalised words, if it names one."""
    words = [w.group(0).rstrip(".") for w in run]
    heads = [i for i, word in enumerate(words) if _ORG_HEAD.fullmatch(word)]
    if not heads:
        return None
    last = heads[-1]
    first = 0
    while first < last and _LEADING.fullmatch(words[first]):
        first += 1
    if last + 2 < len(words) and words[last + 1] == "of":  # "Ministry of National Defense"
        last += 2
        while last + 1 < len(words) and (words[last + 1][0].isupper() or words[last + 1] == "of"):
            last += 1
    while words[last] in _CONNECTORS:
        last -= 1
    if last <= first:
        return None
    return run[first].start(), run[last].start() + len(words[last])


def _organisation(printed: str, start: int, end: int) -> Fact:
    key = " ".join(fold(printed).split())
    return Fact(FactKind.PARTY, printed, start, end, key=key, party_type="organisation")


def _name_after(text: str, position: int) -> tuple[int, int] | None:
    """The span of the one to three capitalised words starting at `position`, if any."""
    end = position
    count = 0
    for match in _WORD.finditer(text, position):
        if match.start() != end + (1 if count else 0) or not _is_capital_word(match.group(0)):
            break
        end, count = match.end(), count + 1
        if count == 3:
            break
    return (position, end) if count else None


def _person_facts(text: str, known: frozenset[str]) -> Iterator[Fact]:
    seen: set[int] = set()
    for match in _TITLE.finditer(text):
        span = _name_after(text, match.end())
        if span:
            seen.add(span[0])
            yield _person(text, *span)
    for match in _WORD.finditer(text):
        if match.start() in seen or _POSSESSIVE.sub("", match.group(0)) not in known:
            continue
        span = _name_after(text, match.start())
        if span and not any(s <= match.start() < span[1] for s in seen):
            seen.add(span[0])
            yield _person(text, *span)


def _person(text: str, start: int, end: int) -> Fact:
    printed = _POSSESSIVE.sub("", text[start:end])
    end = start + len(printed)
    return Fact(FactKind.PARTY, printed, start, end, key=fold(printed), party_type="person")


def read_context(article: Article) -> Context:
    """Acronyms the article defines ("Kosovo Force (KFOR)") and names it gives a title."""
    acronyms = set(KNOWN_ACRONYMS)
    persons: set[str] = set()
    for block in article.blocks:
        acronyms.update(m.group(1) for m in _DEFINED.finditer(block.text))
        for fact in _person_facts(block.text, frozenset()):
            persons.add(fact.text.split()[-1])
    return Context(frozenset(acronyms), frozenset(persons))


def find_facts(text: str, context: Context | None = None) -> list[Fact]:
    """All facts of one sentence's text, in order of position."""
    context = context or Context()
    dates = list(_date_facts(text))
    facts = dates + list(_figure_facts(text, dates))
    facts += [
        Fact(FactKind.PARTY, c.text, c.start, c.end, c.code, party_type="country")
        for c in find_countries(text)
    ]
    facts += _organisation_facts(text, context.acronyms)
    facts += _person_facts(text, context.persons)
    facts += [Fact(FactKind.EVENT, e.text, e.start, e.end, e.kind) for e in find_events(text)]
    return sorted(facts, key=lambda f: (f.start, f.kind, f.end))


# --- claims -------------------------------------------------------------------------------


def extract_claims(article: Article) -> list[Claim]:
    """A claim for each cited sentence of the body, or for each cited item of a listing one."""
    context = read_context(article)
    claims: list[Claim] = []
    for block in article.blocks:
        if block.kind is not BlockKind.PARAGRAPH:
            continue
        for sentence in block.sentences:
            if sentence.calls:
                claims.extend(claims_of_sentence(sentence, context))
    return claims


def claims_of_sentence(sentence: Sentence, context: Context | None = None) -> list[Claim]:
    """The claims of one sentence; ids count its claims from 1 (``s12-1``, ``s12-2``)."""
    text = sentence.text
    facts = find_facts(text, context)
    segments = split_segments(sentence)
    owned = [_first_events([f for f in facts if s.start <= f.start < s.end]) for s in segments]
    claims = []
    head = 0
    for n, segment in enumerate(segments):
        own = owned[n]
        bare = (
            n > 0
            and segment.listed
            and not any(f.kind is FactKind.EVENT for f in own)
            and not _CLAUSE.search(text[segment.start : segment.end])
        )
        if not bare:
            head = n
        inherited = _head_facts(owned[head], own) if bare else []
        claims.append(
            Claim(
                id=f"s{sentence.index}-{n + 1}",
                sentence=sentence.index,
                text=text[segment.start : segment.end],
                start=segment.start,
                end=segment.end,
                notes=segment.notes,
                facts=tuple(sorted(inherited + own, key=lambda f: (f.start, f.kind, f.end))),
                negated=is_negated(text[segment.start : segment.end]),
            )
        )
    return claims


def _first_events(facts: list[Fact]) -> list[Fact]:
    """The facts with one event fact per kind, its first mention."""
    events = {f.key: f for f in reversed(facts) if f.kind is FactKind.EVENT}
    return [f for f in facts if f.kind is not FactKind.EVENT or events[f.key] is f]


def _head_facts(head: list[Fact], item: list[Fact]) -> list[Fact]:
    """The facts a bare list item shares with the part that opens its list: those before
    that part's own last item ("the Framework Agreements with | Serbia (2019)")."""
    values = [f for f in head if f.kind in (FactKind.DATE, FactKind.FIGURE)]
    parties = [f for f in head if f.kind is FactKind.PARTY]
    if item and item[0].kind is FactKind.PARTY:
        last_value = values[-1].start if values else None
        before = [p for p in parties if last_value is None or p.start < last_value]
        if not before:
            return []
        cut = before[-1].start
        floor = max((v.end for v in values if v.end <= cut), default=0)
        return [f for f in head if floor <= f.start and f.end <= cut]
    anchors = [f for f in head if f.kind is FactKind.EVENT] or parties
    return [f for f in head if anchors and f.end <= anchors[-1].end]
