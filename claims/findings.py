"""`Finding`: one discrepancy a check reports, for a person to review."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"  # almost certainly wrong as printed
    WARNING = "warning"  # probably wrong; check it
    INFO = "info"  # worth a look

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding sits: a block and sentence of the article, and the text quoted."""

    block: int | None = None
    sentence: int | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # the check id, stable kebab-case
    severity: Severity
    message: str  # what is wrong and what to check; where possible the likely right value
    notes: tuple[int, ...] = ()
    location: Location = field(default_factory=Location)
    evidence: dict[str, Any] = field(default_factory=dict)  # the values compared

    @property
    def key(self) -> tuple[str, tuple[int, ...], int | None, str]:
        """Identity across runs: same check, notes, place and message."""
        return (self.kind, self.notes, self.location.sentence, self.message)


def location_of(sentence: Any) -> Location:
    """The location of an `claims.article.Sentence`."""
    return Location(block=sentence.block, sentence=sentence.index, text=sentence.text)


def note_location(article: Any, note: int) -> Location:
    """The first sentence of `article` (a `claims.article.Article`) that calls `note`."""
    sentences = article.called_notes().get(note)
    return location_of(sentences[0]) if sentences else Location()
