"""The types of the claims stage: facts, claims, and what a source says about them.

A `Claim` is what one sentence (or one list item of it) states and which notes back it; its
`Fact`s are the hard parts: dates, figures, parties, the kind of event. A `ClaimCheck` is the
verdict for one claim against its sources, with the evidence for each fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sources.dates import PartialDate


class FactKind(StrEnum):
    DATE = "date"
    FIGURE = "figure"
    PARTY = "party"
    EVENT = "event"


class Qualifier(StrEnum):
    """How a figure or statement is bounded or negated in the text."""

    EXACT = "exact"
    ABOUT = "about"  # about, around, some, nearly
    MORE_THAN = "more-than"  # more than, over, at least
    LESS_THAN = "less-than"  # less than, under, up to, at most
    NEGATED = "negated"  # did not, was not, never


@dataclass(frozen=True, slots=True)
class Fact:
    """One hard fact of a claim, with its normalised value and where it is in the sentence.

    - DATE: `date` (with its precision; `end` closes a range).
    - FIGURE: `number` (scale applied: "$321 million" -> 321_000_000), `unit` (a currency code
      such as "USD", "%", "ordinal", or a counted noun such as "troops", "uav"), `qualifier`.
    - PARTY: `key` (ISO 3166 code for a country, else a folded name), `party_type`
      ("country", "organisation" or "person").
    - EVENT: `key` (a normalised event kind: "agreement-signed", "delivery", "deployment",
      "purchase", "visit", "command").
    """

    kind: FactKind
    text: str  # as printed
    start: int  # offsets in the claim's sentence text
    end: int
    key: str = ""
    date: PartialDate | None = None
    end_date: PartialDate | None = None
    number: float | None = None
    unit: str = ""
    qualifier: Qualifier = Qualifier.EXACT
    party_type: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    id: str  # stable: "s{sentence}-{n}"
    sentence: int  # index of the sentence in the article
    text: str  # the claim's part of the sentence (the whole sentence, or one list item)
    start: int  # span of `text` in the sentence
    end: int
    notes: tuple[int, ...]
    facts: tuple[Fact, ...] = ()
    negated: bool = False


class Verdict(StrEnum):
    SUPPORTED = "supported"
    PARTLY_SUPPORTED = "partly-supported"
    CONTRADICTED = "contradicted"
    NOT_FOUND = "not-found"
    SOURCE_UNAVAILABLE = "source-unavailable"
    UNCHECKED = "unchecked"  # nothing to check it against (a book no one can fetch)


class FactStatus(StrEnum):
    FOUND = "found"  # the source states the same value
    DIFFERENT = "different"  # the source states another value for it
    MISSING = "missing"  # the passage does not mention it


@dataclass(frozen=True, slots=True)
class FactCheck:
    fact: Fact
    status: FactStatus
    source_text: str = ""  # what the source prints for it
    source_value: str = ""  # normalised: ISO date, number, party key
    detail: str = ""  # e.g. "one day later", "a figure for 2022, not 2023"
    source_url: str = ""  # the source that states it (a note may cite several)
    source_start: int = -1  # span of `source_text` in that source's main text; -1: none
    source_end: int = -1
    page_date: str = ""  # the page's own date used to read it (ISO), "" if none was needed
    how: str = ""  # how the source's value was read ("year from the page's date (...)")


@dataclass(frozen=True, slots=True)
class Passage:
    """The part of a source's text that best matches a claim."""

    url: str
    text: str
    start: int  # offsets in the source's main text
    end: int
    score: float  # 0-100
    snapshot: str = ""  # which copy: "archived copy of 2024-05-09" or "snapshot of ..."
    page_date: str = ""  # the page's own date (ISO); "" when the page gives none
    page_date_from: str = ""  # where it was found: "metadata" or "dateline"


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    claim: Claim
    verdict: Verdict
    passage: Passage | None = None
    facts: tuple[FactCheck, ...] = ()
    reason: str = ""  # why this verdict, in one line
    sources: tuple[str, ...] = field(default=())  # URLs consulted
