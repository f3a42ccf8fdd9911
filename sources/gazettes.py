"""Official-gazette references: the Turkish Resmî Gazete and the Croatian Narodne Novine."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from sources.dates import PartialDate, parse_date
from sources.lines import fold


class Gazette(StrEnum):
    RESMI_GAZETE = "resmi-gazete"
    NARODNE_NOVINE = "narodne-novine"


@dataclass(frozen=True, slots=True)
class GazetteRef:
    """One gazette issue as a note prints it.

    Resmî Gazete: `number` is the issue number, `mukerrer` marks a repeated (mükerrer) issue.
    Narodne Novine: `number`/`year` is the issue of the international-treaties series ("No.
    1/2004"), `item` the act number printed in brackets, `section` the part ("Međunarodni
    Ugovori, Ostalo").
    """

    gazette: Gazette
    number: int
    date: PartialDate | None
    mukerrer: bool = False
    year: int | None = None
    item: int | None = None
    section: str | None = None


_RG_NAME = re.compile(r"resmi\s+gazete", re.IGNORECASE)
_NN_NAME = re.compile(r"narodne\s+novine", re.IGNORECASE)
_RG_REF = re.compile(
    r"(?:No\.?|Sayı:?|S\.)\s*(?P<number>\d{1,6})\s*(?P<mukerrer>\((?:\d\.\s*)?m[üu]kerrer\)|"
    r"m[üu]kerrer)?\s*,?\s*\(?(?P<date>[^()]*\d{4})\)?",
    re.IGNORECASE,
)
_NN_REF = re.compile(
    r"(?:No\.?|br\.?)\s*(?P<number>\d{1,3})/(?P<year>\d{4})\s*(?:\((?P<item>\d{1,6})\))?"
    r"(?P<rest>.*)",
    re.IGNORECASE,
)


def names_gazette(text: str) -> Gazette | None:
    """Which gazette `text` names, if any."""
    folded = fold(text)
    if _RG_NAME.search(folded):
        return Gazette.RESMI_GAZETE
    if _NN_NAME.search(folded):
        return Gazette.NARODNE_NOVINE
    return None


def parse_gazette_ref(text: str) -> GazetteRef | None:
    """Parse ``*T.C. Resmi Gazete*, No. 29007 (mükerrer) (May 22, 2014)`` and its NN kin."""
    gazette = names_gazette(text)
    if gazette is Gazette.RESMI_GAZETE:
        match = _RG_REF.search(text)
        if not match:
            return None
        return GazetteRef(
            gazette=gazette,
            number=int(match.group("number")),
            date=parse_date(match.group("date")),
            mukerrer=bool(match.group("mukerrer")),
        )
    if gazette is Gazette.NARODNE_NOVINE:
        match = _NN_REF.search(text)
        if not match:
            return None
        rest = match.group("rest")
        section = re.sub(r"\(?[A-Z][a-z]+\.? \d.*$", "", rest).strip(" ,.*")
        return GazetteRef(
            gazette=gazette,
            number=int(match.group("number")),
            year=int(match.group("year")),
            item=int(match.group("item")) if match.group("item") else None,
            section=section or None,
            date=parse_date(rest),
        )
    return None
