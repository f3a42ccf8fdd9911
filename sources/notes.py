"""Endnote text -> numbered `Note`s, each holding its `Citation`s (or commentary).

A note holds one or more citations separated by semicolons, plus commentary. Each citation is
parsed field by field (authors, title, container, volume/issue/pages, publisher/place, dates,
URLs, gazette reference); short forms (``Bazoğlu-Sezer, "Turkish Security...," pp. 110-111``,
*Ibid.*) point to the full citation they abbreviate. A note or citation that cannot be parsed
keeps its raw text and a warning: nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any

from sources.citation_fields import label_citation, split_person_names
from sources.citation_model import CitationModelError
from sources.dates import PartialDate, find_dates, parse_date
from sources.gazettes import GazetteRef, names_gazette, parse_gazette_ref
from sources.lines import Vocabulary, fold, join_lines
from sources.urls import readable_url


class CitationKind(StrEnum):
    WEB = "web"
    ARTICLE = "article"  # journal article, report in a series
    BOOK = "book"
    CHAPTER = "chapter"
    THESIS = "thesis"
    REPORT = "report"
    GAZETTE = "gazette"
    LEGAL_CASE = "legal-case"  # Brown v. Board of Education, 347 U.S. 483 (1954)
    LEGISLATION = "legislation"  # 42 U.S.C. § 1983
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class CitationRef:
    """Where a full citation lives: note number and index among that note's citations."""

    note: int
    index: int


@dataclass(frozen=True, slots=True)
class UrlRepair:
    """A URL printed broken (a line-break hyphen, spaces) and the form citewatch will use."""

    printed: str
    repaired: str
    reason: str


@dataclass(frozen=True, slots=True)
class Citation:
    raw: str
    kind: CitationKind = CitationKind.OTHER
    authors: tuple[str, ...] = ()
    et_al: bool = False
    editors: tuple[str, ...] = ()
    title: str | None = None
    container: str | None = None
    edition: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    publisher: str | None = None
    place: str | None = None
    date: PartialDate | None = None
    retrieved: PartialDate | None = None
    urls: tuple[str, ...] = ()
    url_repairs: tuple[UrlRepair, ...] = ()
    gazette: GazetteRef | None = None
    doi: str | None = None
    locator: str | None = None  # the pinpoint a note cites ("at 7", "p. 12"), not the extent
    genre: str | None = None  # as printed: "Unpublished M.A. Thesis", "Working paper"
    number: str | None = None  # a report's or a statute's number
    short_form: bool = False  # abbreviated: author + short title + pages, or Ibid.
    resolves_to: CitationRef | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    """One note. `number` is its key, unique in the article, which calls carry.

    Where the printed labels are not unique integers (endnotes numbered anew in each chapter,
    Markdown's named footnotes `[^density]`, `*` author notes) the reader gives each note a
    fresh key and keeps what was printed in `label` and the numbering's scope in `section`.
    """

    number: int
    text: str
    citations: tuple[Citation, ...] = ()
    commentary: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    label: str = ""  # as printed ("12", "density", "*"); empty when it is `number`
    section: str | None = None  # the chapter or section in which the numbering restarts
    page: int | None = None  # 1-based page of a paginated source where the note starts

    @property
    def name(self) -> str:
        """How a person finds the note: "note 12", "note 12 (Chapter Three)", "note density"."""
        label = self.label or str(self.number)
        return f"note {label} ({self.section})" if self.section else f"note {label}"

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(url for c in self.citations for url in c.urls)


# --- splitting the notes section into notes ---------------------------------------------

_NOTE_START = re.compile(r"^\s*(?:\[\^(\d{1,6})\]:|(\d{1,4})[.)])\s+(?=\S)")


def split_notes(
    lines: Iterable[str], vocabulary: Vocabulary | None = None
) -> list[tuple[int, str]]:
    """Number and join the notes section's lines: ``[(1, "Hamdi ..."), (2, ...)]``.

    A line opens note N when it starts ``N. `` (or ``[^N]:``) and N follows the previous note
    closely; any other line continues the current note (a PDF line, a page-break split).
    """
    notes: list[tuple[int, list[str]]] = []
    for line in lines:
        match = _NOTE_START.match(line)
        if match:
            number = int(match.group(1) or match.group(2))
            expected = notes[-1][0] + 1 if notes else 1
            if expected <= number <= expected + 5 or (not notes and number <= 5):
                notes.append((number, [line[match.end() :]]))
                continue
        if notes:
            notes[-1][1].append(line)
    return [(number, join_lines(parts, vocabulary)) for number, parts in notes]


# --- splitting a note into citations ----------------------------------------------------


def split_citations(text: str) -> list[str]:
    """Split on semicolons outside quotes, parentheses and angle-bracketed URLs."""
    parts: list[str] = []
    depth_paren = depth_angle = 0
    in_quote = False
    start = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth_paren += 1
        elif ch == ")":
            depth_paren = max(0, depth_paren - 1)
        elif ch == "<":
            depth_angle += 1
        elif ch == ">":
            depth_angle = max(0, depth_angle - 1)
        elif ch in "“”":
            in_quote = ch == "“"
        elif ch == ";" and not depth_paren and not depth_angle and not in_quote:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    merged: list[str] = []
    for part in parts:
        if merged and not _starts_citation(merged[-1], part):
            merged[-1] = f"{merged[-1]};{part}"
        else:
            merged.append(part)
    return [p.strip() for p in merged if p.strip()]


_NAME_LIST_END = re.compile(
    r"\b[A-Z]\.$|\b[A-Z][\w'-]+,\s*[A-Z]{1,3}$"
    r"|(?:^|;)\s*[A-Z][\w'-]+(?:\s[A-Z][\w'-]+){0,2},\s*[A-Z][a-z]+$"  # "; Nguyen, Duy"
)
_NAME_LIST_NEXT = re.compile(
    r"\s*(?:and\s+|&\s*)?[A-Z][^\s,;]*(?:\s[A-Z][^\s,;]*){0,2},?\s*"
    r"(?:(?:[A-Z][a-z]+\s)?(?:[A-Z]\.|[A-Z]{1,3}\b)|[A-Z][a-z]+(?=[;.]|$))"  # "Nguyen, Duy;"
)


_SIGNAL = re.compile(
    r"(?:see|but|compare|accord|contra|also|and|siehe|voir)\b|(?:cf|e\.g|vgl|bkz|id|ibid|ebd)\.",
    re.I,
)


# How a complete citation ends: its year, pages or pinpoint (a number, a roman numeral, a
# range), a closing bracket, quotation mark or URL, a short form ("supra", "Id.", "ibid."), or
# the full stop of a sentence. A semicolon after anything else (a title, a place, a volume's
# name) sits inside one citation: "in Hitler's Geographies; The Spatialities of ...".
_CITATION_END = re.compile(
    r"(?:\d[a-z]?|(?-i:\b[IVXLCDM]+)|[)\]}>\"”’»*_]|\b(?:supra|infra|ibid|id|ebd|passim|"
    r"op\. cit|loc\. cit|et seq|ff?|n\.d|s\.d)\.?|[^\W\d_]{2,}[.?!]"
    r"|\b(?:supra|infra)\s[^;]{1,30})\s*$",  # "See infra Section II.B"
    re.IGNORECASE,
)


def _starts_citation(before: str, after: str) -> bool:
    """A semicolon ends a citation unless it sits inside one: "2014;40(9):1477" (Vancouver),
    "Kamerlin, S. C. L.; Warshel, A." (names), "Paris; Lyon" (places)."""
    if not after[:1].isspace() or after.lstrip()[:1].isdigit():
        return False
    if after.lstrip()[:1].islower() and not _SIGNAL.match(after.lstrip()):
        return False  # "Translated by X; revised by Y": a citation opens with a capital or a signal
    if _NAME_LIST_END.search(before) and _NAME_LIST_NEXT.match(after):
        return False  # "Dale, R.; Mellish, C.; and Zock, M."
    if not _SIGNAL.match(after.lstrip()) and not _CITATION_END.search(before):
        return False  # "Handbook of X ; CRC Press, 2001": the citation before is not complete
    return len(re.findall(r"[^\W\d_]{3,}", before)) >= 3 or bool(
        re.search(r"\d{4}|[\"“*<]", before)
    )


# --- URLs ---------------------------------------------------------------------------------

_ANGLE_URL = re.compile(r"<\s*((?:https?://|www\.)[^<>]*?)\s*>", re.IGNORECASE)
_BARE_URL = re.compile(r"(?<![<\w])((?:https?://|www\.)[^\s<>\"]+)", re.IGNORECASE)
_URL_TRAILING = ".,;:)]}'\""
_URL_CONTINUED = re.compile(r" (?=[\w~%-]+[/.]\w)[^\s<>\"]+")


def _close_gap(match: re.Match[str]) -> str:
    # A space between two words of a hyphenated slug stands for a lost hyphen.
    before, after = match.string[: match.start()], match.string[match.end() :]
    segment = before.rsplit("/", 1)[-1] + after.split("/", 1)[0]
    return "-" if "-" in segment and before[-1:].isalnum() and after[:1].isalnum() else ""


def _clean_url(url: str) -> tuple[str, str | None]:
    """Strip stray punctuation and internal whitespace; say why if anything changed."""
    cleaned = re.sub(r"\s+", _close_gap, url)
    reason = WHITESPACE_IN_URL if cleaned != url else None
    while cleaned and cleaned[-1] in _URL_TRAILING:
        if cleaned[-1] == ")" and cleaned.count("(") >= cleaned.count(")"):
            break
        cleaned = cleaned[:-1]
    return cleaned, reason


def _title_words(title: str | None) -> set[str]:
    return {fold(w) for w in re.findall(r"[^\W\d_]+", title or "")}


def repair_slug(url: str, title: str | None) -> str:
    """Rejoin slug words split by a printed line-break hyphen, using the cited title.

    ``.../turkiye-ve-romanya-arasin-da-askeri-...`` under the title "... Arasında ..." becomes
    ``...arasinda...``: the two pieces are not title words, their join is.
    """
    words = _title_words(title)
    if not words:
        return url
    return "/".join(_repair_segment(segment, words) for segment in url.split("/"))


def _repair_segment(segment: str, words: set[str]) -> str:
    pieces = segment.split("-")
    out: list[str] = []
    i = 0
    while i < len(pieces):
        if i + 1 < len(pieces):
            a, b = pieces[i], pieces[i + 1]
            if (
                a.isalpha()
                and b.isalpha()
                and fold(a + b) in words
                and fold(a) not in words
                and fold(b) not in words
            ):
                out.append(a + b)
                i += 2
                continue
        out.append(pieces[i])
        i += 1
    return "-".join(out)


WHITESPACE_IN_URL = "whitespace inside the URL"  # a UrlRepair reason
HOST_CUT_SHORT = "a character no host name holds: the address is cut there"
# A Bluebook archive link follows the address in brackets ("https://x.org/a [https://perma.cc/
# AB12-CD34]", or "[perma.cc/AB12-CD34]"); where the space was lost in layout, the bracket still
# ends the first address.
_GLUED_ARCHIVE_LINK = re.compile(r"(?<=\S)\[(?=h?ttps?://|perma\.cc/)", re.IGNORECASE)


def extract_urls(text: str, title: str | None) -> tuple[tuple[str, ...], tuple[UrlRepair, ...]]:
    text = _GLUED_ARCHIVE_LINK.sub(" [", text)
    found: list[tuple[int, str]] = []
    for match in _ANGLE_URL.finditer(text):
        found.append((match.start(), match.group(1)))
    masked = _ANGLE_URL.sub(lambda m: " " * len(m.group(0)), text)
    for match in _BARE_URL.finditer(masked):
        printed = match.group(1)
        rest = _URL_CONTINUED.match(masked, match.end())
        if rest and printed.endswith(("/", "www.", "-", "_")):
            printed += rest.group(0)  # a line break printed inside the URL
        found.append((match.start(), printed))
    urls: list[str] = []
    repairs: list[UrlRepair] = []
    for _, printed in sorted(found):
        cleaned, reason = _clean_url(printed)
        readable = readable_url(cleaned)
        if readable is None:
            continue  # no host name at all: not a web address
        if readable != cleaned:
            cleaned, reason = readable, HOST_CUT_SHORT
        repaired = repair_slug(cleaned, title)
        if repaired != cleaned:
            reason = "a line-break hyphen inside a word of the URL"
        if reason:
            repairs.append(UrlRepair(printed=printed, repaired=repaired, reason=reason))
        urls.append(repaired)
    return tuple(urls), tuple(repairs)


# --- field parsing ------------------------------------------------------------------------

_TITLE_QUOTED = re.compile(r"[\"“](?P<title>.+?[,.?!]['’]?)[\"”](?=\s|$)")
_TITLE_QUOTED_LOOSE = re.compile(r"[\"“](?P<title>[^\"“”]+)[\"”]")
_ITALIC = re.compile(r"\*(?P<text>[^*]+)\*")
_RETRIEVED = re.compile(r"\b(?:retrieved|accessed)(?:\s+on)?\b", re.IGNORECASE)
_VOLUME = re.compile(r"\bVol\.\s*(?P<v>[\w-]+)", re.IGNORECASE)
_ISSUE = re.compile(r"\bNo\.\s*(?P<n>[\w/-]+)", re.IGNORECASE)
_PAGES = re.compile(r"\b(?P<label>pp?\.)\s*(?P<pages>\d[\d,\s–-]*\d|\d+)")
_PUB_PAREN = re.compile(
    r"\((?P<place>[^():]+?)\s*[:,]\s*(?P<publisher>[^()]+?),\s*(?P<year>\d{4})\)"
)
_EDITORS = re.compile(r"\bin\s+(?P<editors>.+?)\s*\((?:eds?|ed)\.\)\s*,", re.IGNORECASE)
_EDITION = re.compile(r"\b(?P<ed>\d+(?:st|nd|rd|th)\s+ed\.)", re.IGNORECASE)
_THESIS = re.compile(
    r"(?P<label>(?:Unpublished\s+)?(?:M\.?A\.?|Ph\.?D\.?|MSc|Master'?s|Doctoral)\s+"
    r"(?:Thesis|Dissertation))\s*,\s*(?P<school>[^,]+),\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
# Short forms that point at the previous citation: Ibid., Ibidem, Id. (Bluebook), Ebd./Ebenda
# (German), a.g.e. / aynı eser (Turkish), op. cit. without an author; an optional signal first.
_IBID = re.compile(
    r"^\s*(?:(?:see(?:\s+also)?|cf\.|but\s+see|vgl\.|bkz\.)\s+)?\*?"
    r"(?:ibid(?:em)?\b\.?|ib[íi]d\.|id\.|ebd\.|ebenda\b\.?|a\.\s?g\.\s?e\.?|ayn[ıi]\s+eser\b)\*?",
    re.IGNORECASE,
)
_LOCATOR = re.compile(
    r"(?:\bat\s+|\bpp?\.\s*|\bS\.\s*|\bs\.\s*|,\s*)(?P<pin>\d+(?:\s*[–-]\s*\d+)?(?:,\s*\d+)*)"
    r"(?:\s*(?:n|nn)\.\s*\d+)?\s*[.)]?\s*$"
)
# "Smith, supra note 12, at 5"; "Report, supra note 3"
_SUPRA = re.compile(
    r"^(?P<head>.*?),?\s*\*?supra\*?,?\s+(?:note|n\.)\s+(?P<note>\d{1,6})(?!\d)", re.IGNORECASE
)
# "Smith, op. cit., p. 45"; "Smith, a.g.e., s. 12"; "Smith, loc. cit."
_OP_CIT = re.compile(
    r"^(?P<head>[^,]{2,80}?),?\s*\*?(?:op\.\s?cit|loc\.\s?cit|a\.\s?g\.\s?e|ebd)\b\.?\*?",
    re.IGNORECASE,
)
# Bluebook's short title + pinpoint: "Ports Report at 14", "*Common Security*, at 3"
_SHORT_AT = re.compile(
    r"^(?P<head>[^\W\d][^,;()]{1,60}?),?\s+at\s+(?P<pin>\d+(?:\s*[–-]\s*\d+)?)\s*\.?$"
)
# "(hereinafter Report)", "[hereinafter *Report*]"
_HEREINAFTER = re.compile(r"[(\[]\s*hereinafter\s+(?P<alias>[^)\]]+?)\s*[)\]]", re.IGNORECASE)


def _pinpoint(text: str) -> str | None:
    match = _LOCATOR.search(text)
    return re.sub(r"\s+", "", match.group("pin")) if match else None


_ET_AL = re.compile(r",?\s*\*?\bet\.?\s+al\b\.?\*?,?", re.IGNORECASE)
_PARTICLES = {"i", "de", "da", "di", "del", "der", "la", "le", "van", "von", "bin", "el", "al"}


def split_names(text: str) -> tuple[tuple[str, ...], bool]:
    """``"A B, C D, and E F"`` -> ``(("A B", "C D", "E F"), False)``; ``et al.`` sets the flag."""
    et_al = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text)
    text = re.sub(r"\s*\((?:eds?|ed)\.\)\s*", "", text)
    names = [n.strip(" ,.") for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text)]
    # A hyphen followed by a lower-case letter inside a name is a line-break artifact
    # ("Hal-dun"); compound surnames keep their capital ("Bazoğlu-Sezer").
    names = [re.sub(r"(?<=[^\W\d_])-(?=[a-zçğıöşü])", "", n) for n in names]
    return tuple(n for n in names if n), et_al


_CAPITALS = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ'’-]+$")


def _particle(word: str) -> bool:
    # "i" joins Catalan family names ("Soler i Lecha"); a capital "I" is an initial
    return word.lower() in _PARTICLES and word != "I"


def family_name(name: str) -> str:
    """The family name in ``Given Family`` order, keeping particles (``Soler i Lecha``)."""
    words = name.split()
    if len(words) <= 1:
        return name
    if len(words) == 2 and words[0].lower() in _PARTICLES:
        return name  # "De Raedt", "Van Dijk": a family name printed without a given name
    capitals = len(words)
    while capitals > 1 and _CAPITALS.match(words[capitals - 1]):
        capitals -= 1
    if 0 < capitals < len(words) and not _CAPITALS.match(words[0]):
        return " ".join(words[capitals:])  # "Lucia COTTA RAMOSINO": capitals print the family
    i = len(words) - 1
    while i > 1 and _particle(words[i - 1]):
        i -= 1
    # Keep a two-word Spanish/Catalan style surname joined by a particle.
    if i >= 2 and _particle(words[i - 1]):
        i -= 1
    return " ".join(words[i:])


def _has_citation_marks(text: str) -> bool:
    return bool(
        _TITLE_QUOTED_LOOSE.search(text)
        or _ITALIC.search(text)
        or _ANGLE_URL.search(text)
        or _BARE_URL.search(text)
        or _IBID.match(text)
        or _SUPRA.match(text)
        or _OP_CIT.match(text)
        or _SHORT_AT.match(text)
        or _CODE_SECTION.match(text.strip().rstrip("."))
        or names_gazette(text)
    )


_CITATION_FIELDS = ("author", "title", "container", "date", "volume", "pages", "publisher")


def _reads_as_citation(text: str) -> bool:
    """Unmarked text is a citation when the labeller finds several citation fields in it and
    most of its words are not commentary."""
    try:
        labelled = label_citation(text)
    except CitationModelError:
        return False
    if len(re.findall(r"[,.:;(]\s", text.rstrip(". "))) < 2:
        return False  # fields are separated; a sentence without separators is prose
    prose = re.findall(r"[^\W\d_]+", text)
    lower = sum(1 for w in prose if w[0].islower())
    if (
        len(prose) >= 40
        and lower > 0.55 * len(prose)
        and not re.search(r"\b1[5-9]\d\d|20\d\d", text)
    ):
        return False  # long prose without a year: commentary
    found = sum(1 for label in _CITATION_FIELDS if labelled.get(label))
    words = [(label, value) for label, value in labelled.runs if label != "O"]
    commentary = sum(len(value) for label, value in words if label == "note")
    total = sum(len(value) for _, value in words) or 1
    return found >= 2 and commentary / total < 0.5


# "42 U.S.C. § 1983 (2018)", "17 C.F.R. § 240.10b-5"
_CODE_SECTION = re.compile(
    r"^(?P<title>\d+)\s+(?P<code>U\.\s?S\.\s?C\.(?:\s?A\.)?|C\.\s?F\.\s?R\.)\s*§+\s*"
    r"(?P<section>[\w.-]+)(?:\s*\((?:[^()]*?\s)?(?P<year>\d{4})\))?\.?$"
)


def parse_citation(text: str) -> Citation:
    """Parse one citation segment; fields not found stay empty, nothing raises.

    Exact rules first: Ibid./Id. and other short forms, gazette references. A citation in the
    marked note style the rules were written for (``*italic*`` titles or containers, or an
    author + quoted-title short form, or a thesis) is read by the rules; any other by the
    learned labeller (sources.citation_fields), whose model knows many styles.
    """
    raw = text.strip().rstrip(".").strip()
    if _IBID.match(raw):
        return Citation(raw=raw, short_form=True, pages=_find_pages(raw), locator=_pinpoint(raw))
    short_at = _SHORT_AT.match(raw)
    if short_at and not _IBID.match(raw):
        head = short_at.group("head").replace("*", "").strip(" ,")
        return Citation(raw=raw, short_form=True, title=head, locator=short_at.group("pin"))
    supra = _SUPRA.match(raw) or _OP_CIT.match(raw)
    if supra:
        head = supra.group("head").replace("*", "").strip(" ,")
        head = re.sub(r"^(?:see(?:\s+also)?|cf\.|but\s+see)\s+", "", head, flags=re.IGNORECASE)
        authors, et_al = split_person_names(head) if head else ((), False)
        return Citation(
            raw=raw,
            short_form=True,
            authors=authors,
            et_al=et_al,
            pages=_find_pages(raw[supra.end() :]),
            locator=_pinpoint(raw[supra.end() :]),
        )
    code = _CODE_SECTION.match(raw)
    if code:  # a statute in a code: exact
        return Citation(
            raw=raw,
            kind=CitationKind.LEGISLATION,
            volume=code.group("title"),
            container=code.group("code"),
            pages=code.group("section"),
            date=PartialDate(int(code.group("year"))) if code.group("year") else None,
        )
    if names_gazette(raw) is not None or _RULE_SHORT_FORM.match(raw):
        return _parse_by_rules(raw)
    rules = _parse_by_rules(raw) if _ITALIC.search(raw) or _THESIS.search(raw) else None
    if rules is not None and rules.title:
        return rules  # quotes or italics mark the title: the rules read the fields exactly
    try:
        labelled = parse_labelled(raw)
    except CitationModelError:
        return rules or _parse_by_rules(raw)
    return _with_exact_fields(labelled, raw) if rules is not None else labelled


def _with_exact_fields(citation: Citation, raw: str) -> Citation:
    """The labeller's citation, with what the rules read exactly from printed cues where the
    marks they rely on (quotes, italics) gave them no title: a thesis's genre, school and
    year ("PhD thesis, Université Lyon 2, 1992"), an imprint in parentheses, "Vol." and
    "No.", pages after "p."/"pp."."""
    exact: dict[str, Any] = {}
    thesis = _THESIS.search(raw)
    if thesis:
        exact |= {
            "kind": CitationKind.THESIS,
            "genre": thesis.group("label"),
            "publisher": thesis.group("school").strip(),
            "date": PartialDate(int(thesis.group("year"))),
            "container": None,  # the school is no container
        }
        outside = raw[: thesis.start()] + " " + raw[thesis.end() :]
        for key in ("volume", "issue", "pages", "locator"):
            value = getattr(citation, key)
            if value and not re.search(rf"(?<!\d){re.escape(value)}(?!\d)", outside):
                exact[key] = None  # a number of the school's name ("Université Lyon 2")
    imprint = _PUB_PAREN.search(raw)
    if imprint:
        exact |= {
            "place": imprint.group("place").strip(),
            "publisher": imprint.group("publisher").strip(),
            "date": PartialDate(int(imprint.group("year"))),
        }
    for key, pattern, group in (("volume", _VOLUME, "v"), ("issue", _ISSUE, "n")):
        match = pattern.search(raw)
        if match:
            exact[key] = match.group(group)
    pages = _find_pages(raw)
    if pages:
        exact["pages"] = pages
    return replace(citation, **exact)


# An author + quoted short title + pinpoint, the brief's short form: the rules read it exactly.
_RULE_SHORT_FORM = re.compile(
    r"^[^\"“”]{2,80},\s*(?:et al\.,\s*)?[\"“][^\"“”]+[\"”]\s*(?:,?\s*pp?\.\s*[\d\s,–-]+)?$"
)


# A reference list's number before the names: "[62] D. H. van Hessem", "(63) Kamerlin, S."
_LIST_NUMBER = re.compile(r"^\s*(?:\[\d{1,4}\]|\(\d{1,4}\))\s*")


def _parse_by_rules(raw: str) -> Citation:
    warnings: list[str] = []

    gazette_name = names_gazette(raw)
    if gazette_name is not None:
        ref = parse_gazette_ref(raw)
        if ref is None:
            warnings.append("names a gazette but its number or date could not be read")
        return Citation(
            raw=raw,
            kind=CitationKind.GAZETTE if ref else CitationKind.OTHER,
            container=_first_italic(raw) or gazette_name.value,
            gazette=ref,
            date=ref.date if ref else parse_date(raw),
            pages=_find_pages(raw),
            locator=_find_pages(raw),
            warnings=tuple(warnings),
        )

    title_match = _TITLE_QUOTED.search(raw) or _TITLE_QUOTED_LOOSE.search(raw)
    italic_titles = list(_ITALIC.finditer(raw))
    title: str | None = None
    container: str | None = None
    before_title = ""
    after_title = raw
    if title_match:
        title = title_match.group("title").strip().rstrip(",").strip()
        before_title = raw[: title_match.start()]
        after_title = raw[title_match.end() :]
        after_italics = list(_ITALIC.finditer(after_title))
        if after_italics:
            container = after_italics[0].group("text").strip()
    elif italic_titles:
        title = italic_titles[0].group("text").strip()
        before_title = raw[: italic_titles[0].start()]
        after_title = raw[italic_titles[0].end() :]

    before_title = _LIST_NUMBER.sub("", before_title)
    urls, repairs = extract_urls(raw, title)
    retrieved = None
    ret = _RETRIEVED.search(after_title)
    if ret:
        following = find_dates(after_title[ret.end() : ret.end() + 40])
        if following and following[0].start <= 2:
            retrieved = following[0].date

    editors: tuple[str, ...] = ()
    kind = CitationKind.OTHER
    ed_match = _EDITORS.search(after_title)
    if ed_match and title_match:
        editors, _ = split_names(ed_match.group("editors"))
        kind = CitationKind.CHAPTER

    authors, et_al = (
        split_person_names(before_title.strip(" ,")) if before_title.strip(" ,") else ((), False)
    )
    if before_title.strip(" ,") and not authors:
        warnings.append("text before the title could not be read as authors")

    place: str | None = None
    publisher: str | None = None
    date: PartialDate | None = None
    pub = _PUB_PAREN.search(after_title)
    if pub:
        place, publisher = pub.group("place").strip(), pub.group("publisher").strip()
        date = PartialDate(int(pub.group("year")))
    thesis = _THESIS.search(after_title)
    if thesis:
        kind = CitationKind.THESIS
        publisher = thesis.group("school").strip()
        date = PartialDate(int(thesis.group("year")))
        container = None
    if date is None:
        date = _publication_date(after_title, ret)
    if date is None and before_title:
        # author-date styles print the year between the names and the title: "Sulloway,
        # Frank J. (1982). “The Beagle’s ...”", "Piveteau, J. (ed.). 1954. *Oeuvres ...*"
        year = re.search(r"(?:^|[(.,]\s*)((?:1[5-9]|20)\d\d)[a-z]?(?=\s*[).,])", before_title)
        date = PartialDate(int(year.group(1))) if year else None

    volume = _VOLUME.search(after_title)
    issue = _ISSUE.search(after_title)
    edition = _EDITION.search(after_title)
    if kind is CitationKind.OTHER:
        if urls or retrieved:
            kind = CitationKind.WEB
        elif title_match and container and (volume or issue):
            kind = CitationKind.ARTICLE
        elif title and (publisher or edition):
            kind = CitationKind.BOOK
        elif title_match and not container and not date:
            kind = CitationKind.OTHER

    pages = _find_pages(after_title)
    single_page = bool(re.search(r"\bp\.\s*\d+(?![\d–-])", after_title))
    short = not (urls or retrieved or date or publisher or volume or issue) and bool(title)
    if short and not title_match and not italic_titles:
        short = False
    if not title and not urls:
        warnings.append("no title, container or URL found")
    return _assemble(
        raw,
        kind,
        (authors, et_al, editors),
        (title, container, publisher, place, date, retrieved),
        (urls, repairs, _doi(raw)),
        short_form=short,
        warnings=tuple(warnings),
        edition=edition.group("ed") if edition else None,
        volume=volume.group("v") if volume else None,
        issue=issue.group("n") if issue else None,
        pages=pages,
        locator=pages if pages and (single_page or kind not in _EXTENT_KINDS) else None,
        genre=thesis.group("label") if thesis else None,  # as printed: "Unpublished M.A. Thesis"
    )


def _assemble(
    raw: str,
    kind: CitationKind,
    people: tuple[tuple[str, ...], bool, tuple[str, ...]],
    work: tuple[
        str | None, str | None, str | None, str | None, PartialDate | None, PartialDate | None
    ],
    links: tuple[tuple[str, ...], tuple[UrlRepair, ...], str | None],
    **numbers: Any,
) -> Citation:
    """Both parsers' citation (rules and labeller) in one place: its people (authors, whether
    "et al." ended them, editors), its work (title, container, publisher, place, date,
    retrieved), its links (URLs, their repairs, DOI); then the numbers, pinpoint, genre,
    short-form flag and warnings each parser found."""
    authors, et_al, editors = people
    title, container, publisher, place, date, retrieved = work
    urls, repairs, doi = links
    return Citation(
        raw=raw,
        kind=kind,
        authors=authors,
        et_al=et_al,
        editors=editors,
        title=title,
        container=container,
        publisher=publisher,
        place=place,
        date=date,
        retrieved=retrieved,
        urls=urls,
        url_repairs=repairs,
        doi=doi,
        **numbers,
    )


def _doi(raw: str) -> str | None:
    match = _DOI.search(raw)
    return match.group(1).rstrip(".,;)]}>") if match else None


# Kinds whose printed page range is the item's extent (an article's 169-182); elsewhere the
# pages a note prints are what it cites at: the pinpoint.
_EXTENT_KINDS = (CitationKind.ARTICLE, CitationKind.CHAPTER)


def _first_italic(text: str) -> str | None:
    match = _ITALIC.search(text)
    return match.group("text").strip() if match else None


def _find_pages(text: str) -> str | None:
    match = _PAGES.search(text)
    return re.sub(r"\s+", " ", match.group("pages")).strip(" ,") if match else None


def _publication_date(text: str, retrieved: re.Match[str] | None) -> PartialDate | None:
    """The date in parentheses or before 'retrieved', never the retrieved date itself."""
    if retrieved:
        text = text[: retrieved.start()]
    text = _DOI.sub("", _ANGLE_URL.sub("", text))  # a DOI's digits are not a date
    for paren in re.finditer(r"\(([^()]*\d{4}[^()]*)\)", text):
        date = parse_date(paren.group(1))
        if date:
            return date
    found = find_dates(text)
    return found[0].date if found else None


# --- the learned labeller's fields -> Citation ------------------------------------------------

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s<>\"]+)")
_REPORTERS = re.compile(
    r"^(?:U\.\s?S\.|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?|F\.(?:\s?Supp\.)?(?:\s?[234]d|\s?4th)?|"
    r"[A-Z][a-z]*\.(?:\s?[A-Z][a-z]*\.)*\s?(?:Rptr|App)\.?(?:\s?[2-5]d)?|"
    r"(?:N\.E|N\.W|S\.E|S\.W|So|P|A)\.(?:\s?[2-5]d)?|E\.?C\.?R\.|All\s?E\.?R\.|W\.?L\.?R\.)$"
)
_CODES = re.compile(r"^(?:U\.\s?S\.\s?C\.(?:\s?A\.)?|C\.\s?F\.\s?R\.|Stat\.|Pub\.\s?L\.)")
_THESIS_WORDS = re.compile(r"thes[ie]s|diss|dissertation|tez|doktor|ph\.?\s?d|master|m\.a\.", re.I)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


_PAGES_CUE = re.compile(
    r"\b(?:pp?\.|pages?|S\.)\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?)(?!\d)", re.IGNORECASE
)
_RANGE_AT_END = re.compile(r"(?<![\d/.])(?P<pages>\d{1,5}\s*[-–]\s*\d{1,5})\s*[.)]?\s*$")
_VOLUME_CUE = re.compile(
    r"\b(?:vol\.?|volume|bd\.|t\.)\s*(?P<volume>\d+)|(?<![\d(])(?P<vi>\d{1,4})\s*\(\d+[^)]*\)\s*[:,]"
    r"|(?<![\d.])(?P<jg>\d{1,4})\.?\s*(?:Jg\.|Jahrgang\b)",  # German: "10. Jg." is the volume
    re.IGNORECASE,
)
_ISSUE_CUE = re.compile(r"\b(?:Heft|H\.|Nr\.|no\.|n°|issue)\s*(?P<issue>\d+)", re.IGNORECASE)


def _labelled_date(text: str | None) -> PartialDate | None:
    if not text:
        return None
    date = parse_date(text)
    if date is not None:
        return date
    year = _YEAR.search(text)
    return PartialDate(int(year.group(1))) if year else None


def _number(text: str | None) -> str | None:
    if not text:
        return None
    match = re.search(r"[\dIVXLCivxlc]+(?:\s*[–/-]\s*\d+)?", text)
    return match.group(0).replace(" ", "") if match else text


def _unmarked(raw: str, issue: str) -> bool:
    """An issue is printed after its volume or with its own word ("no. 3", "n° 54", "Heft 4",
    "79-3", "(3)"); a number printed alone between separators where the labeller saw an issue
    ("Nano Lett. 2010, 10, 1979") is the volume."""
    found = list(re.finditer(rf"(?<![\w-]){re.escape(issue)}(?![\w-])", raw)) if issue else []
    if len(found) != 1:
        return False
    before, after = raw[: found[0].start()], raw[found[0].end() :]
    return bool(re.search(r"[,;.]\s*$", before)) and bool(re.match(r"\s*(?:[,;:.]|$)", after))


def parse_labelled(raw: str) -> Citation:
    """One citation read by the learned labeller; URLs and DOIs still by the exact rules."""
    labelled = label_citation(raw)
    get = labelled.get
    title = get("title")
    urls, repairs = extract_urls(raw, title)
    doi = _doi(raw)
    # a DOI's address stays among the URLs (it is cited and fetched) but makes no web page
    pages_on_web = [u for u in urls if not (doi and u.endswith(doi) and "doi" in u.split("/")[2])]
    authors, et_al = split_person_names(get("author") or "")
    editors, _ = split_person_names(get("editor") or "")
    container = get("container")
    genre = get("genre")
    volume, issue = _number(get("volume")), _number(get("issue"))
    pages = get("pages")
    pages = re.sub(r"\s+", "", pages) if pages else None
    locator = get("locator")
    if pages is None and locator is None:  # printed cues the labeller missed
        cue = _PAGES_CUE.search(raw) or _RANGE_AT_END.search(raw)
        pages = re.sub(r"\s+", "", cue.group("pages")) if cue else None
    if volume is None and issue is not None and _unmarked(raw, get("issue") or ""):
        volume, issue = issue, None  # a lone number the labeller took for an issue
    if volume is None:
        cue = _VOLUME_CUE.search(raw)
        volume = (cue.group("volume") or cue.group("vi") or cue.group("jg")) if cue else None
    if issue is None and volume is not None:
        cue = _ISSUE_CUE.search(raw)
        issue = cue.group("issue") if cue and cue.group("issue") != volume else None
    if locator and not pages and container and (volume or issue or "-" in locator):
        pages, locator = re.sub(r"\s+", "", locator), None  # an article's extent, printed last
    publisher, place = get("publisher"), get("place")
    date = _labelled_date(get("date"))
    if date is None:  # a year the labeller missed, outside the title, URLs and DOI
        rest = raw.replace(title or "\0", " ")
        for url in (*urls, doi or ""):
            rest = rest.replace(url, " ") if url else rest
        years = _YEAR.findall(rest.replace(get("accessed") or "\0", " "))
        date = PartialDate(int(years[-1])) if years else None
    retrieved = _labelled_date(get("accessed"))
    kind = CitationKind.OTHER
    if container and _REPORTERS.match(container):
        kind = CitationKind.LEGAL_CASE
    elif container and _CODES.match(container):
        kind = CitationKind.LEGISLATION
    elif genre and _THESIS_WORDS.search(genre):
        kind = CitationKind.THESIS
    elif genre:
        kind = CitationKind.REPORT
    elif container and (
        editors or re.search(rf"\b(?:In|in|En|Dans)\b:?\s*\W?{re.escape(container[:8])}", raw)
    ):
        kind = CitationKind.CHAPTER
    elif container and (volume or issue or pages) and not publisher:
        kind = CitationKind.ARTICLE
    elif (pages_on_web or retrieved) and not (volume or publisher):
        kind = CitationKind.WEB
    elif title and (publisher or place or get("edition")):
        kind = CitationKind.BOOK
    elif container and date:
        kind = CitationKind.ARTICLE
    warnings: tuple[str, ...] = ()
    if not title and not urls and not container:
        warnings = ("no title, container or URL found",)
    short = bool(title) and not (
        urls or retrieved or date or publisher or volume or issue or container or doi
    )
    return _assemble(
        raw,
        kind,
        (authors, et_al, editors),
        (title, container, publisher, place, date, retrieved),
        (urls, repairs, doi),
        short_form=short,
        warnings=warnings,
        edition=get("edition"),
        volume=volume,
        issue=issue,
        pages=pages,
        locator=locator,
        genre=genre,
        number=get("number"),
    )


# --- short forms --------------------------------------------------------------------------


def _key_title(title: str | None) -> str:
    return " ".join(re.findall(r"\w+", fold(title or "")))


def _similar(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if b.startswith(a) or a.startswith(b):
        return len(min(a, b, key=len)) >= 12
    return SequenceMatcher(None, a, b).ratio() >= 0.9


@dataclass(slots=True)
class _Index:
    """Earlier full citations, indexed so each short form looks at a few candidates only."""

    by_ref: dict[CitationRef, Citation] = field(default_factory=dict)
    by_family: dict[str, list[CitationRef]] = field(default_factory=dict)
    by_word: dict[str, list[CitationRef]] = field(default_factory=dict)
    by_note: dict[int, list[CitationRef]] = field(default_factory=dict)
    by_alias: dict[str, CitationRef] = field(default_factory=dict)

    def add(self, ref: CitationRef, citation: Citation) -> None:
        self.by_ref[ref] = citation
        self.by_note.setdefault(ref.note, []).append(ref)
        for author in citation.authors:
            self.by_family.setdefault(fold(family_name(author)), []).append(ref)
        words = _key_title(citation.title).split()
        if words:
            self.by_word.setdefault(words[0], []).append(ref)
        alias = _HEREINAFTER.search(citation.raw)
        if alias:
            self.by_alias[_key_title(alias.group("alias"))] = ref

    def candidates(self, citation: Citation) -> list[CitationRef]:
        refs: list[CitationRef] = []
        for author in citation.authors:
            refs += self.by_family.get(fold(family_name(author)), [])[-50:]
        words = _key_title(citation.title).split()
        if words:
            refs += self.by_word.get(words[0], [])[-50:]
        return sorted(set(refs), key=lambda r: (r.note, r.index))


def _resolved(citation: Citation, ref: CitationRef, target: Citation | None) -> Citation:
    return replace(citation, resolves_to=ref, kind=target.kind if target else citation.kind)


def _resolve_supra(
    citation: Citation, supra: re.Match[str], index: _Index, families: set[str]
) -> Citation:
    """``X, supra note N``: the citation of note N that X names (an author, or a short title);
    when note N cites no X but an earlier note does, that one, with a warning."""
    number = int(supra.group("note"))
    refs = index.by_note.get(number, [])
    head = _key_title(supra.group("head"))
    by_author = [
        r for r in refs if families & {fold(family_name(a)) for a in index.by_ref[r].authors}
    ]
    by_title = [r for r in refs if head and _key_title(index.by_ref[r].title).startswith(head)]
    if by_author or by_title:
        ref = (by_author or by_title)[0]
        return _resolved(citation, ref, index.by_ref[ref])
    elsewhere = [r for f in families for r in index.by_family.get(f, [])]
    if elsewhere:
        ref = max(elsewhere, key=lambda r: (r.note, r.index))
        warning = (
            f"supra note {number} does not cite {supra.group('head').strip()}; note {ref.note} does"
        )
        return replace(
            _resolved(citation, ref, index.by_ref[ref]), warnings=(*citation.warnings, warning)
        )
    if refs:
        return _resolved(citation, refs[0], index.by_ref[refs[0]])
    return replace(citation, warnings=(*citation.warnings, f"supra note {number}: no such note"))


def _resolve(citation: Citation, index: _Index, previous: CitationRef | None) -> Citation:
    if _IBID.match(citation.raw):
        if previous is None:
            return replace(citation, warnings=(*citation.warnings, "Ibid. with no earlier note"))
        return _resolved(citation, previous, index.by_ref.get(previous))
    key = _key_title(citation.title)
    words = key.split()
    for size in range(min(len(words), 8), 0, -1):  # "Ports Report at 14": the alias leads
        ref = index.by_alias.get(" ".join(words[:size]))
        if ref is not None:
            return _resolved(citation, ref, index.by_ref[ref])
    families = {fold(family_name(a)) for a in citation.authors}
    supra = _SUPRA.match(citation.raw)
    if supra:
        return _resolve_supra(citation, supra, index, families)
    if _OP_CIT.match(citation.raw) and families:
        refs = [r for f in families for r in index.by_family.get(f, [])]
        if refs:
            ref = max(refs, key=lambda r: (r.note, r.index))
            return _resolved(citation, ref, index.by_ref[ref])
    for ref in reversed(index.candidates(citation)):
        candidate = index.by_ref[ref]
        if not _similar(key, _key_title(candidate.title)):
            continue
        candidate_families = {fold(family_name(a)) for a in candidate.authors}
        if families and candidate_families and not families & candidate_families:
            continue
        return _resolved(citation, ref, candidate)
    return replace(
        citation,
        short_form=False,
        warnings=(*citation.warnings, "looks like a short form but matches no earlier citation"),
    )


# --- whole notes --------------------------------------------------------------------------


def parse_note(number: int, text: str) -> Note:
    citations: list[Citation] = []
    commentary: list[str] = []
    for part in split_citations(text):
        if _has_citation_marks(part) or _reads_as_citation(part):
            citations.append(parse_citation(part))
        else:
            commentary.append(part)
    warnings = () if citations or commentary else ("empty note",)
    return Note(
        number=number,
        text=text,
        citations=tuple(citations),
        commentary=tuple(commentary),
        warnings=warnings,
    )


def resolve_short_forms(notes: Sequence[Note]) -> list[Note]:
    """Point each short form at the full citation it abbreviates (the latest earlier match)."""
    index = _Index()
    resolved: list[Note] = []
    previous: CitationRef | None = None
    for note in notes:
        citations: list[Citation] = []
        for position, citation in enumerate(note.citations):
            if citation.short_form:
                citation = _resolve(citation, index, previous)
            else:
                index.add(CitationRef(note.number, position), citation)
            citations.append(citation)
        if len(citations) == 1:
            only = citations[0]
            previous = only.resolves_to or CitationRef(note.number, 0)
        elif citations:
            previous = None
        resolved.append(replace(note, citations=tuple(citations)))
    return resolved


def parse_notes(lines: Iterable[str], vocabulary: Vocabulary | None = None) -> list[Note]:
    """The notes section's lines -> parsed, short-form-resolved notes."""
    notes = [parse_note(number, text) for number, text in split_notes(lines, vocabulary)]
    return resolve_short_forms(notes)
